/**
 * `completed-in-future` — SPEC §5: `completed` is after today. A completion date cannot lie
 * ahead (过程留痕可溯): it is a planned date typed in the wrong column, or a typo.
 */
import { fieldEn, fieldZh } from "./field-labels";
import type { Rule } from "./rule";

export const completedInFuture: Rule = {
  meta: {
    id: "completed-in-future",
    defaultSeverity: "error",
    description: { zh: "实际完成时间晚于今天", en: "The completion date is after today" },
    seed: "依法依规操作、过程留痕可溯",
    fields: ["completed"],
  },
  check({ items, today }, report) {
    for (const item of items) {
      if (item.completed.kind !== "date" || item.completed.date <= today) continue;
      const date = item.completed.date;
      report({
        item,
        field: "completed",
        message: {
          zh: `${fieldZh("completed")}${date}晚于今天（${today}）`,
          en: `${fieldEn("completed")} ${date} is after today (${today})`,
        },
      });
    }
  },
};
