/**
 * The words the add-in writes for its own readings, in both languages, and the order they are
 * listed in: one table per concept, imported by the rule messages, the reports, the plans and the
 * pane. (The tables that *recognise* what users type — `parse/status.ts`, `parse/type.ts` — are
 * input vocabulary and stay beside their parsers.)
 */
import type { ItemType, Light, Message, Status } from "./types";

/** Red first: the order of every list and count of lights. */
export const LIGHT_ORDER: readonly Light[] = ["red", "yellow", "green", "closed", "none"];

/** A light's name; `zh` is also the word written in the 预警状态 column (SPEC §8). */
export const LIGHT_WORDS: Readonly<Record<Light, Message>> = {
  red: { zh: "红灯", en: "Red" },
  yellow: { zh: "黄灯", en: "Yellow" },
  green: { zh: "绿灯", en: "Green" },
  closed: { zh: "已销号", en: "Closed" },
  none: { zh: "待补充", en: "Incomplete" },
};

/** Most finished first: the order of every list and count of statuses. */
export const STATUS_ORDER: readonly Status[] = ["closed", "done", "in_progress", "not_started", "ongoing", "unknown"];

export const STATUS_WORDS: Readonly<Record<Status, Message>> = {
  closed: { zh: "已销号", en: "closed" },
  done: { zh: "已完成", en: "done" },
  in_progress: { zh: "整改中", en: "in progress" },
  not_started: { zh: "未开始", en: "not started" },
  ongoing: { zh: "长期坚持", en: "ongoing" },
  unknown: { zh: "状态不明", en: "unknown" },
};

/** The seed's three kinds of rectification, quickest first. */
export const TYPE_ORDER: readonly ItemType[] = ["immediate", "time_limited", "long_term"];

export const TYPE_WORDS: Readonly<Record<ItemType, Message>> = {
  immediate: { zh: "立行立改", en: "immediate" },
  time_limited: { zh: "限期整改", en: "time-limited" },
  long_term: { zh: "长效治理", en: "long-term" },
};

/**
 * A 临期 item's countdown in prose, as the 评估意见 column and the meeting text write it:
 * `距整改时限还有3天`, on the day itself `整改时限为今天` (`3 days to the deadline`, `due today`).
 */
export function dueSoonWords(dueInDays: number): Message {
  if (dueInDays === 0) return { zh: "整改时限为今天", en: "due today" };
  return {
    zh: `距整改时限还有${dueInDays}天`,
    en: `${dueInDays} ${dueInDays === 1 ? "day" : "days"} to the deadline`,
  };
}

/** One language's side of a word table: `LIGHT_LABELS.red === "红灯"`. */
function inChinese<K extends string>(words: Readonly<Record<K, Message>>): Readonly<Record<K, string>> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(words) as K[]) out[key] = words[key].zh;
  return out;
}

/** The words written in the 预警状态 column. */
export const LIGHT_LABELS = inChinese(LIGHT_WORDS);
export const STATUS_LABELS = inChinese(STATUS_WORDS);
export const TYPE_LABELS = inChinese(TYPE_WORDS);
