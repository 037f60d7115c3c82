import fc from "fast-check";
import {
  excelSerialToIso,
  findDateIn,
  isDateNumberFormat,
  MAX_SERIAL_1900,
  parseDateText,
  readDateCell,
  readDeadlineCell,
} from "./date";
import { isoFromYmd } from "../dates";
import { arbitraryCellValue, arbitraryNumberFormat } from "../../../test/support/cell-arbitrary";
import type { CellValue, DateReading, DeadlineReading, IsoDate } from "../types";

/** A returned date must be a real calendar date that `isoFromYmd` rebuilds to the same string. */
function expectValidIso(date: IsoDate): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  expect(m).not.toBeNull();
  expect(isoFromYmd(Number(m?.[1]), Number(m?.[2]), Number(m?.[3]))).toBe(date);
}

describe("excelSerialToIso — 1900 system", () => {
  test.each<[number, IsoDate | null]>([
    [1, "1900-01-01"],
    [31, "1900-01-31"],
    [59, "1900-02-28"],
    // Excel's fake 1900-02-29 (the Lotus 1-2-3 bug): no real date.
    [60, null],
    [61, "1900-03-01"],
    [366, "1900-12-31"],
    [367, "1901-01-01"],
    [18264, "1950-01-01"],
    [36526, "2000-01-01"],
    [45658, "2025-01-01"],
    [45731, "2025-03-15"],
    [45351, "2024-02-29"],
    [73050, "2099-12-31"],
    [MAX_SERIAL_1900, "9999-12-31"],
    // The time of day is ignored.
    [45731.99999, "2025-03-15"],
    [61.5, "1900-03-01"],
    // Out of range.
    [0, null],
    [0.75, null],
    [-1, null],
    [MAX_SERIAL_1900 + 1, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    [Number.NEGATIVE_INFINITY, null],
  ])("%d → %s", (serial, expected) => expect(excelSerialToIso(serial, false)).toBe(expected));
});

describe("excelSerialToIso — 1904 system", () => {
  test.each<[number, IsoDate | null]>([
    [0, "1904-01-01"],
    [0.5, "1904-01-01"],
    [1, "1904-01-02"],
    [59, "1904-02-29"],
    [60, "1904-03-01"],
    // The same day is 1462 serials apart in the two systems.
    [45731 - 1462, "2025-03-15"],
    [MAX_SERIAL_1900 - 1462, "9999-12-31"],
    [MAX_SERIAL_1900 - 1461, null],
    [-1, null],
    [Number.NaN, null],
  ])("%d → %s", (serial, expected) => expect(excelSerialToIso(serial, true)).toBe(expected));

  test("every in-range serial gives a valid date, consecutive serials consecutive days", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: MAX_SERIAL_1900 - 1462 - 1 }), fc.boolean(), (serial, date1904) => {
        const today = excelSerialToIso(serial, date1904);
        const tomorrow = excelSerialToIso(serial + 1, date1904);
        if (today === null || tomorrow === null) throw new Error("in range yet null");
        expectValidIso(today);
        expect(new Date(`${tomorrow}T00:00:00Z`).getTime() - new Date(`${today}T00:00:00Z`).getTime()).toBe(86_400_000);
      }),
    );
  });
});

describe("isDateNumberFormat", () => {
  test.each<[string | null, boolean]>([
    [null, false],
    ["", false],
    ["General", false],
    ["0", false],
    ["0.00", false],
    ["#,##0.00_);[Red](#,##0.00)", false],
    ["0%", false],
    ["@", false],
    ['0.0 "天"', false],
    ['"date" 0', false],
    ["yyyy-mm-dd", true],
    ["yyyy/m/d", true],
    ["m/d/yyyy", true],
    ["d-mmm-yy", true],
    ["mmm-yy", true],
    ["mmmm", true],
    ["dd", true],
    ["m/d/yy h:mm", true],
    ["yyyy-mm-dd hh:mm:ss", true],
    ['yyyy"年"m"月"d"日"', true],
    ['[$-804]yyyy"年"m"月"d"日";@', true],
    ["[DBNum1][$-804]yyyy年m月d日", true],
    ["yyyy年m月", true],
    ["m月d日", true],
    ["[$-F800]dddd, mmmm dd, yyyy", true],
    // Time only: the m is minutes.
    ["h:mm", false],
    ["hh:mm:ss", false],
    ["mm:ss", false],
    ["[h]:mm:ss", false],
    ["[mm]:ss", false],
    ["h:mm AM/PM", false],
    ["h:mm:ss A/P", false],
    ['h"时"mm"分"', false],
    // Escaped or quoted letters are literal text.
    ["0\\d", false],
    ['0 "days"', false],
    ["[Red]0.00", false],
    ["[Color10]0", false],
  ])("%j → %s", (format, expected) => expect(isDateNumberFormat(format)).toBe(expected));
});

describe("parseDateText — SPEC §3 forms", () => {
  test.each<[string, IsoDate | null]>([
    // Full dates
    ["2025-03-15", "2025-03-15"],
    ["2025/3/15", "2025-03-15"],
    ["2025.3.15", "2025-03-15"],
    ["2025年3月15日", "2025-03-15"],
    ["2025年3月15号", "2025-03-15"],
    ["2025年03月05日", "2025-03-05"],
    ["2025年3月15", "2025-03-15"],
    ["20250315", "2025-03-15"],
    // With a time of day
    ["2025-03-15 10:00", "2025-03-15"],
    ["2025/3/15 9:05:30", "2025-03-15"],
    ["2025-03-15T10:00:00", "2025-03-15"],
    ["2025年3月15日 10:00", "2025-03-15"],
    // Month only → last day of the month
    ["2025年3月", "2025-03-31"],
    ["2025年3月底", "2025-03-31"],
    ["2025年3月末", "2025-03-31"],
    ["2025年3月份", "2025-03-31"],
    ["2025.3", "2025-03-31"],
    ["2025-03", "2025-03-31"],
    ["2025/3", "2025-03-31"],
    ["2025年4月", "2025-04-30"],
    ["2025年2月", "2025-02-28"],
    ["2024年2月底", "2024-02-29"],
    ["2000.2", "2000-02-29"],
    ["2100年2月", "2100-02-28"],
    // Year end
    ["2025年底", "2025-12-31"],
    ["2025年底前", "2025-12-31"],
    ["2025年年底", "2025-12-31"],
    ["2025年年底前", "2025-12-31"],
    ["2025年末", "2025-12-31"],
    ["2025年12月底前", "2025-12-31"],
    ["2025年", "2025-12-31"],
    // Halves
    ["2025年上半年", "2025-06-30"],
    ["2025年下半年", "2025-12-31"],
    ["2025年上半年前", "2025-06-30"],
    ["2025上半年", "2025-06-30"],
    // Quarters
    ["2025年第一季度", "2025-03-31"],
    ["2025年一季度", "2025-03-31"],
    ["2025年1季度", "2025-03-31"],
    ["2025年第二季度", "2025-06-30"],
    ["2025年第三季度末", "2025-09-30"],
    ["2025年四季度前", "2025-12-31"],
    ["2025年第4季度", "2025-12-31"],
    ["2025Q1", "2025-03-31"],
    ["2025年Q2", "2025-06-30"],
    ["2025-q3", "2025-09-30"],
    ["Q4 2025", "2025-12-31"],
    // A trailing 前 (之前, 以前) and 完成 change nothing
    ["2025-03-15前", "2025-03-15"],
    ["2025年3月15日前", "2025-03-15"],
    ["2025年3月15日之前", "2025-03-15"],
    ["2025年3月以前", "2025-03-31"],
    ["2025年6月底前完成", "2025-06-30"],
    ["2025年6月底前完成整改", "2025-06-30"],
    ["2025年6月30日。", "2025-06-30"],
    // Full-width digits and spaces, line breaks
    ["２０２５年３月１５日", "2025-03-15"],
    ["２０２５．３．１５", "2025-03-15"],
    ["2025 年 3 月 15 日", "2025-03-15"],
    ["2025年\u30003月底", "2025-03-31"],
    ["2025年\n3月底前", "2025-03-31"],
    ["  2025-03-15  ", "2025-03-15"],
    // Two-digit years are this century (SPEC §3)
    ["25.2.20", "2025-02-20"],
    ["25/2/20", "2025-02-20"],
    ["25-3-15", "2025-03-15"],
    ["25年2月20日", "2025-02-20"],
    ["25年2月20号", "2025-02-20"],
    ["２５．２．２０", "2025-02-20"],
    ["25.02.20", "2025-02-20"],
    ["25年3月", "2025-03-31"],
    ["25年3月底前", "2025-03-31"],
    ["25年底", "2025-12-31"],
    ["25年上半年", "2025-06-30"],
    ["25年第一季度", "2025-03-31"],
    ["25.2.20 10:00", "2025-02-20"],
    ["00.1.1", "2000-01-01"],
    ["99.1.1", "2099-01-01"], // "this century": no pivot back to 1999
    ["24.2.29", "2024-02-29"],
    // Leap years
    ["2024-02-29", "2024-02-29"],
    ["2000/2/29", "2000-02-29"],
    // Not dates
    ["", null],
    ["   ", null],
    ["3月底", null],
    ["3月15日", null],
    ["年底前", null],
    ["上半年", null],
    ["一季度", null],
    ["2025-02-30", null],
    ["2025-02-29", null],
    ["1900-02-29", null],
    ["2100-02-29", null],
    ["2025年13月", null],
    ["2025-13", null],
    ["2025-00-10", null],
    ["2025年3月32日", null],
    ["2025年第五季度", null],
    ["2025Q5", null],
    ["2025-3/15", null],
    ["1899-12-31", null],
    // Two-digit forms that are not dates: two numbers only (month.day, or a month of no year),
    // an impossible day, mixed separators, a bare 25年 (a number of years), three-digit years
    ["3.15", null],
    ["3/15", null],
    ["25.2", null],
    ["25/2", null],
    ["25.2.30", null],
    ["23.2.29", null],
    ["25.2/20", null],
    ["25年", null],
    ["125.2.20", null],
    ["5.2.20", null],
    ["25.13.1", null],
    ["二〇二五年三月", null],
    ["二〇二五年底", null],
    ["立行立改", null],
    ["长期坚持", null],
    ["2025", null],
    ["45731", null],
    ["2025年3月底前完成全部整改任务并形成制度", null],
    ["x".repeat(10_000), null],
  ])("%j → %s", (text, expected) => expect(parseDateText(text)).toBe(expected));

  test("any date it returns is valid", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const date = parseDateText(text);
        if (date !== null) expectValidIso(date);
      }),
    );
  });

  test("every ISO date round-trips, in every separator", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(1900, 0, 1), max: new Date(9999, 11, 31), noInvalidDate: true }), (d) => {
        const [y, m, day] = [d.getFullYear(), d.getMonth() + 1, d.getDate()];
        const iso = isoFromYmd(y, m, day);
        if (iso === null) throw new Error("fc.date out of range");
        expect(parseDateText(iso)).toBe(iso);
        expect(parseDateText(`${y}/${m}/${day}`)).toBe(iso);
        expect(parseDateText(`${y}.${m}.${day}`)).toBe(iso);
        expect(parseDateText(`${y}年${m}月${day}日`)).toBe(iso);
      }),
    );
  });
});

describe("findDateIn", () => {
  test.each<[string, IsoDate | null]>([
    ["并于2025年6月底前完成全部整改", "2025-06-30"],
    ["按2025.3.15要求", "2025-03-15"],
    ["2025年12月31日前", "2025-12-31"],
    ["截至2025-03-15", "2025-03-15"],
    ["完成2项", null],
    ["2025-02-30", null],
    ["2025年2月30日前", null],
    ["2025年6月底前完成20项", "2025-06-30"],
    ["2025.3.15.", "2025-03-15"],
    ["12345678", null],
    ["", null],
    ["并于25年6月底前完成", "2025-06-30"],
    ["按25.3.15要求", "2025-03-15"],
    ["追回12.3万元", null],
    ["3.15前完成", null],
  ])("%j → %s", (clause, expected) => expect(findDateIn(clause)).toBe(expected));
});

describe("readDateCell", () => {
  const GENERAL = null;
  test.each<[string, CellValue, string | null, boolean, DateReading]>([
    ["blank", null, GENERAL, false, { kind: "empty" }],
    ["empty text", "", GENERAL, false, { kind: "empty" }],
    ["whitespace text", " \u3000\n", GENERAL, false, { kind: "empty" }],
    ["empty rich text", { runs: [" "] }, GENERAL, false, { kind: "empty" }],
    ["serial under a date format", 45731, "yyyy-mm-dd", false, { kind: "date", date: "2025-03-15" }],
    ["serial under a Chinese date format", 45731, "[$-804]yyyy年m月d日", false, { kind: "date", date: "2025-03-15" }],
    [
      "serial with a time under a date format",
      45731.5,
      "yyyy-mm-dd hh:mm",
      false,
      { kind: "date", date: "2025-03-15" },
    ],
    ["old serial under a date format", 1, "yyyy-mm-dd", false, { kind: "date", date: "1900-01-01" }],
    ["fake 1900-02-29 under a date format", 60, "yyyy-mm-dd", false, { kind: "invalid", text: "60" }],
    ["1904 serial", 0, "yyyy-mm-dd", true, { kind: "date", date: "1904-01-01" }],
    ["1904 serial of 2025-03-15", 45731 - 1462, "yyyy-mm-dd", true, { kind: "date", date: "2025-03-15" }],
    ["unformatted serial (format lost)", 45731, GENERAL, false, { kind: "date", date: "2025-03-15" }],
    ["unformatted serial in General", 45731, "General", false, { kind: "date", date: "2025-03-15" }],
    ["unformatted serial, first accepted (1950-01-01)", 18264, GENERAL, false, { kind: "date", date: "1950-01-01" }],
    ["unformatted serial before 1950", 18263, GENERAL, false, { kind: "invalid", text: "18263" }],
    ["unformatted serial, last accepted (2099-12-31)", 73050, GENERAL, false, { kind: "date", date: "2099-12-31" }],
    ["unformatted serial after 2099", 73051, GENERAL, false, { kind: "invalid", text: "73051" }],
    ["unformatted 1904 serial", 45731 - 1462, GENERAL, true, { kind: "date", date: "2025-03-15" }],
    ["small number", 15, GENERAL, false, { kind: "invalid", text: "15" }],
    ["small number under a number format", 3, "0.00", false, { kind: "invalid", text: "3" }],
    ["yyyymmdd number", 20250315, GENERAL, false, { kind: "date", date: "2025-03-15" }],
    ["yyyymmdd number under a date format", 20250315, "yyyy-mm-dd", false, { kind: "date", date: "2025-03-15" }],
    ["impossible yyyymmdd", 20250230, GENERAL, false, { kind: "invalid", text: "20250230" }],
    ["negative", -5, "yyyy-mm-dd", false, { kind: "invalid", text: "-5" }],
    ["huge", 1e15, "yyyy-mm-dd", false, { kind: "invalid", text: "1000000000000000" }],
    ["NaN", Number.NaN, "yyyy-mm-dd", false, { kind: "invalid", text: "NaN" }],
    ["text date", "2025年3月15日", GENERAL, false, { kind: "date", date: "2025-03-15" }],
    ["text month", "2025.3", GENERAL, false, { kind: "date", date: "2025-03-31" }],
    ["rich text date", { runs: ["2025年", "3月底"] }, GENERAL, false, { kind: "date", date: "2025-03-31" }],
    ["text without a year", "3月底", GENERAL, false, { kind: "invalid", text: "3月底" }],
    ["impossible text date", "2025-02-30", GENERAL, false, { kind: "invalid", text: "2025-02-30" }],
    [
      "a sentence is not a plain date",
      "已于2025年3月完成",
      GENERAL,
      false,
      { kind: "invalid", text: "已于2025年3月完成" },
    ],
    ["long-term words are not a date", "长期坚持", GENERAL, false, { kind: "invalid", text: "长期坚持" }],
    ["boolean", true, GENERAL, false, { kind: "invalid", text: "TRUE" }],
    ["error", { error: "#N/A" }, GENERAL, false, { kind: "invalid", text: "#N/A" }],
  ])("%s", (_name, value, format, date1904, expected) =>
    expect(readDateCell(value, format, date1904)).toEqual(expected),
  );

  test("never throws; a date is always valid; invalid carries the non-empty cell text", () => {
    fc.assert(
      fc.property(arbitraryCellValue, arbitraryNumberFormat, fc.boolean(), (value, format, date1904) => {
        const reading = readDateCell(value, format, date1904);
        if (reading.kind === "date") expectValidIso(reading.date);
        if (reading.kind === "invalid") expect(reading.text).not.toBe("");
      }),
    );
  });
});

describe("readDeadlineCell", () => {
  const reading = (date: IsoDate | null, ongoing: boolean, invalid: boolean, text: string): DeadlineReading => ({
    date,
    ongoing,
    invalid,
    text,
  });
  test.each<[string, CellValue, string | null, DeadlineReading]>([
    ["blank", null, null, reading(null, false, false, "")],
    ["whitespace", " ", null, reading(null, false, false, "")],
    ["date text", "2025年3月底前", null, reading("2025-03-31", false, false, "2025年3月底前")],
    ["date serial", 45731, "yyyy/m/d", reading("2025-03-15", false, false, "45731")],
    ["unformatted serial", 45731, null, reading("2025-03-15", false, false, "45731")],
    ["number that is no date", 12, null, reading(null, false, true, "12")],
    ["boolean", false, null, reading(null, false, true, "FALSE")],
    ["error", { error: "#REF!" }, null, reading(null, false, true, "#REF!")],
    // SPEC §3 long-term phrases
    ["长期坚持", "长期坚持", null, reading(null, true, false, "长期坚持")],
    ["长期", "长期", null, reading(null, true, false, "长期")],
    ["持续推进", "持续推进", null, reading(null, true, false, "持续推进")],
    ["常态化", "常态化", null, reading(null, true, false, "常态化")],
    ["长效", "长效", null, reading(null, true, false, "长效")],
    ["常态化推进", "常态化推进", null, reading(null, true, false, "常态化推进")],
    ["持续整改", "持续整改", null, reading(null, true, false, "持续整改")],
    ["立行立改，长期坚持", "立行立改，长期坚持", null, reading(null, true, false, "立行立改，长期坚持")],
    ["spaced phrase", "长 期 坚 持", null, reading(null, true, false, "长 期 坚 持")],
    ["rich text phrase", { runs: ["长期", "坚持"] }, null, reading(null, true, false, "长期坚持")],
    // Date and ongoing
    [
      "2024年底前，并长期坚持",
      "2024年底前，并长期坚持",
      null,
      reading("2024-12-31", true, false, "2024年底前，并长期坚持"),
    ],
    ["date; ongoing", "2025-06-30；长效治理", null, reading("2025-06-30", true, false, "2025-06-30；长效治理")],
    ["full-width comma", "2025年6月底前,长期坚持", null, reading("2025-06-30", true, false, "2025年6月底前,长期坚持")],
    ["date、ongoing", "2025年6月、持续推进", null, reading("2025-06-30", true, false, "2025年6月、持续推进")],
    ["line break", "2025年6月底前\n长期坚持", null, reading("2025-06-30", true, false, "2025年6月底前\n长期坚持")],
    [
      "date inside a clause",
      "并于2025年6月底前完成",
      null,
      reading("2025-06-30", false, false, "并于2025年6月底前完成"),
    ],
    [
      "several dates: the latest",
      "2025年3月底前完成初步整改，2025年底前全面完成",
      null,
      reading("2025-12-31", false, false, "2025年3月底前完成初步整改，2025年底前全面完成"),
    ],
    ["立行立改 alone", "立行立改", null, reading(null, false, true, "立行立改")],
    ["no year", "3月底", null, reading(null, false, true, "3月底")],
    ["no year, ongoing", "3月底前，长期坚持", null, reading(null, true, false, "3月底前，长期坚持")],
    ["impossible date", "2025-02-30", null, reading(null, false, true, "2025-02-30")],
    [
      "impossible date in a sentence",
      "于2025年2月30日前完成",
      null,
      reading(null, false, true, "于2025年2月30日前完成"),
    ],
    ["free text", "尽快", null, reading(null, false, true, "尽快")],
  ])("%s", (_name, value, format, expected) => expect(readDeadlineCell(value, format, false)).toEqual(expected));

  test("never throws; a date is always valid; invalid means non-empty, no date and not ongoing", () => {
    fc.assert(
      fc.property(arbitraryCellValue, arbitraryNumberFormat, fc.boolean(), (value, format, date1904) => {
        const r = readDeadlineCell(value, format, date1904);
        if (r.date !== null) expectValidIso(r.date);
        expect(r.invalid).toBe(r.text !== "" && r.date === null && !r.ongoing);
        if (r.text === "") expect(r).toEqual({ date: null, ongoing: false, invalid: false, text: "" });
      }),
    );
  });

  test("agrees with readDateCell on every date readDateCell finds", () => {
    fc.assert(
      fc.property(arbitraryCellValue, arbitraryNumberFormat, fc.boolean(), (value, format, date1904) => {
        const plain = readDateCell(value, format, date1904);
        if (plain.kind === "date") expect(readDeadlineCell(value, format, date1904).date).toBe(plain.date);
      }),
    );
  });

  test("a pathological cell stays cheap", () => {
    const huge = "2025年".repeat(3000) + " ".repeat(20_000) + "长期坚持";
    expect(readDeadlineCell(huge, null, false).ongoing).toBe(true);
  });
});
