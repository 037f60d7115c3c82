import { evaluateRows, LEDGER_ROWS, NUMERIC_SURVEY_ROWS, TODAY } from "../../../test/support/sample-ledger";
import { amountsFixture } from "../../../test/support/report-fixture";
import { gridFrom } from "../../../test/support/grid-builder";
import { evaluate } from "../evaluate";
import { SettingsSchema, DEFAULT_SETTINGS, type Settings } from "../settings";
import type { EvaluationResult } from "../types";
import {
  pickSummarySheetName,
  planSummarySheet,
  quoteSheet,
  rowRangesText,
  sheetPlanCells,
  tableBodyArea,
  tableColumns,
  tableMerges,
  textWidthInChars,
  wrappedRowHeights,
  type PlanCell,
  type PlanTable,
  type SheetPlan,
} from "./summary-sheet";

function plan(result: EvaluationResult = evaluateRows(), settings: Settings = DEFAULT_SETTINGS): SheetPlan {
  return planSummarySheet(result, {
    sheetName: "整改情况汇总",
    ledgerSheet: "整改台账",
    surveySheet: "满意度调查",
    settings,
  });
}

function table(p: SheetPlan, id: string): PlanTable {
  const found = p.tables.find((t) => t.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
}

/** The cell in a table's row whose first cell reads `label`, column `index`. */
function cellOf(t: PlanTable, label: string, index = 1): PlanCell {
  const row = t.rows.find((r) => r[0]?.kind === "text" && r[0].text === label);
  const cell = row?.[index];
  if (!cell) throw new Error(`no "${label}" in ${t.id}`);
  return cell;
}

/** Sheet address → the text of column A on that row (what a same-sheet reference points at). */
function labelAt(p: SheetPlan, address: string): string | undefined {
  const [, , row] = /^([A-Z]+)(\d+)$/.exec(address) ?? [];
  const cell = sheetPlanCells(p).find((c) => c.row === Number(row) && c.col === 1)?.cell;
  return cell?.kind === "text" ? cell.text : undefined;
}

/** Same-sheet references of a formula (`B12`, not `'x'!$B$12` and not inside strings). */
function localRefs(formula: string): string[] {
  const noStrings = formula.replace(/"[^"]*"/g, '""').replace(/'[^']*'!\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?/g, "");
  return [...noStrings.matchAll(/(?<![A-Z$])([A-Z]{1,2}\d+)(?![\d(])/g)].map((m) => m[1] as string);
}

function formulaOf(cell: PlanCell): { formula: string; value: unknown; format: string | null } {
  if (cell.kind !== "formula") throw new Error(`not a formula: ${JSON.stringify(cell)}`);
  return cell;
}

describe("pickSummarySheetName", () => {
  it.each([
    [["整改台账"], null, "整改情况汇总", null],
    [["整改台账", "整改情况汇总"], null, "整改情况汇总 (2)", "整改情况汇总"],
    [["整改台账", "整改情况汇总", "整改情况汇总 (2)"], null, "整改情况汇总 (3)", "整改情况汇总"],
    // The add-in's own sheet from an earlier run is reused (replaced), not numbered again.
    [["整改台账", "整改情况汇总"], "整改情况汇总", "整改情况汇总", null],
    [["整改情况汇总", "整改情况汇总 (2)"], "整改情况汇总 (2)", "整改情况汇总 (2)", "整改情况汇总"],
    // A mark pointing at a sheet that is gone is ignored.
    [["整改台账"], "整改情况汇总 (2)", "整改情况汇总", null],
  ])("%j, owned %s → %s", (existing, owned, name, renamedFrom) => {
    expect(pickSummarySheetName(existing, owned)).toEqual({ name, renamedFrom });
  });
});

describe("helpers", () => {
  it.each([
    ["整改台账", "'整改台账'"],
    ["张三's 台账", "'张三''s 台账'"],
  ])("quoteSheet(%s)", (name, quoted) => expect(quoteSheet(name)).toBe(quoted));
  it.each([
    [[], ""],
    [[4], "4"],
    [[4, 5, 6, 9, 12, 13], "4–6、9、12–13"],
    [[9, 4, 5, 4], "4–5、9"],
  ])("rowRangesText(%j)", (rows, text) => expect(rowRangesText(rows)).toBe(text));
});

describe("planSummarySheet", () => {
  const result = evaluateRows();
  const p = plan(result);

  it("has the title, a date line and the sections in order", () => {
    expect(p.name).toBe("整改情况汇总");
    expect(p.heading[0]).toEqual({ row: 1, col: 1, cell: { kind: "text", text: "整改情况汇总", style: "title" } });
    const dateLine = p.heading[1]?.cell;
    expect(dateLine?.kind === "text" && dateLine.text).toContain(`统计日期：${TODAY}`);
    expect(p.tables.map((t) => t.id)).toEqual([
      "overview",
      "warnings",
      "by-unit",
      "by-type",
      "by-category",
      "due-soon",
      "indicators",
      "indicator-inputs",
      "survey",
      "survey-overall",
      "meeting-text",
    ]);
  });

  it("lists the 临期 items, linked to their rows, with the days left (dueSoonDays from the settings)", () => {
    expect(table(p, "due-soon").rows).toEqual([]);
    expect(table(p, "due-soon").notes[0]).toContain("无临期事项");
    const settings = SettingsSchema.parse({ dueSoonDays: 30 });
    const wide = table(plan(evaluateRows(undefined, undefined, settings), settings), "due-soon");
    expect(wide.header).toEqual(["台账行", "序号", "问题描述", "责任单位", "责任人", "整改时限", "距时限天数"]);
    expect(wide.rows).toEqual([
      [
        { kind: "link", text: "第6行", sheet: "整改台账", address: "A6" },
        { kind: "text", text: "4" },
        { kind: "text", text: "验收流程不规范" },
        { kind: "text", text: "工程部" },
        { kind: "text", text: "王五" },
        { kind: "text", text: "2025-04-30" },
        { kind: "number", value: 30, format: "0", style: "warn" },
      ],
    ]);
    expect(wide.notes[0]).toContain("距整改时限30天以内");
  });

  it("places tables explicitly, without overlaps", () => {
    let previousLast = 2;
    for (const t of p.tables) {
      const top = t.titleRow ?? t.headerRow;
      expect(top).toBeGreaterThan(previousLast);
      if (t.titleRow !== null) expect(t.headerRow).toBe(t.titleRow + 1);
      expect(t.firstRow).toBe(t.headerRow + 1);
      expect(t.lastRow).toBe(Math.max(t.headerRow, t.firstRow + t.rows.length + t.notes.length - 1));
      for (const r of t.rows) expect(r.length).toBeLessThanOrEqual(Math.max(t.header.length, 1));
      previousLast = t.lastRow;
    }
    const addresses = sheetPlanCells(p).map((c) => `${c.row}:${c.col}`);
    expect(new Set(addresses).size).toBe(addresses.length);
  });

  it("总体情况: counts, live light counts over the 预警状态 column, rates as percent formulas", () => {
    const t = table(p, "overview");
    expect(cellOf(t, "整改事项总数")).toEqual({ kind: "number", value: 6, format: "0" });
    expect(cellOf(t, "其中：已销号")).toMatchObject({ kind: "number", value: 1 });
    expect(cellOf(t, "其中：整改中")).toMatchObject({ kind: "number", value: 2 });
    expect(cellOf(t, "预警：红灯")).toEqual({
      kind: "formula",
      formula: `=COUNTIF('整改台账'!$K$3:$K$8,"红灯")`,
      value: 1,
      format: "0",
    });
    expect(formulaOf(cellOf(t, "预警：绿灯")).value).toBe(3);
    expect(cellOf(t, "逾期未完成")).toMatchObject({ value: result.summary.overdue });
    for (const [label, value] of [
      ["整改完成率", result.summary.completionRate],
      ["销号率", result.summary.closeRate],
      ["按期完成率", result.summary.onTimeRate],
    ] as const) {
      const f = formulaOf(cellOf(t, label));
      expect(f.value).toBe(value);
      expect(f.format).toBe("0.0%");
    }
    expect(result.summary.onTimeRate).toBe(0.5);
    expect(cellOf(t, "有完成日期和时限的已完成事项")).toMatchObject({ value: 2 });
    expect(cellOf(t, "其中按期完成")).toMatchObject({ value: 1 });
  });

  it("rate formulas reference the rows they name", () => {
    const t = table(p, "overview");
    const refs = (label: string) => localRefs(formulaOf(cellOf(t, label)).formula).map((a) => labelAt(p, a));
    expect(new Set(refs("整改完成率"))).toEqual(new Set(["整改事项总数", "其中：已完成", "其中：已销号"]));
    expect(new Set(refs("销号率"))).toEqual(new Set(["整改事项总数", "其中：已销号"]));
    expect(new Set(refs("按期完成率"))).toEqual(new Set(["有完成日期和时限的已完成事项", "其中按期完成"]));
  });

  it("breakdowns by unit, type and category, with the engine's numbers and a green count", () => {
    const byUnit = table(p, "by-unit");
    expect(byUnit.header).toEqual(["责任单位", "事项数", "已完成", "已销号", "红灯", "黄灯", "绿灯", "逾期"]);
    const row = (label: string) =>
      byUnit.rows
        .find((r) => r[0]?.kind === "text" && r[0].text === label)
        ?.map((c) => (c?.kind === "number" ? c.value : c?.kind === "text" ? c.text : null));
    const engineering = result.summary.byUnit.find((b) => b.key === "工程部");
    expect(row("工程部")).toEqual([
      "工程部",
      engineering?.items,
      engineering?.finished,
      engineering?.closed,
      engineering?.red,
      engineering?.yellow,
      1,
      engineering?.overdue,
    ]);
    expect(table(p, "by-type").rows.map((r) => r[0]?.kind === "text" && r[0].text)).toEqual(
      expect.arrayContaining(["限期整改", "立行立改", "长效治理"]),
    );
    expect(table(p, "by-category").notes[0]).toContain("没有“问题类别”列");
  });

  it("groups blank cells under （未填写） and unknown types under （其他）, with their green counts", () => {
    const rows = LEDGER_ROWS.map((r, i) => (i === 6 ? r.map((v, c) => (c === 4 ? "" : c === 3 ? "其他方式" : v)) : r));
    const q = plan(evaluateRows(rows));
    const labels = (id: string) => table(q, id).rows.map((r) => (r[0]?.kind === "text" ? r[0].text : null));
    expect(labels("by-unit")).toContain("（未填写）");
    expect(labels("by-type")).toContain("（其他）");
    const unfilled = table(q, "by-unit").rows.find((r) => r[0]?.kind === "text" && r[0].text === "（未填写）");
    expect(unfilled?.[1]).toMatchObject({ value: 1 });
    expect(unfilled?.[6]).toMatchObject({ value: 1 });
  });

  it("红黄灯事项清单: each row links to its ledger row; a description beginning with = stays text", () => {
    const t = table(p, "warnings");
    expect(t.rows).toHaveLength(2);
    const red = t.rows.find((r) => r[7]?.kind === "text" && r[7].text === "红灯");
    expect(red?.[0]).toEqual({ kind: "link", text: "第4行", sheet: "整改台账", address: "A4" });
    expect(red?.[2]).toEqual({ kind: "text", text: "=SUM(A1:A9) 合同台账缺失" });
    expect(red?.[6]).toMatchObject({ kind: "number", value: 49 });
    expect(red?.[5]).toEqual({ kind: "text", text: "2025-02-10" });
  });

  it("量化指标: targets, live actuals over input cells, met as a formula, the engine's values cached", () => {
    const settings = SettingsSchema.parse({
      indicatorInputs: { rotationDue: 10, rotationDone: 8, auditLastYear: 20, auditThisYear: 15 },
    });
    const q = plan(evaluateRows(undefined, undefined, settings), settings);
    const t = table(q, "indicators");
    const inputs = table(q, "indicator-inputs");
    expect(cellOf(inputs, "应轮岗关键岗位数")).toEqual({ kind: "number", value: 10, format: null });
    // An input left empty is an empty cell for the user to fill in.
    expect(inputs.rows.find((r) => r[0]?.kind === "text" && r[0].text === "制度修订数量（手工填写）")?.[1]).toBeNull();
    const rotation = formulaOf(cellOf(t, "关键岗位人员轮岗率", 2));
    expect(rotation.value).toBe(0.8);
    expect(rotation.format).toBe("0.0%");
    expect(new Set(localRefs(rotation.formula).map((a) => labelAt(q, a)))).toEqual(
      new Set(["应轮岗关键岗位数", "已轮岗岗位数"]),
    );
    expect(formulaOf(cellOf(t, "关键岗位人员轮岗率", 3)).value).toBe("达标");
    const audit = formulaOf(cellOf(t, "年度审计发现问题同比下降", 2));
    expect(audit.value).toBe(0.25);
    expect(formulaOf(cellOf(t, "年度审计发现问题同比下降", 3)).value).toBe("未达标");
    expect(cellOf(t, "整改问题销号率", 1)).toEqual({ kind: "number", value: 0.95, format: "0.0%" });
    expect(localRefs(formulaOf(cellOf(t, "整改问题销号率", 2)).formula).map((a) => labelAt(q, a))).toEqual(["销号率"]);
    expect(localRefs(formulaOf(cellOf(t, "群众满意度调查得分", 2)).formula).map((a) => labelAt(q, a))).toEqual(
      expect.arrayContaining(["综合得分"]),
    );
    const revisions = formulaOf(cellOf(t, "制度修订数量", 2));
    expect(new Set(localRefs(revisions.formula).map((a) => labelAt(q, a)))).toEqual(
      new Set(["制度修订数量（手工填写）", "台账中统计的制度修订数"]),
    );
    expect(cellOf(inputs, "台账中统计的制度修订数", 2)).toMatchObject({
      text: expect.stringContaining("《招标管理办法》"),
    });
    // The 依据 column carries the engine's basis.
    expect(cellOf(t, "关键岗位人员轮岗率", 4)).toMatchObject({
      kind: "text",
      style: "basis",
      text: expect.stringContaining("8"),
    });
  });

  it("without inputs the actuals are empty formulas and met is blank", () => {
    const t = table(p, "indicators");
    expect(formulaOf(cellOf(t, "关键岗位人员轮岗率", 2)).value).toBe("");
    expect(formulaOf(cellOf(t, "关键岗位人员轮岗率", 3)).value).toBe("");
  });

  it("custom indicators get input cells and a formula", () => {
    const settings = SettingsSchema.parse({
      customIndicators: [{ name: "培训覆盖率", target: 0.9, unit: "rate", numerator: 45, denominator: 50 }],
    });
    const q = plan(evaluateRows(undefined, undefined, settings), settings);
    const actual = formulaOf(cellOf(table(q, "indicators"), "培训覆盖率", 2));
    expect(actual.value).toBe(0.9);
    expect(new Set(localRefs(actual.formula).map((a) => labelAt(q, a)))).toEqual(
      new Set(["培训覆盖率：实际值", "培训覆盖率：分子", "培训覆盖率：分母"]),
    );
  });

  it("满意度调查: per-question COUNTIF formulas with the settings' points, overall formulas", () => {
    const t = table(p, "survey");
    expect(t.rows).toHaveLength(3);
    const first = t.rows[0] ?? [];
    const score = formulaOf(first[5] as PlanCell);
    expect(score.value).toBe(82);
    expect(score.formula).toContain(`COUNTIF('满意度调查'!$B$3:$B$7,"非常满意")*100`);
    expect(score.formula).toContain(`COUNTIF('满意度调查'!$B$3:$B$7,"满意")*80`);
    expect(formulaOf(first[3] as PlanCell).value).toBe(5);
    expect(formulaOf(first[4] as PlanCell).value).toBe(4);
    expect(first[2]).toEqual({ kind: "number", value: 0.5, format: null });
    const overall = table(p, "survey-overall");
    expect(formulaOf(cellOf(overall, "综合得分")).value).toBe(77.3);
    expect(formulaOf(cellOf(overall, "满意率")).value).toBeCloseTo(11 / 13);
    expect(formulaOf(cellOf(overall, "是否达标")).value).toBe("未达标");
    expect(localRefs(formulaOf(cellOf(overall, "是否达标")).formula).map((a) => labelAt(p, a))).toEqual([
      "综合得分",
      "综合得分",
      "目标",
    ]);
  });

  it("a question with loosely typed answers gets its counts as values, and a note says why", () => {
    const result = evaluateRows();
    const survey = result.survey;
    if (!survey) throw new Error("the sample has a survey");
    const [first, ...rest] = survey.questions;
    if (!first) throw new Error("the sample survey has questions");
    const loose: EvaluationResult = {
      ...result,
      survey: { ...survey, questions: [{ ...first, countedDifferently: 2 }, ...rest] },
    };
    const t = table(plan(loose), "survey");
    const [row0 = [], row1 = []] = t.rows;
    expect(row0.slice(3, 6)).toEqual([
      { kind: "number", value: first.valid, format: expect.any(String) },
      { kind: "number", value: 4, format: expect.any(String) },
      { kind: "number", value: first.score, format: expect.any(String) },
    ]);
    expect(row1.slice(3, 6).map((c) => c?.kind)).toEqual(["formula", "formula", "formula"]);
    expect(t.notes.join("")).toContain(`${first.column}列有2个答案带空格、全角字符、为文本形式的数字或位于合计行`);
    expect(table(plan(), "survey").notes.join("")).not.toContain("公式无法逐字统计");
  });

  it("uses the points from the settings", () => {
    const settings = SettingsSchema.parse({ surveyPoints: { "five-a": { 非常满意: 100, 满意: 90, 不满意: 0 } } });
    const q = plan(evaluateRows(undefined, undefined, settings), settings);
    const score = formulaOf(table(q, "survey").rows[0]?.[5] as PlanCell);
    expect(score.formula).toContain(`"满意")*90`);
    expect(score.formula).not.toContain("很满意");
  });

  it("numeric surveys use AVERAGEIFS with the (x−1)/4×100 transform", () => {
    const q = plan(evaluateRows(LEDGER_ROWS, NUMERIC_SURVEY_ROWS));
    const row = table(q, "survey").rows[0] ?? [];
    const score = formulaOf(row[5] as PlanCell);
    expect(score.formula).toBe(
      `=IF(D${table(q, "survey").firstRow}>0,(AVERAGEIFS('满意度调查'!$B$2:$B$5,'满意度调查'!$B$2:$B$5,">=1",'满意度调查'!$B$2:$B$5,"<=5")-1)/4*100,"")`,
    );
    expect(score.value).toBe(75);
  });

  it("without a survey, the section says so", () => {
    const q = plan(evaluateRows(LEDGER_ROWS, null));
    expect(table(q, "survey").notes[0]).toContain("未找到满意度调查表");
    expect(q.tables.some((t) => t.id === "survey-overall")).toBe(false);
    expect(
      table(q, "indicators").rows.find((r) => r[0]?.kind === "text" && r[0].text === "群众满意度调查得分")?.[2],
    ).toEqual({
      kind: "text",
      text: "",
    });
  });

  it("every number is traceable: tables with plain numbers have a 依据 column or a 依据 note", () => {
    for (const t of p.tables) {
      const hasPlainNumbers = t.rows.some((r) => r.some((c) => c?.kind === "number"));
      if (!hasPlainNumbers) continue;
      const traced = t.header.some((h) => h === "依据" || h === "说明") || t.notes.some((n) => n.startsWith("依据"));
      expect({ id: t.id, traced }).toEqual({ id: t.id, traced: true });
    }
  });

  it("every formula has a leading = and carries a value", () => {
    const formulas = sheetPlanCells(p).filter((c) => c.cell.kind === "formula");
    expect(formulas.length).toBeGreaterThan(20);
    for (const { cell } of formulas) {
      expect(cell.kind === "formula" && cell.formula.startsWith("=")).toBe(true);
      expect(cell.kind === "formula" && cell.value !== undefined).toBe(true);
    }
  });

  it("a chart of lights by unit, from the by-unit table", () => {
    const t = table(p, "by-unit");
    const [chart] = p.charts;
    expect(chart?.categoryLabels).toEqual(result.summary.byUnit.map((b) => b.key));
    expect(chart?.categories).toEqual({
      sheet: "整改情况汇总",
      address: `A${t.firstRow}:A${t.firstRow + t.rows.length - 1}`,
    });
    expect(chart?.series.map((s) => [s.name, s.color, s.values.address.replace(/\d+/g, "")])).toEqual([
      ["红灯", "#FFC7CE", "E:E"],
      ["黄灯", "#FFEB9C", "F:F"],
      ["绿灯", "#C6EFCE", "G:G"],
    ]);
    expect(chart?.series[2]?.data.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it("print setup: one page wide, title rows repeated; column widths given", () => {
    expect(p.print).toEqual({
      orientation: "landscape",
      paperSize: "A4",
      fitToPagesWide: 1,
      fitToPagesTall: 0,
      repeatRows: { first: 1, last: 2 },
      pageBreaksBefore: [table(p, "by-unit").titleRow, p.charts[0]?.anchor.top],
    });
    expect(p.columnWidths.length).toBeGreaterThanOrEqual(8);
  });

  it("page one is the meeting page: title, date, 总体情况 and the red/yellow list, then a page break", () => {
    const firstBreak = p.print.pageBreaksBefore[0] ?? 0;
    const onPageOne = p.tables.filter((t) => t.lastRow < firstBreak).map((t) => t.id);
    expect(onPageOne).toEqual(["overview", "warnings"]);
    // The 临期 list follows the chart, at the top of page three, before the indicators.
    expect(table(p, "due-soon").titleRow).toBeGreaterThan(p.charts[0]?.anchor.bottom ?? 0);
    expect(p.heading.every((c) => c.row < firstBreak)).toBe(true);
    // The chart sits under the breakdowns, inside the grid, at the top of a page, above the indicators.
    const chart = p.charts[0];
    expect(chart?.anchor.top).toBeGreaterThan(table(p, "by-category").lastRow);
    expect(chart?.anchor.top).toBe(p.print.pageBreaksBefore[1]);
    expect(chart?.anchor.bottom).toBeLessThan(table(p, "indicators").titleRow ?? 0);
    expect(chart?.anchor.right).toBeLessThanOrEqual(p.columnWidths.length);
    // The 16 pt title gets a row tall enough not to run into the date line.
    expect(p.rowHeights.find((h) => h.row === 1)?.points).toBeGreaterThanOrEqual(24);
  });

  it("no section forces a column wide: long text spans narrow grid columns, inside the table", () => {
    // Every grid column but the label column A is narrow, so a breakdown's numbers are not stretched.
    expect(Math.max(...p.columnWidths.slice(1))).toBeLessThanOrEqual(12);
    const columnsOf = (id: string) => tableColumns(table(p, id));
    expect(columnsOf("overview")[2]).toEqual({ col: 3, span: 6 });
    expect(columnsOf("indicators")[4]).toEqual({ col: 5, span: 4 });
    expect(columnsOf("warnings")[2]).toEqual({ col: 3, span: 3 });
    expect(columnsOf("by-unit").every((c) => c.span === 1)).toBe(true);
    // Merged across, one cell per row: header and data rows of each wide column.
    const overview = table(p, "overview");
    expect(tableMerges(overview)).toHaveLength(1 + overview.rows.length);
    expect(tableMerges(overview)[0]).toEqual({
      top: overview.headerRow,
      bottom: overview.headerRow,
      left: 3,
      right: 8,
    });
    // Cells land in their column's first sheet column: warnings' 责任单位 moves right of the description.
    const warnings = table(p, "warnings");
    const placed = sheetPlanCells(p).find(
      (c) => c.row === warnings.headerRow && c.cell.kind === "text" && c.cell.text === "责任单位",
    );
    expect(placed?.col).toBe(6);
    expect(tableBodyArea(warnings).right).toBe(10);
  });

  it("row heights fit wrapped text the hosts will not grow by themselves", () => {
    const widths = [10, 10];
    const t = {
      id: "t",
      left: 1,
      titleRow: null,
      title: null,
      headerRow: 1,
      header: ["项目", "依据"],
      firstRow: 2,
      rows: [
        [
          { kind: "text", text: "短" } as PlanCell,
          { kind: "text", text: "一二三四五六七八九十", style: "basis" } as PlanCell,
        ],
        [{ kind: "text", text: "短" } as PlanCell, { kind: "text", text: "一二三", style: "basis" } as PlanCell],
      ],
      lastRow: 3,
      notes: [],
    };
    // 20 character units in a 10-wide column: 3 lines (one unit of padding); the short row keeps the default.
    expect(wrappedRowHeights([t], widths)).toEqual([{ row: 2, points: 41 }]);
    // Spanning two 10-wide columns (19 units of room): two lines, 28 pt — still taller than the default.
    const spanned = { ...t, header: ["依据"], rows: [[t.rows[0]?.[1] ?? null]], spans: [2] };
    expect(wrappedRowHeights([spanned], widths)).toEqual([{ row: 2, points: 28 }]);
    expect(wrappedRowHeights([t], [10, 30])).toEqual([]);
    expect(textWidthInChars("ab一")).toBe(4);
  });
});

describe("planSummarySheet — extensions and amounts", () => {
  const result = amountsFixture();
  const p = planSummarySheet(result, {
    sheetName: "整改情况汇总",
    ledgerSheet: "审计整改",
    surveySheet: null,
    settings: DEFAULT_SETTINGS,
  });

  it("gives the on-time rate against the original deadlines as a formula over its two counts", () => {
    const overview = table(p, "overview");
    expect(cellOf(overview, "有完成日期和原定时限的已完成事项")).toMatchObject({ kind: "number", value: 2 });
    expect(cellOf(overview, "其中按原定时限完成")).toMatchObject({ kind: "number", value: 1 });
    const rate = formulaOf(cellOf(overview, "按原定时限按期完成率"));
    expect(rate.value).toBe(0.5);
    expect(localRefs(rate.formula).map((ref) => labelAt(p, ref))).toEqual([
      "有完成日期和原定时限的已完成事项",
      "其中按原定时限完成",
      "有完成日期和原定时限的已完成事项",
    ]);
  });

  it("sums a money column of numbers with a live SUM over the item rows only (not the 合计 row)", () => {
    const totals = table(p, "amount-totals");
    expect(totals.title).toBe("九、金额情况（单位：万元）");
    expect(formulaOf(cellOf(totals, "追回金额（K列）"))).toEqual({
      kind: "formula",
      formula: "=SUM('审计整改'!$K$2:$K$4)",
      value: 22.5,
      format: "#,##0.00",
    });
  });

  it("gives a column with amounts typed as text as a value, and says why and which unit it was in", () => {
    const totals = table(p, "amount-totals");
    expect(cellOf(totals, "涉及金额（J列）")).toEqual({ kind: "number", value: 33.5, format: "#,##0.00" });
    const why = cellOf(totals, "涉及金额（J列）", 2);
    expect(why).toMatchObject({ kind: "text" });
    expect(why.kind === "text" && why.text).toContain("原单位元，已换算为万元；含文本形式的金额");
    expect(totals.notes).toEqual(["各列单位不同，均换算为万元（1万元 = 10000元）。"]);
  });

  it("gives 涉及金额, 已整改金额 and 整改到位率 in total, by status and by unit", () => {
    const byStatus = table(p, "amounts-by-status");
    const row = (t: PlanTable, label: string) =>
      [1, 2, 3].map((i) => {
        const cell = cellOf(t, label, i);
        return cell.kind === "number" || cell.kind === "formula" ? cell.value : null;
      });
    expect(row(byStatus, "合计")).toEqual([3, 33.5, 30]);
    expect(row(byStatus, "已完成")).toEqual([1, 20, 20]);
    expect(row(byStatus, "整改中")).toEqual([1, 3.5, 0]);
    const rate = formulaOf(cellOf(byStatus, "合计", 4));
    expect(rate.value).toBeCloseTo(30 / 33.5, 12);
    expect(localRefs(rate.formula).map((ref) => labelAt(p, ref))).toEqual(["合计", "合计", "合计"]);
    const byUnit = table(p, "amounts-by-unit");
    expect(byUnit.rows.map((r) => (r[0]?.kind === "text" ? r[0].text : null))).toEqual(["财务部", "办公室"]);
  });

  it("sums whole-number columns live in total and per group, scaled to the summary's unit", () => {
    const rows = [
      [
        "序号",
        "问题描述",
        "整改措施",
        "责任单位",
        "责任人",
        "整改时限",
        "整改状态",
        "涉及金额（元）",
        "整改金额（万元）",
      ],
      [1, "问题一", "措施一", "财务部", "张三", "2025-06-30", "已完成", 50000, 5],
      [2, "问题二", "措施二", "办公室", "李四", "2025-06-30", "整改中", 20000, 0],
      ["小计", null, null, null, null, null, null, 70000, 5],
      [3, "问题三", "措施三", "财务部", "王五", "2025-06-30", "已销号", 30000, 3],
    ];
    const evaluation = evaluate({ ledger: gridFrom(rows, { sheet: "台账" }), today: TODAY });
    if (!evaluation.ok) throw new Error(evaluation.message.en);
    const q = planSummarySheet(evaluation.result, {
      sheetName: "汇总",
      ledgerSheet: "台账",
      surveySheet: null,
      settings: DEFAULT_SETTINGS,
    });
    expect(formulaOf(cellOf(table(q, "amount-totals"), "涉及金额（H列）")).formula).toBe(
      "=SUM('台账'!$H$2:$H$3,'台账'!$H$5)/10000",
    );
    const finance = table(q, "amounts-by-unit");
    expect(formulaOf(cellOf(finance, "财务部", 2))).toMatchObject({
      formula: "=SUM('台账'!$H$2,'台账'!$H$5)/10000",
      value: 8,
    });
    expect(formulaOf(cellOf(finance, "财务部", 3))).toMatchObject({
      formula: "=SUM('台账'!$I$2,'台账'!$I$5)",
      value: 8,
    });
  });

  it("has no money section on a ledger without money columns", () => {
    expect(plan().tables.some((t) => t.id.startsWith("amount"))).toBe(false);
  });
});
