/**
 * The workbook the Excel double holds: plain data, built by tests from a Grid-like description and
 * snapshotted for equality ("only the owned cells changed"). Plain TypeScript, no Node APIs.
 */
import type { Rect } from "../excel/address";
import { rectAddress } from "../excel/address";
import { mergeFromA1 } from "./merge-address";
import { nameReferenceText, parseNameReference, type RelativeParts } from "./names";
import { splitAreas } from "../excel/address";

export type ScalarValue = string | number | boolean;

export interface FontModel {
  bold?: boolean;
  italic?: boolean;
  color?: string;
  size?: number;
  name?: string;
}

export interface CellModel {
  /** The value; a formula cell holds its formula in `formula` and no computed value (the double does not calculate). */
  value: ScalarValue | null;
  formula?: string;
  /** The value is an error's text (`#N/A`), as Excel's `values` returns it. */
  isError?: boolean;
  /** `General` when absent. */
  numberFormat?: string;
  /** `#RRGGBB`, absent = no fill. */
  fill?: string;
  font?: FontModel;
  /** Edge name (`EdgeTop`…) → line style. */
  borders?: Record<string, string>;
  hyperlink?: { address?: string; documentReference?: string; textToDisplay?: string };
  wrapText?: boolean;
  horizontalAlignment?: string;
}

/** `Excel.ConditionalFormatType`. */
export type ConditionalFormatType =
  "Custom" | "DataBar" | "ColorScale" | "IconSet" | "TopBottom" | "PresetCriteria" | "ContainsText" | "CellValue";

export interface ConditionalFormatModel {
  id: string;
  type: ConditionalFormatType;
  /**
   * The areas the rule applies to, in order: one for a rule made on one range; several after a user
   * inserted, cut or pasted rows inside it (`getRange()` then throws; `getRanges()`, 1.9, gives them all).
   */
  areas: Rect[];
  /** A Custom rule's formula (`=$J3="红灯"`); "" for the other types. */
  formula: string;
  /** A Custom rule's format; null for the other types (or no fill / font colour). */
  fill: string | null;
  fontColor: string | null;
  stopIfTrue: boolean;
  /**
   * What a loader keeps of a rule of another type, that the double does not interpret (its definition as
   * read from the file), so it can be written back unchanged. The double never reads it.
   */
  source?: unknown;
}

export interface TableModel {
  id: string;
  name: string;
  rect: Rect;
  hasHeaders: boolean;
  style: string;
}

export interface ChartModel {
  id: string;
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  anchor: { top: string; bottom: string | null } | null;
  /** `series.getItemAt(i).format.fill.setSolidColor` (a column's bars). */
  seriesColors: Record<number, string>;
  /** `series.getItemAt(i).format.line.color` (a line's stroke), ExcelApi 1.1. */
  seriesLineColors: Record<number, string>;
  /** `markerBackgroundColor` / `markerForegroundColor` / `markerStyle` of series i, ExcelApi 1.7, as set. */
  seriesMarkers: Record<number, { background?: string; foreground?: string; style?: string }>;
}

export interface SheetModel {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  /** `"row:col"` → cell. */
  cells: Map<string, CellModel>;
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  merges: Rect[];
  conditionalFormats: ConditionalFormatModel[];
  tables: TableModel[];
  charts: ChartModel[];
  protected: boolean;
  freezeRows: number;
  pageLayout: Record<string, unknown>;
  /** Rows and columns hidden by the user (Format → Hide). */
  hiddenRows: Set<number>;
  hiddenColumns: Set<number>;
}

/**
 * A defined name (see names.ts for Excel's rules). `sheetId`/`rect` null: it refers to `#REF!` (its sheet
 * was deleted — Excel keeps the name) or, with `formula`, to a formula or constant.
 */
export interface NameModel {
  name: string;
  sheetId: string | null;
  /** Its cells; a relative part stored relative to A1 (as in a .xlsx), resolved against the active cell. */
  rect: Rect | null;
  /** Absent: absolute (`$K$2`), the form the add-in writes. */
  relative?: RelativeParts;
  /** Sheet-scoped name: that sheet's id (deleted with it); absent = workbook scope. */
  scopeSheetId?: string;
  /** A name that refers to a formula or constant (`=0.5`, `=SUM(...)`), kept as text; not a range. */
  formula?: string;
  visible?: boolean;
  comment: string;
}

/** What the user has selected: one or more areas (Ctrl+click) on one sheet, and the active cell among them. */
export interface SelectionModel {
  sheetId: string;
  areas: Rect[];
  activeCell: { row: number; col: number };
}

export interface WorkbookModel {
  sheets: SheetModel[];
  activeSheetId: string;
  selection: SelectionModel;
  /** Review → Protect Workbook (structure): sheets cannot be added, deleted, renamed or moved. */
  structureProtected: boolean;
  settings: Map<string, unknown>;
  names: NameModel[];
  date1904: boolean;
  readOnly: boolean;
  nextId: number;
}

export const cellKey = (row: number, col: number): string => `${row}:${col}`;

export function newId(model: WorkbookModel, prefix: string): string {
  model.nextId += 1;
  return `{${prefix}-${model.nextId}}`;
}

/** Default column width in points (Excel's 8.43 characters ≈ 48 points). */
export const DEFAULT_COLUMN_WIDTH = 48;

// ───────────────────────────── Building a workbook from a description ─────────────────────────────

export interface SheetDescription {
  name: string;
  /** Row 1 first; `origin` shifts them. `null`/`""` = empty. Strings starting with `=` are formulas. */
  rows?: readonly (readonly (ScalarValue | null)[])[];
  origin?: { row: number; col: number };
  /** Same shape as `rows`; null = General. */
  numberFormats?: readonly (readonly (string | null)[])[];
  /** A1 ranges (`"A1:F1"`). */
  merges?: readonly string[];
  /** A1 address (cell or range) → fill colour. */
  fills?: Readonly<Record<string, string>>;
  fonts?: Readonly<Record<string, FontModel>>;
  borders?: Readonly<Record<string, Record<string, string>>>;
  /** Column number → width in points. */
  columnWidths?: Readonly<Record<number, number>>;
  tables?: readonly { name: string; address: string; hasHeaders?: boolean; style?: string }[];
  /** `address` may name several areas (`"A3:I4,A6:I8"`); `type` defaults to Custom (other types need no formula). */
  conditionalFormats?: readonly {
    address: string;
    type?: ConditionalFormatType;
    formula?: string;
    fill?: string | null;
    fontColor?: string | null;
  }[];
  protected?: boolean;
  hidden?: boolean;
}

export interface WorkbookDescription {
  sheets: readonly SheetDescription[];
  /** Name of the active sheet (default: the first). */
  active?: string;
  /** The selection: `Sheet!A1:B2` or an address on the active sheet (default A1); several areas comma-separated. */
  selection?: string;
  /** The active cell (default: the selection's first cell), on the selection's sheet. */
  activeCell?: string;
  structureProtected?: boolean;
  date1904?: boolean;
  readOnly?: boolean;
  settings?: Readonly<Record<string, unknown>>;
  /**
   * `sheet` + `address` (absolute, as the add-in writes), or `reference`: a formula as Excel shows it
   * (`='台账'!$K$2`, `=台账!K2` relative to A1, `=#REF!`). `scope`: the sheet of a sheet-scoped name.
   */
  names?: readonly {
    name: string;
    sheet?: string;
    address?: string;
    reference?: string;
    scope?: string;
    comment?: string;
  }[];
}

function eachCell(rect: Rect, fn: (row: number, col: number) => void): void {
  for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) fn(r, c);
}

export function touchCell(sheet: SheetModel, row: number, col: number): CellModel {
  const key = cellKey(row, col);
  let cell = sheet.cells.get(key);
  if (!cell) {
    cell = { value: null };
    sheet.cells.set(key, cell);
  }
  return cell;
}

export function emptySheet(id: string, name: string): SheetModel {
  return {
    id,
    name,
    visibility: "Visible",
    cells: new Map(),
    columnWidths: new Map(),
    rowHeights: new Map(),
    merges: [],
    conditionalFormats: [],
    tables: [],
    charts: [],
    protected: false,
    freezeRows: 0,
    pageLayout: {},
    hiddenRows: new Set(),
    hiddenColumns: new Set(),
  };
}

export function buildWorkbook(description: WorkbookDescription): WorkbookModel {
  const model: WorkbookModel = {
    sheets: [],
    activeSheetId: "",
    selection: { sheetId: "", areas: [{ top: 1, left: 1, bottom: 1, right: 1 }], activeCell: { row: 1, col: 1 } },
    structureProtected: description.structureProtected ?? false,
    settings: new Map(Object.entries(description.settings ?? {})),
    names: [],
    date1904: description.date1904 ?? false,
    readOnly: description.readOnly ?? false,
    nextId: 0,
  };
  for (const d of description.sheets) {
    const sheet = emptySheet(newId(model, "sheet"), d.name);
    const origin = d.origin ?? { row: 1, col: 1 };
    (d.rows ?? []).forEach((cells, r) =>
      cells.forEach((value, c) => {
        const format = d.numberFormats?.[r]?.[c] ?? null;
        if ((value === null || value === "") && format === null) return;
        const cell = touchCell(sheet, origin.row + r, origin.col + c);
        if (typeof value === "string" && value.startsWith("=")) cell.formula = value;
        else if (typeof value === "string" && value.startsWith("'")) cell.value = value.slice(1);
        else cell.value = value === "" ? null : value;
        if (format !== null && format !== "General") cell.numberFormat = format;
      }),
    );
    sheet.merges = (d.merges ?? []).map(mergeFromA1);
    for (const [address, colour] of Object.entries(d.fills ?? {}))
      eachCell(mergeFromA1(address), (r, c) => (touchCell(sheet, r, c).fill = colour.toUpperCase()));
    for (const [address, font] of Object.entries(d.fonts ?? {}))
      eachCell(mergeFromA1(address), (r, c) => (touchCell(sheet, r, c).font = { ...font }));
    for (const [address, borders] of Object.entries(d.borders ?? {}))
      eachCell(mergeFromA1(address), (r, c) => (touchCell(sheet, r, c).borders = { ...borders }));
    for (const [col, width] of Object.entries(d.columnWidths ?? {})) sheet.columnWidths.set(Number(col), width);
    for (const t of d.tables ?? [])
      sheet.tables.push({
        id: newId(model, "table"),
        name: t.name,
        rect: mergeFromA1(t.address),
        hasHeaders: t.hasHeaders ?? true,
        style: t.style ?? "TableStyleMedium2",
      });
    for (const cf of d.conditionalFormats ?? [])
      sheet.conditionalFormats.push({
        id: newId(model, "cf"),
        type: cf.type ?? "Custom",
        areas: splitAreas(cf.address).map(mergeFromA1),
        formula: cf.formula ?? "",
        fill: cf.fill ?? null,
        fontColor: cf.fontColor ?? null,
        stopIfTrue: false,
      });
    sheet.protected = d.protected ?? false;
    if (d.hidden) sheet.visibility = "Hidden";
    model.sheets.push(sheet);
  }
  const first = model.sheets[0];
  if (!first) throw new Error("buildWorkbook: a workbook needs at least one sheet");
  const active = model.sheets.find((s) => s.name === description.active) ?? first;
  model.activeSheetId = active.id;
  const selection = description.selection ?? "A1";
  const bang = selection.lastIndexOf("!");
  const selSheet =
    bang >= 0 ? model.sheets.find((s) => s.name === selection.slice(0, bang).replace(/^'|'$/g, "")) : active;
  const areas = splitAreas(bang >= 0 ? selection.slice(bang + 1) : selection).map(mergeFromA1);
  const firstArea = areas[0] ?? { top: 1, left: 1, bottom: 1, right: 1 };
  const activeCell = description.activeCell ? mergeFromA1(description.activeCell) : firstArea;
  model.selection = {
    sheetId: (selSheet ?? active).id,
    areas,
    activeCell: { row: activeCell.top, col: activeCell.left },
  };
  for (const n of description.names ?? []) {
    const scope = n.scope === undefined ? undefined : model.sheets.find((s) => s.name === n.scope)?.id;
    if (n.scope !== undefined && !scope) throw new Error(`buildWorkbook: no sheet ${n.scope} for name ${n.name}`);
    const base = { name: n.name, comment: n.comment ?? "", ...(scope ? { scopeSheetId: scope } : {}) };
    if (n.reference !== undefined) {
      // As in a .xlsx: a relative part is relative to A1.
      const parsed = parseNameReference(model, n.reference, { row: 1, col: 1 });
      if (!parsed) throw new Error(`buildWorkbook: bad reference ${n.reference} for name ${n.name}`);
      model.names.push({ ...base, ...parsed });
      continue;
    }
    const sheet = model.sheets.find((s) => s.name === n.sheet);
    if (!sheet || n.address === undefined) throw new Error(`buildWorkbook: no sheet ${n.sheet} for name ${n.name}`);
    model.names.push({ ...base, sheetId: sheet.id, rect: mergeFromA1(n.address) });
  }
  return model;
}

// ───────────────────────────── Snapshots ─────────────────────────────

export interface CellSnapshot {
  value?: ScalarValue;
  formula?: string;
  isError?: boolean;
  numberFormat?: string;
  fill?: string;
  font?: FontModel;
  borders?: Record<string, string>;
  hyperlink?: CellModel["hyperlink"];
  wrapText?: boolean;
  horizontalAlignment?: string;
}

export interface SheetSnapshot {
  name: string;
  visibility: string;
  cells: Record<string, CellSnapshot>;
  columnWidths: Record<string, number>;
  rowHeights: Record<string, number>;
  merges: string[];
  /** `type` only when not Custom; `address` lists every area (`A3:I4,A6:I8`). */
  conditionalFormats: {
    type?: ConditionalFormatType;
    address: string;
    formula: string;
    fill: string | null;
    fontColor: string | null;
    /** Only when set. */
    stopIfTrue?: boolean;
    /** What a loader kept of a rule of another type (see `ConditionalFormatModel.source`). */
    source?: unknown;
  }[];
  tables: { name: string; address: string; style: string }[];
  charts: Omit<ChartModel, "id">[];
  protected: boolean;
  freezeRows: number;
  pageLayout: Record<string, unknown>;
  hiddenRows: number[];
  hiddenColumns: number[];
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  settings: Record<string, unknown>;
  /**
   * `address` is the cells' address without `$` (absolute names) or the name's whole formula (`=#REF!`,
   * a relative or formula name); `sheet` "" when it refers to no sheet; `scope` only for a sheet-scoped name.
   */
  names: { name: string; sheet: string; address: string; comment: string; scope?: string; visible?: false }[];
}

function cellSnapshot(cell: CellModel): CellSnapshot | null {
  const out: CellSnapshot = {};
  if (cell.value !== null && cell.value !== "") out.value = cell.value;
  if (cell.formula) out.formula = cell.formula;
  if (cell.isError) out.isError = true;
  if (cell.numberFormat && cell.numberFormat !== "General") out.numberFormat = cell.numberFormat;
  if (cell.fill) out.fill = cell.fill;
  if (cell.font && Object.keys(cell.font).length) out.font = { ...cell.font };
  if (cell.borders && Object.keys(cell.borders).length) out.borders = { ...cell.borders };
  if (cell.hyperlink) out.hyperlink = { ...cell.hyperlink };
  if (cell.wrapText) out.wrapText = true;
  if (cell.horizontalAlignment && cell.horizontalAlignment !== "General")
    out.horizontalAlignment = cell.horizontalAlignment;
  return Object.keys(out).length ? out : null;
}

/** A deep, order-normalised copy for `toEqual`: empty cells and default formats are left out. */
export function snapshotWorkbook(model: WorkbookModel): WorkbookSnapshot {
  const sheetName = (id: string): string => model.sheets.find((s) => s.id === id)?.name ?? `?${id}`;
  return {
    sheets: model.sheets.map((sheet) => {
      const cells: Record<string, CellSnapshot> = {};
      const keys = [...sheet.cells.keys()].sort((a, b) => {
        const [ra = 0, ca = 0] = a.split(":").map(Number);
        const [rb = 0, cb = 0] = b.split(":").map(Number);
        return ra - rb || ca - cb;
      });
      for (const key of keys) {
        const [row = 0, col = 0] = key.split(":").map(Number);
        const snap = cellSnapshot(sheet.cells.get(key) as CellModel);
        if (snap) cells[rectAddress({ top: row, left: col, bottom: row, right: col })] = snap;
      }
      return {
        name: sheet.name,
        visibility: sheet.visibility,
        cells,
        columnWidths: Object.fromEntries(
          [...sheet.columnWidths].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v]),
        ),
        rowHeights: Object.fromEntries(
          [...sheet.rowHeights].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v]),
        ),
        merges: sheet.merges.map(rectAddress).sort(),
        conditionalFormats: sheet.conditionalFormats.map((cf) => ({
          ...(cf.type !== "Custom" ? { type: cf.type } : {}),
          address: cf.areas.map(rectAddress).join(","),
          formula: cf.formula,
          fill: cf.fill,
          fontColor: cf.fontColor,
          ...(cf.stopIfTrue ? { stopIfTrue: true } : {}),
          ...(cf.source !== undefined ? { source: JSON.parse(JSON.stringify(cf.source)) as unknown } : {}),
        })),
        tables: sheet.tables.map((t) => ({ name: t.name, address: rectAddress(t.rect), style: t.style })),
        charts: sheet.charts.map((chart) => {
          const copy = JSON.parse(JSON.stringify(chart)) as Partial<ChartModel>;
          delete copy.id;
          return copy as Omit<ChartModel, "id">;
        }),
        protected: sheet.protected,
        freezeRows: sheet.freezeRows,
        pageLayout: JSON.parse(JSON.stringify(sheet.pageLayout)) as Record<string, unknown>,
        hiddenRows: [...sheet.hiddenRows].sort((a, b) => a - b),
        hiddenColumns: [...sheet.hiddenColumns].sort((a, b) => a - b),
      };
    }),
    settings: Object.fromEntries(
      [...model.settings].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => [k, JSON.parse(JSON.stringify(v))]),
    ),
    names: model.names
      .map((n) => ({
        name: n.name,
        sheet: n.sheetId === null ? "" : sheetName(n.sheetId),
        address:
          n.rect !== null && !n.relative && n.formula === undefined ? rectAddress(n.rect) : nameReferenceText(model, n),
        comment: n.comment,
        ...(n.scopeSheetId ? { scope: sheetName(n.scopeSheetId) } : {}),
        ...(n.visible === false ? { visible: false as const } : {}),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
}

/**
 * The differences between two snapshots as readable paths (`sheets[整改台账].cells.K3`, `settings.x`),
 * for "only the owned things changed" assertions.
 */
export function diffSnapshots(before: WorkbookSnapshot, after: WorkbookSnapshot): string[] {
  const out: string[] = [];
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  const beforeSheets = new Map(before.sheets.map((s) => [s.name, s]));
  const afterSheets = new Map(after.sheets.map((s) => [s.name, s]));
  for (const name of new Set([...beforeSheets.keys(), ...afterSheets.keys()])) {
    const a = beforeSheets.get(name);
    const b = afterSheets.get(name);
    if (!a || !b) {
      out.push(`sheets[${name}]`);
      continue;
    }
    for (const addr of new Set([...Object.keys(a.cells), ...Object.keys(b.cells)]))
      if (!same(a.cells[addr], b.cells[addr])) out.push(`sheets[${name}].cells.${addr}`);
    for (const key of [
      "visibility",
      "columnWidths",
      "rowHeights",
      "merges",
      "conditionalFormats",
      "tables",
      "charts",
      "protected",
      "freezeRows",
      "pageLayout",
      "hiddenRows",
      "hiddenColumns",
    ] as const)
      if (!same(a[key], b[key])) out.push(`sheets[${name}].${key}`);
  }
  if (
    !same(
      before.sheets.map((s) => s.name),
      after.sheets.map((s) => s.name),
    ) &&
    out.length === 0
  )
    out.push("sheets.order");
  for (const key of new Set([...Object.keys(before.settings), ...Object.keys(after.settings)]))
    if (!same(before.settings[key], after.settings[key])) out.push(`settings.${key}`);
  if (!same(before.names, after.names)) out.push("names");
  return out;
}
