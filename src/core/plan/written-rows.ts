/**
 * Which cells of the owned columns (预警状态 / 评估意见) belong to the add-in — SPEC §8: "It owns these
 * and nothing else". A user's note typed in those columns under the ledger (`审核人：李四`) or above its
 * header is the user's: only the rows the add-in wrote are ever emptied or replaced.
 *
 * Both hosts record the rows written in the mark names themselves (`MARK_NAMES.statusColumn` /
 * `opinionColumn` refer to header row … last item row of their column, e.g. `'台账'!$K$2:$K$8`), so
 * evaluating again empties exactly that range and writes the new one, and 清除标记 empties that range.
 * (In Excel a defined name also follows the user's row insertions and deletions.)
 *
 * Marks written before this record existed name only the header cell. Their extent is inferred,
 * erring on the side of the user's data: `legacyWrittenRows`.
 */
import { LIGHT_LABELS, type MarksPlan } from "./marks-plan";
import { DUE_SOON_LABEL, SEVERITY_LABELS } from "./marks-from-result";

/** Rows `top`…`bottom` (inclusive) of one column. */
export interface RowSpan {
  readonly top: number;
  readonly bottom: number;
}

/**
 * The rows the owned columns are written over, and so what their mark names record: the header row
 * through the last item row. Rows between items (section rows) are inside: the add-in writes them empty.
 */
export function writtenRows(plan: MarksPlan): RowSpan {
  const bottom = plan.rows.reduce((max, r) => Math.max(max, r.row), plan.headerRow);
  return { top: plan.headerRow, bottom };
}

/**
 * The rows of `previous` that `next` does not cover: what evaluating again must empty (a ledger that
 * shrank). Rows outside both are never touched.
 */
export function rowsOutside(previous: RowSpan, next: RowSpan): RowSpan[] {
  const out: RowSpan[] = [];
  if (previous.top < next.top) out.push({ top: previous.top, bottom: Math.min(previous.bottom, next.top - 1) });
  if (previous.bottom > next.bottom)
    out.push({ top: Math.max(previous.top, next.bottom + 1), bottom: previous.bottom });
  return out.filter((s) => s.top <= s.bottom);
}

const STATUS_TEXTS = new Set(Object.values(LIGHT_LABELS));

/** A 预警状态 cell as the add-in writes it: one of the five labels (红灯/黄灯/绿灯/已销号/待补充). */
export function isStatusText(text: string): boolean {
  return STATUS_TEXTS.has(text);
}

/** A non-empty 评估意见 cell as the add-in writes it: starting with 【临期】, 【错误】 or 【提醒】. */
export function isOpinionText(text: string): boolean {
  return [DUE_SOON_LABEL, ...Object.values(SEVERITY_LABELS)].some((label) => text.startsWith(label));
}

/**
 * A mark that names only its header cell (written before the rows were recorded): the rows the add-in
 * wrote are inferred from the column itself. Scanning down from the header, every cell the add-in could
 * have written (`isOurs`) extends the range; empty cells are passed over (rows between items, rows with
 * no finding); the first cell holding anything else is the user's and ends the scan — so a `审核人` line
 * under the ledger, and everything below it, is never touched. Pass the 预警状态 column when it is
 * marked (every item row holds a label there) and use its rows for both columns; the 评估意见 column
 * alone only when its partner's mark is gone.
 *
 * The cost of erring this way: a status label the user typed under the ledger with nothing foreign
 * between would be taken as the add-in's (as every earlier version took the whole column).
 */
export function legacyWrittenRows(
  headerRow: number,
  lastRow: number,
  textAt: (row: number) => string,
  isOurs: (text: string) => boolean,
): RowSpan {
  let bottom = headerRow;
  for (let row = headerRow + 1; row <= lastRow; row++) {
    const text = textAt(row);
    if (text === "") continue;
    if (!isOurs(text)) break;
    bottom = row;
  }
  return { top: headerRow, bottom };
}
