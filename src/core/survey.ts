/**
 * The satisfaction survey (群众满意度调查, SPEC §7): one row per respondent under a header of
 * questions, scored on one scale for the whole sheet. The seed's target: 群众满意度调查得分 ≥ 90分.
 *
 * How a sheet is read (choices where the SPEC is silent are marked "Choice"):
 *
 * 1. **Header row.** Choice: the first of the sheet's first 10 rows that has a title cell (text that
 *    is not itself an answer) above a scale answer in the next non-blank row (a `权重` row in
 *    between is skipped). A title row spread over a merged row is followed by the header, not by
 *    answers, so it is passed over; so is the parent row of a two-row header. A question title under
 *    a vertical merge is read from the merge's top-left cell.
 * 2. **Weights.** The first non-blank row under the header is the weights row when its first
 *    non-empty cell says `权重` (`权重（%）`, `权重系数` too). Choice: a question whose weight cell is
 *    blank, negative or not a number gets the mean of the weights given; with no weight given at
 *    all every question weighs 1.
 * 3. **Body rows.** Everything below, except blank rows and total rows (first non-empty cell
 *    `合计`, `小计`, `总计`, `平均`, `平均分`, `均值`); a note (`注：`, `说明：`, `填表说明`, `备注：`)
 *    ends the table. SPEC §7: a respondent is a body row with anything other than its 序号 filled
 *    in (a name, a unit, a date or an answer); a row holding only a 序号 is an unused pre-numbered
 *    line. The 序号 is the column headed 序号/编号/No (`matchField`); Choice: on a sheet without
 *    such a column, a row's only value being a bare number (`12`, `12.`) outside the question
 *    columns is its 序号.
 * 4. **Question columns and the scale**, detected once for the sheet. When some column has at
 *    least half of its non-empty answers among the answer words (the keys of `settings.surveyPoints`)
 *    or the "don't know" words, the sheet uses a word scale, chosen by SPEC §7's table in order:
 *    `非常满意`/`很满意` → five-a; `比较满意`/`一般`/`较不满意` → five-b; only `满意`/`基本满意`/
 *    `不满意` → three; Choice: any other mix of words (`不太满意`, `非常不满意` with no trigger) →
 *    five-a, whose table holds them. Otherwise the question columns are those with at least half
 *    numbers in 0–100 (Choice: a number may be typed as text, `85` or `85分`), and the largest
 *    number picks the scale: > 10 → 0–100, > 5 → 1–10, else 1–5. Choice: for numeric sheets,
 *    columns headed 序号/编号/No/年龄/电话/日期/总分/得分… and running sequences 1, 2, 3, … are
 *    not questions (every one of them would pass the half rule). In both cases 不了解-type answers
 *    count as on the scale for the half rule, and a column answered only with them is a question
 *    (with no valid answer) rather than vanishing from the list.
 * 5. **Scoring.** A blank answer and 不了解/不清楚/说不清(楚) are left out of the count. Anything else
 *    not on the sheet's scale (a word of another scale, text, a number out of range) gives a
 *    `survey-unknown-answer` finding and is left out too. A respondent with no scored answer is
 *    invalid. A question's score is its mean points (one decimal); the sheet's score is
 *    Σ wⱼ·meanⱼ / Σ wⱼ over questions with at least one valid answer, from the unrounded means, rounded
 *    to one decimal (null when that weight sum is 0); `satisfiedRate` is the share of all scored
 *    answers worth ≥ 60 points, kept unrounded.
 *
 * Answers are compared after `normalizeText` (whitespace removed, full-width made half-width), so
 * `满 意` is 满意. Live Excel formulas that must agree: see `surveyScaleLevels`.
 */
import { matchField } from "./fields";
import { cellAddress, cellAt, columnLetter, forEachGridCell, gridLastCol, gridLastRow, MergeIndex } from "./grid";
import { roundTo } from "./format";
import { resolveSeverity } from "./settings-defaults";
import type { Settings } from "./settings";
import { cellText, normalizeHeader, normalizeText } from "./text";
import type { CellValue, Finding, Grid, Message, SurveyQuestion, SurveyResult, SurveyScale } from "./types";

export const SURVEY_SCALE_NAMES: Readonly<Record<SurveyScale, Message>> = {
  "five-a": { zh: "五级（非常满意…非常不满意）", en: "five-level (very satisfied … very dissatisfied)" },
  "five-b": { zh: "五级（满意…不满意）", en: "five-level (satisfied … dissatisfied)" },
  three: { zh: "三级（满意、基本满意、不满意）", en: "three-level (satisfied, fairly satisfied, dissatisfied)" },
  "numeric-5": { zh: "1–5 分", en: "1–5 points" },
  "numeric-10": { zh: "1–10 分", en: "1–10 points" },
  "numeric-100": { zh: "0–100 分", en: "0–100 points" },
};

type WordScale = "five-a" | "five-b" | "three";
export type NumericScale = "numeric-5" | "numeric-10" | "numeric-100";

/**
 * The numeric scales (SPEC §7): the numbers that count (`low`…`high`) and the least that is
 * satisfied (worth 60 points). Points are linear: `(x − low) ÷ (high − low) × 100`, the 0–100 scale
 * its own points.
 */
export const NUMERIC_SCALES: Readonly<Record<NumericScale, { low: number; high: number; satisfiedFrom: number }>> = {
  "numeric-5": { low: 1, high: 5, satisfiedFrom: 3.4 },
  "numeric-10": { low: 1, high: 10, satisfiedFrom: 6.4 },
  "numeric-100": { low: 0, high: 100, satisfiedFrom: 60 },
};

export const isNumericScale = (scale: SurveyScale): scale is NumericScale => scale in NUMERIC_SCALES;

const isWordScale = (scale: SurveyScale): scale is WordScale =>
  scale === "five-a" || scale === "five-b" || scale === "three";

/**
 * The answers of a word scale and their points, in the order of `settings.surveyPoints` (best first
 * by default); null for a numeric scale. A live Excel formula that agrees with `evaluateSurvey`:
 *
 *   mean = SUMPRODUCT(COUNTIF(range, answerᵢ) × pointsᵢ) / SUM(COUNTIF(range, answerᵢ))
 *
 * For the numeric scales the points are linear, so the mean of the points is the points of the mean:
 *
 *   numeric-5:   (AVERAGEIFS(range, range, ">=1", range, "<=5") − 1) / 4 × 100
 *   numeric-10:  (AVERAGEIFS(range, range, ">=1", range, "<=10") − 1) / 9 × 100
 *   numeric-100: AVERAGEIFS(range, range, ">=0", range, "<=100")
 *
 * COUNTIF matches a cell's exact text, whereas this module also accepts `满意 `, `满 意` and
 * full-width variants, and numbers typed as text (`4`, `85分`); on sheets without such cells both
 * agree. A total row among the respondents (小计, 平均分) is skipped here but inside a formula's
 * range. Each question counts the answers the two would count differently (`countedDifferently`),
 * so the summary can tell.
 */
export function surveyScaleLevels(
  scale: SurveyScale,
  settings: Settings,
): { readonly answer: string; readonly points: number }[] | null {
  if (!isWordScale(scale)) return null;
  return Object.entries(settings.surveyPoints[scale]).map(([answer, points]) => ({ answer, points }));
}

/** Points of a number on a numeric scale, or null when it is off the scale (SPEC §7's formulas). */
export function numericScalePoints(scale: NumericScale, x: number): number | null {
  if (!Number.isFinite(x)) return null;
  const { low, high } = NUMERIC_SCALES[scale];
  if (x < low || x > high) return null;
  return low === 0 && high === 100 ? x : ((x - low) / (high - low)) * 100;
}

/** SPEC §7: 不了解/不清楚/说不清 are left out of the count; `说不清楚` is the same answer spelt out. */
const DONT_KNOW = new Set(["不了解", "不清楚", "说不清", "说不清楚"]);
const FIVE_A_TRIGGERS = ["非常满意", "很满意"];
const FIVE_B_TRIGGERS = ["比较满意", "一般", "较不满意"];
const THREE_LEVEL_WORDS = new Set(["满意", "基本满意", "不满意"]);
const TOTAL_ROW_WORDS = new Set(["合计", "小计", "总计", "平均", "平均分", "均值"]);
const NOTE_ROW_PREFIXES = ["注:", "说明:", "填表说明", "备注:"];
/** Headers of numeric columns that are never questions (compared whole, after `normalizeHeader`). */
const NON_QUESTION_HEADERS = new Set([
  "序号",
  "编号",
  "no",
  "no.",
  "年龄",
  "电话",
  "联系电话",
  "手机",
  "手机号",
  "工号",
  "身份证号",
  "日期",
  "填表日期",
  "时间",
  "总分",
  "合计",
  "总计",
  "平均分",
  "得分",
  "总得分",
  "综合得分",
]);
const NUMERIC_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)分?$/;
const HEADER_SEARCH_ROWS = 10;

/** One answer cell, classified before the scale is known. */
type Answer =
  | { readonly kind: "blank" }
  | { readonly kind: "dont-know"; readonly text: string }
  /** `key` is the normalised word, one of the answer words of some scale; `typed` the cell's text untrimmed. */
  | { readonly kind: "word"; readonly text: string; readonly key: string; readonly typed: string }
  /** `inNumberCell`: a number Excel sees as one (not text such as `4`, `85分`). */
  | { readonly kind: "number"; readonly text: string; readonly value: number; readonly inNumberCell: boolean }
  | { readonly kind: "other"; readonly text: string };

function classifyAnswer(value: CellValue, answerWords: ReadonlySet<string>): Answer {
  const text = cellText(value);
  if (text === "") return { kind: "blank" };
  if (typeof value === "number")
    return Number.isFinite(value) ? { kind: "number", text, value, inNumberCell: true } : { kind: "other", text };
  const key = normalizeText(text);
  if (DONT_KNOW.has(key)) return { kind: "dont-know", text };
  if (answerWords.has(key)) {
    const typed =
      typeof value === "string"
        ? value
        : value !== null && typeof value === "object" && "runs" in value
          ? value.runs.join("")
          : text;
    return { kind: "word", text, key, typed };
  }
  if (typeof value !== "boolean" && NUMERIC_TEXT.test(key)) {
    return { kind: "number", text, value: Number(key.replace(/分$/, "")), inNumberCell: false };
  }
  return { kind: "other", text };
}

const isTextCell = (value: CellValue): boolean =>
  typeof value === "string" || (value !== null && typeof value === "object" && "runs" in value);

const numberInRange = (answer: Answer): boolean => answer.kind === "number" && answer.value >= 0 && answer.value <= 100;

/** Could be an answer on some scale: used to recognise the header and the question columns. */
const isScaleLike = (answer: Answer): boolean =>
  answer.kind === "word" || answer.kind === "dont-know" || numberInRange(answer);

/** Reads one numeric weight: a number, or text such as `0.3`, `30`, `30%` (as Excel would store it, 0.3). */
function weightOf(value: CellValue): number | null {
  let weight: number | null = null;
  if (typeof value === "number") weight = value;
  else if (isTextCell(value)) {
    const text = normalizeText(cellText(value));
    const percent = /^(\d+(?:\.\d*)?|\.\d+)%$/.exec(text);
    if (percent) weight = Number(percent[1]) / 100;
    else if (/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(text)) weight = Number(text);
  }
  return weight !== null && Number.isFinite(weight) && weight >= 0 ? weight : null;
}

/** The sheet's word scale from the words its question columns use (SPEC §7's table, in order). */
export function detectWordScale(words: ReadonlySet<string>): WordScale {
  if (FIVE_A_TRIGGERS.some((w) => words.has(w))) return "five-a";
  if (FIVE_B_TRIGGERS.some((w) => words.has(w))) return "five-b";
  if ([...words].every((w) => THREE_LEVEL_WORDS.has(w))) return "three";
  return "five-a";
}

/** The sheet's numeric scale from its largest answer (SPEC §7: "some > 10" → 0–100, "some > 5" → 1–10). */
export function detectNumericScale(largest: number): NumericScale {
  if (largest > 10) return "numeric-100";
  if (largest > 5) return "numeric-10";
  return "numeric-5";
}

function unknownAnswerMessage(row: number, title: string, text: string, scale: SurveyScale): Message {
  const name = SURVEY_SCALE_NAMES[scale];
  const zhTitle = title ? `“${title}”` : "";
  const enTitle = title ? ` to "${title}"` : "";
  return {
    zh: `第 ${row} 行${zhTitle}的答案“${text}”不是${name.zh}量表的选项，未计入得分。`,
    en: `The answer "${text}"${enTitle} in row ${row} is not on the ${name.en} scale; it is left out of the score.`,
  };
}

interface SheetShape {
  readonly firstRow: number;
  readonly lastRow: number;
  readonly firstCol: number;
  readonly lastCol: number;
}

const BLANK: Answer = { kind: "blank" };

/**
 * The grid's answers, classified once; `at` is in sheet coordinates. Only the cells that hold
 * something are visited and kept, and `rows` / `columns` list the rows and columns that do: the
 * work follows the filled cells, not the sheet's extent (one stray cell at XFD1048576 makes the
 * extent Excel's whole sheet).
 */
class AnswerTable {
  private readonly answers = new Map<number, Map<number, Answer>>();
  /** Rows with a value, ascending. */
  readonly rows: number[] = [];
  /** Rows with an answer that is not blank, ascending. */
  private readonly nonBlankRows: number[] = [];
  /** Columns with a value in any row, ascending. */
  readonly columns: number[];
  constructor(
    private readonly grid: Grid,
    readonly shape: SheetShape,
    answerWords: ReadonlySet<string>,
  ) {
    const columns = new Set<number>();
    forEachGridCell(grid, (row, col, value) => {
      let answers = this.answers.get(row);
      if (!answers) {
        answers = new Map();
        this.answers.set(row, answers);
        this.rows.push(row);
      }
      const answer = classifyAnswer(value, answerWords);
      answers.set(col, answer);
      columns.add(col);
      if (answer.kind !== "blank" && this.nonBlankRows[this.nonBlankRows.length - 1] !== row)
        this.nonBlankRows.push(row);
    });
    this.columns = [...columns].sort((a, b) => a - b);
  }
  at(row: number, col: number): Answer {
    return this.answers.get(row)?.get(col) ?? BLANK;
  }
  value(row: number, col: number): CellValue {
    return cellAt(this.grid, row, col);
  }
  isBlankRow(row: number): boolean {
    return this.nextNonBlank(row - 1) !== row;
  }
  /** The normalised text of the row's first non-empty cell, or null for a blank row. */
  firstText(row: number): string | null {
    const cols = [...(this.answers.get(row)?.keys() ?? [])].sort((a, b) => a - b);
    for (const c of cols) {
      const text = cellText(this.value(row, c));
      if (text !== "") return normalizeHeader(text);
    }
    return null;
  }
  isWeightsRow(row: number): boolean {
    return this.firstText(row)?.startsWith("权重") ?? false;
  }
  /** The first non-blank row after `row`, or null. */
  nextNonBlank(row: number): number | null {
    const rows = this.nonBlankRows;
    let low = 0;
    let high = rows.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((rows[mid] as number) <= row) low = mid + 1;
      else high = mid;
    }
    return rows[low] ?? null;
  }
  /** The rows with a value after `row`, ascending. */
  rowsAfter(row: number): number[] {
    return this.rows.filter((r) => r > row);
  }
}

function findHeaderRow(table: AnswerTable): number | null {
  const { firstRow, lastRow } = table.shape;
  for (let h = firstRow; h <= Math.min(firstRow + HEADER_SEARCH_ROWS - 1, lastRow); h++) {
    const titleCols: number[] = [];
    for (const c of table.columns) {
      if (isTextCell(table.value(h, c)) && table.at(h, c).kind === "other") titleCols.push(c);
    }
    if (titleCols.length === 0) continue;
    let next = table.nextNonBlank(h);
    if (next !== null && table.isWeightsRow(next)) next = table.nextNonBlank(next);
    if (next === null) continue;
    const answerRow = next;
    if (titleCols.some((c) => isScaleLike(table.at(answerRow, c)))) return h;
  }
  return null;
}

/** Body rows under the header (or weights row): blank and total rows skipped, a note row ends them. */
function bodyRows(table: AnswerTable, after: number): number[] {
  const rows: number[] = [];
  for (const r of table.rowsAfter(after)) {
    const first = table.firstText(r);
    if (first === null || TOTAL_ROW_WORDS.has(first)) continue;
    if (NOTE_ROW_PREFIXES.some((prefix) => first.startsWith(prefix))) break;
    rows.push(r);
  }
  return rows;
}

/** How a column's non-empty answers divide up, before the scale is known. */
interface ColumnCounts {
  readonly nonEmpty: number;
  readonly words: number;
  readonly numbers: number;
  readonly dontKnow: number;
}

function countColumn(answers: readonly Answer[]): ColumnCounts {
  const counts = { nonEmpty: 0, words: 0, numbers: 0, dontKnow: 0 };
  for (const a of answers) {
    if (a.kind === "blank") continue;
    counts.nonEmpty++;
    if (a.kind === "word") counts.words++;
    else if (numberInRange(a)) counts.numbers++;
    else if (a.kind === "dont-know") counts.dontKnow++;
  }
  return counts;
}

/** SPEC §7's half rule: at least half of the non-empty answers are on the scale (不了解 and the like count as on it). */
const onHalf = (onScale: number, { nonEmpty, dontKnow }: ColumnCounts): boolean => (onScale + dontKnow) * 2 >= nonEmpty;

/** Numbers going 1, 2, 3, … (at least three, nothing else in the column): a 序号 column, not a question. */
function isRunningSequence(answers: readonly Answer[]): boolean {
  const nonEmpty = answers.filter((a) => a.kind !== "blank");
  if (nonEmpty.length < 3) return false;
  return nonEmpty.every(
    (a, i) =>
      a.kind === "number" &&
      Number.isInteger(a.value) &&
      (i === 0 || a.value === (nonEmpty[i - 1] as { value: number }).value + 1),
  );
}

interface ScalePick {
  readonly scale: SurveyScale;
  readonly columns: readonly number[];
}

function pickScaleAndColumns(
  table: AnswerTable,
  body: readonly number[],
  headerTitle: (col: number) => string,
): ScalePick | null {
  const columns: { col: number; answers: Answer[]; counts: ColumnCounts }[] = [];
  for (const col of table.columns) {
    const answers = body.map((r) => table.at(r, col));
    columns.push({ col, answers, counts: countColumn(answers) });
  }
  // A column answered only 不了解/不清楚/说不清 is still a question (with no valid answer), on whichever scale the others use.
  const onlyDontKnow = columns.filter(({ counts }) => counts.dontKnow > 0 && onHalf(0, counts));

  const wordColumns = columns.filter(({ counts }) => counts.words > 0 && onHalf(counts.words, counts));
  if (wordColumns.length > 0) {
    const words = new Set<string>();
    for (const { answers } of wordColumns) for (const a of answers) if (a.kind === "word") words.add(a.key);
    return { scale: detectWordScale(words), columns: sortedColumns([...wordColumns, ...onlyDontKnow]) };
  }

  const numberColumns = columns.filter(
    ({ col, answers, counts }) =>
      counts.numbers > 0 &&
      onHalf(counts.numbers, counts) &&
      !NON_QUESTION_HEADERS.has(normalizeHeader(headerTitle(col))) &&
      !isRunningSequence(answers),
  );
  if (numberColumns.length === 0) return null;
  let largest = 0;
  for (const { answers } of numberColumns) {
    for (const a of answers) if (a.kind === "number" && numberInRange(a)) largest = Math.max(largest, a.value);
  }
  return { scale: detectNumericScale(largest), columns: sortedColumns([...numberColumns, ...onlyDontKnow]) };
}

const sortedColumns = (columns: readonly { col: number }[]): number[] =>
  [...new Set(columns.map(({ col }) => col))].sort((a, b) => a - b);

/** Points of one answer on the sheet's scale; null when it is not on it. */
function pointsOf(
  answer: Answer,
  scale: SurveyScale,
  wordPoints: ReadonlyMap<string, { word: string; points: number }>,
) {
  if (isWordScale(scale)) return answer.kind === "word" ? (wordPoints.get(answer.key) ?? null) : null;
  if (answer.kind !== "number") return null;
  const points = numericScalePoints(scale, answer.value);
  return points === null ? null : { word: String(answer.value), points };
}

/** A row holding only a number such as `12`, `12.` or `12、`: a 序号 and nothing else. */
const BARE_NUMBER = /^\d+[.、．]?$/u;

/**
 * Whether a body row is a respondent (see the module comment, step 3): something filled in other
 * than its 序号. A respondent without a scorable answer is counted, as invalid.
 */
function respondentTest(
  table: AnswerTable,
  headerTitle: (col: number) => string,
  questionColumns: readonly number[],
): (row: number) => boolean {
  const seqColumns = new Set<number>();
  for (const c of table.columns) if (matchField(headerTitle(c)) === "seq") seqColumns.add(c);
  const questions = new Set(questionColumns);
  return (row) => {
    let filled = 0;
    let lone = "";
    let loneCol = 0;
    for (const c of table.columns) {
      if (seqColumns.has(c)) continue;
      const text = cellText(table.value(row, c));
      if (text === "") continue;
      if (++filled > 1) return true;
      lone = text;
      loneCol = c;
    }
    if (filled === 0) return false;
    return seqColumns.size > 0 || questions.has(loneCol) || !BARE_NUMBER.test(lone);
  };
}

/** Weights of the question columns from the weights row (see the module comment for the defaults). */
function questionWeights(table: AnswerTable, weightsRow: number | null, columns: readonly number[]): number[] {
  const given = columns.map((c) => (weightsRow === null ? null : weightOf(table.value(weightsRow, c))));
  const known = given.filter((w): w is number => w !== null);
  const fallback = known.length === 0 ? 1 : known.reduce((sum, w) => sum + w / known.length, 0);
  return given.map((w) => w ?? fallback);
}

/**
 * Scores a survey sheet (SPEC §7); null when the grid holds no survey (no header with questions
 * under it, or no question column). Never throws on odd grids.
 */
export function evaluateSurvey(grid: Grid, settings: Settings): SurveyResult | null {
  if (grid.values.length === 0) return null;
  const shape: SheetShape = {
    firstRow: grid.origin.row,
    lastRow: gridLastRow(grid),
    firstCol: grid.origin.col,
    lastCol: gridLastCol(grid),
  };
  if (shape.lastCol < shape.firstCol) return null;

  const allWords = new Set<string>();
  for (const table of Object.values(settings.surveyPoints))
    for (const word of Object.keys(table)) allWords.add(normalizeText(word));
  const table = new AnswerTable(grid, shape, allWords);

  const headerRow = findHeaderRow(table);
  if (headerRow === null) return null;
  const afterHeader = table.nextNonBlank(headerRow);
  const weightsRow = afterHeader !== null && table.isWeightsRow(afterHeader) ? afterHeader : null;

  const merges = new MergeIndex(grid.merges);
  const headerTitle = (col: number): string => {
    const merge = merges.at(headerRow, col);
    return cellText(merge ? cellAt(grid, merge.top, merge.left) : cellAt(grid, headerRow, col));
  };

  const body = bodyRows(table, weightsRow ?? headerRow);
  const pick = pickScaleAndColumns(table, body, headerTitle);
  if (pick === null) return null;
  const { scale, columns } = pick;

  const wordPoints = new Map<string, { word: string; points: number }>();
  if (isWordScale(scale)) {
    for (const [word, points] of Object.entries(settings.surveyPoints[scale])) {
      const key = normalizeText(word);
      if (!wordPoints.has(key)) wordPoints.set(key, { word, points });
    }
  }

  const severity = resolveSeverity("survey-unknown-answer", "warning", settings);
  const findings: Finding[] = [];
  const weights = questionWeights(table, weightsRow, columns);
  const tallies = columns.map(() => ({ valid: 0, sum: 0, countedDifferently: 0, counts: new Map<string, number>() }));
  let respondents = 0;
  let validRespondents = 0;
  let scoredAnswers = 0;
  let satisfiedAnswers = 0;
  let lastRespondentRow: number | null = null;

  const isRespondent = respondentTest(table, headerTitle, columns);
  for (const row of body) {
    if (!isRespondent(row)) continue;
    respondents++;
    lastRespondentRow = row;
    let scoredHere = 0;
    columns.forEach((col, q) => {
      const answer = table.at(row, col);
      if (answer.kind === "blank" || answer.kind === "dont-know") return;
      const scored = pointsOf(answer, scale, wordPoints);
      if (scored === null) {
        if (severity !== "off") {
          findings.push({
            rule: "survey-unknown-answer",
            severity,
            row,
            cell: cellAddress(row, col),
            field: null,
            message: unknownAnswerMessage(row, headerTitle(col), answer.text, scale),
            sheet: grid.sheet,
          });
        }
        return;
      }
      const tally = tallies[q];
      if (!tally) return;
      tally.valid++;
      if (answer.kind === "word" ? answer.typed !== scored.word : answer.kind === "number" && !answer.inNumberCell)
        tally.countedDifferently++;
      tally.sum += scored.points;
      tally.counts.set(scored.word, (tally.counts.get(scored.word) ?? 0) + 1);
      scoredHere++;
      scoredAnswers++;
      if (scored.points >= 60) satisfiedAnswers++;
    });
    if (scoredHere > 0) validRespondents++;
  }

  // A total row among the respondents lies inside the summary's COUNTIF range: what it would count there.
  const respondentRows = new Set(body);
  for (const row of table.rowsAfter(weightsRow ?? headerRow)) {
    if (row > (lastRespondentRow ?? 0)) break;
    if (respondentRows.has(row)) continue;
    columns.forEach((col, q) => {
      const answer = table.at(row, col);
      const countable =
        answer.kind === "word"
          ? wordPoints.get(answer.key)?.word === answer.typed
          : answer.kind === "number" && answer.inNumberCell && pointsOf(answer, scale, wordPoints) !== null;
      const tally = tallies[q];
      if (countable && tally) tally.countedDifferently++;
    });
  }

  const questions: SurveyQuestion[] = columns.map((col, q) => {
    const tally = tallies[q] ?? { valid: 0, sum: 0, countedDifferently: 0, counts: new Map<string, number>() };
    return {
      column: columnLetter(col),
      title: headerTitle(col),
      weight: weights[q] ?? 1,
      valid: tally.valid,
      score: tally.valid > 0 ? roundTo(tally.sum / tally.valid, 1) : null,
      distribution: distributionOf(tally.counts, scale, settings),
      countedDifferently: tally.countedDifferently,
    };
  });

  const score = weightedScore(
    tallies.map((t, q) => ({ valid: t.valid, mean: t.valid > 0 ? t.sum / t.valid : 0, weight: weights[q] ?? 1 })),
  );
  const target = settings.targets.surveyScore;
  const firstRow = (weightsRow ?? headerRow) + 1;
  return {
    sheet: grid.sheet,
    scale,
    headerRow,
    firstRow,
    lastRow: lastRespondentRow ?? firstRow - 1,
    weightsRow,
    respondents,
    valid: validRespondents,
    invalid: respondents - validRespondents,
    score,
    satisfiedRate: scoredAnswers > 0 ? satisfiedAnswers / scoredAnswers : null,
    target,
    met: score === null ? null : score >= target,
    questions,
    findings,
  };
}

/**
 * Σ wⱼ·meanⱼ / Σ wⱼ over questions with a valid answer, one decimal; null when that Σ wⱼ is 0.
 * The weights are divided by the largest first, so huge weights cannot overflow to Infinity.
 */
function weightedScore(questions: readonly { valid: number; mean: number; weight: number }[]): number | null {
  const answered = questions.filter((q) => q.valid > 0);
  const largest = Math.max(0, ...answered.map((q) => q.weight));
  if (largest === 0) return null;
  let weighted = 0;
  let total = 0;
  for (const q of answered) {
    const w = q.weight / largest;
    weighted += w * q.mean;
    total += w;
  }
  return total > 0 ? roundTo(weighted / total, 1) : null;
}

/**
 * Counts of the scored answers. A word scale lists every level of its table (0 when unused, in the
 * table's order) so charts keep their shape; a numeric scale lists the values given, ascending.
 * Answers left out (blank, 不了解, off the scale) are not in it: the counts sum to `valid`.
 */
function distributionOf(counts: ReadonlyMap<string, number>, scale: SurveyScale, settings: Settings) {
  const distribution: Record<string, number> = {};
  if (isWordScale(scale)) {
    for (const word of Object.keys(settings.surveyPoints[scale])) distribution[word] = counts.get(word) ?? 0;
    return distribution;
  }
  for (const key of [...counts.keys()].sort((a, b) => Number(a) - Number(b))) distribution[key] = counts.get(key) ?? 0;
  return distribution;
}
