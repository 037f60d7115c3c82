/**
 * `workbook.xml` edited in place: list its sheets and defined names, add or remove a sheet, replace
 * some defined names — every other element (the user's names, views, calculation settings, the date
 * system, extensions) kept as written. Each function takes the part's text and returns the new text.
 */
import {
  attribute,
  childElements,
  escapeAttribute,
  escapeCellText,
  prefixOf,
  rootTag,
  withAttribute,
  type XmlElement,
} from "./xml";
import { cutElements } from "./opc";
import { decodeXml } from "../xml";

export interface SheetEntry {
  readonly name: string;
  readonly sheetId: number;
  readonly relationshipId: string;
  readonly element: XmlElement;
}

export interface DefinedNameEntry {
  readonly name: string;
  readonly localSheetId: number | null;
  /** The formula, decoded (`'台账'!$K$2:$K$8`). */
  readonly formula: string;
  readonly element: XmlElement;
}

/** The children of `<workbook>` up to `definedNames`, in schema order (where a new `definedNames` goes). */
const BEFORE_DEFINED_NAMES = [
  "fileVersion",
  "fileSharing",
  "workbookPr",
  "workbookProtection",
  "bookViews",
  "sheets",
  "functionGroups",
  "externalReferences",
];

function child(xml: string, name: string): XmlElement | undefined {
  return childElements(xml, rootTag(xml)).find((c) => c.tag.local === name);
}

/** The namespace the workbook's own elements are in (transitional or strict SpreadsheetML). */
export function mainNamespace(xml: string): string {
  const root = rootTag(xml);
  const prefix = prefixOf(root);
  const declaration = prefix === "" ? "xmlns" : `xmlns:${prefix.slice(0, -1)}`;
  return (
    attribute(xml.slice(root.start, root.end), declaration) ??
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  );
}

export function listSheets(xml: string): SheetEntry[] {
  const sheets = child(xml, "sheets");
  if (!sheets) return [];
  return childElements(xml, sheets.tag)
    .filter((c) => c.tag.local === "sheet")
    .map((element) => {
      const tag = xml.slice(element.tag.start, element.tag.end);
      const idAttribute = /\s([\w.-]+:id)\s*=/.exec(tag)?.[1] ?? "r:id";
      return {
        name: attribute(tag, "name") ?? "",
        sheetId: Number(attribute(tag, "sheetId") ?? 0),
        relationshipId: attribute(tag, idAttribute) ?? "",
        element,
      };
    });
}

export function listDefinedNames(xml: string): DefinedNameEntry[] {
  const block = child(xml, "definedNames");
  if (!block) return [];
  return childElements(xml, block.tag)
    .filter((c) => c.tag.local === "definedName")
    .map((element) => {
      const tag = xml.slice(element.tag.start, element.tag.end);
      const local = attribute(tag, "localSheetId");
      const body =
        element.tag.kind === "empty" ? "" : xml.slice(element.tag.end, xml.lastIndexOf("<", element.end - 1));
      return {
        name: attribute(tag, "name") ?? "",
        localSheetId: local !== null && /^\d+$/.test(local.trim()) ? Number(local) : null,
        formula: decodeXml(body),
        element,
      };
    });
}

/** Adds a `<sheet>` at the end of `<sheets>`, its relationship id in `relationshipNamespace`. */
export function addSheet(
  xml: string,
  name: string,
  relationshipId: string,
  relationshipNamespace: string,
  state: "visible" | "hidden" = "visible",
): string {
  const sheets = child(xml, "sheets");
  if (!sheets) throw new Error("workbook without sheets");
  const prefix = prefixOf(sheets.tag);
  const sheetId = Math.max(0, ...listSheets(xml).map((s) => s.sheetId)) + 1;
  const hidden = state === "hidden" ? ' state="hidden"' : "";
  const element = `<${prefix}sheet name="${escapeAttribute(name)}" sheetId="${sheetId}"${hidden} xmlns:r="${relationshipNamespace}" r:id="${escapeAttribute(relationshipId)}"/>`;
  const at = xml.lastIndexOf("<", sheets.end - 1);
  return xml.slice(0, at) + element + xml.slice(at);
}

/**
 * Removes the sheet at `index`: its names go with it, sheet-level names of later sheets follow their
 * sheet down one place, and the workbook views' active and first tabs stay on a sheet that exists.
 */
export function removeSheet(xml: string, index: number): string {
  const sheet = listSheets(xml)[index];
  if (!sheet) return xml;
  const count = listSheets(xml).length - 1;
  let out = replaceDefinedNames(
    cutElements(xml, [sheet.element]),
    (n) => n.localSheetId === index,
    [],
    (n) => (n.localSheetId !== null && n.localSheetId > index ? n.localSheetId - 1 : null),
  );
  const views = child(out, "bookViews");
  if (views) {
    const splices: { start: number; end: number; text: string }[] = [];
    for (const view of childElements(out, views.tag)) {
      let tag = out.slice(view.tag.start, view.tag.end);
      for (const name of ["activeTab", "firstSheet"]) {
        const value = Number(attribute(tag, name) ?? "0");
        if (value > index || value >= count)
          tag = withAttribute(tag, name, String(Math.max(0, Math.min(value - 1, count - 1))));
      }
      splices.push({ start: view.tag.start, end: view.tag.end, text: tag });
    }
    for (const s of splices.reverse()) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  }
  return out;
}

/** A `<definedName>` element in the workbook's prefix. */
export function definedNameElement(xml: string, name: string, formula: string, localSheetId: number | null): string {
  const prefix = prefixOf(rootTag(xml));
  const local = localSheetId === null ? "" : ` localSheetId="${localSheetId}"`;
  return `<${prefix}definedName name="${escapeAttribute(name)}"${local}>${escapeCellText(formula)}</${prefix}definedName>`;
}

/**
 * The workbook with the defined names `drop` picks removed, `add` (whole elements) appended, and the
 * `localSheetId` of others moved where `moveTo` says (null: unchanged).
 */
export function replaceDefinedNames(
  xml: string,
  drop: (n: DefinedNameEntry) => boolean,
  add: readonly string[],
  moveTo: (n: DefinedNameEntry) => number | null = () => null,
): string {
  const names = listDefinedNames(xml);
  const kept = names
    .filter((n) => !drop(n))
    .map((n) => {
      const text = xml.slice(n.element.tag.start, n.element.end);
      const to = moveTo(n);
      if (to === null) return text;
      const open = xml.slice(n.element.tag.start, n.element.tag.end);
      return withAttribute(open, "localSheetId", String(to)) + text.slice(open.length);
    });
  const block = child(xml, "definedNames");
  const all = [...kept, ...add];
  if (block) {
    if (all.length === 0) return cutElements(xml, [block]);
    const open = xml.slice(block.tag.start, block.tag.end).replace(/\s*\/>$/, ">");
    return `${xml.slice(0, block.tag.start)}${open}${all.join("")}</${block.tag.qname}>${xml.slice(block.end)}`;
  }
  if (all.length === 0) return xml;
  const prefix = prefixOf(rootTag(xml));
  const before = childElements(xml, rootTag(xml)).filter((c) => BEFORE_DEFINED_NAMES.includes(c.tag.local));
  const at = before[before.length - 1]?.end ?? rootTag(xml).end;
  return `${xml.slice(0, at)}<${prefix}definedNames>${all.join("")}</${prefix}definedNames>${xml.slice(at)}`;
}
