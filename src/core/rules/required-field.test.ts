import { FIELD_KEYS, type FieldKey } from "../types";
import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { requiredField } from "./required-field";

const FULL = {
  description: "未按规定公开招标",
  measures: "修订《招投标实施细则》",
  unit: "工程部",
  owner: "张三",
  deadline: "2025-03-31",
} as const;

describe("required-field", () => {
  it("is silent on a complete item", () => {
    expect(runRule(requiredField, contextFrom({ items: [itemFrom({ cells: FULL })] }))).toEqual([]);
  });

  it.each([
    ["description", "D7", "问题描述为空", "Description (问题描述) is empty"],
    ["measures", "E7", "整改措施为空", "Measures (整改措施) is empty"],
    ["unit", "H7", "责任单位为空", "Unit (责任单位) is empty"],
    ["owner", "I7", "责任人为空", "Owner (责任人) is empty"],
    ["deadline", "K7", "整改时限为空", "Deadline (整改时限) is empty"],
  ] as const)("reports an empty %s at its cell", (field, cell, zh, en) => {
    const item = itemFrom({ row: 7, cells: { ...FULL, [field]: "" } });
    expect(runRule(requiredField, contextFrom({ items: [item] }))).toEqual([
      { rule: "required-field", severity: "error", row: 7, cell, field, message: { zh, en }, sheet: "整改台账" },
    ]);
  });

  it("treats whitespace-only and missing cells as empty", () => {
    const item = itemFrom({ row: 9, cells: { ...FULL, owner: "   " } });
    const withoutCell = itemFrom({ row: 10, cells: { ...FULL, owner: undefined } });
    const findings = runRule(requiredField, contextFrom({ items: [item, withoutCell] }));
    expect(findings.map((f) => f.cell)).toEqual(["I9", "I10"]);
  });

  it("ignores fields whose column the ledger lacks (missing-column reports those)", () => {
    const fields: FieldKey[] = FIELD_KEYS.filter((field) => field !== "owner");
    const item = itemFrom({ cells: { ...FULL, owner: "" } });
    expect(runRule(requiredField, contextFrom({ items: [item], fields }))).toEqual([]);
  });

  it("does not require other fields (status, assigned, evidence…)", () => {
    const item = itemFrom({ cells: { ...FULL, status: "", assigned: "", evidence: "" } });
    expect(runRule(requiredField, contextFrom({ items: [item] }))).toEqual([]);
  });

  it("reports every empty field of an item", () => {
    const item = itemFrom({ cells: { description: "x" } });
    const findings = runRule(requiredField, contextFrom({ items: [item] }));
    expect(findings.map((f) => f.field)).toEqual(["measures", "unit", "owner", "deadline"]);
  });
});

describe("required-field — the current deadline (extensions)", () => {
  const { deadline: _deadline, ...rest } = FULL;
  const withoutDeadlineColumn = FIELD_KEYS.filter((field) => field !== "deadline");

  it("takes 调整后时限 or 原定时限 for the deadline: filled either way, no finding", () => {
    const items = [
      itemFrom({ cells: { ...rest, originalDeadline: "2025-03-31", extendedDeadline: "" } }),
      itemFrom({ cells: { ...rest, originalDeadline: "", extendedDeadline: "2025-06-30" } }),
    ];
    expect(runRule(requiredField, contextFrom({ items, fields: withoutDeadlineColumn }))).toEqual([]);
  });

  it("points at the deadline column the ledger has when every deadline cell is empty", () => {
    const item = itemFrom({ row: 7, deadlineField: "originalDeadline", cells: { ...rest, originalDeadline: "" } });
    const findings = runRule(requiredField, contextFrom({ items: [item], fields: withoutDeadlineColumn }));
    expect(findings).toEqual([expect.objectContaining({ field: "originalDeadline", cell: "U7" })]);
    expect(findings[0]?.message.zh).toBe("整改时限为空");
  });
});
