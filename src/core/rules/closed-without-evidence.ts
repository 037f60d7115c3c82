/**
 * `closed-without-evidence` — SPEC §5: closed and the `evidence` cell is empty. Seed: 依法依规
 * 操作、过程留痕可溯 — a close-out needs its 佐证材料. Only with an evidence column: without one,
 * `missing-column` reports it once for the ledger.
 */
import { fieldEn, fieldZh } from "./field-labels";
import { hasColumn, textOf } from "./helpers";
import type { Message } from "../types";
import type { Rule } from "./rule";

/** One message for every such item (built once, not per finding). */
const NO_EVIDENCE: Message = {
  zh: `已销号，但${fieldZh("evidence")}为空`,
  en: `Closed out, but ${fieldEn("evidence")} is empty`,
};

export const closedWithoutEvidence: Rule = {
  meta: {
    id: "closed-without-evidence",
    defaultSeverity: "error",
    description: { zh: "已销号事项未填写佐证材料", en: "A closed item has no evidence" },
    seed: "依法依规操作、过程留痕可溯",
    fields: ["status", "closed", "evidence"],
  },
  check({ layout, items }, report) {
    if (!hasColumn(layout, "evidence")) return;
    for (const item of items) {
      if (item.status !== "closed" || textOf(item, "evidence") !== "") continue;
      report({
        item,
        field: "evidence",
        message: NO_EVIDENCE,
      });
    }
  },
};
