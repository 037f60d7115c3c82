import { evaluateRows } from "../../../test/support/sample-ledger";
import type { EvaluationResult, Finding } from "../types";
import { colourRuleFormula, LIGHT_LABELS } from "./marks-plan";
import { opinionText, ownedColumnPositions, planMarks } from "./marks-from-result";
import { isOpinionText } from "./written-rows";
import { SettingsSchema } from "../settings";

const finding = (severity: "error" | "warning", zh: string, row: number | null = 5): Finding => ({
  rule: "required-field",
  severity,
  row,
  cell: row === null ? null : `F${row}`,
  field: "owner",
  message: { zh, en: zh },
  sheet: "整改台账",
});

describe("opinionText", () => {
  it.each([
    [[], ""],
    [[finding("error", "责任人为空")], "【错误】责任人为空"],
    [
      [finding("error", "责任人为空"), finding("warning", "整改措施较笼统")],
      "【错误】责任人为空；【提醒】整改措施较笼统",
    ],
    [[finding("warning", "同一句"), finding("warning", "同一句")], "【提醒】同一句"],
  ])("%# joins findings with their severity", (findings, expected) => {
    expect(opinionText(findings)).toBe(expected);
  });
});

describe("opinionText of a 临期 item", () => {
  it.each([
    [[], 3, "【临期】距整改时限还有3天"],
    [[], 0, "【临期】整改时限为今天"],
    [[finding("error", "责任人为空")], 7, "【临期】距整改时限还有7天；【错误】责任人为空"],
    [[finding("error", "责任人为空")], null, "【错误】责任人为空"],
  ])("%#: the countdown comes first", (findings, dueInDays, expected) => {
    expect(opinionText(findings, dueInDays)).toBe(expected);
    // A 评估意见 cell of an earlier version's mark is recognised as ours by its first label.
    expect(isOpinionText(expected)).toBe(true);
  });
});

describe("ownedColumnPositions", () => {
  const layout = evaluateRows().layout;
  it.each([
    [
      { status: null, opinion: null },
      { statusCol: 11, opinionCol: 12 },
    ],
    [
      { status: 11, opinion: 12 },
      { statusCol: 11, opinionCol: 12 },
    ],
    [
      { status: 13, opinion: 14 },
      { statusCol: 13, opinionCol: 14 },
    ],
    // A lone leftover column is reused; its partner goes right of everything, never onto a user column.
    [
      { status: 11, opinion: null },
      { statusCol: 11, opinionCol: 12 },
    ],
    [
      { status: null, opinion: 12 },
      { statusCol: 13, opinionCol: 12 },
    ],
  ])("owned %j → %j", (ownedColumns, expected) => {
    expect(ownedColumnPositions({ ...layout, ownedColumns })).toEqual(expected);
  });
});

describe("planMarks", () => {
  const result = evaluateRows();
  const plan = planMarks(result);

  it("puts the owned columns right of the ledger's last column", () => {
    expect(plan).toMatchObject({ sheet: "整改台账", headerRow: 2, statusCol: 11, opinionCol: 12 });
  });

  it("has one row per item, in row order, with the light's label", () => {
    expect(plan.rows.map((r) => [r.row, r.status])).toEqual([
      [3, "已销号"],
      [4, "红灯"],
      [5, "黄灯"],
      [6, "绿灯"],
      [7, "绿灯"],
      [8, "绿灯"],
    ]);
    for (const row of plan.rows) expect(row.status).toBe(LIGHT_LABELS[row.light]);
  });

  it("writes the row's findings, and only the row's (ledger-level findings stay out)", () => {
    const row5 = plan.rows.find((r) => r.row === 5);
    expect(row5?.opinion).toContain("【错误】责任人为空");
    expect(row5?.opinion).toContain("【提醒】整改措施“加强管理，提高意识”");
    expect(row5?.opinion.split("；")).toHaveLength(2);
    expect(plan.rows.filter((r) => r.row !== 5).every((r) => r.opinion === "")).toBe(true);
  });

  it("counts down on 临期 rows only (dueSoonDays from the settings)", () => {
    // Row 6's deadline, 2025-04-30, is 30 days after 2025-03-31: outside the default 7 days, inside 30.
    expect(plan.rows.find((r) => r.row === 6)?.opinion).toBe("");
    const wide = planMarks(evaluateRows(undefined, undefined, SettingsSchema.parse({ dueSoonDays: 30 })));
    expect(wide.rows.find((r) => r.row === 6)?.opinion).toBe("【临期】距整改时限还有30天");
    expect(wide.rows.filter((r) => r.opinion.includes("【临期】")).map((r) => r.row)).toEqual([6]);
  });

  it("ignores findings on other sheets (survey findings)", () => {
    const withSurveyFinding: EvaluationResult = {
      ...result,
      findings: [...result.findings, { ...finding("warning", "答案不在量表内", 4), sheet: "满意度调查" }],
    };
    expect(planMarks(withSurveyFinding).rows.find((r) => r.row === 4)?.opinion).toBe("");
  });

  it("colours the ledger's columns over its rows", () => {
    expect(plan.colourArea).toEqual({ firstRow: 3, lastRow: 8, firstCol: 1, lastCol: 10 });
  });

  it("reuses the columns an earlier run left", () => {
    const again = planMarks({ ...result, layout: { ...result.layout, ownedColumns: { status: 11, opinion: 12 } } });
    expect([again.statusCol, again.opinionCol]).toEqual([11, 12]);
  });
});

describe("colourRuleFormula", () => {
  it.each([
    ["red", "K", 3, '$K3="红灯"'],
    ["yellow", "K", 3, '$K3="黄灯"'],
    ["green", "AB", 10, '$AB10="绿灯"'],
    ["closed", "K", 3, '$K3="已销号"'],
  ] as const)("%s", (light, letter, row, expected) => {
    expect(colourRuleFormula(light, letter, row)).toBe(expected);
  });
});
