/**
 * Reading dates as ledgers type them (SPEC §3 "Dates"): Excel serial numbers in either date system,
 * and text such as `2025-03-15`, `2025年3月底前`, `2025年上半年` or `2025年第一季度`.
 *
 * Every date this module returns comes out of `isoFromYmd`/`monthEnd`, so it is a real calendar date
 * between 1900 and 9999.
 */
import { dayNumber, isoFromDayNumber, isoFromYmd, monthEnd } from "../dates";
import { Memo } from "../memo";
import { cellText, normalizeText, toHalfWidth } from "../text";
import type { CellValue, DateReading, DeadlineReading, IsoDate } from "../types";

// ───────────────────────────── Excel serial numbers ─────────────────────────────

/** 9999-12-31, the last date Excel can show, in the 1900 system. */
export const MAX_SERIAL_1900 = 2958465;
/** Days between the two systems' day zero (1899-12-31 vs 1904-01-01, counting the fake 1900-02-29). */
const DAYS_1900_TO_1904 = 1462;
/** Day numbers (days since 1970-01-01) of each system's day zero. */
const DAY_ZERO_1904 = dayNumber(1904, 1, 1);
/** Serials before the fake 29 Feb 1900 count from 1899-12-31, later ones from 1899-12-30. */
const DAY_ZERO_BEFORE_FAKE_LEAP_DAY = dayNumber(1899, 12, 31);
const DAY_ZERO_AFTER_FAKE_LEAP_DAY = dayNumber(1899, 12, 30);

/**
 * An Excel serial date as `YYYY-MM-DD`; the time of day (fractional part) is ignored.
 *
 * 1900 system: serial 1 is 1900-01-01. Excel (copying Lotus 1-2-3) counts a 29 Feb 1900 that never
 * existed as serial 60, so serials 1–59 are 1900-01-01…1900-02-28, 60 is that fake day (no date: null)
 * and 61 onward is one day later than plain counting would say (61 → 1900-03-01).
 * 1904 system: serial 0 is 1904-01-01.
 * Anything before the system's first day or after 9999-12-31 is null, as is NaN/±Infinity.
 * Plain day arithmetic (no `Date`), so no time zone or daylight-saving shift can move a day.
 */
export function excelSerialToIso(serial: number, date1904: boolean): IsoDate | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (date1904) {
    if (day < 0 || day > MAX_SERIAL_1900 - DAYS_1900_TO_1904) return null;
    return isoFromDayNumber(DAY_ZERO_1904 + day);
  }
  if (day < 1 || day > MAX_SERIAL_1900 || day === 60) return null;
  return isoFromDayNumber((day < 60 ? DAY_ZERO_BEFORE_FAKE_LEAP_DAY : DAY_ZERO_AFTER_FAKE_LEAP_DAY) + day);
}

// ───────────────────────────── Number formats ─────────────────────────────

/**
 * Whether an Excel number format shows a date: it has a year/month/day token (`y`, `m`, `d`, `年`,
 * `月`, `日`) outside quoted text, `\`-escaped characters, `[…]` sections (`[$-804]`, `[Red]`,
 * `[DBNum1]`, elapsed `[h]`) and `_x`/`*x` padding. An `m` is minutes, not months, when it follows an
 * hour (`h:mm`) or precedes seconds (`mm:ss`) — Excel's own rule. `General`, `0.00` and `@` are not dates;
 * a time-only format (`h:mm`) is not a date either.
 */
export function isDateNumberFormat(format: string | null): boolean {
  return format ? dateFormats.get(format) : false;
}

/** A workbook uses a handful of formats over thousands of cells: each is classified once. */
const dateFormats = new Memo<string, boolean>(classifyNumberFormat);

function classifyNumberFormat(format: string): boolean {
  const stripped = format
    .replace(/"[^"]*"?/g, "") // quoted literal text, e.g. yyyy"年"
    .replace(/\\./g, "") // escaped characters
    .replace(/\[[^\]]*\]?/g, "") // locale, colour, condition and elapsed-time sections
    .replace(/[_*]./g, "") // padding and fill characters
    .replace(/am\/pm|a\/p|上午\/下午/gi, "") // the M of AM/PM is not a month
    .toLowerCase();
  if (/[yd年月日]/.test(stripped)) return true;
  // Only `m` left: it is a month unless it sits in a time next to h or s.
  const tokens = stripped.match(/[hms]+/g) ?? [];
  return tokens.some((token, i) => {
    if (token[0] !== "m") return false;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    return !(before?.[0] === "h" || after?.[0] === "s");
  });
}

// ───────────────────────────── Date text ─────────────────────────────

/** A time of day after the date (`2025-03-15 10:00`, `2025-03-15T10:00:00`), dropped before parsing. */
const TRAILING_TIME = /(?:\s+|t)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:am|pm))?$/i;
/**
 * Words after a date that change nothing: SPEC §3 "A trailing `前` changes nothing" (also 之前, 以前),
 * and the `完成`/`完成整改` ledgers often add (`2025年6月底前完成`).
 */
const TRAILING_FILLER = /(?:之前|以前|前)?(?:完成整改|完成)?[。.]?$/;

const CHINESE_QUARTER: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  "1": 1,
  "2": 2,
  "3": 3,
  "4": 4,
};

/** Longer text is not a date on its own (`2025 年 12 月 31 日 之前 完成整改` is 25 characters). */
const MAX_DATE_TEXT_LENGTH = 60;

type DatePattern = readonly [RegExp, (m: RegExpExecArray) => IsoDate | null];

const num = (s: string | undefined): number => Number(s);

/**
 * SPEC §3: "Two-digit years are this century": `25` is 2025, `99` is 2099 (not 1999 — a ledger's
 * dates are recent or due, and SPEC says this century without a pivot).
 */
export const TWO_DIGIT_YEAR_BASE = 2000;

/** A year as typed: four digits as they are, two digits in this century. */
const year = (s: string | undefined): number => (s !== undefined && s.length === 2 ? TWO_DIGIT_YEAR_BASE : 0) + num(s);

/**
 * Tried in order on whitespace-free, half-width, lower-case text. Years are four digits, or two
 * where nothing else can be meant: before 年 (`25年2月20日`, `25年底`, never a bare `25年`), or
 * first of three numbers with one separator (`25.2.20`, `25/2/20`). Two numbers (`3.15`, `25.2`)
 * are a month and a day or a month of an unknown year, so they are not dates.
 */
const DATE_PATTERNS: readonly DatePattern[] = [
  // 2025-03-15, 2025/3/15, 2025.3.15, 25.2.20, 25/2/20 (one separator used throughout)
  [/^(\d{4}|\d{2})([-/.])(\d{1,2})\2(\d{1,2})$/, (m) => isoFromYmd(year(m[1]), num(m[3]), num(m[4]))],
  // 2025年3月15日, 2025年3月15号, 2025年3月15, 25年2月20日
  [/^(\d{4}|\d{2})年(\d{1,2})月(\d{1,2})[日号]?$/, (m) => isoFromYmd(year(m[1]), num(m[2]), num(m[3]))],
  // 20250315 typed as text
  [/^(\d{4})(\d{2})(\d{2})$/, (m) => isoFromYmd(num(m[1]), num(m[2]), num(m[3]))],
  // month only → last day: 2025.3, 2025-03, 2025/3
  [/^(\d{4})[-/.](\d{1,2})$/, (m) => monthEnd(num(m[1]), num(m[2]))],
  // 2025年3月, 2025年3月底, 2025年3月末, 2025年3月份, 2025年12月底, 25年3月底
  [/^(\d{4}|\d{2})年(\d{1,2})月(?:份)?(?:底|末)?$/, (m) => monthEnd(year(m[1]), num(m[2]))],
  // 2025年底, 2025年末, 2025年年底, 2025年 (a year alone means its end, as a month alone means its end)
  [/^(\d{4})年(?:年?(?:底|末))?$/, (m) => isoFromYmd(num(m[1]), 12, 31)],
  // 25年底, 25年末 (a bare 25年 is more likely a count of years than a year)
  [/^(\d{2})年年?(?:底|末)$/, (m) => isoFromYmd(year(m[1]), 12, 31)],
  // 2025年上半年 → 30 Jun, 2025年下半年 → 31 Dec (optionally 年底/年末/末); 25年上半年
  [
    /^(\d{4}|\d{2}(?=年))年?(上|下)半年(?:底|末)?$/,
    (m) => (m[2] === "上" ? isoFromYmd(year(m[1]), 6, 30) : isoFromYmd(year(m[1]), 12, 31)),
  ],
  // 2025年第一季度, 2025年一季度, 2025年1季度, 2025年第1季度末, 25年第一季度
  [
    /^(\d{4}|\d{2}(?=年))年?第?([一二三四1-4])季度?(?:底|末)?$/,
    (m) => quarterEnd(year(m[1]), CHINESE_QUARTER[m[2] ?? ""]),
  ],
  // 2025q1, 2025-q1, 2025年q1
  [/^(\d{4})(?:年|-|\/|\.)?q([1-4])$/, (m) => quarterEnd(num(m[1]), num(m[2]))],
  // q1 2025 / q1-2025
  [/^q([1-4])(?:-|\/|\.)?(\d{4})$/, (m) => quarterEnd(num(m[2]), num(m[1]))],
];

function quarterEnd(year: number, quarter: number | undefined): IsoDate | null {
  return quarter === undefined ? null : monthEnd(year, quarter * 3);
}

/**
 * A date from text in any form of SPEC §3, or null. Full-width digits and spaces are fine
 * (`２０２５年 ３月`); a time after the date is ignored; a month alone means its last day, a year's
 * end/half/quarter its last day; a two-digit year is this century (`25.2.20` → 2025-02-20). Text
 * without a year (`3月底`, `3.15`), impossible dates (`2025-02-30`, month 13) and years in Chinese
 * numerals (`二〇二五年`) are null.
 */
export function parseDateText(text: string): IsoDate | null {
  // No date form is anywhere near this long; the bound also keeps the regexes linear on huge cells.
  if (text.length > MAX_DATE_TEXT_LENGTH) return null;
  const withoutTime = toHalfWidth(text).trim().replace(TRAILING_TIME, "");
  const compact = withoutTime.replace(/[\s\u200B-\u200D\u2060]/gu, "").toLowerCase();
  const core = compact.replace(TRAILING_FILLER, "");
  if (core === "") return null;
  for (const [pattern, build] of DATE_PATTERNS) {
    const m = pattern.exec(core);
    if (m) return build(m);
  }
  return null;
}

// ───────────────────────────── Cells ─────────────────────────────

/**
 * Plain numbers (no date format) accepted as date serials: 1950-01-01 … 2099-12-31. A ledger date
 * column in General format still holds serials (the format was lost on copy/paste), but a small
 * number like `3` or `15` in a date column is far more likely a typo than 1900-01-03, so it is invalid.
 * With a date format, any serial Excel can show is accepted.
 */
export const UNFORMATTED_SERIAL_YEARS = { min: 1950, max: 2099 } as const;

/** A number typed as `yyyymmdd` (20250315). */
function yyyymmdd(n: number): IsoDate | null {
  if (!Number.isInteger(n) || n < 19000101 || n > 99991231) return null;
  return isoFromYmd(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
}

function numberToDate(n: number, numberFormat: string | null, date1904: boolean): IsoDate | null {
  const compact = yyyymmdd(n);
  if (compact) return compact;
  const iso = excelSerialToIso(n, date1904);
  if (iso === null || isDateNumberFormat(numberFormat)) return iso;
  const year = Number(iso.slice(0, 4));
  return year >= UNFORMATTED_SERIAL_YEARS.min && year <= UNFORMATTED_SERIAL_YEARS.max ? iso : null;
}

/**
 * A date field's cell (assigned, completed, closedOn, reviewed):
 * - blank (null, or only whitespace) → empty;
 * - a number → a date when it is `yyyymmdd` (20250315), a serial under a date format, or an unformatted
 *   serial in 1950…2099 (see `UNFORMATTED_SERIAL_YEARS`); otherwise invalid;
 * - text → `parseDateText`, else invalid;
 * - a boolean or an error → invalid.
 * `invalid` carries the cell's text so a finding can quote it.
 */
export function readDateCell(value: CellValue, numberFormat: string | null, date1904: boolean): DateReading {
  if (typeof value === "number") return numberReadings(isDateNumberFormat(numberFormat), date1904).get(value);
  const text = cellText(value);
  if (text === "") return EMPTY_READING;
  if (typeof value === "string" || (typeof value === "object" && value !== null && "runs" in value)) {
    return textReadings.get(text);
  }
  return { kind: "invalid", text };
}

const EMPTY_READING: DateReading = { kind: "empty" };

/** A date text's reading depends on the text alone; ledgers repeat their date texts. */
const textReadings = new Memo<string, DateReading>((text) => {
  const date = parseDateText(text);
  return date === null ? { kind: "invalid", text } : { kind: "date", date };
});

/**
 * A number's reading depends on the number, on whether its format shows a date, and on the date
 * system: one memo per combination (date serials repeat across a ledger's rows).
 */
const numberReadingMemos: readonly Memo<number, DateReading>[] = [false, true].flatMap((date1904) =>
  [false, true].map(
    (dateFormat) =>
      new Memo<number, DateReading>((n) => {
        // Any date format will do: `numberToDate` only asks whether the format shows a date.
        const date = numberToDate(n, dateFormat ? "yyyy-mm-dd" : null, date1904);
        return date === null ? { kind: "invalid", text: cellText(n) } : { kind: "date", date };
      }),
  ),
);

function numberReadings(dateFormat: boolean, date1904: boolean): Memo<number, DateReading> {
  return numberReadingMemos[(date1904 ? 2 : 0) + (dateFormat ? 1 : 0)] as Memo<number, DateReading>;
}

/**
 * SPEC §3 "Long-term phrases": 长期坚持, 长期, 持续推进, 常态化, 长效 make the item ongoing (found anywhere in
 * the cell, so `立行立改，长期坚持` and `常态化推进` count). 持续整改 is the status table's ongoing word and
 * means the same in a deadline cell.
 */
const LONG_TERM_PHRASES = ["长期", "持续推进", "持续整改", "常态化", "长效"] as const;

/** Clause separators of a deadline cell: `2024年底前，并长期坚持`. */
const CLAUSE_SEPARATORS = /[，,；;、。\s]+/u;

/**
 * A deadline cell: a date (as `readDateCell`), a long-term phrase, both, or neither.
 * - `2024年底前，并长期坚持` → date 2024-12-31 and ongoing;
 * - `立行立改，长期坚持` → ongoing; `立行立改` alone → invalid (a type, not a deadline);
 * - when the whole cell is not a date, the cell is split into clauses (`，,；;、。` and spaces) and a date is
 *   looked for inside each one, so `并于2025年6月底前完成全部整改` gives 2025-06-30 (see `findDateIn`);
 * - several dated clauses (`2025年3月底前完成初步整改，2025年底前全面完成`): the latest wins, because the
 *   整改时限 is when the whole rectification is due (SPEC is silent; this is the reading a user reports).
 * Only deadline cells get this search: the other date fields are plain dates, so there a sentence is invalid.
 */
export function readDeadlineCell(value: CellValue, numberFormat: string | null, date1904: boolean): DeadlineReading {
  if (typeof value === "number") {
    const memo = numberDeadlines[(date1904 ? 2 : 0) + (isDateNumberFormat(numberFormat) ? 1 : 0)];
    return (memo as Memo<number, DeadlineReading>).get(value);
  }
  const text = cellText(value);
  if (text === "") return NO_DEADLINE;
  if (typeof value !== "string" && !(typeof value === "object" && value !== null && "runs" in value)) {
    return deadlineFromDateReading(readDateCell(value, numberFormat, date1904), text);
  }
  return textDeadlines.get(text);
}

const NO_DEADLINE: DeadlineReading = { date: null, ongoing: false, invalid: false, text: "" };

function deadlineFromDateReading(reading: DateReading, text: string): DeadlineReading {
  const date = reading.kind === "date" ? reading.date : null;
  return { date, ongoing: false, invalid: date === null, text };
}

/** As `numberReadingMemos`, for deadline cells. */
const numberDeadlines: readonly Memo<number, DeadlineReading>[] = [false, true].flatMap((date1904) =>
  [false, true].map(
    (dateFormat) =>
      new Memo<number, DeadlineReading>((n) =>
        deadlineFromDateReading(numberReadings(dateFormat, date1904).get(n), cellText(n)),
      ),
  ),
);

/** A deadline text's reading depends on the text alone. */
const textDeadlines = new Memo<string, DeadlineReading>((text) => {
  const normalized = normalizeText(text);
  const ongoing = LONG_TERM_PHRASES.some((phrase) => normalized.includes(phrase));
  const date = parseDateText(text) ?? latestClauseDate(toHalfWidth(text));
  return { date, ongoing, invalid: date === null && !ongoing, text };
});

function latestClauseDate(text: string): IsoDate | null {
  let latest: IsoDate | null = null;
  for (const clause of text.split(CLAUSE_SEPARATORS)) {
    const date = findDateIn(clause);
    if (date !== null && (latest === null || date > latest)) latest = date;
  }
  return latest;
}

const MAX_YEARS_PER_CLAUSE = 8;
/** Where a date may start inside a clause: a four-digit year, or a two-digit one before 年 or a separator. */
const YEAR_START = /(?<!\d)(?:\d{4}|\d{2}(?=[年\-/.]))/g;

/**
 * Whether text names a year the way `parseDateText` reads one (`2025`, `25年`, `25.2.20`), so that
 * an unreadable date can be told apart from one whose year is missing (`3月底`, `3.15`).
 */
export function mentionsYear(text: string): boolean {
  return /\d{4}|(?<!\d)\d{2}\s*年|(?<!\d)\d{2}([-/.])\d{1,2}\1\d{1,2}/.test(toHalfWidth(text));
}

/**
 * The first date inside a clause: from each four-digit year (not part of a longer number), the longest
 * stretch that `parseDateText` reads and that is not followed by more digits or separators.
 * `并于2025年6月底前完成全部整改` → 2025-06-30; `按2025.3.15要求` → 2025-03-15.
 */
export function findDateIn(clause: string): IsoDate | null {
  let yearsTried = 0;
  for (const found of clause.matchAll(YEAR_START)) {
    // A deadline names a handful of years at most; the cap keeps a pathological cell cheap.
    if (++yearsTried > MAX_YEARS_PER_CLAUSE) break;
    const start = found.index;
    const end = Math.min(clause.length, start + MAX_DATE_TEXT_LENGTH);
    for (let stop = end; stop > start + 4; stop--) {
      // Never stop where the date text goes on (a digit or a number separator follows), so a broken
      // `2025-02-30` or `2025年2月30日` is not misread as the month before its impossible day.
      if (/[\d\-/.:]/.test(clause[stop] ?? "")) continue;
      const date = parseDateText(clause.slice(start, stop));
      if (date !== null) return date;
    }
  }
  return null;
}

/** The 1900-system serial of a date (the inverse of `excelSerialToIso` for dates from 1900-03-01). */
export function isoToExcelSerial(iso: IsoDate): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const day = dayNumber(y, m, d);
  const after = day - DAY_ZERO_AFTER_FAKE_LEAP_DAY;
  return after >= 61 ? after : day - DAY_ZERO_BEFORE_FAKE_LEAP_DAY;
}
