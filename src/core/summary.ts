/**
 * The summary for the meeting (指标汇总, SPEC §6): counts, rates, breakdowns by unit/type/category,
 * the list of red and yellow items, and the seed's indicators.
 *
 * Definitions (SPEC §6, with the choices where it is silent):
 * - *finished* = `done` or `closed` (SPEC §3: `基本完成` is not complete);
 * - `overdue` = not finished and `overdueDays > 0` (an item overdue by fewer than 14 days is still
 *   green, but it is overdue);
 * - `completionRate` = finished / items; `closeRate` = closed / items; both null without items;
 * - `onTimeRate` = finished items with `completed ≤ deadline` / finished items that have both a
 *   `completed` date and a dated deadline; null when no finished item has both. The deadline is the
 *   current one (调整后时限 where filled); `onTimeRateOriginal` is the same against the deadline
 *   before any extension (equal to `onTimeRate` on a ledger without extensions);
 * - `amounts`: the money columns' sums (see amounts.ts), null without money columns;
 * - rates keep full precision here; formatting happens at the edges (`roundRate` in report/json.ts for JSON, percent
 *   formats in the summary sheet), so nothing is rounded twice.
 */
import { summarizeAmounts, type AmountColumnUnit } from "./amounts";
import { isDueSoon } from "./light";
import { computeIndicators } from "./indicators";
import type { Settings } from "./settings";
import { LIGHT_ORDER, STATUS_ORDER } from "./vocabulary";
import type {
  BreakdownRow,
  DueSoonEntry,
  EvaluatedItem,
  FieldKey,
  ItemType,
  LedgerLayout,
  Summary,
  SurveyResult,
  WarningListEntry,
} from "./types";

/** A breakdown key for an empty cell. */
export const UNFILLED_KEY = "（未填写）";
/** The type breakdown's key for type text that is none of the known types (rule `unknown-type`). */
export const OTHER_TYPE_KEY = "（其他）";

export const isFinished = (item: EvaluatedItem): boolean => item.status === "done" || item.status === "closed";
export const isOverdue = (item: EvaluatedItem): boolean => !isFinished(item) && item.overdueDays > 0;

function countBy<K extends string>(
  keys: readonly K[],
  items: readonly EvaluatedItem[],
  keyOf: (i: EvaluatedItem) => K,
) {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const item of items) counts[keyOf(item)] += 1;
  return counts;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * `onTimeRate`'s two counts: finished items with a completion date and a dated deadline, and those
 * of them completed on time, against the current deadline (`deadline`: 调整后时限 where filled) or
 * the one before any extension (`originalDeadline`). A consolidation over many ledgers sums these,
 * not the rates.
 */
export function onTimeCounts(
  items: readonly EvaluatedItem[],
  against: "deadline" | "originalDeadline" = "deadline",
): { readonly onTime: number; readonly dated: number } {
  let dated = 0;
  let onTime = 0;
  for (const item of items) {
    const deadline = item[against].date;
    if (!isFinished(item) || item.completed.kind !== "date" || deadline === null) continue;
    dated++;
    if (item.completed.date <= deadline) onTime++;
  }
  return { onTime, dated };
}

/** Finished items with `completed ≤ deadline` / finished items with both dates (see `onTimeCounts`). */
function onTimeRate(items: readonly EvaluatedItem[], against: "deadline" | "originalDeadline"): number | null {
  const { onTime, dated } = onTimeCounts(items, against);
  return ratio(onTime, dated);
}

const cellTextOf = (item: EvaluatedItem, field: FieldKey): string => item.cells[field]?.text ?? "";

/** The type breakdown's key: the `ItemType`, `（其他）` for unrecognised text, `（未填写）` for an empty cell. */
export function typeKey(item: EvaluatedItem): ItemType | typeof OTHER_TYPE_KEY | typeof UNFILLED_KEY {
  if (item.type !== null) return item.type;
  return item.typeUnknown || cellTextOf(item, "type") !== "" ? OTHER_TYPE_KEY : UNFILLED_KEY;
}

/**
 * Items grouped by `keyOf`, each group with items, finished, closed, red, yellow, overdue; ordered by
 * items (most first), then by key in code-point order (deterministic on every machine; the
 * full-width `（未填写）` sorts after Chinese text among equals).
 */
export function breakdown(items: readonly EvaluatedItem[], keyOf: (item: EvaluatedItem) => string): BreakdownRow[] {
  const rows = new Map<string, { -readonly [K in keyof BreakdownRow]: BreakdownRow[K] }>();
  for (const item of items) {
    const key = keyOf(item);
    let row = rows.get(key);
    if (!row) {
      row = { key, items: 0, finished: 0, closed: 0, red: 0, yellow: 0, overdue: 0 };
      rows.set(key, row);
    }
    row.items++;
    if (isFinished(item)) row.finished++;
    if (item.status === "closed") row.closed++;
    if (item.light === "red") row.red++;
    if (item.light === "yellow") row.yellow++;
    if (isOverdue(item)) row.overdue++;
  }
  return [...rows.values()].sort((a, b) => b.items - a.items || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * An entry of the warning or 临期 list: what both show of an item, then the list's own columns, in
 * that key order. Extended with `Object.assign`, not built with an object spread: the spread took
 * V8's slow clone path here and made the 10,000-item warning list ~10× slower (12–30 ms against
 * 1.6–3 ms, measured on the bench ledger).
 */
function listedItem<Own extends object>(
  item: EvaluatedItem,
  own: Own,
): Pick<WarningListEntry, "row" | "seq" | "description" | "unit" | "owner"> & Own {
  const shared = {
    row: item.row,
    seq: item.seq,
    description: cellTextOf(item, "description"),
    unit: cellTextOf(item, "unit"),
    owner: cellTextOf(item, "owner"),
  };
  return Object.assign(shared, own);
}

/** The red and yellow items: red first, then most overdue first, then in sheet order. */
export function warningList(items: readonly EvaluatedItem[]): WarningListEntry[] {
  const entries: WarningListEntry[] = [];
  for (const item of items) {
    if (item.light !== "red" && item.light !== "yellow") continue;
    entries.push(listedItem(item, { deadline: item.deadline.date, overdueDays: item.overdueDays, light: item.light }));
  }
  const lightOrder = (light: "red" | "yellow"): number => (light === "red" ? 0 : 1);
  return entries.sort(
    (a, b) => lightOrder(a.light) - lightOrder(b.light) || b.overdueDays - a.overdueDays || a.row - b.row,
  );
}

/** The 临期 items: deadline soonest first, then in sheet order. */
export function dueSoonList(items: readonly EvaluatedItem[], dueSoonDays: number): DueSoonEntry[] {
  const entries: DueSoonEntry[] = [];
  for (const item of items) {
    if (!isDueSoon(item, dueSoonDays) || item.deadline.date === null || item.dueInDays === null) continue;
    entries.push(listedItem(item, { deadline: item.deadline.date, dueInDays: item.dueInDays }));
  }
  return entries.sort((a, b) => a.dueInDays - b.dueInDays || a.row - b.row);
}

export interface SummaryInput {
  readonly items: readonly EvaluatedItem[];
  readonly layout: LedgerLayout;
  readonly settings: Settings;
  readonly survey: SurveyResult | null;
  /** The ledger's money columns with their units (`amountColumnUnits`); none when left out. */
  readonly amountColumns?: readonly AmountColumnUnit[];
}

/**
 * SPEC §6's summary. A breakdown whose column the ledger does not have is empty (every item would
 * fall under `（未填写）`, which tells the meeting nothing).
 */
export function summarize({ items, layout, settings, survey, amountColumns = [] }: SummaryInput): Summary {
  const byStatus = countBy(STATUS_ORDER, items, (item) => item.status);
  const byLight = countBy(LIGHT_ORDER, items, (item) => item.light);
  const finished = byStatus.done + byStatus.closed;
  const closeRate = ratio(byStatus.closed, items.length);
  const textKey = (field: FieldKey) => (item: EvaluatedItem) => cellTextOf(item, field) || UNFILLED_KEY;
  const hasColumn = (field: FieldKey): boolean => layout.columns[field] !== undefined;

  return {
    items: items.length,
    byStatus,
    byLight,
    overdue: items.filter(isOverdue).length,
    completionRate: ratio(finished, items.length),
    closeRate,
    onTimeRate: onTimeRate(items, "deadline"),
    onTimeRateOriginal: onTimeRate(items, "originalDeadline"),
    byUnit: hasColumn("unit") ? breakdown(items, textKey("unit")) : [],
    byType: hasColumn("type") ? breakdown(items, typeKey) : [],
    byCategory: hasColumn("category") ? breakdown(items, textKey("category")) : [],
    warnings: warningList(items),
    dueSoon: dueSoonList(items, settings.dueSoonDays),
    indicators: computeIndicators({ items, closeRate, survey, settings }),
    amounts: summarizeAmounts({
      items,
      columns: amountColumns,
      unitKeyOf: hasColumn("unit") ? textKey("unit") : null,
    }),
  };
}
