/**
 * 八、满意度调查 as live formulas over the survey sheet. The numeric scales' bounds and points come
 * from `NUMERIC_SCALES` (src/core/survey.ts), so the formulas and the engine cannot drift apart.
 */
import { columnNumber } from "../../grid";
import { isNumericScale, NUMERIC_SCALES, numericScalePoints, surveyScaleLevels } from "../../survey";
import type { SurveyResult } from "../../types";
import { NUMBER_FORMATS as FORMATS, type PlanCell } from "../sheet-plan";
import {
  basis,
  columnRange,
  formula,
  formulaString,
  num,
  quoteSheet,
  text,
  type SummarySheetOptions,
  type TableShape,
  type TableStack,
  lastColumnToGridRight,
} from "./cells";

const SURVEY_TITLE = "八、满意度调查";
/** 综合得分 is the fourth row of the overall table (after 答卷数, 有效答卷, 无效答卷). */
const SCORE_ROW_IN_OVERALL = 3;

/** The notes under the question table: the sheet, rows and scale, then why some counts are values. */
function questionNotes(survey: SurveyResult, opts: SummarySheetOptions): string[] {
  const surveySheet = opts.surveySheet ?? survey.sheet;
  const levels = surveyScaleLevels(survey.scale, opts.settings);
  return [
    `依据：工作表“${surveySheet}”第${survey.firstRow}–${survey.lastRow}行，量表${levels ? "：" + levels.map((l) => `${l.answer}${l.points}分`).join("、") : "为数字打分"}；空白和“不了解”不计入。`,
    ...valuesNote(survey.questions),
  ];
}

/**
 * The address 综合得分 will have when the survey section is placed after tables of the shapes
 * `before` (not yet placed): the indicators refer to it, and come first. Null without a survey.
 */
export function surveyScoreAddress(
  sheet: TableStack,
  before: readonly TableShape[],
  survey: SurveyResult | null,
  opts: SummarySheetOptions,
): string | null {
  if (survey === null) return null;
  const questions: TableShape = { title: SURVEY_TITLE, rows: survey.questions, notes: questionNotes(survey, opts) };
  return `B${sheet.firstRowAfter([...before, questions], false) + SCORE_ROW_IN_OVERALL}`;
}

/**
 * 八、满意度调查: one row per question with live formulas over the survey sheet (valid answers,
 * satisfied answers, mean points), then the overall score and satisfied rate as formulas over
 * those rows. The formulas follow `surveyScaleLevels` (src/core/survey.ts): COUNTIF per answer word
 * × its points for word scales, AVERAGEIFS with the linear transform for numeric ones.
 */
export function planSurvey(sheet: TableStack, survey: SurveyResult | null, opts: SummarySheetOptions): void {
  if (survey === null) {
    sheet.place({
      id: "survey",
      title: SURVEY_TITLE,
      header: [],
      rows: [],
      notes: ["未找到满意度调查表（工作表名称含“满意度”“问卷”“测评”或“调查”），本节从略。"],
    });
    return;
  }
  const surveySheet = opts.surveySheet ?? survey.sheet;
  const levels = surveyScaleLevels(survey.scale, opts.settings);
  const first = sheet.nextFirstRow(true);
  const rows = survey.questions.map((q, i) => {
    const row = first + i;
    const col = columnNumber(q.column) ?? 1;
    const range = columnRange(surveySheet, col, survey.firstRow, Math.max(survey.lastRow, survey.firstRow));
    const countOf = (answer: string) => `COUNTIF(${range},${formulaString(answer)})`;
    let valid: string;
    let satisfied: string;
    let mean: string;
    if (levels) {
      valid = levels.map((l) => countOf(l.answer)).join("+");
      satisfied =
        levels
          .filter((l) => l.points >= 60)
          .map((l) => countOf(l.answer))
          .join("+") || "0";
      mean = `IF(D${row}>0,(${levels.map((l) => `${countOf(l.answer)}*${l.points}`).join("+")})/D${row},"")`;
    } else {
      const scale = isNumericScale(survey.scale) ? survey.scale : "numeric-100";
      const { low, high, satisfiedFrom } = NUMERIC_SCALES[scale];
      // Linear points, so the points of the mean are the mean of the points (SPEC §7).
      const transform = (avg: string) => (low === 0 && high === 100 ? avg : `(${avg}-${low})/${high - low}*100`);
      valid = `COUNTIFS(${range},">=${low}",${range},"<=${high}")`;
      satisfied = `COUNTIFS(${range},">=${satisfiedFrom}",${range},"<=${high}")`;
      mean = `IF(D${row}>0,${transform(`AVERAGEIFS(${range},${range},">=${low}",${range},"<=${high}")`)},"")`;
    }
    const satisfiedCount = Object.entries(q.distribution).reduce(
      (sum, [answer, count]) => sum + (pointsOfAnswer(answer, survey, levels) >= 60 ? count : 0),
      0,
    );
    // A live formula only where it counts what the engine counted (see `countedDifferently`).
    const live = (expr: string, value: number | null, format: string): PlanCell =>
      q.countedDifferently > 0 ? (value === null ? text("") : num(value, format)) : formula(expr, value ?? "", format);
    return [
      text(q.title),
      text(q.column),
      num(q.weight, null),
      live(valid, q.valid, FORMATS.integer),
      live(satisfied, satisfiedCount, FORMATS.integer),
      live(mean, q.score, FORMATS.score),
      basis(`${quoteSheet(surveySheet)}!${q.column}${survey.firstRow}:${q.column}${survey.lastRow}`),
    ];
  });
  const last = first + Math.max(rows.length, 1) - 1;
  const weights = `C${first}:C${last}`;
  const validRange = `D${first}:D${last}`;
  const satisfiedRange = `E${first}:E${last}`;
  const scores = `F${first}:F${last}`;
  sheet.place({
    id: "survey",
    title: SURVEY_TITLE,
    header: ["题目", "列", "权重", "有效答案", "满意答案（≥60分）", "得分", "依据"],
    rows,
    notes: questionNotes(survey, opts),
    spans: lastColumnToGridRight(7),
  });
  const overallFirst = sheet.nextFirstRow(false);
  const scoreAddress = `B${overallFirst + SCORE_ROW_IN_OVERALL}`;
  const targetAddress = `B${overallFirst + 5}`;
  sheet.place({
    id: "survey-overall",
    title: null,
    header: ["满意度汇总", "数值", "依据"],
    spans: lastColumnToGridRight(3),
    rows: [
      [text("答卷数"), num(survey.respondents), basis("填写了序号以外内容的答卷（仅有序号的空行不计）")],
      [text("有效答卷"), num(survey.valid), basis("至少一题可计分的答卷")],
      [text("无效答卷"), num(survey.invalid), basis("没有任何可计分答案的答卷")],
      [
        text("综合得分"),
        formula(
          `IFERROR(ROUND(SUMPRODUCT(${weights},${scores})/SUMIFS(${weights},${validRange},">0"),1),"")`,
          survey.score ?? "",
          FORMATS.score,
        ),
        basis("各题得分按权重加权平均（只计有有效答案的题目），保留一位小数"),
      ],
      [
        text("满意率"),
        formula(
          `IF(SUM(${validRange})>0,SUM(${satisfiedRange})/SUM(${validRange}),"")`,
          survey.satisfiedRate ?? "",
          FORMATS.percent,
        ),
        basis("≥60分的答案 ÷ 全部有效答案"),
      ],
      [text("目标"), num(survey.target, FORMATS.score), basis("群众满意度调查得分目标")],
      [
        text("是否达标"),
        formula(
          `IF(ISNUMBER(${scoreAddress}),IF(${scoreAddress}>=${targetAddress},"达标","未达标"),"")`,
          survey.met === null ? "" : survey.met ? "达标" : "未达标",
        ),
        basis("综合得分 ≥ 目标"),
      ],
    ],
  });
}
/**
 * Why some questions' counts are values, not formulas: answers typed loosely (`满意 `, full-width,
 * numbers as text) that the engine reads and COUNTIF would miss, or answers on a total row among the
 * respondents that COUNTIF would count (`countedDifferently`).
 */
function valuesNote(questions: readonly SurveyResult["questions"][number][]): string[] {
  const asValues = questions.filter((q) => q.countedDifferently > 0);
  if (asValues.length === 0) return [];
  const total = asValues.reduce((sum, q) => sum + q.countedDifferently, 0);
  return [
    `${asValues.map((q) => `${q.column}列`).join("、")}有${total}个答案带空格、全角字符、为文本形式的数字或位于合计行，公式无法逐一对应统计，这些题目的数值为评估时的计数（不随调查表自动更新）；统一答案写法、移出合计行后重新评估即可恢复公式。`,
  ];
}

/** Points of one distribution key (an answer word, or a number as text on numeric scales). */
function pointsOfAnswer(
  answer: string,
  survey: SurveyResult,
  levels: readonly { answer: string; points: number }[] | null,
): number {
  if (levels) return levels.find((l) => l.answer === answer)?.points ?? 0;
  const x = Number(answer);
  return isNumericScale(survey.scale) ? (numericScalePoints(survey.scale, x) ?? 0) : x;
}
