/**
 * The comparison as people read it, for every place that shows it — the text report, the summary
 * sheet's 与上期对比, the pane: its lists in a fixed order with their titles in both languages, each
 * entry resolved to its item (序号, 问题描述, 责任单位) and a detail where the list has one, and the
 * rates with their change in percentage points (完成率 35.3%，较上期 +5.9 个百分点).
 */
import { percent, roundTo } from "../format";
import type { EvaluationResult, Message } from "../types";
import type { Comparison, RateChange } from "./compare";

export type ComparisonListId =
  | "consecutiveRed"
  | "turnedRed"
  | "turnedYellow"
  | "deadlineMoved"
  | "wentBack"
  | "newlyDone"
  | "newlyClosed"
  | "newItems"
  | "removedItems";

/** The lists in the order a meeting takes them: what needs 督办 first, then progress, then changes to the ledger. */
export const COMPARISON_LISTS: readonly { readonly id: ComparisonListId; readonly title: Message }[] = [
  {
    id: "consecutiveRed",
    title: { zh: "连续亮红灯（问责/约谈对象）", en: "Red in consecutive periods (for accountability)" },
  },
  { id: "turnedRed", title: { zh: "新亮红灯", en: "Turned red" } },
  { id: "turnedYellow", title: { zh: "新亮黄灯", en: "Turned yellow" } },
  { id: "deadlineMoved", title: { zh: "整改时限推迟", en: "Deadline moved later" } },
  { id: "wentBack", title: { zh: "状态倒退", en: "Went backwards" } },
  { id: "newlyDone", title: { zh: "新完成", en: "Newly finished" } },
  { id: "newlyClosed", title: { zh: "新销号", en: "Newly closed out" } },
  { id: "newItems", title: { zh: "新增事项", en: "New items" } },
  { id: "removedItems", title: { zh: "台账中已删除", en: "No longer in the ledger" } },
];

export interface ComparisonEntry {
  /** This period's sheet row; null for a removed item. */
  readonly row: number | null;
  readonly seq: string | null;
  readonly description: string;
  readonly unit: string;
  /** What the list says about this item beyond its name (`连续3期`, `2025-03-10 → 2025-04-30`). */
  readonly detail: Message | null;
}

export interface ComparisonSection {
  readonly id: ComparisonListId;
  readonly title: Message;
  readonly entries: readonly ComparisonEntry[];
}

/** Every list of the comparison, in `COMPARISON_LISTS` order, empty lists included (a host may skip them). */
export function comparisonSections(result: EvaluationResult, comparison: Comparison): ComparisonSection[] {
  const itemByRow = new Map(result.items.map((item) => [item.row, item]));
  const entry = (row: number, detail: Message | null = null): ComparisonEntry => {
    const item = itemByRow.get(row);
    return {
      row,
      seq: item?.seq ?? null,
      description: item?.cells.description?.text ?? "",
      unit: item?.cells.unit?.text ?? "",
      detail,
    };
  };
  const rows = (list: readonly number[]) => list.map((row) => entry(row));
  const entries: Record<ComparisonListId, ComparisonEntry[]> = {
    consecutiveRed: comparison.consecutiveRed.map(({ row, periods }) =>
      entry(row, { zh: `连续${periods}期红灯`, en: `red ${periods} periods running` }),
    ),
    turnedRed: rows(comparison.turnedRed),
    turnedYellow: rows(comparison.turnedYellow),
    deadlineMoved: comparison.deadlineMoved.map(({ row, from, to }) =>
      entry(row, { zh: `${from} → ${to}`, en: `${from} → ${to}` }),
    ),
    wentBack: rows(comparison.wentBack),
    newlyDone: rows(comparison.newlyDone),
    newlyClosed: rows(comparison.newlyClosed),
    newItems: rows(comparison.newItems),
    removedItems: comparison.removedItems.map(({ seq, description }) => ({
      row: null,
      seq,
      description,
      unit: "",
      detail: null,
    })),
  };
  return COMPARISON_LISTS.map(({ id, title }) => ({ id, title, entries: entries[id] }));
}

export const RATE_NAMES: Readonly<Record<keyof Comparison["rates"], Message>> = {
  completionRate: { zh: "完成率", en: "Completion" },
  closeRate: { zh: "销号率", en: "Close-out" },
  onTimeRate: { zh: "按时完成率", en: "On time" },
};

/** The change in percentage points, one decimal (null when either rate is undefined). */
export function rateChangePoints(change: RateChange): number | null {
  if (change.now === null || change.before === null) return null;
  return roundTo((change.now - change.before) * 100, 1);
}

/** `+5.9 个百分点` / `持平` / `−2.0 个百分点` (`+5.9 pp`); `—` when either rate is undefined. */
export function pointsText(points: number | null, lang: "zh" | "en"): string {
  if (points === null) return "—";
  if (points === 0) return lang === "zh" ? "持平" : "unchanged";
  const signed = `${points > 0 ? "+" : "−"}${Math.abs(points).toFixed(1)}`;
  return lang === "zh" ? `${signed} 个百分点` : `${signed} pp`;
}

/** `完成率 35.3%，较上期 +5.9 个百分点` / `Completion 35.3%, +5.9 pp on last period`. */
export function rateChangeText(name: keyof Comparison["rates"], change: RateChange, lang: "zh" | "en"): string {
  const points = pointsText(rateChangePoints(change), lang);
  return lang === "zh"
    ? `${RATE_NAMES[name].zh} ${percent(change.now)}，较上期 ${points}`
    : `${RATE_NAMES[name].en} ${percent(change.now)}, ${points} on last period`;
}
