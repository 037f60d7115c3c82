/**
 * `unknown-type` — SPEC §5: the type text is none of SPEC §3's types. Seed §三(二) 分类施策:
 * 立行立改类, 限期整改类, 长效治理类; an item of unknown type escapes `deadline-type-mismatch`.
 */
import { fieldEn, fieldZh } from "./field-labels";
import { excerpt } from "../format";
import { MESSAGE_EXCERPT_LENGTH, textOf } from "./helpers";
import type { Rule } from "./rule";
import { Memo } from "../memo";
import type { Message } from "../types";

/** The message for a type text; memoised, as a ledger repeats the same unknown word on many rows. */
const unknownTypeMessages = new Memo<string, Message>((text) => {
  const said = excerpt(text, MESSAGE_EXCERPT_LENGTH);
  return {
    zh: `${fieldZh("type")}“${said}”无法识别，请填写立行立改、限期整改或长效治理`,
    en: `${fieldEn("type")} "${said}" is not recognised: use 立行立改, 限期整改 or 长效治理`,
  };
});

export const unknownType: Rule = {
  meta: {
    id: "unknown-type",
    defaultSeverity: "warning",
    description: { zh: "整改类型无法识别", en: "The type is not a known type" },
    seed: "根据问题性质分为三类",
    fields: ["type"],
  },
  check({ items }, report) {
    for (const item of items) {
      if (!item.typeUnknown) continue;
      report({ item, field: "type", message: unknownTypeMessages.get(textOf(item, "type")) });
    }
  },
};
