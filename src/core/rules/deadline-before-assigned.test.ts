import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { deadlineBeforeAssigned } from "./deadline-before-assigned";

const run = (assigned: string, deadline: string) =>
  runRule(deadlineBeforeAssigned, contextFrom({ items: [itemFrom({ row: 12, cells: { assigned, deadline } })] }));

describe("deadline-before-assigned", () => {
  it.each([
    ["a day before", "2025-01-10", "2025-01-09", 1],
    ["the wrong year", "2025-01-10", "2024-06-30", 1],
    ["with a long-term phrase", "2025-01-10", "2024-12-31，并长期坚持", 1],
    ["the same day", "2025-01-10", "2025-01-10", 0],
    ["after", "2025-01-10", "2025-06-30", 0],
    ["long-term only", "2025-01-10", "长期坚持", 0],
    ["no assignment date", "", "2024-01-01", 0],
  ])("deadline %s → %s finding(s)", (_label, assigned, deadline, count) => {
    expect(run(assigned, deadline)).toHaveLength(count);
  });

  it("points at the deadline cell and names both dates", () => {
    const [finding] = run("2025-01-10", "2024-06-30");
    expect(finding).toEqual(expect.objectContaining({ cell: "K12", field: "deadline", severity: "error" }));
    expect(finding?.message.zh).toBe("整改时限2024-06-30早于交办时间2025-01-10");
  });
});
