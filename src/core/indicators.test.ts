import { itemFrom } from "../../test/support/item-factory";
import { percentInProse } from "./format";
import { computeIndicators, findInstitutionTitles } from "./indicators";
import { DEFAULT_SETTINGS, SettingsSchema, type SettingsInput } from "./settings";
import type { EvaluatedItem, IndicatorResult, SurveyResult } from "./types";

function indicators(
  settingsInput: SettingsInput = {},
  opts: { items?: EvaluatedItem[]; closeRate?: number | null; survey?: SurveyResult | null } = {},
): IndicatorResult[] {
  return computeIndicators({
    items: opts.items ?? [],
    closeRate: opts.closeRate ?? null,
    survey: opts.survey ?? null,
    settings: SettingsSchema.parse(settingsInput),
  });
}

const byId = (results: readonly IndicatorResult[], id: string): IndicatorResult => {
  const found = results.find((r) => r.id === id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
};

const surveyWith = (score: number | null): SurveyResult => ({
  sheet: "满意度调查",
  scale: "three",
  headerRow: 1,
  firstRow: 2,
  lastRow: 21,
  weightsRow: null,
  respondents: 20,
  valid: 18,
  invalid: 2,
  score,
  satisfiedRate: null,
  target: 90,
  met: score === null ? null : score >= 90,
  questions: [
    { column: "B", title: "问题一", weight: 1, valid: 18, score, distribution: {}, countedDifferently: 0 },
    { column: "C", title: "问题二", weight: 1, valid: 0, score: null, distribution: {}, countedDifferently: 0 },
  ],
  findings: [],
});

describe("computeIndicators: the seed's five (SPEC §6)", () => {
  it("lists them in the seed's order with its targets and units", () => {
    expect(indicators().map((i) => [i.id, i.name.zh, i.comparator, i.target, i.unit])).toEqual([
      ["institution-revisions", "制度修订数量", ">=", 5, "count"],
      ["rotation-rate", "关键岗位人员轮岗率", ">=", 0.8, "rate"],
      ["close-rate", "整改问题销号率", ">=", 0.95, "rate"],
      ["survey-score", "群众满意度调查得分", ">=", 90, "points"],
      ["audit-drop", "年度审计发现问题同比下降", ">=", 0.3, "rate"],
    ]);
  });

  it("takes the targets from the settings", () => {
    const results = indicators({ targets: { institutionRevisions: 6, closeRate: 1 } });
    expect(byId(results, "institution-revisions").target).toBe(6);
    expect(byId(results, "close-rate").target).toBe(1);
  });

  it("has null actuals and null met when nothing is given, with a basis that says so", () => {
    const results = indicators();
    for (const id of ["rotation-rate", "close-rate", "survey-score", "audit-drop"]) {
      expect(byId(results, id)).toMatchObject({ actual: null, met: null });
      expect(byId(results, id).basis.zh).not.toBe("");
      expect(byId(results, id).basis.en).not.toBe("");
    }
    // No items: zero titles, a count that can be compared.
    expect(byId(results, "institution-revisions")).toMatchObject({ actual: 0, met: false, evidence: [] });
  });
});

describe("制度修订数量", () => {
  const finished = (row: number, measures: string, progress = "") =>
    itemFrom({ row, status: "done", cells: { measures, progress } });
  const items = [
    finished(3, "修订《采购管理办法》《合同管理办法》《变更管理办法》"),
    finished(4, "", "已印发《 采购管理办法 》和《安全管理细则》"),
    itemFrom({ row: 5, status: "closed", cells: { measures: "出台《监理管理规定》" } }),
    itemFrom({ row: 6, status: "in_progress", cells: { measures: "起草《廉政风险防控办法》" } }),
    itemFrom({ row: 7, status: "done", cells: { description: "《不算》", measures: "《》" } }),
  ];

  it("counts distinct titles in the measures and progress of finished items, and lists them with rows", () => {
    const result = byId(indicators({}, { items }), "institution-revisions");
    expect(result).toMatchObject({ actual: 5, met: true });
    expect(result.evidence).toEqual([
      "《采购管理办法》（第 3、4 行）",
      "《合同管理办法》（第 3 行）",
      "《变更管理办法》（第 3 行）",
      "《安全管理细则》（第 4 行）",
      "《监理管理规定》（第 5 行）",
    ]);
    expect(result.basis.zh).toContain("5 个不同的《》标题");
  });

  it("is not met below the target", () => {
    expect(byId(indicators({}, { items: items.slice(0, 2) }), "institution-revisions")).toMatchObject({
      actual: 4,
      met: false,
    });
  });

  it("uses the user's own count when given, and says so while still listing the titles found", () => {
    const result = byId(
      indicators({ indicatorInputs: { institutionRevisions: 6 } }, { items }),
      "institution-revisions",
    );
    expect(result).toMatchObject({ actual: 6, met: true });
    expect(result.evidence).toHaveLength(5);
    expect(result.basis.zh).toContain("采用填写的数量 6 项");
    expect(result.basis.en).toContain("The count entered, 6");
  });

  it("treats full-width and half-width spellings of a title as one, keeping the first spelling", () => {
    const titles = findInstitutionTitles([finished(3, "《ＥＰＣ 管理办法》"), finished(4, "《EPC管理办法》")]);
    expect(titles).toEqual([{ title: "ＥＰＣ 管理办法", rows: [3, 4] }]);
  });
});

describe("关键岗位人员轮岗率 = rotated / due", () => {
  it.each([
    [8, 10, 0.8, true], // exactly the target meets it
    [7, 10, 0.7, false],
    [10, 10, 1, true],
    [0, 0, null, null], // nothing due: no rate
    [null, 10, null, null],
    [5, null, null, null],
  ])("rotated %p of %p → %p, met %p", (done, due, actual, met) => {
    const result = byId(indicators({ indicatorInputs: { rotationDone: done, rotationDue: due } }), "rotation-rate");
    expect(result).toMatchObject({ actual, met });
  });

  it("shows the numbers in its basis", () => {
    const result = byId(indicators({ indicatorInputs: { rotationDone: 13, rotationDue: 16 } }), "rotation-rate");
    expect(result.basis.zh).toBe("已轮岗 13 个 ÷ 应轮岗 16 个 = 81.3%（填写的数据）。");
    expect(result.basis.en).toContain("13 posts rotated ÷ 16 due = 81.3%");
  });
});

describe("整改问题销号率", () => {
  const closedOf = (n: number, total: number) =>
    Array.from({ length: total }, (_, i) => itemFrom({ row: i + 3, status: i < n ? "closed" : "done" }));

  it.each([
    [19, 20, true], // 95% exactly
    [18, 20, false],
  ])("%p of %p closed → met %p", (closed, total, met) => {
    const result = byId(indicators({}, { items: closedOf(closed, total), closeRate: closed / total }), "close-rate");
    expect(result).toMatchObject({ actual: closed / total, met });
    expect(result.basis.zh).toBe(`已销号 ${closed} 项 ÷ 整改事项 ${total} 项 = ${percentInProse(closed / total)}。`);
  });
});

describe("群众满意度调查得分", () => {
  it.each([
    [92, true],
    [90, true],
    [89.9, false],
    [null, null],
  ])("score %p → met %p", (score, met) => {
    const result = byId(indicators({}, { survey: surveyWith(score) }), "survey-score");
    expect(result).toMatchObject({ actual: score, met });
    expect(result.basis.zh).toContain("答卷 20 份，有效 18 份，无效 2 份");
  });

  it("says which sheet and how many questions the score came from", () => {
    const result = byId(indicators({}, { survey: surveyWith(92) }), "survey-score");
    expect(result.basis.zh).toBe("工作表“满意度调查”：答卷 20 份，有效 18 份，无效 2 份；1 道题按权重平均得 92 分。");
  });

  it("says when there is no survey", () => {
    expect(byId(indicators(), "survey-score").basis.zh).toBe("没有找到满意度调查表。");
  });
});

describe("年度审计发现问题同比下降 = (last − this) / last", () => {
  it.each([
    [20, 14, 0.3, true],
    [20, 15, 0.25, false],
    [10, 12, -0.2, false], // more findings than last year
    [0, 3, null, null],
    [null, 3, null, null],
  ])("last year %p, this year %p → %p, met %p", (last, current, actual, met) => {
    const inputs = { auditLastYear: last, auditThisYear: current };
    expect(byId(indicators({ indicatorInputs: inputs }), "audit-drop")).toMatchObject({ actual, met });
  });

  it("shows the numbers in its basis", () => {
    const result = byId(indicators({ indicatorInputs: { auditLastYear: 20, auditThisYear: 14 } }), "audit-drop");
    expect(result.basis.zh).toBe("（上年度 20 个 − 本年度 14 个）÷ 上年度 20 个 = 30%（填写的数据）。");
  });
});

describe("custom indicators", () => {
  const custom = (spec: object) => {
    const results = indicators({ customIndicators: [{ name: "培训覆盖率", target: 1, unit: "rate", ...spec }] });
    expect(results).toHaveLength(6);
    return results[5] as IndicatorResult;
  };

  it("come after the five, numbered custom-1, custom-2, …", () => {
    const results = indicators({
      customIndicators: [
        { name: "信访量下降", target: 0.5, unit: "rate", actual: 0.72 },
        { name: "平均工期", target: 180, comparator: "<=", actual: 200 },
      ],
    });
    expect(results.slice(5).map((r) => [r.id, r.name.zh, r.comparator, r.met])).toEqual([
      ["custom-1", "信访量下降", ">=", true],
      ["custom-2", "平均工期", "<=", false],
    ]);
  });

  it.each([
    [{ actual: 1 }, 1, true],
    [{ actual: 0.9 }, 0.9, false],
    [{ numerator: 45, denominator: 45 }, 1, true],
    [{ numerator: 40, denominator: 50 }, 0.8, false],
    [{ actual: 1, numerator: 1, denominator: 2 }, 1, true], // the actual entered wins
    [{ numerator: 3, denominator: 0 }, null, null],
    [{}, null, null],
  ])("%j → actual %p, met %p", (spec, actual, met) => {
    expect(custom(spec)).toMatchObject({ actual, met });
  });

  it("compare with ≤ when asked", () => {
    const results = indicators({
      customIndicators: [{ name: "平均工期（天）", target: 180, comparator: "<=", actual: 180 }],
    });
    expect(results[5]).toMatchObject({ actual: 180, met: true, unit: "count" });
  });

  it("explain their actual", () => {
    expect(custom({ numerator: 40, denominator: 50 }).basis.zh).toBe("填写的分子 40 ÷ 分母 50 = 80%。");
    expect(custom({ actual: 0.9 }).basis.zh).toBe("填写的实际值 90%。");
    expect(custom({ numerator: 3, denominator: 0 }).basis.zh).toBe("填写的分母为 0，无法计算。");
    expect(custom({}).basis.zh).toBe("未填写实际值或分子、分母。");
  });
});

it("uses DEFAULT_SETTINGS' targets when nothing is overridden", () => {
  expect(byId(indicators(), "survey-score").target).toBe(DEFAULT_SETTINGS.targets.surveyScore);
});
