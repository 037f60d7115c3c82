/**
 * Reading a sheet into a `Grid` over Office.js, with a bounded number of syncs (DESIGN.md:
 * "never sync in a loop"; Excel on the web caps a response at 5 MB). The probe (evaluate-in-excel.ts)
 * has already learnt the used range, its first rows (values of up to `PREFETCH_ROWS` of them, a header
 * sample with formats) and the merged areas; from them `read-plan.ts` decides which columns' number
 * formats to load and into how many row blocks the rest is split:
 *
 * - one sync per block — one sync for any ledger whose remaining response is estimated under
 *   `READ_BUDGET_BYTES` (20,000 realistic rows), one more per further block;
 * - each block loads `values` for its cells the probe did not load, `numberFormat` only for the planned
 *   columns;
 * - if Excel still answers "response too large" (texts much longer than the sample's), the read is
 *   retried in blocks of `RETRY_BLOCK_ROWS`, one per sync.
 */
import { columnRuns, rectAddress, parseAddress, splitAreas, type Rect } from "./address";
import type { XlContext, XlRange, XlRangeAreas, XlWorksheet } from "./office-api";
import { fixedReadBlocks, mergeTiles, type FormatColumns, type KnownValues, type ReadBlock } from "./read-plan";
import type { CellValue, Grid, MergeArea } from "../core/types";

/** Rows per sync when a planned read was still too large for Excel. */
export const RETRY_BLOCK_ROWS = 1000;

/** `Sheet1!A1:C3` → the rectangle; throws on an address Office.js would never return. */
export function rectOf(address: string): Rect {
  const parsed = parseAddress(address);
  if (!parsed) throw new Error(`Unexpected range address from Excel: ${address}`);
  return parsed.rect;
}

/** The merged areas of `RangeAreas` addresses (`Sheet1!A1:C1,Sheet1!F4:F6`), each once. */
export function mergesOf(...addresses: string[]): MergeArea[] {
  const merges = new Map<string, MergeArea>();
  for (const area of addresses.flatMap(splitAreas)) {
    const r = rectOf(area);
    merges.set(rectAddress(r), { top: r.top, left: r.left, bottom: r.bottom, right: r.right });
  }
  return [...merges.values()];
}

/**
 * Queues the loads of the merged areas in `rect`, tile by tile (`mergeTiles`: no tile can hold more
 * than the 512 merged areas one call may return). Read them with `loadedMerges` after the sync.
 */
export function queueMergedAreas(sheet: XlWorksheet, rect: Rect): XlRangeAreas[] {
  return mergeTiles(rect).map((tile) => {
    const areas = sheet.getRange(rectAddress(tile)).getMergedAreasOrNullObject();
    areas.load("address");
    return areas;
  });
}

/** The merged areas the queued tiles found, each once (a merge across tiles is reported by each it touches). */
export function loadedMerges(tiles: readonly XlRangeAreas[], also: readonly MergeArea[] = []): MergeArea[] {
  const found = tiles.filter((t) => !t.isNullObject).map((t) => t.address);
  return mergesOf(...also.map((m) => rectAddress(m)), ...found);
}

interface BlockHandles {
  readonly values: readonly { readonly rect: Rect; readonly range: XlRange }[];
  /** One range per run of format columns. */
  readonly formats: readonly { readonly rect: Rect; readonly range: XlRange }[];
  /** The block's merged-area tiles (empty when merges are not read). */
  readonly merges: readonly XlRangeAreas[];
}

export interface SheetRead {
  readonly rect: Rect;
  /** Rows of the read (a row missing or short where nothing was loaded: read as empty). */
  readonly values: CellValue[][];
  /** `null` where no format was loaded (a column outside `formatColumns`) or the format is General. */
  readonly numberFormats: (string | null)[][];
  merges: MergeArea[];
  /** The columns whose number formats were loaded. */
  readonly formatColumns: FormatColumns;
}

function formatRuns(rect: Rect, columns: FormatColumns): { left: number; right: number }[] {
  if (columns === "all") return [{ left: rect.left, right: rect.right }];
  return columnRuns(columns.filter((c) => c >= rect.left && c <= rect.right));
}

function queueBlock(sheet: XlWorksheet, block: ReadBlock, columns: FormatColumns, readMerges: boolean): BlockHandles {
  const values = block.values.map((rect) => {
    const range = sheet.getRange(rectAddress(rect));
    range.load("values");
    return { rect, range };
  });
  const formats = formatRuns(block.rows, columns).map(({ left, right }) => {
    const rect = { ...block.rows, left, right };
    const range = sheet.getRange(rectAddress(rect));
    range.load("numberFormat");
    return { rect, range };
  });
  return { values, formats, merges: readMerges ? queueMergedAreas(sheet, block.rows) : [] };
}

function toCellValue(v: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

const toFormat = (f: unknown): string | null => (typeof f === "string" && f !== "General" ? f : null);

/** A range loaded whole (values and formats, e.g. the survey's first rows) as a read of its rectangle. */
export function loadedRead(
  rect: Rect,
  values: readonly (readonly unknown[])[],
  numberFormats: readonly (readonly unknown[])[],
): SheetRead {
  return {
    rect,
    values: values.map((row) => row.map(toCellValue)),
    numberFormats: numberFormats.map((row) => row.map(toFormat)),
    merges: [],
    formatColumns: "all",
  };
}

/** Puts the loaded values of `rect` (inside the read) into the read's rows. */
function placeValues(read: SheetRead, rect: Rect, matrix: readonly (readonly unknown[])[]): void {
  const width = read.rect.right - read.rect.left + 1;
  const c0 = rect.left - read.rect.left;
  matrix.forEach((row, i) => {
    const r = rect.top - read.rect.top + i;
    if (c0 === 0 && row.length === width && read.values[r] === undefined) read.values[r] = row.map(toCellValue);
    else {
      const target = (read.values[r] ??= new Array<CellValue>(width).fill(null));
      row.forEach((v, j) => (target[c0 + j] = toCellValue(v)));
    }
  });
}

/** Copies the loaded blocks into the read's matrices. */
function collect(read: SheetRead, handles: readonly BlockHandles[]): void {
  const width = read.rect.right - read.rect.left + 1;
  read.merges = loadedMerges(
    handles.flatMap((h) => h.merges),
    read.merges,
  );
  for (const block of handles) {
    for (const { rect, range } of block.values) placeValues(read, rect, range.values);
    for (const { rect, range } of block.formats) {
      const r0 = rect.top - read.rect.top;
      range.numberFormat.forEach((row, i) => {
        const target = (read.numberFormats[r0 + i] ??= new Array<string | null>(width).fill(null));
        row.forEach((f: unknown, j) => (target[rect.left - read.rect.left + j] = toFormat(f)));
      });
    }
  }
}

async function loadInSyncs(
  context: XlContext,
  sheet: XlWorksheet,
  read: SheetRead,
  blocks: readonly ReadBlock[],
  columns: FormatColumns,
  extra: () => void,
  readMerges: boolean,
): Promise<void> {
  const handles: BlockHandles[] = [];
  for (const [i, block] of blocks.entries()) {
    const handle = queueBlock(sheet, block, columns, readMerges);
    if (i === 0) extra();
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per planned block (one for ≤ 20,000 realistic rows): the 5 MB response cap
    await context.sync();
    handles.push(handle);
  }
  collect(read, handles);
}

/**
 * Reads a rectangle of a sheet: `values` of every cell (those in `known` from the probe, the others
 * loaded), `numberFormat` of `formatColumns`, one sync per block of `blocks` (normally one). On "response
 * too large" it retries in smaller blocks; a single block still too large is the caller's `too-large`.
 * `extra` queues other loads into the first sync.
 */
export async function readRect(
  context: XlContext,
  sheet: XlWorksheet,
  rect: Rect,
  options: {
    readonly blocks: readonly ReadBlock[];
    readonly formatColumns: FormatColumns;
    /** Merged areas already known (the probe's header sample); the others are read with the blocks when `readMerges`. */
    readonly merges: readonly MergeArea[];
    readonly readMerges: boolean;
    /** Values already loaded, inside `rect` (the blocks leave them out). */
    readonly known?: KnownValues | null;
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
  const known = options.known ?? null;
  if (known) placeValues(read, known.rect, known.values);
  const extra = options.extra ?? (() => undefined);
  try {
    await loadInSyncs(context, sheet, read, options.blocks, options.formatColumns, extra, options.readMerges);
  } catch (error) {
    if ((error as { code?: string }).code !== "ResponsePayloadSizeLimitExceeded") throw error;
    const retry = fixedReadBlocks(rect, known?.rect ?? null, RETRY_BLOCK_ROWS);
    await loadInSyncs(context, sheet, read, retry, options.formatColumns, extra, options.readMerges);
  }
  return read;
}

/**
 * Loads the number formats of further columns into a read (one sync per block, blocks without values):
 * the engine's layout needed a date column the header sample did not show (a ledger further down the
 * sheet, a selected table).
 */
export async function readMoreFormats(
  context: XlContext,
  sheet: XlWorksheet,
  read: SheetRead,
  columns: readonly number[],
  blocks: readonly ReadBlock[],
): Promise<SheetRead> {
  await loadInSyncs(context, sheet, read, blocks, columns, () => undefined, false);
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
  // Plain loops, and a whole row copied at once where it is complete: a few thousand rows are cut on
  // the pane's thread before each evaluation.
  const slice = <T>(m: readonly (readonly T[])[], fill: T): T[][] => {
    const out: T[][] = new Array<T[]>(rows);
    for (let r = 0; r < rows; r++) {
      const source = m[r0 + r];
      if (source && c0 === 0 && source.length === cols && !source.includes(undefined as T)) {
        out[r] = source.slice();
        continue;
      }
      const row = new Array<T>(cols);
      for (let c = 0; c < cols; c++) row[c] = source?.[c0 + c] ?? fill;
      out[r] = row;
    }
    return out;
  };
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
