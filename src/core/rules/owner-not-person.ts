/**
 * `owner-not-person` — SPEC §5, seed: 整改目标应明确到岗、到人、到事 and 明确第一责任人制度.
 * The owner (责任人) must be one person, not the unit itself, a unit's name, a collective or a list.
 *
 * Checked in this order, the first that applies gives the message:
 * 1. the owner is the item's unit (whitespace ignored);
 * 2. it holds a collective word (全体, 各部门, 各科室, 相关人员, 相关部门, 有关单位 and their like);
 * 3. it lists several names separated by 、，,/ (also ；; and line breaks, which separate just as well);
 * 4. it ends like a unit (局, 处, 科, 室, 部, 办, 中心, 公司, 委员会, 小组, 队, and 组, 委, 院, 所,
 *    站, 厅, 集团), after dropping a trailing note in brackets (`张三（科长）` is 张三). Two characters
 *    starting with a common surname are a person (`张处`, `王局` are how 张处长, 王局长 are written), so
 *    only a longer text is taken for a unit; a three-character name ending in such a character is
 *    rare, and the warning is easy to dismiss;
 * 5. it names several people joined by 和 or 及, each part two characters or more: `王和平` is one
 *    person, and `住房和城乡建设局` was already caught as a unit.
 * Spaces never separate people: `张三` padded with a full-width space between the characters is
 * how a two-character name is aligned with three-character ones.
 */
import { Memo } from "../memo";
import type { Message } from "../types";
import { fieldEn, fieldZh } from "./field-labels";
import { excerpt } from "../format";
import { MESSAGE_EXCERPT_LENGTH, hasColumn, textOf } from "./helpers";
import type { Rule } from "./rule";

export type OwnerProblem = "same-as-unit" | "collective" | "several" | "unit-like";

const COLLECTIVE_WORDS: readonly string[] = [
  "全体",
  "各部门",
  "各科室",
  "各处室",
  "各单位",
  "相关人员",
  "相关部门",
  "相关单位",
  "有关人员",
  "有关部门",
  "有关单位",
  "所有人员",
];
const UNIT_ENDINGS: readonly string[] = [
  "委员会",
  "中心",
  "公司",
  "集团",
  "小组",
  "局",
  "处",
  "科",
  "室",
  "部",
  "办",
  "队",
  "组",
  "委",
  "院",
  "所",
  "站",
  "厅",
];
/** Common surnames, for telling `张处` (a person) from `财务处` (a unit). */
const COMMON_SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

const SEPARATORS = /[、，,/／；;\r\n]/;
const JOINERS = /[和及]/;
const TRAILING_NOTE = /[（(][^（）()]*[)）]$/;

const compact = (text: string): string => text.replace(/[\s\u3000]+/g, "");

function isUnitLike(name: string): boolean {
  const core = name.replace(TRAILING_NOTE, "");
  const ending = UNIT_ENDINGS.find((end) => core.endsWith(end));
  if (ending === undefined || core.length <= ending.length) return false;
  const surnameWithTitle = core.length === 2 && COMMON_SURNAMES.includes(core[0] ?? "");
  return !surnameWithTitle;
}

/** The non-empty parts of a text split at a separator, each without whitespace. */
function partsOf(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map(compact)
    .filter((part) => part !== "");
}

/** What is wrong with an owner text, or null when it names one person. */
export function ownerProblem(owner: string, unit: string): OwnerProblem | null {
  const { name, problem } = ownerReadings.get(owner);
  if (name === "") return null;
  if (unit !== "" && name === compactUnits.get(unit)) return "same-as-unit";
  return problem;
}

/** What is wrong with an owner text whatever the unit says (`ownerProblem` adds the unit comparison). */
function ownerOnlyProblem(name: string, owner: string): OwnerProblem | null {
  if (COLLECTIVE_WORDS.some((word) => name.includes(word))) return "collective";
  if (partsOf(owner, SEPARATORS).length >= 2) return "several";
  if (isUnitLike(name)) return "unit-like";
  const joined = partsOf(name, JOINERS);
  if (joined.length >= 2 && joined.every((part) => part.length >= 2)) return "several";
  return null;
}

/** Owner and unit texts repeat down a ledger: each distinct text is examined once. */
const ownerReadings = new Memo<string, { name: string; problem: OwnerProblem | null }>((owner) => {
  const name = compact(owner);
  return { name, problem: name === "" ? null : ownerOnlyProblem(name, owner) };
});
const compactUnits = new Memo<string, string>(compact);

function problemMessage(problem: OwnerProblem, owner: string): Message {
  const zhOwner = `${fieldZh("owner")}“${excerpt(owner, MESSAGE_EXCERPT_LENGTH)}”`;
  const enOwner = `${fieldEn("owner")} "${excerpt(owner, MESSAGE_EXCERPT_LENGTH)}"`;
  switch (problem) {
    case "same-as-unit":
      return {
        zh: `${zhOwner}与${fieldZh("unit")}相同，应明确到具体的人`,
        en: `${enOwner} is the same as ${fieldEn("unit")}: name the person`,
      };
    case "collective":
      return { zh: `${zhOwner}是泛指，应明确到具体的人`, en: `${enOwner} is a collective: name the person` };
    case "several":
      return {
        zh: `${zhOwner}写了多个责任人，应明确一名第一责任人`,
        en: `${enOwner} names several: name one person who answers for it`,
      };
    case "unit-like":
      return { zh: `${zhOwner}像是单位名称，应明确到具体的人`, en: `${enOwner} looks like a unit: name the person` };
  }
}

/** One message per problem and owner text, shared by the rows that repeat it. */
const problemMessages: Readonly<Record<OwnerProblem, Memo<string, Message>>> = {
  "same-as-unit": new Memo((owner) => problemMessage("same-as-unit", owner)),
  collective: new Memo((owner) => problemMessage("collective", owner)),
  several: new Memo((owner) => problemMessage("several", owner)),
  "unit-like": new Memo((owner) => problemMessage("unit-like", owner)),
};

export const ownerNotPerson: Rule = {
  meta: {
    id: "owner-not-person",
    defaultSeverity: "warning",
    description: {
      zh: "责任人不是一个具体的人：与责任单位相同、像单位名称、是泛指或写了多人",
      en: "The owner is not one person: the unit itself, a unit's name, a collective, or several people",
    },
    seed: "整改目标应明确到岗、到人、到事……明确第一责任人制度",
    fields: ["owner", "unit"],
  },
  check({ layout, items }, report) {
    if (!hasColumn(layout, "owner")) return;
    for (const item of items) {
      const owner = textOf(item, "owner");
      const problem = ownerProblem(owner, textOf(item, "unit"));
      if (problem) report({ item, field: "owner", message: problemMessages[problem].get(owner) });
    }
  },
};
