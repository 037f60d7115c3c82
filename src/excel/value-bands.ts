/**
 * A sheet of ours too heavy for 生成汇总表's one batch — the 评估记录 history of a 20,000-item ledger
 * (~6 MB a period), or the summary itself, whose 预警事项 table lists every red and yellow item — has its
 * cells written first, in bands of whole rows, one request each. Excel on the web rejects a request or
 * a response over 5 MB (Microsoft's "Resource limits and performance optimization for Office Add-ins",
 * Excel add-ins: payload size limit; see ./payload.ts for how the bytes are counted); the batch then
 * only styles, places, hides and marks the sheets.
 */
import { payloadBytes } from "./payload";
import type { SheetCells, SheetLink } from "./render-sheet-plan";

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

/**
 * What one hyperlink adds to a request beyond its target: the range's object path with its address and
 * the property-set action. A guess on the safe side (the double counts 40 bytes): 20,000 linked rows
 * carried in one batch would otherwise be the one part of the summary that grows without bound.
 */
export const LINK_REQUEST_BYTES = 256;

/** Rows of a sheet's values, number formats and hyperlinks, written in one request. */
export type ValueBand = SheetCells;

/**
 * The sheet's cells in bands of whole rows, each request under `bandBytes` (a single row heavier than
 * that is a band of its own), a band's hyperlinks with it; null when the whole fits `inlineBytes` and
 * rides in the batch with the rest of the sheet.
 */
export function valueBands(
  grid: SheetCells,
  { inlineBytes, bandBytes }: BandLimits = DEFAULT_BAND_LIMITS,
): ValueBand[] | null {
  const linksByRow: SheetLink[][] = grid.values.map(() => []);
  for (const link of grid.links) linksByRow[link.row - grid.rect.top]?.push(link);
  const rowBytes = grid.values.map(
    (row, i) =>
      payloadBytes([row]) +
      payloadBytes([grid.formats[i] ?? []]) +
      (linksByRow[i] ?? []).reduce((sum, link) => sum + payloadBytes(link.target) + LINK_REQUEST_BYTES, 0),
  );
  if (rowBytes.reduce((sum, n) => sum + n, 0) <= inlineBytes) return null;
  const bands: ValueBand[] = [];
  let start = 0;
  let bytes = 0;
  const close = (end: number): void => {
    bands.push({
      rect: { ...grid.rect, top: grid.rect.top + start, bottom: grid.rect.top + end - 1 },
      values: grid.values.slice(start, end),
      formats: grid.formats.slice(start, end),
      links: linksByRow.slice(start, end).flat(),
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
