/** The hidden 评估记录 sheet as the Excel double holds it, read back with the engine's reader. */
import type { WorkbookSnapshot } from "../../src/excel-double";
import { HISTORY_SHEET_NAME, readHistorySheet, type PeriodRecord } from "../../src/core/history";
import { columnNumber } from "../../src/core/grid";
import type { CellValue } from "../../src/core/types";
import { gridFrom } from "./grid-builder";

/** The 评估记录 sheet of a snapshot: its visibility and the periods read from its values. */
export function historyIn(
  snapshot: WorkbookSnapshot,
  name: string = HISTORY_SHEET_NAME,
): { visibility: string; records: readonly PeriodRecord[] } {
  const sheet = snapshot.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no ${name}`);
  const rows: CellValue[][] = [];
  for (const [address, cell] of Object.entries(sheet.cells)) {
    const match = /^([A-Z]+)(\d+)$/.exec(address);
    const col = match ? columnNumber(match[1] as string) : null;
    if (!match || col === null) continue;
    const row = Number(match[2]);
    (rows[row - 1] ??= [])[col - 1] = (cell.value ?? null) as CellValue;
  }
  const grid = gridFrom(Array.from(rows, (line) => Array.from(line ?? [], (v) => v ?? null)));
  return { visibility: sheet.visibility, records: readHistorySheet(grid).records };
}
