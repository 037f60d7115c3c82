/**
 * Which cells of the owned columns an earlier run wrote, from its mark names (the ledger sheet's pair,
 * `columnMarkNames`) — the only cells evaluate may empty or replace and 清除标记 may empty (SPEC §8: "It
 * owns these and nothing else"; see src/core/plan/written-rows.ts). A name refers to the rows written,
 * header through the last item (`'台账'!$K$2:$K$8`); Excel moves and resizes it with the user's row
 * insertions and deletions. A name on the header cell alone is an earlier version's: its rows are inferred
 * with `legacyWrittenRows`, from the 预警状态 column when that is marked the same way.
 */
import { contains, parseAddress, type Rect } from "./address";
import type { XlNamedItem, XlNamedItemCollection, XlRange } from "./office-api";
import { isOpinionText, isStatusText, legacyWrittenRows, type RowSpan } from "../core/plan/written-rows";

/** Rows `rows` of sheet column `col`. */
export interface OwnedSpan {
  readonly col: number;
  readonly rows: RowSpan;
}

/**
 * A cell's text for the legacy scan: "" only for a cell with nothing in it. Not trimmed (the add-in never
 * wrote spaces: a cell of spaces is the user's); numbers, booleans, errors are never the add-in's.
 */
export function markText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "string") return value;
  return `\u0000${typeof value === "object" ? JSON.stringify(value) : String(value)}`;
}

/**
 * The spans each mark covers on the ledger sheet (`status` / `opinion`: the names' rectangles there, null
 * when absent or on another sheet). `valueAt` gives a cell's value as read (rows down to `lastRow` — the
 * used range's bottom — are scanned for a legacy mark).
 */
export function previousOwnedSpans(
  marks: { readonly status: Rect | null; readonly opinion: Rect | null },
  lastRow: number,
  valueAt: (row: number, col: number) => unknown,
): { status: OwnedSpan[]; opinion: OwnedSpan[] } {
  const legacyStatus = marks.status && marks.status.top === marks.status.bottom ? marks.status : null;
  const spansOf = (rect: Rect | null, isOurs: (text: string) => boolean): OwnedSpan[] => {
    if (!rect) return [];
    const columns = Array.from({ length: rect.right - rect.left + 1 }, (_, i) => rect.left + i);
    if (rect.top !== rect.bottom) return columns.map((col) => ({ col, rows: { top: rect.top, bottom: rect.bottom } }));
    // Legacy: the 预警状态 labels (one on every item row) stand for both columns.
    const partner = legacyStatus && legacyStatus.top === rect.top ? legacyStatus : null;
    return columns.map((col) => ({
      col,
      rows: legacyWrittenRows(
        rect.top,
        lastRow,
        (row) => markText(valueAt(row, partner ? partner.left : col)),
        partner ? isStatusText : isOurs,
      ),
    }));
  };
  return { status: spansOf(marks.status, isStatusText), opinion: spansOf(marks.opinion, isOpinionText) };
}

/** The rectangle of a span. */
export function spanRect(span: OwnedSpan): Rect {
  return { top: span.rows.top, bottom: span.rows.bottom, left: span.col, right: span.col };
}

/** True when the cell is inside one of `spans`. */
export function inSpans(spans: readonly OwnedSpan[], row: number, col: number): boolean {
  return spans.some((s) => contains(spanRect(s), { top: row, bottom: row, left: col, right: col }));
}

/** A mark name queued for loading: the item (null object when absent) and the range it refers to. */
export interface QueuedName {
  readonly name: string;
  readonly item: XlNamedItem;
  /** A null object when the name is absent or refers to nothing (its sheet was deleted). */
  readonly range: XlRange;
}

/** Queues the loads that tell whether a mark name exists and which cells it refers to (read after a sync). */
export function queueNameLoad(names: XlNamedItemCollection, name: string): QueuedName {
  const item = names.getItemOrNullObject(name);
  item.load("name");
  const range = item.getRangeOrNullObject();
  range.load("address");
  return { name, item, range };
}

/**
 * The sheets the loaded marks point at (`OWNED_SHEET_MARKS`: the add-in's own sheets), lower-cased as
 * Excel compares sheet names; a mark that is absent or refers to nothing marks no sheet.
 */
export function markedSheets(marks: readonly QueuedName[]): ReadonlySet<string> {
  return new Set(
    marks.flatMap((m) => {
      const sheet = m.range.isNullObject ? null : parseAddress(m.range.address)?.sheet;
      return sheet ? [sheet.toLowerCase()] : [];
    }),
  );
}
