/**
 * Just enough XML to edit a part of the user's package in place: find elements by their local name
 * (whatever namespace prefix the file uses), know where each one starts and ends, and change a tag's
 * attributes — leaving every other byte of the part as it was.
 *
 * `scanTags` walks the markup linearly: comments, CDATA sections, processing instructions and a
 * DOCTYPE (with its internal subset) are stepped over, attribute values may hold `>`, and nothing is
 * ever expanded (an entity reference is text to us, copied as written). It does not check
 * well-formedness beyond what it needs to find tags; markup it cannot follow (an unclosed tag or
 * comment) throws `XmlShapeError`.
 */

import { decodeXml } from "../xml";

export class XmlShapeError extends Error {
  constructor(what: string) {
    super(`xml: ${what}`);
    this.name = "XmlShapeError";
  }
}

export interface XmlTag {
  readonly kind: "open" | "close" | "empty";
  /** The name as written, prefix included (`x:row`). */
  readonly qname: string;
  /** The name without its prefix (`row`). */
  readonly local: string;
  /** Index of `<`. */
  readonly start: number;
  /** Index just after `>`. */
  readonly end: number;
}

/** An element: its start tag and where the whole element ends (after its end tag, or after `/>`). */
export interface XmlElement {
  readonly tag: XmlTag;
  readonly end: number;
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;

function after(xml: string, terminator: string, from: number): number {
  const at = xml.indexOf(terminator, from);
  if (at < 0) throw new XmlShapeError(`unclosed markup (no ${terminator})`);
  return at + terminator.length;
}

/** Index after a tag's `>`, stepping over quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === GT) return i + 1;
    else if (c === LT) break;
  }
  throw new XmlShapeError("unclosed tag");
}

/** Index after a `<!DOCTYPE …>` or other declaration, internal subset and quoted literals included. */
function declarationEnd(xml: string, from: number): number {
  let depth = 0;
  for (let i = from + 2; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 34 || c === 39) {
      const close = xml.indexOf(String.fromCharCode(c), i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === LT && xml.startsWith("<!--", i)) i = after(xml, "-->", i + 4) - 1;
    else if (c === 91) depth++;
    else if (c === 93) depth--;
    else if (c === GT && depth <= 0) return i + 1;
  }
  throw new XmlShapeError("unclosed declaration");
}

function isNameEnd(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === SLASH || c === GT;
}

/** Every start, end and empty-element tag in `xml[from, to)`, in document order. */
export function* scanTags(xml: string, from = 0, to = xml.length): Generator<XmlTag> {
  let i = xml.indexOf("<", from);
  while (i >= 0 && i < to) {
    const next = xml.charCodeAt(i + 1);
    if (next === BANG) {
      if (xml.startsWith("<!--", i)) i = after(xml, "-->", i + 4);
      else if (xml.startsWith("<![CDATA[", i)) i = after(xml, "]]>", i + 9);
      else i = declarationEnd(xml, i);
    } else if (next === QUESTION) {
      i = after(xml, "?>", i + 2);
    } else {
      const end = tagEnd(xml, i + 1);
      const close = next === SLASH;
      const nameStart = close ? i + 2 : i + 1;
      let nameEnd = nameStart;
      while (nameEnd < end && !isNameEnd(xml.charCodeAt(nameEnd))) nameEnd++;
      const qname = xml.slice(nameStart, nameEnd);
      const colon = qname.indexOf(":");
      const kind = close ? "close" : xml.charCodeAt(end - 2) === SLASH ? "empty" : "open";
      yield { kind, qname, local: colon >= 0 ? qname.slice(colon + 1) : qname, start: i, end };
      i = end;
    }
    i = xml.indexOf("<", i);
  }
}

/** The document's root element (its start tag). */
export function rootTag(xml: string): XmlTag {
  for (const tag of scanTags(xml)) {
    if (tag.kind === "close") break;
    return tag;
  }
  throw new XmlShapeError("no root element");
}

/** The prefix of a tag's name with its colon (`x:`), or "" when it has none. */
export function prefixOf(tag: XmlTag): string {
  return tag.qname.slice(0, tag.qname.length - tag.local.length);
}

/** Where the element whose start tag is `tag` ends. */
export function elementEnd(xml: string, tag: XmlTag): number {
  if (tag.kind === "empty") return tag.end;
  let depth = 0;
  for (const t of scanTags(xml, tag.end)) {
    if (t.kind === "open") depth++;
    else if (t.kind === "close") {
      if (depth === 0) return t.end;
      depth--;
    }
  }
  throw new XmlShapeError(`unclosed element ${tag.qname}`);
}

/** The child elements of the element whose start tag is `parent`, with where each ends. */
export function childElements(xml: string, parent: XmlTag): XmlElement[] {
  if (parent.kind === "empty") return [];
  const out: XmlElement[] = [];
  let depth = 0;
  let current: XmlTag | null = null;
  for (const t of scanTags(xml, parent.end)) {
    if (t.kind === "empty") {
      if (depth === 0) out.push({ tag: t, end: t.end });
    } else if (t.kind === "open") {
      if (depth === 0) current = t;
      depth++;
    } else {
      if (depth === 0) return out;
      depth--;
      if (depth === 0 && current) {
        out.push({ tag: current, end: t.end });
        current = null;
      }
    }
  }
  throw new XmlShapeError(`unclosed element ${parent.qname}`);
}

/** Index of the parent's end tag (where a last child is inserted). */
export function closeTagStart(xml: string, parent: XmlElement): number {
  return xml.lastIndexOf("<", parent.end - 1);
}

// ───────────────────────────── Attributes of one tag ─────────────────────────────

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const attributePatterns = new Map<string, RegExp>();

function attributePattern(name: string): RegExp {
  let pattern = attributePatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(\\s)${escapeRegExp(name)}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, pattern);
  }
  return pattern;
}

/** One attribute's raw (still escaped) value, or null. */
export function rawAttribute(tagText: string, name: string): string | null {
  const m = attributePattern(name).exec(tagText);
  return m ? (m[2] ?? m[3] ?? "") : null;
}

/** One attribute's value, decoded, or null. */
export function attribute(tagText: string, name: string): string | null {
  const raw = rawAttribute(tagText, name);
  return raw === null ? null : decodeXml(raw);
}

/** The tag with `name` set to `value` (replaced in place, or added at the end). */
export function withAttribute(tagText: string, name: string, value: string): string {
  const encoded = `${name}="${escapeAttribute(value)}"`;
  const pattern = attributePattern(name);
  if (pattern.test(tagText)) return tagText.replace(pattern, (_m, space: string) => `${space}${encoded}`);
  const close = tagText.endsWith("/>") ? tagText.length - 2 : tagText.length - 1;
  let at = close;
  while (at > 0 && /\s/.test(tagText.charAt(at - 1))) at--;
  return `${tagText.slice(0, at)} ${encoded}${tagText.slice(at)}`;
}

/** The tag without attribute `name`. */
export function withoutAttribute(tagText: string, name: string): string {
  return tagText.replace(attributePattern(name), "");
}

/** An empty-element tag (`<x/>`) as a start tag (`<x>`). */
export function asStartTag(tagText: string): string {
  return tagText.replace(/\s*\/>$/, ">");
}

// ───────────────────────────── Text ─────────────────────────────

/**
 * Characters XML 1.0 cannot hold even as a reference (C0 controls but tab and line feed, U+FFFE/U+FFFF,
 * lone surrogates). Excel writes such a character in a cell's text as `_xHHHH_`; a text that already
 * holds `_xHHHH_` literally gets its `_` written as `_x005F_` so it reads back as typed.
 */
const UNWRITABLE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;

function cellTextEscapes(text: string): string {
  return text.replace(UNWRITABLE, (c) => {
    if (c === "_") return "_x005F_";
    const code = c.charCodeAt(0);
    return code >= 0xd800 && code <= 0xdfff ? "\uFFFD" : `_x${code.toString(16).toUpperCase().padStart(4, "0")}_`;
  });
}

/** Text content of a cell string (`<t>`) or formula (`<f>`), escaped for XML. */
export function escapeCellText(text: string): string {
  return cellTextEscapes(text).replace(/[&<>\r]/g, (c) =>
    c === "\r" ? "&#13;" : c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;",
  );
}

/** An attribute value, escaped (quotes, and whitespace that attribute normalisation would fold). */
export function escapeAttribute(value: string): string {
  return cellTextEscapes(value).replace(/[&<>"\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}
