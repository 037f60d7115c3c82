/**
 * An .xlsx file on disk as the Excel double's workbook (`npm run host`, the tests that compare the
 * double with the command line): the package loader (`./load-package.ts`, which the browser
 * preview shares) over the file with positioned reads, unpacked by Node's zlib.
 */
import type { WorkbookModel } from "../model";
import { nodeCodec } from "../../xlsx/inflate-node";
import { withFileSource } from "../../xlsx/read";
import { loadWorkbookModelFrom } from "./load-package";

export * from "./load-package";

/**
 * Loads the workbook at `path` into a fresh model for `createExcelDoubleOf`. Throws
 * `WorkbookReadError` (the command line's messages) for a file that is not a readable .xlsx.
 */
export function loadWorkbookModel(path: string): Promise<WorkbookModel> {
  return withFileSource(path, (source) => loadWorkbookModelFrom(source, nodeCodec, path));
}
