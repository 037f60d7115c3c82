/**
 * The 红黄绿灯 warning light (SPEC §4). Seed: 对连续两周未完成整改事项亮黄灯提醒，超过一个月亮红灯问责.
 * The thresholds are settings (`yellowAfterDays`, default 14; `redAfterMonths`, default 1).
 */
import { addMonthsIso, daysBetween } from "./dates";
import type { Settings } from "./settings";
import type { IsoDate, Item, Light } from "./types";

export interface LightReading {
  readonly light: Light;
  /** Calendar days past a dated deadline (≥ 0); 0 for closed and done items and without a dated deadline. */
  readonly overdueDays: number;
  /**
   * Calendar days from today to a dated deadline not yet passed (0 on the day); null for finished
   * items, without a dated deadline, and once the deadline has passed. 临期 is `dueInDays ≤ dueSoonDays`.
   */
  readonly dueInDays: number | null;
}

/**
 * SPEC §4, in order:
 * 1. closed → `closed`; 2. done → `green`;
 * 3. a dated deadline: `overdueDays = today − deadline` (≥ 0); `red` when today is after
 *    `addMonths(deadline, redAfterMonths)` (31 Jan + 1 month = 28/29 Feb), else `yellow` when
 *    `overdueDays ≥ yellowAfterDays`, else `green` (an item overdue by fewer days stays green but reports
 *    its `overdueDays`, so the pane can say 已逾期N天). An ongoing item that also has a date follows the date;
 * 4. ongoing with no date → `green` — ongoing from the deadline cell (`长期坚持`) or from the status column's
 *    ongoing words, both meaning the same long-term commitment;
 * 5. otherwise `none` (the rules say why: missing or invalid deadline).
 */
export function computeLight(item: Item, today: IsoDate, settings: Settings): LightReading {
  if (item.status === "closed") return { light: "closed", overdueDays: 0, dueInDays: null };
  if (item.status === "done") return { light: "green", overdueDays: 0, dueInDays: null };
  const deadline = item.deadline.date;
  if (deadline !== null) {
    const daysLeft = daysBetween(today, deadline);
    const overdueDays = Math.max(0, -daysLeft);
    const dueInDays = daysLeft >= 0 ? daysLeft : null;
    if (today > addMonthsIso(deadline, settings.redAfterMonths)) return { light: "red", overdueDays, dueInDays };
    if (overdueDays >= settings.yellowAfterDays) return { light: "yellow", overdueDays, dueInDays };
    return { light: "green", overdueDays, dueInDays };
  }
  if (item.ongoing || item.deadline.ongoing || item.status === "ongoing")
    return { light: "green", overdueDays: 0, dueInDays: null };
  return { light: "none", overdueDays: 0, dueInDays: null };
}

/** 临期: not finished, and its dated deadline is today or at most `dueSoonDays` days away. */
export function isDueSoon(item: { readonly dueInDays: number | null }, dueSoonDays: number): boolean {
  return item.dueInDays !== null && item.dueInDays <= dueSoonDays;
}
