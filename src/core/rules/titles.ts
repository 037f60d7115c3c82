/**
 * Short names of the rules, for headings: the findings grouped by rule in the task pane, the
 * settings list, and the command line's text report. One table for both, beside the rules (each
 * rule module holds its long description and its messages).
 */
import type { Message, RuleId } from "../types";

export const RULE_TITLES: Readonly<Record<RuleId, Message>> = {
  "missing-column": { zh: "缺少必要的列", en: "Missing column" },
  "required-field": { zh: "必填项为空", en: "Required field empty" },
  "invalid-date": { zh: "日期无法识别", en: "Unreadable date" },
  "done-without-date": { zh: "已完成但无完成时间", en: "Done without a completion date" },
  "completed-in-future": { zh: "完成时间晚于今天", en: "Completed in the future" },
  "completed-before-assigned": { zh: "完成时间早于交办时间", en: "Completed before assigned" },
  "deadline-before-assigned": { zh: "整改时限早于交办时间", en: "Deadline before assigned" },
  "deadline-type-mismatch": { zh: "整改时限与整改类型不符", en: "Deadline does not fit the type" },
  "closed-not-done": { zh: "已销号但未完成", en: "Closed out but not done" },
  "closed-without-evidence": { zh: "销号缺少佐证材料", en: "Closed out without evidence" },
  "closed-without-signer": { zh: "销号缺少审批人", en: "Closed out without a signer" },
  "vague-measures": { zh: "整改措施笼统", en: "Vague measures" },
  "owner-not-person": { zh: "责任人未落实到人", en: "Owner is not one person" },
  "duplicate-seq": { zh: "序号重复", en: "Duplicate number" },
  "unknown-status": { zh: "整改状态无法识别", en: "Unknown status" },
  "unknown-type": { zh: "整改类型无法识别", en: "Unknown type" },
  "review-overdue": { zh: "超过一季度未“回头看”", en: "Review overdue" },
  "extension-without-approval": { zh: "延期未说明原因或未经批准", en: "Extension without reason or approval" },
  "copied-evidence": { zh: "佐证材料或进展雷同（纸面销号）", en: "Copied evidence or progress" },
  "deadline-moved": { zh: "整改时限较上期推迟", en: "Deadline moved later since last period" },
  "survey-unknown-answer": { zh: "问卷答案无法识别", en: "Unknown survey answer" },
};
