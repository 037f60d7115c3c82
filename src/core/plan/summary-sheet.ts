/**
 * The summary sheet 整改情况汇总 (SPEC §6, §8) as a host-neutral `SheetPlan`, composed of the
 * sections in `summary/`: `cells.ts` (cells, formula pieces, the table stack), `overview.ts`
 * (一 and 五), `breakdowns.ts` (二～四 and the chart), `indicators.ts` (六, 七), `survey.ts` (八),
 * `amounts.ts` (九), `meeting-text.ts` (附：通报稿).
 */
import { SUMMARY_SHEET_NAME } from "./marks-plan";
import { a4OnePageWide, wrappedRowHeights, type PlanCell, type SheetPlan } from "./sheet-plan";
import type { EvaluationResult } from "../types";
import { planAmounts } from "./summary/amounts";
import { planBreakdowns, planLightsChart } from "./summary/breakdowns";
import { planDueSoon } from "./summary/due-soon";
import { TableStack, type PlanContext, type SummarySheetOptions } from "./summary/cells";
import { planIndicators } from "./summary/indicators";
import { planMeetingText } from "./summary/meeting-text";
import { planOverview, planWarnings } from "./summary/overview";
import { planComparison, planTrendChart, TREND_CHART_ROWS } from "./summary/comparison";
import { planSurvey } from "./summary/survey";

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
export {
  NUMBER_FORMATS,
  SHEET_STYLES,
  sheetPlanCells,
  tableBodyArea,
  tableColumns,
  tableMerges,
  textWidthInChars,
  rowHeightsWithoutPageBreaks,
  wrappedRowHeights,
} from "./sheet-plan";
export { quoteSheet, rowRangesText, type SummarySheetOptions } from "./summary/cells";
export { STATUS_LABELS, TYPE_LABELS } from "../vocabulary";

/**
 * SPEC §8: the summary sheet is `整改情况汇总`; a sheet of that name the add-in did not make is never
 * overwritten — the add-in uses `整改情况汇总 (2)` or the next free number, and says so.
 * `ownedName` is the sheet an earlier run made (found by its mark); it is reused, so evaluating
 * again replaces the summary instead of adding another. Names compare case-insensitively, as Excel's do.
 */
export function pickSummarySheetName(
  existingNames: readonly string[],
  ownedName: string | null,
): { name: string; renamedFrom: string | null } {
  return pickOwnedSheetName(SUMMARY_SHEET_NAME, existingNames, ownedName);
}

/**
 * The name a sheet of the add-in's gets (the summary, the 督办单): the one an earlier run made
 * (`ownedName`, found by its mark), else `base`, else `base (2)`… — a user's sheet of that name is
 * never taken. Names compare case-insensitively, as Excel's do.
 */
export function pickOwnedSheetName(
  base: string,
  existingNames: readonly string[],
  ownedName: string | null,
): { name: string; renamedFrom: string | null } {
  const taken = new Set(existingNames.map((n) => n.toLowerCase()));
  const result = (name: string) => ({ name, renamedFrom: name === base ? null : base });
  if (ownedName !== null && taken.has(ownedName.toLowerCase())) return result(ownedName);
  if (!taken.has(base.toLowerCase())) return result(base);
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return result(candidate);
  }
}

/**
 * Names for several sheets of the add-in's written together (各单位汇总 with 红黄灯清单): each by
 * `pickOwnedSheetName`, a name picked for one counting as taken for the next.
 */
export function pickOwnedSheetNames(
  bases: readonly string[],
  existingNames: readonly string[],
  ownedNames: readonly (string | null)[],
): { name: string; renamedFrom: string | null }[] {
  const taken = [...existingNames];
  return bases.map((base, i) => {
    const picked = pickOwnedSheetName(base, taken, ownedNames[i] ?? null);
    taken.push(picked.name);
    return picked;
  });
}

/** Rows kept free under the breakdowns for the chart of lights by unit. */
const CHART_ROWS = 16;
/** The 16 pt title needs a taller row than the default 15 pt, or it runs into the date line. */
const TITLE_ROW_POINTS = 26;
/**
 * One grid for every section: A holds the labels, B–H are narrow (numbers, short fields). Long text
 * (依据, 问题描述) spans several grid columns (`PlanTable.spans`) instead of widening one column for
 * every section, and wraps inside its cell.
 */
const COLUMN_WIDTHS = [30, 10, 11, 11, 11, 11, 11, 11];

/**
 * The meeting-ready summary sheet (SPEC §6): title and date line; 总体情况 and the red/yellow list
 * linked to the ledger rows, and with an earlier period 与上期对比 and 近期趋势 with its line chart
 * (printed page one); then, from a page break, breakdowns by unit, type
 * and category with their chart; the quantitative indicators with
 * their inputs as cells and the actuals as live formulas; the survey scored by live formulas over
 * the survey sheet; at the foot, the meeting text (通报稿). Every number is a formula or has a 依据 (过程留痕可溯); every formula carries
 * the engine's value.
 *
 * The light counts are `COUNTIF`s over the 预警状态 column, so the summary is meant to be written
 * together with the marks of the same result (both hosts do).
 */
export function planSummarySheet(result: EvaluationResult, opts: SummarySheetOptions): SheetPlan {
  const { layout, summary } = result;
  const ctx: PlanContext = {
    result,
    opts,
    sheet: new TableStack(4),
    rowsText: `第${layout.firstRow}–${layout.lastRow}行`,
  };
  const heading = [
    { row: 1, col: 1, cell: { kind: "text", text: SUMMARY_SHEET_NAME, style: "title" } as PlanCell },
    {
      row: 2,
      col: 1,
      cell: {
        kind: "text",
        text: `统计日期：${result.today}\u3000台账：${opts.ledgerSheet}（${ctx.rowsText}，${summary.items}项）\u3000由整改台账助手生成，数字均可追溯到台账行、公式或填写的数据`,
        style: "subtitle",
      } as PlanCell,
    },
  ];
  // Page one is the meeting page: the key figures and the red/yellow list. The breakdowns start page
  // two. Their chart goes under them (beside them it widens the printed sheet) and starts a page of
  // its own, as it never fits under three breakdowns; the indicators, survey and the rest follow it.
  const overview = planOverview(ctx);
  planWarnings(ctx);
  const trend = planComparison(ctx);
  const trendChartTop = trend ? ctx.sheet.reserve(TREND_CHART_ROWS) : null;
  const trendChart =
    trend && trendChartTop !== null ? planTrendChart(ctx, trend, trendChartTop, TREND_CHART_ROWS) : null;
  const detailsTop = ctx.sheet.nextTop;
  const breakdowns = planBreakdowns(ctx);
  const chartTop = breakdowns.byUnit.rows.length > 0 ? ctx.sheet.reserve(CHART_ROWS) : null;
  // The 临期 list flows after the chart: on page one it pushed a long red/yellow list onto two pages.
  planDueSoon(ctx);
  planIndicators(ctx, overview.closeRate);
  planSurvey(ctx.sheet, result.survey, opts);
  planAmounts(ctx);
  planMeetingText(ctx);

  return {
    name: opts.sheetName,
    heading,
    tables: ctx.sheet.tables,
    columnWidths: COLUMN_WIDTHS,
    hiddenColumns: [],
    print: a4OnePageWide("landscape", {
      repeatRows: { first: 1, last: 2 },
      pageBreaksBefore: chartTop === null ? [detailsTop] : [detailsTop, chartTop],
    }),
    charts: [
      ...(trendChart ? [trendChart] : []),
      ...(chartTop === null
        ? []
        : planLightsChart(ctx, breakdowns.byUnit, breakdowns.unitGreens, chartTop, CHART_ROWS)),
    ],
    rowHeights: [{ row: 1, points: TITLE_ROW_POINTS }, ...wrappedRowHeights(ctx.sheet.tables, COLUMN_WIDTHS)],
    freezeRows: 2,
  };
}
