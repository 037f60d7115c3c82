/**
 * Reads one .xlsx through both of the reader's paths — the file on disk (`readWorkbook`: positioned
 * reads, Node's zlib) and its bytes in memory (`readWorkbookFromBytes`: the browser entry, the
 * platform's DecompressionStream) — and states what each gave, so a test can hold them equal.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readWorkbook, WorkbookReadError, type WorkbookGrids, type WorkbookReadProblem } from "../../src/xlsx/read";
import { readWorkbookFromBytes } from "../../src/xlsx/read-bytes";

/** What one read gave: every sheet's grid (as a digest: a grid may have a million rows), or the refusal. */
export type ReadOutcome =
  | { readonly read: { readonly date1904: boolean; readonly sheets: readonly SheetDigest[] } }
  | { readonly refused: { readonly problem: WorkbookReadProblem; readonly zh: string; readonly en: string } };

interface SheetDigest {
  readonly name: string;
  readonly hidden: boolean;
  readonly rows: number;
  readonly digest: string;
}

function digestOf(book: WorkbookGrids): ReadOutcome {
  return {
    read: {
      date1904: book.date1904,
      sheets: book.sheets.map((sheet) => {
        const grid = sheet.grid();
        const json = JSON.stringify(grid);
        return {
          name: sheet.name,
          hidden: sheet.hidden,
          rows: grid.values.length,
          digest: createHash("sha256").update(json).digest("hex"),
        };
      }),
    },
  };
}

async function outcomeOf(read: () => Promise<WorkbookGrids>): Promise<ReadOutcome> {
  try {
    return digestOf(await read());
  } catch (error) {
    if (!(error instanceof WorkbookReadError)) throw error;
    return { refused: { problem: error.problem, ...error.userMessage } };
  }
}

/** The outcome of each path on the file at `path`; the bytes path is given the path as its name. */
export async function readBothWays(path: string): Promise<{ file: ReadOutcome; bytes: ReadOutcome }> {
  const file = await outcomeOf(() => readWorkbook(path));
  const bytes = await outcomeOf(() => readWorkbookFromBytes(new Uint8Array(readFileSync(path)), { name: path }));
  return { file, bytes };
}

/** Both paths gave the same sheets and cells, or refused with the same message. */
export async function expectSameBothWays(path: string): Promise<ReadOutcome> {
  const { file, bytes } = await readBothWays(path);
  expect(bytes).toEqual(file);
  return file;
}

/**
 * For damage made at random: both paths read the same cells, or both refuse. A deflate stream that
 * is itself damaged may be called cut short by one codec and damaged (wrong size or checksum) by
 * the other, so those two refusals count as one.
 */
export async function expectBothWaysAgree(path: string): Promise<void> {
  const { file, bytes } = await readBothWays(path);
  if ("read" in file) {
    expect(bytes).toEqual(file);
    return;
  }
  expect(bytes).toHaveProperty("refused");
  const kind = (outcome: ReadOutcome) => {
    const problem = "refused" in outcome ? outcome.refused.problem : "read";
    return problem === "truncated" ? "corrupt" : problem;
  };
  expect(kind(bytes)).toBe(kind(file));
}
