/**
 * 六、量化指标 and 七、指标输入: each indicator against its target, its actual value a live formula
 * over the inputs table below it (or over the overview's close rate, or the survey's score).
 */
import type { Settings } from "../../settings";
import type { IndicatorResult } from "../../types";
import { NUMBER_FORMATS as FORMATS, type PlanCell } from "../sheet-plan";
import { basis, formula, input, lastColumnToGridRight, num, text, type PlanContext, type TableShape } from "./cells";
import { surveyScoreAddress } from "./survey";

/** One row of 七、指标输入: a number the user may change, and why it is there. */
interface IndicatorInput {
  readonly label: string;
  readonly value: PlanCell | null;
  readonly why: string;
}

/** The custom indicator `custom-N` is the Nth of the settings' `customIndicators`. */
function customOf(indicator: IndicatorResult, settings: Settings) {
  return settings.customIndicators[Number(/^custom-(\d+)$/.exec(indicator.id)?.[1] ?? 0) - 1];
}

/** The inputs an indicator's formula reads, in the order `actualCell` refers to them. */
function inputsOf(indicator: IndicatorResult, settings: Settings): IndicatorInput[] {
  const given = settings.indicatorInputs;
  switch (indicator.id) {
    case "institution-revisions":
      return [
        {
          label: "制度修订数量（手工填写）",
          value: input(given.institutionRevisions),
          why: "填写后采用此数；留空则采用下一行台账统计数",
        },
        {
          label: "台账中统计的制度修订数",
          value: num(indicator.evidence.length),
          why: indicator.evidence.join("；") || "台账中未找到《》标题",
        },
      ];
    case "rotation-rate":
      return [
        { label: "应轮岗关键岗位数", value: input(given.rotationDue), why: "填写的数据" },
        { label: "已轮岗岗位数", value: input(given.rotationDone), why: "填写的数据" },
      ];
    case "audit-drop":
      return [
        { label: "上年度审计发现问题数", value: input(given.auditLastYear), why: "填写的数据" },
        { label: "本年度审计发现问题数", value: input(given.auditThisYear), why: "填写的数据" },
      ];
    case "close-rate":
    case "survey-score":
      return [];
    default: {
      const custom = customOf(indicator, settings);
      if (!custom) return [];
      return [
        { label: `${custom.name}：实际值`, value: input(custom.actual), why: "填写后优先采用" },
        { label: `${custom.name}：分子`, value: input(custom.numerator), why: "未填实际值时，实际值 = 分子 ÷ 分母" },
        { label: `${custom.name}：分母`, value: input(custom.denominator), why: "填写的数据" },
      ];
    }
  }
}

/** Where the formulas of the actual values point: the inputs (by `inputsOf`'s order) and two other cells. */
interface ActualSources {
  readonly inputs: readonly string[];
  readonly closeRate: string;
  /** 综合得分 in the survey section, null without a survey. */
  readonly surveyScore: string | null;
}

/** The 实际 cell of one indicator. */
function actualCell(indicator: IndicatorResult, sources: ActualSources, format: string | null): PlanCell {
  const value = indicator.actual ?? "";
  const [a = "", b = "", c = ""] = sources.inputs;
  switch (indicator.id) {
    case "institution-revisions":
      return formula(`IF(ISNUMBER(${a}),${a},${b})`, value, FORMATS.integer);
    case "rotation-rate":
      return formula(`IF(AND(ISNUMBER(${a}),ISNUMBER(${b}),${a}>0),${b}/${a},"")`, value, format);
    case "close-rate":
      return formula(sources.closeRate, value, format);
    case "survey-score": {
      const score = sources.surveyScore;
      return score === null ? text("") : formula(`IF(ISNUMBER(${score}),${score},"")`, value, FORMATS.score);
    }
    case "audit-drop":
      return formula(`IF(AND(ISNUMBER(${a}),ISNUMBER(${b}),${a}>0),(${a}-${b})/${a},"")`, value, format);
    default:
      if (sources.inputs.length === 0) return indicator.actual === null ? text("") : num(indicator.actual, format);
      // A custom indicator: the given actual value, else numerator ÷ denominator.
      return formula(
        `IF(ISNUMBER(${a}),${a},IF(AND(ISNUMBER(${b}),ISNUMBER(${c}),${c}<>0),${b}/${c},""))`,
        value,
        format,
      );
  }
}

const INDICATORS_NOTES = ["依据：实际值由下方“指标输入”中的数据或本表其他单元格的公式算出；修改输入后实际值自动重算。"];

/**
 * Places 六、量化指标 and 七、指标输入. Every address a formula needs is known before a row is
 * built: the inputs table follows the indicators, and the survey's score (in the section after
 * both) is found from the two tables' shapes.
 */
export function planIndicators({ result, opts, sheet }: PlanContext, closeRateAddress: string): void {
  const indicators = result.summary.indicators;
  const inputsByIndicator = indicators.map((indicator) => inputsOf(indicator, opts.settings));
  const inputs = inputsByIndicator.flat();
  const indicatorsShape: TableShape = { title: "六、量化指标", rows: indicators, notes: INDICATORS_NOTES };
  const inputsShape: TableShape = { title: "七、指标输入（可直接修改）", rows: inputs };
  const indicatorsFirst = sheet.nextFirstRow(true);
  const inputsFirst = sheet.firstRowAfter([indicatorsShape], true);
  const surveyScore = surveyScoreAddress(sheet, [indicatorsShape, inputsShape], result.survey, opts);

  let inputOffset = 0;
  const indicatorRows = indicators.map((indicator, index) => {
    const row = indicatorsFirst + index;
    const own = inputsByIndicator[index] ?? [];
    const addresses = own.map((_, i) => `B${inputsFirst + inputOffset + i}`);
    inputOffset += own.length;
    const format = indicator.unit === "rate" ? FORMATS.percent : indicator.unit === "points" ? FORMATS.score : null;
    const actual = actualCell(indicator, { inputs: addresses, closeRate: closeRateAddress, surveyScore }, format);
    const actualRef = `C${row}`;
    return [
      text(indicator.name.zh),
      num(indicator.target, format),
      actual,
      formula(
        `IF(ISNUMBER(${actualRef}),IF(${actualRef}${indicator.comparator}B${row},"达标","未达标"),"")`,
        indicator.met === null ? "" : indicator.met ? "达标" : "未达标",
      ),
      basis(indicator.basis.zh),
    ];
  });
  sheet.place({
    id: "indicators",
    title: indicatorsShape.title,
    header: ["指标", "目标", "实际", "是否达标", "依据"],
    rows: indicatorRows,
    notes: INDICATORS_NOTES,
    spans: lastColumnToGridRight(5),
  });
  sheet.place({
    id: "indicator-inputs",
    title: inputsShape.title,
    header: ["输入项", "数值", "说明"],
    rows: inputs.map(({ label, value, why }) => [text(label), value, basis(why)]),
    spans: lastColumnToGridRight(3),
  });
}
