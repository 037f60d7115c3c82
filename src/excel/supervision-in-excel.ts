/**
 * 生成督办单: renders the 督办单 plan (src/core/plan/supervision-sheet.ts) on a sheet of the add-in's
 * own, marked like the summary (`MARK_NAMES.supervision` → its A1), in the summary's two syncs, all or
 * nothing. A user's sheet named 督办单 is never overwritten (`督办单 (2)`…). Each unit's block starts
 * a printed page: a manual page break (ExcelApi 1.9), else tall empty rows (render-sheet-plan.ts).
 */
import type { HostFeatures } from "./features";
import type { EvaluateOutcome, WriteSupervisionOutcome } from "../core/host";
import type { XlContext } from "./office-api";
import { writeOwnedSheetInExcel } from "./summary-in-excel";
import { MARK_NAMES } from "../core/plan/marks-plan";
import { planSupervisionSheet, SUPERVISION_SHEET_NAME } from "../core/plan/supervision-sheet";
import type { Settings } from "../core/settings";

export async function writeSupervisionInExcel(
  context: XlContext,
  evaluation: EvaluateOutcome,
  settings: Settings,
  features: HostFeatures,
): Promise<WriteSupervisionOutcome> {
  let units: readonly string[] = [];
  const written = await writeOwnedSheetInExcel(
    context,
    {
      markName: MARK_NAMES.supervision,
      baseName: SUPERVISION_SHEET_NAME,
      plan: (sheetName) => {
        const plan = planSupervisionSheet(evaluation.result, { sheetName, settings });
        units = plan.units;
        return plan;
      },
    },
    features,
  );
  return { ...written, units };
}
