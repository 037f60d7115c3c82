/** Small helpers for reading a `Grid` in sheet coordinates. */
import type { CellValue, Grid, MergeArea } from "./types";

export function gridLastRow(grid: Grid): number {
  return grid.origin.row + grid.values.length - 1;
}

export function gridLastCol(grid: Grid): number {
  let width = 0;
  for (const row of grid.values) width = Math.max(width, row.length);
  return grid.origin.col + width - 1;
}

/** The value at a sheet cell, `null` outside the grid. */
export function cellAt(grid: Grid, row: number, col: number): CellValue {
  const r = grid.values[row - grid.origin.row];
  if (!r) return null;
  const v = r[col - grid.origin.col];
  return v === undefined ? null : v;
}

/** Rows longer than this are walked by their keys: a reader may store a row of far-apart cells sparsely. */
const DENSE_WALK_LIMIT = 256;

/**
 * Calls `visit` for every cell holding a value (not null), in sheet coordinates, row by row and
 * left to right. The work follows the cells present, not the grid's extent: a sparse row (one cell
 * at A, one at XFD) costs two visits, not 16,384.
 */
export function forEachGridCell(grid: Grid, visit: (row: number, col: number, value: CellValue) => void): void {
  grid.values.forEach((cells, r) => {
    if (!cells) return;
    const row = grid.origin.row + r;
    if (cells.length <= DENSE_WALK_LIMIT) {
      for (let c = 0; c < cells.length; c++) {
        const value = cells[c];
        if (value !== null && value !== undefined) visit(row, grid.origin.col + c, value);
      }
      return;
    }
    // Integer keys come in ascending order (ECMAScript's own-property order for arrays).
    for (const key in cells) {
      const value = cells[Number(key)];
      if (value !== null && value !== undefined) visit(row, grid.origin.col + Number(key), value);
    }
  });
}

export function numberFormatAt(grid: Grid, row: number, col: number): string | null {
  const r = grid.numberFormats?.[row - grid.origin.row];
  return r?.[col - grid.origin.col] ?? null;
}

/** `1` → `A`, `27` → `AA`. */
export function columnLetter(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `A` → 1, `AA` → 27; null for anything that is not a column name. */
export function columnNumber(letters: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n <= 16384 ? n : null;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** The merge that covers a cell, if any. Build a `MergeIndex` when asking for many cells. */
export function mergeAt(merges: readonly MergeArea[], row: number, col: number): MergeArea | undefined {
  return merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
}

/** Rows a `MergeIndex` looks up one by one before it indexes every merge by row. */
const ROWS_LOOKED_UP_ALONE = 64;
const NO_MERGES: readonly MergeArea[] = [];

/**
 * Fast lookup of the merge covering a cell: the merges are listed under every row they cover, so a
 * lookup scans only that row's few merges. Keyed by row number (no per-cell string keys: a ledger
 * with a unit merged down every few rows has tens of thousands of merged cells).
 *
 * The rows are indexed as they are asked for: header scanning asks about a few dozen rows of a
 * ledger whose unit merges cover 100,000, and an index of every row cost ~9 MB that lived through
 * the evaluation. Each new row is found by one pass over the merges; past
 * `ROWS_LOOKED_UP_ALONE` rows asked, every merge is indexed by row at once, as a caller asking
 * about many rows needs.
 */
export class MergeIndex {
  private byRow = new Map<number, readonly MergeArea[]>();
  private allRowsIndexed = false;
  /** Merges small enough to index row by row, in the order listed. */
  private readonly indexed: MergeArea[] = [];
  /** Merges too large to index row by row (whole-column merges); searched linearly. */
  private readonly large: MergeArea[] = [];
  constructor(merges: readonly MergeArea[], maxCellsPerMerge = 100_000) {
    for (const m of merges) {
      const cells = (m.bottom - m.top + 1) * (m.right - m.left + 1);
      (cells > maxCellsPerMerge ? this.large : this.indexed).push(m);
    }
  }
  at(row: number, col: number): MergeArea | undefined {
    let found: MergeArea | undefined;
    // Merges should not overlap; if a host gives overlapping ones, the last listed wins, as it always has.
    for (const m of this.mergesOnRow(row)) if (col >= m.left && col <= m.right) found = m;
    if (found) return found;
    return this.large.length ? mergeAt(this.large, row, col) : undefined;
  }
  /** The indexed merges covering `row`, in the order listed. */
  private mergesOnRow(row: number): readonly MergeArea[] {
    const known = this.byRow.get(row);
    if (known !== undefined || this.allRowsIndexed) return known ?? NO_MERGES;
    if (this.byRow.size >= ROWS_LOOKED_UP_ALONE) {
      this.indexAllRows();
      return this.byRow.get(row) ?? NO_MERGES;
    }
    const covering = this.indexed.filter((m) => row >= m.top && row <= m.bottom);
    this.byRow.set(row, covering);
    return covering;
  }
  private indexAllRows(): void {
    const byRow = new Map<number, MergeArea[]>();
    for (const m of this.indexed) {
      for (let r = m.top; r <= m.bottom; r++) {
        const list = byRow.get(r);
        if (list) list.push(m);
        else byRow.set(r, [m]);
      }
    }
    this.byRow = byRow;
    this.allRowsIndexed = true;
  }
}
