import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { createExcelDoubleOf } from "../index";
import { snapshotWorkbook } from "../model";
import { WorkbookReadError } from "../../xlsx/read";
import { loadWorkbookModel } from "./load";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zgtz-load-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function workbookFile(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe("loadWorkbookModel", () => {
  it("holds each kind of value as Excel's range.values gives it, and formulas as range.formulas does", async () => {
    const path = await workbookFile("values.xlsx", (wb) => {
      const ws = wb.addWorksheet("台账");
      ws.getCell("A1").value = 42;
      ws.getCell("B1").value = "文字";
      ws.getCell("C1").value = true;
      ws.getCell("D1").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
      ws.getCell("E1").value = { richText: [{ text: "整改" }, { text: "中", font: { bold: true } }] };
      ws.getCell("F1").value = { formula: "A1*2", result: 84 } as ExcelJS.CellFormulaValue;
      ws.getCell("G1").value = 45747;
      ws.getCell("G1").numFmt = "yyyy-mm-dd";
      ws.getCell("H1").value = "=不是公式";
      ws.getCell("B2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B0F0" } };
      wb.addWorksheet("隐藏", { state: "hidden" });
    });
    const model = await loadWorkbookModel(path);
    const double = createExcelDoubleOf(model);
    const read = await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("台账").getRange("A1:H1");
      range.load("values,formulas,numberFormat");
      await context.sync();
      return { values: range.values, formulas: range.formulas, formats: range.numberFormat };
    });
    expect(read.values).toEqual([[42, "文字", true, "#N/A", "整改中", 84, 45747, "=不是公式"]]);
    expect(read.formulas).toEqual([[42, "文字", true, "#N/A", "整改中", "=A1*2", 45747, "=不是公式"]]);
    expect(read.formats[0]?.[6]).toBe("yyyy-mm-dd");
    const snapshot = snapshotWorkbook(model);
    expect(snapshot.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ["台账", "Visible"],
      ["隐藏", "Hidden"],
    ]);
    expect(snapshot.sheets[0]?.cells.D1).toEqual({ value: "#N/A", isError: true });
    expect(snapshot.sheets[0]?.cells.B2).toEqual({ fill: "#00B0F0" });
  });

  it("keeps the 1904 date system", async () => {
    const path = await workbookFile("1904.xlsx", (wb) => {
      wb.properties.date1904 = true;
      wb.addWorksheet("台账").getCell("A1").value = 1;
    });
    expect((await loadWorkbookModel(path)).date1904).toBe(true);
  });

  it("refuses a file that is not a workbook with the command line's message", async () => {
    const path = join(dir, "not.xlsx");
    writeFileSync(path, "not a zip");
    await expect(loadWorkbookModel(path)).rejects.toBeInstanceOf(WorkbookReadError);
  });
});
