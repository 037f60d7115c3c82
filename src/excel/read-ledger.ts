/**
 * Reading a sheet into a `Grid` over Office.js, with a bounded number of syncs (DESIGN.md:
 * "never sync in a loop"; Excel on the web caps a response at 5 MB). The probe (evaluate-in-excel.ts)
 * has already learnt the used range, its first rows and the merged areas; from them `read-plan.ts`
 * decides which columns' number formats to load and into how many row blocks the read is split:
 *
 * - one sync per block — one sync for any ledger whose response is estimated under `READ_BUDGET_BYTES`
 *   (20,000 realistic rows), one more per further block;
 * - each block loads `values` for all its cells and `numberFormat` only for the planned columns;
 * - if Excel still answers "response too large" (texts much longer than the sample's), the read is
 *   retried in blocks of `RETRY_BLOCK_ROWS`, one per sync.
 */
import { rectAddress, parseAddress, splitAreas, type Rect } from "./address";
import type { XlContext, XlRange, XlWorksheet } from "./office-api";
import { columnRuns, type FormatColumns } from "./read-plan";
import type { CellValue, Grid, MergeArea } from "../core/types";

/** Rows per sync when a planned read was still too large for Excel. */
export const RETRY_BLOCK_ROWS = 1000;

/** `Sheet1!A1:C3` → the rectangle; throws on an address Office.js would never return. */
export function rectOf(address: string): Rect {
  const parsed = parseAddress(address);
  if (!parsed) throw new Error(`Unexpected range address from Excel: ${address}`);
  return parsed.rect;
}

/** The merged areas of a `RangeAreas` address (`Sheet1!A1:C1,Sheet1!F4:F6`). */
export function mergesOf(address: string): MergeArea[] {
  const merges = new Map<string, MergeArea>();
  for (const area of splitAreas(address)) {
    const r = rectOf(area);
    merges.set(rectAddress(r), { top: r.top, left: r.left, bottom: r.bottom, right: r.right });
  }
  return [...merges.values()];
}

/** Splits a rectangle into row blocks of at most `rows` rows. */
export function rowBlocks(rect: Rect, rows: number): Rect[] {
  const blocks: Rect[] = [];
  for (let top = rect.top; top <= rect.bottom; top += rows)
    blocks.push({ ...rect, top, bottom: Math.min(rect.bottom, top + rows - 1) });
  return blocks;
}

interface BlockHandles {
  readonly rect: Rect;
  readonly values: XlRange | null;
  /** One range per run of format columns. */
  readonly formats: readonly { readonly left: number; readonly range: XlRange }[];
}

export interface SheetRead {
  readonly rect: Rect;
  readonly values: CellValue[][];
  /** `null` where no format was loaded (a column outside `formatColumns`) or the format is General. */
  readonly numberFormats: (string | null)[][];
  readonly merges: MergeArea[];
  /** The columns whose number formats were loaded. */
  readonly formatColumns: FormatColumns;
}

function formatRuns(rect: Rect, columns: FormatColumns): { left: number; right: number }[] {
  if (columns === "all") return [{ left: rect.left, right: rect.right }];
  return columnRuns(columns.filter((c) => c >= rect.left && c <= rect.right));
}

function queueBlock(sheet: XlWorksheet, rect: Rect, columns: FormatColumns, withValues: boolean): BlockHandles {
  let values: XlRange | null = null;
  if (withValues) {
    values = sheet.getRange(rectAddress(rect));
    values.load("values");
  }
  const formats = formatRuns(rect, columns).map(({ left, right }) => {
    const range = sheet.getRange(rectAddress({ ...rect, left, right }));
    range.load("numberFormat");
    return { left, range };
  });
  return { rect, values, formats };
}

function toCellValue(v: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

const toFormat = (f: unknown): string | null => (typeof f === "string" && f !== "General" ? f : null);

/** Copies the loaded blocks into the read's matrices. */
function collect(read: SheetRead, handles: readonly BlockHandles[]): void {
  const width = read.rect.right - read.rect.left + 1;
  for (const block of handles) {
    const r0 = block.rect.top - read.rect.top;
    block.values?.values.forEach((row, i) => (read.values[r0 + i] = row.map(toCellValue)));
    for (const { left, range } of block.formats) {
      range.numberFormat.forEach((row, i) => {
        const target = (read.numberFormats[r0 + i] ??= new Array<string | null>(width).fill(null));
        row.forEach((f: unknown, j) => (target[left - read.rect.left + j] = toFormat(f)));
      });
    }
  }
}

async function loadInSyncs(
  context: XlContext,
  sheet: XlWorksheet,
  read: SheetRead,
  blocks: readonly Rect[],
  columns: FormatColumns,
  withValues: boolean,
  extra: () => void,
): Promise<void> {
  const handles: BlockHandles[] = [];
  for (const [i, block] of blocks.entries()) {
    const handle = queueBlock(sheet, block, columns, withValues);
    if (i === 0) extra();
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per planned block (one for ≤ 20,000 realistic rows): the 5 MB response cap
    await context.sync();
    handles.push(handle);
  }
  collect(read, handles);
}

/**
 * Reads a rectangle of a sheet: `values` of every cell, `numberFormat` of `formatColumns`, one sync per
 * block of `blocks` (normally one). On "response too large" it retries in smaller blocks; a single block
 * still too large is the caller's `too-large`. `extra` queues other loads into the first sync.
 */
export async function readRect(
  context: XlContext,
  sheet: XlWorksheet,
  rect: Rect,
  options: {
    readonly blocks: readonly Rect[];
    readonly formatColumns: FormatColumns;
    readonly merges: readonly MergeArea[];
    readonly extra?: () => void;
  },
): Promise<SheetRead> {
  const rows = rect.bottom - rect.top + 1;
  const width = rect.right - rect.left + 1;
  const read: SheetRead = {
    rect,
    values: [],
    numberFormats: Array.from({ length: rows }, () => new Array<string | null>(width).fill(null)),
    merges: [...options.merges],
    formatColumns: options.formatColumns,
  };
  const extra = options.extra ?? (() => undefined);
  try {
    await loadInSyncs(context, sheet, read, options.blocks, options.formatColumns, true, extra);
  } catch (error) {
    if ((error as { code?: string }).code !== "ResponsePayloadSizeLimitExceeded") throw error;
    await loadInSyncs(context, sheet, read, rowBlocks(rect, RETRY_BLOCK_ROWS), options.formatColumns, true, extra);
  }
  return read;
}

/**
 * Loads the number formats of further columns into a read (one sync per block): the engine's layout
 * needed a date column the header sample did not show (a ledger further down the sheet, a selected table).
 */
export async function readMoreFormats(
  context: XlContext,
  sheet: XlWorksheet,
  read: SheetRead,
  columns: readonly number[],
  blocks: readonly Rect[],
): Promise<SheetRead> {
  await loadInSyncs(context, sheet, read, blocks, columns, false, () => undefined);
  const loaded =
    read.formatColumns === "all" ? "all" : [...new Set([...read.formatColumns, ...columns])].sort((a, b) => a - b);
  return { ...read, formatColumns: loaded };
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
