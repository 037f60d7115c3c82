/**
 * Surgical edits of a worksheet part: set or empty given cells, set or reset given column widths,
 * remove some conditional formats and add one — and nothing else. Every other byte of the user's
 * sheet (their cells, rows, merges, data validation, drawings, extensions…) is kept as written.
 *
 * - A cell is written with an inline string (`t="inlineStr"`), so the shared-string table is never
 *   touched and no existing shared-string index changes meaning.
 * - Rows and cells written without an `r` attribute take their place from the one before; before a
 *   cell or row is inserted among them, the neighbours it would shift get their `r` written out.
 * - A row that is edited loses its `spans` hint (optional, and it would no longer be right).
 * - New elements go where `CT_Worksheet` wants them (`WORKSHEET_ORDER`) and carry the prefix the
 *   sheet uses for its own elements (`<x:c>` in a sheet written with `x:`).
 */
import { columnLetter, columnNumber } from "../../core/grid";
import { mergeFromRef } from "../read";
import {
  asStartTag,
  attribute,
  childElements,
  closeTagStart,
  escapeAttribute,
  escapeCellText,
  prefixOf,
  rootTag,
  withAttribute,
  withoutAttribute,
  XmlShapeError,
  type XmlElement,
} from "./xml";

/** The children of `<worksheet>`, in the order the schema requires. */
export const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** What a written cell's style is chosen from. */
export interface StyleContext {
  /** The `s` of the cell being replaced, or null when there was none. */
  readonly existing: number | null;
  /** The style an absent cell shows: the row's (when it has one) or else the column's, else 0. */
  readonly inherited: number;
  /** The style of another cell of the same row (its `s`, or what it inherits). */
  readonly styleAt: (col: number) => number;
}

export interface CellWrite {
  readonly text: string;
  readonly style: (ctx: StyleContext) => number;
}

/**
 * A cell the writer takes without writing anything into it (an owned cell of a row without an
 * opinion): a user's value there is refused as for a write; the writer's own from an earlier run goes.
 */
export const CLAIM = "claim";

export type CellEdit = CellWrite | null | typeof CLAIM;

export interface SheetEdits {
  /** Row → column → the cell to write, `CLAIM`, or null to empty it (the cell element is removed). */
  readonly cells: ReadonlyMap<number, ReadonlyMap<number, CellEdit>>;
  /** Widths reset (to none) where a column's width is exactly this one. Applied before `setWidths`. */
  readonly resetWidths: readonly { readonly col: number; readonly width: number }[];
  /** Widths set where a column has none. */
  readonly setWidths: readonly { readonly col: number; readonly width: number }[];
  /**
   * Cells a write may replace although they hold something: the writer's own from an earlier run.
   * Any other cell holding a value or formula is the user's, and writing it throws `OccupiedCell`.
   */
  readonly owned: (row: number, col: number) => boolean;
  /** Which `<conditionalFormatting>` elements (their text) to remove. */
  readonly removeFormat: (element: string) => boolean;
  /** A `<conditionalFormatting>` element to add, given the sheet's prefix and the lowest precedence free. */
  readonly addFormat: ((prefix: string, priority: number) => string) | null;
}

/** A write would replace a user's cell (SPEC §8: never changed). */
export class OccupiedCell extends Error {
  constructor(readonly ref: string) {
    super(`cell ${ref} is not empty`);
    this.name = "OccupiedCell";
  }
}

/** A cell element holding a formula, a value or text (not merely a style). */
function hasContent(cellText: string): boolean {
  if (/<(?:[\w.-]+:)?f[\s/>]/.test(cellText)) return true;
  if (/<(?:[\w.-]+:)?v(?:\s[^>]*)?>[^<]/.test(cellText)) return true;
  return /<(?:[\w.-]+:)?t(?:\s[^>]*)?>[^<]/.test(cellText);
}

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function applySplices(xml: string, splices: Splice[]): string {
  splices.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: string[] = [];
  let at = 0;
  for (const s of splices) {
    out.push(xml.slice(at, s.start), s.text);
    at = s.end;
  }
  out.push(xml.slice(at));
  return out.join("");
}

// ───────────────────────────── Columns ─────────────────────────────

interface ColRange {
  min: number;
  max: number;
  /** The `<col>` tag as written (or rewritten). */
  tag: string;
}

function widthOf(range: ColRange): number | null {
  const w = attribute(range.tag, "width");
  return w === null || w === "" ? null : Number(w);
}

/** The column ranges with `col` in a range of its own (split out of the range covering it). */
function isolate(ranges: ColRange[], col: number, prefix: string): ColRange {
  const at = ranges.findIndex((r) => r.min <= col && col <= r.max);
  if (at < 0) {
    const fresh = { min: col, max: col, tag: `<${prefix}col min="${col}" max="${col}"/>` };
    const before = ranges.findIndex((r) => r.min > col);
    ranges.splice(before < 0 ? ranges.length : before, 0, fresh);
    return fresh;
  }
  const range = ranges[at] as ColRange;
  if (range.min === col && range.max === col) return range;
  const piece = (min: number, max: number): ColRange => ({
    min,
    max,
    tag: withAttribute(withAttribute(range.tag, "min", String(min)), "max", String(max)),
  });
  const parts = [
    ...(range.min < col ? [piece(range.min, col - 1)] : []),
    piece(col, col),
    ...(col < range.max ? [piece(col + 1, range.max)] : []),
  ];
  ranges.splice(at, 1, ...parts);
  return parts.find((p) => p.min === col) as ColRange;
}

function hasAttributes(tag: string): boolean {
  return /\s[\w:.-]+\s*=/.test(tag);
}

/** A `<col>` that says nothing but its range. */
function isBare(tag: string): boolean {
  return !hasAttributes(withoutAttribute(withoutAttribute(tag, "min"), "max"));
}

function editColumns(ranges: ColRange[], edits: SheetEdits, prefix: string): boolean {
  let changed = false;
  for (const { col, width } of edits.resetWidths) {
    const covering = ranges.find((r) => r.min <= col && col <= r.max);
    if (!covering || widthOf(covering) !== width) continue;
    const own = isolate(ranges, col, prefix);
    own.tag = withoutAttribute(withoutAttribute(own.tag, "width"), "customWidth");
    if (isBare(own.tag)) ranges.splice(ranges.indexOf(own), 1);
    changed = true;
  }
  for (const { col, width } of edits.setWidths) {
    const covering = ranges.find((r) => r.min <= col && col <= r.max);
    if (covering && widthOf(covering) !== null) continue;
    const own = isolate(ranges, col, prefix);
    own.tag = withAttribute(withAttribute(own.tag, "width", String(width)), "customWidth", "1");
    changed = true;
  }
  return changed;
}

// ───────────────────────────── Rows and cells ─────────────────────────────

interface CellSlot {
  col: number;
  /** The element's text (with an `r` written out when it had none), or the new cell. */
  text: string;
}

function cellXml(prefix: string, row: number, col: number, style: number, text: string): string {
  const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : "";
  const s = style > 0 ? ` s="${style}"` : "";
  return `<${prefix}c r="${columnLetter(col)}${row}"${s} t="inlineStr"><${prefix}is><${prefix}t${space}>${escapeCellText(text)}</${prefix}t></${prefix}is></${prefix}c>`;
}

function parseRef(ref: string | null): { row: number; col: number } | null {
  const m = ref === null ? null : /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  const col = m ? columnNumber((m[1] ?? "").toUpperCase()) : null;
  return m && col !== null ? { row: Number(m[2]), col } : null;
}

function integerAttribute(tag: string, name: string): number | null {
  const value = attribute(tag, name);
  return value !== null && /^\s*\d+\s*$/.test(value) ? Number(value) : null;
}

/** The edited text of one existing row (or null when it is to disappear). */
function editRow(
  xml: string,
  row: XmlElement,
  rowNumber: number,
  writes: ReadonlyMap<number, CellEdit>,
  prefix: string,
  columnStyle: (col: number) => number,
  mayOverwrite: (row: number, col: number) => boolean,
  owned: (row: number, col: number) => boolean,
): string | null {
  const open = xml.slice(row.tag.start, row.tag.end);
  const rowStyle =
    attribute(open, "customFormat") === "1" || attribute(open, "customFormat") === "true"
      ? integerAttribute(open, "s")
      : null;
  const inherited = (col: number) => rowStyle ?? columnStyle(col);
  const slots: CellSlot[] = [];
  const others: string[] = [];
  let col = 0;
  for (const child of childElements(xml, row.tag)) {
    const text = xml.slice(child.tag.start, child.end);
    if (child.tag.local !== "c") {
      others.push(text);
      continue;
    }
    const tag = xml.slice(child.tag.start, child.tag.end);
    const ref = parseRef(attribute(tag, "r"));
    col = ref ? ref.col : col + 1;
    slots.push({
      col,
      text: ref ? text : withAttribute(tag, "r", `${columnLetter(col)}${rowNumber}`) + text.slice(tag.length),
    });
  }
  const styleOfSlot = (c: number): number => {
    const slot = slots.find((s) => s.col === c);
    const s = slot ? integerAttribute(/^<[^>]*>/.exec(slot.text)?.[0] ?? "", "s") : null;
    return s ?? (slot ? 0 : inherited(c));
  };
  let changed = false;
  for (const [c, write] of [...writes].sort((a, b) => a[0] - b[0])) {
    const at = slots.findIndex((s) => s.col === c);
    if (write === CLAIM) {
      // The writer's own cell goes; a user's empty (styled) cell or hidden merged cell stays.
      const text = at >= 0 ? (slots[at]?.text ?? "") : "";
      if (text === "" || !owned(rowNumber, c)) {
        if (text !== "" && hasContent(text) && !mayOverwrite(rowNumber, c))
          throw new OccupiedCell(`${columnLetter(c)}${rowNumber}`);
        continue;
      }
    }
    if (write === null || write === CLAIM) {
      if (at >= 0) {
        slots.splice(at, 1);
        changed = true;
      }
      continue;
    }
    const replaced = at >= 0 ? (slots[at]?.text ?? "") : "";
    if (replaced !== "" && hasContent(replaced) && !mayOverwrite(rowNumber, c))
      throw new OccupiedCell(`${columnLetter(c)}${rowNumber}`);
    const existing = at >= 0 ? integerAttribute(/^<[^>]*>/.exec(slots[at]?.text ?? "")?.[0] ?? "", "s") : null;
    const style = write.style({ existing, inherited: inherited(c), styleAt: styleOfSlot });
    const slot = { col: c, text: cellXml(prefix, rowNumber, c, style, write.text) };
    if (at >= 0) slots[at] = slot;
    else {
      const before = slots.findIndex((s) => s.col > c);
      slots.splice(before < 0 ? slots.length : before, 0, slot);
    }
    changed = true;
  }
  if (!changed && attribute(open, "r") !== null) return xml.slice(row.tag.start, row.end);
  let tag = withoutAttribute(open, "spans");
  if (attribute(tag, "r") === null) tag = withAttribute(tag, "r", String(rowNumber));
  if (slots.length === 0 && others.length === 0 && isBareRow(tag)) return null;
  const body = slots.map((s) => s.text).join("") + others.join("");
  if (body === "") return tag.endsWith("/>") ? tag : tag.replace(/>$/, "/>");
  return `${asStartTag(tag)}${body}</${row.tag.qname}>`;
}

function isBareRow(tag: string): boolean {
  return !hasAttributes(withoutAttribute(withoutAttribute(tag, "r"), "spans"));
}

function newRow(
  prefix: string,
  rowNumber: number,
  writes: ReadonlyMap<number, CellEdit>,
  columnStyle: (col: number) => number,
): string | null {
  const cells = [...writes]
    .filter((w): w is [number, CellWrite] => w[1] !== null && w[1] !== CLAIM)
    .sort((a, b) => a[0] - b[0])
    .map(([c, write]) => {
      const style = write.style({ existing: null, inherited: columnStyle(c), styleAt: columnStyle });
      return cellXml(prefix, rowNumber, c, style, write.text);
    });
  return cells.length === 0 ? null : `<${prefix}row r="${rowNumber}">${cells.join("")}</${prefix}row>`;
}

function editSheetData(
  xml: string,
  sheetData: XmlElement,
  cells: SheetEdits["cells"],
  prefix: string,
  columnStyle: (col: number) => number,
  mayOverwrite: (row: number, col: number) => boolean,
  owned: (row: number, col: number) => boolean,
): string {
  const pending = [...cells.keys()].sort((a, b) => a - b);
  let next = 0;
  const rows = childElements(xml, sheetData.tag);
  const anyWithoutRef = rows.some(
    (r) => r.tag.local === "row" && attribute(xml.slice(r.tag.start, r.tag.end), "r") === null,
  );
  const out: string[] = [];
  let rowNumber = 0;
  let at = sheetData.tag.end;
  const insertBefore = (limit: number) => {
    while (next < pending.length && (pending[next] as number) < limit) {
      const n = pending[next++] as number;
      const row = newRow(prefix, n, cells.get(n) ?? new Map(), columnStyle);
      if (row) out.push(row);
    }
  };
  for (const row of rows) {
    if (row.tag.local !== "row") continue;
    const open = xml.slice(row.tag.start, row.tag.end);
    const r = integerAttribute(open, "r");
    rowNumber = r ?? rowNumber + 1;
    insertBefore(rowNumber);
    if (pending[next] === rowNumber) next++;
    const writes = cells.get(rowNumber);
    const mustName = r === null && anyWithoutRef && pending.length > 0;
    if (!writes && !mustName) continue;
    out.push(xml.slice(at, row.tag.start));
    if (writes) {
      const edited = editRow(xml, row, rowNumber, writes, prefix, columnStyle, mayOverwrite, owned);
      if (edited !== null) out.push(edited);
    } else {
      out.push(withAttribute(open, "r", String(rowNumber)) + xml.slice(row.tag.end, row.end));
    }
    at = row.end;
  }
  const close = sheetData.tag.kind === "empty" ? sheetData.end : closeTagStart(xml, sheetData);
  out.push(xml.slice(at, close));
  insertBefore(Number.POSITIVE_INFINITY);
  const openTag = xml.slice(sheetData.tag.start, sheetData.tag.end);
  if (sheetData.tag.kind === "empty") return `${asStartTag(openTag)}${out.join("")}</${sheetData.tag.qname}>`;
  return openTag + out.join("") + xml.slice(close, sheetData.end);
}

// ───────────────────────────── The whole sheet ─────────────────────────────

/** The bounding box of the cells written, to widen `<dimension>` with. */
function writtenBox(cells: SheetEdits["cells"]): { top: number; bottom: number; left: number; right: number } | null {
  let box: { top: number; bottom: number; left: number; right: number } | null = null;
  for (const [row, writes] of cells)
    for (const [col, write] of writes) {
      if (write === null || write === CLAIM) continue;
      box = box
        ? {
            top: Math.min(box.top, row),
            bottom: Math.max(box.bottom, row),
            left: Math.min(box.left, col),
            right: Math.max(box.right, col),
          }
        : { top: row, bottom: row, left: col, right: col };
    }
  return box;
}

function widenedDimension(tag: string, box: NonNullable<ReturnType<typeof writtenBox>>): string {
  const ref = attribute(tag, "ref") ?? "";
  const [first, last] = ref.split(":");
  const a = parseRef(first ?? null);
  const b = parseRef(last ?? first ?? null);
  if (!a || !b) return tag;
  const top = Math.min(a.row, b.row, box.top);
  const bottom = Math.max(a.row, b.row, box.bottom);
  const left = Math.min(a.col, b.col, box.left);
  const right = Math.max(a.col, b.col, box.right);
  return withAttribute(tag, "ref", `${columnLetter(left)}${top}:${columnLetter(right)}${bottom}`);
}

/** The largest conditional-format priority in `texts` (the sheet's kept rules and its extensions'). */
function maxPriority(texts: readonly string[]): number {
  let max = 0;
  for (const text of texts)
    for (const m of text.matchAll(/<(?:[\w.-]+:)?cfRule\b[^>]*?\spriority\s*=\s*["'](\d+)["']/g))
      max = Math.max(max, Number(m[1]));
  return max;
}

export function editSheet(xml: string, edits: SheetEdits): string {
  const root = rootTag(xml);
  const prefix = prefixOf(root);
  const children = childElements(xml, root);
  const find = (name: string) => children.find((c) => c.tag.local === name);
  const sheetData = find("sheetData");
  if (!sheetData) throw new XmlShapeError("worksheet without sheetData");
  const splices: Splice[] = [];

  // Columns: read before editing (a new cell's inherited style comes from the user's columns).
  const colsElement = find("cols");
  const ranges: ColRange[] = colsElement
    ? childElements(xml, colsElement.tag)
        .filter((c) => c.tag.local === "col")
        .map((c) => {
          const tag = xml.slice(c.tag.start, c.end);
          return { min: integerAttribute(tag, "min") ?? 0, max: integerAttribute(tag, "max") ?? 0, tag };
        })
    : [];
  const styleOfColumn = new Map<number, number>();
  const columnStyle = (col: number): number => {
    let s = styleOfColumn.get(col);
    if (s === undefined) {
      const range = ranges.find((r) => r.min <= col && col <= r.max);
      s = (range ? integerAttribute(range.tag, "style") : null) ?? 0;
      styleOfColumn.set(col, s);
    }
    return s;
  };
  if (editColumns(ranges, edits, prefix)) {
    const body = ranges.map((r) => r.tag).join("");
    if (colsElement) {
      const open = xml.slice(colsElement.tag.start, colsElement.tag.end);
      splices.push({
        start: colsElement.tag.start,
        end: colsElement.end,
        text: ranges.length === 0 ? "" : `${asStartTag(open)}${body}</${colsElement.tag.qname}>`,
      });
    } else if (ranges.length > 0) {
      splices.push({
        start: sheetData.tag.start,
        end: sheetData.tag.start,
        text: `<${prefix}cols>${body}</${prefix}cols>`,
      });
    }
  }

  if (edits.cells.size > 0) {
    // Cells inside a merged area other than its top-left hold nothing Excel shows (as the Excel adapter sees them).
    const mergeCells = find("mergeCells");
    const merges = mergeCells
      ? childElements(xml, mergeCells.tag).flatMap((m) => {
          const area = mergeFromRef(attribute(xml.slice(m.tag.start, m.tag.end), "ref") ?? "");
          return area ? [area] : [];
        })
      : [];
    const covered = (row: number, col: number) =>
      merges.some(
        (m) => m.top <= row && row <= m.bottom && m.left <= col && col <= m.right && (row !== m.top || col !== m.left),
      );
    const mayOverwrite = (row: number, col: number) => edits.owned(row, col) || covered(row, col);
    splices.push({
      start: sheetData.tag.start,
      end: sheetData.end,
      text: editSheetData(xml, sheetData, edits.cells, prefix, columnStyle, mayOverwrite, edits.owned),
    });
  }

  const dimension = find("dimension");
  const box = writtenBox(edits.cells);
  if (dimension && box) {
    const tag = xml.slice(dimension.tag.start, dimension.tag.end);
    const widened = widenedDimension(tag, box);
    if (widened !== tag) splices.push({ start: dimension.tag.start, end: dimension.tag.end, text: widened });
  }

  const keptRules: string[] = children
    .filter((c) => c.tag.local === "extLst")
    .map((c) => xml.slice(c.tag.start, c.end));
  for (const cf of children.filter((c) => c.tag.local === "conditionalFormatting")) {
    const text = xml.slice(cf.tag.start, cf.end);
    if (edits.removeFormat(text)) splices.push({ start: cf.tag.start, end: cf.end, text: "" });
    else keptRules.push(text);
  }
  if (edits.addFormat) {
    const at = insertionPoint(children, "conditionalFormatting", sheetData);
    splices.push({ start: at, end: at, text: edits.addFormat(prefix, maxPriority(keptRules) + 1) });
  }
  return splices.length === 0 ? xml : applySplices(xml, splices);
}

/**
 * Where a new child `local` of `<worksheet>` goes: after the last child the schema puts at or before
 * it (`WORKSHEET_ORDER`), at least after `<sheetData>`.
 */
function insertionPoint(children: readonly XmlElement[], local: string, sheetData: XmlElement): number {
  const order = WORKSHEET_ORDER.indexOf(local);
  const before = children.filter((c) => {
    const at = WORKSHEET_ORDER.indexOf(c.tag.local);
    return at >= 0 && at <= order;
  });
  const last = before[before.length - 1];
  return last ? last.end : sheetData.end;
}

/**
 * The sheet with a `<drawing>` naming its drawing relationship, where the schema wants it. A sheet
 * has at most one drawing: one that already has its own is refused (`XmlShapeError`).
 */
export function withDrawing(xml: string, drawing: { relationshipId: string; relationshipNamespace: string }): string {
  const root = rootTag(xml);
  const children = childElements(xml, root);
  const sheetData = children.find((c) => c.tag.local === "sheetData");
  if (!sheetData) throw new XmlShapeError("worksheet without sheetData");
  if (children.some((c) => c.tag.local === "drawing")) throw new XmlShapeError("worksheet has a drawing already");
  const at = insertionPoint(children, "drawing", sheetData);
  const element = `<${prefixOf(root)}drawing xmlns:r="${escapeAttribute(drawing.relationshipNamespace)}" r:id="${escapeAttribute(drawing.relationshipId)}"/>`;
  return `${xml.slice(0, at)}${element}${xml.slice(at)}`;
}
