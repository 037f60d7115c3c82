/**
 * Calendar arithmetic on `IsoDate` strings, with date-fns semantics (31 Jan + 1 month = 28/29 Feb).
 * Dates are built at local midnight only inside these functions, so no caller ever sees a time zone.
 */
import { addDays, addMonths, differenceInCalendarDays, isValid, lastDayOfMonth } from "date-fns";
import type { IsoDate } from "./types";

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/** A valid calendar date as `YYYY-MM-DD`, or null (`2025-02-30` is not a date). */
export function isoFromYmd(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(year, month - 1, day);
  if (!isValid(d) || d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The last day of a month, e.g. `2025年3月` → 2025-03-31. */
export function monthEnd(year: number, month: number): IsoDate | null {
  if (isoFromYmd(year, month, 1) === null) return null;
  return fromDate(lastDayOfMonth(new Date(year, month - 1, 1)));
}

export function toDate(iso: IsoDate): Date {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

export function fromDate(date: Date): IsoDate {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

export function addMonthsIso(iso: IsoDate, months: number): IsoDate {
  return fromDate(addMonths(toDate(iso), months));
}

export function addDaysIso(iso: IsoDate, days: number): IsoDate {
  return fromDate(addDays(toDate(iso), days));
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(toDate(to), toDate(from));
}

/** Today's local date — the only clock read; callers at the edges (CLI, task pane) pass it in. */
export function localToday(now: Date = new Date()): IsoDate {
  return fromDate(now);
}

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict `YYYY-MM-DD` (CLI flags, stored settings). */
export function parseIsoDate(text: string): IsoDate | null {
  const m = ISO_PATTERN.exec(text);
  return m ? isoFromYmd(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}
