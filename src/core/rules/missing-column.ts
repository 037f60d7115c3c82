/**
 * `missing-column` — SPEC §5: "A field the rules need that has no column at all gives one
 * ledger-level finding `missing-column` (error for `description`, `unit`, `owner`, `deadline`;
 * warning for `measures`, `status`, and for `evidence` when any item is closed)."
 *
 * The severity differs per field, so each finding carries its own default; a severity set in the
 * settings applies to all of them alike.
 */
import type { FieldKey, Severity } from "../types";
import { fieldEn, fieldZh } from "./field-labels";
import { hasColumn, hasDeadlineColumn } from "./helpers";
import type { Rule } from "./rule";

const ALWAYS_NEEDED: readonly { field: FieldKey; severity: Severity }[] = [
  { field: "description", severity: "error" },
  { field: "measures", severity: "warning" },
  { field: "unit", severity: "error" },
  { field: "owner", severity: "error" },
  { field: "deadline", severity: "error" },
  { field: "status", severity: "warning" },
];

export const missingColumn: Rule = {
  meta: {
    id: "missing-column",
    defaultSeverity: "error",
    description: {
      zh: "台账缺少规则所需的列（问题描述、责任单位、责任人、整改时限为错误；整改措施、整改状态，以及有事项已销号时的佐证材料为警告）",
      en: "The ledger lacks a column the rules need (error for description, unit, owner and deadline; warning for measures, status, and evidence once an item is closed)",
    },
    seed: "整改目标应明确到岗、到人、到事……设立整改台账，逐项分解任务",
    fields: [...ALWAYS_NEEDED.map(({ field }) => field), "evidence"],
  },
  check({ layout, items }, report) {
    for (const { field, severity } of ALWAYS_NEEDED) {
      // 原定时限 / 调整后时限 are deadline columns too.
      if (field === "deadline" ? hasDeadlineColumn(layout) : hasColumn(layout, field)) continue;
      report({
        field,
        severity,
        message: { zh: `台账缺少“${fieldZh(field)}”列`, en: `The ledger has no ${fieldEn(field)} column` },
      });
    }
    const closedItems = items.filter((item) => item.status === "closed").length;
    if (closedItems > 0 && !hasColumn(layout, "evidence")) {
      report({
        field: "evidence",
        severity: "warning",
        message: {
          zh: `已有 ${closedItems} 项销号，但台账缺少“佐证材料”列，销号依据无从查验`,
          en: `${closedItems} item(s) are closed out, but the ledger has no ${fieldEn("evidence")} column to show what backs them`,
        },
      });
    }
  },
};
