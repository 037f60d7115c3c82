/**
 * A sheet of ours too heavy for 生成汇总表's one batch — the 评估记录 history of a 20,000-item ledger
 * (~6 MB a period), or the summary itself, whose 预警事项 table lists every red and yellow item — has its
 * cells written first, in bands of whole rows, one request each. Excel on the web rejects a request or
 * a response over 5 MB (Microsoft's "Resource limits and performance optimization for Office Add-ins",
 * Excel add-ins: payload size limit; see ./payload.ts for how the bytes are counted); the batch then
 * only styles, places, hides and marks the sheets.
 */
import type { Rect } from "./address";
import { payloadBytes } from "./payload";

/**
 * A sheet whose cells weigh more than this in a request is written in bands before the batch. The batch
 * carries up to two sheets (the summary and the history) plus their styles and hyperlinks (~0.1 KB a
 * linked row), so each sheet's inline cells stay well under half of the 5 MB cap.
 */
export const INLINE_CELLS_BYTES = 1.5 * 1024 * 1024;
/** Each band's request stays under this (`WRITE_BUDGET_BYTES` of the evaluation's write). */
export const BAND_BYTES = 4 * 1024 * 1024;

/** The thresholds in bytes; tests lower them to band a small sheet. */
export interface BandLimits {
  readonly inlineBytes: number;
  readonly bandBytes: number;
}
export const DEFAULT_BAND_LIMITS: BandLimits = { inlineBytes: INLINE_CELLS_BYTES, bandBytes: BAND_BYTES };

/** Rows of a sheet's values and number formats, written in one request. */
export interface ValueBand {
  readonly rect: Rect;
  readonly values: unknown[][];
  readonly formats: string[][];
}

/**
 * The sheet's cells in bands of whole rows, each request under `bandBytes` (a single row heavier than
 * that is a band of its own); null when the whole fits `inlineBytes` and rides in the batch with the
 * rest of the sheet.
 */
export function valueBands(
  grid: { readonly values: unknown[][]; readonly formats: string[][]; readonly rect: Rect },
  { inlineBytes, bandBytes }: BandLimits = DEFAULT_BAND_LIMITS,
): ValueBand[] | null {
  const rowBytes = grid.values.map((row, i) => payloadBytes([row]) + payloadBytes([grid.formats[i] ?? []]));
  if (rowBytes.reduce((sum, n) => sum + n, 0) <= inlineBytes) return null;
  const bands: ValueBand[] = [];
  let start = 0;
  let bytes = 0;
  const close = (end: number): void => {
    bands.push({
      rect: { ...grid.rect, top: grid.rect.top + start, bottom: grid.rect.top + end - 1 },
      values: grid.values.slice(start, end),
      formats: grid.formats.slice(start, end),
    });
    start = end;
    bytes = 0;
  };
  rowBytes.forEach((n, i) => {
    if (i > start && bytes + n > bandBytes) close(i);
    bytes += n;
  });
  close(rowBytes.length);
  return bands;
}
