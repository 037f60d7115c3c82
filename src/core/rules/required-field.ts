/**
 * `required-field` — SPEC §5: fires when `description`, `measures`, `unit`, `owner` or `deadline`
 * is empty on an item. Seed: 整改目标应明确到岗、到人、到事. Only for columns the ledger has;
 * a missing column is `missing-column`'s to report, once, not once per row.
 */
import type { FieldKey, Message } from "../types";
import { fieldEn, fieldZh } from "./field-labels";
import { hasColumn, hasDeadlineColumn, textOf } from "./helpers";
import type { Rule } from "./rule";

const REQUIRED: readonly FieldKey[] = ["description", "measures", "unit", "owner", "deadline"];

/** One message per field, built once rather than per finding (a ledger can have thousands of blanks). */
const EMPTY_MESSAGES = Object.fromEntries(
  REQUIRED.map((field) => [field, { zh: `${fieldZh(field)}为空`, en: `${fieldEn(field)} is empty` }]),
) as Readonly<Record<(typeof REQUIRED)[number], Message>>;

export const requiredField: Rule = {
  meta: {
    id: "required-field",
    defaultSeverity: "error",
    description: {
      zh: "问题描述、整改措施、责任单位、责任人、整改时限不得为空",
      en: "Description, measures, unit, owner and deadline must not be empty",
    },
    seed: "整改目标应明确到岗、到人、到事",
    fields: REQUIRED,
  },
  check({ layout, items }, report) {
    // The deadline is the current one (调整后时限, else 原定时限, else 整改时限): checked once per item.
    const present = REQUIRED.filter((field) => field !== "deadline" && hasColumn(layout, field));
    const checkDeadline = hasDeadlineColumn(layout);
    for (const item of items) {
      for (const field of present) {
        if (textOf(item, field) !== "") continue;
        report({ item, field, message: EMPTY_MESSAGES[field] });
      }
      if (checkDeadline && item.deadline.text.trim() === "") {
        report({ item, field: item.deadlineField, message: EMPTY_MESSAGES.deadline });
      }
    }
  },
};
