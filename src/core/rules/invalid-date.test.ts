import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { invalidDate } from "./invalid-date";

describe("invalid-date", () => {
  it.each([
    ["assigned", "J6"],
    ["completed", "N6"],
    ["closedOn", "P6"],
    ["reviewed", "S6"],
    ["deadline", "K6"],
  ] as const)("reports unreadable text in %s at its cell", (field, cell) => {
    const item = itemFrom({ row: 6, cells: { [field]: "尽快" } });
    expect(runRule(invalidDate, contextFrom({ items: [item] }))).toEqual([
      expect.objectContaining({ rule: "invalid-date", severity: "error", row: 6, cell, field }),
    ]);
  });

  it.each([
    ["an empty cell", ""],
    ["a date", "2025-03-31"],
    ["a long-term phrase", "长期坚持"],
    ["a date with a long-term phrase", "2024-12-31，并长期坚持"],
  ])("accepts %s in the deadline", (_label, text) => {
    const item = itemFrom({ cells: { deadline: text } });
    expect(runRule(invalidDate, contextFrom({ items: [item] }))).toEqual([]);
  });

  it("does not accept a long-term phrase outside the deadline", () => {
    const item = itemFrom({ cells: { completed: "长期坚持" } });
    expect(runRule(invalidDate, contextFrom({ items: [item] })).map((f) => f.field)).toEqual(["completed"]);
  });

  it("names the value and, for a date without a year, says the year is missing (SPEC §3: 3月底)", () => {
    const item = itemFrom({ cells: { deadline: "3月底" } });
    const [finding] = runRule(invalidDate, contextFrom({ items: [item] }));
    expect(finding?.message.zh).toMatch(/^整改时限“3月底”不是有效日期（缺少年份/);
    expect(finding?.message.zh).toContain("长期坚持");
    expect(finding?.message.en).toContain('Deadline (整改时限) "3月底" is not a valid date (the year is missing');
  });

  it.each([
    ["25.2.30", "实际完成时间“25.2.30”不是有效日期"],
    ["25年13月", "实际完成时间“25年13月”不是有效日期"],
    ["3.15", "实际完成时间“3.15”不是有效日期（缺少年份，如“2025年3月底”）"],
    ["3/15", "实际完成时间“3/15”不是有效日期（缺少年份，如“2025年3月底”）"],
  ])("says the year is missing only when it is: %s", (text, message) => {
    const item = itemFrom({ cells: { completed: text } });
    expect(runRule(invalidDate, contextFrom({ items: [item] }))[0]?.message.zh).toBe(message);
  });

  it("does not speak of a missing year when the text has one", () => {
    const item = itemFrom({ cells: { assigned: "2025年13月" } });
    const [finding] = runRule(invalidDate, contextFrom({ items: [item] }));
    expect(finding?.message.zh).toBe("交办时间“2025年13月”不是有效日期");
  });

  it("reports each unreadable cell of an item", () => {
    const item = itemFrom({ cells: { assigned: "x", deadline: "y", completed: "z", closedOn: "w", reviewed: "v" } });
    expect(runRule(invalidDate, contextFrom({ items: [item] })).map((f) => f.field)).toEqual([
      "deadline",
      "assigned",
      "completed",
      "closedOn",
      "reviewed",
    ]);
  });

  it("shortens a long value in the message", () => {
    const text = "待与施工单位协商后确定具体完成时间，预计在下一个结算周期之前完成全部整改工作";
    const [finding] = runRule(invalidDate, contextFrom({ items: [itemFrom({ cells: { deadline: text } })] }));
    expect(finding?.message.zh).toContain("…”");
    expect(finding?.message.zh).not.toContain(text);
  });
});

describe("invalid-date — extensions", () => {
  it("reports an unreadable 调整后时限 at its cell, and an extended item's unreadable 原定时限 too", () => {
    const item = itemFrom({ row: 6, cells: { originalDeadline: "3月底", extendedDeadline: "尽快" } });
    const findings = runRule(invalidDate, contextFrom({ items: [item] }));
    expect(findings.map((f) => [f.field, f.cell])).toEqual([
      ["extendedDeadline", "V6"],
      ["originalDeadline", "U6"],
    ]);
    expect(findings[0]?.message.zh).toBe("调整后时限“尽快”不是有效日期，也不是“长期坚持”等长期表述");
  });

  it("reports the original deadline once when it is also the current one", () => {
    const item = itemFrom({ row: 6, cells: { originalDeadline: "尽快" } });
    expect(runRule(invalidDate, contextFrom({ items: [item] })).map((f) => f.cell)).toEqual(["U6"]);
  });
});
