/** How rule messages name a ledger field: the header word users know, in both languages. */
import type { FieldKey, Message } from "../types";

export const FIELD_LABELS: Readonly<Record<FieldKey, Message>> = {
  seq: { zh: "序号", en: "No." },
  source: { zh: "问题来源", en: "Source" },
  category: { zh: "问题类别", en: "Category" },
  description: { zh: "问题描述", en: "Description" },
  measures: { zh: "整改措施", en: "Measures" },
  type: { zh: "整改类型", en: "Type" },
  leader: { zh: "责任领导", en: "Leader" },
  unit: { zh: "责任单位", en: "Unit" },
  owner: { zh: "责任人", en: "Owner" },
  assigned: { zh: "交办时间", en: "Assigned on" },
  deadline: { zh: "整改时限", en: "Deadline" },
  progress: { zh: "整改进展", en: "Progress" },
  status: { zh: "整改状态", en: "Status" },
  completed: { zh: "实际完成时间", en: "Completed on" },
  closed: { zh: "是否销号", en: "Closed out" },
  closedOn: { zh: "销号时间", en: "Closed on" },
  evidence: { zh: "佐证材料", en: "Evidence" },
  signer: { zh: "销号审批人", en: "Signer" },
  reviewed: { zh: "回头看时间", en: "Last review" },
  note: { zh: "备注", en: "Note" },
  originalDeadline: { zh: "原定时限", en: "Original deadline" },
  extendedDeadline: { zh: "调整后时限", en: "Extended deadline" },
  extensionReason: { zh: "延期原因", en: "Reason for extension" },
  extensionApprover: { zh: "延期批准人", en: "Extension approved by" },
  extensionApprovalRef: { zh: "批准文号", en: "Approval document No." },
  amountInvolved: { zh: "涉及金额", en: "Amount involved" },
  amountRectified: { zh: "整改金额", en: "Amount rectified" },
  amountRecovered: { zh: "追回金额", en: "Amount recovered" },
  amountRemitted: { zh: "上缴金额", en: "Amount remitted" },
};

/** `责任人` */
export function fieldZh(field: FieldKey): string {
  return FIELD_LABELS[field].zh;
}

/** `Owner (责任人)` — the English name with the Chinese header, so users can find the column. */
export function fieldEn(field: FieldKey): string {
  const label = FIELD_LABELS[field];
  return `${label.en} (${label.zh})`;
}
