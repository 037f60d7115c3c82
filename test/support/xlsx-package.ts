/**
 * Test helpers that look inside an .xlsx package directly (no exceljs), so assertions see what
 * Excel/LibreOffice will see: a sheet's XML, and the cached values of its formula cells.
 * (exceljs reads a cached formula result of 0 as "no result", which would hide the very numbers
 * the recalculation test compares.)
 */
import { decodeXml, parseWorkbookRels, parseWorkbookXml } from "../../src/xlsx/read";
import { readZipPart } from "../../src/xlsx/zip";

export function readPart(path: string, name: string): string | null {
  return readZipPart(path, name)?.toString("utf8") ?? null;
}

/** The XML of the named worksheet. */
export function sheetXml(path: string, sheetName: string): string {
  const workbook = parseWorkbookXml(readPart(path, "xl/workbook.xml") ?? "");
  const rels = parseWorkbookRels(readPart(path, "xl/_rels/workbook.xml.rels") ?? "");
  const sheet = workbook.sheets.find((s) => s.name === sheetName);
  const part = sheet ? rels.get(sheet.relationshipId) : undefined;
  const xml = part ? readPart(path, part) : null;
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
