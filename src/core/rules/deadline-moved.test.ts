import { contextFrom, itemFrom, lastPeriodRecord } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { deadlineMoved } from "./deadline-moved";

const before = (deadline: string | null) => new Map([[7, lastPeriodRecord({ deadline })]]);

describe("deadline-moved", () => {
  it.each([
    // deadline last period, deadline now → findings
    ["2025-03-10", "2025-04-30", 1],
    ["2025-03-10", "2025-03-10", 0],
    ["2025-03-10", "2025-03-01", 0], // moved earlier: nothing hidden
    [null, "2025-04-30", 0], // no dated deadline last period
    ["2025-03-10", "长期坚持", 0], // no date now
  ] as const)("%j → %j gives %i", (from, to, count) => {
    const item = itemFrom({ row: 7, cells: { deadline: to } });
    expect(runRule(deadlineMoved, contextFrom({ items: [item], lastPeriod: before(from) }))).toHaveLength(count);
  });

  it("says both dates as a warning on the deadline cell, and follows an extension's column", () => {
    const item = itemFrom({ row: 7, cells: { deadline: "2025-03-10", extendedDeadline: "2025-04-30" } });
    const [finding] = runRule(deadlineMoved, contextFrom({ items: [item], lastPeriod: before("2025-03-10") }));
    expect(finding?.severity).toBe("warning");
    expect(finding?.field).toBe("extendedDeadline");
    expect(finding?.message.zh).toBe("整改时限由2025-03-10改为2025-04-30（上期记录）");
  });

  it("does nothing without recorded periods or for an item new this period", () => {
    const item = itemFrom({ row: 7, cells: { deadline: "2025-04-30" } });
    expect(runRule(deadlineMoved, contextFrom({ items: [item] }))).toEqual([]);
    expect(runRule(deadlineMoved, contextFrom({ items: [item], lastPeriod: new Map() }))).toEqual([]);
  });
});
