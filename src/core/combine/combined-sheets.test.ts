/** The consolidation's sheet plans: the command line's columns, order and totals; names never over a user's sheet. */
import { gridFrom } from "../../../test/support/grid-builder";
import { pickOwnedSheetNames } from "../plan/summary-sheet";
import { sheetPlanCells } from "../plan/sheet-plan";
import { planCombinedSheets } from "./combined-sheets";
import { SHEET_NAMES, UNIT_HEADERS, UNIT_HIDDEN_COLUMNS, WARNING_HEADERS } from "./labels";
import { evaluateUnitFile, type UnitOutcome } from "./outcome";

const TODAY = "2025-03-31";
const HEADER = ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "整改状态"];

/** A unit's ledger with `red` overdue items and `green` finished ones, evaluated as a picked file. */
function unit(name: string, red: number, green: number): Promise<UnitOutcome> {
  const rows = [
    [`${name}巡察整改台账`],
    HEADER,
    ...Array.from({ length: red }, (_, i) => [i + 1, `问题${i}`, "措施", "办公室", "张三", "2025-01-31", "整改中"]),
    ...Array.from({ length: green }, (_, i) => [
      red + i + 1,
      `问题${i}`,
      "措施",
      "办公室",
      "张三",
      "2025-01-31",
      "已完成",
    ]),
  ];
  const grid = gridFrom(rows, { sheet: "台账" });
  return evaluateUnitFile({ file: `${name}.xlsx`, today: TODAY, withRows: false, withWarnings: true }, async () => ({
    sheets: [{ name: "台账", hidden: false, grid: () => grid }],
  }));
}

describe("planCombinedSheets", () => {
  it("one row per file read, most red lights first, totals as SUM formulas with their values, failures listed", async () => {
    const outcomes = [await unit("甲局", 1, 2), await unit("乙局", 3, 0)];
    const failed: UnitOutcome = { ...outcomes[0]!, file: "坏.xlsx", ok: false, summary: null, error: "读不了" };
    const { units, warnings } = planCombinedSheets([...outcomes, failed], {
      today: TODAY,
      sheetNames: { units: SHEET_NAMES.units, warnings: SHEET_NAMES.warnings },
    });
    const table = units.tables[0]!;
    expect(table.header).toEqual(UNIT_HEADERS);
    expect(table.rows.map((r) => (r[0]?.kind === "text" ? r[0].text : null))).toEqual(["乙局", "甲局", "合计"]);
    const totals = table.rows[2]!;
    expect(totals[2]).toMatchObject({ kind: "formula", formula: "=SUM(C2:C3)", value: 6 });
    expect(totals[5]).toMatchObject({ formula: "=SUM(F2:F3)", value: 4 });
    expect(totals[9]).toMatchObject({ formula: '=IF(C4=0,"",D4/C4)', value: 2 / 6 });
    // Red counts coloured like the command line's workbook.
    expect(table.rows[0]?.[5]).toMatchObject({ value: 3, style: "bad" });
    const texts = sheetPlanCells(units).flatMap((p) => (p.cell.kind === "text" ? [p.cell.text] : []));
    expect(texts).toEqual(expect.arrayContaining(["未能读取", "坏.xlsx", "读不了"]));
    expect(units.charts[0]?.categoryLabels).toEqual(["乙局", "甲局"]);
    expect(units.charts[0]?.series.map((s) => s.data)).toEqual([
      [3, 1],
      [0, 0],
    ]);
    // 红黄灯清单: the four red items (equally overdue: in the files' order), with where each came from.
    expect(warnings.tables[0]?.header).toEqual(WARNING_HEADERS);
    expect(warnings.tables[0]?.rows).toHaveLength(4);
    expect(warnings.tables[0]?.rows[0]?.slice(0, 3)).toEqual([
      { kind: "text", text: "甲局" },
      { kind: "text", text: "甲局.xlsx" },
      { kind: "number", value: 3, format: "0" },
    ]);
  });

  it("hides 各单位汇总's two on-time counts (P, Q), the columns the command line hides, and nothing of 红黄灯清单", async () => {
    const { units, warnings } = planCombinedSheets([await unit("甲局", 1, 2)], {
      today: TODAY,
      sheetNames: { units: SHEET_NAMES.units, warnings: SHEET_NAMES.warnings },
    });
    expect(units.hiddenColumns.map((c) => units.tables[0]?.header[c - 1])).toEqual(["按期完成数", "可计按期数"]);
    expect(units.hiddenColumns).toEqual([16, 17]);
    expect(units.hiddenColumns).toEqual(UNIT_HIDDEN_COLUMNS);
    // The visible 按期完成率 divides the hidden counts of its own row.
    expect(units.tables[0]?.rows[0]?.[11]).toMatchObject({ formula: '=IF(Q2=0,"",P2/Q2)' });
    expect(warnings.hiddenColumns).toEqual([]);
  });
});

describe("pickOwnedSheetNames", () => {
  it("keeps the names an earlier run made, never takes a user's sheet, and never gives two sheets one name", () => {
    expect(pickOwnedSheetNames(["各单位汇总", "红黄灯清单"], ["台账"], [null, null])).toEqual([
      { name: "各单位汇总", renamedFrom: null },
      { name: "红黄灯清单", renamedFrom: null },
    ]);
    expect(
      pickOwnedSheetNames(["各单位汇总", "红黄灯清单"], ["各单位汇总", "红黄灯清单 (2)"], [null, "红黄灯清单 (2)"]),
    ).toEqual([
      { name: "各单位汇总 (2)", renamedFrom: "各单位汇总" },
      { name: "红黄灯清单 (2)", renamedFrom: "红黄灯清单" },
    ]);
    expect(pickOwnedSheetNames(["汇总", "汇总"], [], [null, null]).map((p) => p.name)).toEqual(["汇总", "汇总 (2)"]);
  });
});
