/**
 * 合并多个单位台账: renders 各单位汇总 and 红黄灯清单 (src/core/combine/combined-sheets.ts) on sheets of
 * the add-in's own, each marked like the summary (`MARK_NAMES.combinedUnits` / `combinedWarnings` → its
 * A1), both in the summary's two syncs (look, then one batch), all or nothing: a failure leaves the
 * workbook as it was, earlier consolidation sheets included. A user's sheet named 各单位汇总 is never
 * overwritten (`各单位汇总 (2)`…); 清除标记 deletes both (clear-in-excel.ts).
 */
import type { HostFeatures } from "./features";
import type { CombineRequest, WriteCombinedOutcome } from "../core/host";
import type { XlContext } from "./office-api";
import { writeOwnedSheetsInExcel } from "./summary-in-excel";
import { SHEET_NAMES } from "../core/combine/labels";
import { planUnitsSheet, planWarningsSheet } from "../core/combine/combined-sheets";
import { MARK_NAMES } from "../core/plan/marks-plan";

export async function writeCombinedSheetsInExcel(
  context: XlContext,
  request: CombineRequest,
  features: HostFeatures,
): Promise<WriteCombinedOutcome> {
  const { outcomes, today } = request;
  const written = await writeOwnedSheetsInExcel(
    context,
    [
      {
        markName: MARK_NAMES.combinedUnits,
        baseName: SHEET_NAMES.units,
        plan: (sheetName) => planUnitsSheet(outcomes, { today, sheetName }),
      },
      {
        markName: MARK_NAMES.combinedWarnings,
        baseName: SHEET_NAMES.warnings,
        plan: (sheetName) => planWarningsSheet(outcomes, { today, sheetName }),
      },
    ],
    features,
  );
  return {
    unitsSheet: written.sheetNames[0] ?? SHEET_NAMES.units,
    warningsSheet: written.sheetNames[1] ?? SHEET_NAMES.warnings,
    renamedFrom: written.renamedFrom.filter((n): n is string => n !== null),
  };
}
