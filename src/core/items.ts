/**
 * Rows under the header → items and classified non-item rows (SPEC §2 "Rows that are not items"),
 * and each item's fields read into values (SPEC §3).
 *
 * One pass, O(rows × ledger columns): every cell is looked at a bounded number of times, and merges
 * are found through a `MergeIndex`, so a 100,000-row ledger reads in well under a second.
 *
 * Two views of a row are used, and the difference matters:
 * - its **own** cells: what the row itself holds. A merged area's value belongs to its top-left
 *   cell only (a host that repeats the value into every covered cell, as exceljs does, is ignored).
 *   Classification uses own cells, so a row that only lies under a unit merged down from the row
 *   above is blank, not an item made of someone else's unit;
 * - its **effective** cells: SPEC §2 "A value in a vertically merged cell applies to every row the
 *   merge covers", so an item's `unit` comes from the 责任单位 cell merged over rows 5–8. A merged
 *   area's value counts in its left column only: a section heading merged across the row is one
 *   cell, not a value in every field.
 */
import { MergeIndex, cellAt, cellAddress, numberFormatAt } from "./grid";
import { deriveStatus } from "./parse/status";
import { readDateCell, readDeadlineCell } from "./parse/date";
import { parseItemType } from "./parse/type";
import { cellText } from "./text";
import type {
  CellValue,
  DateReading,
  DeadlineReading,
  FieldCell,
  FieldKey,
  Grid,
  Item,
  LedgerLayout,
  NonItemRow,
  RowKind,
} from "./types";

/** The part of a layout row classification needs (layout uses it before its layout is complete). */
export interface RowFrame {
  readonly firstCol: number;
  readonly lastCol: number;
  readonly columns: Partial<Record<FieldKey, number>>;
}

/** A row's own non-empty cell. */
interface OwnCell {
  readonly col: number;
  /** Text with all whitespace removed (`合 计` → `合计`), for the patterns below. */
  readonly compact: string;
}

/** The value a row holds itself at a column: a merged area's value only at its top-left cell. */
export function ownValue(grid: Grid, merges: MergeIndex, row: number, col: number): CellValue {
  const merge = merges.at(row, col);
  if (merge && (merge.top !== row || merge.left !== col)) return null;
  return cellAt(grid, row, col);
}

/** Where a row's value at a column comes from: the merge's top-left cell for a vertical merge, none for a horizontal one. */
function effectiveSource(merges: MergeIndex, row: number, col: number): { row: number; col: number } | null {
  const merge = merges.at(row, col);
  if (!merge) return { row, col };
  return merge.left === col ? { row: merge.top, col } : null;
}

export function effectiveValue(grid: Grid, merges: MergeIndex, row: number, col: number): CellValue {
  const source = effectiveSource(merges, row, col);
  return source ? cellAt(grid, source.row, source.col) : null;
}

const WHITESPACE = /[\s\u200B-\u200D\u2060]+/gu;

function ownCells(grid: Grid, merges: MergeIndex, row: number, frame: RowFrame): OwnCell[] {
  const cells: OwnCell[] = [];
  for (let col = frame.firstCol; col <= frame.lastCol; col++) {
    const text = cellText(ownValue(grid, merges, row, col));
    if (text !== "") cells.push({ col, compact: text.replace(WHITESPACE, "") });
  }
  return cells;
}

/** `合计`, `小计`, `总计` — but not `总计划…` (a word that merely starts with them). */
const TOTAL = /^(合计|小计|总计)(?![\u4e00-\u9fff])/u;
/** `填表说明`, `填报说明`, `注：`, `注1：`, `备注：`, `说明：` (either colon). */
const NOTE = /^(填表说明|填报说明|注\d*[:：]|备注[:：]|说明[:：])/u;
const CN_NUMERAL = "[一二三四五六七八九十百零〇]+";
/** `一、…`, `（一）…`, `(一)…`, `第一部分…`, `一是…`, or a bare `一` in the seq column. */
const SECTION = new RegExp(
  [
    `^${CN_NUMERAL}[、.．:：]`,
    `^[（(]${CN_NUMERAL}[）)]`,
    `^第[一二三四五六七八九十百零〇\\d]+(部分|章|节|篇|类|方面|项)`,
    `^${CN_NUMERAL}是`,
    `^${CN_NUMERAL}$`,
  ].join("|"),
  "u",
);
/** A seq value alone on a row: a template's pre-numbered empty row (`12`, `12.`, `12、`). */
const BARE_NUMBER = /^\d+[.、．]?$/u;
/** Total rows are recognised by a word "in the first columns" of the ledger. */
const TOTAL_COLUMNS = 3;

/**
 * What kind of row this is (SPEC §2 "Rows that are not items"), in this order:
 * 1. `blank` — no own value in the ledger's columns; also a row holding nothing but a number in the
 *    `seq` column (a template's pre-numbered row: there is no problem on it to check);
 * 2. `note` — the first column starts with 填表说明 / 注： / 备注：; a note's continuation lines
 *    (`afterNote`, one cell each) are notes too, so `1. 整改时限填写…` under 填表说明 is not an item;
 * 3. `total` — 合计 / 小计 / 总计 in one of the first three columns;
 * 4. `section` — all the row's text in one cell (merged or not, as SPEC says), or a leading
 *    `一、…`/`（一）…`/`第一部分…`/`一是…` with no deadline and no owner value. A lone text is a
 *    section even in the description column: SPEC's rule, and a half-typed item is rarer than an
 *    unnumbered heading;
 * 5. `item` — everything else.
 */
export function classifyRow(grid: Grid, merges: MergeIndex, row: number, frame: RowFrame, afterNote: boolean): RowKind {
  const cells = ownCells(grid, merges, row, frame);
  const first = cells[0];
  if (!first) return "blank";
  const seqCol = frame.columns.seq;
  if (cells.length === 1 && first.col === seqCol && BARE_NUMBER.test(first.compact)) return "blank";
  if (afterNote && cells.length === 1) return "note";
  if (first.col === frame.firstCol && NOTE.test(first.compact)) return "note";
  if (cells.some((cell) => cell.col < frame.firstCol + TOTAL_COLUMNS && TOTAL.test(cell.compact))) return "total";
  if (cells.length === 1) return "section";
  if (
    SECTION.test(first.compact) &&
    !hasValue(grid, merges, row, frame.columns.deadline) &&
    !hasValue(grid, merges, row, frame.columns.owner)
  ) {
    return "section";
  }
  return "item";
}

function hasValue(grid: Grid, merges: MergeIndex, row: number, col: number | undefined): boolean {
  return col !== undefined && cellText(effectiveValue(grid, merges, row, col)) !== "";
}

/** Walks firstRow..lastRow classifying every row; `visit` sees each in order. */
export function forEachRowKind(
  grid: Grid,
  merges: MergeIndex,
  frame: RowFrame & { readonly firstRow: number; readonly lastRow: number },
  visit: (row: number, kind: RowKind) => boolean | void,
): void {
  let afterNote = false;
  for (let row = frame.firstRow; row <= frame.lastRow; row++) {
    const kind = classifyRow(grid, merges, row, frame, afterNote);
    if (kind === "note") afterNote = true;
    else if (kind !== "blank") afterNote = false;
    if (visit(row, kind) === false) return;
  }
}

const EMPTY_DATE: DateReading = { kind: "empty" };
const NO_DEADLINE: DeadlineReading = { date: null, ongoing: false, invalid: false, text: "" };

/**
 * The rows of the ledger, as items and classified non-items. Every row firstRow..lastRow appears
 * exactly once in one of the two lists. Never throws for any cell value.
 */
export function readItems(grid: Grid, layout: LedgerLayout): { items: Item[]; nonItems: NonItemRow[] } {
  const merges = new MergeIndex(grid.merges);
  const items: Item[] = [];
  const nonItems: NonItemRow[] = [];
  forEachRowKind(grid, merges, layout, (row, kind) => {
    if (kind === "item") items.push(readItem(grid, merges, layout, row));
    else nonItems.push({ row, kind });
  });
  return { items, nonItems };
}

function readCell(grid: Grid, merges: MergeIndex, row: number, col: number): FieldCell {
  const source = effectiveSource(merges, row, col);
  const value = source ? cellAt(grid, source.row, source.col) : null;
  return {
    value,
    text: cellText(value),
    address: cellAddress(row, col),
    col,
    numberFormat: source ? numberFormatAt(grid, source.row, source.col) : null,
  };
}

/**
 * One item row read into values (SPEC §3).
 *
 * `ongoing` (SPEC §4 step 4, "ongoing with no date → green"): the deadline cell's long-term phrase
 * (`长期坚持`, `2024年底前，并长期坚持`) makes an item ongoing, and so does a status column saying
 * 长期坚持/持续推进 (status `ongoing`): the user has said in words that the item has no end date.
 * A `long_term` type alone does *not*: the seed gives 长效治理类 a deadline too (半年至一年内形成机制),
 * and rule `deadline-type-mismatch` checks it, so such an item still needs a dated deadline.
 */
export function readItem(grid: Grid, merges: MergeIndex, layout: LedgerLayout, row: number): Item {
  const cells: Partial<Record<FieldKey, FieldCell>> = {};
  for (const [field, col] of Object.entries(layout.columns) as [FieldKey, number | undefined][]) {
    if (col !== undefined) cells[field] = readCell(grid, merges, row, col);
  }
  const dateOf = (field: FieldKey): DateReading => {
    const cell = cells[field];
    return cell ? readDateCell(cell.value, cell.numberFormat, grid.date1904) : EMPTY_DATE;
  };
  const completed = dateOf("completed");
  const deadlineCell = cells.deadline;
  const deadline = deadlineCell
    ? readDeadlineCell(deadlineCell.value, deadlineCell.numberFormat, grid.date1904)
    : NO_DEADLINE;
  const { status, statusColumn, closedByColumn } = deriveStatus({
    statusText: cells.status ? cells.status.text : null,
    closedText: cells.closed ? cells.closed.text : null,
    completed,
  });
  const typeReading = cells.type ? parseItemType(cells.type.text) : null;
  const seqText = cells.seq?.text ?? "";
  return {
    row,
    cells,
    seq: seqText === "" ? null : seqText,
    status,
    statusColumn,
    closedByColumn,
    type: typeReading === "unknown" ? null : typeReading,
    typeUnknown: typeReading === "unknown",
    assigned: dateOf("assigned"),
    deadline,
    completed,
    closedOn: dateOf("closedOn"),
    reviewed: dateOf("reviewed"),
    ongoing: deadline.ongoing || statusColumn === "ongoing",
  };
}
