/**
 * `deadline-moved` — the item's 整改时限 is later than the one recorded for it last period (评估记录).
 * Quietly moving a deadline turns an overdue red item green again; 督办 practice wants the move
 * seen. It applies only when the evaluation was given the recorded periods; the previous record of
 * each item comes from `src/core/history` (identity across periods), so renumbered rows keep their
 * history. The finding points at the cell the current deadline is read from (调整后时限 where filled).
 *
 * Moves earlier, and a date that appears or disappears (text ↔ date), are not reported: neither
 * hides an overdue item.
 */
import { deadlineMove } from "../history/compare";
import type { Rule } from "./rule";

export const deadlineMoved: Rule = {
  meta: {
    id: "deadline-moved",
    defaultSeverity: "warning",
    description: {
      zh: "整改时限比上期评估记录中的时限推迟（悄悄延后时限会掩盖逾期）",
      en: "The deadline is later than the one in last period's record (a quietly moved deadline hides an overdue item)",
    },
    seed: "对连续两周未完成整改事项亮黄灯提醒，超过一个月亮红灯问责",
    fields: ["deadline", "originalDeadline", "extendedDeadline"],
  },
  check({ items, lastPeriod }, report) {
    if (!lastPeriod) return;
    for (const item of items) {
      const before = lastPeriod.get(item.row);
      if (!before) continue;
      const moved = deadlineMove(before, { deadline: item.deadline.date });
      if (!moved) continue;
      report({
        item,
        field: item.deadlineField,
        message: {
          zh: `整改时限由${moved.from}改为${moved.to}（上期记录）`,
          en: `Deadline moved from ${moved.from} to ${moved.to} (last period's record)`,
        },
      });
    }
  },
};
