/**
 * 各单位汇总's chart of red and yellow lights by unit (`planUnitsLightsChart`). exceljs, which writes
 * the consolidated workbook, cannot write charts: the chart is added to the package it wrote by the
 * same DrawingML writer as the summary's charts (`addChartsToSheet`), every other part copied as stored.
 */
import { renameSync } from "node:fs";
import { byLightsDescending } from "../../core/combine/unit-order";
import { planUnitsLightsChart } from "../../core/combine/units-chart";
import { LIGHT_LABELS } from "../../core/vocabulary";
import { addChartsToSheet } from "../../xlsx/write";
import { SHEET_NAMES } from "./consolidated";
import type { FileOutcome } from "./evaluate-file";

/**
 * Moves the workbook exceljs wrote at `written` to `path`, with the chart on 各单位汇总 when there is
 * one to draw. `unitHeaders` are 各单位汇总's column headers, `read` the files read (its rows).
 */
export function saveWithUnitsChart(
  written: string,
  path: string,
  read: readonly FileOutcome[],
  unitHeaders: readonly string[],
): void {
  // The sheet's rows: the files read, in its order, each with a summary.
  const rows = [...read]
    .sort(byLightsDescending)
    .flatMap((o) =>
      o.summary ? [{ unit: o.unit, red: o.summary.byLight.red, yellow: o.summary.byLight.yellow }] : [],
    );
  const column = (header: string) => unitHeaders.indexOf(header) + 1;
  const chart = planUnitsLightsChart(rows, {
    sheet: SHEET_NAMES.units,
    firstRow: 2,
    unitColumn: column("单位"),
    redColumn: column(LIGHT_LABELS.red),
    yellowColumn: column(LIGHT_LABELS.yellow),
    lastColumn: unitHeaders.length,
  });
  if (chart) addChartsToSheet(written, path, SHEET_NAMES.units, [chart]);
  else renameSync(written, path);
}
