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
import { MergeIndex, cellAt, numberFormatAt } from "./grid";
import { deriveStatus } from "./parse/status";
import { readDateCell, readDeadlineCell } from "./parse/date";
import { parseItemType } from "./parse/type";
import { cellText } from "./text";
import { FIELD_KEYS } from "./types";
import type {
  CellValue,
  DateReading,
  DeadlineField,
  DeadlineReading,
  FieldCell,
  FieldKey,
  Grid,
  Item,
  LedgerLayout,
  MergeArea,
  NonItemRow,
  RowKind,
} from "./types";

/** The part of a layout row classification needs (layout uses it before its layout is complete). */
export interface RowFrame {
  /** The header block's first row; it ends on the row above the rows classified. */
  readonly headerTop: number;
  readonly firstCol: number;
  readonly lastCol: number;
  readonly columns: Partial<Record<FieldKey, number>>;
}

/**
 * The merges covering the ledger's columns, row by row, for rows asked in increasing order: a sweep
 * over the merges sorted by top row, so each row costs O(columns + merges active on it) with plain
 * array reads. (A `MergeIndex` lookup builds a string key per cell; over 100,000 rows × 20 columns
 * that alone took longer than reading every value.) Asking for an earlier row restarts the sweep.
 */
export class MergeSweep {
  private readonly sorted: readonly MergeArea[];
  private readonly cover: (MergeArea | undefined)[];
  private next = 0;
  private active: MergeArea[] = [];
  private current = Number.NEGATIVE_INFINITY;

  constructor(
    merges: readonly MergeArea[],
    private readonly firstCol: number,
    private readonly lastCol: number,
  ) {
    this.sorted = merges.filter((m) => m.right >= firstCol && m.left <= lastCol).sort((a, b) => a.top - b.top);
    this.cover = new Array<MergeArea | undefined>(Math.max(0, lastCol - firstCol + 1)).fill(undefined);
  }

  /** The merge covering each column of `row` (index 0 is `firstCol`), or undefined. */
  row(row: number): readonly (MergeArea | undefined)[] {
    if (row < this.current) {
      this.next = 0;
      this.active = [];
    }
    this.current = row;
    while (this.next < this.sorted.length && (this.sorted[this.next] as MergeArea).top <= row) {
      this.active.push(this.sorted[this.next] as MergeArea);
      this.next++;
    }
    if (this.active.some((m) => m.bottom < row)) this.active = this.active.filter((m) => m.bottom >= row);
    this.cover.fill(undefined);
    for (const m of this.active) {
      const to = Math.min(m.right, this.lastCol);
      for (let col = Math.max(m.left, this.firstCol); col <= to; col++) this.cover[col - this.firstCol] = m;
    }
    return this.cover;
  }
}

/** One row of the ledger with the merges covering it. */
interface RowView {
  readonly grid: Grid;
  readonly row: number;
  readonly firstCol: number;
  readonly cover: readonly (MergeArea | undefined)[];
}

/** The value a row holds itself at a column: a merged area's value only at its top-left cell. */
function ownAt(view: RowView, col: number): CellValue {
  const merge = view.cover[col - view.firstCol];
  if (merge && (merge.top !== view.row || merge.left !== col)) return null;
  return cellAt(view.grid, view.row, col);
}

/** Where a row's value at a column comes from: the merge's top-left cell for a vertical merge, none for a horizontal one. */
function sourceAt(view: RowView, col: number): { row: number; col: number } | null {
  const merge = view.cover[col - view.firstCol];
  if (!merge) return { row: view.row, col };
  return merge.left === col ? { row: merge.top, col } : null;
}

function effectiveAt(view: RowView, col: number): CellValue {
  const source = sourceAt(view, col);
  return source ? cellAt(view.grid, source.row, source.col) : null;
}

/** The same "own value" rule for random access (header scanning), through a `MergeIndex`. */
export function ownValue(grid: Grid, merges: MergeIndex, row: number, col: number): CellValue {
  const merge = merges.at(row, col);
  if (merge && (merge.top !== row || merge.left !== col)) return null;
  return cellAt(grid, row, col);
}

const WHITESPACE = /[\s\u200B-\u200D\u2060]+/gu;

function compact(text: string): string {
  return text.replace(WHITESPACE, "");
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
 * 5. `header` — the header again: two or more values, each a text of the header block (a ledger
 *    printed over several pages with its header on each, or a second table pasted under the first).
 *    Its words would otherwise be checked as an item (整改时限 "is not a date", 责任人 "is a unit"…);
 * 6. `item` — everything else.
 */
function classify(view: RowView, frame: RowFrame, afterNote: boolean, headerTexts: ReadonlySet<string>): RowKind {
  let count = 0;
  let firstCol = 0;
  let firstText = "";
  let total = false;
  for (let col = frame.firstCol; col <= frame.lastCol; col++) {
    const value = ownAt(view, col);
    if (isBlank(value)) continue;
    const inTotalColumns = col < frame.firstCol + TOTAL_COLUMNS;
    // The text is needed only for the first value and for the total columns (most cells are neither).
    if (count === 0 || inTotalColumns) {
      const text = cellText(value);
      if (count === 0) {
        firstCol = col;
        firstText = compact(text);
      }
      if (inTotalColumns && mayBeTotal(text) && TOTAL.test(compact(text))) total = true;
    }
    count++;
  }
  if (count === 0) return "blank";
  if (count === 1 && firstCol === frame.columns.seq && BARE_NUMBER.test(firstText)) return "blank";
  if (afterNote && count === 1) return "note";
  if (firstCol === frame.firstCol && NOTE.test(firstText)) return "note";
  if (total) return "total";
  if (count === 1) return "section";
  // The first value decides whether the whole row is worth comparing: an item's rarely is a header word.
  if (headerTexts.has(firstText) && allHeaderTexts(view, frame, headerTexts)) return "header";
  if (SECTION.test(firstText) && !hasValue(view, frame.columns.deadline) && !hasValue(view, frame.columns.owner)) {
    return "section";
  }
  return "item";
}

/** True when every own value of the row, whitespace removed, is one of the header block's texts. */
function allHeaderTexts(view: RowView, frame: RowFrame, headerTexts: ReadonlySet<string>): boolean {
  for (let col = frame.firstCol; col <= frame.lastCol; col++) {
    const value = ownAt(view, col);
    if (!isBlank(value) && !headerTexts.has(compact(cellText(value)))) return false;
  }
  return true;
}

/** The texts of the header block's own cells, whitespace removed (rows headerTop … firstRow − 1). */
function headerTextsOf(grid: Grid, frame: RowFrame & { readonly firstRow: number }): Set<string> {
  const texts = new Set<string>();
  const sweep = new MergeSweep(grid.merges, frame.firstCol, frame.lastCol);
  for (let row = frame.headerTop; row < frame.firstRow; row++) {
    const view: RowView = { grid, row, firstCol: frame.firstCol, cover: sweep.row(row) };
    for (let col = frame.firstCol; col <= frame.lastCol; col++) {
      const text = compact(cellText(ownAt(view, col)));
      if (text !== "") texts.add(text);
    }
  }
  return texts;
}

/** `cellText(value) === ""` without building the text of a number or of untrimmed text. */
function isBlank(value: CellValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "number" || typeof value === "boolean") return false;
  if (typeof value === "string") return value.length === 0 || value.trim().length === 0;
  return cellText(value) === "";
}

/**
 * Whether trimmed text can read as 合计/小计/总计 once whitespace is removed: it starts with one of
 * their first characters, or with a zero-width character `trim` keeps (then the full test decides).
 */
function mayBeTotal(text: string): boolean {
  const first = text.charCodeAt(0);
  return (
    first === 0x5408 /* 合 */ ||
    first === 0x5c0f /* 小 */ ||
    first === 0x603b /* 总 */ ||
    (first >= 0x200b && first <= 0x200d) ||
    first === 0x2060
  );
}

function hasValue(view: RowView, col: number | undefined): boolean {
  return col !== undefined && cellText(effectiveAt(view, col)) !== "";
}

/**
 * Walks firstRow..lastRow classifying every row; `visit` sees each in order with its view (used to
 * read the item), and may return false to stop early.
 */
function walkRows(
  grid: Grid,
  frame: RowFrame & { readonly firstRow: number; readonly lastRow: number },
  visit: (view: RowView, kind: RowKind) => boolean | void,
): void {
  const headerTexts = headerTextsOf(grid, frame);
  const sweep = new MergeSweep(grid.merges, frame.firstCol, frame.lastCol);
  let afterNote = false;
  for (let row = frame.firstRow; row <= frame.lastRow; row++) {
    const view: RowView = { grid, row, firstCol: frame.firstCol, cover: sweep.row(row) };
    const kind = classify(view, frame, afterNote, headerTexts);
    if (kind === "note") afterNote = true;
    else if (kind !== "blank") afterNote = false;
    if (visit(view, kind) === false) return;
  }
}

/** Classifies rows firstRow..lastRow in order; `visit` may return false to stop early. */
export function forEachRowKind(
  grid: Grid,
  frame: RowFrame & { readonly firstRow: number; readonly lastRow: number },
  visit: (row: number, kind: RowKind) => boolean | void,
): void {
  walkRows(grid, frame, (view, kind) => visit(view.row, kind));
}

const EMPTY_DATE: DateReading = { kind: "empty" };
const NO_DEADLINE: DeadlineReading = { date: null, ongoing: false, invalid: false, text: "" };

/**
 * The rows of the ledger, as items and classified non-items. Every row firstRow..lastRow appears
 * exactly once in one of the two lists. Never throws for any cell value.
 */
export function readItems(grid: Grid, layout: LedgerLayout): { items: Item[]; nonItems: NonItemRow[] };
/**
 * `finish` turns each item, as soon as it is read, into what the caller keeps (the engine: the item
 * with its light), so the bare items never pile up beside what is made of them.
 */
export function readItems<T>(
  grid: Grid,
  layout: LedgerLayout,
  finish: (item: Item) => T,
): { items: T[]; nonItems: NonItemRow[] };
export function readItems<T>(
  grid: Grid,
  layout: LedgerLayout,
  finish?: (item: Item) => T,
): { items: (Item | T)[]; nonItems: NonItemRow[] } {
  const items: (Item | T)[] = [];
  const nonItems: NonItemRow[] = [];
  const fieldColumns: FieldColumn[] = FIELD_KEYS.flatMap((field) => {
    const col = layout.columns[field];
    return col === undefined ? [] : [new FieldColumn(field, col)];
  });
  const template = cellsTemplate(fieldColumns);
  walkRows(grid, layout, (view, kind) => {
    if (kind === "item") {
      const item = readItem(view, fieldColumns, template);
      items.push(finish ? finish(item) : item);
    } else nonItems.push({ row: view.row, kind });
  });
  return { items, nonItems };
}

/** The most distinct cells a column shares before it stops trying (a column of unique texts, e.g. 问题描述). */
const SHARED_CELLS_PER_COLUMN = 512;

/**
 * One field's column, with the cells it has already made. Most ledger columns repeat a handful of
 * values (状态, 类型, 责任单位, dates, blank cells under a date format…), and a `FieldCell` is
 * immutable, so every row with the same value and number format shares one object: on a
 * 100,000-item ledger this halves the memory the items keep (a cell object and, for numbers, a
 * text per field per row). A column whose values do not repeat stops sharing once it has made
 * `SHARED_CELLS_PER_COLUMN` cells.
 */
class FieldColumn {
  /** The column's blank cell, shared by every row where the field is blank. */
  readonly blank: FieldCell;
  /** Number format → value → cell. */
  private readonly shared = new Map<string | null, Map<string | number | boolean | null, FieldCell>>();
  private sharedCount = 0;
  private sharing = true;

  constructor(
    readonly field: FieldKey,
    readonly col: number,
  ) {
    this.blank = { value: null, text: "", col, numberFormat: null };
  }

  cell(value: CellValue, numberFormat: string | null): FieldCell {
    if (value === null && numberFormat === null) return this.blank;
    // Objects (errors, rich text) are not shared, nor -0 (a Map takes it for 0).
    if (!this.sharing || (typeof value === "object" && value !== null) || Object.is(value, -0)) {
      return this.make(value, numberFormat);
    }
    let byValue = this.shared.get(numberFormat);
    if (byValue === undefined) this.shared.set(numberFormat, (byValue = new Map()));
    const known = byValue.get(value);
    if (known !== undefined) return known;
    const made = this.make(value, numberFormat);
    if (++this.sharedCount > SHARED_CELLS_PER_COLUMN) {
      this.sharing = false;
      this.shared.clear();
    } else byValue.set(value, made);
    return made;
  }

  private make(value: CellValue, numberFormat: string | null): FieldCell {
    return { value, text: cellText(value), col: this.col, numberFormat };
  }
}

function readCell(view: RowView, column: FieldColumn): FieldCell {
  const col = column.col;
  // Where the value comes from (as `sourceAt`, inlined: this runs for every field of every item).
  const merge = view.cover[col - view.firstCol];
  const sourceRow = merge ? (merge.left === col ? merge.top : 0) : view.row;
  if (sourceRow === 0) return column.blank;
  return column.cell(cellAt(view.grid, sourceRow, col), numberFormatAt(view.grid, sourceRow, col));
}

type CellsShape = Readonly<Record<string, null>>;

// ─────────────── V8-specific: keep the cells objects in fast mode ───────────────
// What it buys, by `node --expose-gc --import tsx bench/fast-properties.ts` (100,000 items, every
// field): half the heap the cells objects retain (138 MB against 269 MB built from `{}`) and reading
// every field about twice as fast. Everything else in the engine is plain JavaScript: change this
// only with that bench at hand.

/**
 * An object with the ledger's fields as keys (in `FIELD_KEYS` order, every value null), which each
 * item's `cells` is copied from before its values are set. Why: built key by key from `{}`, a cells
 * object keeps most of its fields in a separate, over-allocated property store, and with all 20
 * fields V8 turns it into a hash table (dictionary mode: larger, slower to read); a copy of this
 * template holds them all in the object itself (checked with `%HasFastProperties`). `JSON.parse` makes the
 * template a fast-mode object whatever the number of fields; the values are null (not a number) so
 * that setting cells in them keeps the copies' shape.
 */
export function cellsTemplate(fieldColumns: readonly { readonly field: string }[]): CellsShape {
  return JSON.parse(
    JSON.stringify(Object.fromEntries(fieldColumns.map((column) => [column.field, null]))),
  ) as CellsShape;
}

// ─────────────── end of the V8-specific part ───────────────

/**
 * One item row read into values (SPEC §3).
 *
 * `ongoing` (SPEC §4 step 4, "ongoing with no date → green"): the deadline cell's long-term phrase
 * (`长期坚持`, `2024年底前，并长期坚持`) makes an item ongoing, and so does a status column saying
 * 长期坚持/持续推进 (status `ongoing`): the user has said in words that the item has no end date.
 * A `long_term` type alone does *not*: the seed gives 长效治理类 a deadline too (半年至一年内形成机制),
 * and rule `deadline-type-mismatch` checks it, so such an item still needs a dated deadline.
 */
function readItem(view: RowView, fieldColumns: readonly FieldColumn[], template: CellsShape): Item {
  const { grid, row } = view;
  const cells = { ...template } as unknown as Partial<Record<FieldKey, FieldCell>>;
  for (const column of fieldColumns) cells[column.field] = readCell(view, column);
  const completed = readDate(cells.completed, grid.date1904);
  const { deadline, deadlineField, originalDeadline, extended } = readDeadlines(cells, grid.date1904);
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
    assigned: readDate(cells.assigned, grid.date1904),
    deadline,
    deadlineField,
    originalDeadline,
    extended,
    completed,
    closedOn: readDate(cells.closedOn, grid.date1904),
    reviewed: readDate(cells.reviewed, grid.date1904),
    ongoing: deadline.ongoing || statusColumn === "ongoing",
  };
}

function readDeadlineOf(cell: FieldCell | undefined, date1904: boolean): DeadlineReading {
  return cell ? readDeadlineCell(cell.value, cell.numberFormat, date1904) : NO_DEADLINE;
}

const isEmptyDeadline = (reading: DeadlineReading): boolean => reading.text === "";

/**
 * The item's deadlines (issue: extensions, 延期). The original is 原定时限 where the ledger has that
 * column, else 整改时限; the current one is 调整后时限 where filled, else the original. When the
 * ledger has both 原定时限 and 整改时限 and 原定时限 is empty on a row, 整改时限 stands in for it.
 * `deadlineField` is the column the current deadline came from, so a finding about it points there;
 * with every deadline cell empty it is the first deadline column the ledger has (where a
 * `required-field` finding should send the user).
 *
 * Extended = 调整后时限 is filled and says something other than the original (a clerk who copies the
 * original date into it has not extended anything).
 */
function readDeadlines(
  cells: Partial<Record<FieldKey, FieldCell>>,
  date1904: boolean,
): { deadline: DeadlineReading; deadlineField: DeadlineField; originalDeadline: DeadlineReading; extended: boolean } {
  const main = readDeadlineOf(cells.deadline, date1904);
  if (cells.originalDeadline === undefined && cells.extendedDeadline === undefined) {
    return { deadline: main, deadlineField: "deadline", originalDeadline: main, extended: false };
  }
  const ownOriginal = readDeadlineOf(cells.originalDeadline, date1904);
  const useOwn =
    cells.originalDeadline !== undefined && (!isEmptyDeadline(ownOriginal) || cells.deadline === undefined);
  const original = useOwn ? ownOriginal : main;
  const originalField: DeadlineField = useOwn ? "originalDeadline" : "deadline";
  const after = readDeadlineOf(cells.extendedDeadline, date1904);
  if (isEmptyDeadline(after)) {
    const field =
      isEmptyDeadline(original) && cells.deadline === undefined && cells.originalDeadline === undefined
        ? "extendedDeadline"
        : originalField;
    return { deadline: original, deadlineField: field, originalDeadline: original, extended: false };
  }
  const extended = after.date !== null ? after.date !== original.date : after.text !== original.text;
  return { deadline: after, deadlineField: "extendedDeadline", originalDeadline: original, extended };
}

/** A date field's reading; empty when the ledger has no such column. */
function readDate(cell: FieldCell | undefined, date1904: boolean): DateReading {
  return cell ? readDateCell(cell.value, cell.numberFormat, date1904) : EMPTY_DATE;
}
