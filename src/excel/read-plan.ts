/**
 * What the probe and the read syncs load, decided from what the probe learnt (issue #4: one 评估 of a
 * ledger of ≤ 20,000 realistic rows in 3 syncs — probe, read, write — every request and response under
 * Excel on the web's 5 MB, counted as UTF-8 bytes of the JSON, payload.ts):
 *
 * - The probe already loads the values of the first `PREFETCH_ROWS` rows of the used range, at most
 *   `PREFETCH_COLUMNS` wide (`PREFETCH_ADDRESS`): the probe's spare capacity, so the read sync has that
 *   much less to carry. Its size is bounded by cells (rows × columns), whatever the sheet's width.
 * - The read loads `values` of the rest of the used range, but `numberFormat` only for the columns whose
 *   formats the engine reads, for every row: the date fields' columns (src/core/items.ts `readItem` passes
 *   a cell's number format to `readDateCell`/`readDeadlineCell` for these fields only — a number is a date
 *   there by its format). Number formats for every cell roughly double the response.
 * - Those columns are found by running the engine's own `detectLayout` on the probe's header sample
 *   (the first rows of the used range: SPEC §2 "Scan the first 30 rows"), so the adapter and the engine
 *   agree on the header. When the sample shows no ledger, every column's formats are read (as before).
 * - The rows are split into blocks (one sync each) only when one response would exceed the budget,
 *   estimated from the measured cell sizes (the prefetched rows and the header sample) with a margin.
 */
import { intersect, type Rect } from "./address";
import { payloadBytes } from "./payload";
import { detectLayout } from "../core/layout";
import type { ColumnMapping } from "../core/settings";
import { columnLetter } from "../core/grid";
import type { FieldKey, Grid, MergeArea } from "../core/types";

/** The fields whose cells are read with their number format (src/core/items.ts `readItem`). */
export const DATE_FIELDS: readonly FieldKey[] = ["assigned", "deadline", "completed", "closedOn", "reviewed"];

/**
 * Rows 1…60 of the used range come with the probe (the header sample): twice the engine's 30-row header scan, so a used range
 * that starts a little below row 1 still shows its whole scan (and the row under a header on row 30).
 */
export const HEADER_SAMPLE_ROWS = 60;
/**
 * …of the first 64 columns (A…BL): a ledger's header is far left of that, and the cap keeps the sample
 * (values and formats) of a sheet 300 or 16,384 columns wide from filling the probe. A ledger further right
 * is still found by the engine on the whole read; its date columns' formats come in one more sync.
 */
export const HEADER_SAMPLE_COLUMNS = 64;
/** The box whose used part is the header sample. */
export const HEADER_SAMPLE_ADDRESS = `A1:${columnLetter(HEADER_SAMPLE_COLUMNS)}${HEADER_SAMPLE_ROWS}`;
export const HEADER_SAMPLE_RECT: Rect = { top: 1, left: 1, bottom: HEADER_SAMPLE_ROWS, right: HEADER_SAMPLE_COLUMNS };

/**
 * The prefetch is at most this many columns wide (A…P): a ledger has about 15 columns
 * (test/support/ledger-generator.ts, SPEC §2's fields); the columns of a wider sheet are read by the
 * read sync. Capping the width is what keeps a sheet of 300 columns from filling the probe.
 */
export const PREFETCH_COLUMNS = 16;
/**
 * What the prefetch is sized for: a cell of at most this many UTF-8 bytes on average, comma included —
 * the realistic ledger averages 17 (short codes and dates beside long 问题描述/整改措施 texts), so this is
 * 1.6 times that. A sheet whose first rows are denser than this may make Excel reject the probe; the
 * adapter then probes again without the prefetch (one more sync, for a sheet that needs several anyway).
 */
export const PREFETCH_CELL_BYTES = 28;
/**
 * The prefetch's share of the probe's response: 3.5 MB, leaving 1.5 MB of the 5 MB for the rest of the
 * probe — the header sample (values, formats and merged areas), names and settings.
 */
export const PREFETCH_BUDGET_BYTES = 3.5 * 1024 * 1024;
/** Rows of the prefetch: the budget over `PREFETCH_COLUMNS` cells of `PREFETCH_CELL_BYTES` (8,192). */
export const PREFETCH_ROWS = Math.floor(PREFETCH_BUDGET_BYTES / (PREFETCH_COLUMNS * PREFETCH_CELL_BYTES));
/**
 * The box whose used part the probe loads (`sheet.getRange(PREFETCH_ADDRESS).getUsedRangeOrNullObject(true)`,
 * ExcelApi 1.4): rows 1…`PREFETCH_ROWS` of columns A…, known without the used range's address.
 */
export const PREFETCH_ADDRESS = `A1:${columnLetter(PREFETCH_COLUMNS)}${PREFETCH_ROWS}`;

/**
 * The survey sheet's first rows come with the first read sync: the used part of columns A…AF, rows
 * 1…128 (4,096 cells: about 160 KB of values and formats at `PREFETCH_CELL_BYTES`, inside the quarter
 * megabyte `READ_BUDGET_BYTES` leaves for that sync's other loads). A larger survey is read after it in
 * planned blocks, like the ledger, so no response exceeds 5 MB whatever its size.
 */
export const SURVEY_HEAD_ADDRESS = "A1:AF128";

/**
 * One read response is planned to stay under this: Excel on the web rejects a response over 5 MB; the
 * quarter megabyte left is for the loads that share the first read sync (survey sheet, table and rule
 * addresses). The estimate it is compared with already carries `CELL_SIZE_MARGIN`.
 */
export const READ_BUDGET_BYTES = 4.75 * 1024 * 1024;

/** The measured average cell size is multiplied by this: later rows may hold longer texts than the first ones. */
export const CELL_SIZE_MARGIN = 1.25;

/** A loaded number format costs at least `"yyyy/m/d",` in the response. */
const MIN_FORMAT_CELL_BYTES = 11;
/** An empty cell still costs `"",` in the response. */
const MIN_VALUE_CELL_BYTES = 3;

/** The probe's sample of the first rows of the used range. */
export interface HeaderSample {
  readonly rect: Rect;
  readonly values: readonly (readonly unknown[])[];
  readonly numberFormats: readonly (readonly unknown[])[];
}

/** Values the probe already loaded: a rectangle inside the used range (the prefetch). */
export interface KnownValues {
  readonly rect: Rect;
  readonly values: readonly (readonly unknown[])[];
}

/** Columns whose number formats the read loads: a sorted list, or every column. */
export type FormatColumns = readonly number[] | "all";

/**
 * The sheet columns a date field's value is read from: the field's column and, where a merged cell
 * covers it, the merge's left column (a merged cell's value and format sit in its top-left cell).
 */
export function dateSourceColumns(columns: Partial<Record<FieldKey, number>>, merges: readonly MergeArea[]): number[] {
  const out = new Set<number>();
  for (const field of DATE_FIELDS) {
    const col = columns[field];
    if (col === undefined) continue;
    out.add(col);
    for (const m of merges) if (m.left < col && m.right >= col) out.add(m.left);
  }
  return [...out].sort((a, b) => a - b);
}

/** The sample as the grid the engine would see for the first rows of the used range. */
export function sampleGrid(sheet: string, sample: HeaderSample, merges: readonly MergeArea[], date1904: boolean): Grid {
  const norm = (v: unknown): string | number | boolean | null =>
    v === "" || v === null || v === undefined
      ? null
      : typeof v === "string" || typeof v === "number" || typeof v === "boolean"
        ? v
        : String(v);
  return {
    sheet,
    origin: { row: sample.rect.top, col: sample.rect.left },
    values: sample.values.map((row) => row.map(norm)),
    merges: merges.filter((m) => m.top <= sample.rect.bottom && m.bottom >= sample.rect.top),
    date1904,
  };
}

/**
 * The columns to load number formats for, from the header sample: the date fields' source columns of the
 * layout the engine finds there. "all" when there is no sample or the sample shows no ledger — the engine
 * may still find one (or fail) on the whole sheet, and then every format it could need is at hand.
 */
export function formatColumnsFromSample(
  sample: Grid | null,
  mapping: ColumnMapping,
  merges: readonly MergeArea[],
): FormatColumns {
  if (!sample) return "all";
  const layout = detectLayout(sample, mapping);
  if ("reason" in layout) return "all";
  return dateSourceColumns(layout.columns, merges);
}

/** Expected response bytes of one loaded cell, margin included. */
export interface CellCosts {
  readonly value: number;
  readonly format: number;
}

const averageCellBytes = (matrix: readonly (readonly unknown[])[]): number => {
  const cells = matrix.reduce((n, row) => n + row.length, 0);
  return cells > 0 ? payloadBytes(matrix) / cells : 0;
};

/**
 * What a value and a number format cost in the response, from what the probe saw: the larger of the
 * header sample's and the prefetch's average value (the sample spans every column, the prefetch thousands
 * of rows), the sample's average format among `formatColumns`; never below an empty cell's; times
 * `CELL_SIZE_MARGIN`.
 */
export function cellCosts(
  sample: HeaderSample | null,
  known: KnownValues | null,
  formatColumns: FormatColumns,
): CellCosts {
  const value = Math.max(
    MIN_VALUE_CELL_BYTES,
    sample ? averageCellBytes(sample.values) : 0,
    known ? averageCellBytes(known.values) : 0,
  );
  let format = MIN_FORMAT_CELL_BYTES;
  if (sample) {
    const wanted = formatColumns === "all" ? null : new Set(formatColumns);
    const formats = sample.numberFormats.map((row) =>
      row.filter((_, i) => !wanted || wanted.has(sample.rect.left + i)),
    );
    format = Math.max(format, averageCellBytes(formats));
  }
  return { value: value * CELL_SIZE_MARGIN, format: format * CELL_SIZE_MARGIN };
}

/**
 * One read sync: a band of rows, whose number formats (of the planned columns) it loads, and the
 * rectangles of that band whose values it loads — the band minus what is already known.
 */
export interface ReadBlock {
  readonly rows: Rect;
  readonly values: readonly Rect[];
}

/** `outer` minus `inner`: at most four rectangles (above, left, right, below). */
export function subtractRect(outer: Rect, inner: Rect | null): Rect[] {
  const common = inner && intersect(outer, inner);
  if (!common) return [outer];
  const out: Rect[] = [];
  if (common.top > outer.top) out.push({ ...outer, bottom: common.top - 1 });
  if (common.left > outer.left)
    out.push({ top: common.top, bottom: common.bottom, left: outer.left, right: common.left - 1 });
  if (common.right < outer.right)
    out.push({ top: common.top, bottom: common.bottom, left: common.right + 1, right: outer.right });
  if (common.bottom < outer.bottom) out.push({ ...outer, top: common.bottom + 1 });
  return out;
}

const blockOf = (rows: Rect, known: Rect | null): ReadBlock => ({ rows, values: subtractRect(rows, known) });

/**
 * The read's blocks, one sync each: the values of `rect` outside `known` and the formats of
 * `formatColumns`. One block when the estimate fits `budget`; else as few blocks as keep each under the
 * budget, of about equal cost (a row goes to the block its middle falls in). Never more blocks than rows.
 */
export function planReadBlocks(
  rect: Rect,
  known: Rect | null,
  formatColumns: FormatColumns,
  costs: CellCosts,
  budget = READ_BUDGET_BYTES,
): ReadBlock[] {
  const width = rect.right - rect.left + 1;
  const formatWidth =
    formatColumns === "all" ? width : formatColumns.filter((c) => c >= rect.left && c <= rect.right).length;
  const knownPart = known && intersect(rect, known);
  const knownWidth = knownPart ? knownPart.right - knownPart.left + 1 : 0;
  const rowCost = (row: number): number => {
    const loaded = knownPart && row >= knownPart.top && row <= knownPart.bottom ? width - knownWidth : width;
    return loaded * costs.value + formatWidth * costs.format;
  };
  const rows = rect.bottom - rect.top + 1;
  let total = 0;
  let dearest = 0;
  for (let row = rect.top; row <= rect.bottom; row++) {
    const cost = rowCost(row);
    total += cost;
    dearest = Math.max(dearest, cost);
  }
  // Nothing to load (every value known from the probe's prefetch, no format column wanted — a ledger of
  // ≤ 8,192 rows and ≤ 16 columns without any date column): one block, whose sync still carries the
  // caller's other loads. Split, a cost of 0 has shares (`target`) of 0: the second row would already
  // reach the first boundary, and `boundary += target` would never move past it (an endless loop).
  if (!(total > 0)) return [blockOf(rect, knownPart)];
  /**
   * Rows split at `count` equal shares of the cost (never more than `count` bands); false when a block
   * still exceeds the budget.
   */
  const split = (count: number): { bands: Rect[]; fits: boolean } => {
    const target = total / count;
    const bands: Rect[] = [];
    let top = rect.top;
    let blockBytes = 0;
    let done = 0;
    let fits = true;
    let boundary = target;
    for (let row = rect.top; row <= rect.bottom; row++) {
      const cost = rowCost(row);
      if (bands.length < count - 1 && row > top && done + cost / 2 >= boundary) {
        bands.push({ ...rect, top, bottom: row - 1 });
        fits &&= blockBytes <= budget;
        top = row;
        blockBytes = 0;
        while (boundary <= done + cost / 2) boundary += target;
      }
      blockBytes += cost;
      done += cost;
    }
    bands.push({ ...rect, top, bottom: rect.bottom });
    return { bands, fits: fits && blockBytes <= budget };
  };
  // A row alone over the budget can never fit: one row per block at once, instead of trying every count
  // up to the number of rows (each try O(rows)).
  let count = dearest > budget ? rows : Math.min(rows, Math.max(1, Math.ceil(total / budget)));
  let plan = split(count);
  while (!plan.fits && count < rows) plan = split(++count);
  return plan.bands.map((band) => blockOf(band, knownPart));
}

/**
 * `Range.getMergedAreasOrNullObject` (ExcelApi 1.13) "will fail to return the result" when the range holds
 * more than 512 merged areas — and the whole batch with it. A range of at most 512 cells cannot hold more:
 * every merged area it reports has a cell in it (Excel reports those whose top-left cell is in it,
 * office-js#3611). So merges are read in tiles of this many cells.
 */
export const MERGE_TILE_CELLS = 512;

/**
 * Tiles of at most `maxCells` cells covering `rect`, row bands as wide as it (one row split into column
 * runs when it alone is wider): the ranges whose merged areas are read.
 */
export function mergeTiles(rect: Rect, maxCells = MERGE_TILE_CELLS): Rect[] {
  const width = rect.right - rect.left + 1;
  const tiles: Rect[] = [];
  if (width <= maxCells) {
    const rows = Math.floor(maxCells / width);
    for (let top = rect.top; top <= rect.bottom; top += rows)
      tiles.push({ ...rect, top, bottom: Math.min(rect.bottom, top + rows - 1) });
    return tiles;
  }
  for (let row = rect.top; row <= rect.bottom; row++)
    for (let left = rect.left; left <= rect.right; left += maxCells)
      tiles.push({ top: row, bottom: row, left, right: Math.min(rect.right, left + maxCells - 1) });
  return tiles;
}

/** Blocks of `rows` rows each (the retry after Excel still found a response too large). */
export function fixedReadBlocks(rect: Rect, known: Rect | null, rows: number): ReadBlock[] {
  const knownPart = known && intersect(rect, known);
  const blocks: ReadBlock[] = [];
  for (let top = rect.top; top <= rect.bottom; top += rows)
    blocks.push(blockOf({ ...rect, top, bottom: Math.min(rect.bottom, top + rows - 1) }, knownPart));
  return blocks;
}
