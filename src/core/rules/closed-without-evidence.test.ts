import { FIELD_KEYS, type Status } from "../types";
import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { closedWithoutEvidence } from "./closed-without-evidence";

describe("closed-without-evidence", () => {
  it.each([
    ["closed", "", 1],
    ["closed", "  ", 1],
    ["closed", "验收报告、会议纪要", 0],
    ["done", "", 0],
    ["in_progress", "", 0],
  ] as const)("%s item, evidence %j → %s finding(s)", (status: Status, evidence, count) => {
    const item = itemFrom({ status, cells: { evidence } });
    expect(runRule(closedWithoutEvidence, contextFrom({ items: [item] }))).toHaveLength(count);
  });

  it("points at the evidence cell", () => {
    const item = itemFrom({ row: 11, status: "closed", cells: { evidence: "" } });
    expect(runRule(closedWithoutEvidence, contextFrom({ items: [item] }))).toEqual([
      {
        rule: "closed-without-evidence",
        severity: "error",
        row: 11,
        cell: "Q11",
        field: "evidence",
        message: { zh: "已销号，但佐证材料为空", en: "Closed out, but Evidence (佐证材料) is empty" },
        sheet: "整改台账",
      },
    ]);
  });

  it("leaves a ledger without an evidence column to missing-column", () => {
    const fields = FIELD_KEYS.filter((field) => field !== "evidence");
    const item = itemFrom({ status: "closed" });
    expect(runRule(closedWithoutEvidence, contextFrom({ items: [item], fields }))).toEqual([]);
  });
});
