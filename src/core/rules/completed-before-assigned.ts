/**
 * `completed-before-assigned` — SPEC §5: `completed` is before `assigned`. An item cannot be
 * finished before it was handed over; one of the two dates is wrong.
 */
import { fieldEn, fieldZh } from "./field-labels";
import type { Rule } from "./rule";

export const completedBeforeAssigned: Rule = {
  meta: {
    id: "completed-before-assigned",
    defaultSeverity: "error",
    description: { zh: "实际完成时间早于交办时间", en: "The completion date is before the assignment date" },
    seed: "依法依规操作、过程留痕可溯",
    fields: ["completed", "assigned"],
  },
  check({ items }, report) {
    for (const item of items) {
      if (item.completed.kind !== "date" || item.assigned.kind !== "date") continue;
      const completed = item.completed.date;
      const assigned = item.assigned.date;
      if (completed >= assigned) continue;
      report({
        item,
        field: "completed",
        message: {
          zh: `${fieldZh("completed")}${completed}早于${fieldZh("assigned")}${assigned}`,
          en: `${fieldEn("completed")} ${completed} is before ${fieldEn("assigned")} ${assigned}`,
        },
      });
    }
  },
};
