import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { completedInFuture } from "./completed-in-future";

const TODAY = "2025-03-31";
const run = (completed: string) =>
  runRule(completedInFuture, contextFrom({ today: TODAY, items: [itemFrom({ row: 8, cells: { completed } })] }));

describe("completed-in-future", () => {
  it.each([
    ["tomorrow", "2025-04-01", 1],
    ["next year", "2026-01-01", 1],
    ["today", TODAY, 0],
    ["yesterday", "2025-03-30", 0],
    ["empty", "", 0],
    ["unreadable", "下月", 0],
  ])("completed %s → %s finding(s)", (_label, completed, count) => {
    expect(run(completed)).toHaveLength(count);
  });

  it("points at the completed cell and names both dates", () => {
    expect(run("2025-04-10")).toEqual([
      {
        rule: "completed-in-future",
        severity: "error",
        row: 8,
        cell: "N8",
        field: "completed",
        message: {
          zh: "实际完成时间2025-04-10晚于今天（2025-03-31）",
          en: "Completed on (实际完成时间) 2025-04-10 is after today (2025-03-31)",
        },
        sheet: "整改台账",
      },
    ]);
  });
});
