/**
 * Periods (评估期) and the comparison 本期 vs 上期, for both hosts. A host:
 *
 * 1. reads its 评估记录 sheet as a `Grid` and calls `readHistorySheet` (no sheet: an empty history);
 * 2. passes `{ records, source: "history" }` to `evaluate()` as `history`: the result then carries
 *    `period` (this period, keyed) and `comparison` (null at the first period), and rule
 *    `deadline-moved` applies;
 * 3. to record the period (生成汇总表, the CLI's `--out`), writes `planHistorySheet(historyAfter(…))`
 *    as a hidden sheet named `HISTORY_SHEET_NAME`.
 *
 * Everything here is pure: no I/O, no clock.
 */
import type { EvaluationResult } from "../types";
import { recordPeriod } from "./periods";
import type { PeriodRecord } from "./record";

export {
  compare,
  deadlineMove,
  periodRates,
  trendPoint,
  TREND_PERIODS,
  type Comparison,
  type ComparisonSource,
  type CompareInput,
  type RateChange,
  type TrendPoint,
} from "./compare";
export {
  bigramSimilarity,
  keyPeriod,
  matchItems,
  normalizeDescription,
  SIMILARITY_THRESHOLD,
  type IdentityFields,
  type IdentityMatch,
  type KeyedPeriod,
} from "./identity";
export { deletePeriod, lastPeriodBefore, periodDates, periodRecords, recordPeriod } from "./periods";
export {
  freshKey,
  recordDescription,
  recordFinished,
  recordOf,
  RECORD_DESCRIPTION_LENGTH,
  type CurrentRecord,
  type PeriodRecord,
} from "./record";
export {
  HISTORY_COLUMNS,
  HISTORY_SHEET_NAME,
  historyRowCells,
  planHistorySheet,
  readHistorySheet,
  type HistoryReading,
} from "./sheet";

/**
 * The history to write after this evaluation: `history` with this period recorded (replacing a
 * period of the same date). A result evaluated without a history records nothing new.
 */
export function historyAfter(history: readonly PeriodRecord[], result: EvaluationResult): PeriodRecord[] {
  return result.period ? recordPeriod(history, result.today, result.period.records) : [...history];
}
