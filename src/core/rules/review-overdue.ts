/**
 * `review-overdue` — seed 误区三: 建立“回头看”机制，每季度复查一次，持续跟踪整改成效.
 * SPEC §5: the `reviewed` column exists; the item is long_term, ongoing or closed; and its last
 * review (else `closedOn`, else `completed`) is more than 3 months (`reviewAfterMonths`) before today.
 *
 * - "Ongoing" is the deadline's long-term phrase or a status of 长期坚持 and the like.
 * - The review falls due `reviewAfterMonths` calendar months after the last one (date-fns month
 *   arithmetic, as for the red light) and is overdue from the day after: a review exactly 3 months
 *   ago is still in time.
 * - An unreadable date (reported by `invalid-date`) is skipped in favour of the next one.
 * - With none of the three dates, the assignment date (交办时间) is the last resort: an item assigned
 *   last month is not yet due for its first review. With no date at all the rule fires: 回头看 has
 *   never been recorded, and nothing shows when it could have been. The message says so.
 */
import { addMonthsIso } from "../dates";
import type { DateReading, EvaluatedItem, IsoDate, Message } from "../types";
import { fieldEn, fieldZh } from "./field-labels";
import { hasColumn } from "./helpers";
import type { Rule } from "./rule";

type Basis = "reviewed" | "closedOn" | "completed" | "assigned";
const BASES: readonly Basis[] = ["reviewed", "closedOn", "completed", "assigned"];

function dateOf(reading: DateReading): IsoDate | null {
  return reading.kind === "date" ? reading.date : null;
}

function needsReview(item: EvaluatedItem): boolean {
  return item.type === "long_term" || item.ongoing || item.status === "ongoing" || item.status === "closed";
}

/** The date the next review counts from, and which column gave it; null when none is recorded. */
export function lastReview(item: EvaluatedItem): { basis: Basis; date: IsoDate } | null {
  for (const basis of BASES) {
    const date = dateOf(item[basis]);
    if (date !== null) return { basis, date };
  }
  return null;
}

function overdueMessage(basis: Basis, last: IsoDate, due: IsoDate, months: number): Message {
  if (basis === "reviewed") {
    return {
      zh: `最近一次“回头看”为${last}，已超过${months}个月（应于${due}前复查）`,
      en: `The last review (回头看) was on ${last}, more than ${months} months ago (due by ${due})`,
    };
  }
  return {
    zh: `未记录“回头看”，自${fieldZh(basis)}${last}起已超过${months}个月（应于${due}前复查）`,
    en: `No review (回头看) recorded, and ${fieldEn(basis)} ${last} is more than ${months} months ago (due by ${due})`,
  };
}

export const reviewOverdue: Rule = {
  meta: {
    id: "review-overdue",
    defaultSeverity: "warning",
    description: {
      zh: "长效治理、长期坚持或已销号事项超过一个季度未“回头看”",
      en: "A long-term, ongoing or closed item has not been reviewed (回头看) for more than a quarter",
    },
    seed: "建立“回头看”机制，每季度复查一次，持续跟踪整改成效",
    fields: ["reviewed", "closedOn", "completed", "type", "deadline", "status", "closed"],
  },
  check({ layout, items, today, settings }, report) {
    if (!hasColumn(layout, "reviewed")) return;
    const months = settings.reviewAfterMonths;
    for (const item of items) {
      if (!needsReview(item)) continue;
      const last = lastReview(item);
      if (last === null) {
        report({
          item,
          field: "reviewed",
          message: {
            zh: `尚无“回头看”记录（${BASES.map(fieldZh).join("、")}均无日期），应每${months}个月复查一次`,
            en: `No review (回头看) has ever been recorded (${BASES.map(fieldEn).join(", ")} hold no date): review every ${months} months`,
          },
        });
        continue;
      }
      const due = addMonthsIso(last.date, months);
      if (due < today) report({ item, field: "reviewed", message: overdueMessage(last.basis, last.date, due, months) });
    }
  },
};
