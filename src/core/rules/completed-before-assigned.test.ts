import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { completedBeforeAssigned } from "./completed-before-assigned";

const run = (assigned: string, completed: string) =>
  runRule(completedBeforeAssigned, contextFrom({ items: [itemFrom({ row: 3, cells: { assigned, completed } })] }));

describe("completed-before-assigned", () => {
  it.each([
    ["a day before", "2025-01-10", "2025-01-09", 1],
    ["the same day", "2025-01-10", "2025-01-10", 0],
    ["after", "2025-01-10", "2025-02-01", 0],
    ["no assignment date", "", "2025-01-09", 0],
    ["no completion date", "2025-01-10", "", 0],
    ["an unreadable assignment date", "一月", "2025-01-09", 0],
  ])("completed %s → %s finding(s)", (_label, assigned, completed, count) => {
    expect(run(assigned, completed)).toHaveLength(count);
  });

  it("points at the completed cell and names both dates", () => {
    const [finding] = run("2025-01-10", "2024-12-31");
    expect(finding).toEqual(expect.objectContaining({ cell: "N3", field: "completed", severity: "error" }));
    expect(finding?.message).toEqual({
      zh: "实际完成时间2024-12-31早于交办时间2025-01-10",
      en: "Completed on (实际完成时间) 2024-12-31 is before Assigned on (交办时间) 2025-01-10",
    });
  });
});
