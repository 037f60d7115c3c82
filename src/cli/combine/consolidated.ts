/**
 * The consolidated workbook `combine --out` writes, as the rest of the command line knows it: its
 * mark, its sheets, the columns its 问题总台账 adds. Kept apart from the writer (`./workbook.ts`),
 * which loads exceljs, so that recognising one costs `evaluate` nothing.
 */
import { readZipPart } from "../../xlsx/zip";

/** The defined name `combine --out` puts in its workbook, and by which it recognises one. */
export const COMBINED_MARK_NAME = "_ZGTZ_COMBINED";

/** The sheet names and the source columns: the pane's consolidation says the same (src/core/combine/labels.ts). */
export { SHEET_NAMES, SOURCE_FILE_HEADER, SOURCE_ROW_HEADER, SOURCE_UNIT_HEADER } from "../../core/combine/labels";
import { SHEET_NAMES } from "../../core/combine/labels";

function workbookXml(path: string): string | null {
  try {
    return readZipPart(path, "xl/workbook.xml")?.toString("utf8") ?? null;
  } catch {
    return null;
  }
}

/** True when the workbook at `path` carries the consolidated-workbook mark; false also when it cannot be read. */
export function isCombinedWorkbook(path: string): boolean {
  return workbookXml(path)?.includes(`name="${COMBINED_MARK_NAME}"`) ?? false;
}

/**
 * 问题总台账 when the workbook at `path` is a consolidated one that still has it, else null: the
 * ledger `evaluate` and `split` take there when no sheet is named (红黄灯清单 before it also reads
 * as a ledger, but it is only the red and yellow items).
 */
export function consolidatedLedgerSheet(path: string): string | null {
  const xml = workbookXml(path);
  if (xml === null || !xml.includes(`name="${COMBINED_MARK_NAME}"`)) return null;
  return xml.includes(`name="${SHEET_NAMES.ledger}"`) ? SHEET_NAMES.ledger : null;
}
