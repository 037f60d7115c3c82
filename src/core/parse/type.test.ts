import fc from "fast-check";
import { parseItemType } from "./type";
import type { ItemType } from "../types";

describe("parseItemType — SPEC §3 types", () => {
  test.each<[string, ItemType | "unknown" | null]>([
    ["立行立改", "immediate"],
    ["立即整改", "immediate"],
    ["即查即改", "immediate"],
    ["立查立改", "immediate"],
    ["限期整改", "time_limited"],
    ["限时整改", "time_limited"],
    ["阶段性整改", "time_limited"],
    ["长效治理", "long_term"],
    ["长效机制", "long_term"],
    ["长期整改", "long_term"],
    ["持续整改", "long_term"],
    ["长期坚持", "long_term"],
    // The seed's own wording: 立行立改类, 限期整改类, 长效治理类
    ["立行立改类", "immediate"],
    ["限期整改类", "time_limited"],
    ["长效治理类", "long_term"],
    // Normalisation, notes, punctuation
    [" 立行 立改\n", "immediate"],
    ["限期整改（3个月）", "time_limited"],
    ["限期整改类（三个月内见效）", "time_limited"],
    ["长效治理。", "long_term"],
    // Blank
    ["", null],
    ["\u3000", null],
    // Unknown
    ["立行", "unknown"],
    ["类", "unknown"],
    ["限期", "unknown"],
    ["立行立改、长效治理", "unknown"],
    ["其他", "unknown"],
  ])("%j → %s", (text, expected) => expect(parseItemType(text)).toBe(expected));

  test("never throws", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const type = parseItemType(text);
        expect([null, "unknown", "immediate", "time_limited", "long_term"]).toContain(type);
      }),
    );
  });
});
