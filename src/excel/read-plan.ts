/**
 * What the read sync loads, decided from what the probe learnt (issue #4: one 评估 of a ledger of
 * ≤ 20,000 realistic rows in 3 syncs — probe, read, write — every response under Excel on the web's
 * 5 MB):
 *
 * - `values` for every cell of the used range, but `numberFormat` only for the columns whose formats
 *   the engine reads: the date fields' columns (src/core/items.ts `readItem` passes a cell's number
 *   format to `readDateCell`/`readDeadlineCell` for these fields only — a number is a date there by its
 *   format). Number formats for every cell roughly double the response.
 * - Those columns are found by running the engine's own `detectLayout` on the probe's header sample
 *   (the first rows of the used range: SPEC §2 "Scan the first 30 rows"), so the adapter and the engine
 *   agree on the header. When the sample shows no ledger, every column's formats are read (as before).
 * - The rows are split into blocks (one sync each) only when one response would exceed the budget,
 *   estimated from the sample's average cell size with a margin.
 */
import type { Rect } from "./address";
import { detectLayout } from "../core/layout";
import type { ColumnMapping } from "../core/settings";
import type { FieldKey, Grid, MergeArea } from "../core/types";

/** The fields whose cells are read with their number format (src/core/items.ts `readItem`). */
export const DATE_FIELDS: readonly FieldKey[] = ["assigned", "deadline", "completed", "closedOn", "reviewed"];

/**
 * Rows 1…60 of the used range come with the probe: twice the engine's 30-row header scan, so a used range
 * that starts a little below row 1 still shows its whole scan (and the row under a header on row 30).
 */
export const HEADER_SAMPLE_ROWS = 60;

/**
 * One read response is planned to stay under this: Excel on the web rejects a response over 5 MB; the
 * quarter megabyte left is for the loads that share the first read sync (survey sheet, table and rule
 * addresses). The estimate it is compared with already carries `CELL_SIZE_MARGIN`.
 */
export const READ_BUDGET_BYTES = 4.75 * 1024 * 1024;

/** The sample's average cell size is multiplied by this: later rows may hold longer texts than the first ones. */
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

/** Contiguous runs of columns (one range each in the read). */
export function columnRuns(columns: readonly number[]): { left: number; right: number }[] {
  const runs: { left: number; right: number }[] = [];
  for (const col of [...columns].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && col === last.right + 1) last.right = col;
    else if (!last || col > last.right) runs.push({ left: col, right: col });
  }
  return runs;
}

const jsonLength = (v: unknown): number => JSON.stringify(v ?? "").length;

/** Bytes one response of `rect` is expected to cost, from the sample's cell sizes (with `CELL_SIZE_MARGIN`). */
export function estimateReadBytes(rect: Rect, formatColumns: FormatColumns, sample: HeaderSample | null): number {
  const rows = rect.bottom - rect.top + 1;
  const width = rect.right - rect.left + 1;
  const formatWidth = formatColumns === "all" ? width : formatColumns.length;
  let valueCell = MIN_VALUE_CELL_BYTES;
  let formatCell = MIN_FORMAT_CELL_BYTES;
  if (sample) {
    const sampleCells = sample.values.reduce((n, row) => n + row.length, 0);
    if (sampleCells > 0) {
      const bytes = sample.values.reduce((n, row) => n + row.reduce((m: number, v) => m + jsonLength(v) + 1, 2), 0);
      valueCell = Math.max(valueCell, bytes / sampleCells);
    }
    const formats: unknown[] = [];
    const wanted = formatColumns === "all" ? null : new Set(formatColumns);
    for (const row of sample.numberFormats)
      row.forEach((f, i) => {
        if (!wanted || wanted.has(sample.rect.left + i)) formats.push(f);
      });
    if (formats.length > 0)
      formatCell = Math.max(formatCell, formats.reduce((n: number, f) => n + jsonLength(f) + 1, 0) / formats.length);
  }
  return Math.ceil(rows * (width * valueCell + formatWidth * formatCell) * CELL_SIZE_MARGIN);
}

/**
 * The read's row blocks, one sync each: the whole rectangle when its estimate fits `budget`, else as many
 * equal blocks as the estimate needs.
 */
export function planReadBlocks(rect: Rect, estimatedBytes: number, budget = READ_BUDGET_BYTES): Rect[] {
  const rows = rect.bottom - rect.top + 1;
  const count = Math.min(rows, Math.max(1, Math.ceil(estimatedBytes / budget)));
  const perBlock = Math.ceil(rows / count);
  const blocks: Rect[] = [];
  for (let top = rect.top; top <= rect.bottom; top += perBlock)
    blocks.push({ ...rect, top, bottom: Math.min(rect.bottom, top + perBlock - 1) });
  return blocks;
}
