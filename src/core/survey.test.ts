import fc from "fast-check";
import { gridFrom } from "../../test/support/grid-builder";
import { DEFAULT_SETTINGS, SettingsSchema } from "./settings";
import { detectNumericScale, detectWordScale, evaluateSurvey, numericScalePoints, surveyScaleLevels } from "./survey";
import type { CellValue, SurveyResult } from "./types";

/** Evaluates and fails the test (rather than returning null) when no survey is found. */
function surveyOf(rows: CellValue[][], settings = DEFAULT_SETTINGS, opts: Parameters<typeof gridFrom>[1] = {}) {
  const result = evaluateSurvey(gridFrom(rows, { sheet: "满意度测评", ...opts }), settings);
  if (result === null) throw new Error("expected a survey");
  return result;
}

const scoresOf = (survey: SurveyResult) => survey.questions.map((q) => [q.column, q.valid, q.score]);

describe("scale detection (SPEC §7's table, in order, once per sheet)", () => {
  it.each([
    [["非常满意", "满意", "不满意"], "five-a"],
    [["很满意"], "five-a"],
    [["非常满意", "比较满意", "一般"], "five-a"], // A's triggers are checked first
    [["满意", "比较满意", "不满意"], "five-b"],
    [["一般"], "five-b"],
    [["较不满意", "满意"], "five-b"],
    [["满意", "基本满意", "不满意"], "three"],
    [["满意"], "three"],
    [["不满意", "基本满意"], "three"],
    // Choice: A's own words without a trigger are read on A's table, which holds them.
    [["满意", "不太满意"], "five-a"],
    [["非常不满意", "满意"], "five-a"],
  ] as const)("words %j → %s", (words, scale) => {
    expect(detectWordScale(new Set(words))).toBe(scale);
  });

  it.each([
    [1, "numeric-5"],
    [5, "numeric-5"],
    [5.5, "numeric-10"],
    [6, "numeric-10"],
    [10, "numeric-10"],
    [10.5, "numeric-100"],
    [11, "numeric-100"],
    [100, "numeric-100"],
  ] as const)("largest number %p → %s", (largest, scale) => {
    expect(detectNumericScale(largest)).toBe(scale);
  });
});

describe("numericScalePoints (SPEC §7's formulas)", () => {
  it.each([
    ["numeric-5", 1, 0],
    ["numeric-5", 3, 50],
    ["numeric-5", 5, 100],
    ["numeric-5", 0, null],
    ["numeric-5", 6, null],
    ["numeric-10", 1, 0],
    ["numeric-10", 10, 100],
    ["numeric-10", 7, (6 / 9) * 100],
    ["numeric-10", 11, null],
    ["numeric-100", 0, 0],
    ["numeric-100", 85.5, 85.5],
    ["numeric-100", 101, null],
    ["numeric-100", Number.NaN, null],
  ] as const)("%s: %p → %p", (scale, x, points) => {
    expect(numericScalePoints(scale, x)).toBe(points);
  });
});

describe("surveyScaleLevels (for live Excel formulas)", () => {
  it("lists a word scale's answers and points in the settings' order", () => {
    expect(surveyScaleLevels("three", DEFAULT_SETTINGS)).toEqual([
      { answer: "满意", points: 100 },
      { answer: "基本满意", points: 60 },
      { answer: "不满意", points: 0 },
    ]);
    expect(surveyScaleLevels("five-b", DEFAULT_SETTINGS)?.map((l) => l.points)).toEqual([100, 80, 60, 30, 30, 0]);
  });

  it("follows the points in the settings", () => {
    const settings = SettingsSchema.parse({ surveyPoints: { three: { 满意: 100, 基本满意: 70, 不满意: 0 } } });
    expect(surveyScaleLevels("three", settings)).toContainEqual({ answer: "基本满意", points: 70 });
  });

  it("is null for the numeric scales", () => {
    expect(surveyScaleLevels("numeric-5", DEFAULT_SETTINGS)).toBeNull();
    expect(surveyScaleLevels("numeric-10", DEFAULT_SETTINGS)).toBeNull();
    expect(surveyScaleLevels("numeric-100", DEFAULT_SETTINGS)).toBeNull();
  });
});

/**
 * A five-level A sheet with a title row, a weights row, a blank row, 不了解-type answers, an
 * invalid respondent, an unknown answer and a note under the table.
 */
const FIVE_A_SHEET: CellValue[][] = [
  ["2025年度群众满意度测评"],
  ["序号", "姓名", "对整改工作的总体评价", "对整改措施落实的评价", "对信息公开的评价", "意见建议"],
  ["权重", "", 0.5, 0.3, 0.2, ""],
  [1, "张三", "非常满意", "满意", "很满意", "无"],
  [2, "李四", "基本满意", "不了解", "不满意", ""],
  [],
  [3, "王五", "不清楚", "说不清", "", ""],
  [4, "赵六", "满意", "还行", "非常不满意", "多公开"],
  ["注：请在对应栏填写"],
  [5, "不算", "非常满意", "非常满意", "非常满意", ""],
];

describe("evaluateSurvey on a five-level A sheet", () => {
  const survey = surveyOf(FIVE_A_SHEET, DEFAULT_SETTINGS, { merges: ["A1:F1"] });

  it("finds the header under the title, the weights row and the respondents above the note", () => {
    expect(survey).toMatchObject({ sheet: "满意度测评", scale: "five-a", headerRow: 2, weightsRow: 3 });
    expect(survey).toMatchObject({ firstRow: 4, lastRow: 8 });
  });

  it("takes the question columns by the half rule and ignores 序号, 姓名 and free text", () => {
    expect(survey.questions.map((q) => [q.column, q.title, q.weight])).toEqual([
      ["C", "对整改工作的总体评价", 0.5],
      ["D", "对整改措施落实的评价", 0.3],
      ["E", "对信息公开的评价", 0.2],
    ]);
  });

  it("scores each question on the points of five-level A, leaving out blanks, 不了解 and unknown answers", () => {
    // C: 100, 60, 80 (不清楚 left out); D: 80 (不了解, 说不清, 还行 left out); E: 100, 30, 0.
    expect(scoresOf(survey)).toEqual([
      ["C", 3, 80],
      ["D", 1, 80],
      ["E", 3, 43.3],
    ]);
  });

  it("counts respondents, and one with no scorable answer as invalid", () => {
    expect(survey).toMatchObject({ respondents: 4, valid: 3, invalid: 1 });
  });

  it("weights the unrounded question means: (0.5·80 + 0.3·80 + 0.2·43.33…) / 1 = 72.7", () => {
    expect(survey.score).toBe(72.7);
    expect(survey.target).toBe(90);
    expect(survey.met).toBe(false);
  });

  it("satisfiedRate is the share of scored answers worth ≥ 60 points (5 of 7)", () => {
    expect(survey.satisfiedRate).toBeCloseTo(5 / 7, 12);
  });

  it("lists every level of the scale in the distribution, summing to the valid answers", () => {
    expect(survey.questions[0]?.distribution).toEqual({
      非常满意: 1,
      很满意: 0,
      满意: 1,
      基本满意: 1,
      比较满意: 0,
      不满意: 0,
      不太满意: 0,
      非常不满意: 0,
      很不满意: 0,
    });
    for (const q of survey.questions) {
      expect(Object.values(q.distribution).reduce((s, n) => s + n, 0)).toBe(q.valid);
    }
  });

  it("reports the unknown answer as a warning at its cell on the survey sheet", () => {
    expect(survey.findings).toHaveLength(1);
    expect(survey.findings[0]).toMatchObject({
      rule: "survey-unknown-answer",
      severity: "warning",
      row: 8,
      cell: "D8",
      field: null,
      sheet: "满意度测评",
    });
    expect(survey.findings[0]?.message.zh).toContain("还行");
    expect(survey.findings[0]?.message.en).toContain("还行");
  });

  it("follows the rule's severity setting, and drops the finding when it is off", () => {
    const asError = surveyOf(FIVE_A_SHEET, SettingsSchema.parse({ rules: { "survey-unknown-answer": "error" } }));
    expect(asError.findings.map((f) => f.severity)).toEqual(["error"]);
    const off = surveyOf(FIVE_A_SHEET, SettingsSchema.parse({ rules: { "survey-unknown-answer": "off" } }));
    expect(off.findings).toEqual([]);
    expect(off.score).toBe(72.7);
  });

  it("weighs questions equally without a weights row: (80 + 80 + 43.33…) / 3 = 67.8", () => {
    const withoutWeights = surveyOf(FIVE_A_SHEET.filter((_, i) => i !== 2));
    expect(withoutWeights.weightsRow).toBeNull();
    expect(withoutWeights.questions.map((q) => q.weight)).toEqual([1, 1, 1]);
    expect(withoutWeights.score).toBe(67.8);
  });

  it("takes the target from the settings", () => {
    const lenient = surveyOf(FIVE_A_SHEET, SettingsSchema.parse({ targets: { surveyScore: 70 } }));
    expect(lenient).toMatchObject({ target: 70, met: true });
  });
});

describe("evaluateSurvey: the other word scales", () => {
  it("five-level B: 满意 100 · 比较满意 80 · 一般 60 · 较不满意/不太满意 30 · 不满意 0; 基本满意 is not on it", () => {
    const survey = surveyOf([
      ["序号", "问题一", "问题二"],
      [1, "满意", "比较满意"],
      [2, "一般", "较不满意"],
      [3, "不满意", "不太满意"],
      [4, "基本满意", ""],
    ]);
    expect(survey.scale).toBe("five-b");
    // 问题一: 100, 60, 0 → 53.3; 问题二: 80, 30, 30 → 46.7; overall (53.33… + 46.67…) / 2 = 50.
    expect(scoresOf(survey)).toEqual([
      ["B", 3, 53.3],
      ["C", 3, 46.7],
    ]);
    expect(survey.score).toBe(50);
    expect(survey.findings.map((f) => f.cell)).toEqual(["B5"]);
    expect(survey).toMatchObject({ respondents: 4, valid: 3, invalid: 1 });
  });

  it("three-level: only 满意, 基本满意, 不满意", () => {
    const survey = surveyOf([
      ["姓名", "您对整改工作是否满意", "您对整改结果是否满意"],
      ["甲", "满意", "满意"],
      ["乙", "基本满意", "满 意"], // whitespace inside an answer does not matter
      ["丙", "不满意", ""],
    ]);
    expect(survey.scale).toBe("three");
    expect(scoresOf(survey)).toEqual([
      ["B", 3, 53.3],
      ["C", 2, 100],
    ]);
    expect(survey.score).toBe(76.7);
    expect(survey.satisfiedRate).toBeCloseTo(4 / 5, 12);
    expect(survey.questions[1]?.distribution).toEqual({ 满意: 2, 基本满意: 0, 不满意: 0 });
    // 满 意 was read only after normalising: Excel's COUNTIF("满意") would not count it.
    expect(survey.questions.map((q) => q.countedDifferently)).toEqual([0, 1]);
  });

  it("counts the answers typed loosely (spaces, full-width, numbers as text) that COUNTIF would miss", () => {
    const words = surveyOf([
      ["姓名", "问题一", "问题二"],
      ["甲", "满意 ", { runs: ["满", "意"] }],
      ["乙", "满意", "不满意"],
      ["丙", "ｂ", "不了解"],
    ]);
    expect(words.questions.map((q) => [q.valid, q.countedDifferently])).toEqual([
      [2, 1],
      [2, 0],
    ]);
    const numbers = surveyOf([
      ["序号", "评分"],
      [1, 5],
      [2, "4"],
      [3, "３分"],
    ]);
    expect(numbers.questions.map((q) => [q.valid, q.countedDifferently])).toEqual([[3, 2]]);
  });

  it("counts the answers on a total row among the respondents, which COUNTIF over the rows would count", () => {
    const survey = surveyOf([
      ["序号", "评分", "评价"],
      [1, 5, 4],
      [2, 4, 4],
      ["小计", 4.5, "平均"],
      [3, 3, 5],
    ]);
    expect(survey.lastRow).toBe(5);
    expect(survey.questions.map((q) => [q.valid, q.countedDifferently])).toEqual([
      [3, 1],
      [3, 0],
    ]);
  });

  it("uses the points in the settings", () => {
    const settings = SettingsSchema.parse({ surveyPoints: { three: { 满意: 100, 基本满意: 70, 不满意: 0 } } });
    const survey = surveyOf(
      [
        ["姓名", "问题"],
        ["甲", "满意"],
        ["乙", "基本满意"],
      ],
      settings,
    );
    expect(survey.score).toBe(85);
  });
});

describe("evaluateSurvey: numeric scales", () => {
  it("1–5: (x − 1) / 4 × 100; a number typed as text counts; 0 is off the scale", () => {
    const survey = surveyOf([
      ["序号", "姓名", "总体评价", "落实情况"],
      [1, "甲", 5, 4],
      [2, "乙", 3, "2"],
      [3, "丙", 1, 0],
    ]);
    expect(survey.scale).toBe("numeric-5");
    // 总体评价: 100, 50, 0 → 50; 落实情况: 75, 25 → 50.
    expect(scoresOf(survey)).toEqual([
      ["C", 3, 50],
      ["D", 2, 50],
    ]);
    expect(survey.score).toBe(50);
    expect(survey.findings.map((f) => f.cell)).toEqual(["D4"]);
    expect(survey.questions[1]?.distribution).toEqual({ "2": 1, "4": 1 });
  });

  it("1–10 when some answer is above 5: (x − 1) / 9 × 100", () => {
    const survey = surveyOf([
      ["编号", "评分"],
      [1, 7],
      [2, 10],
      [3, 1],
    ]);
    expect(survey.scale).toBe("numeric-10");
    expect(survey.score).toBe(55.6); // (66.67 + 100 + 0) / 3
  });

  it("0–100 when some answer is above 10; `90分` counts and 120 is off the scale", () => {
    const survey = surveyOf([
      ["受访人", "满意度得分"],
      ["甲", 95],
      ["乙", 85.5],
      ["丙", "90分"],
      ["丁", 120],
    ]);
    expect(survey.scale).toBe("numeric-100");
    expect(survey.score).toBe(90.2); // (95 + 85.5 + 90) / 3 = 90.1666…
    expect(survey.met).toBe(true);
    expect(survey.findings.map((f) => f.cell)).toEqual(["B5"]);
    expect(survey).toMatchObject({ respondents: 4, valid: 3, invalid: 1 });
  });

  it("a running 1, 2, 3 column without a header is a sequence, not a question", () => {
    const survey = surveyOf([
      ["", "姓名", "问题一"],
      [1, "甲", 4],
      [2, "乙", 5],
      [3, "丙", 3],
    ]);
    expect(survey.questions.map((q) => q.column)).toEqual(["C"]);
    expect(survey.score).toBe(75);
  });

  it("a total row (平均分) is not a respondent", () => {
    const survey = surveyOf([
      ["姓名", "问题一"],
      ["甲", 4],
      ["乙", 2],
      ["平均分", 3],
    ]);
    expect(survey).toMatchObject({ respondents: 2, lastRow: 3, score: 50 });
  });

  it("a numeric sheet with a word column is read on the word scale (detected once)", () => {
    const survey = surveyOf([
      ["姓名", "评分", "评价"],
      ["甲", 4, "满意"],
      ["乙", 2, "不满意"],
    ]);
    expect(survey.scale).toBe("three");
    expect(survey.questions.map((q) => q.column)).toEqual(["C"]);
  });
});

describe("evaluateSurvey: weights", () => {
  const rows = (weights: CellValue[]): CellValue[][] => [
    ["姓名", "问题一", "问题二", "问题三"],
    ["权重（%）", ...weights],
    ["甲", "满意", "基本满意", "不满意"],
  ];

  it("reads percentages typed as text", () => {
    const survey = surveyOf(rows(["50%", "30%", "20%"]));
    expect(survey.questions.map((q) => q.weight)).toEqual([0.5, 0.3, 0.2]);
    expect(survey.score).toBe(68); // 0.5·100 + 0.3·60 + 0.2·0
  });

  it("gives a question without a weight the mean of the weights given", () => {
    const survey = surveyOf(rows([6, "", 2]));
    expect(survey.questions.map((q) => q.weight)).toEqual([6, 4, 2]);
    expect(survey.score).toBe(70); // (6·100 + 4·60 + 2·0) / 12
  });

  it("has no score when every answered question weighs 0", () => {
    const survey = surveyOf(rows([0, 0, 0]));
    expect(survey.score).toBeNull();
    expect(survey.met).toBeNull();
    expect(survey.satisfiedRate).toBe(2 / 3);
  });

  it("ignores the weight of a question with no valid answer", () => {
    const survey = surveyOf([
      ["姓名", "问题一", "问题二"],
      ["权重", 1, 9],
      ["甲", "满意", "不了解"],
    ]);
    expect(survey.questions[1]).toMatchObject({ valid: 0, score: null });
    expect(survey.score).toBe(100);
  });
});

describe("evaluateSurvey: finding the table", () => {
  it("reads a two-row header: the lower row names the questions", () => {
    const survey = surveyOf(
      [
        ["序号", "姓名", "满意度评价"],
        [null, null, "整改成效", "作风转变"],
        [1, "甲", "满意", "基本满意"],
        [2, "乙", "不满意", "满意"],
      ],
      DEFAULT_SETTINGS,
      { merges: ["A1:A2", "B1:B2", "C1:D1"] },
    );
    expect(survey.headerRow).toBe(2);
    expect(survey.questions.map((q) => q.title)).toEqual(["整改成效", "作风转变"]);
  });

  it("works in sheet coordinates when the grid does not start at A1", () => {
    const survey = surveyOf(
      [
        ["姓名", "问题一"],
        ["甲", "满意"],
        ["乙", "好"],
      ],
      DEFAULT_SETTINGS,
      { origin: { row: 3, col: 2 } },
    );
    expect(survey).toMatchObject({ headerRow: 3, firstRow: 4, lastRow: 5 });
    expect(survey.questions[0]?.column).toBe("C");
    expect(survey.findings[0]?.cell).toBe("C5");
  });

  it("does not count the pre-numbered empty rows of a form as respondents", () => {
    const survey = surveyOf([
      ["序号", "姓名", "问题一"],
      [1, "甲", "满意"],
      [2, "", ""],
      [3, "", ""],
    ]);
    expect(survey).toMatchObject({ respondents: 1, valid: 1, invalid: 0, lastRow: 2 });
  });

  describe("who is a respondent (SPEC §7: anything other than the 序号 filled in)", () => {
    const head = ["序号", "单位", "填表日期", "问题一", "问题二"];
    it.each<[string, CellValue[], { respondents: number; valid: number; invalid: number }]>([
      [
        "only its 序号: an unused pre-numbered line",
        [2, null, null, null, null],
        { respondents: 1, valid: 1, invalid: 0 },
      ],
      [
        "a unit and no answer: a returned blank questionnaire, invalid",
        [2, "二科", null, null, null],
        { respondents: 2, valid: 1, invalid: 1 },
      ],
      ["only a date: invalid", [2, null, 45731, null, null], { respondents: 2, valid: 1, invalid: 1 }],
      ["only 不了解: invalid", [2, null, null, "不了解", null], { respondents: 2, valid: 1, invalid: 1 }],
      ["an answer without a 序号: valid", [null, null, null, "满意", null], { respondents: 2, valid: 2, invalid: 0 }],
      [
        "an answer off the scale only: invalid",
        [2, null, null, "还行吧", null],
        { respondents: 2, valid: 1, invalid: 1 },
      ],
    ])("%s", (_, row, counts) => {
      const survey = surveyOf([head, [1, "一科", 45731, "满意", "基本满意"], row]);
      expect(survey).toMatchObject(counts);
    });

    it("without a 序号 column: a lone running number left of the questions is the 序号; a lone answer is not", () => {
      const rows: CellValue[][] = [
        [null, "姓名", "问题一"],
        [1, "甲", "满意"],
        [2, null, null],
        [3, null, "满意"],
        [4, "丁", null],
      ];
      expect(surveyOf(rows)).toMatchObject({ respondents: 3, valid: 2, invalid: 1, lastRow: 5 });
    });

    it("a blank questionnaire is invalid even on a sheet whose first column is 编号", () => {
      const survey = surveyOf([
        ["编号", "姓名", "问题一"],
        ["A-01", "甲", "满意"],
        ["A-02", "乙", null],
        ["A-03", null, null],
      ]);
      expect(survey).toMatchObject({ respondents: 2, valid: 1, invalid: 1, lastRow: 3 });
    });
  });

  it("is null for a sheet that holds no survey", () => {
    const none = (rows: CellValue[][]) => evaluateSurvey(gridFrom(rows), DEFAULT_SETTINGS);
    expect(none([])).toBeNull();
    expect(none([[], []])).toBeNull();
    expect(
      none([
        ["姓名", "单位"],
        ["甲", "工程部"],
      ]),
    ).toBeNull();
    expect(
      none([
        ["满意", "不满意"],
        ["满意", "满意"],
      ]),
    ).toBeNull(); // answers but no header
    const deep: CellValue[][] = [...Array.from({ length: 10 }, () => ["说明文字"]), ["姓名", "问题"], ["甲", "满意"]];
    expect(none(deep)).toBeNull(); // the header must be within the first 10 rows
  });
});

describe("evaluateSurvey on arbitrary grids (property)", () => {
  const cell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constant(null),
    fc.constantFrom("非常满意", "很满意", "满意", "基本满意", "比较满意", "一般", "较不满意", "不满意", "非常不满意"),
    fc.constantFrom("不了解", "说不清", "权重", "合计", "注：", "序号", "姓名", "问题", "50%", "85分"),
    fc.integer({ min: -5, max: 150 }),
    fc.double({ noNaN: false }),
    fc.string({ maxLength: 6 }),
    fc.boolean(),
    fc.constant({ error: "#N/A" }),
    fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }).map((runs) => ({ runs })),
  );
  const grid = fc.record({
    rows: fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 14 }),
    origin: fc.record({ row: fc.integer({ min: 1, max: 5 }), col: fc.integer({ min: 1, max: 5 }) }),
  });

  it("never throws, and keeps scores within 0..100 and counts consistent", () => {
    fc.assert(
      fc.property(grid, ({ rows, origin }) => {
        const survey = evaluateSurvey(gridFrom(rows, { origin }), DEFAULT_SETTINGS);
        if (survey === null) return;
        if (survey.score !== null) {
          expect(survey.score).toBeGreaterThanOrEqual(0);
          expect(survey.score).toBeLessThanOrEqual(100);
        }
        for (const q of survey.questions) {
          if (q.score !== null) expect(q.score >= 0 && q.score <= 100).toBe(true);
        }
        if (survey.satisfiedRate !== null) expect(survey.satisfiedRate >= 0 && survey.satisfiedRate <= 1).toBe(true);
        expect(survey.valid + survey.invalid).toBe(survey.respondents);
        for (const f of survey.findings) expect(f.cell).toMatch(/^[A-Z]+\d+$/);
      }),
      { numRuns: 500 },
    );
  });
});
