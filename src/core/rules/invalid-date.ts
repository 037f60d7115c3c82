/**
 * `invalid-date` — SPEC §5: a non-empty `assigned`/`deadline`/`completed`/`closedOn`/`reviewed`
 * cell is neither a date nor (for `deadline`) a long-term phrase. SPEC §3: "Text with no year
 * (`3月底`) is not a date" — the message says so when the year is what is missing.
 */
import { mentionsYear } from "../parse/date";
import type { DateReading, EvaluatedItem, FieldKey, Message } from "../types";
import { fieldEn, fieldZh } from "./field-labels";
import { excerpt } from "../format";
import { MESSAGE_EXCERPT_LENGTH, originalDeadlineField } from "./helpers";
import type { Rule } from "./rule";

type DatedField = "assigned" | "completed" | "closedOn" | "reviewed";
const DATED_FIELDS: readonly DatedField[] = ["assigned", "completed", "closedOn", "reviewed"];

/** A month or day is written but no year (`3月底`, `3/15`); `25.2.30` has one (two digits). */
function lacksYear(text: string): boolean {
  return !mentionsYear(text) && /(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月|\d{1,2}[/.-]\d{1,2}/.test(text);
}

function invalidMessage(field: FieldKey, text: string): Message {
  const value = excerpt(text, MESSAGE_EXCERPT_LENGTH);
  const ongoingHint = field === "deadline" || field === "originalDeadline" || field === "extendedDeadline";
  const zhTail = ongoingHint ? "，也不是“长期坚持”等长期表述" : "";
  const enTail = ongoingHint ? ", nor a long-term phrase such as 长期坚持" : "";
  if (lacksYear(text)) {
    return {
      zh: `${fieldZh(field)}“${value}”不是有效日期（缺少年份，如“2025年3月底”）${zhTail}`,
      en: `${fieldEn(field)} "${value}" is not a valid date (the year is missing, e.g. 2025年3月底)${enTail}`,
    };
  }
  return {
    zh: `${fieldZh(field)}“${value}”不是有效日期${zhTail}`,
    en: `${fieldEn(field)} "${value}" is not a valid date${enTail}`,
  };
}

function readingOf(item: EvaluatedItem, field: DatedField): DateReading {
  return item[field];
}

export const invalidDate: Rule = {
  meta: {
    id: "invalid-date",
    defaultSeverity: "error",
    description: {
      zh: "日期列（交办时间、整改时限、实际完成时间、销号时间、回头看时间）中的内容无法识别为日期（整改时限也可为长期表述）",
      en: "A date column (assigned, deadline, completed, closed on, last review) holds text that is not a date (a deadline may also be a long-term phrase)",
    },
    seed: "依法依规操作、过程留痕可溯",
    fields: ["assigned", "deadline", "originalDeadline", "extendedDeadline", "completed", "closedOn", "reviewed"],
  },
  check({ items }, report) {
    for (const item of items) {
      if (item.deadline.invalid) {
        report({ item, field: item.deadlineField, message: invalidMessage(item.deadlineField, item.deadline.text) });
      }
      // An extended item's original deadline is a cell of its own, checked too.
      if (item.originalDeadline !== item.deadline && item.originalDeadline.invalid) {
        const field = originalDeadlineField(item);
        report({ item, field, message: invalidMessage(field, item.originalDeadline.text) });
      }
      for (const field of DATED_FIELDS) {
        const reading = readingOf(item, field);
        if (reading.kind === "invalid") report({ item, field, message: invalidMessage(field, reading.text) });
      }
    }
  },
};
