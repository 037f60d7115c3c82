/**
 * Shared helpers of the reliability tests (issue #5): every fixture ledger as a list, an .xlsx file
 * turned into an Excel-double workbook (values, number formats, merges, fills, fonts, borders,
 * widths), a failure injected at each sync of a host call, and the CLI driven in-process.
 */
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { run, type CliIo } from "../../src/cli/run";
import {
  diffSnapshots,
  type ExcelDouble,
  type SheetDescription,
  type WorkbookDescription,
  type WorkbookSnapshot,
} from "../../src/excel/double";
import type { FontModel } from "../../src/excel/double/model";
import type { HostError, HostOutcome, LedgerHost } from "../../src/excel/host";
import type { CellValue } from "../../src/core/types";
import { readWorkbook } from "../../src/xlsx/read";
import { harness } from "../excel/fixtures";

export const ROOT = resolve(__dirname, "../..");

/** Every .xlsx fixture ledger in the repository: `samples/*.xlsx` and `test/fixtures/**\/*.xlsx`. */
export function fixtureWorkbooks(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : name.endsWith(".xlsx") ? [path] : [];
    });
  const samples = readdirSync(join(ROOT, "samples"))
    .filter((name) => name.endsWith(".xlsx"))
    .map((name) => join(ROOT, "samples", name));
  return [...samples, ...walk(join(ROOT, "test/fixtures"))].sort();
}

/** A cell value the double can hold; strings that the double would read as a formula or a quote keep their text. */
function doubleValue(value: CellValue): string | number | boolean | null {
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return /^[=']/.test(value) ? `'${value}` : value;
  if ("error" in value) return value.error;
  return value.runs.join("");
}

const colour = (argb: string | undefined): string | undefined =>
  argb && /^[0-9A-Fa-f]{8}$/.test(argb) ? `#${argb.slice(2).toUpperCase()}` : undefined;

/**
 * An .xlsx file as an Excel-double workbook: the values, number formats, merges and hidden state the
 * CLI's reader sees, and the fills, fonts, borders and column widths exceljs sees — so a round trip
 * on the double has the file's formatting to preserve.
 */
export async function doubleDescriptionOf(path: string): Promise<WorkbookDescription> {
  const grids = await readWorkbook(path);
  const styled = new ExcelJS.Workbook();
  await styled.xlsx.readFile(path);
  const sheets: SheetDescription[] = grids.sheets.map((sheet) => {
    const grid = sheet.grid();
    const ws = styled.getWorksheet(sheet.name);
    const fills: Record<string, string> = {};
    const fonts: Record<string, FontModel> = {};
    const borders: Record<string, Record<string, string>> = {};
    ws?.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const fill = cell.fill?.type === "pattern" ? colour(cell.fill.fgColor?.argb) : undefined;
        if (fill) fills[cell.address] = fill;
        const f = cell.font;
        if (f && (f.bold || f.italic || f.size || f.name)) {
          const font: FontModel = {};
          if (f.bold) font.bold = true;
          if (f.italic) font.italic = true;
          if (f.size) font.size = f.size;
          if (f.name) font.name = f.name;
          fonts[cell.address] = font;
        }
        const edges: Record<string, string> = {};
        const b = cell.border ?? {};
        if (b.top?.style) edges.EdgeTop = b.top.style;
        if (b.bottom?.style) edges.EdgeBottom = b.bottom.style;
        if (b.left?.style) edges.EdgeLeft = b.left.style;
        if (b.right?.style) edges.EdgeRight = b.right.style;
        if (Object.keys(edges).length) borders[cell.address] = edges;
      }),
    );
    const columnWidths: Record<number, number> = {};
    for (let c = 1; c <= (ws?.columnCount ?? 0); c++) {
      const width = ws?.getColumn(c).width;
      if (width !== undefined) columnWidths[c] = Math.round(width * 5.625 * 100) / 100;
    }
    return {
      name: sheet.name,
      rows: grid.values.map((row) => row.map(doubleValue)),
      numberFormats: grid.numberFormats?.map((row) => row.map((f) => f ?? null)) ?? [],
      merges: grid.merges
        .filter((m) => m.top !== m.bottom || m.left !== m.right)
        .map((m) => `${letter(m.left)}${m.top}:${letter(m.right)}${m.bottom}`),
      fills,
      fonts,
      borders,
      columnWidths,
      hidden: sheet.hidden,
    };
  });
  // The ledger is the first visible sheet that holds one (the CLI's choice); the host reads the active sheet.
  return { sheets, date1904: grids.date1904 };
}

function letter(col: number): string {
  let out = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** A HostError's message is a real pair: both languages, Chinese first, no stack trace. */
export function expectUserMessage(error: HostError): void {
  expect(error.message.zh.trim().length).toBeGreaterThan(0);
  expect(error.message.en.trim().length).toBeGreaterThan(0);
  expect(/[\u4e00-\u9fff]/.test(error.message.zh)).toBe(true);
  expect(`${error.message.zh}\n${error.message.en}`).not.toMatch(/\n\s+at /);
}

export interface HarnessLike {
  readonly host: LedgerHost;
  readonly double: ExcelDouble;
}

/**
 * Runs `act` once to count its syncs, then, on fresh set-ups, injects a failure at each of those
 * syncs (after no operation, half of them, and all of them — the last is a batch Excel ran whose
 * answer was lost). All or nothing: a failed outcome carries a message in both languages and leaves
 * the workbook exactly as before; an outcome reported as done (allowed only when the whole batch ran)
 * leaves it exactly as an undisturbed run does. Returns the number of syncs.
 */
export async function failAtEachSync(
  setup: () => Promise<HarnessLike>,
  act: (host: LedgerHost) => Promise<HostOutcome<unknown>>,
): Promise<number> {
  const probe = await setup();
  const start = probe.double.syncCount;
  const first = await act(probe.host);
  expect(first.ok).toBe(true);
  const done = probe.double.snapshot();
  const syncs = probe.double.syncCount - start;
  for (let k = 1; k <= syncs; k++) {
    for (const afterOps of [0, undefined, Number.MAX_SAFE_INTEGER]) {
      const { host, double } = await setup();
      const before: WorkbookSnapshot = double.snapshot();
      double.runtime.failOnSync({ sync: double.syncCount + k, ...(afterOps === undefined ? {} : { afterOps }) });
      const outcome = await act(host);
      const ranInFull = afterOps === Number.MAX_SAFE_INTEGER;
      if (outcome.ok) {
        expect({ k, afterOps, ok: true, ranInFull }).toEqual({ k, afterOps, ok: true, ranInFull: true });
        expect({ k, afterOps, diff: diffSnapshots(done, double.snapshot()) }).toEqual({ k, afterOps, diff: [] });
        continue;
      }
      expectUserMessage(outcome.error);
      expect({ k, afterOps, diff: diffSnapshots(before, double.snapshot()) }).toEqual({ k, afterOps, diff: [] });
    }
  }
  return syncs;
}

export { harness };

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(argv: readonly string[], extra: Partial<CliIo> = {}): Promise<CliOutcome> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: ROOT,
    now: () => new Date(2025, 2, 31),
    ...extra,
  });
  return { code, stdout, stderr };
}
