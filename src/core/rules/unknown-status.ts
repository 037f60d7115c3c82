/**
 * `unknown-status` — SPEC §5: the status text is not one of the words of SPEC §3 (已完成, 整改中,
 * 未开始, 长期坚持, 已销号 and their synonyms). Such an item counts as not finished, so the user
 * should know its status was not understood.
 */
import { fieldEn, fieldZh } from "./field-labels";
import { excerpt } from "../format";
import { MESSAGE_EXCERPT_LENGTH, textOf } from "./helpers";
import type { Rule } from "./rule";
import { Memo } from "../memo";
import type { Message } from "../types";

/** The message for a status text; memoised, as a ledger repeats the same unknown word on many rows. */
const unknownStatusMessages = new Memo<string, Message>((text) => {
  const said = excerpt(text, MESSAGE_EXCERPT_LENGTH);
  return {
    zh: `${fieldZh("status")}“${said}”无法识别，请填写已完成、整改中、未开始、长期坚持或已销号`,
    en: `${fieldEn("status")} "${said}" is not recognised: use 已完成, 整改中, 未开始, 长期坚持 or 已销号`,
  };
});

export const unknownStatus: Rule = {
  meta: {
    id: "unknown-status",
    defaultSeverity: "warning",
    description: { zh: "整改状态无法识别", en: "The status is not a known status word" },
    seed: "实行销号管理，完成一项销一项；定期通报进展",
    fields: ["status"],
  },
  check({ items }, report) {
    for (const item of items) {
      if (item.statusColumn !== "unknown") continue;
      report({ item, field: "status", message: unknownStatusMessages.get(textOf(item, "status")) });
    }
  },
};
