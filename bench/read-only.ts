/**
 * The baselines for the CLI benchmark: only read the .xlsx file with the reader the CLI uses
 * (src/xlsx/read.ts) and materialise every sheet's grid, as the CLI does before it evaluates —
 * nothing else. The CLI's cost over this is the cost of our own work (engine, report, output).
 * With `--exceljs`, read it with exceljs' streaming reader instead, for comparison with the
 * library most Node projects would use. With `--then-write <report>`, read it with our reader and
 * then write the bytes of the CLI's report for that file (saved from an earlier run) to stdout:
 * the least any implementation must do — read the ledger, emit SPEC §9's document — with nothing
 * checked or built, so the CLI's time and memory can be seen against that floor too.
 */
import { readFileSync } from "node:fs";
import type ExcelJS from "exceljs";
import { readWorkbook } from "../src/xlsx/read";

async function readWithOurReader(path: string): Promise<number> {
  const workbook = await readWorkbook(path);
  let cells = 0;
  for (const sheet of workbook.sheets) for (const row of sheet.grid().values) cells += row.length;
  return cells;
}

async function readWithExceljs(path: string): Promise<number> {
  // Loaded only in this mode, so that the baseline of our own reader does not pay for exceljs.
  const { default: Excel } = await import("exceljs");
  const reader = new Excel.stream.xlsx.WorkbookReader(path, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
  });
  let cells = 0;
  for await (const worksheet of reader)
    for await (const row of worksheet as unknown as AsyncIterable<ExcelJS.Row>)
      row.eachCell({ includeEmpty: false }, () => cells++);
  return cells;
}

async function readThenWrite(path: string, report: string): Promise<void> {
  await readWithOurReader(path);
  process.stdout.write(readFileSync(report, "utf8"));
}

const [path = "", mode, report = ""] = process.argv.slice(2);
const work =
  mode === "--exceljs"
    ? readWithExceljs(path).then((cells) => process.stdout.write(`${cells}\n`))
    : mode === "--then-write"
      ? readThenWrite(path, report)
      : readWithOurReader(path).then((cells) => process.stdout.write(`${cells}\n`));
work.then(
  () => undefined,
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(2);
  },
);
