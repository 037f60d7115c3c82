/**
 * Which ledger field a header text names (SPEC §2, "Fields and the header texts that name them").
 *
 * Everything a field is recognised by lives in one table, `FIELD_HEADERS`: its **synonyms** (SPEC
 * §2's list first) and its **meaning patterns** (the words that carry the meaning in the longer
 * phrases offices type: `是否整改完成`, `整改计划及措施`, `所属责任公司`, `目标完成时间`, `验收责任人`).
 * Adding a field is one entry there.
 *
 * A normalised header (`normalizeHeader`: no whitespace, half-width ASCII, no trailing
 * parenthesised note, case-folded) is matched three ways, each giving a `HeaderMatch`:
 *
 * 1. **exact** — the header equals a synonym;
 * 2. **contains** — a synonym is found inside the header;
 * 3. **meaning** — a meaning pattern is found inside the header.
 *
 * An exact match settles it. Otherwise the candidate covering the **most characters** of the header
 * wins (the most specific reading: `目标完成时间` is a deadline by `目标…完成时间`, six characters,
 * not the contained `完成时间`, four); on equal length a contained synonym beats a meaning pattern,
 * and then the one that ends later wins, because Chinese compounds are head-final (`整改措施完成情况`
 * is a 情况, i.e. a status, not a measure; `问题分类` is a 分类, not a 问题).
 *
 * Ambiguities are settled by the table rather than by special cases: `计划完成时间` is a deadline
 * synonym, so it matches exactly before the contained `完成时间` (completed) is considered;
 * `问题来源`/`问题类别`/`问题编号` are synonyms of their own fields and beat the bare `问题`.
 *
 * `compareHeaderMatches` ranks two columns' matches for one field (layout keeps the best column):
 * exact > contains > meaning, then the longer match; layout keeps the leftmost of equals.
 */
import { normalizeHeader } from "./text";
import { FIELD_KEYS, type FieldKey } from "./types";

export interface FieldHeaderRule {
  /**
   * Texts that name the field, matched exactly and then inside longer headers. SPEC §2's texts come
   * first; the additions are longer, more specific phrases that must beat a shorter synonym found
   * inside them (`计划完成日期` must not read as the contained `完成日期`), or common variants.
   */
  readonly synonyms: readonly string[];
  /**
   * Patterns over the normalised header for the words that carry the field's meaning, when no
   * synonym is the whole header. The length of the text a pattern matches is its strength against
   * other candidates, so a pattern should match the meaning-bearing words, not more.
   */
  readonly meanings: readonly RegExp[];
}

/** Units a 责任… header can name (责任单位, 责任公司, 所属责任公司, 整改责任部门). */
const UNIT_NOUN = "(?:单位|部门|公司|科室|处室|股室|机构|主体)";
/** Words that make a completion date a target rather than a fact (目标完成时间, 预计完成日期). */
const TARGET = "(?:目标|计划|预计|要求|拟|应|规定|承诺)";
const DATE_NOUN = "(?:时间|日期|时限|期限|日)";

export const FIELD_HEADERS: Readonly<Record<FieldKey, FieldHeaderRule>> = {
  seq: { synonyms: ["序号", "编号", "问题编号", "No", "No.", "序列号", "问题序号"], meanings: [] },
  source: { synonyms: ["问题来源", "来源", "反馈来源", "问题线索来源", "发现渠道"], meanings: [] },
  category: {
    synonyms: ["问题类别", "问题类型", "类别", "分类", "整改维度", "问题性质", "问题领域", "问题分类"],
    meanings: [],
  },
  description: {
    synonyms: [
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
    // 问题在审计报告中的序号及表述, 问题详细描述: a 问题… phrase that ends in its description.
    meanings: [/问题.{0,12}(?:表述|描述|简述)$/u],
  },
  measures: {
    synonyms: ["整改措施", "整改举措", "整改目标及措施", "细化的整改措施", "具体措施", "整改方案"],
    // 整改计划及措施, 整改思路及措施, 拟采取的措施: a header that ends in 措施/举措 names the measures.
    meanings: [/(?:措施|举措)$/u, /整改(?:计划|思路|方案)$/u],
  },
  type: { synonyms: ["整改类型", "整改分类", "整改方式", "整改性质"], meanings: [] },
  leader: {
    synonyms: [
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
    meanings: [],
  },
  unit: {
    synonyms: [
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
    // 所属责任公司, 责任人所在单位 (责任 at most two characters before the unit), 主要负责部门.
    meanings: [new RegExp(`责任.{0,2}${UNIT_NOUN}`, "u"), new RegExp(`(?:牵头|承办|主责|负责)${UNIT_NOUN}`, "u")],
  },
  owner: { synonyms: ["责任人", "具体责任人", "经办人", "直接责任人", "整改责任人", "负责人"], meanings: [] },
  assigned: {
    synonyms: [
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
    meanings: [],
  },
  deadline: {
    synonyms: [
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
    // 目标完成时间, 计划整改完成日期, 要求整改完成时间: a target, not the day it was done.
    // 截止时间, 完成期限: the limit itself.
    meanings: [new RegExp(`${TARGET}(?:整改)?完成${DATE_NOUN}`, "u"), /截止(?:时间|日期)|完成期限/u],
  },
  progress: {
    synonyms: [
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
    meanings: [/进展|进度/u],
  },
  status: {
    synonyms: ["整改状态", "完成情况", "是否完成", "是否已完成整改", "状态", "整改完成情况", "是否完成整改"],
    // 是否整改完成, 是否已整改到位, 是否办结: a yes/no column on completion.
    meanings: [/是否.{0,4}(?:完成|到位|办结)/u],
  },
  completed: {
    synonyms: ["完成时间", "实际完成时间", "完成日期", "实际完成日期"],
    // 实际整改完成时间, 整改完成日期, 整改到位时间, 办结时间: the day it was done.
    meanings: [/(?:实际(?:整改)?|整改)完成(?:时间|日期)|(?:到位|办结)(?:时间|日期)/u],
  },
  closed: { synonyms: ["是否销号", "销号情况", "销号状态", "销号"], meanings: [] },
  closedOn: { synonyms: ["销号时间", "销号日期"], meanings: [] },
  evidence: {
    synonyms: ["佐证材料", "支撑材料", "证明材料", "佐证资料", "印证材料", "佐证材料清单"],
    meanings: [/(?:佐证|证明|支撑|印证)(?:材料|资料|文件)/u],
  },
  signer: {
    synonyms: ["销号审批人", "验收人", "验收人员", "签字人", "审核人", "审批人"],
    // 验收责任人, 审批签字人, 整改验证人: the person who signs the close-out off.
    meanings: [/(?:验收|审批|签字|审核|验证)\p{Script=Han}{0,3}人/u],
  },
  reviewed: {
    synonyms: ["回头看时间", "最近回头看", "复查时间", "最近复查日期", "回头看日期", "复查日期"],
    meanings: [],
  },
  note: { synonyms: ["备注", "备注说明"], meanings: [] },
  // Extensions (延期): the deadline before and after, why, and who approved it under which document.
  originalDeadline: {
    synonyms: ["原定时限", "原定整改时限", "原整改时限", "原定完成时限", "原定完成时间", "原计划完成时间", "原时限"],
    // 原定整改完成时间, 原计划完成日期: a deadline marked as the original one.
    meanings: [new RegExp(`^原(?:定|计划)?\\p{Script=Han}{0,4}${DATE_NOUN}`, "u")],
  },
  extendedDeadline: {
    synonyms: [
      "调整后时限",
      "延期后时限",
      "调整后整改时限",
      "调整后完成时限",
      "调整后完成时间",
      "延期后完成时限",
      "延期后完成时间",
      "延期时限",
      "延期至",
      "调整时限",
    ],
    // 延期后整改完成时间, 调整后的完成日期, 变更后时限: the deadline after an extension.
    meanings: [new RegExp(`(?:调整|延期|变更)后?的?\\p{Script=Han}{0,4}${DATE_NOUN}`, "u")],
  },
  extensionReason: {
    synonyms: ["延期原因", "调整原因", "延期理由", "延期说明", "申请延期原因", "延期事由"],
    meanings: [/(?:延期|调整|延时)\p{Script=Han}{0,2}(?:原因|理由|事由)/u],
  },
  extensionApprover: {
    synonyms: ["延期批准人", "延期审批人", "批准人", "延期批准领导"],
    meanings: [/(?:延期|调整)\p{Script=Han}{0,2}(?:批准|审批)(?:人|领导)/u],
  },
  extensionApprovalRef: {
    synonyms: ["批准文号", "延期批准文号", "审批文号", "延期审批文号", "批复文号"],
    meanings: [/(?:批准|审批|批复)文(?:号|件)/u],
  },
  // Amounts (金额). `（万元）` and other trailing notes are dropped before matching; amounts.ts reads
  // the unit from the header as written.
  amountInvolved: {
    synonyms: ["涉及金额", "问题金额", "违规金额", "涉及资金", "违规资金", "问题涉及金额", "金额"],
    // 违规使用资金金额, 涉及问题金额: money the problem is about (not 问题整改金额, a rectified sum).
    meanings: [/(?:涉及|违规|违纪)\p{Script=Han}{0,4}(?:金额|资金)/u],
  },
  amountRectified: {
    synonyms: ["整改金额", "已整改金额", "整改到位金额", "已整改到位金额", "整改完成金额", "纠正金额", "已纠正金额"],
    meanings: [/(?:整改|纠正|规范)\p{Script=Han}{0,4}(?:金额|资金)/u],
  },
  amountRecovered: {
    synonyms: [
      "追回金额",
      "收回金额",
      "退还金额",
      "挽回金额",
      "追缴金额",
      "已追回金额",
      "追回(收回/退还/挽回)金额",
      "挽回损失",
    ],
    meanings: [/(?:追回|收回|退还|挽回|追缴|返还)\p{Script=Han}{0,4}(?:金额|资金|损失)/u],
  },
  amountRemitted: {
    synonyms: ["上缴金额", "已上缴金额", "上缴国库金额", "上缴财政金额", "缴库金额"],
    meanings: [/(?:上缴|缴库)\p{Script=Han}{0,4}(?:金额|资金)/u],
  },
};

/** Each field's synonyms (the `synonyms` of `FIELD_HEADERS`). */
export const FIELD_SYNONYMS: Readonly<Record<FieldKey, readonly string[]>> = Object.fromEntries(
  FIELD_KEYS.map((field) => [field, FIELD_HEADERS[field].synonyms]),
) as Record<FieldKey, readonly string[]>;

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

/** How a header named its field, strongest first. */
export const MATCH_KIND_RANK = { exact: 3, contains: 2, meaning: 1 } as const;
export type MatchKind = keyof typeof MATCH_KIND_RANK;

export interface HeaderMatch {
  readonly field: FieldKey;
  readonly kind: MatchKind;
  /** Characters of the normalised header the synonym or pattern covered. */
  readonly length: number;
}

interface Synonym {
  readonly field: FieldKey;
  readonly text: string;
}

interface Meaning {
  readonly field: FieldKey;
  readonly pattern: RegExp;
}

interface HeaderIndex {
  readonly exact: Map<string, FieldKey>;
  readonly contains: readonly Synonym[];
  readonly meanings: readonly Meaning[];
}

let headerIndex: HeaderIndex | null = null;

/** Built lazily so the table is normalised with exactly the rules headers are normalised with. */
function index(): HeaderIndex {
  if (headerIndex) return headerIndex;
  const exact = new Map<string, FieldKey>();
  const contains: Synonym[] = [];
  const meanings: Meaning[] = [];
  for (const field of FIELD_KEYS) {
    for (const synonym of FIELD_HEADERS[field].synonyms) {
      const text = normalizeHeader(synonym);
      if (!text) continue;
      // The first field to claim a text keeps it; the table is written without duplicates (tested).
      if (!exact.has(text)) exact.set(text, field);
      if (!ASCII_ONLY.test(text)) contains.push({ field, text });
    }
    for (const pattern of FIELD_HEADERS[field].meanings) meanings.push({ field, pattern });
  }
  headerIndex = { exact, contains, meanings };
  return headerIndex;
}

/** How a header names its field, or null when it names none. Never throws. */
export function matchHeader(headerText: string): HeaderMatch | null {
  const header = normalizeHeader(headerText);
  if (!header) return null;
  const { exact, contains, meanings } = index();
  const exactField = exact.get(header);
  if (exactField) return { field: exactField, kind: "exact", length: header.length };
  if (header.length > MAX_CONTAINS_HEADER_LENGTH || TITLE_ENDING.test(header)) return null;

  let best: { match: HeaderMatch; end: number } | null = null;
  const consider = (field: FieldKey, kind: MatchKind, at: number, length: number): void => {
    const end = at + length;
    if (
      !best ||
      length > best.match.length ||
      (length === best.match.length &&
        (MATCH_KIND_RANK[kind] > MATCH_KIND_RANK[best.match.kind] || (kind === best.match.kind && end > best.end)))
    ) {
      best = { match: { field, kind, length }, end };
    }
  };
  for (const { field, text } of contains) {
    const at = header.lastIndexOf(text);
    if (at >= 0) consider(field, "contains", at, text.length);
  }
  for (const { field, pattern } of meanings) {
    const found = pattern.exec(header);
    if (found) consider(field, "meaning", found.index, found[0].length);
  }
  return (best as { match: HeaderMatch } | null)?.match ?? null;
}

/** The field a header text names, or null. Never throws. */
export function matchField(headerText: string): FieldKey | null {
  return matchHeader(headerText)?.field ?? null;
}

/**
 * Orders two columns' matches for the same field, best first (negative when `a` is better):
 * exact > contains > meaning, then (below exact) the longer synonym or pattern match. Two exact
 * matches are equal whatever their length (`责任人` and `整改责任人` both name the owner outright).
 * Equal matches compare 0 — the caller keeps the leftmost column.
 */
export function compareHeaderMatches(a: HeaderMatch, b: HeaderMatch): number {
  const byKind = MATCH_KIND_RANK[b.kind] - MATCH_KIND_RANK[a.kind];
  if (byKind !== 0 || a.kind === "exact") return byKind;
  return b.length - a.length;
}
