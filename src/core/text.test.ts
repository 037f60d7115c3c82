import fc from "fast-check";
import { cellText, dropTrailingNote, normalizeHeader, normalizeText, toHalfWidth } from "./text";
import { arbitraryCellValue } from "../../test/support/cell-arbitrary";
import type { CellValue } from "./types";

describe("cellText", () => {
  test.each<[string, CellValue, string]>([
    ["null", null, ""],
    ["text, trimmed", "  已完成 \n", "已完成"],
    ["whitespace only", " \u3000 ", ""],
    ["rich text joins its runs", { runs: ["整改", "完成 "] }, "整改完成"],
    ["error code", { error: "#N/A" }, "#N/A"],
    ["true", true, "TRUE"],
    ["false", false, "FALSE"],
    ["integer serial", 45731, "45731"],
    ["negative", -3, "-3"],
    ["minus zero", -0, "0"],
    ["decimal", 12.5, "12.5"],
    ["float noise dropped (15 significant digits)", 0.1 + 0.2, "0.3"],
    ["1e20 without an exponent", 1e20, "100000000000000000000"],
    ["yyyymmdd number", 20250315, "20250315"],
    ["NaN", Number.NaN, "NaN"],
    ["Infinity", Number.POSITIVE_INFINITY, "Infinity"],
  ])("%s", (_name, value, expected) => expect(cellText(value)).toBe(expected));

  test("never throws and is always trimmed", () => {
    fc.assert(
      fc.property(arbitraryCellValue, (value) => {
        const text = cellText(value);
        expect(text).toBe(text.trim());
      }),
    );
  });
});

describe("toHalfWidth", () => {
  test.each([
    ["２０２５／３／１５", "2025/3/15"],
    ["（完成时间）", "(完成时间)"],
    ["ＮＯ．１", "NO.1"],
    ["～！", "~!"],
    // The full-width comma and semicolon are in the block (U+FF0C, U+FF1B) …
    ["，；", ",;"],
    // … but outside U+FF01–U+FF5E nothing changes: the ideographic space, 。 and 、 stay.
    ["\u3000。、", "\u3000。、"],
  ])("%s → %s", (input, expected) => expect(toHalfWidth(input)).toBe(expected));
});

describe("normalizeText", () => {
  test.each([
    ["整改 时限", "整改时限"],
    ["整改\u3000时限", "整改时限"],
    ["整改\u00a0时限", "整改时限"],
    ["整改\n时限\r\n", "整改时限"],
    ["整改\t时限", "整改时限"],
    ["整改\u200b时限", "整改时限"],
    ["Ｎｏ", "no"],
    ["No.", "no."],
    ["ＡＢＣ ｄｅｆ", "abcdef"],
    ["", ""],
  ])("%j → %j", (input, expected) => expect(normalizeText(input)).toBe(expected));

  test("is idempotent and leaves no whitespace", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
        expect(once).not.toMatch(/\s/u);
      }),
    );
  });
});

describe("normalizeHeader", () => {
  test.each([
    ["整改时限（完成时间）", "整改时限"],
    ["整改时限(完成时间)", "整改时限"],
    ["整改时限 （完成时间） ", "整改时限"],
    ["计划完成\n时间（年月日）", "计划完成时间"],
    ["责任单位（部门）（盖章）", "责任单位"],
    ["Ｎｏ．", "no."],
    ["序 号", "序号"],
    // Only a *trailing* note goes.
    ["（一）问题描述", "(一)问题描述"],
    // A header that is only a note keeps it rather than becoming empty.
    ["（备注）", "(备注)"],
  ])("%j → %j", (input, expected) => expect(normalizeHeader(input)).toBe(expected));
});

describe("dropTrailingNote", () => {
  test.each([
    ["已完成(2025.3)", "已完成"],
    ["已完成", "已完成"],
    ["(注)", "(注)"],
    ["a(b(c)", "a(b"],
  ])("%j → %j", (input, expected) => expect(dropTrailingNote(input)).toBe(expected));
});
