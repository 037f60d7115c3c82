/**
 * `copied-evidence` — 纸面销号 (close-out on paper): different closed items whose 佐证材料, or whose
 * 整改进展, say exactly the same thing. One evidence file cannot back two different problems, and
 * a progress text pasted from row to row reports no progress of its own.
 *
 * Texts compare with spaces and punctuation ignored (`会议纪要、通报。` = `会议纪要 通报`) and
 * full-width letters and digits made half-width; texts shorter than 10 characters after that are
 * left alone (`已整改`, `见附件` are the same everywhere without being copied).
 *
 * Each pair is reported once, on the later row, naming the first row that holds the text: three
 * items with one text give two findings (both citing the first), not three or six. When the
 * evidence of two items is the same, their progress text is not reported as well (one pair, one
 * finding). A hash map of the normalised texts: linear in the items.
 */
import { normalizeText } from "../text";
import type { EvaluatedItem, FieldKey, Message } from "../types";
import { fieldEn, fieldZh } from "./field-labels";
import { hasColumn, textOf } from "./helpers";
import type { Rule } from "./rule";

/** Long enough that two equal texts are copied, not a coincidence: at least 10 characters once spaces and punctuation are gone. */
export const MIN_COPIED_LENGTH = 10;

const PUNCTUATION_AND_SYMBOLS = /[\p{P}\p{S}]/gu;

/** The text two cells are compared by, or null when it is too short to be telling. */
export function comparableText(text: string): string | null {
  if (text.length < MIN_COPIED_LENGTH) return null;
  const normalized = normalizeText(text).replace(PUNCTUATION_AND_SYMBOLS, "");
  // Length in characters (code points), not UTF-16 units.
  let length = 0;
  for (const _ of normalized) if (++length >= MIN_COPIED_LENGTH) return normalized;
  return null;
}

type ComparedField = "evidence" | "progress";
const COMPARED: readonly ComparedField[] = ["evidence", "progress"];

function messageFor(field: FieldKey, firstRow: number): Message {
  return {
    zh: `${fieldZh(field)}与第${firstRow}行完全相同`,
    en: `${fieldEn(field)} is identical to row ${firstRow}'s`,
  };
}

export const copiedEvidence: Rule = {
  meta: {
    id: "copied-evidence",
    defaultSeverity: "warning",
    description: {
      zh: "不同的已销号事项佐证材料或整改进展完全相同（忽略空格和标点，至少10个字），疑似纸面销号",
      en: "Different closed items have the same evidence or progress text (spaces and punctuation ignored, at least 10 characters): a sign of close-out on paper",
    },
    seed: "工程管理巡察整改目标不应只是纸面任务",
    fields: ["evidence", "progress", "status", "closed"],
  },
  check({ layout, items }, report) {
    const fields = COMPARED.filter((field) => hasColumn(layout, field));
    if (fields.length === 0) return;
    const firstRowOf = new Map<ComparedField, Map<string, EvaluatedItem>>(fields.map((f) => [f, new Map()]));
    for (const item of items) {
      if (item.status !== "closed") continue;
      let pairedWith: EvaluatedItem | null = null;
      for (const field of fields) {
        const text = comparableText(textOf(item, field));
        if (text === null) continue;
        const seen = firstRowOf.get(field) as Map<string, EvaluatedItem>;
        const first = seen.get(text);
        if (first === undefined) {
          seen.set(text, item);
          continue;
        }
        if (first === pairedWith) continue;
        pairedWith = first;
        report({ item, field, message: messageFor(field, first.row) });
      }
    }
  },
};
