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

/**
 * Fast lookup of the merge covering a cell: the merges are listed under every row they cover, so a
 * lookup scans only that row's few merges. Keyed by row number (no per-cell string keys: a ledger
 * with a unit merged down every few rows has tens of thousands of merged cells).
 */
export class MergeIndex {
  private readonly byRow = new Map<number, MergeArea[]>();
  /** Merges too large to index row by row (whole-column merges); searched linearly. */
  private readonly large: MergeArea[] = [];
  constructor(merges: readonly MergeArea[], maxCellsPerMerge = 100_000) {
    for (const m of merges) {
      const cells = (m.bottom - m.top + 1) * (m.right - m.left + 1);
      if (cells > maxCellsPerMerge) {
        this.large.push(m);
        continue;
      }
      for (let r = m.top; r <= m.bottom; r++) {
        const list = this.byRow.get(r);
        if (list) list.push(m);
        else this.byRow.set(r, [m]);
      }
    }
  }
  at(row: number, col: number): MergeArea | undefined {
    const list = this.byRow.get(row);
    let found: MergeArea | undefined;
    // Merges should not overlap; if a host gives overlapping ones, the last listed wins, as it always has.
    if (list) for (const m of list) if (col >= m.left && col <= m.right) found = m;
    if (found) return found;
    return this.large.length ? mergeAt(this.large, row, col) : undefined;
  }
}
