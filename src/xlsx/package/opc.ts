/**
 * The user's .xlsx package as the writer edits it: the input's ZIP entries, plus the parts the writer
 * replaced, removed or added; `save` writes the copy (`zip-copy.ts`), every untouched entry byte for
 * byte. Part names are looked up case-insensitively (OPC part names are), relationship targets are
 * resolved against their source part, and a part is decoded and re-encoded in its own encoding
 * (UTF-8 or UTF-16, with the byte-order mark it had).
 */
import { fstatSync } from "node:fs";
import { parseRelationships, type Relationship } from "../read";
import { listZipEntries, readZipEntry, withFile, type ZipEntry } from "../zip";
import { attribute, childElements, escapeAttribute, prefixOf, rootTag } from "./xml";
import { dosTimeOf, writeZipCopy, type CopyEntry } from "./zip-copy";

type Encoding = "utf8" | "utf8-bom" | "utf16le" | "utf16be";

/** Text parts longer than this are not edited as strings (V8's limit on a string is about 2^29). */
const MAX_EDITED_CHARS = 400_000_000;

export class PartTooLarge extends Error {
  constructor(readonly part: string) {
    super(`part too large to edit: ${part}`);
    this.name = "PartTooLarge";
  }
}

function decode(bytes: Buffer): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: bytes.toString("utf8", 3), encoding: "utf8-bom" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.toString("utf16le", 2), encoding: "utf16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return { text: swapped.toString("utf16le"), encoding: "utf16be" };
  }
  return { text: bytes.toString("utf8"), encoding: "utf8" };
}

function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case "utf8":
      return Buffer.from(text, "utf8");
    case "utf8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "utf16be": {
      const body = Buffer.from(text, "utf16le");
      body.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
    }
  }
}

/** `dir/_rels/file.rels` for part `dir/file`. */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** `target` for a part at `part`, relative to `sourcePart`'s folder (`../drawings/drawing1.xml`). */
export function relativeTarget(sourcePart: string, part: string): string {
  const from = sourcePart.split("/").slice(0, -1);
  const to = part.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

type Change = { readonly kind: "set"; readonly data: Buffer } | { readonly kind: "removed" };

export class XlsxPackage {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly changes = new Map<string, Change>();
  /** Parts the input does not have, by lower-case name, in the order they were added. */
  private readonly added = new Map<string, string>();
  private readonly encodings = new Map<string, Encoding>();

  private constructor(
    private readonly fd: number,
    private readonly entries: readonly ZipEntry[],
  ) {
    for (const entry of entries)
      if (!this.byName.has(entry.name.toLowerCase())) this.byName.set(entry.name.toLowerCase(), entry);
  }

  /** Opens `path`, runs `use` on its package, and closes it. */
  static open<T>(path: string, use: (pkg: XlsxPackage) => T): T {
    return withFile(path, (fd) => use(new XlsxPackage(fd, listZipEntries(fd, fstatSync(fd).size))));
  }

  /** The part's name as stored (its case), or null when there is no such part. */
  find(name: string): string | null {
    const key = name.toLowerCase();
    if (this.changes.get(key)?.kind === "removed") return null;
    return this.added.get(key) ?? this.byName.get(key)?.name ?? null;
  }

  has(name: string): boolean {
    return this.find(name) !== null;
  }

  bytes(name: string): Buffer | null {
    const key = name.toLowerCase();
    const change = this.changes.get(key);
    if (change) return change.kind === "set" ? change.data : null;
    const entry = this.byName.get(key);
    return entry ? readZipEntry(this.fd, entry) : null;
  }

  text(name: string): string | null {
    const key = name.toLowerCase();
    const entry = this.byName.get(key);
    if (!this.changes.has(key) && entry && entry.size > MAX_EDITED_CHARS) throw new PartTooLarge(entry.name);
    const bytes = this.bytes(name);
    if (bytes === null) return null;
    const { text, encoding } = decode(bytes);
    if (!this.encodings.has(key)) this.encodings.set(key, encoding);
    return text;
  }

  /** Sets a part's text, in the encoding it was read in (UTF-8 for a new part). */
  setText(name: string, text: string): void {
    const key = name.toLowerCase();
    if (!this.byName.has(key) && !this.added.has(key)) this.added.set(key, name);
    this.changes.set(key, { kind: "set", data: encode(text, this.encodings.get(key) ?? "utf8") });
  }

  remove(name: string): void {
    const key = name.toLowerCase();
    this.added.delete(key);
    if (this.byName.has(key)) this.changes.set(key, { kind: "removed" });
    else this.changes.delete(key);
  }

  /** A part name of the form `${stem}${n}${ext}` not yet taken (n = 1, 2, …). */
  freeName(stem: string, ext: string): string {
    for (let n = 1; ; n++) if (!this.has(`${stem}${n}${ext}`)) return `${stem}${n}${ext}`;
  }

  /** The relationships of `sourcePart` (`""` for the package's own `_rels/.rels`), targets resolved. */
  relationships(sourcePart: string): Relationship[] {
    const xml = this.text(sourcePart === "" ? "_rels/.rels" : relsPartOf(sourcePart));
    return xml === null ? [] : parseRelationships(xml, sourcePart.slice(0, sourcePart.lastIndexOf("/") + 1));
  }

  /** Adds a relationship from `sourcePart` to `part`; returns its id. */
  addRelationship(sourcePart: string, type: string, part: string): string {
    const relsPart = relsPartOf(sourcePart);
    const taken = new Set(this.relationships(sourcePart).map((r) => r.id));
    let n = 1;
    while (taken.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const element = (prefix: string) =>
      `<${prefix}Relationship Id="${id}" Type="${escapeAttribute(type)}" Target="${escapeAttribute(relativeTarget(sourcePart, part))}"/>`;
    const xml = this.text(relsPart);
    if (xml === null) {
      this.setText(
        relsPart,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${element("")}</Relationships>`,
      );
      return id;
    }
    this.setText(relsPart, appendChild(xml, element(prefixOf(rootTag(xml)))));
    return id;
  }

  /** Removes the relationships of `sourcePart` with these ids. */
  removeRelationships(sourcePart: string, ids: readonly string[]): void {
    const relsPart = relsPartOf(sourcePart);
    const xml = this.text(relsPart);
    if (xml === null) return;
    const removed = childElements(xml, rootTag(xml)).filter(({ tag }) => {
      if (tag.local !== "Relationship") return false;
      return ids.includes(attribute(xml.slice(tag.start, tag.end), "Id") ?? "");
    });
    if (removed.length > 0) this.setText(relsPart, cutElements(xml, removed));
  }

  /** Declares a part's content type (an `Override`), replacing any it had. */
  setContentType(part: string, contentType: string): void {
    this.removeContentType(part);
    const xml = this.text("[Content_Types].xml") ?? "";
    const prefix = prefixOf(rootTag(xml));
    this.setText(
      "[Content_Types].xml",
      appendChild(xml, `<${prefix}Override PartName="/${escapeAttribute(part)}" ContentType="${contentType}"/>`),
    );
  }

  /** A part's content type: its `Override`, else the `Default` for its extension, else null. */
  contentType(part: string): string | null {
    const xml = this.text("[Content_Types].xml");
    if (xml === null) return null;
    const key = `/${part}`.toLowerCase();
    const extension = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
    let fallback: string | null = null;
    for (const { tag } of childElements(xml, rootTag(xml))) {
      const text = xml.slice(tag.start, tag.end);
      if (tag.local === "Override" && (attribute(text, "PartName") ?? "").toLowerCase() === key)
        return attribute(text, "ContentType");
      if (tag.local === "Default" && (attribute(text, "Extension") ?? "").toLowerCase() === extension)
        fallback = attribute(text, "ContentType");
    }
    return fallback;
  }

  removeContentType(part: string): void {
    const xml = this.text("[Content_Types].xml");
    if (xml === null) return;
    const key = `/${part}`.toLowerCase();
    const removed = childElements(xml, rootTag(xml)).filter(
      ({ tag }) =>
        tag.local === "Override" && (attribute(xml.slice(tag.start, tag.end), "PartName") ?? "").toLowerCase() === key,
    );
    if (removed.length > 0) this.setText("[Content_Types].xml", cutElements(xml, removed));
  }

  /** Writes the edited package to `outputPath`: kept entries copied as stored, in the input's order. */
  save(outputPath: string, timeOfNewParts: number): void {
    const out: CopyEntry[] = [];
    for (const entry of this.entries) {
      const key = entry.name.toLowerCase();
      const change = this.byName.get(key) === entry ? this.changes.get(key) : undefined;
      if (!change) out.push({ kind: "copy", entry });
      else if (change.kind === "set")
        out.push({ kind: "data", name: entry.name, data: change.data, dosTime: dosTimeOf(entry) });
    }
    for (const [key, name] of this.added) {
      const change = this.changes.get(key);
      if (change?.kind === "set") out.push({ kind: "data", name, data: change.data, dosTime: timeOfNewParts });
    }
    writeZipCopy(this.fd, outputPath, out);
  }

  /** The DOS timestamp of a stored part (new parts take the workbook's). */
  storedTime(name: string): number {
    const entry = this.byName.get(name.toLowerCase());
    return entry ? dosTimeOf(entry) : 0x00210000; // 1980-01-01 00:00
  }
}

/** `xml` with `child` added as the last child of its root element. */
export function appendChild(xml: string, child: string): string {
  const root = rootTag(xml);
  if (root.kind === "empty") {
    const open = xml.slice(root.start, root.end).replace(/\s*\/>$/, ">");
    return `${xml.slice(0, root.start)}${open}${child}</${root.qname}>${xml.slice(root.end)}`;
  }
  const end = xml.lastIndexOf(`</${root.qname}`);
  return `${xml.slice(0, end)}${child}${xml.slice(end)}`;
}

/** `xml` without the given elements (which must not overlap). */
export function cutElements(xml: string, elements: readonly { tag: { start: number }; end: number }[]): string {
  const sorted = [...elements].sort((a, b) => a.tag.start - b.tag.start);
  let out = "";
  let at = 0;
  for (const e of sorted) {
    out += xml.slice(at, e.tag.start);
    at = e.end;
  }
  return out + xml.slice(at);
}
