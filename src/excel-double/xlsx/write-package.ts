/**
 * The Excel double's workbook written as .xlsx bytes (`npm run host -- evaluate … --out` through
 * `./write.ts`, and the browser preview's 保存结果): what the add-in would have left in the user's
 * workbook, openable in Excel. Not the command line's `--out` copy (src/xlsx/write.ts), which edits
 * the user's own package. No Node module: a browser bundle gets exceljs' browser build.
 *
 * exceljs writes cells, styles, merges, sizes, visibility, protection, tables and page setup. Two
 * parts are written by us afterwards, because exceljs cannot write them faithfully: defined names
 * (it flattens sheet scope and drops `#REF!` and constants) and conditional formats (it knows only
 * some rule types and cannot keep a rule's definition as the file stored it).
 *
 * Not written: charts (exceljs cannot write them) and the Office document settings (they live in
 * the add-in's web-extension part, which a file written here does not have).
 */
import ExcelJS from "exceljs";
import { rectAddress, type Rect } from "../../excel/address";
import type { CellModel, ConditionalFormatModel, NameModel, SheetModel, WorkbookModel } from "../model";
import { rewriteZipEntries } from "../../xlsx/zip-rewrite";
import { nameReferenceText } from "../names";
import { isStoredRule, POINTS_PER_WIDTH_UNIT } from "./load-package";
import { escapeXml } from "./xml-walk";

const VISIBILITY = { Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" } as const;
const BORDER_STYLES: Readonly<Record<string, ExcelJS.BorderStyle>> = {
  Continuous: "thin",
  Dash: "dashed",
  DashDot: "dashDot",
  DashDotDot: "dashDotDot",
  Dot: "dotted",
  Double: "double",
  SlantDashDot: "slantDashDot",
};
const BORDER_EDGES: Readonly<Record<string, keyof ExcelJS.Borders>> = {
  EdgeTop: "top",
  EdgeBottom: "bottom",
  EdgeLeft: "left",
  EdgeRight: "right",
};
/** `Excel.PaperType` → the OOXML paper size number. */
const PAPER_SIZES: Readonly<Record<string, number>> = { Letter: 1, Legal: 5, A3: 8, A4: 9, A5: 11 };

const argb = (colour: string): string => `FF${colour.replace(/^#/, "").toUpperCase()}`;

function cellValue(cell: CellModel): ExcelJS.CellValue {
  const value = cell.value;
  if (cell.formula) {
    const result = value === null ? undefined : cell.isError ? { error: value } : value;
    return { formula: cell.formula.replace(/^=/, ""), result } as ExcelJS.CellFormulaValue;
  }
  if (cell.isError && typeof value === "string") return { error: value } as ExcelJS.CellErrorValue;
  if (cell.hyperlink?.address && typeof value === "string") return { text: value, hyperlink: cell.hyperlink.address };
  return value;
}

function writeStyle(target: ExcelJS.Cell, cell: CellModel): void {
  if (cell.numberFormat && cell.numberFormat !== "General") target.numFmt = cell.numberFormat;
  if (cell.fill) target.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(cell.fill) } };
  if (cell.font) {
    const { color, ...rest } = cell.font;
    target.font = { ...rest, ...(color ? { color: { argb: argb(color) } } : {}) };
  }
  if (cell.borders) {
    const border: Partial<ExcelJS.Borders> = {};
    for (const [edge, style] of Object.entries(cell.borders)) {
      const side = BORDER_EDGES[edge];
      const line = BORDER_STYLES[style];
      if (side && line) border[side] = { style: line } as never;
    }
    target.border = border;
  }
  if (cell.wrapText || (cell.horizontalAlignment && cell.horizontalAlignment !== "General")) {
    const horizontal = cell.horizontalAlignment?.toLowerCase() as ExcelJS.Alignment["horizontal"] | undefined;
    target.alignment = { ...(cell.wrapText ? { wrapText: true } : {}), ...(horizontal ? { horizontal } : {}) };
  }
}

function pageSetupOf(layout: Record<string, unknown>): Partial<ExcelJS.PageSetup> {
  const setup: Partial<ExcelJS.PageSetup> = {};
  if (layout.orientation === "Landscape") setup.orientation = "landscape";
  const paper = PAPER_SIZES[String(layout.paperSize)];
  if (paper) setup.paperSize = paper as ExcelJS.PaperSize;
  if (layout.centerHorizontally === true) setup.horizontalCentered = true;
  const zoom = layout.zoom as
    { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } | undefined;
  if (zoom?.horizontalFitToPages !== undefined) {
    setup.fitToPage = true;
    setup.fitToWidth = zoom.horizontalFitToPages;
    setup.fitToHeight = zoom.verticalFitToPages ?? 0;
  } else if (zoom?.scale !== undefined) setup.scale = zoom.scale;
  if (typeof layout.printTitleRows === "string" && /^\$?\d+:\$?\d+$/.test(layout.printTitleRows))
    setup.printTitlesRow = layout.printTitleRows.replace(/\$/g, "");
  return setup;
}

function writeTable(ws: ExcelJS.Worksheet, sheet: SheetModel, table: SheetModel["tables"][number]): void {
  const { rect } = table;
  const at = (row: number, col: number): CellModel | undefined => sheet.cells.get(`${row}:${col}`);
  const columns: ExcelJS.TableColumnProperties[] = [];
  for (let c = rect.left; c <= rect.right; c++) {
    const header = table.hasHeaders ? at(rect.top, c)?.value : null;
    columns.push({ name: header === null || header === undefined ? `Column${c - rect.left + 1}` : String(header) });
  }
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = table.hasHeaders ? rect.top + 1 : rect.top; r <= rect.bottom; r++) {
    const row: ExcelJS.CellValue[] = [];
    for (let c = rect.left; c <= rect.right; c++) {
      const cell = at(r, c);
      row.push(cell ? cellValue(cell) : null);
    }
    rows.push(row);
  }
  ws.addTable({
    name: table.name,
    ref: rectAddress({ ...rect, bottom: rect.top, right: rect.left }),
    headerRow: table.hasHeaders,
    style: {
      theme: (table.style || "TableStyleMedium2") as ExcelJS.TableStyleProperties["theme"],
      showRowStripes: true,
    },
    columns,
    rows,
  });
}

function addSheet(workbook: ExcelJS.Workbook, sheet: SheetModel): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(sheet.name, {
    state: VISIBILITY[sheet.visibility],
    views: sheet.freezeRows > 0 ? [{ state: "frozen", ySplit: sheet.freezeRows }] : [],
  });
  for (const [key, cell] of sheet.cells) {
    const [row = 0, col = 0] = key.split(":").map(Number);
    const target = ws.getCell(row, col);
    target.value = cellValue(cell);
    writeStyle(target, cell);
  }
  for (const table of sheet.tables) writeTable(ws, sheet, table);
  for (const m of sheet.merges) {
    ws.mergeCells(m.top, m.left, m.bottom, m.right);
    // exceljs gives every cell of a merge the top-left cell's style; the model says what each one has.
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        const target = ws.getCell(r, c);
        target.style = {};
        const cell = sheet.cells.get(`${r}:${c}`);
        if (cell) writeStyle(target, cell);
      }
  }
  for (const [col, points] of sheet.columnWidths) ws.getColumn(col).width = points / POINTS_PER_WIDTH_UNIT;
  for (const col of sheet.hiddenColumns) ws.getColumn(col).hidden = true;
  for (const [row, height] of sheet.rowHeights) ws.getRow(row).height = height;
  for (const row of sheet.hiddenRows) ws.getRow(row).hidden = true;
  Object.assign(ws.pageSetup, pageSetupOf(sheet.pageLayout));
  // `horizontalPageBreaks.add(range)` starts a page at the range's row; exceljs breaks after a row.
  const breaks = sheet.pageLayout.pageBreaksBefore;
  if (Array.isArray(breaks)) for (const row of breaks as number[]) if (row > 1) ws.getRow(row - 1).addPageBreak();
  return ws;
}

// ───────────────────────────── Parts written after exceljs ─────────────────────────────

/**
 * The name's reference as a file stores it (`'台账'!$K$2:$K$8`, `#REF!`, a formula's text): a relative
 * one relative to A1, which is how the model keeps it and a .xlsx reads it.
 */
function referenceOf(model: WorkbookModel, name: NameModel): string {
  const fromA1: WorkbookModel = { ...model, selection: { ...model.selection, activeCell: { row: 1, col: 1 } } };
  return nameReferenceText(fromA1, name).replace(/^=/, "");
}

/** `<definedNames>` for every name, workbook-scoped and sheet-scoped, in Excel's order (by name, then scope). */
export function definedNamesXml(model: WorkbookModel): string {
  const scopeOf = (name: NameModel): number | null => {
    const index = name.scopeSheetId === undefined ? -1 : model.sheets.findIndex((s) => s.id === name.scopeSheetId);
    return index < 0 ? null : index;
  };
  if (model.names.length === 0) return "";
  const items = model.names
    .map((name) => ({ name, scope: scopeOf(name) }))
    .sort((a, b) =>
      a.name.name < b.name.name ? -1 : a.name.name > b.name.name ? 1 : (a.scope ?? -1) - (b.scope ?? -1),
    )
    .map(({ name, scope }) => {
      const attrs = [
        `name="${escapeXml(name.name)}"`,
        ...(scope === null ? [] : [`localSheetId="${scope}"`]),
        ...(name.visible === false ? ['hidden="1"'] : []),
        ...(name.comment ? [`comment="${escapeXml(name.comment)}"`] : []),
      ];
      return `<definedName ${attrs.join(" ")}>${escapeXml(referenceOf(model, name))}</definedName>`;
    });
  return `<definedNames>${items.join("")}</definedNames>`;
}

interface Dxf {
  readonly fill: string | null;
  readonly fontColor: string | null;
}

function dxfXml({ fill, fontColor }: Dxf): string {
  const font = fontColor ? `<font><color rgb="${argb(fontColor)}"/></font>` : "";
  const fillXml = fill
    ? `<fill><patternFill patternType="solid"><bgColor rgb="${argb(fill)}"/></patternFill></fill>`
    : "";
  return `<dxf>${font}${fillXml}</dxf>`;
}

function ruleXml(cf: ConditionalFormatModel, priority: number, dxfs: Dxf[]): string {
  let dxfId = "";
  if (cf.fill !== null || cf.fontColor !== null) {
    dxfId = ` dxfId="${dxfs.length}"`;
    dxfs.push({ fill: cf.fill, fontColor: cf.fontColor });
  }
  const stop = cf.stopIfTrue ? ' stopIfTrue="1"' : "";
  if (!isStoredRule(cf.source)) {
    const formula = escapeXml(cf.formula.replace(/^=/, ""));
    return `<cfRule type="expression"${dxfId} priority="${priority}"${stop}><formula>${formula}</formula></cfRule>`;
  }
  const attrs = Object.entries(cf.source.attributes)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join("");
  return `<cfRule${attrs}${dxfId} priority="${priority}"${stop}>${cf.source.children}</cfRule>`;
}

/** The sheet's `<conditionalFormatting>` elements, one per rule, in priority order. */
export function conditionalFormattingXml(sheet: SheetModel, dxfs: Dxf[]): string {
  return sheet.conditionalFormats
    .map((cf, i) => {
      const sqref = cf.areas.map((r: Rect) => rectAddress(r)).join(" ");
      return `<conditionalFormatting sqref="${sqref}">${ruleXml(cf, i + 1, dxfs)}</conditionalFormatting>`;
    })
    .join("");
}

/** Where `<conditionalFormatting>` goes in a worksheet part (CT_Worksheet's order). */
const AFTER_CONDITIONAL_FORMATTING = [
  "<dataValidations",
  "<hyperlinks",
  "<printOptions",
  "<pageMargins",
  "<pageSetup",
  "<headerFooter",
  "<rowBreaks",
  "<colBreaks",
  "<drawing",
  "<legacyDrawing",
  "<tableParts",
  "<extLst",
  "</worksheet>",
];

function insertConditionalFormatting(sheetXml: string, elements: string): string {
  const at = Math.min(...AFTER_CONDITIONAL_FORMATTING.map((tag) => sheetXml.indexOf(tag)).filter((i) => i >= 0));
  return `${sheetXml.slice(0, at)}${elements}${sheetXml.slice(at)}`;
}

/** Replaces `element` (self-closing or not) with `replacement`, or inserts it right after `insertAfter` when absent. */
function replaceElement(xml: string, element: string, replacement: string, insertAfter: string): string {
  const open = xml.indexOf(`<${element}`);
  if (open >= 0) {
    const selfClose = xml.indexOf("/>", open);
    const close = xml.indexOf(`</${element}>`, open);
    const tagEnd = xml.indexOf(">", open);
    const end = selfClose === tagEnd - 1 ? tagEnd + 1 : close + element.length + 3;
    return `${xml.slice(0, open)}${replacement}${xml.slice(end)}`;
  }
  const after = xml.indexOf(insertAfter);
  if (after < 0) throw new Error(`writeWorkbookModel: no ${insertAfter} in the part exceljs wrote`);
  const at = after + insertAfter.length;
  return `${xml.slice(0, at)}${replacement}${xml.slice(at)}`;
}

/** The double's workbook as the bytes of an .xlsx file. */
export async function workbookModelBytes(model: WorkbookModel): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.properties.date1904 = model.date1904;
  for (const sheet of model.sheets) addSheet(workbook, sheet);
  const activeTab = Math.max(
    0,
    model.sheets.findIndex((s) => s.id === model.activeSheetId),
  );
  workbook.views = [{ activeTab, x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, visibility: "visible" }];
  for (const [index, sheet] of model.sheets.entries())
    if (sheet.protected) await workbook.worksheets[index]?.protect("", {});
  const written = new Uint8Array(await workbook.xlsx.writeBuffer());

  const transforms = new Map<string, (xml: string) => string>();
  const dxfs: Dxf[] = [];
  model.sheets.forEach((sheet, index) => {
    const elements = conditionalFormattingXml(sheet, dxfs);
    if (elements)
      transforms.set(`xl/worksheets/sheet${index + 1}.xml`, (xml) => insertConditionalFormatting(xml, elements));
  });
  if (dxfs.length > 0) {
    const dxfsXml = `<dxfs count="${dxfs.length}">${dxfs.map(dxfXml).join("")}</dxfs>`;
    transforms.set("xl/styles.xml", (xml) => replaceElement(xml, "dxfs", dxfsXml, "</cellStyles>"));
  }
  const names = definedNamesXml(model);
  const structure = model.structureProtected ? '<workbookProtection lockStructure="1"/>' : "";
  transforms.set("xl/workbook.xml", (xml) => {
    const named = replaceElement(xml, "definedNames", names, "</sheets>");
    // CT_Workbook's order: workbookProtection comes right before bookViews.
    const at = named.indexOf("<bookViews");
    return structure && at >= 0 ? `${named.slice(0, at)}${structure}${named.slice(at)}` : named;
  });
  return rewriteZipEntries(written, transforms);
}
