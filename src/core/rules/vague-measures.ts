/**
 * `vague-measures` — seed §三(三) 量化指标，便于考核: 避免模糊表述，如“加强管理”“提高意识”，
 * 应具体化为可测量的目标. SPEC §5: the measures are only general words — every clause (split on
 * ，,；;。 and line breaks) has a vague phrase and none has a concrete marker.
 *
 * Choices where SPEC says "such as":
 * - vague phrases are SPEC's list plus 提升 and 加大 (the same kind of word as 提高/加强);
 * - a number counts only with a measure word (`2轮`, `6项`, `三个月`), as a %, or in a date: a bare
 *   digit is usually list numbering (`1.加强管理`), which makes nothing concrete. Time units count as
 *   measure words, since a time bound (`一周内`) is checkable; `一个新台阶` does not count;
 * - concrete words are SPEC's (制度, 办法, 细则, 清单, 台账, 培训, 系统, 审计, 检查) plus documents
 *   and actions of the same kind (方案, 规定, 手册, 约谈, 通报, 问责, 公示, 督查…);
 * - list numbering at the start of a clause (`1.`, `（一）`, `一是`) is ignored, and a clause with
 *   no words left (a lone `（1）`) is not a clause.
 */
import { Memo } from "../memo";
import type { Message } from "../types";
import { fieldEn, fieldZh } from "./field-labels";
import { excerpt } from "../format";
import { MESSAGE_EXCERPT_LENGTH, hasColumn, textOf } from "./helpers";
import type { Rule } from "./rule";

export const VAGUE_PHRASES: readonly string[] = [
  "高度重视",
  "认真落实",
  "进一步",
  "加强",
  "提高",
  "切实",
  "强化",
  "增强",
  "严格",
  "提升",
  "加大",
];

export const CONCRETE_WORDS: readonly string[] = [
  "制度",
  "办法",
  "细则",
  "清单",
  "台账",
  "台帐",
  "培训",
  "系统",
  "审计",
  "检查",
  "方案",
  "规定",
  "规程",
  "手册",
  "名单",
  "会议",
  "通报",
  "约谈",
  "问责",
  "追责",
  "追缴",
  "公示",
  "归档",
  "督查",
  "抽查",
  "复查",
];

const NUMERAL = String.raw`(?:[0-9０-９]+(?:\.[0-9]+)?|[零一二两三四五六七八九十百千万]+)`;
const MEASURE_WORD = "(?:项|次|个|名|轮|份|场|期|条|家|人|件|套|篇|本|处|户|倍|元|天|日|周|月|年|季度|小时)";
const COUNTED = new RegExp(NUMERAL + String.raw`\s*` + MEASURE_WORD);
const PERCENT = /[%％]|百分之/;
const DOCUMENT_TITLE = /《[^《》]+》/;
const DATE = /[0-9]{4}\s*[年./-]|年底|年末|年内|月底|月末|季度末|上半年|下半年/;
/** Set phrases that hold a numeral and a measure word yet say nothing checkable. */
const EMPTY_COUNTS = /上?一个新?台阶/g;
const LIST_NUMBERING =
  /^\s*(?:[（(][0-9０-９一二三四五六七八九十]+[)）]|[0-9０-９]+[.、．)）]|[一二三四五六七八九十]+[、.．]|[一二三四五六七八九十]+是)\s*/;
const CLAUSE_SEPARATORS = /[，,；;。\r\n]+/;

/** The clauses of a measures text, list numbering removed, empty ones dropped. */
export function clausesOf(text: string): string[] {
  return text
    .split(CLAUSE_SEPARATORS)
    .map((clause) => clause.replace(LIST_NUMBERING, "").trim())
    .filter((clause) => /[\p{L}]/u.test(clause));
}

/** The vague phrases of a clause, in the order they appear. */
export function vaguePhrasesIn(clause: string): string[] {
  return VAGUE_PHRASES.filter((phrase) => clause.includes(phrase)).sort(
    (a, b) => clause.indexOf(a) - clause.indexOf(b),
  );
}

/** A number with a measure word, a %, a 《document》, a date, or a concrete word. */
export function hasConcreteMarker(clause: string): boolean {
  const text = clause.replace(EMPTY_COUNTS, "");
  return (
    COUNTED.test(text) ||
    PERCENT.test(text) ||
    DOCUMENT_TITLE.test(text) ||
    DATE.test(text) ||
    CONCRETE_WORDS.some((word) => text.includes(word))
  );
}

/** The vague phrases found when the measures are only general words, else null. */
export function vagueness(measures: string): string[] | null {
  const clauses = clausesOf(measures);
  if (clauses.length === 0) return null;
  if (clauses.some(hasConcreteMarker)) return null;
  const phrasesPerClause = clauses.map(vaguePhrasesIn);
  if (phrasesPerClause.some((phrases) => phrases.length === 0)) return null;
  return [...new Set(phrasesPerClause.flat())];
}

function vagueMessage(measures: string): Message | null {
  const phrases = vagueness(measures);
  if (!phrases) return null;
  const quoted = phrases.map((phrase) => `“${phrase}”`).join("");
  return {
    zh: `${fieldZh("measures")}“${excerpt(measures, MESSAGE_EXCERPT_LENGTH)}”只有${quoted}等笼统表述，缺少可检验的内容（数量、时限、制度文件、培训、检查等）`,
    en: `${fieldEn("measures")} "${excerpt(measures, MESSAGE_EXCERPT_LENGTH)}" are only general words (${phrases.join(", ")}) with nothing checkable (a number, a date, a 《document》, training, an inspection…)`,
  };
}

/**
 * Ledgers repeat stock measures texts over many rows: each distinct text is judged once, and the rows
 * that share it share the (read-only) message.
 */
const vagueMessages = new Memo<string, Message | null>(vagueMessage);

export const vagueMeasures: Rule = {
  meta: {
    id: "vague-measures",
    defaultSeverity: "warning",
    description: {
      zh: "整改措施只有“加强管理”“提高意识”式的笼统表述，没有数量、时限、制度文件等可检验的内容",
      en: "The measures are only general words (加强管理, 提高意识) with no number, date, document or other checkable content",
    },
    seed: "避免模糊表述，如“加强管理”“提高意识”，应具体化为可测量的目标",
    fields: ["measures"],
  },
  check({ layout, items }, report) {
    if (!hasColumn(layout, "measures")) return;
    for (const item of items) {
      const message = vagueMessages.get(textOf(item, "measures"));
      if (message) report({ item, field: "measures", message });
    }
  },
};
