/**
 * `extension-without-approval` — a deadline was extended (调整后时限 filled with another date than
 * the original) and the ledger does not say why (延期原因) or who approved it (延期批准人 or 批准文号).
 * 督办 practice: a unit that cannot finish on time reports why and has the new date approved;
 * an extension without both is a deadline quietly moved.
 *
 * A reason or approval column the ledger lacks counts as empty: the extension is then recorded
 * nowhere. The finding points at the first empty cell it names, or at 调整后时限 when the ledger
 * has none of those columns.
 */
import type { FieldKey, Message } from "../types";
import { fieldEn, fieldZh } from "./field-labels";
import { hasColumn, textOf } from "./helpers";
import type { Rule } from "./rule";

const APPROVAL_FIELDS: readonly FieldKey[] = ["extensionApprover", "extensionApprovalRef"];

const APPROVAL_ZH = `${fieldZh("extensionApprover")}或${fieldZh("extensionApprovalRef")}`;
const APPROVAL_EN = `${fieldEn("extensionApprover")} or ${fieldEn("extensionApprovalRef")}`;

function messageFor(to: string, noReason: boolean, noApproval: boolean): Message {
  const zhMissing = [noReason ? fieldZh("extensionReason") : "", noApproval ? APPROVAL_ZH : ""].filter(Boolean);
  const enMissing = [noReason ? fieldEn("extensionReason") : "", noApproval ? APPROVAL_EN : ""].filter(Boolean);
  return {
    zh: `整改时限已调整为${to}，但未填写${zhMissing.join("和")}（延期须说明原因并经批准）`,
    en: `The deadline was moved to ${to}, but ${enMissing.join(" and ")} ${enMissing.length > 1 ? "are" : "is"} empty (an extension needs a reason and an approval)`,
  };
}

export const extensionWithoutApproval: Rule = {
  meta: {
    id: "extension-without-approval",
    defaultSeverity: "warning",
    description: {
      zh: "整改时限延期（调整后时限已填写）但未填写延期原因或延期批准人/批准文号",
      en: "A deadline was extended, but the reason or the approval (approver or document No.) is empty",
    },
    seed: "整改后应做到“依法依规操作、过程留痕可溯”",
    fields: ["extendedDeadline", "originalDeadline", "deadline", "extensionReason", ...APPROVAL_FIELDS],
  },
  check({ layout, items }, report) {
    if (!hasColumn(layout, "extendedDeadline")) return;
    const approvalColumns = APPROVAL_FIELDS.filter((field) => hasColumn(layout, field));
    for (const item of items) {
      if (!item.extended) continue;
      const noReason = textOf(item, "extensionReason") === "";
      const noApproval = approvalColumns.every((field) => textOf(item, field) === "");
      if (!noReason && !noApproval) continue;
      const emptyCells = [...(noReason ? ["extensionReason" as const] : []), ...(noApproval ? approvalColumns : [])];
      const field = emptyCells.find((candidate) => hasColumn(layout, candidate)) ?? "extendedDeadline";
      report({ item, field, message: messageFor(item.deadline.date ?? item.deadline.text, noReason, noApproval) });
    }
  },
};
