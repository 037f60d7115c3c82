/**
 * Cell fills as data, for the ExcelApi 1.4 fallback (no conditional formats): the user's original
 * fills of the cells the add-in colours are kept in the workbook settings, compactly, so 清除标记
 * restores them exactly (SPEC §8: "They must not destroy the user's own fills").
 *
 * Excel reports a cell without fill as white (`#FFFFFF`) before ExcelApi 1.9, so "no fill" and an
 * explicit white fill cannot be told apart: both are restored as "no fill", which looks the same.
 */
import { rectAddress, parseAddress, type Rect } from "./address";

/** `#RRGGBB`, or `NO_FILL`. */
export const NO_FILL = "none";

/** `"row:col"` → colour. */
export type FillMap = Map<string, string>;

export const fillKey = (row: number, col: number): string => `${row}:${col}`;

export function normaliseFill(colour: string | null | undefined): string {
  if (!colour) return NO_FILL;
  const upper = colour.toUpperCase();
  return upper === "#FFFFFF" ? NO_FILL : upper;
}

/**
 * Groups cells by colour into rectangles: runs along each row, then identical runs on consecutive
 * rows merged, so a uniformly filled block is one address.
 */
export function fillRects(fills: FillMap): Map<string, Rect[]> {
  const byColourRow = new Map<string, Map<number, number[]>>();
  for (const [key, colour] of fills) {
    const [row = 0, col = 0] = key.split(":").map(Number);
    const rows = byColourRow.get(colour) ?? new Map<number, number[]>();
    byColourRow.set(colour, rows);
    const cols = rows.get(row) ?? [];
    rows.set(row, cols);
    cols.push(col);
  }
  const out = new Map<string, Rect[]>();
  for (const [colour, rows] of byColourRow) {
    const runs: Rect[] = [];
    for (const row of [...rows.keys()].sort((a, b) => a - b)) {
      const cols = (rows.get(row) ?? []).sort((a, b) => a - b);
      let start = cols[0] ?? 0;
      for (let i = 1; i <= cols.length; i++) {
        const prev = cols[i - 1] ?? 0;
        const cur = cols[i];
        if (cur === prev + 1) continue;
        runs.push({ top: row, bottom: row, left: start, right: prev });
        start = cur ?? 0;
      }
    }
    const merged: Rect[] = [];
    const open = new Map<string, Rect>();
    for (const run of runs) {
      const span = `${run.left}:${run.right}`;
      const last = open.get(span);
      if (last && last.bottom === run.top - 1) {
        const grown = { ...last, bottom: run.bottom };
        merged[merged.indexOf(last)] = grown;
        open.set(span, grown);
      } else {
        merged.push(run);
        open.set(span, run);
      }
    }
    out.set(colour, merged);
  }
  return out;
}

/** Compact JSON form: colour → A1 addresses. */
export function encodeFills(fills: FillMap): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [colour, rects] of fillRects(fills)) out[colour] = rects.map(rectAddress);
  return out;
}

export function decodeFills(encoded: Readonly<Record<string, readonly string[]>>): FillMap {
  const fills: FillMap = new Map();
  for (const [colour, addresses] of Object.entries(encoded)) {
    for (const address of addresses) {
      const rect = parseAddress(address)?.rect;
      if (!rect) continue;
      for (let r = rect.top; r <= rect.bottom; r++)
        for (let c = rect.left; c <= rect.right; c++) fills.set(fillKey(r, c), colour);
    }
  }
  return fills;
}
