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
