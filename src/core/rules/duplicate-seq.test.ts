import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { duplicateSeq, normaliseSeq } from "./duplicate-seq";

const items = (...seqs: (string | null)[]) => seqs.map((seq, i) => itemFrom({ row: 4 + i, seq, cells: { seq } }));

describe("duplicate-seq", () => {
  it("is silent when every number is distinct", () => {
    expect(runRule(duplicateSeq, contextFrom({ items: items("1", "2", "3", "10") }))).toEqual([]);
  });

  it("ignores empty numbers", () => {
    expect(runRule(duplicateSeq, contextFrom({ items: items(null, "", "  ", null) }))).toEqual([]);
  });

  it("reports each duplicate after the first at its own cell, naming the first row", () => {
    const findings = runRule(duplicateSeq, contextFrom({ items: items("1", "2", "1", "3", "1") }));
    expect(findings).toEqual([
      {
        rule: "duplicate-seq",
        severity: "error",
        row: 6,
        cell: "A6",
        field: "seq",
        message: { zh: "序号“1”重复（与第4行相同）", en: 'No. (序号) "1" is a duplicate (the same as row 4)' },
        sheet: "整改台账",
      },
      expect.objectContaining({
        row: 8,
        cell: "A8",
        message: expect.objectContaining({ zh: "序号“1”重复（与第4行相同）" }),
      }),
    ]);
  });

  it("treats full-width digits and spaces as the same number", () => {
    const findings = runRule(duplicateSeq, contextFrom({ items: items("1-2", "１－２", " 1 - 2 ") }));
    expect(findings.map((f) => f.row)).toEqual([5, 6]);
    expect(normaliseSeq("Ａ１")).toBe("a1");
  });

  it("keeps different numbers apart (1 and 1.1, 一 and 1)", () => {
    expect(runRule(duplicateSeq, contextFrom({ items: items("1", "1.1", "一", "11") }))).toEqual([]);
  });
});
