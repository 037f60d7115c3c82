/**
 * Where the ledger is on its sheet: the header row (or block), which column holds which field, the
 * rows under it (SPEC §2 "Finding the header row").
 *
 * Decisions where SPEC is silent (each has a test):
 * - **Ties** between candidate header rows go to the upper row (a header is above its data; a
 *   repeated header lower down, e.g. a printed page's, is not the ledger's).
 * - **Grouped headers.** Header texts are read per column with merges applied: a vertically merged
 *   header cell (序号 over rows 3–4) gives its text to the lower row, a horizontally merged one counts
 *   once, at its left column. The lowest row names the columns. If the row chosen has, directly under
 *   it, a row whose every own text sits under one of its horizontally merged cells (the children of
 *   完成情况 → 是否完成 | 完成时间), that row joins the block and becomes the header row (at most 3 rows).
 *   A column's label is the lowest text in the block; a child label that names no field is tried
 *   with its parent's text around it (`实际` under `完成时间` → `实际完成时间`).
 * - **headerTop** is the first row of the block: the top of any header cell merged down into the
 *   header row, and a row of parent labels directly above (a horizontally merged cell narrower than
 *   the ledger, of at most 12 characters — a title merged across the whole table is not a parent).
 * - **A field named by two columns** keeps the column that names it best (`compareHeaderMatches`:
 *   exact > contains > meaning pattern, then the longer match), the leftmost on a tie; the other
 *   column is a plain ledger column.
 * - **The user's mapping** (`ColumnMapping`): `headerRow` forces the header row (no detection, no
 *   extension); `columns[field] = "H"` gives column H to that field and takes it from any other
 *   (which then falls back to its next candidate column, if any); `null` removes the field. Both
 *   kinds are listed in `userMapped`; a letter naming no column is ignored. A hand-mapped column outside the header's extent widens the ledger to it. With a forced header row
 *   the ledger needs only a description or measures column (the user vouches for the rest); a
 *   detected one needs SPEC's three fields, one of them description or measures — counting
 *   hand-mapped columns.
 * - **Owned columns** (预警状态 / 评估意见 from an earlier evaluation) are recognised only at the
 *   right end of the header, where the add-in appends them; a column of that name among the user's
 *   own columns (or left of a hand-mapped column) is the user's.
 * - **A 栏次 row and a units row** (SPEC §2) directly under the header, at most two rows, belong
 *   to the header: `firstRow` is the row after them, so they are never items, coloured or checked.
 * - **lastRow** is the last row with a value of its own in the ledger's columns: a unit merged down
 *   past the last item does not stretch the ledger; a note under the table does (it is classified).
 */
import { FIELD_KEYS, type FieldKey, type Grid, type LayoutFailure, type LedgerLayout } from "./types";
import type { ColumnMapping } from "./settings";
import { MergeIndex, cellAt, columnNumber, gridLastCol, gridLastRow } from "./grid";
import { compareHeaderMatches, matchField, matchHeader, type HeaderMatch } from "./fields";
import { cellText, normalizeHeader, normalizeText } from "./text";
import { OPINION_HEADER, STATUS_HEADER } from "./plan/marks-plan";
import { forEachRowKind, ownValue } from "./items";

/** SPEC §2: "Scan the first 30 rows of the sheet (or of the selected range / Excel table)". */
export const HEADER_SCAN_ROWS = 30;
/** SPEC §2: "a header of 2–3 rows". */
export const MAX_HEADER_ROWS = 3;
/** A parent label is a short phrase (`完成情况`); a longer merged text above the header is a title. */
const MAX_PARENT_LABEL_LENGTH = 12;
/** `…整改台账`, `…情况表`: a title, never a parent label. */
const TITLE_ENDING = /(台账|表)$/u;
/** SPEC §2: "It needs at least three, one of them `description` or `measures`". */
export const MIN_HEADER_FIELDS = 3;

/** A header cell as seen from one row: its text and the columns its (merged) cell spans. */
interface Label {
  readonly text: string;
  readonly right: number;
}

interface Scan {
  readonly grid: Grid;
  readonly merges: MergeIndex;
  readonly firstGridCol: number;
  readonly lastGridCol: number;
}

/**
 * The header texts a row shows, column by column: a merged cell's text at its left column only
 * (counted once), including a cell merged down into this row from above.
 */
function rowLabels(scan: Scan, row: number): Map<number, Label> {
  const labels = new Map<number, Label>();
  for (let col = scan.firstGridCol; col <= scan.lastGridCol; col++) {
    const merge = scan.merges.at(row, col);
    if (merge && merge.left !== col) continue;
    const text = cellText(merge ? cellAt(scan.grid, merge.top, merge.left) : cellAt(scan.grid, row, col));
    if (text !== "") labels.set(col, { text, right: merge ? merge.right : col });
  }
  return labels;
}

const OWNED_HEADERS = new Set([normalizeHeader(STATUS_HEADER), normalizeHeader(OPINION_HEADER)]);

function isOwnedHeader(text: string): boolean {
  return OWNED_HEADERS.has(normalizeHeader(text));
}

function distinctFields(labels: Map<number, Label>): Set<FieldKey> {
  const fields = new Set<FieldKey>();
  for (const { text } of labels.values()) {
    if (isOwnedHeader(text)) continue;
    const field = matchField(text);
    if (field) fields.add(field);
  }
  return fields;
}

/** The horizontally merged cell (≥ 2 columns) ending on `row` that covers `col`, if any. */
function parentAbove(scan: Scan, row: number, col: number): { text: string; left: number; right: number } | null {
  const merge = scan.merges.at(row, col);
  if (!merge || merge.bottom !== row || merge.right === merge.left) return null;
  return { text: cellText(cellAt(scan.grid, merge.top, merge.left)), left: merge.left, right: merge.right };
}

/** Row `row` holds only child labels of the row above's horizontally merged cells. */
function isChildRow(scan: Scan, row: number): boolean {
  let children = 0;
  for (let col = scan.firstGridCol; col <= scan.lastGridCol; col++) {
    if (cellText(ownValue(scan.grid, scan.merges, row, col)) === "") continue;
    if (!parentAbove(scan, row - 1, col)) return false;
    children++;
  }
  return children > 0;
}

/** The first row of the header block whose lowest row is `headerRow`. */
function headerBlockTop(
  scan: Scan,
  headerRow: number,
  extent: { first: number; last: number },
  knownTop: number,
): number {
  let top = knownTop;
  const lowestAllowed = Math.max(scan.grid.origin.row, headerRow - (MAX_HEADER_ROWS - 1));
  for (let col = extent.first; col <= extent.last; col++) {
    const merge = scan.merges.at(headerRow, col);
    if (merge && merge.top < top) top = Math.max(merge.top, lowestAllowed);
  }
  while (top - 1 >= lowestAllowed && isParentRow(scan, top - 1, extent)) top--;
  return top;
}

function isParentRow(scan: Scan, row: number, extent: { first: number; last: number }): boolean {
  const width = extent.last - extent.first + 1;
  for (let col = extent.first; col <= extent.last; col++) {
    const parent = parentAbove(scan, row, col);
    if (!parent || parent.left !== col) continue;
    const narrower = parent.right - parent.left + 1 < width;
    const label = normalizeHeader(parent.text);
    if (narrower && label !== "" && label.length <= MAX_PARENT_LABEL_LENGTH && !TITLE_ENDING.test(label)) return true;
  }
  return false;
}

/** Column → its label in the header block: the lowest text of rows top..bottom. */
function blockLabels(scan: Scan, top: number, bottom: number): Map<number, Label & { row: number }> {
  const labels = new Map<number, Label & { row: number }>();
  for (let row = bottom; row >= top; row--) {
    for (const [col, label] of rowLabels(scan, row)) if (!labels.has(col)) labels.set(col, { ...label, row });
  }
  return labels;
}

/** How a column's label names its field; a child label that names none is read with its parent's text. */
function labelMatch(scan: Scan, col: number, label: { text: string; row: number }, top: number): HeaderMatch | null {
  const own = matchHeader(label.text);
  if (own || label.row <= top) return own;
  const parent = parentAbove(scan, label.row - 1, col);
  if (!parent || parent.text === "") return null;
  return matchHeader(label.text + parent.text) ?? matchHeader(parent.text + label.text);
}

interface Frame {
  readonly headerTop: number;
  readonly firstCol: number;
  readonly lastCol: number;
  readonly columns: Partial<Record<FieldKey, number>>;
  readonly headers: Record<number, string>;
  readonly userMapped: FieldKey[];
  readonly ownedColumns: { status: number | null; opinion: number | null };
}

/** `knownTop`: the block's top when detection already grew the header down over a child row. */
function buildFrame(scan: Scan, headerRow: number, knownTop: number, mapping: ColumnMapping): Frame {
  // First pass on the header row alone finds the extent used to tell a parent row from a title.
  const rowOnly = rowLabels(scan, headerRow);
  const rowCols = [...rowOnly.keys()];
  const roughExtent = {
    first: rowCols.length ? Math.min(...rowCols) : scan.firstGridCol,
    last: rowCols.length ? Math.max(...[...rowOnly.values()].map((l) => l.right)) : scan.lastGridCol,
  };
  const headerTop = headerBlockTop(scan, headerRow, roughExtent, knownTop);
  const labels = blockLabels(scan, headerTop, headerRow);

  // Owned columns: the add-in's own headers at the right end of the header.
  const ownedColumns: { status: number | null; opinion: number | null } = { status: null, opinion: null };
  const labelledCols = [...labels.keys()].sort((a, b) => a - b);
  while (labelledCols.length) {
    const col = labelledCols[labelledCols.length - 1] as number;
    const text = normalizeHeader(labels.get(col)?.text ?? "");
    if (text === normalizeHeader(STATUS_HEADER) && ownedColumns.status === null) ownedColumns.status = col;
    else if (text === normalizeHeader(OPINION_HEADER) && ownedColumns.opinion === null) ownedColumns.opinion = col;
    else break;
    labelledCols.pop();
  }

  const headers: Record<number, string> = {};
  const candidates = new Map<FieldKey, { col: number; match: HeaderMatch }[]>();
  let firstCol = Number.POSITIVE_INFINITY;
  let lastCol = Number.NEGATIVE_INFINITY;
  for (const col of labelledCols) {
    const label = labels.get(col);
    if (!label) continue;
    headers[col] = label.text;
    firstCol = Math.min(firstCol, col);
    lastCol = Math.max(lastCol, label.right);
    const match = labelMatch(scan, col, label, headerTop);
    if (match) candidates.set(match.field, [...(candidates.get(match.field) ?? []), { col, match }]);
  }
  // Best-named column first; the sort is stable, so among equal matches the leftmost stays first.
  for (const list of candidates.values()) list.sort((a, b) => compareHeaderMatches(a.match, b.match));
  // The owned columns sit right of the ledger: a merged header cell must not stretch over them.
  for (const owned of [ownedColumns.status, ownedColumns.opinion])
    if (owned !== null && owned <= lastCol) lastCol = owned - 1;

  const columns: Partial<Record<FieldKey, number>> = {};
  const userMapped: FieldKey[] = [];
  const taken = new Set<number>();
  for (const field of FIELD_KEYS) {
    if (!(field in mapping.columns)) continue;
    const letter = mapping.columns[field];
    if (letter === undefined) continue;
    userMapped.push(field);
    if (letter === null) continue;
    const col = columnNumber(letter);
    if (col === null) continue;
    columns[field] = col;
    taken.add(col);
    firstCol = Math.min(firstCol, col);
    lastCol = Math.max(lastCol, col);
  }
  // A hand-mapped column right of the add-in's columns puts them inside the ledger: they are no longer
  // at its right end, so (as for any such column) they are the user's, plain ledger columns.
  if (ownedColumns.status !== null && ownedColumns.status <= lastCol) {
    headers[ownedColumns.status] = labels.get(ownedColumns.status)?.text ?? "";
    ownedColumns.status = null;
  }
  if (ownedColumns.opinion !== null && ownedColumns.opinion <= lastCol) {
    headers[ownedColumns.opinion] = labels.get(ownedColumns.opinion)?.text ?? "";
    ownedColumns.opinion = null;
  }
  for (const field of FIELD_KEYS) {
    if (userMapped.includes(field)) continue;
    const col = candidates.get(field)?.find((c) => !taken.has(c.col))?.col;
    if (col !== undefined) columns[field] = col;
  }
  if (!Number.isFinite(firstCol)) {
    firstCol = scan.firstGridCol;
    lastCol = scan.firstGridCol - 1;
  }
  return { headerTop, firstCol, lastCol, columns, headers, userMapped, ownedColumns };
}

function hasAnyValue(grid: Grid): boolean {
  for (const row of grid.values) for (const value of row) if (cellText(value) !== "") return true;
  return false;
}

function acceptable(columns: Partial<Record<FieldKey, number>>, forced: boolean): boolean {
  const core = columns.description !== undefined || columns.measures !== undefined;
  return forced ? core : core && Object.keys(columns).length >= MIN_HEADER_FIELDS;
}

/**
 * Finds the ledger on a grid. Never throws; a grid with no ledger gives a `LayoutFailure` the pane
 * and the CLI turn into a message (`layoutFailureMessage`).
 */
export function detectLayout(grid: Grid, mapping: ColumnMapping): LedgerLayout | LayoutFailure {
  if (!hasAnyValue(grid)) return { reason: "empty-sheet" };
  const scan: Scan = {
    grid,
    merges: new MergeIndex(grid.merges),
    firstGridCol: grid.origin.col,
    lastGridCol: gridLastCol(grid),
  };
  const lastGridRow = gridLastRow(grid);

  let headerRow: number;
  let blockTop: number;
  const forced = mapping.headerRow !== null;
  if (mapping.headerRow !== null) {
    headerRow = mapping.headerRow;
    blockTop = headerRow;
  } else {
    let best: { row: number; count: number } | null = null;
    const scanEnd = Math.min(lastGridRow, grid.origin.row + HEADER_SCAN_ROWS - 1);
    for (let row = grid.origin.row; row <= scanEnd; row++) {
      const count = distinctFields(rowLabels(scan, row)).size;
      if (count > 0 && (!best || count > best.count)) best = { row, count };
    }
    if (!best) return { reason: "no-header", bestRow: null, fieldsFound: userFieldsOnly(mapping) };
    headerRow = best.row;
    blockTop = headerRow;
    while (headerRow < lastGridRow && headerRow - blockTop + 1 < MAX_HEADER_ROWS && isChildRow(scan, headerRow + 1)) {
      headerRow++;
    }
  }

  const frame = buildFrame(scan, headerRow, blockTop, mapping);
  if (!acceptable(frame.columns, forced)) {
    return { reason: "no-header", bestRow: headerRow, fieldsFound: FIELD_KEYS.filter((f) => f in frame.columns) };
  }

  let firstRow = headerRow + 1;
  while (
    firstRow <= lastGridRow &&
    firstRow - headerRow <= MAX_HEADER_ANNEX_ROWS &&
    isHeaderAnnexRow(scan, firstRow, frame.firstCol, frame.lastCol)
  ) {
    firstRow++;
  }
  const lastRow = lastNonEmptyRow(scan, firstRow, lastGridRow, frame.firstCol, frame.lastCol);
  if (lastRow === null) return { reason: "no-items", headerRow };
  let hasItem = false;
  forEachRowKind(grid, { ...frame, firstRow, lastRow }, (_row, kind) => {
    hasItem = kind === "item";
    return !hasItem;
  });
  if (!hasItem) return { reason: "no-items", headerRow };

  return {
    sheet: grid.sheet,
    headerRow,
    headerTop: frame.headerTop,
    firstRow,
    lastRow,
    firstCol: frame.firstCol,
    lastCol: frame.lastCol,
    columns: frame.columns,
    headers: frame.headers,
    userMapped: frame.userMapped,
    ownedColumns: frame.ownedColumns,
  };
}

/** At most a 栏次 row and a units row (in either order) sit under the header. */
const MAX_HEADER_ANNEX_ROWS = 2;
/** A column number in a 栏次 row: `1`, `12`, `(1)`, `甲`, `乙`…, or the word `栏次` itself. */
const COLUMN_NUMBER = /^(?:\(?\d{1,3}\)?|[甲乙丙丁戊己庚辛壬癸]|栏次|栏号)$/u;
/** A units note under amount or count columns: `单位：万元`, `金额单位:元`, `(元)`, `万元`, `(户)`, `(%)`. */
const UNITS = /^(?:(?:金额|计量)?单位[:：])?\(?(?:[万亿千百]?元|个|人|户|套|项|次|%|公顷|亩|万?吨)\)?$/u;

/**
 * SPEC §2: a column-number row (栏次: every value a column number) or a units row right under the
 * header belongs to the header, not to the items. A 栏次 row needs two values at least (one number
 * alone in the 序号 column is a pre-numbered empty row); a units row may be a single `单位：万元`.
 * Values are compared normalised (`（1）` → `(1)`, `单位： 万元` → `单位:万元`).
 */
function isHeaderAnnexRow(scan: Scan, row: number, firstCol: number, lastCol: number): boolean {
  let values = 0;
  let units = 0;
  for (let col = firstCol; col <= lastCol; col++) {
    const text = normalizeText(cellText(ownValue(scan.grid, scan.merges, row, col)));
    if (text === "") continue;
    values++;
    if (UNITS.test(text)) units++;
    else if (!COLUMN_NUMBER.test(text)) return false;
  }
  return values >= 2 || units === 1;
}

function userFieldsOnly(mapping: ColumnMapping): FieldKey[] {
  return FIELD_KEYS.filter((field) => typeof mapping.columns[field] === "string");
}

function lastNonEmptyRow(
  scan: Scan,
  firstRow: number,
  lastGridRow: number,
  firstCol: number,
  lastCol: number,
): number | null {
  for (let row = lastGridRow; row >= firstRow; row--) {
    const values = scan.grid.values[row - scan.grid.origin.row];
    if (!values || values.length === 0) continue;
    for (let col = firstCol; col <= lastCol; col++) {
      // The raw value first: most cells are empty, and the merge lookup is only needed for a value.
      if (cellText(cellAt(scan.grid, row, col)) === "") continue;
      if (cellText(ownValue(scan.grid, scan.merges, row, col)) !== "") return row;
    }
  }
  return null;
}
