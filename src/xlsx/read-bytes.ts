/**
 * The .xlsx reader for bytes in memory — a file picked in a browser — safe to bundle for a web page:
 * it imports no Node module (test/xlsx/read-bytes-entry.test.ts holds that). It is the command
 * line's reader (`./read-package.ts`: same parsing, same limits, same messages), reading the bytes
 * in place and unpacking with the browser's `DecompressionStream`.
 *
 * Use:
 *
 *   const bytes = new Uint8Array(await file.arrayBuffer());
 *   try {
 *     const book = await readWorkbookFromBytes(bytes, { name: file.name });
 *     for (const sheet of book.sheets) if (!sheet.hidden) use(sheet.name, sheet.grid());
 *   } catch (error) {
 *     if (error instanceof WorkbookReadError) show(error.userMessage); // { zh, en }, naming the file
 *     else throw error;
 *   }
 *
 * Several files may be read one after another or at once; nothing is shared between reads.
 */
import { bytesSource } from "./byte-source";
import { webCodec } from "./inflate-web";
import { readWorkbookFrom, type ReadOptions, type WorkbookGrids } from "./read-package";

export {
  WorkbookReadError,
  type ReadOptions,
  type WorkbookGrids,
  type WorkbookReadProblem,
  type WorkbookSheet,
} from "./read-package";

export interface BytesReadOptions extends ReadOptions {
  /** What messages call the file (its name as picked); default "工作簿.xlsx". */
  readonly name?: string;
}

/**
 * Reads the worksheets of the .xlsx held in `bytes` as grids (`WorkbookGrids`: sheets in workbook
 * order, each with `name`, `hidden` and `grid()`; `date1904`). Only the sheets `options.wanted`
 * accepts are read cell by cell (default: all). Rejects with `WorkbookReadError` — and nothing
 * else — for bytes that are not a readable .xlsx or are beyond the reader's limits; its
 * `userMessage` says why in Chinese and English. `bytes` is not changed.
 */
export function readWorkbookFromBytes(bytes: Uint8Array, options: BytesReadOptions = {}): Promise<WorkbookGrids> {
  return readWorkbookFrom(bytesSource(bytes), webCodec, options.name ?? "工作簿.xlsx", options);
}
