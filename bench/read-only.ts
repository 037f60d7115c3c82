/**
 * The baseline for the CLI benchmark: only read an .xlsx file with the library and mode the CLI
 * uses (exceljs' streaming reader, shared strings and styles cached), touching every cell value,
 * and nothing else. The CLI's cost over this is the cost of our own work.
 */
import ExcelJS from "exceljs";

async function readOnly(path: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  let cells = 0;
  for await (const worksheet of reader) {
    for await (const row of worksheet as unknown as AsyncIterable<ExcelJS.Row>) {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.value !== undefined) cells++;
      });
    }
  }
  return cells;
}

readOnly(process.argv[2] ?? "").then(
  (cells) => process.stdout.write(`${cells}\n`),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(2);
  },
);
