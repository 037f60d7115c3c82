/**
 * The reader's limits. A file beyond one is refused with one clear line, never read until memory
 * runs out: the rows and columns are Excel's own (a file within them is never refused for its
 * shape), a cell's text is Excel's 32,767 characters, and the sizes and cell count keep the peak
 * memory of the command line under 1 GB on any input (README, "Limits of the reader").
 */
export const READ_LIMITS = {
  /** Excel's last row. */
  rows: 1_048_576,
  /** Excel's last column (XFD). */
  columns: 16_384,
  /** Excel's longest cell text, in UTF-16 code units (what Excel's LEN counts). */
  stringLength: 32_767,
  /** Cells with a value in the sheets read, all together. */
  cells: 10_000_000,
  /** One part of the package, unpacked (read in chunks, never held whole). */
  partBytes: 1 << 30,
  /** A part that must be held whole: the workbook, relationships, content types, a UTF-16 part. */
  wholePartBytes: 1 << 28,
  /** Every part read, unpacked, together. */
  totalBytes: 2 ** 31,
} as const;

export type ReadLimit =
  "rows" | "columns" | "string-length" | "cells" | "part-bytes" | "whole-part-bytes" | "total-bytes";

/** A file beyond one of `READ_LIMITS`; `where` names the part, or the sheet and cell. */
export class ReadLimitError extends Error {
  constructor(
    readonly limit: ReadLimit,
    readonly where: string,
  ) {
    super(`limit: ${limit} at ${where}`);
    this.name = "ReadLimitError";
  }
}
