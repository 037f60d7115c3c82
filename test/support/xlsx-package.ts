/**
 * Test helpers that look inside an .xlsx package directly (no exceljs), so assertions see what
 * Excel/LibreOffice will see: a sheet's XML, and the cached values of its formula cells.
 * (exceljs reads a cached formula result of 0 as "no result", which would hide the very numbers
 * the recalculation test compares.)
 */
import {
  decodeXml,
  parseRelationships,
  parseWorkbookRels,
  parseWorkbookXml,
  type Relationship,
} from "../../src/xlsx/read";
import { readZipPart } from "../../src/xlsx/zip";

export function readPart(path: string, name: string): string | null {
  return readZipPart(path, name)?.toString("utf8") ?? null;
}

/** The XML of the named worksheet. */
export function sheetXml(path: string, sheetName: string): string {
  const xml = readPart(path, sheetPartName(path, sheetName));
  if (xml === null) throw new Error(`no sheet ${sheetName} in ${path}`);
  return xml;
}

export interface RawCell {
  readonly formula: string | null;
  /** The cached value: a number, a string (t="str"/"s"/inline), a boolean, or null when none. */
  readonly value: number | string | boolean | null;
  readonly type: string | null;
}

/** Every `<c>` of a sheet by address, with its formula and cached value as stored. */
export function rawCells(path: string, sheetName: string): Map<string, RawCell> {
  const sharedXml = readPart(path, "xl/sharedStrings.xml") ?? "";
  const shared = [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...(m[1] ?? "").matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => decodeXml(t[1] ?? "")).join(""),
  );
  const cells = new Map<string, RawCell>();
  for (const m of sheetXml(path, sheetName).matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = m[1] ?? "";
    const body = m[2] ?? "";
    const address = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
    if (!address) continue;
    const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? null;
    const formula = /<f[^>]*>([\s\S]*?)<\/f>/.exec(body)?.[1];
    const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    const inline = /<is>[\s\S]*?<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1];
    let value: RawCell["value"] = null;
    if (type === "s" && v !== undefined) value = shared[Number(v)] ?? null;
    else if (type === "inlineStr") value = inline === undefined ? null : decodeXml(inline);
    else if (type === "str" || type === "e") value = v === undefined ? "" : decodeXml(v);
    else if (type === "b") value = v === "1";
    else if (v !== undefined) value = Number(v);
    cells.set(address, { formula: formula === undefined ? null : decodeXml(formula), value, type });
  }
  return cells;
}

/** The part of the named worksheet. */
export function sheetPartName(path: string, sheetName: string): string {
  const workbook = parseWorkbookXml(readPart(path, "xl/workbook.xml") ?? "");
  const rels = parseWorkbookRels(readPart(path, "xl/_rels/workbook.xml.rels") ?? "");
  const sheet = workbook.sheets.find((s) => s.name === sheetName);
  const part = sheet ? rels.get(sheet.relationshipId) : undefined;
  if (!part) throw new Error(`no sheet ${sheetName} in ${path}`);
  return part;
}

/** The relationships of a part, targets resolved to part names. */
export function partRelationships(path: string, part: string): Relationship[] {
  const slash = part.lastIndexOf("/");
  const rels = readPart(path, `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`);
  return rels === null ? [] : parseRelationships(rels, part.slice(0, slash + 1));
}

/**
 * The charts drawn on a sheet, followed as a reader does: the sheet's `<drawing r:id>`, that
 * relationship's drawing part, and the drawing's chart relationships. Null when the sheet has no drawing.
 */
export function sheetCharts(
  path: string,
  sheetName: string,
): { drawing: string; charts: { part: string; xml: string }[] } | null {
  const sheet = sheetPartName(path, sheetName);
  const id = /<(?:\w+:)?drawing\b[^>]*\br:id="([^"]+)"/.exec(sheetXml(path, sheetName))?.[1];
  if (id === undefined) return null;
  const drawing = partRelationships(path, sheet).find((r) => r.id === id && r.kind === "drawing")?.part;
  if (!drawing) throw new Error(`${sheetName}'s <drawing r:id="${id}"> names no drawing relationship`);
  const charts = partRelationships(path, drawing)
    .filter((r) => r.kind === "chart" && r.part !== null)
    .map((r) => ({ part: r.part as string, xml: readPart(path, r.part as string) ?? "" }));
  return { drawing, charts };
}

export interface ChartSeries {
  readonly name: string;
  readonly categoriesRef: string;
  readonly categories: string[];
  readonly valuesRef: string;
  readonly values: number[];
  /** The bar's fill, upper case `RRGGBB`. */
  readonly color: string | null;
}

/** Each series of a chart part: its name, its references (sheet quotes taken away) and its cached points. */
export function chartSeries(chartXml: string): ChartSeries[] {
  const cached = (xml: string) =>
    [...xml.matchAll(/<c:pt idx="\d+"><c:v>([\s\S]*?)<\/c:v><\/c:pt>/g)].map((m) => decodeXml(m[1] ?? ""));
  const ref = (xml: string) => decodeXml(/<c:f>([\s\S]*?)<\/c:f>/.exec(xml)?.[1] ?? "").replace(/'/g, "");
  return [...chartXml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => {
    const ser = m[1] ?? "";
    const tx = /<c:tx>([\s\S]*?)<\/c:tx>/.exec(ser)?.[1] ?? "";
    const cat = /<c:cat>([\s\S]*?)<\/c:cat>/.exec(ser)?.[1] ?? "";
    const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(ser)?.[1] ?? "";
    return {
      name: cached(tx)[0] ?? decodeXml(/<c:v>([\s\S]*?)<\/c:v>/.exec(tx)?.[1] ?? ""),
      categoriesRef: ref(cat),
      categories: cached(cat),
      valuesRef: ref(val),
      values: cached(val).map(Number),
      color: /<c:spPr><a:solidFill><a:srgbClr val="(\w+)"/.exec(ser)?.[1]?.toUpperCase() ?? null,
    };
  });
}
