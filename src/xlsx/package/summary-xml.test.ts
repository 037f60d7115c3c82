/** The sheet part written from a `SheetPlan`: its `<cols>`, as the double's .xlsx reader reads them back. */
import { parseSheetPart } from "../../excel-double/xlsx/parts";
import { a4OnePageWide, type SheetPlan } from "../../core/plan/sheet-plan";
import { MINIMAL_STYLES, StylesEditor } from "./styles";
import { summarySheetXml } from "./summary-xml";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

const PLAN: SheetPlan = {
  name: "S",
  heading: [{ row: 1, col: 1, cell: { kind: "text", text: "标题" } }],
  tables: [],
  columnWidths: [20, 8, 11],
  hiddenColumns: [],
  print: a4OnePageWide("portrait"),
  charts: [],
  rowHeights: [],
  freezeRows: 0,
};

function written(plan: SheetPlan) {
  const { xml } = summarySheetXml(plan, new StylesEditor(MINIMAL_STYLES), MAIN, null);
  return { xml, part: parseSheetPart(new TextEncoder().encode(xml)) };
}

describe("summarySheetXml <cols>", () => {
  it("without hidden columns: one custom width per column, none hidden", () => {
    const { xml, part } = written(PLAN);
    expect(xml).toContain(
      '<cols><col min="1" max="1" width="20" customWidth="1"/><col min="2" max="2" width="8" customWidth="1"/><col min="3" max="3" width="11" customWidth="1"/></cols>',
    );
    expect([...part.hiddenColumns]).toEqual([]);
  });

  it('marks hidden columns hidden="1", keeping their widths; one beyond the widths gets Excel\'s default', () => {
    const { xml, part } = written({ ...PLAN, hiddenColumns: [2, 5] });
    expect(xml).toContain('<col min="2" max="2" width="8" customWidth="1" hidden="1"/>');
    expect(xml).toContain('<col min="5" max="5" width="8.43" hidden="1"/>');
    expect([...part.hiddenColumns].sort()).toEqual([2, 5]);
    expect(Object.fromEntries(part.columnWidths)).toEqual({ 1: 20, 2: 8, 3: 11 });
  });
});
