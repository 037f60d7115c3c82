/**
 * Reads an .xlsx file on disk into the engine's `Grid`s: the package reader (`./read-package.ts`,
 * which every host shares) over the file with positioned reads, unpacked by Node's zlib. A large
 * workbook is never loaded whole. Bytes already in memory (a browser) go through `./read-bytes.ts`.
 */
import { closeSync, openSync, statSync } from "node:fs";
import type { ByteSource } from "./byte-source";
import { nodeCodec } from "./inflate-node";
import {
  readWorkbookFrom,
  WorkbookReadError,
  type ReadOptions,
  type WorkbookGrids,
  type WorkbookReadProblem,
} from "./read-package";
import { fileSource } from "./zip";

export * from "./read-package";

/** The problem behind a failed `fs` call, by its error code. */
export function problemFromFsError(error: unknown): WorkbookReadProblem {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") return "not-found";
  if (code === "EISDIR") return "is-directory";
  if (code === "EACCES" || code === "EPERM") return "unreadable";
  return "corrupt";
}

/**
 * Opens the file at `path` as a byte source for `use` and closes it afterwards, whatever `use`
 * does. A missing, folder or unreadable path throws `WorkbookReadError` before `use` runs; what
 * `use` throws passes through unchanged.
 */
export async function withFileSource<T>(path: string, use: (source: ByteSource) => Promise<T>): Promise<T> {
  let size: number;
  let fd: number;
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
    return await use(fileSource(fd, size));
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a workbook's worksheets as grids. Throws `WorkbookReadError` (never anything else) for a
 * file that is missing, a folder, unreadable, password-protected, an old .xls, not an .xlsx,
 * truncated or damaged.
 */
export function readWorkbook(path: string, options: ReadOptions = {}): Promise<WorkbookGrids> {
  return withFileSource(path, (source) => readWorkbookFrom(source, nodeCodec, path, options));
}
