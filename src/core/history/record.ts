/**
 * A period (评估期): what one evaluation recorded about each item, so the next evaluation can say
 * what changed. The records live in the workbook's hidden sheet 评估记录 (`./sheet.ts`); this module
 * only says what a record is and builds this period's records from an evaluation.
 *
 * An item's `key` is what carries it from period to period: a new item takes a fresh key, an item
 * matched to the last period (`./identity.ts`) keeps that period's key, so a chain of keys follows one
 * item through renumbering and inserted rows.
 */
import type { EvaluatedItem, IsoDate, Light, Status } from "../types";

/**
 * How much of a 问题描述 a record keeps (characters, by code point). Long enough that any real
 * description is whole (matching compares what is kept on both sides, `./identity.ts`), short enough
 * that a hidden sheet of many periods stays small.
 */
export const RECORD_DESCRIPTION_LENGTH = 200;

export interface PeriodRecord {
  /** The period's date: the `today` of the evaluation it records. */
  readonly period: IsoDate;
  /** The item's identity across periods (see the module comment). */
  readonly key: string;
  /** 序号 as the ledger had it, "" when blank. */
  readonly seq: string;
  /** 问题描述, whitespace runs made one space, cut at `RECORD_DESCRIPTION_LENGTH`. */
  readonly description: string;
  readonly unit: string;
  readonly status: Status;
  readonly light: Light;
  readonly overdueDays: number;
  /** The current deadline (调整后时限 where filled) when it is a date. */
  readonly deadline: IsoDate | null;
  readonly completed: IsoDate | null;
  readonly closed: boolean;
}

/** This period's record of one item, with the sheet row it is on now (rows are not recorded: they move). */
export interface CurrentRecord extends PeriodRecord {
  readonly row: number;
}

/** A description as a record keeps it. */
export function recordDescription(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length <= RECORD_DESCRIPTION_LENGTH ? flat : chars.slice(0, RECORD_DESCRIPTION_LENGTH).join("");
}

/**
 * A fresh key for the `index`-th (0-based) item of the period it first appears in: the period's date
 * and a number, so keys made on different dates never collide and a user reading the sheet sees when
 * the item first appeared (`2025-03-03#7`).
 */
export function freshKey(period: IsoDate, index: number): string {
  return `${period}#${index + 1}`;
}

/** One item's record for `period`, under `key`. */
export function recordOf(item: EvaluatedItem, period: IsoDate, key: string): CurrentRecord {
  return {
    row: item.row,
    period,
    key,
    seq: item.seq ?? "",
    description: recordDescription(item.cells.description?.text ?? ""),
    unit: item.cells.unit?.text.replace(/\s+/g, " ") ?? "",
    status: item.status,
    light: item.light,
    overdueDays: item.overdueDays,
    deadline: item.deadline.date,
    completed: item.completed.kind === "date" ? item.completed.date : null,
    closed: item.status === "closed",
  };
}

/** Finished: done or closed (SPEC §6's completion count), as for an item. */
export function recordFinished(record: PeriodRecord): boolean {
  return record.status === "done" || record.status === "closed";
}
