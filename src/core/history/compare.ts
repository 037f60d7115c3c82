/**
 * 本期 vs 上期: this period's records (keyed by `./identity.ts`) against the last period recorded
 * before today, and the trend over the last periods.
 *
 * The lists are transitions between the two periods, so one item can be in several (in progress →
 * closed is newly done and newly closed; green → red and yellow → red are both turned red). A new
 * item has no previous state and is only in `newItems`. Rows are this period's sheet rows; each
 * list is in row order.
 *
 * - newly done: finished (done or closed) now, not finished last period;
 * - newly closed: closed now, not closed last period;
 * - turned yellow / red: that light now, another light last period;
 * - consecutive red: red now and in the periods right before, following the item's key, for at
 *   least `escalateAfterReds` periods (this one included) — the 问责/约谈 candidates;
 * - went back: closed last period and not now, or finished last period and not now;
 * - deadline moved: both periods have a dated deadline and this one is later (`deadlineMove`).
 */
import { roundRate } from "../format";
import type { IsoDate } from "../types";
import type { KeyedPeriod } from "./identity";
import { periodDates } from "./periods";
import { recordFinished, type PeriodRecord } from "./record";

/** How many periods the trend shows, this one included. */
export const TREND_PERIODS = 8;

export interface RateChange {
  readonly now: number | null;
  readonly before: number | null;
}

export interface TrendPoint {
  readonly period: IsoDate;
  readonly items: number;
  /** Finished items (done or closed), as the completion rate counts them. */
  readonly done: number;
  readonly closed: number;
  readonly red: number;
  readonly yellow: number;
}

/** Where the period compared with came from: this workbook's 评估记录, or another file (`--since`). */
export type ComparisonSource = "history" | "file";

export interface Comparison {
  /** The period compared with. */
  readonly since: IsoDate;
  readonly source: ComparisonSource;
  readonly newItems: readonly number[];
  /** Last period's 序号 (null when blank) and description of each item no longer in the ledger. */
  readonly removedItems: readonly { readonly seq: string | null; readonly description: string }[];
  readonly newlyDone: readonly number[];
  readonly newlyClosed: readonly number[];
  readonly turnedYellow: readonly number[];
  readonly turnedRed: readonly number[];
  readonly consecutiveRed: readonly { readonly row: number; readonly periods: number }[];
  readonly wentBack: readonly number[];
  readonly deadlineMoved: readonly { readonly row: number; readonly from: IsoDate; readonly to: IsoDate }[];
  readonly rates: {
    readonly completionRate: RateChange;
    readonly closeRate: RateChange;
    readonly onTimeRate: RateChange;
  };
  /** Oldest first, this period last. */
  readonly trend: readonly TrendPoint[];
}

/** The deadline moved later between two periods: `{ from, to }`, else null. */
export function deadlineMove(
  before: Pick<PeriodRecord, "deadline">,
  now: Pick<PeriodRecord, "deadline">,
): { from: IsoDate; to: IsoDate } | null {
  return before.deadline !== null && now.deadline !== null && now.deadline > before.deadline
    ? { from: before.deadline, to: now.deadline }
    : null;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : roundRate(part / whole));

/** SPEC §6's three rates over one period's records (rounded as the JSON's rates are). */
export function periodRates(records: readonly PeriodRecord[]): {
  completionRate: number | null;
  closeRate: number | null;
  onTimeRate: number | null;
} {
  let finished = 0;
  let closed = 0;
  let dated = 0;
  let onTime = 0;
  for (const record of records) {
    if (recordFinished(record)) finished++;
    if (record.status === "closed") closed++;
    if (recordFinished(record) && record.completed !== null && record.deadline !== null) {
      dated++;
      if (record.completed <= record.deadline) onTime++;
    }
  }
  return {
    completionRate: ratio(finished, records.length),
    closeRate: ratio(closed, records.length),
    onTimeRate: ratio(onTime, dated),
  };
}

export function trendPoint(period: IsoDate, records: readonly PeriodRecord[]): TrendPoint {
  let done = 0;
  let closed = 0;
  let red = 0;
  let yellow = 0;
  for (const record of records) {
    if (recordFinished(record)) done++;
    if (record.status === "closed") closed++;
    if (record.light === "red") red++;
    if (record.light === "yellow") yellow++;
  }
  return { period, items: records.length, done, closed, red, yellow };
}

export interface CompareInput {
  /** This period, keyed against the last period of `history` (`keyPeriod`). */
  readonly current: KeyedPeriod;
  /** Every recorded period (this period's date, if recorded before, is ignored: it is being replaced). */
  readonly history: readonly PeriodRecord[];
  readonly source: ComparisonSource;
  readonly escalateAfterReds: number;
}

/** The comparison, or null when no period was recorded before this one. */
export function compare({ current, history, source, escalateAfterReds }: CompareInput): Comparison | null {
  const earlier = periodDates(history).filter((period) => period < current.period);
  const since = earlier[earlier.length - 1];
  if (since === undefined) return null;

  const byPeriod = new Map<IsoDate, Map<string, PeriodRecord>>();
  const recordsOf = new Map<IsoDate, PeriodRecord[]>();
  for (const record of history) {
    if (record.period >= current.period) continue;
    let keyed = byPeriod.get(record.period);
    if (!keyed) byPeriod.set(record.period, (keyed = new Map()));
    if (!keyed.has(record.key)) keyed.set(record.key, record);
    let list = recordsOf.get(record.period);
    if (!list) recordsOf.set(record.period, (list = []));
    list.push(record);
  }

  const newItems: number[] = [];
  const newlyDone: number[] = [];
  const newlyClosed: number[] = [];
  const turnedYellow: number[] = [];
  const turnedRed: number[] = [];
  const consecutiveRed: { row: number; periods: number }[] = [];
  const wentBack: number[] = [];
  const deadlineMoved: { row: number; from: IsoDate; to: IsoDate }[] = [];

  const newestFirst = [...earlier].reverse();
  // Records come in sheet order (the engine reads rows top to bottom), so the lists are in row order.
  current.records.forEach((now, index) => {
    const before = current.previous[index] ?? null;
    const row = now.row;
    if (now.light === "red") {
      let periods = 1;
      for (const period of newestFirst) {
        if (byPeriod.get(period)?.get(now.key)?.light !== "red") break;
        periods++;
      }
      if (periods >= escalateAfterReds) consecutiveRed.push({ row, periods });
    }
    if (before === null) {
      newItems.push(row);
      return;
    }
    const finishedNow = recordFinished(now);
    const finishedBefore = recordFinished(before);
    if (finishedNow && !finishedBefore) newlyDone.push(row);
    if (now.closed && !before.closed) newlyClosed.push(row);
    if (now.light === "yellow" && before.light !== "yellow") turnedYellow.push(row);
    if (now.light === "red" && before.light !== "red") turnedRed.push(row);
    if ((before.closed && !now.closed) || (finishedBefore && !finishedNow)) wentBack.push(row);
    const moved = deadlineMove(before, now);
    if (moved) deadlineMoved.push({ row, ...moved });
  });

  const nowRates = periodRates(current.records);
  const beforeRates = periodRates(recordsOf.get(since) ?? []);
  const trendDates = earlier.slice(-(TREND_PERIODS - 1));
  return {
    since,
    source,
    newItems,
    removedItems: current.removed.map((record) => ({
      seq: record.seq === "" ? null : record.seq,
      description: record.description,
    })),
    newlyDone,
    newlyClosed,
    turnedYellow,
    turnedRed,
    consecutiveRed,
    wentBack,
    deadlineMoved,
    rates: {
      completionRate: { now: nowRates.completionRate, before: beforeRates.completionRate },
      closeRate: { now: nowRates.closeRate, before: beforeRates.closeRate },
      onTimeRate: { now: nowRates.onTimeRate, before: beforeRates.onTimeRate },
    },
    trend: [
      ...trendDates.map((period) => trendPoint(period, recordsOf.get(period) ?? [])),
      trendPoint(current.period, current.records),
    ],
  };
}
