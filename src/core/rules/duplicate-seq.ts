/**
 * `duplicate-seq` — SPEC §5: two items of one ledger have the same non-empty `seq`. Seed: 设立
 * 整改台账，逐项分解任务 — each item needs its own number to be reported and closed one by one.
 * The first item with a number is taken as its owner; every later one is reported at its own seq
 * cell and names the row of the first. Numbers compare after removing spaces and converting
 * full-width digits and letters (`１` is `1`), since they read the same to the user.
 */
import { fieldEn, fieldZh } from "./field-labels";
import type { Rule } from "./rule";

/** Printable ASCII without spaces or capitals (`12`, `3.1`, `a-2`): already normal, as most numbers are. */
const ALREADY_NORMAL = /^[!-@[-~]*$/;

export function normaliseSeq(seq: string): string {
  if (ALREADY_NORMAL.test(seq)) return seq;
  return seq
    .replace(/[\s\u3000]+/g, "")
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .toLowerCase();
}

export const duplicateSeq: Rule = {
  meta: {
    id: "duplicate-seq",
    defaultSeverity: "error",
    description: { zh: "序号重复", en: "The same number is used by two items" },
    seed: "设立整改台账，逐项分解任务",
    fields: ["seq"],
  },
  check({ items }, report) {
    const firstRowBySeq = new Map<string, number>();
    for (const item of items) {
      const seq = item.seq?.trim() ?? "";
      const key = normaliseSeq(seq);
      if (key === "") continue;
      const firstRow = firstRowBySeq.get(key);
      if (firstRow === undefined) {
        firstRowBySeq.set(key, item.row);
        continue;
      }
      report({
        item,
        field: "seq",
        message: {
          zh: `${fieldZh("seq")}“${seq}”重复（与第${firstRow}行相同）`,
          en: `${fieldEn("seq")} "${seq}" is a duplicate (the same as row ${firstRow})`,
        },
      });
    }
  },
};
