/**
 * The seed's quantitative indicators (SPEC §6; seed 三(三) 量化指标，便于考核):
 *
 *   制度修订数量 ≥ 5项；关键岗位人员轮岗率 ≥ 80%；整改问题销号率 ≥ 95%；
 *   群众满意度调查得分 ≥ 90分；年度审计发现问题同比下降 ≥ 30%。
 *
 * then the user's own indicators. Every result carries its `basis`: how the actual was reached, with
 * the numbers, in both languages (过程留痕可溯), so the summary can be checked against the rows and
 * inputs it came from. Targets come from `settings.targets`, inputs from `settings.indicatorInputs`
 * (they live in the workbook, so the summary is reproducible from the file alone).
 *
 * `met` compares the unrounded actual with the target (19/20 = 0.95 meets ≥ 95%; 0.9499 does not,
 * even though both show as 95.0%). Rates are fractions; formatting happens at the edges.
 */
import type { CustomIndicator, Settings } from "./settings";
import { percentInProse, roundTo } from "./format";
import { toHalfWidth } from "./text";
import type { EvaluatedItem, IndicatorResult, Message, SurveyResult } from "./types";

export interface IndicatorInput {
  readonly items: readonly EvaluatedItem[];
  /** `Summary.closeRate` (closed / items), null without items. */
  readonly closeRate: number | null;
  readonly survey: SurveyResult | null;
  readonly settings: Settings;
}

/** A 《…》 title found in the ledger, with the rows that name it (first spelling kept for display). */
export interface InstitutionTitle {
  readonly title: string;
  readonly rows: readonly number[];
}

const isFinished = (item: EvaluatedItem): boolean => item.status === "done" || item.status === "closed";

const TITLE_PATTERN = /《([^《》]*)》/g;

/** Dedupe key of a title: full-width ASCII made half-width, all whitespace removed. */
const titleKey = (title: string): string => toHalfWidth(title).replace(/\s+/g, "");

/**
 * SPEC §6 制度修订数量: the distinct 《…》 titles in the `measures` and `progress` cells of finished
 * (done or closed) items, in order of first appearance. `《 招投标实施细则 》` and `《招投标实施细则》`
 * are one title.
 */
export function findInstitutionTitles(items: readonly EvaluatedItem[]): InstitutionTitle[] {
  const byKey = new Map<string, { title: string; rows: number[]; rowSet: Set<number> }>();
  for (const item of items) {
    if (!isFinished(item)) continue;
    for (const field of ["measures", "progress"] as const) {
      const text = item.cells[field]?.text ?? "";
      // Most cells name no document; skip them before building a regex iterator.
      if (!text.includes("《")) continue;
      for (const match of text.matchAll(TITLE_PATTERN)) {
        const title = (match[1] ?? "").trim();
        const key = titleKey(title);
        if (key === "") continue;
        const entry = byKey.get(key);
        if (!entry) byKey.set(key, { title, rows: [item.row], rowSet: new Set([item.row]) });
        // A set, not `rows.includes`: a title may be repeated on every one of 20,000 rows.
        else if (!entry.rowSet.has(item.row)) {
          entry.rows.push(item.row);
          entry.rowSet.add(item.row);
        }
      }
    }
  }
  return [...byKey.values()].map(({ title, rows }) => ({ title, rows }));
}

function metOf(actual: number | null, comparator: ">=" | "<=", target: number): boolean | null {
  if (actual === null) return null;
  return comparator === ">=" ? actual >= target : actual <= target;
}

function institutionRevisions(items: readonly EvaluatedItem[], settings: Settings): IndicatorResult {
  const titles = findInstitutionTitles(items);
  const finishedCount = items.filter(isFinished).length;
  const userCount = settings.indicatorInputs.institutionRevisions;
  const found: Message = {
    zh: `已完成或已销号的 ${finishedCount} 项事项的整改措施和整改进展中，共有 ${titles.length} 个不同的《》标题`,
    en: `${titles.length} distinct 《…》 titles in the measures and progress of the ${finishedCount} done or closed items`,
  };
  const basis: Message =
    userCount === null
      ? { zh: `${found.zh}（见佐证）。`, en: `${found.en} (listed as evidence).` }
      : {
          zh: `采用填写的数量 ${userCount} 项；台账中${found.zh}（见佐证，供核对）。`,
          en: `The count entered, ${userCount}, is used; the ledger has ${found.en} (listed as evidence, for checking).`,
        };
  const actual = userCount ?? titles.length;
  const target = settings.targets.institutionRevisions;
  return {
    id: "institution-revisions",
    name: { zh: "制度修订数量", en: "Institutional documents revised" },
    comparator: ">=",
    target,
    unit: "count",
    actual,
    met: metOf(actual, ">=", target),
    basis,
    evidence: titles.map(({ title, rows }) => `《${title}》（第 ${rows.join("、")} 行）`),
  };
}

/** An indicator whose actual is a rate worked out from two figures the user entered. */
interface EnteredRate {
  readonly id: string;
  readonly name: Message;
  readonly target: number;
  /** The two figures as entered (null = not entered); the rate needs both. */
  readonly figures: readonly [number | null, number | null];
  readonly notEntered: Message;
  /** Said when the denominator is 0 and there is no rate. */
  readonly noRate: Message;
  readonly numerator: (a: number, b: number) => number;
  readonly denominator: (a: number, b: number) => number;
  /** How the rate was reached, with the figures (过程留痕可溯). */
  readonly explain: (a: number, b: number, rate: string) => Message;
}

function enteredRate(spec: EnteredRate): IndicatorResult {
  const [a, b] = spec.figures;
  let actual: number | null = null;
  let basis = spec.notEntered;
  if (a !== null && b !== null) {
    const denominator = spec.denominator(a, b);
    if (denominator === 0) basis = spec.noRate;
    else {
      actual = spec.numerator(a, b) / denominator;
      basis = spec.explain(a, b, percentInProse(actual));
    }
  }
  return {
    id: spec.id,
    name: spec.name,
    comparator: ">=",
    target: spec.target,
    unit: "rate",
    actual,
    met: metOf(actual, ">=", spec.target),
    basis,
    evidence: [],
  };
}

function rotationRate(settings: Settings): IndicatorResult {
  const { rotationDone, rotationDue } = settings.indicatorInputs;
  return enteredRate({
    id: "rotation-rate",
    name: { zh: "关键岗位人员轮岗率", en: "Key-post rotation rate" },
    target: settings.targets.rotationRate,
    figures: [rotationDone, rotationDue],
    notEntered: {
      zh: "未填写应轮岗的关键岗位数和已轮岗的岗位数。",
      en: "The number of key posts due for rotation and the number rotated are not entered.",
    },
    noRate: {
      zh: "应轮岗的关键岗位数为 0，无法计算轮岗率。",
      en: "No key posts are due for rotation, so there is no rate.",
    },
    numerator: (done) => done,
    denominator: (_done, due) => due,
    explain: (done, due, rate) => ({
      zh: `已轮岗 ${done} 个 ÷ 应轮岗 ${due} 个 = ${rate}（填写的数据）。`,
      en: `${done} posts rotated ÷ ${due} due = ${rate} (figures entered).`,
    }),
  });
}

function closeRateIndicator(
  items: readonly EvaluatedItem[],
  closeRate: number | null,
  settings: Settings,
): IndicatorResult {
  const closed = items.filter((item) => item.status === "closed").length;
  const target = settings.targets.closeRate;
  const basis: Message =
    closeRate === null
      ? { zh: "台账中没有整改事项。", en: "The ledger has no items." }
      : {
          zh: `已销号 ${closed} 项 ÷ 整改事项 ${items.length} 项 = ${percentInProse(closeRate)}。`,
          en: `${closed} closed items ÷ ${items.length} items = ${percentInProse(closeRate)}.`,
        };
  return {
    id: "close-rate",
    name: { zh: "整改问题销号率", en: "Close-out rate" },
    comparator: ">=",
    target,
    unit: "rate",
    actual: closeRate,
    met: metOf(closeRate, ">=", target),
    basis,
    evidence: [],
  };
}

function surveyScore(survey: SurveyResult | null, settings: Settings): IndicatorResult {
  const target = settings.targets.surveyScore;
  const actual = survey?.score ?? null;
  let basis: Message;
  if (survey === null) {
    basis = { zh: "没有找到满意度调查表。", en: "No satisfaction survey sheet was found." };
  } else {
    const answered = survey.questions.filter((q) => q.valid > 0).length;
    const counts = {
      zh: `工作表“${survey.sheet}”：答卷 ${survey.respondents} 份，有效 ${survey.valid} 份，无效 ${survey.invalid} 份`,
      en: `Sheet "${survey.sheet}": ${survey.respondents} respondents, ${survey.valid} valid, ${survey.invalid} invalid`,
    };
    basis =
      actual === null
        ? { zh: `${counts.zh}；没有可计分的答案。`, en: `${counts.en}; no answer could be scored.` }
        : {
            zh: `${counts.zh}；${answered} 道题按权重平均得 ${actual} 分。`,
            en: `${counts.en}; the weighted mean over ${answered} questions is ${actual} points.`,
          };
  }
  return {
    id: "survey-score",
    name: { zh: "群众满意度调查得分", en: "Public satisfaction survey score" },
    comparator: ">=",
    target,
    unit: "points",
    actual,
    met: metOf(actual, ">=", target),
    basis,
    evidence: [],
  };
}

function auditDrop(settings: Settings): IndicatorResult {
  const { auditLastYear, auditThisYear } = settings.indicatorInputs;
  return enteredRate({
    id: "audit-drop",
    name: { zh: "年度审计发现问题同比下降", en: "Year-on-year drop in audit findings" },
    target: settings.targets.auditDrop,
    figures: [auditLastYear, auditThisYear],
    notEntered: {
      zh: "未填写上年度和本年度审计发现问题数。",
      en: "Last year's and this year's audit finding counts are not entered.",
    },
    noRate: {
      zh: "上年度审计发现问题数为 0，无法计算同比下降率。",
      en: "Last year's audit found no problems, so there is no year-on-year drop.",
    },
    numerator: (lastYear, thisYear) => lastYear - thisYear,
    denominator: (lastYear) => lastYear,
    explain: (lastYear, thisYear, rate) => ({
      zh: `（上年度 ${lastYear} 个 − 本年度 ${thisYear} 个）÷ 上年度 ${lastYear} 个 = ${rate}（填写的数据）。`,
      en: `(last year ${lastYear} − this year ${thisYear}) ÷ last year ${lastYear} = ${rate} (figures entered).`,
    }),
  });
}

function valueText(value: number, unit: CustomIndicator["unit"]): string {
  return unit === "rate" ? percentInProse(value) : String(roundTo(value, 3));
}

/**
 * A user's own indicator (SPEC §6: name, target, ≥ or ≤, actual or inputs). The actual entered wins;
 * else numerator ÷ denominator when both are entered and the denominator is not 0.
 * Ids are `custom-1`, `custom-2`, … in the order of `settings.customIndicators`.
 */
function customIndicator(indicator: CustomIndicator, index: number): IndicatorResult {
  const { actual: entered, numerator, denominator, unit } = indicator;
  let actual: number | null = null;
  let basis: Message;
  if (entered !== null) {
    actual = entered;
    basis = {
      zh: `填写的实际值 ${valueText(entered, unit)}。`,
      en: `The actual value entered, ${valueText(entered, unit)}.`,
    };
  } else if (numerator !== null && denominator !== null && denominator !== 0) {
    actual = numerator / denominator;
    basis = {
      zh: `填写的分子 ${numerator} ÷ 分母 ${denominator} = ${valueText(actual, unit)}。`,
      en: `Numerator ${numerator} ÷ denominator ${denominator} entered = ${valueText(actual, unit)}.`,
    };
  } else if (numerator !== null && denominator === 0) {
    basis = { zh: "填写的分母为 0，无法计算。", en: "The denominator entered is 0, so there is no value." };
  } else {
    basis = {
      zh: "未填写实际值或分子、分母。",
      en: "Neither an actual value nor a numerator and denominator is entered.",
    };
  }
  return {
    id: `custom-${index + 1}`,
    name: { zh: indicator.name, en: indicator.name },
    comparator: indicator.comparator,
    target: indicator.target,
    unit,
    actual,
    met: metOf(actual, indicator.comparator, indicator.target),
    basis,
    evidence: [],
  };
}

/** The five indicators of SPEC §6, in the seed's order, then the user's own. */
export function computeIndicators({ items, closeRate, survey, settings }: IndicatorInput): IndicatorResult[] {
  return [
    institutionRevisions(items, settings),
    rotationRate(settings),
    closeRateIndicator(items, closeRate, settings),
    surveyScore(survey, settings),
    auditDrop(settings),
    ...settings.customIndicators.map(customIndicator),
  ];
}
