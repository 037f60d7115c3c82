/**
 * The summary sheet's own part, written from the same `SheetPlan` the Excel adapter renders: cells
 * (text as inline strings — never formulas, SPEC §8; numbers; live formulas with the engine's value
 * cached; links as `HYPERLINK("#'sheet'!A12", text)` formulas, because a cell hyperlink to a place in
 * the workbook is stored with a relationship some readers open as a file), the plan's looks through
 * styles appended to the user's stylesheet (`StylesEditor`), widths, frozen title rows and the print
 * setup (A4, fit to one page wide; the print titles are a defined name, written by the caller).
 */
import { columnLetter } from "../../core/grid";
import {
  quoteSheet,
  SHEET_STYLES,
  sheetPlanCells,
  tableBodyArea,
  tableMerges,
  type CellStyle,
  type PlanCell,
  type SheetPlan,
} from "../../core/plan/summary-sheet";
import type { StylesEditor } from "./styles";
import { escapeCellText } from "./xml";

const FONT_NAME = "等线";
const BORDER_COLOUR = "FFBFBFBF";
const LINK_COLOUR = "FF0563C1";

function argb(hex: string): string {
  return `FF${hex.replace("#", "").toUpperCase()}`;
}

interface Look {
  /** null: a table cell with nothing in it (border only). */
  readonly style: CellStyle | null;
  readonly border: boolean;
  readonly format: string | null;
  readonly link: boolean;
}

/** The cell format index of one look, its parts appended to the stylesheet as needed. */
function cellFormat(styles: StylesEditor, look: Look): number {
  const p = styles.prefix;
  const spec = look.style ? SHEET_STYLES[look.style] : null;
  const colour = look.link ? LINK_COLOUR : spec?.fontColor ? argb(spec.fontColor) : null;
  const font = spec
    ? styles.font(
        `${spec.bold ? `<${p}b/>` : ""}${look.link ? `<${p}u/>` : ""}<${p}sz val="${spec.fontSize}"/>${colour ? `<${p}color rgb="${colour}"/>` : ""}<${p}name val="${FONT_NAME}"/><${p}family val="2"/><${p}charset val="134"/>`,
      )
    : 0;
  const fill = spec?.fill
    ? styles.fill(
        `<${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(spec.fill)}"/><${p}bgColor indexed="64"/></${p}patternFill>`,
      )
    : 0;
  const side = (name: string) => `<${p}${name} style="thin"><${p}color rgb="${BORDER_COLOUR}"/></${p}${name}>`;
  const border = look.border
    ? styles.border(`${side("left")}${side("right")}${side("top")}${side("bottom")}<${p}diagonal/>`)
    : 0;
  const numFmt = look.format ? styles.numberFormat(look.format) : 0;
  const alignment = spec ? `<${p}alignment vertical="top"${spec.wrap ? ' wrapText="1"' : ""}/>` : "";
  const attrs = [
    `numFmtId="${numFmt}"`,
    `fontId="${font}"`,
    `fillId="${fill}"`,
    `borderId="${border}"`,
    ...(styles.hasCellStyleXfs ? ['xfId="0"'] : []),
    ...(numFmt ? ['applyNumberFormat="1"'] : []),
    ...(spec ? ['applyFont="1"'] : []),
    ...(fill ? ['applyFill="1"'] : []),
    ...(border ? ['applyBorder="1"'] : []),
    ...(alignment ? ['applyAlignment="1"'] : []),
  ].join(" ");
  return styles.cellFormat(alignment ? `<${p}xf ${attrs}>${alignment}</${p}xf>` : `<${p}xf ${attrs}/>`);
}

function cellBody(p: string, cell: PlanCell): { type: string | null; body: string } {
  switch (cell.kind) {
    case "text":
      return {
        type: "inlineStr",
        body: `<${p}is><${p}t xml:space="preserve">${escapeCellText(cell.text)}</${p}t></${p}is>`,
      };
    case "number":
      return { type: null, body: `<${p}v>${cell.value}</${p}v>` };
    case "formula": {
      const f = `<${p}f>${escapeCellText(cell.formula.replace(/^=/, ""))}</${p}f>`;
      const value = cell.value;
      if (typeof value === "number") return { type: null, body: `${f}<${p}v>${value}</${p}v>` };
      if (typeof value === "boolean") return { type: "b", body: `${f}<${p}v>${value ? 1 : 0}</${p}v>` };
      return { type: "str", body: `${f}<${p}v>${escapeCellText(value ?? "")}</${p}v>` };
    }
    case "link": {
      const target = `#${quoteSheet(cell.sheet)}!${cell.address}`;
      const formula = `HYPERLINK("${target.replace(/"/g, '""')}","${cell.text.replace(/"/g, '""')}")`;
      return {
        type: "str",
        body: `<${p}f>${escapeCellText(formula)}</${p}f><${p}v>${escapeCellText(cell.text)}</${p}v>`,
      };
    }
  }
}

function formatOf(cell: PlanCell): string | null {
  return cell.kind === "number" || cell.kind === "formula" ? cell.format : null;
}

/**
 * The sheet's XML in the namespace `mainNamespace` (the workbook's own: transitional or strict),
 * with a `<drawing>` when `drawing` names its relationship. Returns the print titles' reference too
 * (`'整改情况汇总'!$1:$2`), or null.
 */
export function summarySheetXml(
  plan: SheetPlan,
  styles: StylesEditor,
  mainNamespace: string,
  drawing: { readonly relationshipId: string; readonly relationshipNamespace: string } | null,
): { xml: string; printTitles: string | null } {
  const p = styles.prefix;
  type Placed = { cell: PlanCell | null; border: boolean };
  const grid = new Map<number, Map<number, Placed>>();
  const at = (row: number, col: number): Placed => {
    let cells = grid.get(row);
    if (!cells) grid.set(row, (cells = new Map()));
    let placed = cells.get(col);
    if (!placed) cells.set(col, (placed = { cell: null, border: false }));
    return placed;
  };
  for (const table of plan.tables) {
    if (table.header.length === 0) continue;
    const area = tableBodyArea(table);
    for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) at(r, c).border = true;
  }
  for (const { row, col, cell } of sheetPlanCells(plan)) at(row, col).cell = cell;

  const formats = new Map<string, number>();
  const formatOfLook = (look: Look): number => {
    const key = `${look.style}|${look.border}|${look.format}|${look.link}`;
    let s = formats.get(key);
    if (s === undefined) formats.set(key, (s = cellFormat(styles, look)));
    return s;
  };
  const heights = new Map(plan.rowHeights.map(({ row, points }) => [row, points]));
  for (const row of heights.keys()) at(row, 1);
  const rows: string[] = [];
  for (const row of [...grid.keys()].sort((a, b) => a - b)) {
    const cells: string[] = [];
    const placed = grid.get(row) ?? new Map<number, Placed>();
    for (const col of [...placed.keys()].sort((a, b) => a - b)) {
      const { cell, border } = placed.get(col) as Placed;
      const style = cell ? (cell.style ?? "body") : null;
      const s = formatOfLook({
        style,
        border: style ? border && SHEET_STYLES[style].border : border,
        format: cell ? formatOf(cell) : null,
        link: cell?.kind === "link",
      });
      const ref = `${columnLetter(col)}${row}`;
      const sAttr = s > 0 ? ` s="${s}"` : "";
      if (!cell) {
        cells.push(`<${p}c r="${ref}"${sAttr}/>`);
        continue;
      }
      const { type, body } = cellBody(p, cell);
      cells.push(`<${p}c r="${ref}"${sAttr}${type ? ` t="${type}"` : ""}>${body}</${p}c>`);
    }
    const height = heights.get(row);
    const heightAttr = height === undefined ? "" : ` ht="${height}" customHeight="1"`;
    rows.push(`<${p}row r="${row}"${heightAttr}>${cells.join("")}</${p}row>`);
  }

  const cols = colsXml(p, plan);
  const pane =
    plan.freezeRows > 0
      ? `<${p}pane ySplit="${plan.freezeRows}" topLeftCell="A${plan.freezeRows + 1}" activePane="bottomLeft" state="frozen"/><${p}selection pane="bottomLeft" activeCell="A${plan.freezeRows + 1}" sqref="A${plan.freezeRows + 1}"/>`
      : "";
  const { print } = plan;
  const xmlns = p === "" ? `xmlns="${mainNamespace}"` : `xmlns:${p.slice(0, -1)}="${mainNamespace}"`;
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<${p}worksheet ${xmlns}>` +
    `<${p}sheetPr><${p}pageSetUpPr fitToPage="1"/></${p}sheetPr>` +
    `<${p}sheetViews><${p}sheetView workbookViewId="0">${pane}</${p}sheetView></${p}sheetViews>` +
    `<${p}sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<${p}cols>${cols}</${p}cols>` : "") +
    `<${p}sheetData>${rows.join("")}</${p}sheetData>` +
    mergeCellsXml(p, plan.tables.flatMap(tableMerges)) +
    `<${p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `<${p}pageSetup paperSize="9" orientation="${print.orientation}" fitToWidth="${print.fitToPagesWide}" fitToHeight="${print.fitToPagesTall}"/>` +
    rowBreaksXml(p, print.pageBreaksBefore) +
    (drawing ? `<${p}drawing xmlns:r="${drawing.relationshipNamespace}" r:id="${drawing.relationshipId}"/>` : "") +
    `</${p}worksheet>`;
  const printTitles = print.repeatRows
    ? `${quoteSheet(plan.name)}!$${print.repeatRows.first}:$${print.repeatRows.last}`
    : null;
  return { xml, printTitles };
}

/** Excel's default column width (character units), for a hidden column the plan gives no width. */
const DEFAULT_COLUMN_WIDTH = 8.43;

/** One `<col>` per column with a width or hidden (`hidden="1"`); unhiding gives back the plan's width. */
function colsXml(p: string, plan: SheetPlan): string {
  const hidden = new Set(plan.hiddenColumns);
  const last = Math.max(plan.columnWidths.length, ...plan.hiddenColumns);
  const cols: string[] = [];
  for (let col = 1; col <= last; col++) {
    const width = plan.columnWidths[col - 1];
    if (width === undefined && !hidden.has(col)) continue;
    const size = width === undefined ? `width="${DEFAULT_COLUMN_WIDTH}"` : `width="${width}" customWidth="1"`;
    cols.push(`<${p}col min="${col}" max="${col}" ${size}${hidden.has(col) ? ' hidden="1"' : ""}/>`);
  }
  return cols.join("");
}

/** `<rowBreaks>`: a manual break after the row above each of `rows` (OOXML counts breaks by 0-based row id). */
function rowBreaksXml(p: string, rows: readonly number[]): string {
  if (rows.length === 0) return "";
  const breaks = rows.map((row) => `<${p}brk id="${row - 1}" max="16383" man="1"/>`).join("");
  return `<${p}rowBreaks count="${rows.length}" manualBreakCount="${rows.length}">${breaks}</${p}rowBreaks>`;
}

/** `<mergeCells>` for the tables' wide columns (one merged cell per row). */
function mergeCellsXml(
  p: string,
  merges: readonly { top: number; left: number; bottom: number; right: number }[],
): string {
  if (merges.length === 0) return "";
  const refs = merges
    .map((m) => `<${p}mergeCell ref="${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom}"/>`)
    .join("");
  return `<${p}mergeCells count="${merges.length}">${refs}</${p}mergeCells>`;
}
