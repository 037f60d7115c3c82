/**
 * Which item of this period is which item of the last one. Ledgers get rows inserted and 序号
 * renumbered between meetings, so neither the row nor the 序号 alone says which item is which:
 *
 * 1. the same normalised 问题描述 (whitespace, punctuation and width ignored, case-folded), when it is
 *    not empty — among several old items with that description, the one with the same 序号 first,
 *    else the first in sheet order;
 * 2. else the same normalised 序号 with a similar description: character-bigram similarity (Dice) at
 *    least `SIMILARITY_THRESHOLD` — an edited description of an item that kept its number. Two empty
 *    descriptions count as the same (a ledger without a description column matches by 序号 alone);
 * 3. else the item is new. An old item nothing matched is removed.
 *
 * Every old item matches at most one new item. Linear in the items (hash maps, no pairwise scan
 * except among items sharing one 序号).
 */
import { normalizeText } from "../text";
import type { EvaluatedItem, IsoDate } from "../types";
import { freshKey, recordDescription, recordOf, type CurrentRecord, type PeriodRecord } from "./record";

export const SIMILARITY_THRESHOLD = 0.6;

/** What identity reads of an item: its 序号 and its 问题描述 (as a record keeps it). */
export interface IdentityFields {
  readonly seq: string;
  readonly description: string;
}

const PUNCTUATION_AND_SYMBOLS = /[\p{P}\p{S}]/gu;

/** The description's comparable form: `加强管理，  落实 制度。` and `加强管理,落实制度` are the same. */
export function normalizeDescription(text: string): string {
  return normalizeText(recordDescription(text)).replace(PUNCTUATION_AND_SYMBOLS, "");
}

function normalizeSeq(seq: string): string {
  return normalizeText(seq);
}

function bigrams(text: string): Map<string, number> {
  const chars = [...text];
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = `${chars[i]}${chars[i + 1]}`;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/**
 * Dice's coefficient over the character bigrams of the two normalised descriptions (each bigram
 * counted as often as it occurs): 1 for the same text, 0 for nothing in common. Texts too short for a
 * bigram compare whole.
 */
export function bigramSimilarity(a: string, b: string): number {
  const x = normalizeDescription(a);
  const y = normalizeDescription(b);
  if (x === y) return 1;
  const bx = bigrams(x);
  const by = bigrams(y);
  const total = [...bx.values()].reduce((s, n) => s + n, 0) + [...by.values()].reduce((s, n) => s + n, 0);
  if (total === 0) return 0;
  let shared = 0;
  for (const [pair, n] of bx) shared += Math.min(n, by.get(pair) ?? 0);
  return (2 * shared) / total;
}

export interface IdentityMatch {
  /** For each current item (by index), the index of the previous item it is, or -1 when it is new. */
  readonly previousOf: readonly number[];
  /** Indexes of the previous items no current item matched. */
  readonly removed: readonly number[];
}

function indexBy(items: readonly IdentityFields[], keyOf: (fields: IdentityFields) => string): Map<string, number[]> {
  const map = new Map<string, number[]>();
  items.forEach((fields, index) => {
    const key = keyOf(fields);
    if (key === "") return;
    const list = map.get(key);
    if (list) list.push(index);
    else map.set(key, [index]);
  });
  return map;
}

/** Matches this period's items to the last period's by the rules in the module comment. */
export function matchItems(previous: readonly IdentityFields[], current: readonly IdentityFields[]): IdentityMatch {
  const previousOf = current.map(() => -1);
  const taken = new Uint8Array(previous.length);
  const byDescription = indexBy(previous, (f) => normalizeDescription(f.description));
  const bySeq = indexBy(previous, (f) => normalizeSeq(f.seq));

  current.forEach((fields, index) => {
    const description = normalizeDescription(fields.description);
    if (description === "") return;
    const candidates = (byDescription.get(description) ?? []).filter((old) => taken[old] === 0);
    if (candidates.length === 0) return;
    const seq = normalizeSeq(fields.seq);
    const chosen =
      candidates.find((old) => normalizeSeq((previous[old] as IdentityFields).seq) === seq) ?? candidates[0];
    previousOf[index] = chosen as number;
    taken[chosen as number] = 1;
  });

  current.forEach((fields, index) => {
    if (previousOf[index] !== -1) return;
    const seq = normalizeSeq(fields.seq);
    if (seq === "") return;
    let best = -1;
    let bestScore = SIMILARITY_THRESHOLD;
    for (const old of bySeq.get(seq) ?? []) {
      if (taken[old] === 1) continue;
      const score = bigramSimilarity(fields.description, (previous[old] as IdentityFields).description);
      if (score >= bestScore && (best === -1 || score > bestScore)) {
        best = old;
        bestScore = score;
      }
    }
    if (best === -1) return;
    previousOf[index] = best;
    taken[best] = 1;
  });

  const removed: number[] = [];
  taken.forEach((flag, old) => {
    if (flag === 0) removed.push(old);
  });
  return { previousOf, removed };
}

/** This period's records, keyed across periods, with what each item was last period. */
export interface KeyedPeriod {
  readonly period: IsoDate;
  /** One record per item, in sheet order. */
  readonly records: readonly CurrentRecord[];
  /** `previous[i]` is `records[i]`'s record in the last period, null for a new item. */
  readonly previous: readonly (PeriodRecord | null)[];
  /** The last period's records no item of this period matched. */
  readonly removed: readonly PeriodRecord[];
}

/**
 * This period's records of `items`, each under the key of the last-period record it matches
 * (`lastPeriod`, one period's records; empty for the first period) or a fresh key.
 */
export function keyPeriod(
  items: readonly EvaluatedItem[],
  period: IsoDate,
  lastPeriod: readonly PeriodRecord[],
): KeyedPeriod {
  const fresh = items.map((item, index) => recordOf(item, period, freshKey(period, index)));
  const match = matchItems(lastPeriod, fresh);
  const reused = new Set<string>();
  match.previousOf.forEach((old) => {
    if (old !== -1) reused.add((lastPeriod[old] as PeriodRecord).key);
  });
  const records = fresh.map((record, index): CurrentRecord => {
    const old = match.previousOf[index] as number;
    if (old !== -1) return { ...record, key: (lastPeriod[old] as PeriodRecord).key };
    // A user may have typed keys of this form into the sheet; never hand out one already in use.
    let key = record.key;
    for (let n = 2; reused.has(key); n++) key = `${record.key}.${n}`;
    return key === record.key ? record : { ...record, key };
  });
  return {
    period,
    records,
    previous: match.previousOf.map((old) => (old === -1 ? null : (lastPeriod[old] as PeriodRecord))),
    removed: match.removed.map((old) => lastPeriod[old] as PeriodRecord),
  };
}
