/**
 * The engine's front door: a ledger grid (and optionally a survey grid) in, an `EvaluationResult`
 * out. Pure: `today` and the settings are passed in, nothing is read from a clock or a global.
 */
import { amountColumnUnits } from "./amounts";
import { detectLayout } from "./layout";
import { readItems } from "./items";
import { computeLight, type LightReading } from "./light";
import { runRules } from "./rules";
import { summarize } from "./summary";
import { evaluateSurvey } from "./survey";
import { DEFAULT_SETTINGS } from "./settings-defaults";
import type { Settings } from "./settings";
import { compare, type ComparisonSource } from "./history/compare";
import { keyPeriod, type KeyedPeriod } from "./history/identity";
import { lastPeriodBefore, periodRecords } from "./history/periods";
import type { PeriodRecord } from "./history/record";
import { layoutFailureMessage } from "./messages";
import { progressSteps, type EngineProgress } from "./progress";
import type { EvaluatedItem, EvaluationResult, Grid, IsoDate, Item, LayoutFailure, Message } from "./types";

export interface EvaluateInput {
  readonly ledger: Grid;
  /** The survey sheet, if the workbook has one (see `isSurveySheetName`). */
  readonly survey?: Grid | null;
  readonly today: IsoDate;
  readonly settings?: Settings;
  /**
   * The recorded periods (评估记录) to compare with, and where they came from. With it the result
   * carries `period` (this period, keyed, to record) and `comparison`, and rule `deadline-moved`
   * applies; an empty history still gives `period` (the first period to record).
   */
  readonly history?: { readonly records: readonly PeriodRecord[]; readonly source: ComparisonSource } | null;
  /** Told how far the evaluation has gone, every few hundred rows and after each rule (see progress.ts). */
  readonly onProgress?: (progress: EngineProgress) => void;
}

export type Evaluation =
  | { readonly ok: true; readonly result: EvaluationResult }
  | { readonly ok: false; readonly failure: LayoutFailure; readonly message: Message };

export function evaluate({
  ledger,
  survey = null,
  today,
  settings = DEFAULT_SETTINGS,
  history = null,
  onProgress,
}: EvaluateInput): Evaluation {
  const layout = detectLayout(ledger, settings.mapping);
  if ("reason" in layout) return { ok: false, failure: layout, message: layoutFailureMessage(layout, ledger.sheet) };

  const steps = onProgress ? progressSteps(layout, onProgress) : null;
  const { items, nonItems } = readItems(ledger, layout, (item) => {
    steps?.row(item.row);
    return withLight(item, computeLight(item, today, settings));
  });
  const surveyResult = survey ? evaluateSurvey(survey, settings) : null;
  const period = history ? keyPeriodAgainst(items, today, history.records) : null;
  const lastPeriod = period ? lastPeriodByRow(period) : undefined;
  const ruleFindings = runRules({ layout, items, today, settings, lastPeriod }, steps?.rules);
  const findings = [...ruleFindings, ...(surveyResult?.findings ?? [])];
  const amountColumns = amountColumnUnits(ledger, layout);
  const summary = summarize({ items, layout, settings, survey: surveyResult, amountColumns });
  steps?.finished();
  const result = { today, layout, items, nonItems, findings, summary, survey: surveyResult };
  if (!history || !period) return { ok: true, result };
  const comparison = compare({
    current: period,
    history: history.records,
    source: history.source,
    escalateAfterReds: settings.escalateAfterReds,
  });
  return { ok: true, result: { ...result, period, comparison } };
}

/** This period's items keyed against the last period recorded before `today`. */
function keyPeriodAgainst(
  items: readonly EvaluatedItem[],
  today: IsoDate,
  records: readonly PeriodRecord[],
): KeyedPeriod {
  const last = lastPeriodBefore(records, today);
  return keyPeriod(items, today, last === null ? [] : periodRecords(records, last));
}

function lastPeriodByRow(period: KeyedPeriod): Map<number, PeriodRecord> {
  const byRow = new Map<number, PeriodRecord>();
  period.records.forEach((record, index) => {
    const before = period.previous[index];
    if (before) byRow.set(record.row, before);
  });
  return byRow;
}

/**
 * The item with its light, written out field by field: an object spread copies generically and was
 * a measurable share of a large ledger's evaluation.
 */
function withLight(item: Item, { light, overdueDays, dueInDays }: LightReading): EvaluatedItem {
  return {
    row: item.row,
    cells: item.cells,
    seq: item.seq,
    status: item.status,
    statusColumn: item.statusColumn,
    closedByColumn: item.closedByColumn,
    type: item.type,
    typeUnknown: item.typeUnknown,
    assigned: item.assigned,
    deadline: item.deadline,
    deadlineField: item.deadlineField,
    originalDeadline: item.originalDeadline,
    extended: item.extended,
    completed: item.completed,
    closedOn: item.closedOn,
    reviewed: item.reviewed,
    ongoing: item.ongoing,
    light,
    overdueDays,
    dueInDays,
  };
}

const SURVEY_NAME_WORDS = ["满意度", "问卷", "测评", "调查"];

/** SPEC §7: a survey sheet's name contains 满意度, 问卷, 测评 or 调查 (unless the user chose one). */
export function isSurveySheetName(name: string): boolean {
  return SURVEY_NAME_WORDS.some((word) => name.includes(word));
}

/** The survey sheet among a workbook's sheet names: the user's choice, else the first whose name says so. */
export function pickSurveySheet(sheetNames: readonly string[], settings: Settings, ledgerSheet: string): string | null {
  if (settings.surveySheet && sheetNames.includes(settings.surveySheet)) return settings.surveySheet;
  return sheetNames.find((name) => name !== ledgerSheet && isSurveySheetName(name)) ?? null;
}
