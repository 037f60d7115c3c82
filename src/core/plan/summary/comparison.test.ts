import { evaluateFourPeriods } from "../../../../test/support/four-periods";
import { DEFAULT_SETTINGS } from "../../settings";
import type { EvaluationResult } from "../../types";
import { planSummarySheet, sheetPlanCells, type PlanTable, type SheetPlan } from "../summary-sheet";
import { COMPARISON_TITLE, TREND_CHART_ROWS, TREND_TITLE } from "./comparison";

const results = evaluateFourPeriods();

function plan(result: EvaluationResult): SheetPlan {
  return planSummarySheet(result, {
    sheetName: "整改情况汇总",
    ledgerSheet: "整改台账",
    surveySheet: null,
    settings: DEFAULT_SETTINGS,
  });
}

function table(p: SheetPlan, id: string): PlanTable {
  const found = p.tables.find((t) => t.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
}

/** A table's rows as the texts and numbers its cells show. */
function shown(t: PlanTable): unknown[][] {
  return t.rows.map((row) =>
    row.map((cell) =>
      cell === null ? null : cell.kind === "number" ? cell.value : cell.kind === "formula" ? cell.value : cell.text,
    ),
  );
}

describe("the summary sheet's 与上期对比 and 近期趋势", () => {
  const p = plan(results["2025-03-24"]);

  it("puts the comparison and the trend under the red/yellow list, before the page break", () => {
    const ids = p.tables.map((t) => t.id);
    expect(ids.slice(ids.indexOf("warnings"), ids.indexOf("warnings") + 4)).toEqual([
      "warnings",
      "comparison-rates",
      "comparison",
      "trend",
    ]);
    expect(table(p, "comparison-rates").title).toBe(`${COMPARISON_TITLE}（本期 2025-03-24，上期 2025-03-17）`);
    expect(table(p, "trend").title).toBe(TREND_TITLE);
    expect(p.print.pageBreaksBefore[0]).toBeGreaterThan(table(p, "trend").lastRow + TREND_CHART_ROWS);
  });

  it("shows the rates now, last period and the change", () => {
    expect(shown(table(p, "comparison-rates"))).toEqual([
      ["完成率", 0.143, 0.143, "持平"],
      ["销号率", 0.143, 0, "+14.3 个百分点"],
      ["按时完成率", 1, 1, "持平"],
    ]);
  });

  it("lists each change with a link to its ledger row", () => {
    expect(shown(table(p, "comparison"))).toEqual([
      ["连续亮红灯（问责/约谈对象）", "第3行", "2", "招标文件编制不规范，评分标准不明确", "工程部", "连续3期红灯"],
      ["连续亮红灯（问责/约谈对象）", "第6行", "5", "竣工结算审核不严，存在多计工程量", "财务部", "连续2期红灯"],
      ["新销号", "第4行", "3", "合同签订滞后于开工时间", "合同部", null],
    ]);
    expect(table(p, "comparison").rows[0]?.[1]).toEqual({
      kind: "link",
      text: "第3行",
      sheet: "整改台账",
      address: "A3",
    });
  });

  it("writes a removed item without a row", () => {
    const rows = shown(table(plan(results["2025-03-17"]), "comparison"));
    expect(rows).toContainEqual(["台账中已删除", "（已删除）", "6", "食堂采购无台账", "", null]);
  });

  it("tabulates the trend and draws it as a line chart reading the table's cells", () => {
    const trend = table(p, "trend");
    expect(shown(trend)).toEqual([
      ["2025-03-03", 7, 1, 0, 0, 2],
      ["2025-03-10", 8, 1, 1, 1, 2],
      ["2025-03-17", 7, 1, 0, 2, 0],
      ["2025-03-24", 7, 1, 1, 2, 0],
    ]);
    const chart = p.charts.find((c) => c.id === "trend");
    const first = trend.firstRow;
    expect(chart?.type).toBe("line");
    expect(chart?.categories.address).toBe(`A${first}:A${first + 3}`);
    expect(chart?.series.map((s) => [s.name, s.values.address, s.data])).toEqual([
      ["已完成", `C${first}:C${first + 3}`, [1, 1, 1, 1]],
      ["已销号", `D${first}:D${first + 3}`, [0, 1, 0, 1]],
      ["红灯", `E${first}:E${first + 3}`, [0, 1, 2, 2]],
      ["黄灯", `F${first}:F${first + 3}`, [2, 2, 0, 0]],
    ]);
    // The series cells hold the chart's numbers.
    const cells = sheetPlanCells(p);
    const valueAt = (col: number, row: number) => {
      const cell = cells.find((c) => c.row === row && c.col === col)?.cell;
      return cell?.kind === "number" ? cell.value : null;
    };
    expect([0, 1, 2, 3].map((i) => valueAt(5, first + i))).toEqual([0, 1, 2, 2]);
  });

  it("has no comparison section at the first period", () => {
    const first = plan(results["2025-03-03"]);
    expect(first.tables.some((t) => t.id.startsWith("comparison") || t.id === "trend")).toBe(false);
    expect(first.charts.some((c) => c.id === "trend")).toBe(false);
  });
});
