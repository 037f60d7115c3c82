/**
 * Reading a sheet into a `Grid` over Office.js, with a bounded number of syncs (DESIGN.md:
 * "never sync in a loop"; Excel on the web caps a response at 5 MB):
 *
 * - sync 1, the probe (`queueProbe`): sheet names, the ledger sheet, its used range's geometry,
 *   protection, the date system, the marks an earlier run left;
 * - sync 2, the read (`queueRead`): values and number formats (and merged areas, 1.13) in row
 *   blocks of `READ_BLOCK_ROWS`; all blocks that fit `MAX_CELLS_PER_READ_SYNC` travel in one sync,
 *   so any ledger up to 20,000 rows of ordinary width is read in ONE sync, and a larger one needs one
 *   more sync per further group of blocks. If Excel still answers "response too large" (very long
 *   texts), the read is retried one block per sync.
 */
import { parseAddress, rectAddress, splitAreas, type Rect } from "./address";
import type { HostFeatures } from "./features";
import type { XlContext, XlRange, XlWorksheet } from "./office-api";
import type { CellValue, Grid, MergeArea } from "../core/types";

/** Rows per block (DESIGN.md: "blocks of a few thousand rows"). */
export const READ_BLOCK_ROWS = 5000;
/**
 * Cells read in one sync at most. A ledger cell costs its value plus its number format in the
 * response (~15–25 bytes for short text and dates), so 240,000 cells stay under the 5 MB cap for
 * ordinary ledgers: 20,000 rows × 12 columns.
 */
export const MAX_CELLS_PER_READ_SYNC = 240_000;

/** `Sheet1!A1:C3` → the rectangle; throws on an address Office.js would never return. */
export function rectOf(address: string): Rect {
  const parsed = parseAddress(address);
  if (!parsed) throw new Error(`Unexpected range address from Excel: ${address}`);
  return parsed.rect;
}

/** Groups of row blocks, each group read in one sync. */
export function planReadSyncs(rect: Rect, blockRows = READ_BLOCK_ROWS, maxCells = MAX_CELLS_PER_READ_SYNC): Rect[][] {
  const width = rect.right - rect.left + 1;
  const blocks: Rect[] = [];
  for (let top = rect.top; top <= rect.bottom; top += blockRows) {
    blocks.push({ ...rect, top, bottom: Math.min(rect.bottom, top + blockRows - 1) });
  }
  const groups: Rect[][] = [];
  let current: Rect[] = [];
  let cells = 0;
  for (const block of blocks) {
    const blockCells = (block.bottom - block.top + 1) * width;
    if (current.length > 0 && cells + blockCells > maxCells) {
      groups.push(current);
      current = [];
      cells = 0;
    }
    current.push(block);
    cells += blockCells;
  }
  if (current.length) groups.push(current);
  return groups;
}

interface BlockHandles {
  readonly rect: Rect;
  readonly range: XlRange;
  readonly merges: ReturnType<XlRange["getMergedAreasOrNullObject"]> | null;
}

export interface SheetRead {
  readonly rect: Rect;
  readonly values: CellValue[][];
  readonly numberFormats: (string | null)[][];
  readonly merges: MergeArea[];
}

function queueBlocks(sheet: XlWorksheet, blocks: readonly Rect[], features: HostFeatures): BlockHandles[] {
  return blocks.map((rect) => {
    const range = sheet.getRange(rectAddress(rect));
    range.load("values,numberFormat");
    const merges = features.mergedAreas ? range.getMergedAreasOrNullObject() : null;
    merges?.load("address");
    return { rect, range, merges };
  });
}

function toCellValue(v: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

function collect(rect: Rect, handles: readonly BlockHandles[]): SheetRead {
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  const merges = new Map<string, MergeArea>();
  for (const block of handles) {
    for (const row of block.range.values) values.push(row.map(toCellValue));
    for (const row of block.range.numberFormat)
      numberFormats.push(row.map((f: unknown) => (typeof f === "string" && f !== "General" ? f : null)));
    if (block.merges && !block.merges.isNullObject) {
      for (const area of splitAreas(block.merges.address)) {
        const r = rectOf(area);
        merges.set(rectAddress(r), { top: r.top, left: r.left, bottom: r.bottom, right: r.right });
      }
    }
  }
  return { rect, values, numberFormats, merges: [...merges.values()] };
}

/**
 * Reads a rectangle of a sheet: one sync per group of blocks (normally one). On "response too
 * large" it retries one block per sync; a single block still too large is the caller's `too-large`.
 */
export async function readRect(
  context: XlContext,
  sheet: XlWorksheet,
  rect: Rect,
  features: HostFeatures,
  extra: () => void = () => undefined,
): Promise<SheetRead> {
  const groups = planReadSyncs(rect);
  const handles: BlockHandles[] = [];
  try {
    for (const [i, group] of groups.entries()) {
      handles.push(...queueBlocks(sheet, group, features));
      if (i === 0) extra();
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per group of blocks (normally one): the 5 MB response cap
      await context.sync();
    }
  } catch (error) {
    if ((error as { code?: string }).code !== "ResponsePayloadSizeLimitExceeded") throw error;
    handles.length = 0;
    const blocks = planReadSyncs(rect, Math.max(500, Math.floor(READ_BLOCK_ROWS / 5)), 1).flat();
    for (const [i, block] of blocks.entries()) {
      handles.push(...queueBlocks(sheet, [block], features));
      if (i === 0) extra();
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- retry after 'response too large': one block per sync
      await context.sync();
    }
  }
  return collect(rect, handles);
}

/** A `SheetRead` cropped to a rectangle inside it, as the `Grid` the engine reads. */
export function gridOf(sheetName: string, read: SheetRead, crop: Rect, date1904: boolean): Grid {
  const r0 = crop.top - read.rect.top;
  const c0 = crop.left - read.rect.left;
  const rows = crop.bottom - crop.top + 1;
  const cols = crop.right - crop.left + 1;
  const slice = <T>(m: readonly (readonly T[])[], fill: T): T[][] =>
    Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => m[r0 + r]?.[c0 + c] ?? fill));
  return {
    sheet: sheetName,
    origin: { row: crop.top, col: crop.left },
    values: slice(read.values, null as CellValue),
    numberFormats: slice(read.numberFormats, null as string | null),
    merges: read.merges.filter(
      (m) => m.bottom >= crop.top && m.top <= crop.bottom && m.right >= crop.left && m.left <= crop.right,
    ),
    date1904,
  };
}

/** The value of a sheet cell in a read, null outside it. */
export function readCell(read: SheetRead, row: number, col: number): CellValue {
  return read.values[row - read.rect.top]?.[col - read.rect.left] ?? null;
}
