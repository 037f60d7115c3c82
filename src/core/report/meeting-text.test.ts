import { reportFixture, REPORT_TODAY } from "../../../test/support/report-fixture";
import type { BreakdownRow, DueSoonEntry, IndicatorResult, Summary, SurveyResult } from "../types";
import { meetingDate, toMeetingText } from "./meeting-text";
import { percent } from "../format";

const result = reportFixture();

/** The fixture's summary with some fields replaced, for the cases the small ledger does not have. */
function summaryWith(changes: Partial<Summary>): Summary {
  return { ...result.summary, ...changes };
}

function unitRow(key: string, red: number, yellow: number): BreakdownRow {
  return { key, items: red + yellow, finished: 0, closed: 0, red, yellow, overdue: red + yellow };
}

function indicator(id: string, actual: number | null, target: number, unit: IndicatorResult["unit"]): IndicatorResult {
  const met = actual === null ? null : actual >= target;
  return {
    id,
    name: { zh: id, en: id },
    comparator: ">=",
    target,
    unit,
    actual,
    met,
    basis: { zh: "", en: "" },
    evidence: [],
  };
}

describe("meetingDate", () => {
  it.each([
    ["2025-03-31", "2025年3月31日", "31 March 2025"],
    ["2026-01-05", "2026年1月5日", "5 January 2026"],
    ["2024-12-09", "2024年12月9日", "9 December 2024"],
  ])("%s → %s / %s", (iso, zh, en) => {
    expect(meetingDate(iso, "zh")).toBe(zh);
    expect(meetingDate(iso, "en")).toBe(en);
  });
});

describe("toMeetingText on the report fixture (counted by hand in report-fixture.ts)", () => {
  it("writes the 通报 paragraph in Chinese", () => {
    expect(toMeetingText(result)).toBe(
      "截至2025年3月31日，共梳理整改问题4项，已完成1项，完成率25.0%；已销号1项，销号率25.0%。逾期未完成2项。" +
        "亮红灯1项（办公室1项），黄灯1项（工程部1项）。" +
        "未达标指标2项：制度修订数量0项（目标≥5项）、整改问题销号率25.0%（目标≥95.0%）。另有2项指标待填报。" +
        "群众满意度调查得分85分，未达到90分目标。",
    );
  });

  it("writes the same paragraph in English", () => {
    expect(toMeetingText(result, "en")).toBe(
      "As of 31 March 2025, 4 rectification items were reviewed: 1 finished (completion rate 25.0%) and 1 closed out (close-out rate 25.0%). " +
        "2 are overdue and not finished. 1 item is on red (办公室 1); 1 item is on yellow (工程部 1). " +
        "2 indicators are not met: Institutional documents revised 0 (target ≥5); Close-out rate 25.0% (target ≥95.0%). " +
        "2 indicators await figures. The public satisfaction survey scored 85 points, short of the 90-point target.",
    );
  });

  it("says nothing of a survey when the workbook has none", () => {
    const withoutSurvey = reportFixture(false);
    expect(toMeetingText(withoutSurvey)).not.toContain("满意度");
    expect(toMeetingText(withoutSurvey, "en")).not.toContain("survey");
  });
});

describe("the numbers are the summary's", () => {
  it.each(["zh", "en"] as const)("every count and rate in the %s text is read from the Summary", (lang) => {
    const { summary } = result;
    const text = toMeetingText(result, lang);
    const numbers = (pattern: RegExp): string[] => [...text.matchAll(pattern)].map((m) => m[1] ?? "");
    const zh = lang === "zh";
    expect(numbers(zh ? /共梳理整改问题(\d+)项/g : /(\d+) rectification items/g)).toEqual([String(summary.items)]);
    expect(numbers(zh ? /已完成(\d+)项/g : /(\d+) finished/g)).toEqual([
      String(summary.byStatus.done + summary.byStatus.closed),
    ]);
    expect(numbers(zh ? /已销号(\d+)项/g : /(\d+) closed out/g)).toEqual([String(summary.byStatus.closed)]);
    expect(numbers(zh ? /完成率([\d.]+%)/g : /completion rate ([\d.]+%)/g)).toEqual([percent(summary.completionRate)]);
    expect(numbers(zh ? /销号率([\d.]+%)；?。/g : /close-out rate ([\d.]+%)/g)).toEqual([percent(summary.closeRate)]);
    expect(numbers(zh ? /逾期未完成(\d+)项/g : /(\d+) are overdue/g)).toEqual([String(summary.overdue)]);
    expect(numbers(zh ? /亮红灯(\d+)项/g : /(\d+) items? (?:is|are) on red/g)).toEqual([String(summary.byLight.red)]);
    expect(numbers(zh ? /黄灯(\d+)项/g : /(\d+) items? (?:is|are) on yellow/g)).toEqual([
      String(summary.byLight.yellow),
    ]);
    const survey = summary.indicators.find((i) => i.id === "survey-score");
    expect(numbers(zh ? /调查得分([\d.]+)分/g : /survey scored ([\d.]+) points/g)).toEqual([String(survey?.actual)]);
  });
});

describe("toMeetingText cases", () => {
  const cases: [string, Partial<Summary>, SurveyResult | null, string, string][] = [
    [
      "no red or yellow",
      { byLight: { ...result.summary.byLight, red: 0, yellow: 0 } },
      null,
      "无亮红灯、黄灯事项。",
      "No item is on red or yellow.",
    ],
    [
      "red only, units ordered by count",
      {
        byLight: { ...result.summary.byLight, red: 3, yellow: 0 },
        byUnit: [unitRow("质量安全监督站", 1, 0), unitRow("建设管理科", 2, 0)],
      },
      null,
      "亮红灯3项（建设管理科2项、质量安全监督站1项），无黄灯事项。",
      "3 items are on red (建设管理科 2, 质量安全监督站 1); none on yellow.",
    ],
    [
      "yellow without a unit column",
      { byLight: { ...result.summary.byLight, red: 0, yellow: 2 }, byUnit: [] },
      null,
      "无红灯事项，黄灯2项。",
      "None is on red; 2 items are on yellow.",
    ],
    [
      "more than six units behind red: the most first, ties in the breakdown's order",
      {
        byLight: { ...result.summary.byLight, red: 8, yellow: 0 },
        byUnit: ["甲", "乙", "丙", "丁", "戊", "己", "庚"].map((key, i) => unitRow(key, i === 0 ? 2 : 1, 0)),
      },
      null,
      "亮红灯8项（甲2项、乙1项、丙1项、丁1项、戊1项、己1项等7个单位），无黄灯事项。",
      "8 items are on red (甲 2, 乙 1, 丙 1, 丁 1, 戊 1, 己 1 and 1 more unit); none on yellow.",
    ],
    [
      "every indicator with figures met",
      { indicators: [indicator("a", 5, 5, "count"), indicator("b", null, 0.3, "rate")] },
      null,
      "已有数据的量化指标均已达标。另有1项指标待填报。",
      "Every indicator with figures is met. 1 indicator awaits figures.",
    ],
    [
      "a survey that meets its target",
      {},
      { ...(result.survey as SurveyResult), score: 92.5, target: 90, met: true },
      "群众满意度调查得分92.5分，达到90分目标。",
      "The public satisfaction survey scored 92.5 points, meeting the 90-point target.",
    ],
    [
      "a survey with no valid answer",
      {},
      { ...(result.survey as SurveyResult), score: null, met: null },
      "群众满意度调查暂无有效得分。",
      "The public satisfaction survey has no valid score yet.",
    ],
  ];
  it.each(cases)("%s", (_name, changes, survey, zh, en) => {
    const input = { today: REPORT_TODAY, summary: summaryWith(changes), survey };
    expect(toMeetingText(input, "zh")).toContain(zh);
    expect(toMeetingText(input, "en")).toContain(en);
  });

  it("leaves out the overdue sentence when nothing is overdue", () => {
    const input = { today: REPORT_TODAY, summary: summaryWith({ overdue: 0 }), survey: null };
    expect(toMeetingText(input)).not.toContain("逾期");
    expect(toMeetingText(input, "en")).not.toContain("overdue");
  });
});

describe("the 临期 sentence", () => {
  const entry = (row: number, seq: string | null, unit: string, dueInDays: number): DueSoonEntry => ({
    row,
    seq,
    description: "合同审批流程不全",
    unit,
    owner: "赵六",
    deadline: "2025-04-03",
    dueInDays,
  });
  const withDueSoon = (dueSoon: DueSoonEntry[]) => ({
    today: REPORT_TODAY,
    summary: summaryWith({ dueSoon }),
    survey: null,
  });

  it("names each item by 序号 (else its row) with its unit and the days left, after the lights", () => {
    const input = withDueSoon([entry(9, null, "", 0), entry(7, "5.", "财务部", 2)]);
    const zh = toMeetingText(input);
    expect(zh).toContain(
      "工程部1项）。临期事项2项：第9行（整改时限为今天）、5号（财务部，距整改时限还有2天）。未达标指标",
    );
    expect(toMeetingText(input, "en")).toContain(
      "(工程部 1). 2 items are due soon: row 9 (due today); No. 5 (财务部, 2 days to the deadline). 2 indicators",
    );
    expect(toMeetingText(withDueSoon([entry(7, "5", "财务部", 1)]), "en")).toContain(
      "1 item is due soon: No. 5 (财务部, 1 day to the deadline).",
    );
  });

  it("names the first 10 in the summary's order, then gives the total (等N项)", () => {
    const dueSoon = Array.from({ length: 12 }, (_, i) => entry(3 + i, String(i + 1), "办公室", Math.floor(i / 2)));
    const zh = toMeetingText(withDueSoon(dueSoon));
    const named = dueSoon
      .slice(0, 10)
      .map((e) => `${e.seq}号（办公室，${e.dueInDays === 0 ? "整改时限为今天" : `距整改时限还有${e.dueInDays}天`}）`);
    expect(zh).toContain(`临期事项12项：${named.join("、")}等12项。`);
    expect(zh).not.toContain("11号");
    expect(toMeetingText(withDueSoon(dueSoon), "en")).toMatch(
      /No\. 10 \(办公室, 4 days to the deadline\) and 2 more\./,
    );
  });

  it("says nothing of 临期 when there is none", () => {
    expect(toMeetingText(withDueSoon([]))).not.toContain("临期");
    expect(toMeetingText(withDueSoon([]), "en")).not.toContain("due soon");
  });
});
