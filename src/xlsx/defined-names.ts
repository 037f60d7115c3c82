/**
 * The workbook's own defined names, kept exactly as they were in the `--out` copy and in the copy
 * `removeMarks` writes.
 *
 * Why: exceljs reads every defined name into one workbook-wide map and writes it back from there.
 * A name defined on one sheet (`localSheetId`) loses its sheet, so two sheets' `本表合计` become
 * one name pointing at the last of them; a name that is not a plain range (`税率` = `0.06`, a
 * formula) is dropped; `hidden` is lost (Excel's own `_xlnm._FilterDatabase`). So once exceljs has
 * written the copy, its `<definedNames>` is rebuilt (`mergeDefinedNames`): every name of the input,
 * verbatim, its `localSheetId` moved to where its sheet now is in the copy; and from exceljs' output
 * only the add-in's own marks (`_ZGTZ_…`) and the names on the summary sheet it drew (print titles).
 */
import { attributes, parseWorkbookXml } from "./read";
import { readZipPart, rewriteZipEntry } from "./zip";

/** The add-in's marks (`MARK_NAMES`) all start with this. */
const OWN_NAME_PREFIX = "_ZGTZ_";

interface DefinedNameElement {
  /** The element as written, with any namespace prefix removed from its tags. */
  readonly xml: string;
  readonly name: string;
  readonly localSheetId: number | null;
}

const DEFINED_NAME = /<(?:[\w-]+:)?definedName\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w-]+:)?definedName\s*>)/g;
const DEFINED_NAMES_BLOCK = /<(?:[\w-]+:)?definedNames\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:[\w-]+:)?definedNames\s*>)/;

export function parseDefinedNames(workbookXml: string): DefinedNameElement[] {
  const block = DEFINED_NAMES_BLOCK.exec(workbookXml)?.[0] ?? "";
  return [...block.matchAll(DEFINED_NAME)].map((m) => {
    const attrs = attributes(m[1] ?? "");
    const local = attrs.get("localSheetId") ?? null;
    return {
      xml: m[0].replace(/^<[\w-]+:/, "<").replace(/<\/[\w-]+:(definedName\s*>)$/, "</$1"),
      name: attrs.get("name") ?? "",
      localSheetId: local !== null && /^\d+$/.test(local) ? Number(local) : null,
    };
  });
}

/** The element with its `localSheetId` set to `id`. */
function withLocalSheetId(element: DefinedNameElement, id: number): string {
  return element.xml.replace(/(\slocalSheetId\s*=\s*)(?:"[^"]*"|'[^']*')/, `$1"${id}"`);
}

/**
 * The copy's `workbook.xml` with its defined names rebuilt from the input's (see the module comment).
 * `drawnSheet`: the summary sheet the writer drew (its names come from the copy), or null.
 */
export function mergeDefinedNames(inputXml: string, outputXml: string, drawnSheet: string | null): string {
  const inputSheets = parseWorkbookXml(inputXml).sheets.map((s) => s.name);
  const outputSheets = parseWorkbookXml(outputXml).sheets.map((s) => s.name);
  const sheetOf = (sheets: readonly string[], id: number | null): string | null =>
    id === null ? null : (sheets[id] ?? null);

  const kept: string[] = [];
  for (const element of parseDefinedNames(inputXml)) {
    if (element.name.startsWith(OWN_NAME_PREFIX)) continue;
    if (element.localSheetId === null) {
      kept.push(element.xml);
      continue;
    }
    const sheet = sheetOf(inputSheets, element.localSheetId);
    // A name whose sheet index is out of range was already broken: kept as it was while it stays out
    // of range, dropped if the copy's new summary sheet would give it that index (and maybe a twin).
    if (sheet === null) {
      if (element.localSheetId !== null && element.localSheetId >= outputSheets.length) kept.push(element.xml);
      continue;
    }
    // The summary sheet the add-in drew again (or removed) brings its own names, or none.
    if (sheet === drawnSheet) continue;
    const at = outputSheets.indexOf(sheet);
    if (at >= 0) kept.push(withLocalSheetId(element, at));
  }
  for (const element of parseDefinedNames(outputXml)) {
    const own = element.name.startsWith(OWN_NAME_PREFIX);
    if (own || (drawnSheet !== null && sheetOf(outputSheets, element.localSheetId) === drawnSheet))
      kept.push(element.xml);
  }

  const block = kept.length > 0 ? `<definedNames>${kept.join("")}</definedNames>` : "";
  if (DEFINED_NAMES_BLOCK.test(outputXml)) return outputXml.replace(DEFINED_NAMES_BLOCK, () => block);
  const sheetsEnd = /<\/(?:[\w-]+:)?sheets>/.exec(outputXml);
  if (!sheetsEnd) return outputXml;
  const at = sheetsEnd.index + sheetsEnd[0].length;
  return outputXml.slice(0, at) + block + outputXml.slice(at);
}

const WORKBOOK_PART = "xl/workbook.xml";

/** Rebuilds the defined names of `copyPath` (just written by exceljs from `inputPath`) in place. */
export function keepDefinedNames(inputPath: string, copyPath: string, drawnSheet: string | null): void {
  const inputXml = readZipPart(inputPath, WORKBOOK_PART)?.toString("utf8");
  if (inputXml === undefined) return;
  rewriteZipEntry(copyPath, WORKBOOK_PART, (outputXml) => mergeDefinedNames(inputXml, outputXml, drawnSheet));
}
