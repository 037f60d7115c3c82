/**
 * Which files `combine` checks: the `.xlsx` files named, and those under the folders named (searched
 * recursively), without Office's `~$` lock files and without the consolidated workbooks `combine
 * --out` wrote (a second run over the same folder must not count every item twice). The parts
 * `split` wrote are ordinary ledgers and are combined.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { isCombinedWorkbook } from "./consolidated";

export interface FoundFile {
  /** Absolute path, for reading. */
  readonly path: string;
  /** The path as the user will recognise it: as typed, or the typed folder joined with the file's place in it. */
  readonly display: string;
  /** Named `.xlsx`; a file named explicitly with another extension is checked too, and fails with the reader's reason. */
  readonly xlsx: boolean;
}

export interface FileSearch {
  readonly files: readonly FoundFile[];
  /** Paths given that exist neither as a file nor as a folder. */
  readonly missing: readonly string[];
  /** Consolidated workbooks left out (as displayed). */
  readonly skippedCombined: readonly string[];
}

const isXlsxName = (name: string): boolean => /\.xlsx$/i.test(name) && !name.startsWith("~$");

function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Every `.xlsx` under `folder`, in code-point order of their paths (the same on every machine). */
function xlsxUnder(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // An unreadable subfolder holds nothing we can check.
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if ((entry.isFile() || entry.isSymbolicLink()) && isXlsxName(entry.name) && statOrNull(path)?.isFile())
        found.push(path);
    }
  };
  walk(folder);
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The files to combine, each once (a file named and also inside a named folder is checked once), in
 * the order the paths were given and, within a folder, in path order. A file named explicitly is
 * taken whatever its name: one that is not an `.xlsx` (a unit's old `.xls`) is listed with the
 * reader's reason rather than silently dropped.
 */
export function findLedgerFiles(paths: readonly string[], cwd: string): FileSearch {
  const files: FoundFile[] = [];
  const missing: string[] = [];
  const skippedCombined: string[] = [];
  const seen = new Set<string>();
  const take = (path: string, display: string, xlsx: boolean): void => {
    if (seen.has(path)) return;
    seen.add(path);
    if (xlsx && isCombinedWorkbook(path)) skippedCombined.push(display);
    else files.push({ path, display, xlsx });
  };
  for (const typed of paths) {
    const path = resolve(cwd, typed);
    const stats = statOrNull(path);
    if (!stats) missing.push(typed);
    else if (stats.isDirectory())
      for (const file of xlsxUnder(path)) take(file, join(typed, relative(path, file)), true);
    else take(path, typed, isXlsxName(typed.split(/[\\/]/).pop() ?? typed));
  }
  return { files, missing, skippedCombined };
}
