/**
 * The chart of `combine --out`'s 各单位汇总: red and yellow lights by unit, as stacked columns in the
 * colours of the summary's lights-by-unit chart (`LIGHT_FILLS`), its series referring to the sheet's
 * own 单位 / 红灯 / 黄灯 cells with the counts cached.
 *
 * - Only units with a red or yellow item are drawn, and at most `UNITS_CHART_MAX_UNITS` of them: a
 *   city's 200 bureaus as 200 columns cannot be read. The sheet is sorted most red first
 *   (`./unit-order.ts`), so they are its first rows, a contiguous range; when some are left out the
 *   title says which ones are shown.
 * - No chart when no unit has a red or yellow item (nothing to draw), nor when no file was read.
 * - It sits right of the table, one empty column apart, from the first unit's row down: it covers no
 *   cell with data however many units there are, and it widens with the units it shows.
 */
import { columnLetter } from "../grid";
import { LIGHT_FILLS } from "../plan/marks-plan";
import type { ChartPlan } from "../plan/sheet-plan";
import type { Light } from "../types";
import { LIGHT_LABELS } from "../vocabulary";

export const UNITS_CHART_MAX_UNITS = 30;
export const UNITS_CHART_TITLE = "各单位红黄灯";
/** Rows the chart is tall: about 400 px at Excel's default row height. */
const CHART_ROWS = 20;
/** Columns wide with a few units; a column more for every three units (30 units: 18 columns, ~1150 px). */
const MIN_CHART_COLUMNS = 8;

/** One row of 各单位汇总, in the sheet's order. */
export interface UnitLightsRow {
  readonly unit: string;
  readonly red: number;
  readonly yellow: number;
}

/** Where 各单位汇总 puts things (columns 1-based). */
export interface UnitsSheetLayout {
  readonly sheet: string;
  /** The first unit's row (under the header). */
  readonly firstRow: number;
  readonly unitColumn: number;
  readonly redColumn: number;
  readonly yellowColumn: number;
  /** The table's last column, hidden ones included. */
  readonly lastColumn: number;
}

export function planUnitsLightsChart(rows: readonly UnitLightsRow[], layout: UnitsSheetLayout): ChartPlan | null {
  const lit = rows.findIndex((r) => r.red + r.yellow === 0);
  const litCount = lit === -1 ? rows.length : lit;
  const shown = rows.slice(0, Math.min(litCount, UNITS_CHART_MAX_UNITS));
  if (shown.length === 0) return null;
  const first = layout.firstRow;
  const last = first + shown.length - 1;
  const range = (col: number) => `${columnLetter(col)}${first}:${columnLetter(col)}${last}`;
  const series = (light: Light, col: number, count: (r: UnitLightsRow) => number) => ({
    name: LIGHT_LABELS[light],
    values: { sheet: layout.sheet, address: range(col) },
    data: shown.map(count),
    color: LIGHT_FILLS[light] ?? "#FFFFFF",
  });
  const left = layout.lastColumn + 2;
  return {
    id: "lights-by-unit",
    type: "stackedColumn",
    title: shown.length < litCount ? `${UNITS_CHART_TITLE}（红灯最多的前${shown.length}个单位）` : UNITS_CHART_TITLE,
    categories: { sheet: layout.sheet, address: range(layout.unitColumn) },
    categoryLabels: shown.map((r) => r.unit),
    series: [series("red", layout.redColumn, (r) => r.red), series("yellow", layout.yellowColumn, (r) => r.yellow)],
    anchor: {
      top: first,
      left,
      bottom: first + CHART_ROWS - 1,
      right: left + MIN_CHART_COLUMNS + Math.ceil(shown.length / 3) - 1,
    },
  };
}
