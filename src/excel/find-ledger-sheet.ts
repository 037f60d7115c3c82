/**
 * Which other sheet holds a ledger, for a pane opened on one that does not (a 封面 first sheet): the
 * first visible sheet in workbook order whose first rows show a ledger header to the engine's own detection.
 * Read-only, two syncs however many sheets: their names, then every sheet's header sample at once.
 */
import type { XlContext } from "./office-api";
import { HEADER_SAMPLE_ADDRESS, sampleGrid } from "./read-plan";
import { rectOf } from "./read-ledger";
import { detectLayout } from "../core/layout";
import { OWNED_SHEET_MARKS } from "../core/plan/marks-plan";
import { markedSheets, queueNameLoad } from "./owned-spans";

/** Syncs of one search: the names, then the samples. */
export const MAX_SYNCS_PER_LEDGER_SEARCH = 2;

export async function findLedgerSheetInExcel(context: XlContext, except: string | null): Promise<string | null> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  const marks = OWNED_SHEET_MARKS.map((name) => queueNameLoad(context.workbook.names, name));
  await context.sync();
  // Our own sheets are never offered: 督办单 and 红黄灯清单 have a ledger's columns, yet they are no ledger.
  const owned = markedSheets(marks);
  // A hidden sheet is not offered: the pane could not show it, and the add-in's own 评估记录 (hidden)
  // has columns a ledger has.
  const others = sheets.items.filter(
    (s) =>
      s.visibility === "Visible" &&
      !owned.has(s.name.toLowerCase()) &&
      (except === null || s.name.toLowerCase() !== except.toLowerCase()),
  );
  if (others.length === 0) return null;
  const samples = others.map((sheet) => {
    const range = sheet.getRange(HEADER_SAMPLE_ADDRESS).getUsedRangeOrNullObject(true);
    range.load("address,values");
    return { name: sheet.name, range };
  });
  await context.sync();
  for (const { name, range } of samples) {
    if (range.isNullObject) continue;
    const grid = sampleGrid(name, { rect: rectOf(range.address), values: range.values, numberFormats: [] }, [], false);
    // Detection, not the user's mapping: a mapping saved for one ledger says nothing about another sheet.
    const layout = detectLayout(grid, { headerRow: null, columns: {} });
    if (!("reason" in layout)) return name;
  }
  return null;
}
