/**
 * The hidden sheet 评估记录: the recorded periods, one row per item per period, under one header row.
 * Written as a `SheetPlan` both hosts render (every value a text or number cell, never a formula, so
 * a description beginning with `=` stays text — SPEC §8), and read back from a `Grid`.
 *
 * The sheet is hidden, not very hidden: a user may unhide it, read it, sort it, delete a period's
 * rows or edit a cell. Reading therefore finds its columns by their header texts (in any order) and
 * skips a row it cannot use — no date, no key, a key already seen in that period — listing it rather
 * than failing. Statuses and lights are written in Chinese and read back in Chinese or as the
 * engine's codes; dates are written as `YYYY-MM-DD` text and read as text or as date serials (a user
 * retyping one makes a date cell).
 */
import { parseIsoDate } from "../dates";
import { excelSerialToIso, parseDateText } from "../parse/date";
import { cellText, normalizeText } from "../text";
import { LIGHT_LABELS, STATUS_LABELS } from "../vocabulary";
import type { CellValue, Grid, IsoDate, Light, Status } from "../types";
import { a4OnePageWide, NUMBER_FORMATS, type PlanCell, type SheetPlan } from "../plan/sheet-plan";
import type { PeriodRecord } from "./record";

export const HISTORY_SHEET_NAME = "评估记录";

/** The columns, in the order written; the header texts are how reading finds them again. */
export const HISTORY_COLUMNS = [
  { field: "period", header: "评估日期" },
  { field: "key", header: "项目标识" },
  { field: "seq", header: "序号" },
  { field: "description", header: "问题描述" },
  { field: "unit", header: "责任单位" },
  { field: "status", header: "整改状态" },
  { field: "light", header: "预警状态" },
  { field: "overdueDays", header: "逾期天数" },
  { field: "deadline", header: "整改时限" },
  { field: "completed", header: "完成日期" },
  { field: "closed", header: "是否销号" },
] as const satisfies readonly { field: keyof PeriodRecord; header: string }[];

type HistoryField = (typeof HISTORY_COLUMNS)[number]["field"];

/** How many rows from the top reading looks in for the header (a user may insert a note above it). */
const HEADER_SCAN_ROWS = 10;

const YES = "是";
const NO = "否";

const text = (value: string): PlanCell => ({ kind: "text", text: value });

/** One record as the sheet's cells, in `HISTORY_COLUMNS` order. */
export function historyRowCells(record: PeriodRecord): PlanCell[] {
  return [
    text(record.period),
    text(record.key),
    text(record.seq),
    text(record.description),
    text(record.unit),
    text(STATUS_LABELS[record.status]),
    text(LIGHT_LABELS[record.light]),
    { kind: "number", value: record.overdueDays, format: NUMBER_FORMATS.integer },
    text(record.deadline ?? ""),
    text(record.completed ?? ""),
    text(record.closed ? YES : NO),
  ];
}

const COLUMN_WIDTHS = [12, 14, 8, 40, 16, 10, 10, 9, 12, 12, 9];

/**
 * The 评估记录 sheet as a plan: one table from row 1 (header) with a row per record, header frozen.
 * `name` is the sheet's name (`HISTORY_SHEET_NAME` unless the host had to pick another). The host
 * renders it like the summary sheet and then hides the sheet (state hidden).
 */
export function planHistorySheet(history: readonly PeriodRecord[], name: string = HISTORY_SHEET_NAME): SheetPlan {
  const rows = history.map(historyRowCells);
  return {
    name,
    heading: [],
    tables: [
      {
        id: "history",
        left: 1,
        titleRow: null,
        title: null,
        headerRow: 1,
        header: HISTORY_COLUMNS.map((column) => column.header),
        firstRow: 2,
        rows,
        lastRow: 1 + rows.length,
        notes: [],
      },
    ],
    columnWidths: COLUMN_WIDTHS,
    // The whole sheet is hidden (the adapter hides 评估记录), none of its columns.
    hiddenColumns: [],
    print: a4OnePageWide("landscape"),
    charts: [],
    rowHeights: [],
    freezeRows: 1,
  };
}

/** `评估记录`, `评估记录 (2)`, `评估记录 (3)`…: the names the history sheet may have. */
export function isHistorySheetName(name: string): boolean {
  return name === HISTORY_SHEET_NAME || new RegExp(`^${HISTORY_SHEET_NAME} \\(\\d+\\)$`).test(name);
}

/**
 * Which sheet holds the history, or which to create: the first of `评估记录`, `评估记录 (2)`… that is
 * ours (its header reads as a history, `readHistorySheet(…).headerFound`), else the first of those
 * names not taken. A sheet of that name that is not a history is the user's and is never written
 * (SPEC §8, as for the summary sheet). Names compare case-insensitively, as Excel's do.
 */
export function pickHistorySheet(sheets: readonly { readonly name: string; readonly ours: boolean }[]): {
  readonly name: string;
  readonly exists: boolean;
} {
  const byName = new Map(sheets.map((sheet) => [sheet.name.toLowerCase(), sheet]));
  for (let n = 1; ; n++) {
    const name = n === 1 ? HISTORY_SHEET_NAME : `${HISTORY_SHEET_NAME} (${n})`;
    const sheet = byName.get(name.toLowerCase());
    if (!sheet) return { name, exists: false };
    if (sheet.ours) return { name: sheet.name, exists: true };
  }
}

export interface HistoryReading {
  /** False when the sheet has no header row naming 评估日期 and 项目标识 (nothing could be read). */
  readonly headerFound: boolean;
  readonly records: readonly PeriodRecord[];
  /** Sheet rows that are not blank yet could not be read (no date, no key, the key repeated in its period). */
  readonly skippedRows: readonly number[];
}

const STATUS_BY_WORD = wordsToKeys(STATUS_LABELS);
const LIGHT_BY_WORD = wordsToKeys(LIGHT_LABELS);

function wordsToKeys<K extends string>(labels: Readonly<Record<K, string>>): Map<string, K> {
  const map = new Map<string, K>();
  for (const key of Object.keys(labels) as K[]) {
    map.set(normalizeText(labels[key]), key);
    map.set(normalizeText(key), key);
  }
  return map;
}

function dateOf(value: CellValue, date1904: boolean): IsoDate | null {
  if (typeof value === "number") return excelSerialToIso(value, date1904);
  const t = cellText(value);
  return t === "" ? null : (parseIsoDate(t) ?? parseDateText(t));
}

function numberOf(value: CellValue): number {
  const n = typeof value === "number" ? value : Number(cellText(value));
  return Number.isFinite(n) && n >= 0 ? Math.round(n) : 0;
}

function closedOf(value: CellValue, status: Status): boolean {
  if (typeof value === "boolean") return value;
  const t = normalizeText(cellText(value));
  if (t === "") return status === "closed";
  return t === YES || t === "true" || t === "√" || t === "✓" || t === "已销号";
}

function findHeader(grid: Grid): { row: number; columns: Partial<Record<HistoryField, number>> } | null {
  const byHeader = new Map(HISTORY_COLUMNS.map((column) => [normalizeText(column.header), column.field]));
  for (let r = 0; r < Math.min(HEADER_SCAN_ROWS, grid.values.length); r++) {
    const columns: Partial<Record<HistoryField, number>> = {};
    (grid.values[r] ?? []).forEach((value, c) => {
      const field = byHeader.get(normalizeText(cellText(value)));
      if (field !== undefined && columns[field] === undefined) columns[field] = c;
    });
    if (columns.period !== undefined && columns.key !== undefined) return { row: r, columns };
  }
  return null;
}

/**
 * The records in a 评估记录 sheet. Columns are found by header text; a missing optional column reads
 * as empty. Blank rows are ignored; other rows without a readable date or key, or repeating a key
 * within their period, are skipped and listed (a hand edit must not break the next evaluation).
 */
export function readHistorySheet(grid: Grid): HistoryReading {
  const header = findHeader(grid);
  if (header === null) return { headerFound: false, records: [], skippedRows: [] };
  const { columns } = header;
  const records: PeriodRecord[] = [];
  const skippedRows: number[] = [];
  const seen = new Set<string>();
  for (let r = header.row + 1; r < grid.values.length; r++) {
    const values = grid.values[r] ?? [];
    const at = (field: HistoryField): CellValue => {
      const c = columns[field];
      return c === undefined ? null : (values[c] ?? null);
    };
    if (values.every((value) => cellText(value ?? null) === "")) continue;
    const period = dateOf(at("period"), grid.date1904);
    const key = cellText(at("key"));
    const sheetRow = grid.origin.row + r;
    if (period === null || key === "" || seen.has(`${period}\u0000${key}`)) {
      skippedRows.push(sheetRow);
      continue;
    }
    seen.add(`${period}\u0000${key}`);
    const status = STATUS_BY_WORD.get(normalizeText(cellText(at("status")))) ?? "unknown";
    const light: Light = LIGHT_BY_WORD.get(normalizeText(cellText(at("light")))) ?? "none";
    records.push({
      period,
      key,
      seq: cellText(at("seq")),
      description: cellText(at("description")),
      unit: cellText(at("unit")),
      status,
      light,
      overdueDays: numberOf(at("overdueDays")),
      deadline: dateOf(at("deadline"), grid.date1904),
      completed: dateOf(at("completed"), grid.date1904),
      closed: closedOf(at("closed"), status),
    });
  }
  return { headerFound: true, records, skippedRows };
}
