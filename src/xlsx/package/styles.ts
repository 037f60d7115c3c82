/**
 * `xl/styles.xml` edited by appending: the writer's fonts, fills, borders, number formats, cell
 * formats (`cellXfs`) and differential formats (`dxfs`, for the row colours) are added at the end of
 * their lists, so every index the user's cells already use keeps its meaning. An element identical
 * (as text) to one already in the list is reused instead, so evaluating a copy again adds nothing new.
 */
import { asStartTag, attribute, childElements, closeTagStart, rootTag, withAttribute, type XmlElement } from "./xml";

/** The lists we append to, in the order `CT_Stylesheet` wants them. */
const LISTS = ["numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs"] as const;
type ListName = (typeof LISTS)[number];

/** Every child of `styleSheet`, in schema order (to place a list the file does not have yet). */
const STYLESHEET_ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

const ITEM_OF: Readonly<Record<ListName, string>> = {
  numFmts: "numFmt",
  fonts: "font",
  fills: "fill",
  borders: "border",
  cellXfs: "xf",
  dxfs: "dxf",
};

/** What a package without `styles.xml` is taken to have: Excel's defaults. */
export const MINIMAL_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** Excel's built-in number formats we may need, by code. */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = { General: 0, "0": 1, "0.00": 2, "0%": 9, "0.00%": 10 };

export class StylesEditor {
  /** Prefix of the document's elements (`x:` or ""). */
  readonly prefix: string;
  private readonly existing = new Map<ListName, string[]>();
  private readonly appended = new Map<ListName, string[]>();
  private readonly customFormats = new Map<string, number>();
  private nextFormatId = 164;
  readonly hasCellStyleXfs: boolean;

  constructor(private readonly xml: string) {
    const root = rootTag(xml);
    this.prefix = root.qname.slice(0, root.qname.length - root.local.length);
    const children = childElements(xml, root);
    this.hasCellStyleXfs = children.some((c) => c.tag.local === "cellStyleXfs");
    for (const name of LISTS) {
      const list = children.find((c) => c.tag.local === name);
      const items = list
        ? childElements(xml, list.tag)
            .filter((c) => c.tag.local === ITEM_OF[name])
            .map((c) => xml.slice(c.tag.start, c.end))
        : [];
      this.existing.set(name, items);
      this.appended.set(name, []);
    }
    for (const item of this.existing.get("numFmts") ?? []) {
      const id = Number(attribute(item, "numFmtId"));
      const code = attribute(item, "formatCode");
      if (Number.isInteger(id)) this.nextFormatId = Math.max(this.nextFormatId, id + 1);
      if (code !== null && Number.isInteger(id) && !this.customFormats.has(code)) this.customFormats.set(code, id);
    }
  }

  /** The index of `element` in `list`: an identical one already there, or the one appended now. */
  private indexOf(list: ListName, element: string): number {
    const existing = this.existing.get(list) ?? [];
    const at = existing.indexOf(element);
    if (at >= 0) return at;
    const appended = this.appended.get(list) ?? [];
    const added = appended.indexOf(element);
    if (added >= 0) return existing.length + added;
    appended.push(element);
    return existing.length + appended.length - 1;
  }

  /** A `cellXfs` entry as stored, or null when the index is out of range. */
  cellXf(index: number): string | null {
    const existing = this.existing.get("cellXfs") ?? [];
    return existing[index] ?? this.appended.get("cellXfs")?.[index - existing.length] ?? null;
  }

  font(xmlBody: string): number {
    return this.indexOf("fonts", `<${this.prefix}font>${xmlBody}</${this.prefix}font>`);
  }

  fill(xmlBody: string): number {
    return this.indexOf("fills", `<${this.prefix}fill>${xmlBody}</${this.prefix}fill>`);
  }

  border(xmlBody: string): number {
    return this.indexOf("borders", `<${this.prefix}border>${xmlBody}</${this.prefix}border>`);
  }

  dxf(xmlBody: string): number {
    return this.indexOf("dxfs", `<${this.prefix}dxf>${xmlBody}</${this.prefix}dxf>`);
  }

  /** The id of number format `code`: built in, already defined, or defined now. */
  numberFormat(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const known = this.customFormats.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormatId++;
    this.customFormats.set(code, id);
    const escaped = code.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    this.appended.get("numFmts")?.push(`<${this.prefix}numFmt numFmtId="${id}" formatCode="${escaped}"/>`);
    return id;
  }

  /** The index of a cell format given as a whole `<xf>` element (our prefix included). */
  cellFormat(xfElement: string): number {
    return this.indexOf("cellXfs", xfElement);
  }

  /**
   * Cell format `base` with its alignment made top-aligned and wrapping (the 评估意见 cells), the rest
   * of it (font, fill, border, number format, protection) as it was.
   */
  wrappedTop(base: number): number {
    const xf =
      this.cellXf(base) ?? this.cellXf(0) ?? `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`;
    const open = /^<[^>]*>/.exec(xf)?.[0] ?? "";
    const startTag = withAttribute(open, "applyAlignment", "1");
    let body = open.endsWith("/>") ? "" : xf.slice(open.length, xf.lastIndexOf("</"));
    const alignment = /<(?:[\w.-]+:)?alignment\b[^>]*?\/?>/.exec(body);
    if (alignment) {
      const tag = withAttribute(withAttribute(alignment[0], "vertical", "top"), "wrapText", "1");
      body = body.replace(alignment[0], () => tag);
    } else {
      body = `<${this.prefix}alignment vertical="top" wrapText="1"/>${body}`;
    }
    const qname = /^<([^\s/>]+)/.exec(open)?.[1] ?? `${this.prefix}xf`;
    return this.cellFormat(`${asStartTag(startTag)}${body}</${qname}>`);
  }

  /** The stylesheet with everything appended (the input text when nothing was). */
  toXml(): string {
    if (LISTS.every((name) => (this.appended.get(name) ?? []).length === 0)) return this.xml;
    let xml = this.xml;
    // From the last list to the first, so earlier positions stay valid while editing.
    for (const name of [...LISTS].reverse()) {
      const added = this.appended.get(name) ?? [];
      if (added.length === 0) continue;
      const count = (this.existing.get(name) ?? []).length + added.length;
      const root = rootTag(xml);
      const children = childElements(xml, root);
      const list = children.find((c) => c.tag.local === name);
      if (list) {
        xml = appendToList(xml, list, added.join(""), count);
      } else {
        const order = STYLESHEET_ORDER.indexOf(name);
        const before = children.find((c) => STYLESHEET_ORDER.indexOf(c.tag.local) > order);
        const at = before ? before.tag.start : closeTagStart(xml, { tag: root, end: xml.lastIndexOf(">") + 1 });
        xml = `${xml.slice(0, at)}<${this.prefix}${name} count="${count}">${added.join("")}</${this.prefix}${name}>${xml.slice(at)}`;
      }
    }
    return xml;
  }
}

function appendToList(xml: string, list: XmlElement, items: string, count: number): string {
  const open = withAttribute(xml.slice(list.tag.start, list.tag.end), "count", String(count));
  if (list.tag.kind === "empty")
    return `${xml.slice(0, list.tag.start)}${asStartTag(open)}${items}</${list.tag.qname}>${xml.slice(list.end)}`;
  const close = closeTagStart(xml, list);
  return `${xml.slice(0, list.tag.start)}${open}${xml.slice(list.tag.end, close)}${items}${xml.slice(close)}`;
}
