/**
 * Test helper: build items and layouts directly, without the layout and parse modules, so rule
 * tests state exactly the item they are about.
 *
 *     itemFrom({ row: 7, cells: { owner: "", deadline: "2025-03-31" }, status: "in_progress" })
 *
 * Every field sits in a fixed column (`FACTORY_COLUMNS`: seq = A, source = B, … in `FIELD_KEYS`
 * order), so a cell's address is predictable (`owner` on row 7 is `I7`). Date readings are derived
 * from the cell text when not given: "" is empty, a strict `YYYY-MM-DD` is a date, anything else is
 * invalid; a deadline also reads the long-term words (长期, 持续推进, 常态化, 长效) as ongoing.
 */
import { parseIsoDate } from "../../src/core/dates";
import { DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import type { RuleContext } from "../../src/core/rules/rule";
import type { PeriodRecord } from "../../src/core/history/record";
import {
  FIELD_KEYS,
  type CellValue,
  type DateReading,
  type DeadlineReading,
  type EvaluatedItem,
  type FieldCell,
  type FieldKey,
  type IsoDate,
  type LedgerLayout,
} from "../../src/core/types";

export const FACTORY_COLUMNS: Readonly<Record<FieldKey, number>> = Object.fromEntries(
  FIELD_KEYS.map((field, index) => [field, index + 1]),
) as Record<FieldKey, number>;

export interface ItemSpec extends Partial<Omit<EvaluatedItem, "cells">> {
  /** Field → the cell's value; a string is also its text. Fields left out (or undefined) have no cell. */
  readonly cells?: Partial<Record<FieldKey, CellValue>>;
}

function textOfValue(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "object") return "error" in value ? value.error : value.runs.join("").trim();
  return String(value).trim();
}

export function cellFor(field: FieldKey, value: CellValue): FieldCell {
  const col = FACTORY_COLUMNS[field];
  return { value, text: textOfValue(value), col, numberFormat: null };
}

export function dateReadingOf(text: string): DateReading {
  if (text === "") return { kind: "empty" };
  const date = parseIsoDate(text);
  return date ? { kind: "date", date } : { kind: "invalid", text };
}

const LONG_TERM = /长期|持续推进|常态化|长效/;

export function deadlineReadingOf(text: string): DeadlineReading {
  const date = parseIsoDate(/\d{4}-\d{2}-\d{2}/.exec(text)?.[0] ?? "");
  const ongoing = LONG_TERM.test(text);
  return { date, ongoing, invalid: text !== "" && date === null && !ongoing, text };
}

export function itemFrom(spec: ItemSpec = {}): EvaluatedItem {
  const row = spec.row ?? 5;
  const cells: Partial<Record<FieldKey, FieldCell>> = {};
  for (const [field, value] of Object.entries(spec.cells ?? {}) as [FieldKey, CellValue | undefined][]) {
    if (value !== undefined) cells[field] = cellFor(field, value);
  }
  const text = (field: FieldKey): string => cells[field]?.text ?? "";
  // As items.ts: the current deadline is 调整后时限 where filled, else 原定时限, else 整改时限.
  const mainDeadline = deadlineReadingOf(text("deadline"));
  const originalDeadline =
    spec.originalDeadline ??
    (text("originalDeadline") !== "" ? deadlineReadingOf(text("originalDeadline")) : mainDeadline);
  const deadlineField =
    spec.deadlineField ??
    (text("extendedDeadline") !== ""
      ? "extendedDeadline"
      : text("originalDeadline") !== ""
        ? "originalDeadline"
        : "deadline");
  const deadline =
    spec.deadline ??
    (deadlineField === "extendedDeadline" ? deadlineReadingOf(text("extendedDeadline")) : originalDeadline);
  return {
    row,
    cells,
    seq: spec.seq !== undefined ? spec.seq : text("seq") || null,
    status: spec.status ?? "not_started",
    statusColumn: spec.statusColumn ?? null,
    closedByColumn: spec.closedByColumn ?? false,
    type: spec.type ?? null,
    typeUnknown: spec.typeUnknown ?? false,
    assigned: spec.assigned ?? dateReadingOf(text("assigned")),
    deadline,
    deadlineField,
    originalDeadline,
    extended: spec.extended ?? (deadlineField === "extendedDeadline" && deadline.text !== originalDeadline.text),
    completed: spec.completed ?? dateReadingOf(text("completed")),
    closedOn: spec.closedOn ?? dateReadingOf(text("closedOn")),
    reviewed: spec.reviewed ?? dateReadingOf(text("reviewed")),
    ongoing: spec.ongoing ?? deadline.ongoing,
    light: spec.light ?? "none",
    overdueDays: spec.overdueDays ?? 0,
    dueInDays: spec.dueInDays ?? null,
  };
}

/** A layout whose columns are `fields` (default: all) at their `FACTORY_COLUMNS`. */
export function layoutWith(fields: readonly FieldKey[] = FIELD_KEYS, sheet = "整改台账"): LedgerLayout {
  const columns: Partial<Record<FieldKey, number>> = {};
  const headers: Record<number, string> = {};
  for (const field of fields) {
    columns[field] = FACTORY_COLUMNS[field];
    headers[FACTORY_COLUMNS[field]] = field;
  }
  return {
    sheet,
    headerRow: 2,
    headerTop: 2,
    firstRow: 3,
    lastRow: 100,
    firstCol: 1,
    lastCol: FIELD_KEYS.length,
    columns,
    headers,
    userMapped: [],
    ownedColumns: { status: null, opinion: null },
  };
}

export interface ContextSpec {
  readonly items?: readonly EvaluatedItem[];
  /** The ledger's columns (default: every field). */
  readonly fields?: readonly FieldKey[];
  readonly today?: IsoDate;
  readonly settings?: Settings;
  /** Each item's record last period, by row (rules comparing with the recorded periods). */
  readonly lastPeriod?: ReadonlyMap<number, PeriodRecord>;
}

/** A rule context with defaults: every column, no items, today 2025-03-31, default settings. */
export function contextFrom(spec: ContextSpec = {}): RuleContext {
  return {
    layout: layoutWith(spec.fields),
    items: spec.items ?? [],
    today: spec.today ?? "2025-03-31",
    settings: spec.settings ?? DEFAULT_SETTINGS,
    ...(spec.lastPeriod ? { lastPeriod: spec.lastPeriod } : {}),
  };
}

/** A record of last period (评估记录) with defaults: in progress, green, dated 2025-03-24. */
export function lastPeriodRecord(overrides: Partial<PeriodRecord> = {}): PeriodRecord {
  return {
    period: "2025-03-24",
    key: "2025-03-24#1",
    seq: "1",
    description: "问题",
    unit: "办公室",
    status: "in_progress",
    light: "green",
    overdueDays: 0,
    deadline: null,
    completed: null,
    closed: false,
    ...overrides,
  };
}
