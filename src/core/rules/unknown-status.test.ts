import type { Status } from "../types";
import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { unknownStatus } from "./unknown-status";

describe("unknown-status", () => {
  it.each([
    ["unknown", "差不多了", 1],
    ["in_progress", "整改中", 0],
    ["done", "已完成", 0],
    [null, "", 0],
  ] as const)("status column read as %s (%j) → %s finding(s)", (statusColumn: Status | null, text, count) => {
    const item = itemFrom({ statusColumn, status: statusColumn ?? "not_started", cells: { status: text } });
    expect(runRule(unknownStatus, contextFrom({ items: [item] }))).toHaveLength(count);
  });

  it("reports an unknown status even when the closed column closes the item", () => {
    const item = itemFrom({ statusColumn: "unknown", status: "closed", closedByColumn: true, cells: { status: "？" } });
    expect(runRule(unknownStatus, contextFrom({ items: [item] }))).toHaveLength(1);
  });

  it("points at the status cell and quotes it", () => {
    const item = itemFrom({ row: 15, statusColumn: "unknown", status: "unknown", cells: { status: "差不多了" } });
    const [finding] = runRule(unknownStatus, contextFrom({ items: [item] }));
    expect(finding).toEqual(
      expect.objectContaining({ rule: "unknown-status", severity: "warning", row: 15, cell: "M15", field: "status" }),
    );
    expect(finding?.message.zh).toBe("整改状态“差不多了”无法识别，请填写已完成、整改中、未开始、长期坚持或已销号");
  });
});
