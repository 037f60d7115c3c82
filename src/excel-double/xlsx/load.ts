/**
 * An .xlsx file on disk as the Excel double's workbook (`npm run host`, the tests that compare the
 * double with the command line): the package loader (`./load-package.ts`, which the browser
 * preview shares) over the file with positioned reads, unpacked by Node's zlib.
 */
import { closeSync, openSync, statSync } from "node:fs";
import type { WorkbookModel } from "../model";
import { nodeCodec } from "../../xlsx/inflate-node";
import { problemFromFsError, WorkbookReadError } from "../../xlsx/read";
import { fileSource } from "../../xlsx/zip";
import { loadWorkbookModelFrom } from "./load-package";

export * from "./load-package";

/**
 * Loads the workbook at `path` into a fresh model for `createExcelDoubleOf`. Throws
 * `WorkbookReadError` (the command line's messages) for a file that is not a readable .xlsx.
 */
export async function loadWorkbookModel(path: string): Promise<WorkbookModel> {
  let fd: number;
  let size: number;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new WorkbookReadError("is-directory", path);
    size = stats.size;
    fd = openSync(path, "r");
  } catch (error) {
    if (error instanceof WorkbookReadError) throw error;
    throw new WorkbookReadError(problemFromFsError(error), path);
  }
  try {
    return await loadWorkbookModelFrom(fileSource(fd, size), nodeCodec, path);
  } finally {
    closeSync(fd);
  }
}
