/** The rectification type of an item (SPEC §3 "Type", seed: 立行立改类/限期整改类/长效治理类). */
import { Memo } from "../memo";
import { dropTrailingNote, normalizeText } from "../text";
import type { ItemType } from "../types";

const TYPE_WORDS: ReadonlyMap<string, ItemType> = new Map<string, ItemType>([
  ...(["立行立改", "立即整改", "即查即改", "立查立改"] as const).map((w) => [w, "immediate"] as const),
  ...(["限期整改", "限时整改", "阶段性整改"] as const).map((w) => [w, "time_limited"] as const),
  ...(["长效治理", "长效机制", "长期整改", "持续整改", "长期坚持"] as const).map((w) => [w, "long_term"] as const),
]);

const TRAILING_PUNCTUATION = /[。.，,；;、!！]+$/u;

/**
 * A type cell: null when blank; the type its word names (also with the seed's trailing 类, `立行立改类`,
 * a trailing parenthesised note, `限期整改（3个月）`, or trailing punctuation); else `unknown`
 * (rule `unknown-type`).
 */
export function parseItemType(text: string): ItemType | "unknown" | null {
  return typeReadings.get(text);
}

/** Each distinct type text is normalised once per ledger, not once per row. */
const typeReadings = new Memo<string, ItemType | "unknown" | null>(readItemType);

function readItemType(text: string): ItemType | "unknown" | null {
  const normalized = normalizeText(text);
  if (normalized === "") return null;
  const key = dropTrailingNote(normalized.replace(TRAILING_PUNCTUATION, "")).replace(TRAILING_PUNCTUATION, "");
  return TYPE_WORDS.get(key) ?? TYPE_WORDS.get(key.replace(/类$/u, "")) ?? "unknown";
}
