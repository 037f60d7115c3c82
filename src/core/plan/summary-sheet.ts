/**
 * The summary sheet 整改情况汇总 (SPEC §6, §8) as a host-neutral `SheetPlan`.
 */
import type { Settings } from "../settings";

export type {
  CellStyle,
  CellStyleSpec,
  ChartPlan,
  PlacedCell,
  PlanCell,
  PlanTable,
  PrintSetup,
  RangeRef,
  SheetPlan,
} from "./sheet-plan";
export { NUMBER_FORMATS, SHEET_STYLES, sheetPlanCells, tableBodyArea } from "./sheet-plan";

export interface SummarySheetOptions {
  /** The name the sheet gets (see `pickSummarySheetName`). */
  readonly sheetName: string;
  /** The ledger's sheet, for links and formulas. */
  readonly ledgerSheet: string;
  /** The survey sheet the result's survey came from, or null. */
  readonly surveySheet: string | null;
  readonly settings: Settings;
}
