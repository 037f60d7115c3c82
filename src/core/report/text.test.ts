import { amountsFixture, reportFixture, REPORT_TODAY } from "../../../test/support/report-fixture";
import type { Finding } from "../types";
import { toMeetingText } from "./meeting-text";
import { seqLabel } from "./item-label";
import { amountText, toTextReport } from "./text";

describe("seqLabel", () => {
  it.each([
    ["2", "2号", "No. 2"],
    ["2.", "2号", "No. 2"],
    ["2、", "2号", "No. 2"],
    ["2．", "2号", "No. 2"],
    ["（2）", "2号", "No. 2"],
    ["(12).", "12号", "No. 12"],
    ["1-3", "1-3号", "No. 1-3"],
    ["第2号", "第2号", "No. 第2号"],
    [".", ".号", "No. ."],
  ])("%j → %s / %s", (seq, zh, en) => {
    expect(seqLabel(seq, "zh")).toBe(zh);
    expect(seqLabel(seq, "en")).toBe(en);
  });
});

describe("toTextReport", () => {
  const zh = toTextReport("ledger.xlsx", reportFixture());
  const lines = zh.split("\n");

  it("opens with the file, sheet and date, then counts by light and rates", () => {
    expect(lines[0]).toBe(`【整改台账评估】ledger.xlsx · 工作表“台账” · 评估日期 ${REPORT_TODAY}`);
    expect(zh).toContain("共 4 项（第 3–6 行），逾期未完成 2 项");
    expect(zh).toContain("红灯 1 · 黄灯 1 · 绿灯 1 · 已销号 1 · 待补充 0");
    expect(zh).toContain("完成率 25.0% · 销号率 25.0% · 按时完成率 100.0%");
  });

  it("lists red items before yellow ones, with number, unit, owner, deadline, overdue days and a short description", () => {
    const red = lines.indexOf("红灯事项（1）：");
    const yellow = lines.indexOf("黄灯事项（1）：");
    expect(red).toBeGreaterThan(0);
    expect(yellow).toBeGreaterThan(red);
    expect(lines[red + 1]).toBe(
      "· 4号｜办公室｜王五｜时限 2025-01-20｜逾期 70 天｜工程档案缺失，竣工资料不全，无法追溯责任，需全面…",
    );
    expect(lines[yellow + 1]).toBe("· 1号｜工程部｜张三｜时限 2025-03-10｜逾期 21 天｜采购制度不健全，未明确询价程序");
  });

  it("lists the 临期 items after the red and yellow ones, soonest first, with the days left", () => {
    expect(lines.some((l) => l.startsWith("临期事项"))).toBe(false);
    const result = reportFixture();
    const entry = {
      row: 9,
      seq: "7",
      description: "合同审批流程不全",
      unit: "财务部",
      owner: "赵六",
      deadline: "2025-04-03",
    };
    const dueSoon = [
      { ...entry, row: 8, seq: "6", deadline: "2025-03-31", dueInDays: 0 },
      { ...entry, dueInDays: 3 },
    ];
    const text = toTextReport("ledger.xlsx", { ...result, summary: { ...result.summary, dueSoon } }).split("\n");
    const heading = text.indexOf("临期事项（2）：");
    expect(heading).toBeGreaterThan(text.indexOf("黄灯事项（1）："));
    expect(text.slice(heading + 1, heading + 3)).toEqual([
      "· 6号｜财务部｜赵六｜时限 2025-03-31｜今天到期｜合同审批流程不全",
      "· 7号｜财务部｜赵六｜时限 2025-04-03｜还有 3 天｜合同审批流程不全",
    ]);
    const en = toTextReport("ledger.xlsx", { ...result, summary: { ...result.summary, dueSoon } }, "en");
    expect(en).toContain("Due soon (2):\n· No. 6 | 财务部 | 赵六 | due 2025-03-31 | due today |");
  });

  it("groups the findings by rule with counts and cells; a ledger-level finding names its column", () => {
    expect(zh).toContain("检查问题 3 条（错误 1 · 提醒 2）：");
    expect(zh).toContain("· 必填项为空 1 处：E5");
    expect(zh).toContain("· 整改措施笼统 1 处：C5");
    expect(zh).toContain("· 缺少必要的列 1 处：“佐证材料”列");
  });

  it("shows at most ten cells of a rule, then 等", () => {
    const result = reportFixture();
    const many: Finding[] = Array.from({ length: 12 }, (_, i) => ({
      rule: "required-field",
      severity: "error",
      row: 10 + i,
      cell: `E${10 + i}`,
      field: "owner",
      message: { zh: "责任人为空", en: "Owner empty" },
      sheet: "台账",
    }));
    const text = toTextReport("x.xlsx", { ...result, findings: many });
    expect(text).toContain("· 必填项为空 12 处：E10、E11、E12、E13、E14、E15、E16、E17、E18、E19 等");
    expect(text).not.toContain("E20");
  });

  it("lists at most twenty items per light, then says how many more", () => {
    const result = reportFixture();
    const red = result.summary.warnings.find((w) => w.light === "red");
    if (!red) throw new Error("fixture has a red item");
    const warnings = Array.from({ length: 23 }, (_, i) => ({ ...red, row: 100 + i, seq: String(100 + i) }));
    const text = toTextReport("x.xlsx", { ...result, summary: { ...result.summary, warnings } });
    expect(text).toContain("红灯事项（23）：");
    expect(text).toContain("· 119号｜");
    expect(text).not.toContain("· 120号｜");
    expect(text).toContain("……另有 3 项（完整清单见 --format json 或 --out 生成的汇总表）");
    expect(toTextReport("x.xlsx", { ...result, summary: { ...result.summary, warnings } }, "en")).toContain(
      "… and 3 more",
    );
  });

  it("puts the survey sheet in front of a survey finding's cell", () => {
    const result = reportFixture();
    const finding: Finding = {
      rule: "survey-unknown-answer",
      severity: "warning",
      row: 7,
      cell: "D7",
      field: null,
      message: { zh: "无法识别", en: "Unknown" },
      sheet: "满意度调查",
    };
    expect(toTextReport("x.xlsx", { ...result, findings: [finding] })).toContain(
      "· 问卷答案无法识别 1 处：满意度调查!D7",
    );
  });

  it("says so when there are no findings", () => {
    expect(toTextReport("x.xlsx", { ...reportFixture(), findings: [] })).toContain("检查问题：无");
  });

  it("gives the survey score against its target when there is a survey, and nothing when not", () => {
    expect(zh).toContain("满意度调查（满意度调查）：得分 85 分（目标 ≥ 90），满意率 100.0%；有效问卷 3 份，无效 0 份");
    expect(toTextReport("x.xlsx", reportFixture(false))).not.toContain("满意度调查（");
  });

  it("lists the indicators against their targets, with 待填报 for the ones that need the user's figures", () => {
    expect(zh).toContain("· 整改问题销号率：25.0%（目标 ≥ 95.0%）未达标");
    expect(zh).toContain("· 群众满意度调查得分：85 分（目标 ≥ 90 分）未达标");
    expect(zh).toContain("· 关键岗位人员轮岗率：待填报（目标 ≥ 80.0%）");
  });

  it("speaks English when asked", () => {
    const en = toTextReport("ledger.xlsx", reportFixture(), "en");
    expect(en.split("\n")[0]).toBe(`[Ledger check] ledger.xlsx · sheet "台账" · as of ${REPORT_TODAY}`);
    expect(en).toContain("Red 1 · Yellow 1 · Green 1 · Closed 1 · Incomplete 0");
    expect(en).toContain("· No. 1 | 工程部 | 张三 | due 2025-03-10 | 21 days overdue | 采购制度不健全，未明确询价程序");
    expect(en).toContain("· Required field empty 1: E5");
    expect(en).toContain("· Missing column 1: Evidence column");
    expect(en).toContain("· Close-out rate: 25.0% (target ≥ 95.0%) not met");
    expect(en).not.toMatch(/检查问题|红灯/);
  });

  it("ends with a newline and has no empty report sections", () => {
    expect(zh.endsWith("\n")).toBe(true);
    expect(zh).not.toMatch(/\n\n\n/);
  });
});

describe("toTextReport: extensions and amounts", () => {
  const zh = toTextReport("audit.xlsx", amountsFixture(), "zh");
  const en = toTextReport("audit.xlsx", amountsFixture(), "en");

  it("gives the on-time rate against the original deadlines beside the current one", () => {
    expect(zh).toContain("按时完成率 100.0%（按原定时限 50.0%）");
    expect(en).toContain("On time 100.0% (by the original deadlines 50.0%)");
  });

  it("gives each column's total, the conversion, and 涉及/已整改/到位率 in total, by status and by unit", () => {
    expect(zh).toContain("金额（万元）：涉及金额 33.5 · 追回金额 22.5\n（涉及金额原以元填写，已换算为万元）");
    expect(zh).toContain("整改到位：涉及 33.5 · 已整改 30（89.6%）（无整改金额列，按已完成事项的涉及金额计）");
    expect(zh).toContain(
      "· 按状态：已销号 涉及 10 · 已整改 10（100.0%）；已完成 涉及 20 · 已整改 20（100.0%）；整改中 涉及 3.5 · 已整改 0（0.0%）",
    );
    expect(zh).toContain("· 按责任单位：财务部 涉及 30 · 已整改 30（100.0%）；办公室 涉及 3.5 · 已整改 0（0.0%）");
    expect(en).toContain("Amounts (10k yuan (万元)): Amount involved 33.5 · Amount recovered 22.5");
  });

  it("prints no money lines for a ledger without money columns", () => {
    expect(toTextReport("x.xlsx", reportFixture(), "zh")).not.toContain("金额");
  });
});

describe("amountText", () => {
  it.each([
    [1234567.5, "元", "1,234,567.5"],
    [1234567.56, "元", "1,234,567.56"],
    [0.1 + 0.2, "元", "0.3"],
    [12.3456, "万元", "12.3456"],
    [100, "万元", "100"],
    [0, "元", "0"],
    [-1500, "元", "-1,500"],
    [null, "元", "—"],
  ] as const)("%p %s → %s", (value, unit, text) => {
    expect(amountText(value, unit)).toBe(text);
  });
});

describe("toTextReport ends with the meeting text", () => {
  it.each(["zh", "en"] as const)("in %s, under its heading, the same paragraph toMeetingText writes", (lang) => {
    const result = reportFixture();
    const lines = toTextReport("ledger.xlsx", result, lang).trimEnd().split("\n");
    expect(lines.slice(-2)).toEqual([lang === "zh" ? "通报稿：" : "Meeting text:", toMeetingText(result, lang)]);
  });
});
