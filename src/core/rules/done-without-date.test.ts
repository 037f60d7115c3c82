import { FIELD_KEYS } from "../types";
import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { doneWithoutDate } from "./done-without-date";

describe("done-without-date", () => {
  it.each([
    ["done", "已完成"],
    ["closed", "已销号"],
  ] as const)("reports a %s item with no completion date at the completed cell", (status, word) => {
    const item = itemFrom({ row: 4, status, cells: { completed: "" } });
    const [finding, ...rest] = runRule(doneWithoutDate, contextFrom({ items: [item] }));
    expect(rest).toEqual([]);
    expect(finding).toEqual(
      expect.objectContaining({ rule: "done-without-date", severity: "warning", cell: "N4", field: "completed" }),
    );
    expect(finding?.message.zh).toBe(`事项${word}，但实际完成时间为空`);
  });

  it.each(["in_progress", "not_started", "ongoing", "unknown"] as const)("is silent for a %s item", (status) => {
    const item = itemFrom({ status, cells: { completed: "" } });
    expect(runRule(doneWithoutDate, contextFrom({ items: [item] }))).toEqual([]);
  });

  it("is silent when the completion date is there, or unreadable (invalid-date reports that)", () => {
    const dated = itemFrom({ status: "done", cells: { completed: "2025-03-01" } });
    const unreadable = itemFrom({ status: "done", cells: { completed: "三月" } });
    expect(runRule(doneWithoutDate, contextFrom({ items: [dated, unreadable] }))).toEqual([]);
  });

  it("needs the completed column", () => {
    const item = itemFrom({ status: "done" });
    const fields = FIELD_KEYS.filter((field) => field !== "completed");
    expect(runRule(doneWithoutDate, contextFrom({ items: [item], fields }))).toEqual([]);
  });
});
