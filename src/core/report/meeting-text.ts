/**
 * The meeting text (通报稿): one paragraph in the register of a 通报 or the meeting notes, which staff
 * paste as it is. "截至2025年3月31日，共梳理整改问题34项，已完成12项，完成率35.3%；已销号7项，销号率
 * 20.6%。……" — the counts and rates, the red and yellow lights with the units behind them, the
 * indicators not met and the survey score against its target.
 *
 * Every number is read from the `Summary` the summary sheet and the pane show (and rates go through
 * the core's `percent`, src/core/format.ts), so the paragraph cannot disagree with them. Choices:
 * - the units behind a light are named from the unit breakdown, most lights first; without a 责任单位
 *   column the count stands alone; equal counts keep the breakdown's order; after `MAX_UNITS_NAMED` units the rest are "等N个单位";
 * - an indicator is listed when it is not met; the survey score has its own sentence, so the survey
 *   indicator is not listed twice; indicators without figures are counted as 待填报;
 * - without a survey sheet nothing is said about the survey;
 * - the 临期 items (the summary's list: not finished, a dated deadline at most `dueSoonDays` days
 *   away, soonest first) in one sentence, each by its 序号 (else its row) with its unit and the days
 *   left in the words of the 评估意见 column; after `MAX_DUE_SOON_NAMED` the rest are "等N项" (the
 *   summary sheet and the pane list them all); nothing when there are none;
 * - with a comparison (本期 vs 上期), one sentence on what changed since last period: the non-zero
 *   counts of newly finished, newly closed, turned red, red in consecutive periods and moved
 *   deadlines, and the completion rate's change in percentage points.
 */
import { percent } from "../format";
import { dueSoonWords } from "../vocabulary";
import { itemLabel } from "./item-label";
import type { ReportLanguage } from "./text";
import type { Comparison } from "../history/compare";
import { rateChangePoints } from "../history/sections";
import type { BreakdownRow, DueSoonEntry, IndicatorResult, IsoDate, Summary, SurveyResult } from "../types";

/** Units named behind one light before the rest are summed up as "等N个单位". */
const MAX_UNITS_NAMED = 6;
const SURVEY_INDICATOR = "survey-score";
/** 临期 items named before the rest are summed up as "等N项": a paragraph read out, not a list. */
const MAX_DUE_SOON_NAMED = 10;

export interface MeetingTextInput {
  readonly today: IsoDate;
  readonly summary: Summary;
  readonly survey: SurveyResult | null;
  readonly comparison?: Comparison | null;
}

const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** `2025-03-31` → `2025年3月31日` / `31 March 2025`. */
export function meetingDate(date: IsoDate, lang: ReportLanguage): string {
  const [year = "", month = "1", day = "1"] = date.split("-");
  return lang === "zh"
    ? `${year}年${Number(month)}月${Number(day)}日`
    : `${Number(day)} ${MONTHS_EN[Number(month) - 1] ?? month} ${year}`;
}

/** A figure as a 通报 writes it: `25.0%`, `83.2分`, `5项` (`83.2 points`, `5` in English). */
function figure(value: number, unit: IndicatorResult["unit"], lang: ReportLanguage): string {
  if (unit === "rate") return percent(value);
  if (unit === "points") return lang === "zh" ? `${value}分` : `${value} points`;
  return lang === "zh" ? `${value}项` : String(value);
}

/** `（建设管理科2项、质量安全监督站1项）` for the units with items on that light; "" when none is known. */
function unitsBehind(byUnit: readonly BreakdownRow[], light: "red" | "yellow", lang: ReportLanguage): string {
  const units = byUnit.filter((row) => row[light] > 0).sort((a, b) => b[light] - a[light]);
  if (units.length === 0) return "";
  const named = units.slice(0, MAX_UNITS_NAMED);
  const rest = units.length - named.length;
  if (lang === "zh") {
    const list = named.map((row) => `${row.key}${row[light]}项`).join("、");
    return `（${list}${rest > 0 ? `等${units.length}个单位` : ""}）`;
  }
  const list = named.map((row) => `${row.key} ${row[light]}`).join(", ");
  return ` (${list}${rest > 0 ? ` and ${rest} more ${rest === 1 ? "unit" : "units"}` : ""})`;
}

function lightsSentence(summary: Summary, lang: ReportLanguage): string {
  const red = summary.byLight.red;
  const yellow = summary.byLight.yellow;
  if (lang === "zh") {
    if (red === 0 && yellow === 0) return "无亮红灯、黄灯事项。";
    const parts = [
      red > 0 ? `亮红灯${red}项${unitsBehind(summary.byUnit, "red", lang)}` : "无红灯事项",
      yellow > 0 ? `黄灯${yellow}项${unitsBehind(summary.byUnit, "yellow", lang)}` : "无黄灯事项",
    ];
    return `${parts.join("，")}。`;
  }
  if (red === 0 && yellow === 0) return "No item is on red or yellow.";
  const on = (count: number, light: "red" | "yellow"): string =>
    `${count} ${count === 1 ? "item is" : "items are"} on ${light}${unitsBehind(summary.byUnit, light, lang)}`;
  const parts = [red > 0 ? on(red, "red") : "none is on red", yellow > 0 ? on(yellow, "yellow") : "none on yellow"];
  return `${capitalize(parts.join("; "))}.`;
}

/**
 * `临期事项2项：5号（办公室，距整改时限还有2天）、第9行（整改时限为今天）。`; "" when none. Past
 * `MAX_DUE_SOON_NAMED` the list ends `等12项` (the usual 通报 way of giving the total after examples).
 */
function dueSoonSentence(dueSoon: readonly DueSoonEntry[], lang: ReportLanguage): string {
  if (dueSoon.length === 0) return "";
  const zh = lang === "zh";
  const named = dueSoon.slice(0, MAX_DUE_SOON_NAMED).map((entry) => {
    const inside = [entry.unit || null, dueSoonWords(entry.dueInDays)[lang]].filter(Boolean).join(zh ? "，" : ", ");
    return zh ? `${itemLabel(entry, lang)}（${inside}）` : `${itemLabel(entry, lang)} (${inside})`;
  });
  const rest = dueSoon.length - named.length;
  if (zh) return `临期事项${dueSoon.length}项：${named.join("、")}${rest > 0 ? `等${dueSoon.length}项` : ""}。`;
  const items = dueSoon.length === 1 ? "1 item is" : `${dueSoon.length} items are`;
  return `${items} due soon: ${named.join("; ")}${rest > 0 ? ` and ${rest} more` : ""}.`;
}

function indicatorsSentence(indicators: readonly IndicatorResult[], lang: ReportLanguage): string {
  const listed = indicators.filter((indicator) => indicator.id !== SURVEY_INDICATOR);
  const notMet = listed.filter((indicator) => indicator.met === false);
  const pending = listed.filter((indicator) => indicator.actual === null).length;
  const sentences: string[] = [];
  if (notMet.length > 0) {
    const target = (i: IndicatorResult): string =>
      `${i.comparator === ">=" ? "≥" : "≤"}${figure(i.target, i.unit, lang)}`;
    sentences.push(
      lang === "zh"
        ? `未达标指标${notMet.length}项：${notMet
            .map((i) => `${i.name.zh}${figure(i.actual ?? 0, i.unit, lang)}（目标${target(i)}）`)
            .join("、")}。`
        : `${notMet.length} ${notMet.length === 1 ? "indicator is" : "indicators are"} not met: ${notMet
            .map((i) => `${i.name.en} ${figure(i.actual ?? 0, i.unit, lang)} (target ${target(i)})`)
            .join("; ")}.`,
    );
  } else if (listed.length > pending) {
    sentences.push(lang === "zh" ? "已有数据的量化指标均已达标。" : "Every indicator with figures is met.");
  }
  if (pending > 0) {
    sentences.push(
      lang === "zh"
        ? `另有${pending}项指标待填报。`
        : `${pending} ${pending === 1 ? "indicator awaits" : "indicators await"} figures.`,
    );
  }
  return sentences.join(lang === "zh" ? "" : " ");
}

function surveySentence(survey: SurveyResult, lang: ReportLanguage): string {
  if (survey.score === null) {
    return lang === "zh" ? "群众满意度调查暂无有效得分。" : "The public satisfaction survey has no valid score yet.";
  }
  if (lang === "zh") {
    return `群众满意度调查得分${figure(survey.score, "points", lang)}，${survey.met ? "达到" : "未达到"}${figure(survey.target, "points", lang)}目标。`;
  }
  return `The public satisfaction survey scored ${figure(survey.score, "points", lang)}, ${survey.met ? "meeting" : "short of"} the ${survey.target}-point target.`;
}

function comparisonSentence(comparison: Comparison, lang: ReportLanguage): string {
  const zh = lang === "zh";
  const counts: [number, string, string][] = [
    [comparison.newlyDone.length, "新完成", "newly finished"],
    [comparison.newlyClosed.length, "新销号", "newly closed out"],
    [comparison.turnedRed.length, "新亮红灯", "turned red"],
    [comparison.consecutiveRed.length, "连续多期亮红灯", "red in consecutive periods"],
    [comparison.deadlineMoved.length, "整改时限推迟", "with a deadline moved later"],
  ];
  const named = counts.filter(([n]) => n > 0).map(([n, z, e]) => (zh ? `${z}${n}项` : `${n} ${e}`));
  const points = rateChangePoints(comparison.rates.completionRate);
  const rate =
    points === null
      ? null
      : zh
        ? points === 0
          ? "完成率与上期持平"
          : `完成率较上期${points > 0 ? "提高" : "下降"}${Math.abs(points).toFixed(1)}个百分点`
        : points === 0
          ? "the completion rate is unchanged"
          : `the completion rate is ${points > 0 ? "up" : "down"} ${Math.abs(points).toFixed(1)} points`;
  const since = meetingDate(comparison.since, lang);
  if (zh) {
    const body = [named.length > 0 ? named.join("、") : "各事项状态无变化", rate].filter(Boolean).join("，");
    return `与上期（${since}）相比，${body}。`;
  }
  const body = [named.length > 0 ? named.join(", ") : "no item changed", rate].filter(Boolean).join("; ");
  return `Since the last period (${since}): ${body}.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The paragraph, one line, no trailing newline. */
export function toMeetingText(input: MeetingTextInput, lang: ReportLanguage = "zh"): string {
  return meetingSentences(input, lang).join(lang === "zh" ? "" : " ");
}

/** The paragraph's sentences (or sentence groups), in order; the summary sheet puts one on a line. */
export function meetingSentences(
  { today, summary, survey, comparison = null }: MeetingTextInput,
  lang: ReportLanguage = "zh",
): string[] {
  const finished = summary.byStatus.done + summary.byStatus.closed;
  const closed = summary.byStatus.closed;
  const sentences: string[] = [];
  if (lang === "zh") {
    sentences.push(
      `截至${meetingDate(today, lang)}，共梳理整改问题${summary.items}项，已完成${finished}项，完成率${percent(summary.completionRate)}；已销号${closed}项，销号率${percent(summary.closeRate)}。`,
    );
    if (summary.overdue > 0) sentences.push(`逾期未完成${summary.overdue}项。`);
  } else {
    sentences.push(
      `As of ${meetingDate(today, lang)}, ${summary.items} rectification items were reviewed: ${finished} finished (completion rate ${percent(summary.completionRate)}) and ${closed} closed out (close-out rate ${percent(summary.closeRate)}).`,
    );
    if (summary.overdue > 0) {
      sentences.push(`${summary.overdue} ${summary.overdue === 1 ? "is" : "are"} overdue and not finished.`);
    }
  }
  sentences.push(lightsSentence(summary, lang));
  const dueSoon = dueSoonSentence(summary.dueSoon, lang);
  if (dueSoon) sentences.push(dueSoon);
  if (comparison) sentences.push(comparisonSentence(comparison, lang));
  const indicators = indicatorsSentence(summary.indicators, lang);
  if (indicators) sentences.push(indicators);
  if (survey) sentences.push(surveySentence(survey, lang));
  return sentences;
}
