/**
 * The status of an item (SPEC §3 "Status"): the `status` column's words, the `closed` column's flag,
 * and the rules that combine them with the completion date.
 */
import { Memo } from "../memo";
import { dropTrailingNote, normalizeText } from "../text";
import type { DateReading, Status } from "../types";

/**
 * SPEC §3's status table, keyed by normalised text. `基本完成` and `部分完成` are *in progress*:
 * "published completion rates count only finished items".
 */
const STATUS_WORDS: ReadonlyMap<string, Status> = new Map<string, Status>([
  ...(["已销号", "销号"] as const).map((w) => [w, "closed"] as const),
  ...(
    [
      "已完成",
      "完成",
      "已整改",
      "已完成整改",
      "整改完成",
      "已办结",
      "办结",
      "整改到位",
      "已整改到位",
      "是",
      "√",
      "✓",
      "✔",
      // An Excel checkbox (a boolean cell) in a 是否完成 column reads TRUE/FALSE.
      "true",
    ] as const
  ).map((w) => [w, "done"] as const),
  ...(["整改中", "正在整改", "推进中", "进行中", "序时推进", "部分完成", "基本完成"] as const).map(
    (w) => [w, "in_progress"] as const,
  ),
  ...(["未整改", "未开始", "未启动", "待整改", "未完成", "否", "false"] as const).map(
    (w) => [w, "not_started"] as const,
  ),
  ...(["长期坚持", "持续推进", "持续整改", "长期整改", "常态化推进"] as const).map((w) => [w, "ongoing"] as const),
]);

/** Punctuation a user may leave after the word: `已完成。`, `完成！`. */
const TRAILING_PUNCTUATION = /[。.，,；;、!！?？~～]+$/u;

/**
 * Normalised text with a trailing note and punctuation dropped, in either order:
 * `已完成（2025.3）` → `已完成`, `已完成。` → `已完成`, `已销号（2025.3.1）。` → `已销号`.
 */
function statusKey(text: string): string {
  let key = normalizeText(text);
  for (let previous = ""; previous !== key;) {
    previous = key;
    key = dropTrailingNote(key.replace(TRAILING_PUNCTUATION, ""));
  }
  return key;
}

/**
 * A status cell's word (SPEC §3): null when blank, `unknown` for text not in the table (rule
 * `unknown-status`). Matching is exact after normalisation, tolerating trailing punctuation and a
 * trailing parenthesised note, so `未完成` is never read as `完成`.
 */
export function parseStatusText(text: string): Status | null {
  return statusReadings.get(text);
}

/** Each distinct status text is normalised once per ledger, not once per row. */
const statusReadings = new Memo<string, Status | null>((text) => {
  if (normalizeText(text) === "") return null;
  // Text that is only punctuation (`。`) is not blank: it reads as unknown.
  return STATUS_WORDS.get(statusKey(text)) ?? "unknown";
});

/** SPEC §3: "In the `closed` column `是`, `已销号`, `√`, `✓` mean closed"; also the status table's 销号 and a ticked checkbox. */
const CLOSED_FLAGS: ReadonlySet<string> = new Set(["是", "已销号", "销号", "√", "✓", "✔", "true"]);

/** Whether the `closed` column says closed; `否`, `未销号`, blank and anything else say not closed. */
export function parseClosedFlag(text: string): boolean {
  return closedFlags.get(text);
}

const closedFlags = new Memo<string, boolean>((text) => CLOSED_FLAGS.has(statusKey(text)));

export interface StatusInput {
  /** The status cell's text; null when the ledger has no status column, "" when the cell is blank. */
  readonly statusText: string | null;
  /** The closed cell's text; null when the ledger has no closed column. */
  readonly closedText: string | null;
  readonly completed: DateReading;
}

export interface DerivedStatus {
  readonly status: Status;
  /** The status column's own reading; null without a status column or when its cell is blank. */
  readonly statusColumn: Status | null;
  /** Closed per the closed column. */
  readonly closedByColumn: boolean;
}

/**
 * An item's status (SPEC §3):
 * - "An item is closed when either column says so, and its status is then `closed` whatever the
 *   `status` column says" (rule `closed-not-done` reports the contradiction, using `statusColumn`);
 * - otherwise the status column's word;
 * - "An empty status with a completion date is `done`; an empty status without one is `not_started`",
 *   and a ledger without a status column reads as empty.
 */
export function deriveStatus({ statusText, closedText, completed }: StatusInput): DerivedStatus {
  const statusColumn = statusText === null ? null : parseStatusText(statusText);
  const closedByColumn = closedText !== null && parseClosedFlag(closedText);
  let status: Status;
  if (closedByColumn || statusColumn === "closed") status = "closed";
  else if (statusColumn !== null) status = statusColumn;
  else status = completed.kind === "date" ? "done" : "not_started";
  return { status, statusColumn, closedByColumn };
}
