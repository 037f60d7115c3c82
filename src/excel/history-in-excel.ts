/**
 * The recorded periods (评估记录) in Excel: which sheet holds them, and the sheet name 生成汇总表 writes
 * them to. The sheet is the add-in's when the mark `MARK_NAMES.history` points at it, as the summary's
 * mark does for the summary; it is written with `visibility = "Hidden"` (ExcelApi 1.2), not very hidden,
 * so a user can unhide it (右键工作表标签 → 取消隐藏) to read it or delete a period's rows.
 */
import { parseAddress } from "./address";
import { HISTORY_SHEET_NAME } from "../core/history";

/**
 * The history sheet's first rows come with the evaluation's first read sync: the used part of columns
 * A…P, rows 1…800 (a ledger of 100 items over 8 periods; about 160 KB of values at ~200 bytes a record,
 * beside the survey's first rows in the quarter megabyte `READ_BUDGET_BYTES` leaves). A longer history
 * is read after it in planned blocks, like a long survey.
 */
export const HISTORY_HEAD_ADDRESS = "A1:P800";

/**
 * The sheet whose periods are read: the one our mark points at; else a sheet named 评估记录 (written
 * by an earlier version or by another tool without the mark — reading never changes it). Null: none.
 */
export function historySheetToRead(sheetNames: readonly string[], markAddress: string | null): string | null {
  const byName = (name: string | null | undefined): string | null =>
    name ? (sheetNames.find((s) => s.toLowerCase() === name.toLowerCase()) ?? null) : null;
  return byName(markAddress === null ? null : parseAddress(markAddress)?.sheet) ?? byName(HISTORY_SHEET_NAME);
}

/**
 * The name 生成汇总表 records the periods under: the sheet it owns (by its mark) when there is one, else
 * 评估记录, else — a sheet of that name that is not ours is never overwritten — `评估记录 (2)`… Names
 * compare ignoring case, as Excel's do.
 */
export function pickHistorySheetName(sheetNames: readonly string[], ownedName: string | null): string {
  const taken = new Set(sheetNames.map((n) => n.toLowerCase()));
  if (ownedName !== null && taken.has(ownedName.toLowerCase())) return ownedName;
  if (!taken.has(HISTORY_SHEET_NAME.toLowerCase())) return HISTORY_SHEET_NAME;
  for (let n = 2; ; n++) {
    const candidate = `${HISTORY_SHEET_NAME} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
