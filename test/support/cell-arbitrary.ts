/**
 * fast-check arbitraries for cell values, for property tests of the parsers: any `CellValue` a host
 * could hand over, with a bias towards the awkward ones (date-like text, full-width digits, NaN, huge
 * and negative numbers, serials near the 1900-02-29 quirk).
 */
import fc from "fast-check";
import type { CellValue } from "../../src/core/types";

const dateLikeText: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 0, max: 10000 }),
    fc.constantFrom("-", "/", ".", "年", "－", "／", " ", ""),
    fc.integer({ min: -1, max: 14 }),
    fc.constantFrom("-", "/", ".", "月", ""),
    fc.integer({ min: -1, max: 33 }),
    fc.constantFrom("", "日", "号", "底", "底前", "前", "之前", " 10:00", "，长期坚持", "完成"),
  )
  .map(([y, s1, m, s2, d, tail]) => `${y}${s1}${m}${s2}${d}${tail}`);

const ledgerWords = fc.constantFrom(
  "",
  " ",
  "\u3000",
  "长期坚持",
  "立行立改，长期坚持",
  "2024年底前，并长期坚持",
  "2025年上半年",
  "2025年第一季度",
  "Q4",
  "2025Q5",
  "已完成（2025.3）",
  "基本完成",
  "未销号",
  "√",
  "（）",
  "(((",
  "２０２５年３月",
);

const text: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  dateLikeText,
  ledgerWords,
);

const number: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer({ min: -100, max: 3_000_000 }),
  fc.integer({ min: 19_000_000, max: 100_000_000 }),
  fc.constantFrom(0, 59, 60, 61, 1462, 18264, 73050, 73051, 2_958_465, 2_958_466, 1e21, -0, 60.5),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_VALUE, Number.MIN_VALUE),
);

export const arbitraryCellValue: fc.Arbitrary<CellValue> = fc.oneof(
  text,
  number,
  fc.boolean(),
  fc.constant(null),
  fc.record({ error: fc.oneof(fc.constantFrom("#N/A", "#REF!", "#VALUE!", "#DIV/0!"), fc.string()) }),
  fc.record({ runs: fc.array(text, { maxLength: 4 }) }),
);

/** Number formats: date, time, numeric, text, and arbitrary strings. */
export const arbitraryNumberFormat: fc.Arbitrary<string | null> = fc.oneof(
  fc.constant(null),
  fc.constantFrom("General", "0.00", "@", "yyyy-mm-dd", "h:mm", '[$-804]yyyy"年"m"月"d"日"', "mm:ss", "m/d/yy"),
  fc.string(),
);
