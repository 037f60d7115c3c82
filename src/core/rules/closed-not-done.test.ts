import type { Status } from "../types";
import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { closedNotDone } from "./closed-not-done";

const run = (closedByColumn: boolean, statusColumn: Status | null, statusText = "") =>
  runRule(
    closedNotDone,
    contextFrom({
      items: [
        itemFrom({
          row: 9,
          status: closedByColumn ? "closed" : (statusColumn ?? "not_started"),
          closedByColumn,
          statusColumn,
          cells: { status: statusText, closed: closedByColumn ? "是" : "否" },
        }),
      ],
    }),
  );

describe("closed-not-done", () => {
  it.each([
    [true, "not_started", 1],
    [true, "in_progress", 1],
    [true, "ongoing", 1],
    [true, "unknown", 1],
    [true, "done", 0],
    [true, "closed", 0],
    [true, null, 0],
    [false, "in_progress", 0],
    [false, "not_started", 0],
  ] as const)("closed column %s, status column %s → %s finding(s)", (closed, status, count) => {
    expect(run(closed, status)).toHaveLength(count);
  });

  it("points at the status cell and quotes what it says", () => {
    const [finding] = run(true, "in_progress", "序时推进");
    expect(finding).toEqual(
      expect.objectContaining({ rule: "closed-not-done", severity: "error", row: 9, cell: "M9", field: "status" }),
    );
    expect(finding?.message.zh).toBe("已销号，但整改状态为“序时推进”（整改中），未完成不应销号");
    expect(finding?.message.en).toContain('Status (整改状态) says "序时推进" (in progress)');
  });

  it("does not repeat the status when the cell says it in the usual word", () => {
    expect(run(true, "in_progress", "整改中")[0]?.message.zh).toBe("已销号，但整改状态为“整改中”，未完成不应销号");
  });
});
