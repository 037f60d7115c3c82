/**
 * `queueSheetPlan` on the Excel double: a plan's hidden columns are hidden whole (one operation per
 * run of adjacent columns), and a plan without any renders as before — nothing hidden, nothing more queued.
 */
import { createExcelDouble } from "../../src/excel-double";
import { detectFeatures } from "../../src/excel/features";
import type { XlWorksheet } from "../../src/excel/office-api";
import { queueSheetPlan } from "../../src/excel/render-sheet-plan";
import { a4OnePageWide, type SheetPlan } from "../../src/core/plan/sheet-plan";

const PLAN: SheetPlan = {
  name: "S",
  heading: [{ row: 1, col: 1, cell: { kind: "text", text: "标题", style: "title" } }],
  tables: [
    {
      id: "t",
      left: 1,
      titleRow: null,
      title: null,
      headerRow: 2,
      header: ["单位", "甲", "乙", "丙", "丁"],
      firstRow: 3,
      rows: [
        [
          { kind: "text", text: "某局" },
          { kind: "number", value: 1, format: "0" },
          { kind: "number", value: 2, format: "0" },
          { kind: "formula", formula: "=B3+C3", value: 3, format: "0" },
          { kind: "number", value: 4, format: "0" },
        ],
      ],
      lastRow: 3,
      notes: [],
    },
  ],
  columnWidths: [20, 8, 8, 10, 8],
  hiddenColumns: [],
  print: a4OnePageWide("portrait"),
  charts: [],
  rowHeights: [],
  freezeRows: 2,
};

/** The sheet `plan` renders to on a fresh double, and the operations its batch took. */
async function render(plan: SheetPlan) {
  const double = createExcelDouble({ sheets: [{ name: "S" }] });
  const features = detectFeatures(double.Office);
  await double.Excel.run(async (context) => {
    queueSheetPlan(context.workbook.worksheets.getItem("S") as unknown as XlWorksheet, plan, features);
    await context.sync();
  });
  return { sheet: double.snapshot().sheets[0], operations: double.runtime.syncs.at(-1)?.operations ?? 0 };
}

describe("queueSheetPlan: hidden columns", () => {
  it("a plan without hidden columns hides none and queues no more than its cells, looks and sizes", async () => {
    const plain = await render(PLAN);
    expect(plain.sheet?.hiddenColumns).toEqual([]);
    expect(plain.sheet?.cells.D3?.formula).toBe("=B3+C3");
    // The plan's widths, every one of them shown.
    expect(Object.keys(plain.sheet?.columnWidths ?? {})).toEqual(["1", "2", "3", "4", "5"]);
    const hidden = await render({ ...PLAN, hiddenColumns: [5, 2, 3] });
    // The same sheet but for the hidden columns, which cost one operation per run (B:C, E).
    expect({ ...hidden.sheet, hiddenColumns: [] }).toEqual(plain.sheet);
    expect(hidden.operations - plain.operations).toBe(2);
  });

  it("hides whole columns, keeping their widths and cells for whoever unhides them", async () => {
    const { sheet } = await render({ ...PLAN, hiddenColumns: [5, 2, 3] });
    expect(sheet?.hiddenColumns).toEqual([2, 3, 5]);
    expect(sheet?.cells.E3?.value).toBe(4);
    expect(sheet?.columnWidths["5"]).toBeGreaterThan(0);
  });
});
