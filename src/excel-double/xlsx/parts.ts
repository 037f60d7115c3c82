/**
 * The parts of an .xlsx the Excel double models beyond cell values and number formats (those are
 * read by `src/xlsx/read.ts`, exactly as the command line reads them): sheet list and visibility,
 * defined names, styles' solid fills, and per sheet its formulas, fills, widths, heights, hidden rows
 * and columns, freeze panes, protection, conditional formats and table parts. Each part is read in
 * one linear pass (`./xml-walk.ts`).
 */
import { columnLetter, columnNumber } from "../../core/grid";
import { escapeXml, walkXml } from "./xml-walk";

// ───────────────────────────── Workbook and relationships ─────────────────────────────

export interface WorkbookPartSheet {
  readonly name: string;
  readonly state: "Visible" | "Hidden" | "VeryHidden";
  readonly relationshipId: string;
}

export interface DefinedNamePart {
  readonly name: string;
  /** Index into the workbook's `<sheets>` (chart sheets included), or null for workbook scope. */
  readonly localSheetId: number | null;
  readonly hidden: boolean;
  readonly comment: string;
  readonly refersTo: string;
}

export interface WorkbookPart {
  readonly sheets: readonly WorkbookPartSheet[];
  readonly date1904: boolean;
  readonly activeTab: number;
  readonly names: readonly DefinedNamePart[];
  /** Review → Protect Workbook (structure). */
  readonly structureProtected: boolean;
}

const isTrue = (value: string | undefined): boolean => value === "1" || value === "true";

export function parseWorkbookPart(xml: string | Uint8Array): WorkbookPart {
  const sheets: WorkbookPartSheet[] = [];
  const names: DefinedNamePart[] = [];
  let date1904 = false;
  let activeTab = 0;
  let structureProtected = false;
  let openName: Omit<DefinedNamePart, "refersTo"> | null = null;
  let nameText = "";
  walkXml(xml, {
    open: (name, attrs) => {
      if (name === "sheet") {
        const idKey = Object.keys(attrs).find((k) => /(^|:)id$/.test(k) && k !== "sheetId");
        const state = attrs.state;
        sheets.push({
          name: attrs.name ?? "",
          state: state === "hidden" ? "Hidden" : state === "veryHidden" ? "VeryHidden" : "Visible",
          relationshipId: idKey ? (attrs[idKey] ?? "") : "",
        });
      } else if (name === "workbookPr") date1904 = isTrue(attrs.date1904);
      else if (name === "workbookView") activeTab = Number(attrs.activeTab ?? "0") || 0;
      else if (name === "workbookProtection") structureProtected = isTrue(attrs.lockStructure);
      else if (name === "definedName") {
        openName = {
          name: attrs.name ?? "",
          localSheetId: attrs.localSheetId === undefined ? null : Number(attrs.localSheetId),
          hidden: isTrue(attrs.hidden),
          comment: attrs.comment ?? "",
        };
        nameText = "";
      }
    },
    text: (text, path) => {
      if (openName && path[path.length - 1] === "definedName") nameText += text;
    },
    close: (name) => {
      if (name === "definedName" && openName) {
        names.push({ ...openName, refersTo: nameText.trim() });
        openName = null;
      }
    },
  });
  return { sheets, date1904, activeTab, names, structureProtected };
}

/** Relationship id → the part it points at (`xl/worksheets/sheet1.xml`), resolved against `partDir`. */
export function parseRelationships(xml: string | Uint8Array, partDir: string): Map<string, string> {
  const targets = new Map<string, string>();
  walkXml(xml, {
    open: (name, attrs) => {
      if (name !== "Relationship" || attrs.TargetMode === "External") return;
      if (attrs.Id && attrs.Target) targets.set(attrs.Id, resolvePart(partDir, attrs.Target));
    },
  });
  return targets;
}

export function resolvePart(dir: string, target: string): string {
  const parts = target.startsWith("/") ? [] : dir.split("/").filter(Boolean);
  for (const segment of target.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") parts.pop();
    else parts.push(segment);
  }
  return parts.join("/");
}

/** The relationships part of a part: `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

// ───────────────────────────── Styles ─────────────────────────────

export interface DifferentialFormat {
  readonly fill: string | null;
  readonly fontColor: string | null;
}

/** A font as the double models it (`FontModel`). */
export interface FontPart {
  bold?: boolean;
  italic?: boolean;
  color?: string;
  size?: number;
  name?: string;
}

export interface StylesPart {
  /** By cell style index (`c s="…"`): the solid fill colour, or null. */
  readonly cellFills: readonly (string | null)[];
  /** By cell style index: the font, or null for the workbook's default font. */
  readonly cellFonts: readonly (FontPart | null)[];
  /** By cell style index: edge (`EdgeTop`…) → `Excel.BorderLineStyle`, or null without borders. */
  readonly cellBorders: readonly (Record<string, string> | null)[];
  /** By `dxfId`: what conditional formats apply. */
  readonly dxfs: readonly DifferentialFormat[];
}

/** `FFRRGGBB` (or `RRGGBB`) → `#RRGGBB`; null for theme and indexed colours, which the double does not model. */
export function colourOf(attrs: Readonly<Record<string, string>>): string | null {
  const rgb = attrs.rgb;
  if (!rgb || !/^([0-9A-Fa-f]{2})?[0-9A-Fa-f]{6}$/.test(rgb)) return null;
  return `#${rgb.slice(-6).toUpperCase()}`;
}

/** The file's border styles as `Excel.BorderLineStyle` (the weight, thin or thick, is not modelled). */
const BORDER_LINE_STYLES: Readonly<Record<string, string>> = {
  thin: "Continuous",
  medium: "Continuous",
  thick: "Continuous",
  hair: "Continuous",
  dashed: "Dash",
  mediumDashed: "Dash",
  dotted: "Dot",
  double: "Double",
  dashDot: "DashDot",
  mediumDashDot: "DashDot",
  dashDotDot: "DashDotDot",
  mediumDashDotDot: "DashDotDot",
  slantDashDot: "SlantDashDot",
};
const BORDER_EDGES: Readonly<Record<string, string>> = {
  left: "EdgeLeft",
  right: "EdgeRight",
  top: "EdgeTop",
  bottom: "EdgeBottom",
};

export function parseStylesPart(xml: string | Uint8Array): StylesPart {
  const fills: (string | null)[] = [];
  const fonts: FontPart[] = [];
  const borders: (Record<string, string> | null)[] = [];
  const xfs: { fill: number; font: number; border: number }[] = [];
  let font: FontPart | null = null;
  let border: Record<string, string> | null = null;
  const dxfs: DifferentialFormat[] = [];
  let solid = false;
  let fillColour: string | null = null;
  let dxf: { fill: string | null; fontColor: string | null } | null = null;
  walkXml(xml, {
    open: (name, attrs, path) => {
      const parent = path[path.length - 1];
      const section = path[1];
      if (section === "fills" && name === "fill") {
        solid = false;
        fillColour = null;
      } else if (section === "fills" && name === "patternFill") solid = attrs.patternType === "solid";
      else if (section === "fills" && name === "fgColor" && parent === "patternFill") fillColour = colourOf(attrs);
      else if (section === "cellXfs" && name === "xf")
        xfs.push({
          fill: Number(attrs.fillId ?? "0") || 0,
          font: Number(attrs.fontId ?? "0") || 0,
          border: Number(attrs.borderId ?? "0") || 0,
        });
      else if (section === "fonts" && name === "font") font = {};
      else if (section === "fonts" && font && parent === "font") readFontProperty(font, name, attrs);
      else if (section === "borders" && name === "border") border = {};
      else if (section === "borders" && border && parent === "border" && BORDER_EDGES[name] && attrs.style) {
        const style = BORDER_LINE_STYLES[attrs.style];
        if (style) border[BORDER_EDGES[name] ?? ""] = style;
      } else if (section === "dxfs" && name === "dxf") dxf = { fill: null, fontColor: null };
      else if (dxf && name === "color" && parent === "font") dxf.fontColor = colourOf(attrs);
      // A differential fill's colour is its background colour (Excel), or its foreground (some writers).
      else if (dxf && name === "bgColor" && parent === "patternFill") dxf.fill = colourOf(attrs) ?? dxf.fill;
      else if (dxf && name === "fgColor" && parent === "patternFill") dxf.fill ??= colourOf(attrs);
    },
    close: (name, path) => {
      if (path[1] === "fills" && name === "fill") fills.push(solid ? fillColour : null);
      else if (path[1] === "fonts" && name === "font" && font) {
        fonts.push(font);
        font = null;
      } else if (path[1] === "borders" && name === "border" && border) {
        borders.push(Object.keys(border).length > 0 ? border : null);
        border = null;
      } else if (name === "dxf" && dxf) {
        dxfs.push(dxf);
        dxf = null;
      }
    },
  });
  return {
    cellFills: xfs.map((xf) => fills[xf.fill] ?? null),
    // Font 0 is the workbook's default (Normal style): a cell in it has no font of its own.
    cellFonts: xfs.map((xf) => (xf.font === 0 ? null : (fonts[xf.font] ?? null))),
    cellBorders: xfs.map((xf) => borders[xf.border] ?? null),
    dxfs,
  };
}

function readFontProperty(font: FontPart, name: string, attrs: Readonly<Record<string, string>>): void {
  const on = attrs.val === undefined || isTrue(attrs.val);
  if (name === "b" && on) font.bold = true;
  else if (name === "i" && on) font.italic = true;
  else if (name === "sz" && attrs.val) font.size = Number(attrs.val);
  else if (name === "name" && attrs.val) font.name = attrs.val;
  else if (name === "color") {
    const colour = colourOf(attrs);
    if (colour) font.color = colour;
  }
}

// ───────────────────────────── Worksheets ─────────────────────────────

export interface ConditionalRulePart {
  /** `sqref`'s areas (`A1:B2 D4`). */
  readonly areas: readonly string[];
  /** `cfRule`'s attributes other than priority, dxfId and stopIfTrue. */
  readonly attributes: Record<string, string>;
  readonly priority: number;
  readonly dxfId: number | null;
  readonly stopIfTrue: boolean;
  readonly formulas: readonly string[];
  /** The rule's children other than `formula` and `extLst`, as XML. */
  readonly children: string;
}

export interface SheetPart {
  /** `"row:col"` → formula (with its `=`); shared formulas expanded to each cell. */
  readonly formulas: Map<string, string>;
  /** `"row:col"` → the cell style index. */
  readonly styles: Map<string, number>;
  /** Column → width in characters, for columns given a width. */
  readonly columnWidths: Map<number, number>;
  readonly hiddenColumns: Set<number>;
  /** Row → height in points, for rows given a height. */
  readonly rowHeights: Map<number, number>;
  readonly hiddenRows: Set<number>;
  readonly freezeRows: number;
  /** The sheet view's selection: its areas and active cell (A1 addresses); null when the file has none. */
  readonly selection: { readonly areas: readonly string[]; readonly activeCell: string } | null;
  readonly protected: boolean;
  readonly rules: readonly ConditionalRulePart[];
  readonly tableRelationshipIds: readonly string[];
}

/** `AB12` → `{ row: 12, col: 28 }`; null when malformed. */
export function cellOfRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  const col = m ? columnNumber(m[1] ?? "") : null;
  return m && col !== null ? { row: Number(m[2]), col } : null;
}

/** Columns given a width or hidden beyond this count in one `<col>` (a style for every column) are not listed one by one. */
const MAX_COLUMN_SPAN = 16_384;

export function parseSheetPart(xml: Uint8Array): SheetPart {
  const formulas = new Map<string, string>();
  const styles = new Map<string, number>();
  const columnWidths = new Map<number, number>();
  const hiddenColumns = new Set<number>();
  const rowHeights = new Map<number, number>();
  const hiddenRows = new Set<number>();
  const rules: ConditionalRulePart[] = [];
  const tableRelationshipIds: string[] = [];
  const sharedMasters = new Map<string, { formula: string; row: number; col: number }>();
  let freezeRows = 0;
  let selection: SheetPart["selection"] = null;
  let isProtected = false;

  let row = 0;
  let col = 0;
  let formula: { attrs: Record<string, string>; text: string } | null = null;
  let areas: string[] = [];
  let rule: { attrs: Record<string, string>; formulas: string[]; children: string; depth: number } | null = null;
  let ruleFormula: string | null = null;
  /** Depth inside a rule's `extLst` (skipped), 0 outside. */
  let skipped = 0;

  walkXml(xml, {
    open: (name, attrs, path) => {
      if (rule) {
        if (skipped > 0 || name === "extLst") skipped++;
        else if (name === "formula") ruleFormula = "";
        else {
          const attributes = Object.entries(attrs)
            .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
            .join("");
          rule.children += `<${name}${attributes}>`;
        }
        return;
      }
      switch (name) {
        case "row": {
          row = Number(attrs.r ?? "") || row + 1;
          col = 0;
          if (isTrue(attrs.hidden)) hiddenRows.add(row);
          if (isTrue(attrs.customHeight) && attrs.ht !== undefined) rowHeights.set(row, Number(attrs.ht));
          break;
        }
        case "c": {
          const at = attrs.r ? cellOfRef(attrs.r) : null;
          col = at ? at.col : col + 1;
          if (at) row = at.row;
          const style = Number(attrs.s ?? "0") || 0;
          if (style) styles.set(`${row}:${col}`, style);
          break;
        }
        case "f":
          if (path[path.length - 1] === "c") formula = { attrs, text: "" };
          break;
        case "col": {
          const min = Number(attrs.min ?? "0");
          const max = Math.min(Number(attrs.max ?? "0"), min + MAX_COLUMN_SPAN - 1);
          const hidden = isTrue(attrs.hidden);
          const width = isTrue(attrs.customWidth) && attrs.width !== undefined ? Number(attrs.width) : null;
          for (let c = min; c >= 1 && c <= max; c++) {
            if (hidden) hiddenColumns.add(c);
            if (width !== null) columnWidths.set(c, width);
          }
          break;
        }
        case "pane":
          if ((attrs.state === "frozen" || attrs.state === "frozenSplit") && attrs.ySplit)
            freezeRows = Number(attrs.ySplit) || 0;
          break;
        case "selection":
          // A frozen sheet has one selection per pane; the first names the active cell well enough.
          if (path[path.length - 1] === "sheetView" && selection === null)
            selection = {
              areas: (attrs.sqref ?? attrs.activeCell ?? "A1").split(/\s+/).filter(Boolean),
              activeCell: attrs.activeCell ?? "A1",
            };
          break;
        case "sheetProtection":
          isProtected = isTrue(attrs.sheet);
          break;
        case "conditionalFormatting":
          // Rules under `extLst` (`x14:conditionalFormatting`) are Excel 2010 extensions; see DECISIONS.
          areas = path.includes("extLst") ? [] : (attrs.sqref ?? "").split(/\s+/).filter(Boolean);
          break;
        case "cfRule":
          if (areas.length > 0) rule = { attrs, formulas: [], children: "", depth: path.length };
          break;
        case "tablePart": {
          const idKey = Object.keys(attrs).find((k) => /(^|:)id$/.test(k));
          if (idKey && attrs[idKey]) tableRelationshipIds.push(attrs[idKey]);
          break;
        }
      }
    },
    text: (text) => {
      if (formula) formula.text += text;
      else if (ruleFormula !== null) ruleFormula += text;
    },
    close: (name, path) => {
      if (rule) {
        if (name === "cfRule" && path.length === rule.depth) {
          const { priority, dxfId, stopIfTrue, ...attributes } = rule.attrs;
          rules.push({
            areas,
            attributes,
            priority: Number(priority ?? "0") || 0,
            dxfId: dxfId === undefined ? null : Number(dxfId),
            stopIfTrue: isTrue(stopIfTrue),
            formulas: rule.formulas,
            children: rule.children,
          });
          rule = null;
        } else if (skipped > 0) skipped--;
        else if (name === "formula" && ruleFormula !== null) {
          rule.formulas.push(ruleFormula);
          rule.children += `<formula>${escapeXml(ruleFormula)}</formula>`;
          ruleFormula = null;
        } else rule.children += `</${name}>`;
        return;
      }
      if (name === "f" && formula) {
        const text = formula.text.trim();
        const si = formula.attrs.si;
        if (formula.attrs.t === "shared" && si !== undefined) {
          const master = sharedMasters.get(si);
          if (text) {
            sharedMasters.set(si, { formula: text, row, col });
            formulas.set(`${row}:${col}`, `=${text}`);
          } else if (master) {
            formulas.set(`${row}:${col}`, `=${shiftFormula(master.formula, row - master.row, col - master.col)}`);
          }
        } else if (text) formulas.set(`${row}:${col}`, `=${text}`);
        formula = null;
      }
    },
  });
  return {
    formulas,
    styles,
    columnWidths,
    hiddenColumns,
    rowHeights,
    hiddenRows,
    freezeRows,
    selection,
    protected: isProtected,
    rules,
    tableRelationshipIds,
  };
}

const REFERENCE =
  /("(?:[^"]|"")*")|('(?:[^']|'')*')|(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g;

/**
 * A shared formula's text moved `rows` down and `cols` right, as Excel fills it: relative A1
 * references move, `$` parts and text in quotes stay. Whole-row and whole-column references
 * (`A:A`, `3:3`) are left as they are.
 */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  return formula.replace(
    REFERENCE,
    (
      all,
      text: string | undefined,
      quoted: string | undefined,
      colAbs: string,
      letters: string,
      rowAbs: string,
      digits: string,
    ) => {
      if (text !== undefined || quoted !== undefined) return all;
      const col = columnNumber(letters.toUpperCase());
      if (col === null) return all;
      const newCol = colAbs ? col : col + cols;
      const newRow = rowAbs ? Number(digits) : Number(digits) + rows;
      if (newCol < 1 || newRow < 1) return "#REF!";
      return `${colAbs}${columnLetter(newCol)}${rowAbs}${newRow}`;
    },
  );
}

// ───────────────────────────── Tables ─────────────────────────────

export interface TablePart {
  readonly name: string;
  readonly ref: string;
  readonly hasHeaders: boolean;
  readonly style: string;
}

export function parseTablePart(xml: string | Uint8Array): TablePart | null {
  let table: TablePart | null = null;
  walkXml(xml, {
    open: (name, attrs, path) => {
      if (name === "table" && path.length === 0)
        table = {
          name: attrs.displayName ?? attrs.name ?? "",
          ref: attrs.ref ?? "",
          hasHeaders: attrs.headerRowCount !== "0",
          style: "",
        };
      else if (name === "tableStyleInfo" && table) table = { ...table, style: attrs.name ?? "" };
    },
  });
  return table;
}
