import { ledgerCandidates, markedOwnSheets, sheetOfReference } from "./ledger-choice";
import { MARK_NAMES } from "./plan/marks-plan";

describe("sheetOfReference", () => {
  it.each<[string, string | null]>([
    ["'整改情况汇总'!$A$1", "整改情况汇总"],
    ["督办单!$A$1", "督办单"],
    ["'It''s mine'!$A$1", "It's mine"],
    ["'台账'!$K$2:$K$8", "台账"],
    ["#REF!$A$1", "#REF"],
    ["42", null],
  ])("%s → %p", (formula, sheet) => {
    expect(sheetOfReference(formula)).toBe(sheet);
  });
});

describe("markedOwnSheets", () => {
  const sheets = ["整改台账", "三月汇总", "督办单", "红黄灯清单", "Units"];
  it("names the sheets the add-in's sheet marks point at, under whatever name, ignoring case", () => {
    expect(
      markedOwnSheets(
        [
          { name: MARK_NAMES.summary, formula: "'三月汇总'!$A$1" }, // our summary, renamed by the user
          { name: MARK_NAMES.supervision, formula: "督办单!$A$1" },
          { name: MARK_NAMES.combinedWarnings, formula: "'红黄灯清单'!$A$1" },
          { name: MARK_NAMES.combinedUnits, formula: "UNITS!$A$1" },
          // A column mark on the ledger does not make the ledger ours; nor does a user's name.
          { name: MARK_NAMES.statusColumn, formula: "'整改台账'!$J$2:$J$9" },
          { name: "打印区域", formula: "'整改台账'!$A$1:$H$9" },
        ],
        sheets,
      ),
    ).toEqual(new Set(["三月汇总", "督办单", "红黄灯清单", "Units"]));
  });

  it("without marks, no sheet is ours (a user's sheet named 督办单 is theirs)", () => {
    expect(markedOwnSheets([], sheets)).toEqual(new Set());
    expect(markedOwnSheets([{ name: MARK_NAMES.summary, formula: "#REF!$A$1" }], sheets)).toEqual(new Set());
  });
});

describe("ledgerCandidates", () => {
  it("skips a sheet marked as ours whatever its name", () => {
    expect(
      ledgerCandidates([
        { name: "三月汇总", hidden: false, owned: true },
        { name: "整改台账", hidden: false, owned: false },
      ]),
    ).toEqual(["整改台账"]);
  });
});
