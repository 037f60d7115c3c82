/**
 * Compile-time proof that the adapter's view of Office.js (src/excel/office-api.ts) is a true subset
 * of the real @types/office-js shapes, and that the double satisfies it too: if either stops fitting,
 * type-checking this file (tsc, ts-jest) fails.
 */
import type { ExcelGlobal, OfficeGlobal, XlContext, XlRange, XlWorksheet } from "../../src/excel/office-api";
import { createExcelDouble } from "../../src/excel-double";

function realShapesFit(
  context: Excel.RequestContext,
  range: Excel.Range,
  sheet: Excel.Worksheet,
  office: typeof Office,
) {
  const fits: [XlContext, XlRange, XlWorksheet, OfficeGlobal] = [context, range, sheet, office];
  return fits;
}

describe("office-api shapes", () => {
  it("real Office.js objects fit the adapter's interfaces (checked by the compiler)", () => {
    expect(typeof realShapesFit).toBe("function");
  });

  it("the double fits them", () => {
    const double = createExcelDouble({ sheets: [{ name: "S" }] });
    const excel: ExcelGlobal = double.Excel;
    const office: OfficeGlobal = double.Office;
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.4")).toBe(true);
    expect(typeof excel.run).toBe("function");
  });
});
