/**
 * `deadline-type-mismatch` — SPEC §5, from seed §三(二) 分类施策，分步推进:
 *   立行立改类——限时整改，一周内完成;
 *   限期整改类——一个月内制定方案，三个月内见效;
 *   长效治理类——半年至一年内形成机制，持续改进.
 * With `type`, `assigned` and a dated `deadline`: immediate and deadline > assigned + 7 days;
 * time_limited and deadline > addMonths(assigned, 3); long_term and deadline < addMonths(assigned, 6)
 * or > addMonths(assigned, 12). The bounds themselves are allowed (exactly 7 days is fine). The
 * numbers are settings (`immediateMaxDays`, `timeLimitedMaxMonths`, `longTermMinMonths`,
 * `longTermMaxMonths`). A deadline before the assignment also fires `deadline-before-assigned`.
 */
import { addDaysIso, addMonthsIso } from "../dates";
import type { IsoDate, ItemType, Message } from "../types";
import type { Settings } from "../settings";
import { TYPE_WORDS } from "../vocabulary";
import { fieldEn, fieldZh } from "./field-labels";
import type { Rule } from "./rule";

/** The start every mismatch message shares; built only for a mismatch (most items fit). */
function headOf(type: ItemType, deadline: IsoDate): Message {
  return {
    zh: `整改类型为${TYPE_WORDS[type].zh}，${fieldZh("deadline")}${deadline}`,
    en: `The type is ${TYPE_WORDS[type].en} (${TYPE_WORDS[type].zh}), and ${fieldEn("deadline")} ${deadline}`,
  };
}

/** Why the deadline does not fit the type, or null when it does. */
export function typeMismatch(type: ItemType, assigned: IsoDate, deadline: IsoDate, settings: Settings): Message | null {
  switch (type) {
    case "immediate": {
      const days = settings.immediateMaxDays;
      const latest = addDaysIso(assigned, days);
      if (deadline <= latest) return null;
      const head = headOf(type, deadline);
      return {
        zh: `${head.zh}超过交办后${days}天（${latest}）`,
        en: `${head.en} is more than ${days} days after assignment (${latest})`,
      };
    }
    case "time_limited": {
      const months = settings.timeLimitedMaxMonths;
      const latest = addMonthsIso(assigned, months);
      if (deadline <= latest) return null;
      const head = headOf(type, deadline);
      return {
        zh: `${head.zh}超过交办后${months}个月（${latest}）`,
        en: `${head.en} is more than ${months} months after assignment (${latest})`,
      };
    }
    case "long_term": {
      const min = settings.longTermMinMonths;
      const max = settings.longTermMaxMonths;
      const earliest = addMonthsIso(assigned, min);
      const latest = addMonthsIso(assigned, max);
      if (deadline >= earliest && deadline <= latest) return null;
      const head = headOf(type, deadline);
      return {
        zh: `${head.zh}不在交办后${min}至${max}个月之间（${earliest}至${latest}）`,
        en: `${head.en} is not between ${min} and ${max} months after assignment (${earliest} to ${latest})`,
      };
    }
  }
}

export const deadlineTypeMismatch: Rule = {
  meta: {
    id: "deadline-type-mismatch",
    defaultSeverity: "warning",
    description: {
      zh: "整改时限与整改类型不符：立行立改一周内、限期整改三个月内、长效治理半年至一年",
      en: "The deadline does not fit the type: immediate within a week, time-limited within three months, long-term in six to twelve months",
    },
    seed: "立行立改类……一周内完成；限期整改类……三个月内见效；长效治理类……半年至一年内形成机制",
    fields: ["type", "assigned", "deadline"],
  },
  check({ items, settings }, report) {
    // type → assigned → deadline → message: a ledger has few distinct triples (items assigned on one
    // day share their limits), so each is worked out once — date arithmetic and message text alike.
    const known = new Map<ItemType, Map<IsoDate, Map<IsoDate, Message | null>>>();
    for (const item of items) {
      const deadline = item.deadline.date;
      if (item.type === null || item.assigned.kind !== "date" || deadline === null) continue;
      let byAssigned = known.get(item.type);
      if (!byAssigned) known.set(item.type, (byAssigned = new Map()));
      let byDeadline = byAssigned.get(item.assigned.date);
      if (!byDeadline) byAssigned.set(item.assigned.date, (byDeadline = new Map()));
      let message = byDeadline.get(deadline);
      if (message === undefined) {
        message = typeMismatch(item.type, item.assigned.date, deadline, settings);
        byDeadline.set(deadline, message);
      }
      if (message) report({ item, field: item.deadlineField, message });
    }
  },
};
