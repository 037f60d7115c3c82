/**
 * `closed-not-done` — SPEC §5: closed per the `closed` column while the `status` column says
 * not_started, in_progress, ongoing or unknown. SPEC §3 makes such an item `closed` anyway; this
 * rule reports the contradiction so the user fixes one of the two cells. Seed: 完成一项销一项 —
 * only a finished item may be closed out.
 */
import type { Status } from "../types";
import { STATUS_WORDS } from "../vocabulary";
import { fieldEn, fieldZh } from "./field-labels";
import { textOf } from "./helpers";
import type { Rule } from "./rule";

const NOT_FINISHED: ReadonlySet<Status> = new Set<Status>(["not_started", "in_progress", "ongoing", "unknown"]);

export const closedNotDone: Rule = {
  meta: {
    id: "closed-not-done",
    defaultSeverity: "error",
    description: {
      zh: "是否销号为已销号，但整改状态显示尚未完成",
      en: "Closed out in the closed column while the status column says the item is not finished",
    },
    seed: "实行销号管理，完成一项销一项",
    fields: ["closed", "status"],
  },
  check({ items }, report) {
    for (const item of items) {
      if (!item.closedByColumn || item.statusColumn === null || !NOT_FINISHED.has(item.statusColumn)) continue;
      const name = STATUS_WORDS[item.statusColumn];
      const said = textOf(item, "status") || name.zh;
      const zhReading = said === name.zh ? "" : `（${name.zh}）`;
      report({
        item,
        field: "status",
        message: {
          zh: `已销号，但${fieldZh("status")}为“${said}”${zhReading}，未完成不应销号`,
          en: `Closed out, but ${fieldEn("status")} says "${said}" (${name.en}): an unfinished item should not be closed`,
        },
      });
    }
  },
};
