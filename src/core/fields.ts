/**
 * Which ledger field a header text names (SPEC §2, "Fields and the header texts that name them").
 *
 * Matching works on the normalised header (`normalizeHeader`: no whitespace, half-width ASCII, no
 * trailing parenthesised note, case-folded), in two steps:
 *
 * 1. **exact** — the normalised header equals a synonym;
 * 2. **contains** — the longest synonym contained in the header wins; on a tie, the one that ends
 *    later wins, because Chinese compounds are head-final (`整改措施完成情况` is a 情况, i.e. a
 *    status, not a measure; `问题分类` is a 分类, not a 问题).
 *
 * Ambiguities are settled by the table itself rather than by special cases: `计划完成时间` is a
 * deadline synonym, so it matches exactly before the contained `完成时间` (completed) is considered;
 * `问题来源`/`问题类别`/`问题编号` are synonyms of their own fields and beat the bare `问题`.
 */
import { normalizeHeader } from "./text";
import { FIELD_KEYS, type FieldKey } from "./types";

/**
 * SPEC §2's table (its texts first, in its order), plus texts real ledgers use. The additions are
 * either longer, more specific phrases that must beat a shorter synonym found inside them
 * (`计划完成日期` must not read as the contained `完成日期`), or common variants
 * (`整改完成时限`, `整改责任人`, `责任处室`, `问题清单`, `佐证材料清单` reach their field by "contains").
 */
export const FIELD_SYNONYMS: Readonly<Record<FieldKey, readonly string[]>> = {
  seq: ["序号", "编号", "问题编号", "No", "No.", "序列号", "问题序号"],
  source: ["问题来源", "来源", "反馈来源", "问题线索来源", "发现渠道"],
  category: ["问题类别", "问题类型", "类别", "分类", "整改维度", "问题性质", "问题领域", "问题分类"],
  description: [
    "问题描述",
    "存在问题",
    "具体问题",
    "问题表现",
    "巡察发现问题",
    "反馈问题",
    "问题",
    "存在的问题",
    "主要问题",
    "发现问题",
    "问题清单",
    "问题内容",
  ],
  measures: ["整改措施", "整改举措", "整改目标及措施", "细化的整改措施", "具体措施", "整改方案"],
  type: ["整改类型", "整改分类", "整改方式", "整改性质"],
  leader: [
    "责任领导",
    "分管领导",
    "牵头领导",
    "整改第一责任人",
    "包保领导",
    "督办领导",
    "分管负责人",
    "牵头负责人",
    "主要负责人",
  ],
  unit: [
    "责任单位",
    "责任部门",
    "牵头单位",
    "牵头部门",
    "责任科室",
    "单位名称",
    "责任处室",
    "责任股室",
    "承办单位",
    "承办部门",
    "责任主体",
  ],
  owner: ["责任人", "具体责任人", "经办人", "直接责任人", "整改责任人", "负责人"],
  assigned: [
    "交办时间",
    "交办日期",
    "下发时间",
    "启动时间",
    "反馈时间",
    "建账时间",
    "下发日期",
    "启动日期",
    "反馈日期",
    "建账日期",
  ],
  deadline: [
    "整改时限",
    "完成时限",
    "整改期限",
    "计划完成时间",
    "时限要求",
    "时限",
    "整改完成时限",
    "计划完成日期",
    "计划完成时限",
    "预计完成时间",
    "预计完成日期",
    "要求完成时间",
    "要求完成日期",
    "拟完成时间",
    "应完成时间",
    "整改时间",
  ],
  progress: [
    "整改进展",
    "进展情况",
    "整改情况",
    "已采取的整改措施",
    "整改进度",
    "落实情况",
    "整改落实情况",
    "推进情况",
    "整改成效",
  ],
  status: ["整改状态", "完成情况", "是否完成", "是否已完成整改", "状态", "整改完成情况", "是否完成整改"],
  completed: ["完成时间", "实际完成时间", "完成日期", "实际完成日期"],
  closed: ["是否销号", "销号情况", "销号状态", "销号"],
  closedOn: ["销号时间", "销号日期"],
  evidence: ["佐证材料", "支撑材料", "证明材料", "佐证资料", "印证材料", "佐证材料清单"],
  signer: ["销号审批人", "验收人", "验收人员", "签字人", "审核人", "审批人"],
  reviewed: ["回头看时间", "最近回头看", "复查时间", "最近复查日期", "回头看日期", "复查日期"],
  note: ["备注", "备注说明"],
};

/**
 * Headers longer than this (normalised) are values, not headers: a problem description that
 * happens to contain `存在问题` must not be read as a header cell by "contains".
 */
const MAX_CONTAINS_HEADER_LENGTH = 24;

/**
 * A sheet title (`XX单位巡察整改问题整改台账`, `整改情况统计表`) names the table, not a column, even
 * though it may contain a synonym (`问题`).
 */
const TITLE_ENDING = /(台账|表)$/u;

/** Pure-ASCII synonyms (`No`) match only exactly: "contains" would find `no` inside `Note`. */
const ASCII_ONLY = /^[\x20-\x7e]+$/;

interface Synonym {
  readonly field: FieldKey;
  readonly text: string;
}

let synonymIndex: { exact: Map<string, FieldKey>; contains: Synonym[] } | null = null;

/** Built lazily so the table is normalised with exactly the rules headers are normalised with. */
function index(): { exact: Map<string, FieldKey>; contains: Synonym[] } {
  if (synonymIndex) return synonymIndex;
  const exact = new Map<string, FieldKey>();
  const contains: Synonym[] = [];
  for (const field of FIELD_KEYS) {
    for (const synonym of FIELD_SYNONYMS[field]) {
      const text = normalizeHeader(synonym);
      if (!text) continue;
      // The first field to claim a text keeps it; the table is written without duplicates (tested).
      if (!exact.has(text)) exact.set(text, field);
      if (!ASCII_ONLY.test(text)) contains.push({ field, text });
    }
  }
  synonymIndex = { exact, contains };
  return synonymIndex;
}

/** The field a header text names, or null. Never throws. */
export function matchField(headerText: string): FieldKey | null {
  const header = normalizeHeader(headerText);
  if (!header) return null;
  const { exact, contains } = index();
  const exactField = exact.get(header);
  if (exactField) return exactField;
  if (header.length > MAX_CONTAINS_HEADER_LENGTH || TITLE_ENDING.test(header)) return null;

  let best: { field: FieldKey; length: number; end: number } | null = null;
  for (const { field, text } of contains) {
    const at = header.lastIndexOf(text);
    if (at < 0) continue;
    const end = at + text.length;
    if (!best || text.length > best.length || (text.length === best.length && end > best.end)) {
      best = { field, length: text.length, end };
    }
  }
  return best?.field ?? null;
}
