/**
 * Calendar arithmetic on `IsoDate` strings, with date-fns semantics (31 Jan + 1 month = 28/29 Feb).
 *
 * The engine calls these once or more per item (lights, deadline/type checks, reviews), so the hot
 * paths work on the proleptic Gregorian calendar in plain integers — day numbers from
 * `dayNumber`/`isoFromDayNumber` — rather than building a `Date` and going through date-fns each
 * time. The results are those of date-fns'
 * `addMonths`/`addDays`/`differenceInCalendarDays` on local-midnight dates, which count calendar days
 * whatever the time zone; anything that is not a plain `YYYY-MM-DD` with an integer amount takes the
 * date-fns path, so odd input behaves exactly as date-fns makes it.
 */
import { addDays, addMonths, differenceInCalendarDays } from "date-fns";
import type { IsoDate } from "./types";

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in a month (1–12) of the Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] as number);
}

function formatYmd(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** A valid calendar date as `YYYY-MM-DD`, or null (`2025-02-30` is not a date). */
export function isoFromYmd(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return formatYmd(year, month, day);
}

/** The last day of a month, e.g. `2025年3月` → 2025-03-31. */
export function monthEnd(year: number, month: number): IsoDate | null {
  if (isoFromYmd(year, month, 1) === null) return null;
  return formatYmd(year, month, daysInMonth(year, month));
}

export function toDate(iso: IsoDate): Date {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

export function fromDate(date: Date): IsoDate {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

/** Year, month and day of a well-formed `YYYY-MM-DD` (a real date), or null. No allocation. */
function ymdOf(iso: IsoDate): { year: number; month: number; day: number } | null {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return null;
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 7);
  const day = digits(iso, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** The decimal number in `text[from, to)`, or -1 when a character is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Days since 1970-01-01 of a Gregorian date (Howard Hinnant's `days_from_civil`). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of `dayNumber` (`civil_from_days`), formatted: `0` → `1970-01-01`. */
export function isoFromDayNumber(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatYmd(year, month, day);
}

/** date-fns `addMonths`: the same day `months` later, or that month's last day when it is shorter. */
export function addMonthsIso(iso: IsoDate, months: number): IsoDate {
  const ymd = Number.isInteger(months) ? ymdOf(iso) : null;
  if (ymd === null || ymd.year < 1000) return fromDate(addMonths(toDate(iso), months));
  const index = ymd.year * 12 + (ymd.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  if (year < 1000 || year > 9999) return fromDate(addMonths(toDate(iso), months));
  return formatYmd(year, month, Math.min(ymd.day, daysInMonth(year, month)));
}

export function addDaysIso(iso: IsoDate, days: number): IsoDate {
  const ymd = Number.isInteger(days) ? ymdOf(iso) : null;
  if (ymd === null || ymd.year < 1000) return fromDate(addDays(toDate(iso), days));
  const result = isoFromDayNumber(dayNumber(ymd.year, ymd.month, ymd.day) + days);
  return result.length === 10 ? result : fromDate(addDays(toDate(iso), days));
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = ymdOf(from);
  const b = ymdOf(to);
  if (a === null || b === null || a.year < 1000 || b.year < 1000) {
    return differenceInCalendarDays(toDate(to), toDate(from));
  }
  return dayNumber(b.year, b.month, b.day) - dayNumber(a.year, a.month, a.day);
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
