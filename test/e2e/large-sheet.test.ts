/**
 * The brief's size requirement for the .xlsx reader: a sheet of 100,000 rows × 20 columns must be
 * readable. Written with exceljs' streaming writer (shared strings, a date format), read back with
 * `readWorkbook`, and checked cell by cell at the edges. No timing is asserted (see bench/ for that).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { cellAt, numberFormatAt } from "../../src/core/grid";
import { readWorkbook } from "../../src/xlsx/read";

const ROWS = 100_000;
const COLS = 20;

let dir: string;
let path: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "large-sheet-"));
  path = join(dir, "large.xlsx");
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const sheet = writer.addWorksheet("台账");
  // The date format on the column: every cell written under it carries it, without a style per cell.
  sheet.columns = Array.from({ length: COLS }, (_, c) => (c === 3 ? { style: { numFmt: "yyyy-mm-dd" } } : {}));
  sheet.addRow(Array.from({ length: COLS }, (_, c) => `列${c + 1}`)).commit();
  for (let i = 1; i < ROWS; i++) {
    sheet
      .addRow([
        i,
        `问题描述${i}`,
        `单位${i % 20}`,
        new Date(Date.UTC(2025, i % 12, 1)),
        ...Array.from({ length: COLS - 4 }, (_, c) => (c % 2 ? c * i : `文本${c}`)),
      ])
      .commit();
  }
  sheet.commit();
  await writer.commit();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("reads a 100,000 × 20 sheet completely", async () => {
  const workbook = await readWorkbook(path);
  const grid = workbook.sheets[0]?.grid();
  if (!grid) throw new Error("no sheet");
  expect(grid.values).toHaveLength(ROWS);
  expect(grid.values.every((row) => row.length === COLS)).toBe(true);
  expect(cellAt(grid, 1, 20)).toBe("列20");
  expect(cellAt(grid, ROWS, 1)).toBe(ROWS - 1);
  expect(cellAt(grid, ROWS, 2)).toBe(`问题描述${ROWS - 1}`);
  // Row 50,001 holds item 50,000: 2025-(50000 % 12 + 1)-01 = 2025-09-01 = serial 45901.
  expect(cellAt(grid, 50_001, 4)).toBe(45901);
  expect(numberFormatAt(grid, 50_001, 4)).toBe("yyyy-mm-dd");
  expect(cellAt(grid, ROWS, COLS)).toBe(15 * (ROWS - 1));
}, 120_000);
