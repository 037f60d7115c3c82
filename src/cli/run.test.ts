import { isSummarySheetName, ledgerCandidates } from "./run";

describe("isSummarySheetName", () => {
  it.each<[string, boolean]>([
    ["整改情况汇总", true],
    ["整改情况汇总 (2)", true],
    ["整改情况汇总 (12)", true],
    ["整改情况汇总(2)", false],
    ["整改情况汇总表", false],
    ["2024年整改情况汇总", false],
  ])("%s → %p", (name, expected) => {
    expect(isSummarySheetName(name)).toBe(expected);
  });
});

describe("ledgerCandidates", () => {
  it("keeps workbook order and skips hidden, survey and summary sheets", () => {
    expect(
      ledgerCandidates([
        { name: "封面", hidden: false },
        { name: "旧台账", hidden: true },
        { name: "整改情况汇总", hidden: false },
        { name: "群众满意度调查", hidden: false },
        { name: "整改台账", hidden: false },
        { name: "问卷", hidden: false },
        { name: "整改情况汇总 (2)", hidden: false },
        { name: "测评结果", hidden: false },
        { name: "二季度台账", hidden: false },
      ]),
    ).toEqual(["封面", "整改台账", "二季度台账"]);
  });
});
