/**
 * A small streaming XML tokenizer over UTF-8 bytes, for the parts of an .xlsx the reader needs
 * (sheets, shared strings, styles, workbook, relationships, content types).
 *
 * Why our own and not a regular expression or saxes:
 * - every step moves forward: each byte is looked at a bounded number of times, so unclosed or
 *   malformed markup costs linear time (lazy `[\s\S]*?` patterns went quadratic on it);
 * - it works on the bytes as inflated, chunk by chunk: a sheet's XML never exists whole, nor as one
 *   JavaScript string, and only the texts and attribute values a caller asks for are decoded;
 * - it is several times faster than a general parser that builds a string per name and attribute.
 *
 * What it follows of XML 1.0: attributes separated by any XML white space (space, tab, CR, LF) with
 * white space allowed around `=` and either quote; namespace prefixes (names are compared by their
 * local part); comments, processing instructions and the DOCTYPE (its internal subset included) are
 * skipped — no entity is ever defined or expanded beyond the five predefined ones and character
 * references; CDATA sections are text; line ends in text are normalised to LF and white space in
 * attribute values to spaces. Well-formedness that matters for reading right is checked: every
 * element closes with its own name, nothing is left open at the end, tags are complete.
 * Anything else is an `XmlError` (the part is damaged).
 *
 * Encodings: UTF-8 (with or without BOM); UTF-16 (BOM or `<?xml` in UTF-16) and any other encoding
 * a declaration names that the platform's TextDecoder knows are turned into UTF-8 first (`toUtf8`).
 */
import { allocBytes, bytesAt, indexOfBytes, latin1Slice, utf8Bytes, utf8Slice } from "./bytes";

export class XmlError extends Error {
  constructor(readonly reason: string) {
    super(`xml: ${reason}`);
    this.name = "XmlError";
  }
}

/** The kinds of token `next()` returns. */
export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;
/** The end of what was fed: feed more (or the input ended, if it was final). */
export const END = 0;
export type XmlToken = typeof OPEN | typeof CLOSE | typeof TEXT | typeof END;

/** Elements nest no deeper than this in any SpreadsheetML part; deeper is refused as damaged. */
export const MAX_XML_DEPTH = 256;
/** One tag (or comment, DOCTYPE, CDATA section) longer than this is refused: no Excel part has one. */
export const MAX_TOKEN_BYTES = 16 << 20;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOS = 0x27;
const COLON = 0x3a;
const BANG = 0x21;
const QUESTION = 0x3f;

/**
 * Byte classes, looked up rather than tested by a function: the tokenizer's loops run before the
 * JIT has inlined anything, and a table read is cheaper there than a call.
 */
const SPACE = 1;
const NAME_END = 2;
const BYTE_CLASS = new Uint8Array(256);
for (const b of [0x20, 0x09, 0x0a, 0x0d]) BYTE_CLASS[b] = SPACE | NAME_END;
for (const b of [SLASH, GT, EQUALS]) BYTE_CLASS[b] = NAME_END;

const FNV_OFFSET = 0x811c9dc5 | 0; // an int32 throughout, so fields holding hashes never change representation
const FNV_PRIME = 0x01000193;

/** A local name to compare tokens with (`XmlScanner.is`): its bytes and their hash, computed once. */
export interface XmlName {
  readonly ascii: string;
  readonly hash: number;
}

export function xmlName(ascii: string): XmlName {
  let hash = FNV_OFFSET;
  for (let i = 0; i < ascii.length; i++) hash = Math.imul(hash ^ ascii.charCodeAt(i), FNV_PRIME);
  return { ascii, hash };
}

const ATTR_SLOTS = 6;
const COMMENT_END = utf8Bytes("-->");
const PI_END = utf8Bytes("?>");
const CDATA_START = utf8Bytes("<![CDATA[");
const CDATA_END = utf8Bytes("]]>");

/**
 * Pull tokenizer: `feed` bytes, then call `next()` until it returns `END`; after the last chunk
 * call `finish()`. Between calls the current token is described by public fields (no allocation
 * per token): the name (`nameIs`, `localName`), attributes (`attr`, `attrIndex`) and text
 * (`text()`, or `textStart`/`textEnd` in `buffer`). Text may come in several pieces (a chunk can
 * end inside it); a caller collecting text appends them.
 */
export class XmlScanner {
  buffer: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private final = false;
  /** Hashes of the qualified names of open elements, to check each closes with its own name. */
  private readonly open: number[] = [];

  token: XmlToken = END;
  /** The local name (after any prefix) of an OPEN or CLOSE token, as byte offsets in `buffer`. */
  nameStart = 0;
  nameEnd = 0;
  /** An OPEN token that is also its own end (`<c/>`). The matching CLOSE is not reported. */
  selfClosing = false;
  textStart = 0;
  textEnd = 0;
  /** The text is a CDATA section (no entities in it). */
  cdata = false;
  /** Per attribute (`ATTR_SLOTS` numbers): local name start, end, value start, end, qualified name start, local name hash. */
  private attrOffsets: number[] = [];
  attrCount = 0;

  /** Holds the unconsumed bytes and the next chunk; reused from chunk to chunk (no garbage per chunk). */
  private storage: Uint8Array = new Uint8Array(0);

  /**
   * Adds the next chunk of the part. Unconsumed bytes of the last one are kept (an incomplete tag).
   * Offsets into `buffer` from before are no longer valid afterwards.
   */
  feed(chunk: Uint8Array): void {
    const rest = this.buffer.length - this.pos;
    if (rest > MAX_TOKEN_BYTES) throw new XmlError("token too long");
    const length = rest + chunk.length;
    if (this.storage.length < length) {
      const grown = allocBytes(Math.max(length, this.storage.length * 2));
      grown.set(this.buffer.subarray(this.pos), 0);
      this.storage = grown;
    } else if (rest > 0) this.storage.copyWithin(0, this.pos, this.pos + rest); // `buffer` starts at storage[0]
    this.storage.set(chunk, rest);
    this.buffer = this.storage.subarray(0, length);
    this.pos = 0;
  }

  /** No more input: the next `next()` calls read to the end and check that everything closed. */
  finish(): void {
    this.final = true;
  }

  /** Current depth: elements open around the current position. */
  get depth(): number {
    return this.open.length;
  }

  next(): XmlToken {
    for (;;) {
      const buf = this.buffer;
      const start = this.pos;
      if (start >= buf.length) return this.atEnd();
      if (buf[start] !== LT) {
        let lt = buf.indexOf(LT, start);
        if (lt < 0) {
          // The text may go on in the next chunk (an entity or a character may be cut): keep it.
          if (!this.final) return (this.token = END);
          lt = buf.length;
        }
        this.pos = lt;
        this.textStart = start;
        this.textEnd = lt;
        this.cdata = false;
        return (this.token = TEXT);
      }
      const kind = buf[start + 1];
      if (kind === undefined) return this.needMore();
      if (kind === BANG || kind === QUESTION) {
        const handled = this.special(buf, start, kind);
        if (handled === null) return this.needMore();
        if (handled === TEXT) return (this.token = TEXT);
        continue;
      }
      return kind === SLASH ? this.closeTag(buf, start) : this.openTag(buf, start);
    }
  }

  private atEnd(): XmlToken {
    if (this.final && this.open.length > 0) throw new XmlError("element not closed");
    return (this.token = END);
  }

  private needMore(): XmlToken {
    if (this.final) throw new XmlError("incomplete tag");
    return (this.token = END);
  }

  /** `<!-- -->`, `<? ?>`, `<![CDATA[ ]]>`, `<!DOCTYPE …>`: null when incomplete, TEXT for CDATA. */
  private special(buf: Uint8Array, start: number, kind: number): XmlToken | null {
    if (kind === QUESTION) return this.skipPast(buf, start, PI_END);
    if (buf.length - start < 4) return null;
    if (buf[start + 2] === 0x2d && buf[start + 3] === 0x2d) return this.skipPast(buf, start + 4, COMMENT_END);
    if (buf.length - start < CDATA_START.length) return null;
    if (bytesAt(buf, start, CDATA_START)) {
      if (this.open.length === 0) throw new XmlError("text outside the root element");
      const end = indexOfBytes(buf, CDATA_END, start + CDATA_START.length);
      if (end < 0) return null;
      this.textStart = start + CDATA_START.length;
      this.textEnd = end;
      this.cdata = true;
      this.pos = end + CDATA_END.length;
      return TEXT;
    }
    // A declaration (<!DOCTYPE …>): ends at the first `>` outside quotes and the `[…]` subset.
    let quote = 0;
    let bracket = 0;
    for (let i = start + 2; i < buf.length; i++) {
      const b = buf[i] as number;
      if (quote) {
        if (b === quote) quote = 0;
      } else if (b === QUOTE || b === APOS) quote = b;
      else if (b === 0x5b) bracket++;
      else if (b === 0x5d) bracket--;
      else if (b === GT && bracket <= 0) {
        this.pos = i + 1;
        return END;
      }
    }
    return null;
  }

  private skipPast(buf: Uint8Array, from: number, end: Uint8Array): XmlToken | null {
    const at = indexOfBytes(buf, end, from);
    if (at < 0) return null;
    this.pos = at + end.length;
    return END;
  }

  /**
   * Reads a qualified name at `i`: sets nameStart/nameEnd to its local part, the hash of the whole
   * name (to match end tags) and of the local part (to compare with an `XmlName`); returns its end,
   * or -1 when the name runs to the end of the chunk (it may go on in the next one).
   */
  private name(buf: Uint8Array, i: number): number {
    this.qualifiedStart = i;
    let local = i;
    let hash = FNV_OFFSET;
    let localHash = FNV_OFFSET;
    const end = buf.length;
    while (i < end) {
      const b = buf[i] as number;
      if ((BYTE_CLASS[b] as number) & NAME_END) break;
      hash = Math.imul(hash ^ b, FNV_PRIME);
      if (b === COLON) {
        local = i + 1;
        localHash = FNV_OFFSET;
      } else localHash = Math.imul(localHash ^ b, FNV_PRIME);
      i++;
    }
    this.nameStart = local;
    this.nameEnd = i;
    this.nameHash = hash;
    this.localHash = localHash;
    return i < end ? i : -1;
  }
  private localHash = 0;
  private nameHash = 0;
  private qualifiedStart = 0;

  private closeTag(buf: Uint8Array, start: number): XmlToken {
    let i = this.name(buf, start + 2);
    if (i < 0) return this.needMore();
    if (this.nameEnd === this.nameStart) throw new XmlError("empty name");
    while (i < buf.length && (BYTE_CLASS[buf[i] as number] as number) & SPACE) i++;
    if (i >= buf.length) return this.needMore();
    if (buf[i] !== GT) throw new XmlError("malformed end tag");
    if (this.open.pop() !== this.nameHash) throw new XmlError("mismatched end tag");
    this.pos = i + 1;
    this.selfClosing = false;
    return (this.token = CLOSE);
  }

  private openTag(buf: Uint8Array, start: number): XmlToken {
    let i = this.name(buf, start + 1);
    if (i < 0) return this.needMore();
    if (this.nameEnd === this.nameStart) throw new XmlError("empty name");
    const offsets = this.attrOffsets;
    let count = 0;
    for (;;) {
      const before = i;
      while (i < buf.length && (BYTE_CLASS[buf[i] as number] as number) & SPACE) i++;
      if (i >= buf.length) return this.needMore();
      const b = buf[i] as number;
      if (b === GT || b === SLASH) {
        if (b === SLASH) {
          if (i + 1 >= buf.length) return this.needMore();
          if (buf[i + 1] !== GT) throw new XmlError("malformed tag");
          i++;
        }
        this.selfClosing = b === SLASH;
        this.pos = i + 1;
        break;
      }
      if (before === i) throw new XmlError("attributes not separated");
      // An attribute: name S? = S? quoted value.
      const nameHash = this.nameHash;
      const localHash = this.localHash;
      const nameStart = this.nameStart;
      const nameEnd = this.nameEnd;
      i = this.name(buf, i);
      if (i < 0) return this.needMore();
      const qualifiedStart = this.qualifiedStart;
      const attrHash = this.localHash;
      const attrStart = this.nameStart;
      const attrEnd = this.nameEnd;
      this.nameStart = nameStart;
      this.nameEnd = nameEnd;
      this.nameHash = nameHash;
      this.localHash = localHash;
      if (attrEnd === attrStart) throw new XmlError("malformed attribute");
      while (i < buf.length && (BYTE_CLASS[buf[i] as number] as number) & SPACE) i++;
      if (i >= buf.length) return this.needMore();
      if (buf[i] !== EQUALS) throw new XmlError("attribute without value");
      i++;
      while (i < buf.length && (BYTE_CLASS[buf[i] as number] as number) & SPACE) i++;
      if (i >= buf.length) return this.needMore();
      const quote = buf[i];
      if (quote !== QUOTE && quote !== APOS) throw new XmlError("unquoted attribute value");
      const close = buf.indexOf(quote, i + 1);
      if (close < 0) return this.needMore();
      const base = count * ATTR_SLOTS;
      offsets[base] = attrStart;
      offsets[base + 1] = attrEnd;
      offsets[base + 2] = i + 1;
      offsets[base + 3] = close;
      offsets[base + 4] = qualifiedStart;
      offsets[base + 5] = attrHash;
      count++;
      i = close + 1;
    }
    this.attrCount = count;
    if (!this.selfClosing) {
      if (this.open.length >= MAX_XML_DEPTH) throw new XmlError("nested too deeply");
      this.open.push(this.nameHash);
    }
    return (this.token = OPEN);
  }

  /** The current token's local name is `name` (by hash, then byte by byte; nothing allocated). */
  is(name: XmlName): boolean {
    return this.localHash === name.hash && sameAscii(this.buffer, this.nameStart, this.nameEnd, name.ascii);
  }

  /** The index of the attribute whose local name is `name`, or -1. */
  attrIndexOf(name: XmlName): number {
    const offsets = this.attrOffsets;
    for (let a = 0; a < this.attrCount; a++) {
      const base = a * ATTR_SLOTS;
      if (
        offsets[base + 5] === name.hash &&
        sameAscii(this.buffer, offsets[base] as number, offsets[base + 1] as number, name.ascii)
      )
        return a;
    }
    return -1;
  }

  /** The current token's local name is `ascii` (compared byte by byte, nothing allocated). */
  nameIs(ascii: string): boolean {
    return sameAscii(this.buffer, this.nameStart, this.nameEnd, ascii);
  }

  localName(): string {
    return utf8Slice(this.buffer, this.nameStart, this.nameEnd);
  }

  /** The index of the attribute whose local name is `ascii`, or -1. */
  attrIndex(ascii: string): number {
    const offsets = this.attrOffsets;
    for (let a = 0; a < this.attrCount; a++) {
      if (sameAscii(this.buffer, offsets[a * ATTR_SLOTS] as number, offsets[a * ATTR_SLOTS + 1] as number, ascii))
        return a;
    }
    return -1;
  }

  attrValueStart(index: number): number {
    return this.attrOffsets[index * ATTR_SLOTS + 2] as number;
  }

  attrValueEnd(index: number): number {
    return this.attrOffsets[index * ATTR_SLOTS + 3] as number;
  }

  /** The decoded value of the attribute with local name `ascii`, or undefined. */
  attr(ascii: string): string | undefined {
    const a = this.attrIndex(ascii);
    return a < 0 ? undefined : this.attrValue(a);
  }

  attrValue(index: number): string {
    const raw = utf8Slice(this.buffer, this.attrValueStart(index), this.attrValueEnd(index));
    return decodeXml(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, " ") : raw);
  }

  /** All attributes of the current tag as qualified name → decoded value. */
  attrMap(): Map<string, string> {
    const map = new Map<string, string>();
    for (let a = 0; a < this.attrCount; a++) {
      const offsets = this.attrOffsets;
      const name = utf8Slice(this.buffer, offsets[a * ATTR_SLOTS + 4] as number, offsets[a * ATTR_SLOTS + 1] as number);
      if (!map.has(name)) map.set(name, this.attrValue(a));
    }
    return map;
  }

  /** The current TEXT token, decoded (entities, CDATA, line ends). */
  text(): string {
    const raw = utf8Slice(this.buffer, this.textStart, this.textEnd);
    const text = raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
    return this.cdata ? text : decodeXml(text);
  }
}

function sameAscii(buf: Uint8Array, start: number, end: number, ascii: string): boolean {
  if (end - start !== ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (buf[start + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * Replaces the predefined entities and character references. Anything else after `&` (an entity a
 * DOCTYPE would define) is left as written: entities are never expanded.
 */
export function decodeXml(text: string): string {
  let amp = text.indexOf("&");
  if (amp < 0) return text;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    const semi = text.indexOf(";", amp + 1);
    // Entity names are short; a `;` far away is not this entity's end.
    if (semi < 0) break;
    const entity = text.slice(amp + 1, semi);
    let replacement: string | undefined;
    if (semi - amp <= 12) {
      if (entity.startsWith("#x") || entity.startsWith("#X")) replacement = charRef(entity.slice(2), 16);
      else if (entity.startsWith("#")) replacement = charRef(entity.slice(1), 10);
      else replacement = ENTITIES[entity];
    }
    if (replacement !== undefined) {
      out += text.slice(from, amp) + replacement;
      from = semi + 1;
    }
    amp = text.indexOf("&", replacement !== undefined ? semi + 1 : amp + 1);
  }
  return out + text.slice(from);
}

function charRef(digits: string, radix: number): string | undefined {
  if (!(radix === 16 ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) return undefined;
  const code = parseInt(digits, radix);
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

// ───────────────────────────── Encodings ─────────────────────────────

/** The encoding a part starts in, from its BOM or first bytes (XML 1.0 Appendix F); null = UTF-8 so far. */
export function detectEncoding(head: Uint8Array): string | null {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  if (head[0] === 0x3c && head[1] === 0x00 && head[2] === 0x3f && head[3] === 0x00) return "utf-16le";
  if (head[0] === 0x00 && head[1] === 0x3c && head[2] === 0x00 && head[3] === 0x3f) return "utf-16be";
  // An 8-bit encoding other than UTF-8 says so in its declaration.
  const declaration = /^(?:\xef\xbb\xbf)?<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(
    latin1Slice(head, 0, Math.min(head.length, 256)),
  );
  const name = declaration?.[1]?.toLowerCase();
  return name && name !== "utf-8" && name !== "utf8" ? name : null;
}

/** A whole part in `encoding` as UTF-8 bytes (its declaration then no longer matters to us). */
export function toUtf8(bytes: Uint8Array, encoding: string): Uint8Array {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding === "utf-16" ? "utf-16le" : encoding, { fatal: true });
  } catch {
    throw new XmlError(`unsupported encoding ${encoding}`);
  }
  try {
    return utf8Bytes(decoder.decode(bytes));
  } catch {
    throw new XmlError(`not valid ${encoding}`);
  }
}

/** Strips a UTF-8 byte order mark. */
export function withoutBom(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}
