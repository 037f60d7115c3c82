/**
 * Reading cell fills for the fallback path (no conditional formats below ExcelApi 1.6): one proxy per
 * row first (a row with one fill answers its colour), then cell by cell for rows with mixed fills —
 * two syncs at most for ordinary sheets, one more per further 20,000 mixed cells.
 */
import { rectAddress } from "./address";
import { fillKey, normaliseFill, type FillMap } from "./fills";
import type { XlContext, XlWorksheet } from "./office-api";

/** Cells whose fill is read one by one per sync (rows with mixed fills). */
const FILL_CELLS_PER_SYNC = 20_000;

/** Reads the current fills of the given cells: per row first, then cell by cell for rows with mixed fills. */
export async function readFillsOf(context: XlContext, sheet: XlWorksheet, cells: Iterable<string>): Promise<FillMap> {
  const rows = new Map<number, number[]>();
  for (const key of cells) {
    const [row = 0, col = 0] = key.split(":").map(Number);
    const cols = rows.get(row) ?? [];
    rows.set(row, cols);
    cols.push(col);
  }
  const fills: FillMap = new Map();
  if (rows.size === 0) return fills;
  const perRow = [...rows].map(([row, cols]) => {
    const left = Math.min(...cols);
    const right = Math.max(...cols);
    const fill = sheet.getRange(rectAddress({ top: row, bottom: row, left, right })).format.fill;
    fill.load("color");
    return { row, cols, fill };
  });
  await context.sync();
  const mixed: { row: number; col: number }[] = [];
  for (const { row, cols, fill } of perRow) {
    if (fill.color === null) for (const col of cols) mixed.push({ row, col });
    else for (const col of cols) fills.set(fillKey(row, col), normaliseFill(fill.color));
  }
  for (let i = 0; i < mixed.length; i += FILL_CELLS_PER_SYNC) {
    const batch = mixed.slice(i, i + FILL_CELLS_PER_SYNC).map(({ row, col }) => {
      const fill = sheet.getRange(rectAddress({ top: row, bottom: row, left: col, right: col })).format.fill;
      fill.load("color");
      return { row, col, fill };
    });
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per 20,000 mixed cells, bounded by the payload limit
    await context.sync();
    for (const { row, col, fill } of batch) fills.set(fillKey(row, col), normaliseFill(fill.color));
  }
  return fills;
}
