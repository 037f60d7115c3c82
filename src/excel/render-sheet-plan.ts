/**
 * Renders a `SheetPlan` (src/core/plan/sheet-plan.ts) onto a new worksheet with Office.js, queuing
 * every operation into the current batch (no sync here): number formats before values, values as
 * one 2-D array, styles grouped into rectangles, borders per table, widths, freeze, print, chart.
 *
 * The plan draws its tables as styled ranges (header fill, borders) rather than Excel tables, so a
 * summary looks the same in Excel and in the CLI's .xlsx (exceljs cannot write Excel tables with our
 * styles); an Excel table would also add its own banding over the plan's `good`/`warn`/`bad` fills.
 */
import { columnRuns, parseAddress, rectAddress, type Rect } from "./address";
import type { HostFeatures } from "./features";
import type { XlRange, XlWorksheet } from "./office-api";
import { columnLetter } from "../core/grid";
import { quoteSheet } from "../core/plan/summary-sheet";
import {
  rowHeightsWithoutPageBreaks,
  sheetPlanCells,
  SHEET_STYLES,
  tableBodyArea,
  tableColumns,
  type CellStyle,
  type PlanCell,
  type SheetPlan,
} from "../core/plan/sheet-plan";

/**
 * Text that Excel would otherwise turn into something else — a formula (`=`, `+`, `-`, `@`), a
 * number or date (`001`, `2025-03-15`), a boolean — is written with the `'` prefix, which keeps it
 * text and is not part of the value (SPEC §8: a description beginning with `=` is not evaluated).
 */
export function textValue(text: string): string {
  if (text === "") return "";
  return /^[=+\-@']/.test(text) || /[0-9]/.test(text) || /^(true|false)$/i.test(text) ? `'${text}` : text;
}

/** Excel character units → points (Office.js `columnWidth`): 7 px per character + 5 px padding, at 96 dpi. */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function linkTarget(sheet: string, address: string): string {
  return `${quoteSheet(sheet)}!${address}`;
}

function cellContent(cell: PlanCell, features: HostFeatures): { value: unknown; format: string } {
  switch (cell.kind) {
    case "text":
      return { value: textValue(cell.text), format: "General" };
    case "number":
      return { value: cell.value, format: cell.format ?? "General" };
    case "formula":
      return { value: cell.formula, format: cell.format ?? "General" };
    case "link":
      return features.hyperlinks
        ? { value: textValue(cell.text), format: "General" }
        : {
            value: `=HYPERLINK(${formulaString(`#${linkTarget(cell.sheet, cell.address)}`)},${formulaString(cell.text)})`,
            format: "General",
          };
  }
}

/**
 * Rectangles of same-style cells, so styling costs one operation per rectangle, not per cell: runs
 * along each row, and a run stacked on the same run of the row above grows downwards. A table's body
 * column is then one rectangle whatever its length (a 20,000-item summary styled row by row was
 * ~5 MB of formatting, over the request cap on its own). Linear, no recursion.
 */
export function styleRects(
  cells: readonly { row: number; col: number; style: CellStyle }[],
): { style: CellStyle; rect: Rect }[] {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const rowRuns: { style: CellStyle; rect: Rect }[] = [];
  for (const cell of sorted) {
    const last = rowRuns[rowRuns.length - 1];
    if (last && last.style === cell.style && last.rect.top === cell.row && last.rect.right === cell.col - 1) {
      last.rect = { ...last.rect, right: cell.col };
    } else
      rowRuns.push({ style: cell.style, rect: { top: cell.row, bottom: cell.row, left: cell.col, right: cell.col } });
  }
  const rects: { style: CellStyle; rect: Rect }[] = [];
  /** The rectangle that ended lowest, per style and column span: the one a run right below extends. */
  const lowest = new Map<string, { style: CellStyle; rect: Rect }>();
  for (const run of rowRuns) {
    const key = `${run.style}|${run.rect.left}|${run.rect.right}`;
    const above = lowest.get(key);
    if (above && above.rect.bottom === run.rect.top - 1) above.rect = { ...above.rect, bottom: run.rect.top };
    else {
      rects.push(run);
      lowest.set(key, run);
    }
  }
  return rects;
}

/** Consecutive rows of the same height as one range each (`5:80`), not one operation per row. */
export function rowHeightRuns(
  heights: readonly { row: number; points: number }[],
): { top: number; bottom: number; points: number }[] {
  const sorted = [...heights].sort((a, b) => a.row - b.row);
  const runs: { top: number; bottom: number; points: number }[] = [];
  for (const { row, points } of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.points === points && last.bottom === row - 1) last.bottom = row;
    else runs.push({ top: row, bottom: row, points });
  }
  return runs;
}

function applyStyle(range: XlRange, style: CellStyle): void {
  const spec = SHEET_STYLES[style];
  if (spec.bold) range.format.font.bold = true;
  if (spec.fontSize !== 11) range.format.font.size = spec.fontSize;
  if (spec.fontColor) range.format.font.color = spec.fontColor;
  if (spec.fill) range.format.fill.color = spec.fill;
  if (spec.wrap) range.format.wrapText = true;
}

const BORDER_EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"] as const;

/** A cell that jumps to a cell of the workbook (`Range.hyperlink`, ExcelApi 1.7). */
export interface SheetLink {
  readonly row: number;
  readonly col: number;
  readonly target: string;
}

/** Cells of a sheet as written: values and number formats over `rect`, and the hyperlinks among them. */
export interface SheetCells {
  readonly rect: Rect;
  readonly values: unknown[][];
  readonly formats: string[][];
  readonly links: readonly SheetLink[];
}

/**
 * The plan's cells as the 2-D values and number formats written from A1 (`cellContent`) and their
 * hyperlinks (where the host has them), or null when empty.
 */
export function sheetPlanGrid(plan: SheetPlan, features: HostFeatures): SheetCells | null {
  const placed = sheetPlanCells(plan);
  if (placed.length === 0) return null;
  const bottom = placed.reduce((max, c) => Math.max(max, c.row), 0);
  const right = placed.reduce((max, c) => Math.max(max, c.col), 0);
  const values: unknown[][] = Array.from({ length: bottom }, () => Array.from({ length: right }, () => ""));
  const formats: string[][] = Array.from({ length: bottom }, () => Array.from({ length: right }, () => "General"));
  const links: SheetLink[] = [];
  for (const { row, col, cell } of placed) {
    const { value, format } = cellContent(cell, features);
    (values[row - 1] as unknown[])[col - 1] = value;
    (formats[row - 1] as string[])[col - 1] = format;
    if (cell.kind === "link" && features.hyperlinks)
      links.push({ row, col, target: linkTarget(cell.sheet, cell.address) });
  }
  return { values, formats, rect: { top: 1, left: 1, bottom, right }, links };
}

/** Queues cells: number formats before values (so a date lands as a date), then the hyperlinks on them. */
export function queueCells(sheet: XlWorksheet, cells: SheetCells): void {
  const range = sheet.getRange(rectAddress(cells.rect));
  range.numberFormat = cells.formats;
  range.values = cells.values;
  for (const link of cells.links) {
    sheet.getRange(rectAddress({ top: link.row, bottom: link.row, left: link.col, right: link.col })).hyperlink = {
      documentReference: link.target,
    };
  }
}

/**
 * `values: false`: the cells' values, formats and hyperlinks were written already (a large sheet, in
 * bands of rows before this batch); only styles, borders, sizes, freeze, print setup and charts are queued.
 */
export function queueSheetPlan(
  sheet: XlWorksheet,
  plan: SheetPlan,
  features: HostFeatures,
  { values: withValues = true }: { readonly values?: boolean } = {},
): void {
  const placed = sheetPlanCells(plan);
  if (placed.length === 0) return;
  const bottom = placed.reduce((max, c) => Math.max(max, c.row), 0);
  const styled: { row: number; col: number; style: CellStyle }[] = [];
  for (const { row, col, cell } of placed) if (cell.style) styled.push({ row, col, style: cell.style });
  const grid = withValues ? sheetPlanGrid(plan, features) : null;
  if (grid) queueCells(sheet, grid);
  for (const run of styleRects(styled)) applyStyle(sheet.getRange(rectAddress(run.rect)), run.style);
  for (const table of plan.tables) {
    // A column covering several grid columns is one merged cell per row (header and data rows).
    for (const { col, span } of tableColumns(table)) {
      if (span === 1) continue;
      const rect = {
        top: table.headerRow,
        bottom: table.firstRow + table.rows.length - 1,
        left: col,
        right: col + span - 1,
      };
      sheet.getRange(rectAddress(rect)).merge(true);
    }
    if (table.rows.length === 0 && table.header.length === 0) continue;
    const area = tableBodyArea(table);
    const range = sheet.getRange(rectAddress(area));
    for (const edge of BORDER_EDGES) {
      if (edge === "InsideHorizontal" && area.top === area.bottom) continue;
      if (edge === "InsideVertical" && area.left === area.right) continue;
      range.format.borders.getItem(edge).style = "Continuous";
    }
  }
  const wholeColumns = (left: number, right: number) => sheet.getRange(`${columnLetter(left)}:${columnLetter(right)}`);
  plan.columnWidths.forEach((chars, i) => {
    wholeColumns(i + 1, i + 1).format.columnWidth = charsToPoints(chars);
  });
  // Whole columns hidden (`Range.columnHidden`, ExcelApi 1.2, within the adapter's 1.4), after their
  // widths: a user who unhides them gets the plan's widths back.
  for (const { left, right } of columnRuns(plan.hiddenColumns)) wholeColumns(left, right).columnHidden = true;
  // Without page breaks (below ExcelApi 1.9), page blocks are kept apart by the heights of the rows between.
  const heights = !features.pageLayout && plan.print.pageBlocks ? rowHeightsWithoutPageBreaks(plan) : plan.rowHeights;
  for (const { top, bottom, points } of rowHeightRuns(heights))
    sheet.getRange(`${top}:${bottom}`).format.rowHeight = points;
  // freezePanes is ExcelApi 1.7, like hyperlinks; below it the sheet simply scrolls.
  if (plan.freezeRows > 0 && features.hyperlinks) sheet.freezePanes.freezeRows(plan.freezeRows);
  if (features.pageLayout) {
    const layout = sheet.pageLayout;
    layout.orientation = plan.print.orientation === "landscape" ? "Landscape" : "Portrait";
    layout.paperSize = plan.print.paperSize;
    layout.zoom = fitZoom(plan.print, bottom);
    if (plan.print.repeatRows)
      layout.setPrintTitleRows(`$${plan.print.repeatRows.first}:$${plan.print.repeatRows.last}`);
    // Page breaks are ExcelApi 1.9 as well; below it the sheet prints in one flow.
    for (const row of plan.print.pageBreaksBefore) sheet.horizontalPageBreaks.add(`A${row}`);
  }
  for (const chart of plan.charts) queueChart(sheet, chart, features);
}

/**
 * The plan's "fit to N pages wide, any number tall" as documented `PageLayoutZoomOptions`: numbers of
 * pages. "Any number tall" is written `0` in a .xlsx (OOXML's "automatic"), a value Office.js does not
 * document; instead the height allowed is one page per row of the sheet, which can never be the tighter
 * constraint — so the width alone sets the scale.
 */
export function fitZoom(
  print: SheetPlan["print"],
  rows: number,
): { horizontalFitToPages: number; verticalFitToPages: number } {
  const tall = print.fitToPagesTall === 0 ? Math.max(1, rows) : print.fitToPagesTall;
  return { horizontalFitToPages: print.fitToPagesWide, verticalFitToPages: tall };
}

/** Marker of a line series, as the .xlsx writer draws it (src/xlsx/package/chart-xml.ts): a circle in the line's colour. */
const LINE_MARKER_STYLE = "Circle";

function queueChart(sheet: XlWorksheet, chart: SheetPlan["charts"][number], features: HostFeatures): void {
  const refs = [chart.categories, ...chart.series.map((s) => s.values)].map((r) => rectOfLocal(r.address));
  const source: Rect = {
    top: Math.max(1, Math.min(...refs.map((r) => r.top)) - 1),
    bottom: Math.max(...refs.map((r) => r.bottom)),
    left: Math.min(...refs.map((r) => r.left)),
    right: Math.max(...refs.map((r) => r.right)),
  };
  const added = sheet.charts.add(
    chart.type === "line" ? "LineMarkers" : "ColumnStacked",
    sheet.getRange(rectAddress(source)),
    "Columns",
  );
  added.title.text = chart.title;
  const { anchor } = chart;
  added.setPosition(
    rectAddress({ top: anchor.top, bottom: anchor.top, left: anchor.left, right: anchor.left }),
    rectAddress({ top: anchor.bottom, bottom: anchor.bottom, left: anchor.right, right: anchor.right }),
  );
  chart.series.forEach((s, i) => {
    const series = added.series.getItemAt(i);
    if (chart.type !== "line") {
      series.format.fill.setSolidColor(s.color);
      return;
    }
    // A line series is drawn by its stroke (`format.line.color`, 1.1), not by a fill.
    series.format.line.color = s.color;
    // Marker colours are ExcelApi 1.7; below it Excel's automatic markers stay, in the theme's colours.
    if (!features.chartMarkers) return;
    series.markerStyle = LINE_MARKER_STYLE;
    series.markerBackgroundColor = s.color;
    series.markerForegroundColor = s.color;
  });
}

function rectOfLocal(address: string): Rect {
  const parsed = parseAddress(address);
  if (!parsed) throw new Error(`Unexpected chart range ${address}`);
  return parsed.rect;
}
