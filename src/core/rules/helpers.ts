/** Small readers shared by the rules. */
import { cellAddress } from "../grid";
import type { DeadlineField, FieldKey, Item, LedgerLayout } from "../types";

/** Rules that need a column apply only when the ledger has it (SPEC §5). */
export function hasColumn(layout: LedgerLayout, field: FieldKey): boolean {
  return layout.columns[field] !== undefined;
}

/** The item's text for a field, trimmed; "" when the column is absent or the cell blank. */
export function textOf(item: Item, field: FieldKey): string {
  return item.cells[field]?.text.trim() ?? "";
}

/** The address of the item's cell for a field (the item's own row), or null without that column. */
export function addressOf(layout: LedgerLayout, item: Item, field: FieldKey): string | null {
  const col = item.cells[field]?.col ?? layout.columns[field];
  return col === undefined ? null : cellAddress(item.row, col);
}

/** How much of a long cell a message quotes, so one finding stays one line in 评估意见. */
export const MESSAGE_EXCERPT_LENGTH = 30;

/** The deadline columns: a ledger with 原定时限 or 调整后时限 but no 整改时限 column still has deadlines. */
const DEADLINE_FIELDS: readonly DeadlineField[] = ["deadline", "originalDeadline", "extendedDeadline"];

export function hasDeadlineColumn(layout: LedgerLayout): boolean {
  return DEADLINE_FIELDS.some((field) => hasColumn(layout, field));
}

/** The column the item's original deadline was read from (原定时限 where filled, else 整改时限; see items.ts). */
export function originalDeadlineField(item: Item): DeadlineField {
  const own = item.cells.originalDeadline;
  return own !== undefined && (own.text !== "" || item.cells.deadline === undefined) ? "originalDeadline" : "deadline";
}
