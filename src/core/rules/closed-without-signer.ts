/**
 * `closed-without-signer` — SPEC §5: closed and the `signer` cell is empty. Seed: 明确第一责任人
 * 制度，实行签字背书，谁签字谁负责. Only when the ledger has a signer column.
 */
import { fieldEn, fieldZh } from "./field-labels";
import { hasColumn, textOf } from "./helpers";
import type { Message } from "../types";
import type { Rule } from "./rule";

/** One message for every such item (built once, not per finding). */
const NO_SIGNER: Message = {
  zh: `已销号，但${fieldZh("signer")}为空（谁签字谁负责）`,
  en: `Closed out, but ${fieldEn("signer")} is empty (whoever signs is accountable)`,
};

export const closedWithoutSigner: Rule = {
  meta: {
    id: "closed-without-signer",
    defaultSeverity: "warning",
    description: { zh: "已销号事项未填写销号审批人（谁签字谁负责）", en: "A closed item has no signer" },
    seed: "实行签字背书，谁签字谁负责",
    fields: ["status", "closed", "signer"],
  },
  check({ layout, items }, report) {
    if (!hasColumn(layout, "signer")) return;
    for (const item of items) {
      if (item.status !== "closed" || textOf(item, "signer") !== "") continue;
      report({ item, field: "signer", message: NO_SIGNER });
    }
  },
};
