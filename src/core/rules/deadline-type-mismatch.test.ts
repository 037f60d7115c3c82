import type { ItemType } from "../types";
import { SettingsSchema } from "../settings";
import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { deadlineTypeMismatch } from "./deadline-type-mismatch";

const run = (type: ItemType | null, assigned: string, deadline: string, settings = SettingsSchema.parse({})) =>
  runRule(
    deadlineTypeMismatch,
    contextFrom({ settings, items: [itemFrom({ row: 5, type, cells: { type: type ?? "", assigned, deadline } })] }),
  );

describe("deadline-type-mismatch", () => {
  it.each([
    // 立行立改——一周内完成: assigned + 7 days is the last allowed day.
    ["immediate", "2025-03-01", "2025-03-08", 0],
    ["immediate", "2025-03-01", "2025-03-09", 1],
    ["immediate", "2025-03-01", "2025-03-01", 0],
    ["immediate", "2025-12-28", "2026-01-04", 0],
    ["immediate", "2025-12-28", "2026-01-05", 1],
    // 限期整改——三个月内见效: addMonths(assigned, 3), calendar months.
    ["time_limited", "2025-01-15", "2025-04-15", 0],
    ["time_limited", "2025-01-15", "2025-04-16", 1],
    ["time_limited", "2024-11-30", "2025-02-28", 0],
    ["time_limited", "2024-11-30", "2025-03-01", 1],
    ["time_limited", "2025-01-15", "2025-01-20", 0],
    // 长效治理——半年至一年: between addMonths(assigned, 6) and addMonths(assigned, 12), bounds included.
    ["long_term", "2025-01-15", "2025-07-14", 1],
    ["long_term", "2025-01-15", "2025-07-15", 0],
    ["long_term", "2025-01-15", "2025-10-31", 0],
    ["long_term", "2025-01-15", "2026-01-15", 0],
    ["long_term", "2025-01-15", "2026-01-16", 1],
    ["long_term", "2024-08-31", "2025-02-28", 0],
    ["long_term", "2024-02-29", "2025-02-28", 0],
  ] as const)("%s assigned %s, deadline %s → %s finding(s)", (type, assigned, deadline, count) => {
    expect(run(type, assigned, deadline)).toHaveLength(count);
  });

  it.each([
    ["no type", null, "2025-03-01", "2026-03-01"],
    ["no assignment date", "immediate", "", "2026-03-01"],
    ["an unreadable assignment date", "immediate", "三月一日", "2026-03-01"],
    ["a long-term deadline without a date", "immediate", "2025-03-01", "长期坚持"],
    ["an unreadable deadline", "immediate", "2025-03-01", "尽快"],
  ] as const)("is silent with %s", (_label, type, assigned, deadline) => {
    expect(run(type, assigned, deadline)).toEqual([]);
  });

  it("checks the date of a deadline that is also long-term (2024年底前，并长期坚持)", () => {
    expect(run("immediate", "2024-11-01", "2024-12-31，并长期坚持")).toHaveLength(1);
  });

  it("points at the deadline cell and says what the type allows", () => {
    const [finding] = run("immediate", "2025-03-01", "2025-03-20");
    expect(finding).toEqual(
      expect.objectContaining({ rule: "deadline-type-mismatch", severity: "warning", cell: "K5", field: "deadline" }),
    );
    expect(finding?.message).toEqual({
      zh: "整改类型为立行立改，整改时限2025-03-20超过交办后7天（2025-03-08）",
      en: "The type is immediate (立行立改), and Deadline (整改时限) 2025-03-20 is more than 7 days after assignment (2025-03-08)",
    });
    expect(run("time_limited", "2025-01-15", "2025-06-30")[0]?.message.zh).toBe(
      "整改类型为限期整改，整改时限2025-06-30超过交办后3个月（2025-04-15）",
    );
    expect(run("long_term", "2025-01-15", "2025-03-31")[0]?.message.zh).toBe(
      "整改类型为长效治理，整改时限2025-03-31不在交办后6至12个月之间（2025-07-15至2026-01-15）",
    );
  });

  it("takes its limits from the settings", () => {
    const settings = SettingsSchema.parse({
      immediateMaxDays: 14,
      timeLimitedMaxMonths: 6,
      longTermMinMonths: 3,
      longTermMaxMonths: 24,
    });
    expect(run("immediate", "2025-03-01", "2025-03-15", settings)).toEqual([]);
    expect(run("immediate", "2025-03-01", "2025-03-16", settings)).toHaveLength(1);
    expect(run("time_limited", "2025-01-15", "2025-07-15", settings)).toEqual([]);
    expect(run("time_limited", "2025-01-15", "2025-07-16", settings)).toHaveLength(1);
    expect(run("long_term", "2025-01-15", "2025-04-15", settings)).toEqual([]);
    expect(run("long_term", "2025-01-15", "2025-04-14", settings)).toHaveLength(1);
    expect(run("long_term", "2025-01-15", "2027-01-15", settings)).toEqual([]);
    expect(run("long_term", "2025-01-15", "2027-01-16", settings)).toHaveLength(1);
  });
});
