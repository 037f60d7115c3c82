/**
 * The recorded periods as one flat list of records (the rows of 评估记录), and the operations a user
 * has on them: record a period (re-recording a date replaces that date's period), delete a period,
 * and find the period to compare with (the last one before today).
 */
import type { IsoDate } from "../types";
import type { PeriodRecord } from "./record";

/** The distinct period dates, oldest first. */
export function periodDates(history: readonly PeriodRecord[]): IsoDate[] {
  return [...new Set(history.map((record) => record.period))].sort();
}

/** One period's records, in the order they were recorded (sheet order). */
export function periodRecords(history: readonly PeriodRecord[], period: IsoDate): PeriodRecord[] {
  return history.filter((record) => record.period === period);
}

/** The last period recorded before `today`, or null. A period dated today or later is not "last time". */
export function lastPeriodBefore(history: readonly PeriodRecord[], today: IsoDate): IsoDate | null {
  let last: IsoDate | null = null;
  for (const record of history)
    if (record.period < today && (last === null || record.period > last)) last = record.period;
  return last;
}

/**
 * The history with `period`'s records replaced by `records` (all dated `period`): the other periods
 * keep their rows and order, and the periods stay in date order, whatever order a user left them in.
 */
export function recordPeriod(
  history: readonly PeriodRecord[],
  period: IsoDate,
  records: readonly PeriodRecord[],
): PeriodRecord[] {
  const kept = history.filter((record) => record.period !== period);
  const stripped = records.map((record) => toPeriodRecord(record, period));
  return sortByPeriod([...kept, ...stripped]);
}

/** The history without `period`'s records. */
export function deletePeriod(history: readonly PeriodRecord[], period: IsoDate): PeriodRecord[] {
  return history.filter((record) => record.period !== period);
}

/** Stable sort by period date: within a period, records keep their order. */
function sortByPeriod(records: readonly PeriodRecord[]): PeriodRecord[] {
  return records
    .map((record, index) => ({ record, index }))
    .sort((a, b) =>
      a.record.period < b.record.period ? -1 : a.record.period > b.record.period ? 1 : a.index - b.index,
    )
    .map(({ record }) => record);
}

/** Just the recorded fields (a `CurrentRecord` also carries its row, which is not recorded). */
function toPeriodRecord(record: PeriodRecord, period: IsoDate): PeriodRecord {
  return {
    period,
    key: record.key,
    seq: record.seq,
    description: record.description,
    unit: record.unit,
    status: record.status,
    light: record.light,
    overdueDays: record.overdueDays,
    deadline: record.deadline,
    completed: record.completed,
    closed: record.closed,
  };
}
