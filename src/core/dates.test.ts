import { addDaysIso, addMonthsIso, daysBetween, isoFromYmd, localToday, monthEnd, parseIsoDate } from "./dates";

describe("isoFromYmd", () => {
  test.each([
    [2025, 3, 15, "2025-03-15"],
    [2024, 2, 29, "2024-02-29"],
    [2025, 2, 29, null],
    [2025, 13, 1, null],
    [2025, 4, 31, null],
    [1899, 12, 31, null],
    [2025.5, 1, 1, null],
  ])("%d-%d-%d → %s", (y, m, d, expected) => expect(isoFromYmd(y, m, d)).toBe(expected));
});

describe("monthEnd", () => {
  test.each([
    [2025, 3, "2025-03-31"],
    [2025, 2, "2025-02-28"],
    [2024, 2, "2024-02-29"],
    [2025, 4, "2025-04-30"],
    [2025, 12, "2025-12-31"],
    [2025, 0, null],
  ])("%d-%d → %s", (y, m, expected) => expect(monthEnd(y, m)).toBe(expected));
});

describe("calendar arithmetic (date-fns semantics)", () => {
  test("31 Jan + 1 month is the end of February", () => {
    expect(addMonthsIso("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonthsIso("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonthsIso("2025-03-15", 3)).toBe("2025-06-15");
  });
  test("days", () => {
    expect(addDaysIso("2025-02-28", 1)).toBe("2025-03-01");
    expect(daysBetween("2025-03-10", "2025-03-31")).toBe(21);
    expect(daysBetween("2025-03-31", "2025-03-10")).toBe(-21);
    // Across a DST change in zones that have one: still whole calendar days.
    expect(daysBetween("2025-03-01", "2025-04-01")).toBe(31);
  });
  test("localToday formats the local date", () => {
    expect(localToday(new Date(2025, 2, 31, 23, 59))).toBe("2025-03-31");
  });
  test.each([
    ["2025-03-31", "2025-03-31"],
    ["2025-3-31", null],
    ["2025-02-30", null],
    ["today", null],
  ])("parseIsoDate(%s)", (text, expected) => expect(parseIsoDate(text)).toBe(expected));
});
