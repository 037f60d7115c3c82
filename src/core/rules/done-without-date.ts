/**
 * `done-without-date` — SPEC §5: done or closed, the `completed` column exists, and it is empty.
 * Seed: 实行销号管理，完成一项销一项 — a finished item without its completion date cannot be
 * checked against its deadline (onTimeRate) or traced. An unreadable date is `invalid-date`'s.
 */
import { fieldEn, fieldZh } from "./field-labels";
import { hasColumn } from "./helpers";
import type { Rule } from "./rule";

export const doneWithoutDate: Rule = {
  meta: {
    id: "done-without-date",
    defaultSeverity: "warning",
    description: {
      zh: "已完成或已销号的事项未填写实际完成时间",
      en: "A done or closed item has no completion date",
    },
    seed: "实行销号管理，完成一项销一项",
    fields: ["status", "closed", "completed"],
  },
  check({ layout, items }, report) {
    if (!hasColumn(layout, "completed")) return;
    for (const item of items) {
      if (item.status !== "done" && item.status !== "closed") continue;
      if (item.completed.kind !== "empty") continue;
      const state = item.status === "closed" ? { zh: "已销号", en: "closed out" } : { zh: "已完成", en: "done" };
      report({
        item,
        field: "completed",
        message: {
          zh: `事项${state.zh}，但${fieldZh("completed")}为空`,
          en: `The item is ${state.en}, but ${fieldEn("completed")} is empty`,
        },
      });
    }
  },
};
