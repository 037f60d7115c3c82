/**
 * An .xlsx package as the Excel double's workbook, so the add-in's own code path (`createExcelHost()`
 * over the double) can run on any real file: `npm run host` and the tests that compare it with the
 * command line (a file: `./load.ts`), and the browser preview (a file the user picks: its bytes,
 * `loadWorkbookModelFromBytes`). It imports no Node module.
 *
 * Values and number formats come from `readWorkbookFrom` (src/xlsx/read-package.ts), the command line's reader,
 * so a report that differs between the two is the adapter's doing, never the reading's. Everything
 * else the double models is read from the package's parts in one linear pass each (`./parts.ts`).
 *
 * What a real Excel would show and the double keeps:
 * - a formula cell holds its formula and, as `value`, the result the file cached (Excel's `values`);
 * - an error cell holds its text (`#N/A`, as Excel's `values` gives it) and `isError`;
 * - rich text is its plain text; a date is its serial with its number format;
 * - names of workbook scope go to `model.names`, sheet-scoped ones to their sheet; a name that is not
 *   one rectangle of an existing sheet (`#REF!`, a constant, several areas) keeps its text;
 * - conditional formats of every type, in priority order, with all their areas.
 */
import { parseAddress, type Rect } from "../../excel/address";
import { parseNameReference } from "../names";
import {
  emptySheet,
  newId,
  touchCell,
  type ConditionalFormatModel,
  type ConditionalFormatType,
  type NameModel,
  type SheetModel,
  type WorkbookModel,
} from "../model";
import type { CellValue } from "../../core/types";
import { bytesSource, type ByteSource } from "../../xlsx/byte-source";
import type { ZipCodec } from "../../xlsx/inflate";
import { webCodec } from "../../xlsx/inflate-web";
import { readWorkbookFrom, WorkbookReadError } from "../../xlsx/read-package";
import { listEntries, readEntry, ZipFormatError } from "../../xlsx/zip-entries";
import {
  parseRelationships,
  parseSheetPart,
  parseStylesPart,
  parseTablePart,
  parseWorkbookPart,
  relationshipsPartOf,
  type ConditionalRulePart,
  type DefinedNamePart,
  type SheetPart,
  type StylesPart,
  type TablePart,
  type WorkbookPart,
} from "./parts";

/** What the loader keeps of a rule of a type the double does not interpret (`ConditionalFormatModel.source`). */
export interface StoredRule {
  /** `cfRule`'s attributes other than priority, dxfId and stopIfTrue. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Its children as XML (`<dataBar>…</dataBar>`, `<formula>…</formula>`). */
  readonly children: string;
}

export function isStoredRule(source: unknown): source is StoredRule {
  const s = source as Partial<StoredRule> | null;
  return typeof s === "object" && s !== null && typeof s.children === "string" && typeof s.attributes === "object";
}

/** Excel's column width unit (characters of the default font's widest digit, 7 px) in points. */
export const POINTS_PER_WIDTH_UNIT = 5.25;

const RULE_TYPES: Readonly<Record<string, ConditionalFormatType>> = {
  expression: "Custom",
  cellIs: "CellValue",
  dataBar: "DataBar",
  colorScale: "ColorScale",
  iconSet: "IconSet",
  top10: "TopBottom",
  containsText: "ContainsText",
  notContainsText: "ContainsText",
  beginsWith: "ContainsText",
  endsWith: "ContainsText",
};

/** The API type of an OOXML `cfRule type`; the remaining types are Excel's presets (duplicates, above average…). */
export function ruleTypeOf(fileType: string | undefined): ConditionalFormatType {
  return RULE_TYPES[fileType ?? ""] ?? "PresetCriteria";
}

interface PackageParts {
  readonly workbook: WorkbookPart;
  /** By the workbook's `<sheets>` index; null for a chart sheet or a missing part. */
  readonly sheets: readonly (SheetPart | null)[];
  readonly tables: readonly (readonly TablePart[])[];
  readonly styles: StylesPart;
}

async function readParts(source: ByteSource, codec: ZipCodec, name: string): Promise<PackageParts> {
  const entries = new Map(listEntries(source).map((e) => [e.name, e]));
  const read = async (part: string): Promise<Uint8Array | null> => {
    const entry = entries.get(part);
    return entry ? readEntry(source, entry, codec) : null;
  };
  const workbookXml = await read("xl/workbook.xml");
  if (!workbookXml) throw new WorkbookReadError("not-xlsx", name);
  const workbook = parseWorkbookPart(workbookXml);
  const relsXml = await read(relationshipsPartOf("xl/workbook.xml"));
  const targets = relsXml ? parseRelationships(relsXml, "xl") : new Map<string, string>();
  const stylesPart = [...targets.values()].find((t) => /\/styles\.xml$/i.test(t)) ?? "xl/styles.xml";
  const stylesXml = await read(stylesPart);
  const styles = stylesXml ? parseStylesPart(stylesXml) : { cellFills: [], cellFonts: [], cellBorders: [], dxfs: [] };
  const sheets: (SheetPart | null)[] = [];
  const tables: TablePart[][] = [];
  for (const sheet of workbook.sheets) {
    const part = targets.get(sheet.relationshipId);
    const xml = part && /^xl\/worksheets\//.test(part) ? await read(part) : null;
    const parsed = xml ? parseSheetPart(xml) : null;
    sheets.push(parsed);
    const sheetTables: TablePart[] = [];
    if (part && parsed && parsed.tableRelationshipIds.length > 0) {
      const sheetRels = await read(relationshipsPartOf(part));
      const sheetTargets = sheetRels ? parseRelationships(sheetRels, part.slice(0, part.lastIndexOf("/"))) : null;
      for (const id of parsed.tableRelationshipIds) {
        const tableXml = sheetTargets?.get(id) ? await read(sheetTargets.get(id) ?? "") : null;
        const table = tableXml ? parseTablePart(tableXml) : null;
        if (table) sheetTables.push(table);
      }
    }
    tables.push(sheetTables);
  }
  return { workbook, sheets, tables, styles };
}

/** A cell value as the double holds it (and Excel's `values` returns it). */
function scalarOf(value: CellValue): { value: string | number | boolean; isError?: true } | null {
  if (value === null) return null;
  if (typeof value !== "object") return { value };
  if ("runs" in value) return { value: value.runs.join("") };
  return { value: value.error, isError: true };
}

function rectOf(address: string): Rect | null {
  return parseAddress(address)?.rect ?? null;
}

function conditionalFormatOf(
  model: WorkbookModel,
  rule: ConditionalRulePart,
  styles: StylesPart,
): ConditionalFormatModel | null {
  const areas = rule.areas.map(rectOf).filter((r): r is Rect => r !== null);
  if (areas.length === 0) return null;
  const type = ruleTypeOf(rule.attributes.type);
  const dxf = rule.dxfId === null ? null : (styles.dxfs[rule.dxfId] ?? null);
  const cf: ConditionalFormatModel = {
    id: newId(model, "cf"),
    type,
    areas,
    formula: type === "Custom" ? `=${rule.formulas[0] ?? ""}` : "",
    fill: dxf?.fill ?? null,
    fontColor: dxf?.fontColor ?? null,
    stopIfTrue: rule.stopIfTrue,
  };
  if (type !== "Custom") {
    const source: StoredRule = { attributes: { ...rule.attributes }, children: rule.children };
    cf.source = source;
  }
  return cf;
}

/**
 * A defined name as the double keeps it. The file stores a relative reference relative to A1, as the
 * model does; a reference to a deleted range (`#REF!`, `Sheet1!#REF!`) refers to nothing; anything
 * else that is not one range of a sheet of this workbook (a constant, a formula, several areas, another
 * workbook) is kept as its formula text.
 */
function nameOf(part: DefinedNamePart, model: WorkbookModel, scope: SheetModel | null): NameModel {
  const text = part.refersTo.replace(/^=/, "");
  const parsed = text.includes("#REF!")
    ? { sheetId: null, rect: null }
    : parseNameReference(model, `=${text}`, { row: 1, col: 1 });
  const target = parsed && (parsed.sheetId !== null || text.includes("#REF!")) ? parsed : null;
  return {
    name: part.name,
    comment: part.comment,
    ...(target ?? { sheetId: null, rect: null, formula: `=${text}` }),
    ...(scope ? { scopeSheetId: scope.id } : {}),
    ...(part.hidden ? { visible: false } : {}),
  };
}

function fillSheet(sheet: SheetModel, model: WorkbookModel, parts: PackageParts, index: number): void {
  const part = parts.sheets[index];
  if (!part) return;
  for (const [key, formula] of part.formulas) {
    const [row = 0, col = 0] = key.split(":").map(Number);
    touchCell(sheet, row, col).formula = formula;
  }
  for (const [key, style] of part.styles) {
    const fill = parts.styles.cellFills[style];
    const font = parts.styles.cellFonts[style];
    const borders = parts.styles.cellBorders[style];
    if (!fill && !font && !borders) continue;
    const [row = 0, col = 0] = key.split(":").map(Number);
    const cell = touchCell(sheet, row, col);
    if (fill) cell.fill = fill;
    if (font) cell.font = { ...font };
    if (borders) cell.borders = { ...borders };
  }
  for (const [col, width] of part.columnWidths)
    sheet.columnWidths.set(col, Math.round(width * POINTS_PER_WIDTH_UNIT * 100) / 100);
  for (const [row, height] of part.rowHeights) sheet.rowHeights.set(row, height);
  for (const row of part.hiddenRows) sheet.hiddenRows.add(row);
  for (const col of part.hiddenColumns) sheet.hiddenColumns.add(col);
  sheet.freezeRows = part.freezeRows;
  sheet.protected = part.protected;
  sheet.conditionalFormats = [...part.rules]
    .sort((a, b) => a.priority - b.priority)
    .map((rule) => conditionalFormatOf(model, rule, parts.styles))
    .filter((cf): cf is ConditionalFormatModel => cf !== null);
  for (const table of parts.tables[index] ?? []) {
    const rect = rectOf(table.ref);
    if (rect)
      sheet.tables.push({
        id: newId(model, "table"),
        name: table.name,
        rect,
        hasHeaders: table.hasHeaders,
        style: table.style,
      });
  }
}

/**
 * Loads the .xlsx held in `bytes` (a file picked in a browser) into a fresh model for
 * `createExcelDoubleOf`, unpacking with the browser's DecompressionStream. Rejects with
 * `WorkbookReadError` (the command line's messages, calling the file `name`) for bytes that are not
 * a readable .xlsx or are beyond the reader's limits.
 */
export function loadWorkbookModelFromBytes(bytes: Uint8Array, name: string): Promise<WorkbookModel> {
  return loadWorkbookModelFrom(bytesSource(bytes), webCodec, name);
}

/** Loads the package in `source` into a fresh model (see `loadWorkbookModelFromBytes`). */
export async function loadWorkbookModelFrom(source: ByteSource, codec: ZipCodec, path: string): Promise<WorkbookModel> {
  const grids = await readWorkbookFrom(source, codec, path);
  let parts: PackageParts;
  try {
    parts = await readParts(source, codec, path);
  } catch (error) {
    if (error instanceof WorkbookReadError) throw error;
    if (error instanceof ZipFormatError)
      throw new WorkbookReadError(error.problem === "truncated" ? "truncated" : "corrupt", path);
    throw new WorkbookReadError("corrupt", path);
  }
  const model: WorkbookModel = {
    sheets: [],
    activeSheetId: "",
    selection: { sheetId: "", areas: [{ top: 1, left: 1, bottom: 1, right: 1 }], activeCell: { row: 1, col: 1 } },
    structureProtected: parts.workbook.structureProtected,
    settings: new Map(),
    names: [],
    date1904: grids.date1904,
    readOnly: false,
    nextId: 0,
  };
  const byIndex: (SheetModel | null)[] = [];
  parts.workbook.sheets.forEach((listed, index) => {
    const read = grids.sheets.find((s) => s.name === listed.name);
    if (!read) {
      byIndex.push(null); // a chart sheet: no cells, not a worksheet of the API
      return;
    }
    const sheet = emptySheet(newId(model, "sheet"), listed.name);
    sheet.visibility = listed.state;
    const grid = read.grid();
    grid.values.forEach((row, r) =>
      row.forEach((value, c) => {
        const scalar = scalarOf(value);
        const format = grid.numberFormats?.[r]?.[c] ?? null;
        if (!scalar && !format) return;
        const cell = touchCell(sheet, r + grid.origin.row, c + grid.origin.col);
        if (scalar) {
          cell.value = scalar.value;
          if (scalar.isError) cell.isError = true;
        }
        if (format && format !== "General") cell.numberFormat = format;
      }),
    );
    sheet.merges = grid.merges.map((m) => ({ top: m.top, left: m.left, bottom: m.bottom, right: m.right }));
    fillSheet(sheet, model, parts, index);
    model.sheets.push(sheet);
    byIndex.push(sheet);
  });
  for (const part of parts.workbook.names) {
    const scope = part.localSheetId === null ? null : byIndex[part.localSheetId];
    if (part.localSheetId !== null && !scope) continue; // scoped to a chart sheet: nothing the API shows
    model.names.push(nameOf(part, model, scope ?? null));
  }
  const active = byIndex[parts.workbook.activeTab] ?? model.sheets[0];
  if (!active) throw new WorkbookReadError("corrupt", path);
  model.activeSheetId = active.id;
  const selection = parts.sheets[parts.workbook.activeTab]?.selection;
  const areas = (selection?.areas ?? []).map(rectOf).filter((r): r is Rect => r !== null);
  const first = areas[0] ?? { top: 1, left: 1, bottom: 1, right: 1 };
  const activeCell = rectOf(selection?.activeCell ?? "") ?? first;
  model.selection = {
    sheetId: active.id,
    areas: areas.length > 0 ? areas : [first],
    activeCell: { row: activeCell.top, col: activeCell.left },
  };
  return model;
}
