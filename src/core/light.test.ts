import fc from "fast-check";
import { computeLight, isDueSoon } from "./light";
import { addDaysIso, addMonthsIso } from "./dates";
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from "./settings";
import { itemFrom } from "../../test/support/item-factory";
import type { DeadlineReading, IsoDate, Item, Light, Status } from "./types";

const dated = (date: IsoDate, ongoing = false): DeadlineReading => ({ date, ongoing, invalid: false, text: date });
const ongoingOnly: DeadlineReading = { date: null, ongoing: true, invalid: false, text: "长期坚持" };
const invalidDeadline: DeadlineReading = { date: null, ongoing: false, invalid: true, text: "尽快" };
const noDeadline: DeadlineReading = { date: null, ongoing: false, invalid: false, text: "" };

function item(status: Status, deadline: DeadlineReading, ongoing = deadline.ongoing): Item {
  return itemFrom({ status, deadline, ongoing });
}

describe("computeLight — SPEC §4 with default settings (yellow after 14 days, red after 1 month)", () => {
  test.each<[string, Item, IsoDate, Light, number]>([
    // 1. closed → grey, whatever the deadline
    ["closed, long overdue", item("closed", dated("2024-01-31")), "2025-03-31", "closed", 0],
    ["closed, no deadline", item("closed", noDeadline), "2025-03-31", "closed", 0],
    // 2. done → green
    ["done, long overdue", item("done", dated("2024-01-31")), "2025-03-31", "green", 0],
    ["done, invalid deadline", item("done", invalidDeadline), "2025-03-31", "green", 0],
    // 3. dated deadline
    ["deadline ahead", item("in_progress", dated("2025-04-30")), "2025-03-31", "green", 0],
    ["deadline today", item("in_progress", dated("2025-03-31")), "2025-03-31", "green", 0],
    ["1 day overdue", item("in_progress", dated("2025-03-30")), "2025-03-31", "green", 1],
    ["13 days overdue: still green, reports 13", item("not_started", dated("2025-03-18")), "2025-03-31", "green", 13],
    ["exactly 14 days overdue: yellow", item("not_started", dated("2025-03-17")), "2025-03-31", "yellow", 14],
    ["21 days overdue: yellow", item("in_progress", dated("2025-03-10")), "2025-03-31", "yellow", 21],
    ["exactly one month after: still yellow", item("in_progress", dated("2025-02-28")), "2025-03-28", "yellow", 28],
    ["one day past one month: red", item("in_progress", dated("2025-02-28")), "2025-03-29", "red", 29],
    ["unknown status follows the deadline", item("unknown", dated("2024-12-31")), "2025-03-31", "red", 90],
    // 31 Jan + 1 month = 28 Feb (29 in a leap year): red only after that
    ["31 Jan, today 28 Feb", item("in_progress", dated("2025-01-31")), "2025-02-28", "yellow", 28],
    ["31 Jan, today 1 Mar", item("in_progress", dated("2025-01-31")), "2025-03-01", "red", 29],
    ["31 Jan leap year, today 29 Feb", item("in_progress", dated("2024-01-31")), "2024-02-29", "yellow", 29],
    ["31 Jan leap year, today 1 Mar", item("in_progress", dated("2024-01-31")), "2024-03-01", "red", 30],
    ["29 Feb + 1 month = 29 Mar", item("in_progress", dated("2024-02-29")), "2024-03-29", "yellow", 29],
    ["29 Feb, today 30 Mar", item("in_progress", dated("2024-02-29")), "2024-03-30", "red", 30],
    ["across a year end", item("in_progress", dated("2024-12-20")), "2025-01-03", "yellow", 14],
    ["31 Mar + 1 month = 30 Apr", item("in_progress", dated("2025-03-31")), "2025-04-30", "yellow", 30],
    ["31 Mar, today 1 May", item("in_progress", dated("2025-03-31")), "2025-05-01", "red", 31],
    // An ongoing item with a date follows the date
    ["ongoing with a date, overdue", item("in_progress", dated("2024-12-31", true)), "2025-03-31", "red", 90],
    ["ongoing status with a date", item("ongoing", dated("2025-03-17")), "2025-03-31", "yellow", 14],
    // 4. ongoing with no date → green
    ["ongoing deadline, no date", item("in_progress", ongoingOnly), "2025-03-31", "green", 0],
    ["ongoing status word, no deadline", item("ongoing", noDeadline), "2025-03-31", "green", 0],
    ["item flagged ongoing, no date", item("not_started", noDeadline, true), "2025-03-31", "green", 0],
    // 5. otherwise none
    ["no deadline", item("not_started", noDeadline), "2025-03-31", "none", 0],
    ["invalid deadline", item("in_progress", invalidDeadline), "2025-03-31", "none", 0],
    ["unknown status, no deadline", item("unknown", noDeadline), "2025-03-31", "none", 0],
  ])("%s", (_name, it, today, light, overdueDays) =>
    expect(computeLight(it, today, DEFAULT_SETTINGS)).toMatchObject({ light, overdueDays }),
  );
});

describe("computeLight — thresholds are settings", () => {
  const settings = (overrides: Partial<Settings>): Settings => SettingsSchema.parse({ ...overrides });
  test.each<[string, Settings, IsoDate, IsoDate, Light, number]>([
    ["yellow after 7: 7 days overdue", settings({ yellowAfterDays: 7 }), "2025-03-24", "2025-03-31", "yellow", 7],
    ["yellow after 7: 6 days overdue", settings({ yellowAfterDays: 7 }), "2025-03-25", "2025-03-31", "green", 6],
    ["yellow after 30: 20 days", settings({ yellowAfterDays: 30 }), "2025-03-11", "2025-03-31", "green", 20],
    ["red after 2 months: 45 days", settings({ redAfterMonths: 2 }), "2025-02-14", "2025-03-31", "yellow", 45],
    ["red after 2 months: day after", settings({ redAfterMonths: 2 }), "2025-01-31", "2025-04-01", "red", 60],
    ["red after 2 months: on the day", settings({ redAfterMonths: 2 }), "2025-01-31", "2025-03-31", "yellow", 59],
    // A yellow threshold past the red one: red still wins once the months are up; before that, green.
    ["yellow after 60, red after 1 month", settings({ yellowAfterDays: 60 }), "2025-02-14", "2025-03-31", "red", 45],
    ["yellow after 60, within the month", settings({ yellowAfterDays: 60 }), "2025-03-10", "2025-03-31", "green", 21],
  ])("%s", (_name, s, deadline, today, light, overdueDays) =>
    expect(computeLight(item("in_progress", dated(deadline)), today, s)).toMatchObject({ light, overdueDays }),
  );
});

describe("computeLight — properties", () => {
  const isoDate = fc
    .date({ min: new Date(2000, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true })
    .map(
      (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`,
    );
  const status = fc.constantFrom<Status>("closed", "done", "in_progress", "not_started", "ongoing", "unknown");
  const thresholds = fc.record({
    yellowAfterDays: fc.integer({ min: 1, max: 366 }),
    redAfterMonths: fc.integer({ min: 1, max: 36 }),
  });

  test("overdueDays ≥ 0; 0 unless open with a dated deadline; red exactly after the months are up", () => {
    fc.assert(
      fc.property(status, isoDate, isoDate, fc.boolean(), thresholds, (st, deadline, today, ongoing, t) => {
        const s = SettingsSchema.parse(t);
        const { light, overdueDays } = computeLight(item(st, dated(deadline, ongoing)), today, s);
        expect(overdueDays).toBeGreaterThanOrEqual(0);
        if (st === "closed") return expect(light).toBe("closed");
        if (st === "done") return expect(light).toBe("green");
        expect(light === "red").toBe(today > addMonthsIso(deadline, t.redAfterMonths));
        expect(overdueDays > 0).toBe(today > deadline);
        if (light === "yellow") expect(overdueDays).toBeGreaterThanOrEqual(t.yellowAfterDays);
        if (light === "green") expect(overdueDays).toBeLessThan(t.yellowAfterDays);
        return undefined;
      }),
    );
  });

  test("the light only gets worse as days pass", () => {
    const rank: Record<Light, number> = { none: 0, closed: 0, green: 1, yellow: 2, red: 3 };
    fc.assert(
      fc.property(isoDate, isoDate, fc.integer({ min: 0, max: 400 }), (deadline, today, later) => {
        const it = item("in_progress", dated(deadline));
        const before = computeLight(it, today, DEFAULT_SETTINGS);
        const after = computeLight(it, addDaysIso(today, later), DEFAULT_SETTINGS);
        expect(rank[after.light]).toBeGreaterThanOrEqual(rank[before.light]);
        expect(after.overdueDays).toBeGreaterThanOrEqual(before.overdueDays);
      }),
    );
  });
});

describe("computeLight — extensions", () => {
  it("follows the extended deadline, not the original one", () => {
    const extended = itemFrom({
      status: "in_progress",
      cells: { deadline: "2025-01-31", extendedDeadline: "2025-04-30" },
    });
    expect(computeLight(extended, "2025-03-31", DEFAULT_SETTINGS)).toMatchObject({ light: "green", overdueDays: 0 });
    const lapsed = itemFrom({
      status: "in_progress",
      cells: { deadline: "2025-01-31", extendedDeadline: "2025-03-10" },
    });
    expect(computeLight(lapsed, "2025-03-31", DEFAULT_SETTINGS)).toMatchObject({ light: "yellow", overdueDays: 21 });
  });
});

describe("dueInDays and 临期 (dueSoonDays, default 7)", () => {
  const TODAY = "2025-03-31";
  const dueIn = (i: Item) => computeLight(i, TODAY, DEFAULT_SETTINGS).dueInDays;
  test.each<[string, Item, number | null, boolean]>([
    ["deadline today: 0 days, 临期", item("in_progress", dated(TODAY)), 0, true],
    ["deadline in 7 days (dueSoonDays): 临期", item("not_started", dated(addDaysIso(TODAY, 7))), 7, true],
    [
      "deadline in 8 days (dueSoonDays + 1): counted, not 临期",
      item("in_progress", dated(addDaysIso(TODAY, 8))),
      8,
      false,
    ],
    ["deadline yesterday: overdue, null", item("in_progress", dated(addDaysIso(TODAY, -1))), null, false],
    ["done, deadline tomorrow: null", item("done", dated(addDaysIso(TODAY, 1))), null, false],
    ["closed, deadline tomorrow: null", item("closed", dated(addDaysIso(TODAY, 1))), null, false],
    ["undated (long-term only): null", item("in_progress", ongoingOnly), null, false],
    ["no deadline: null", item("not_started", noDeadline), null, false],
    ["ongoing with a date follows the date", item("ongoing", dated(addDaysIso(TODAY, 3), true)), 3, true],
  ])("%s", (_label, it, expected, dueSoon) => {
    expect(dueIn(it)).toBe(expected);
    expect(isDueSoon({ dueInDays: dueIn(it) }, DEFAULT_SETTINGS.dueSoonDays)).toBe(dueSoon);
  });

  test("the window follows the setting", () => {
    const inTen = computeLight(item("in_progress", dated(addDaysIso(TODAY, 10))), TODAY, DEFAULT_SETTINGS);
    expect(isDueSoon(inTen, 10)).toBe(true);
    expect(isDueSoon(inTen, 9)).toBe(false);
  });
});
