/**
 * `deadline-before-assigned` — SPEC §5: `deadline` is before `assigned`. A deadline that passed
 * before the item was handed over is a typo (often the wrong year). The deadline is the current one
 * (调整后时限 where filled), and the finding points at the cell it was read from.
 */
import { fieldEn, fieldZh } from "./field-labels";
import type { Rule } from "./rule";

export const deadlineBeforeAssigned: Rule = {
  meta: {
    id: "deadline-before-assigned",
    defaultSeverity: "error",
    description: { zh: "整改时限早于交办时间", en: "The deadline is before the assignment date" },
    seed: "依法依规操作、过程留痕可溯",
    fields: ["deadline", "assigned"],
  },
  check({ items }, report) {
    for (const item of items) {
      const deadline = item.deadline.date;
      if (deadline === null || item.assigned.kind !== "date") continue;
      const assigned = item.assigned.date;
      if (deadline >= assigned) continue;
      report({
        item,
        field: item.deadlineField,
        message: {
          zh: `${fieldZh(item.deadlineField)}${deadline}早于${fieldZh("assigned")}${assigned}`,
          en: `${fieldEn(item.deadlineField)} ${deadline} is before ${fieldEn("assigned")} ${assigned}`,
        },
      });
    }
  },
};
