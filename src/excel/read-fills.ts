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
  const [fills] = (await readFillsOfSheets(context, [{ sheet, cells }])).fills;
  return fills ?? new Map();
}

/**
 * `readFillsOf` for several sheets at once, in the same syncs as one (each sheet's map in order).
 * `synced`: whether it synced at all (no cells, no sync); anything the caller queued before is
 * loaded by its first sync.
 */
export async function readFillsOfSheets(
  context: XlContext,
  requests: readonly { readonly sheet: XlWorksheet; readonly cells: Iterable<string> }[],
): Promise<{ fills: FillMap[]; synced: boolean }> {
  const results = requests.map((): FillMap => new Map());
  const perRow = requests.flatMap(({ sheet, cells }, index) => {
    const rows = new Map<number, number[]>();
    for (const key of cells) {
      const [row = 0, col = 0] = key.split(":").map(Number);
      const cols = rows.get(row) ?? [];
      rows.set(row, cols);
      cols.push(col);
    }
    return [...rows].map(([row, cols]) => {
      const left = Math.min(...cols);
      const right = Math.max(...cols);
      const fill = sheet.getRange(rectAddress({ top: row, bottom: row, left, right })).format.fill;
      fill.load("color");
      return { index, sheet, row, cols, fill };
    });
  });
  if (perRow.length === 0) return { fills: results, synced: false };
  await context.sync();
  const mixed: { index: number; sheet: XlWorksheet; row: number; col: number }[] = [];
  for (const { index, sheet, row, cols, fill } of perRow) {
    if (fill.color === null) for (const col of cols) mixed.push({ index, sheet, row, col });
    else for (const col of cols) results[index]?.set(fillKey(row, col), normaliseFill(fill.color));
  }
  for (let i = 0; i < mixed.length; i += FILL_CELLS_PER_SYNC) {
    const batch = mixed.slice(i, i + FILL_CELLS_PER_SYNC).map(({ index, sheet, row, col }) => {
      const fill = sheet.getRange(rectAddress({ top: row, bottom: row, left: col, right: col })).format.fill;
      fill.load("color");
      return { index, row, col, fill };
    });
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per 20,000 mixed cells, bounded by the payload limit
    await context.sync();
    for (const { index, row, col, fill } of batch) results[index]?.set(fillKey(row, col), normaliseFill(fill.color));
  }
  return { fills: results, synced: true };
}
