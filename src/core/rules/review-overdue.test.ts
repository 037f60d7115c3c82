import { FIELD_KEYS, type ItemType, type Status } from "../types";
import { SettingsSchema } from "../settings";
import { contextFrom, itemFrom, type ItemSpec } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { reviewOverdue } from "./review-overdue";

const TODAY = "2025-03-31";
const LONG_TERM: ItemSpec = { type: "long_term" as ItemType };

const run = (spec: ItemSpec, today = TODAY, settings = SettingsSchema.parse({})) =>
  runRule(reviewOverdue, contextFrom({ today, settings, items: [itemFrom({ row: 10, ...spec })] }));

describe("review-overdue", () => {
  describe("which items need a review", () => {
    const stale = { reviewed: "2024-06-30" };
    it.each([
      ["long_term by type", { type: "long_term" as ItemType, cells: stale }, 1],
      ["ongoing by its deadline", { cells: { ...stale, deadline: "长期坚持" } }, 1],
      ["ongoing by its status", { status: "ongoing" as Status, cells: stale }, 1],
      ["closed", { status: "closed" as Status, cells: stale }, 1],
      ["done but not closed", { status: "done" as Status, cells: stale }, 0],
      [
        "in progress, time-limited",
        { status: "in_progress" as Status, type: "time_limited" as ItemType, cells: stale },
        0,
      ],
      ["immediate", { type: "immediate" as ItemType, cells: stale }, 0],
    ])("%s → %s finding(s)", (_label, spec, count) => {
      expect(run(spec)).toHaveLength(count);
    });
  });

  it.each([
    // Exactly 3 months (calendar months, date-fns) before today is still in time.
    ["2024-12-31", "2025-03-31", 0],
    ["2024-12-30", "2025-03-31", 1],
    ["2025-01-15", "2025-04-15", 0],
    ["2025-01-15", "2025-04-16", 1],
    ["2024-11-30", "2025-02-28", 0],
    ["2024-11-30", "2025-03-01", 1],
    ["2025-03-31", "2025-03-31", 0],
  ])("last review %s, today %s → %s finding(s)", (reviewed, today, count) => {
    expect(run({ ...LONG_TERM, cells: { reviewed } }, today)).toHaveLength(count);
  });

  it("falls back to the close-out date, then the completion date", () => {
    expect(
      run({ ...LONG_TERM, cells: { reviewed: "", closedOn: "2024-12-01", completed: "2025-03-01" } }),
    ).toHaveLength(1);
    expect(run({ ...LONG_TERM, cells: { reviewed: "2025-03-01", closedOn: "2024-01-01" } })).toEqual([]);
    expect(run({ ...LONG_TERM, cells: { reviewed: "", closedOn: "", completed: "2024-12-01" } })).toHaveLength(1);
    expect(run({ ...LONG_TERM, cells: { reviewed: "", closedOn: "", completed: "2025-02-01" } })).toEqual([]);
  });

  it("counts a never-reviewed item from its assignment date", () => {
    expect(run({ ...LONG_TERM, cells: { reviewed: "", assigned: "2025-02-01" } })).toEqual([]);
    const [finding] = run({ ...LONG_TERM, cells: { reviewed: "", assigned: "2024-11-01" } });
    expect(finding?.message.zh).toBe("未记录“回头看”，自交办时间2024-11-01起已超过3个月（应于2025-02-01前复查）");
  });

  it("skips an unreadable review date in favour of the next date", () => {
    expect(run({ ...LONG_TERM, cells: { reviewed: "已回头看", closedOn: "2025-03-01" } })).toEqual([]);
    expect(run({ ...LONG_TERM, cells: { reviewed: "已回头看", closedOn: "2024-03-01" } })).toHaveLength(1);
  });

  it("fires when no review, close-out or completion date was ever recorded", () => {
    const [finding] = run({ ...LONG_TERM, cells: { reviewed: "" } });
    expect(finding).toEqual(
      expect.objectContaining({ rule: "review-overdue", severity: "warning", row: 10, cell: "S10", field: "reviewed" }),
    );
    expect(finding?.message.zh).toBe(
      "尚无“回头看”记录（回头看时间、销号时间、实际完成时间、交办时间均无日期），应每3个月复查一次",
    );
  });

  it("names the last review and when the next was due", () => {
    const [finding] = run({ ...LONG_TERM, cells: { reviewed: "2024-10-15" } });
    expect(finding?.message).toEqual({
      zh: "最近一次“回头看”为2024-10-15，已超过3个月（应于2025-01-15前复查）",
      en: "The last review (回头看) was on 2024-10-15, more than 3 months ago (due by 2025-01-15)",
    });
  });

  it("names the date it fell back to", () => {
    const [finding] = run({ status: "closed", cells: { closedOn: "2024-10-15" } });
    expect(finding?.message.zh).toBe("未记录“回头看”，自销号时间2024-10-15起已超过3个月（应于2025-01-15前复查）");
  });

  it("takes the interval from the settings", () => {
    const settings = SettingsSchema.parse({ reviewAfterMonths: 6 });
    expect(run({ ...LONG_TERM, cells: { reviewed: "2024-10-15" } }, TODAY, settings)).toEqual([]);
    expect(run({ ...LONG_TERM, cells: { reviewed: "2024-09-30" } }, TODAY, settings)).toHaveLength(1);
  });

  it("applies only when the ledger has a review column", () => {
    const fields = FIELD_KEYS.filter((field) => field !== "reviewed");
    const item = itemFrom({ ...LONG_TERM, cells: { closedOn: "2020-01-01" } });
    expect(runRule(reviewOverdue, contextFrom({ items: [item], fields }))).toEqual([]);
  });
});
