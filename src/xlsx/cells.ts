/**
 * The cells of a worksheet, read straight from its XML (`xl/worksheets/sheetN.xml`), with the shared
 * strings (`xl/sharedStrings.xml`) and number formats (`xl/styles.xml`) it refers to.
 *
 * Why not exceljs' streaming reader (which this replaced):
 * - it defers every sheet that comes before `sharedStrings.xml` in the ZIP (LibreOffice's order)
 *   through temp files, and it names a streamed sheet by `sheetId` once the workbook relationships
 *   are known but by its part number before — so which sheet is which depended on entry order;
 * - it drops a formula's cached result when that is 0, "" or false (the cell read as blank), and
 *   turns a cached error into NaN;
 * - it builds a Row, Cell and style object per cell; reading the XML directly is several times
 *   faster and leaves only the engine's plain arrays behind.
 *
 * Every part is read with the streaming tokenizer of `./xml.ts`, chunk by chunk as it is inflated
 * (`PartReader.feed`): linear time on any input, and a sheet's XML is never held whole.
 *
 * What is read (SpreadsheetML, ECMA-376 Part 1 §18.3.1): `<row r>` and `<c r s t>` with `<v>`, `<f>`
 * and `<is>`, inside the `<sheetData>` that is a child of the root; `<mergeCell ref>`; names may
 * carry a namespace prefix (`<x:c>`). A row or cell without `r` follows the previous one, as the
 * standard allows. Values as SPEC §3 / DESIGN want them:
 * - numbers stay the serials Excel stored (a date is a number with a date format, kept in
 *   `numberFormats`), text is text as typed, booleans are booleans, `t="e"` is `{ error }`;
 * - text made of runs (rich text, as LibreOffice writes mixed Latin/Chinese) is `{ runs }`;
 *   phonetic guides (`<rPh>`) are not part of the text;
 * - a formula cell reads as its cached result, typed like any other value (0, "" and false
 *   included); null when the file has none;
 * - a number format is kept only for numbers, and only when it says something (not General).
 *   Which format a style index means follows exceljs (custom `<numFmt>` first, then the built-in
 *   table; built-ins that depend on the locale, 27–36 and 50–81, are unknown), so the engine sees
 *   the formats it saw before.
 *
 * A value the file cannot mean is refused with the cell's address (`CellContentError`), never read
 * as something else: a shared-string index out of range, a number that is not an XML number
 * (`0x1F`), a boolean other than 0/1, an unreadable ISO date, an unknown cell type. Limits
 * (`./limits.ts`) are checked as the cells arrive: row and column numbers, text length, cells.
 * Rows are stored sparsely when their cells are far apart (`storeRow`).
 */
import { cellAddress, columnNumber } from "../core/grid";
import type { CellValue, MergeArea } from "../core/types";
import { latin1Slice, utf8Bytes } from "./bytes";
import { READ_LIMITS, ReadLimitError } from "./limits";
import { CLOSE, decodeXml, END, OPEN, TEXT, XmlScanner, xmlName } from "./xml";

export { decodeXml };

// ───────────────────────────── Reading a part chunk by chunk ─────────────────────────────

/** What a cell of the file holds that cannot be a value (the file is damaged there). */
export type CellContentProblem = "shared-string-index" | "number" | "boolean" | "date" | "type" | "reference";

export class CellContentError extends Error {
  constructor(
    readonly problem: CellContentProblem,
    /** What the file holds, as written. */
    readonly raw: string,
    /** The cell's address (`B5`), filled in by the sheet reader. */
    public address = "",
  ) {
    super(`cell ${address}: ${problem} "${raw}"`);
    this.name = "CellContentError";
  }
}

/** Counts what the reader keeps, across every part of one read, against `READ_LIMITS.cells`. */
export class CellBudget {
  private used = 0;
  constructor(private readonly limit: number = READ_LIMITS.cells) {}
  take(count: number, where: string): void {
    this.used += count;
    if (this.used > this.limit) throw new ReadLimitError("cells", where);
  }
}

/** A part read as its chunks arrive: `feed` each chunk, then `end` for the result. */
export abstract class PartReader<T> {
  protected readonly xml = new XmlScanner();
  feed(chunk: Uint8Array): void {
    this.xml.feed(chunk);
    this.drain();
  }
  end(): T {
    this.xml.finish();
    this.drain();
    return this.result();
  }
  private drain(): void {
    const xml = this.xml;
    for (let token = xml.next(); token !== END; token = xml.next()) this.onToken(token);
  }
  protected abstract onToken(token: number): void;
  protected abstract result(): T;
}

/** Reads a whole part held in memory. */
export function readWhole<T>(reader: PartReader<T>, xml: Uint8Array | string): T {
  reader.feed(typeof xml === "string" ? utf8Bytes(xml) : xml);
  return reader.end();
}

// ───────────────────────────── Shared strings and inline text ─────────────────────────────

const STRING_ITEM = xmlName("si");
const RUN = xmlName("r");
const TEXT_ELEMENT = xmlName("t");
const PHONETIC = xmlName("rPh");

/**
 * Collects one string item (`<si>` or `<is>`): text of its `<t>`s, or its runs (`<r>`), leaving
 * out phonetic guides (`<rPh>`). Fed the tokens from inside the item.
 */
class StringItemCollector {
  private text = "";
  private runs: string[] | null = null;
  private runText = "";
  private inRun = false;
  private inText = false;
  private phoneticDepth = 0;
  private length = 0;

  constructor(private readonly where: () => string) {}

  reset(): void {
    this.text = "";
    this.runs = null;
    this.runText = "";
    this.inRun = this.inText = false;
    this.phoneticDepth = 0;
    this.length = 0;
  }

  /** Takes a token inside the item. */
  token(xml: XmlScanner, token: number): void {
    if (token === TEXT) {
      if (!this.inText || this.phoneticDepth > 0) return;
      const piece = xml.text();
      this.length += piece.length;
      if (this.length > READ_LIMITS.stringLength) throw new ReadLimitError("string-length", this.where());
      if (this.inRun) this.runText += piece;
      else this.text += piece;
      return;
    }
    if (token === OPEN) {
      if (xml.is(PHONETIC)) {
        if (!xml.selfClosing) this.phoneticDepth++;
      } else if (this.phoneticDepth > 0) return;
      else if (xml.is(RUN) && !xml.selfClosing) {
        this.inRun = true;
        this.runText = "";
      } else if (xml.is(TEXT_ELEMENT) && !xml.selfClosing) this.inText = true;
      else if (xml.is(RUN)) (this.runs ??= []).push("");
      return;
    }
    if (token === CLOSE) {
      if (xml.is(PHONETIC)) this.phoneticDepth--;
      else if (this.phoneticDepth > 0) return;
      else if (xml.is(TEXT_ELEMENT)) this.inText = false;
      else if (xml.is(RUN) && this.inRun) {
        this.inRun = false;
        (this.runs ??= []).push(this.runText);
      }
    }
  }

  /** Plain text, or `{ runs }`; empty text is null (a cell showing nothing). */
  value(): CellValue {
    if (this.runs && this.runs.length > 0) return { runs: this.runs };
    return this.text === "" ? null : this.text;
  }
}

/** `xl/sharedStrings.xml` → the strings by index. */
export class SharedStringsReader extends PartReader<CellValue[]> {
  private readonly strings: CellValue[] = [];
  private readonly item = new StringItemCollector(() => `sharedStrings #${this.strings.length + 1}`);
  private itemDepth = -1;

  constructor(private readonly budget: CellBudget = new CellBudget()) {
    super();
  }

  protected onToken(token: number): void {
    const xml = this.xml;
    if (this.itemDepth < 0) {
      if (token === OPEN && xml.depth <= 2 && xml.is(STRING_ITEM)) {
        this.budget.take(1, "sharedStrings");
        if (xml.selfClosing) this.strings.push(null);
        else {
          this.itemDepth = xml.depth;
          this.item.reset();
        }
      }
      return;
    }
    if (token === CLOSE && xml.depth === this.itemDepth - 1) {
      this.strings.push(this.item.value());
      this.itemDepth = -1;
      return;
    }
    this.item.token(xml, token);
  }

  protected result(): CellValue[] {
    return this.strings;
  }
}

/** `xl/sharedStrings.xml` (whole) → the strings by index. */
export function parseSharedStrings(xml: Uint8Array | string): CellValue[] {
  return readWhole(new SharedStringsReader(), xml);
}

/** The value of a string item's content (what is inside `<si>` or `<is>`). */
export function parseStringItem(content: string): CellValue {
  return parseSharedStrings(`<sst><si>${content}</si></sst>`)[0] ?? null;
}

// ───────────────────────────── Number formats ─────────────────────────────

/** Built-in number formats with a fixed code (ECMA-376 §18.8.30; the same table as exceljs'). */
const BUILT_IN_FORMATS: Readonly<Record<number, string>> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** A number format that says nothing (General) is not kept. */
function meaningfulFormat(format: string | undefined): string | null {
  return format !== undefined && format !== "" && format.toLowerCase() !== "general" ? format : null;
}

/**
 * `xl/styles.xml` → the number format of each cell style (`<cellXfs>` index, the `s` of a cell),
 * null for General or none.
 */
export class CellFormatsReader extends PartReader<(string | null)[]> {
  private readonly custom = new Map<number, string>();
  private readonly ids: number[] = [];
  private section: "numFmts" | "cellXfs" | null = null;

  protected onToken(token: number): void {
    const xml = this.xml;
    if (token === CLOSE) {
      if (xml.depth === 1) this.section = null;
      return;
    }
    if (token !== OPEN) return;
    if (xml.depth === 2 && !xml.selfClosing) {
      this.section = xml.nameIs("numFmts") ? "numFmts" : xml.nameIs("cellXfs") ? "cellXfs" : null;
      return;
    }
    if (this.section === "numFmts" && xml.nameIs("numFmt")) {
      const id = Number(xml.attr("numFmtId"));
      const code = xml.attr("formatCode");
      // Backslash escapes (`yyyy\-mm\-dd`, as LibreOffice writes) are dropped, as exceljs did: the
      // engine and the writer have always seen `yyyy-mm-dd`.
      if (Number.isInteger(id) && code !== undefined) this.custom.set(id, code.replace(/\\(.)/g, "$1"));
    } else if (this.section === "cellXfs" && xml.nameIs("xf") && xml.depth <= 3) {
      this.ids.push(parseInt(xml.attr("numFmtId") ?? "0", 10));
    }
  }

  protected result(): (string | null)[] {
    return this.ids.map((id) => (id ? meaningfulFormat(this.custom.get(id) ?? BUILT_IN_FORMATS[id]) : null));
  }
}

export function parseCellFormats(xml: Uint8Array | string): (string | null)[] {
  return readWhole(new CellFormatsReader(), xml);
}

// ───────────────────────────── Worksheet cells ─────────────────────────────

export interface CellContext {
  readonly sharedStrings: readonly CellValue[];
  /** By style index, from `parseCellFormats`. */
  readonly cellFormats: readonly (string | null)[];
}

export interface SheetCells {
  /**
   * By 0-based row, then 0-based column; rows without cells are holes. A row is a plain array of
   * nulls and values, or — when its cells are far apart — a sparse array (see `storeRow`).
   */
  readonly values: CellValue[][];
  /**
   * Only for rows with a formatted number; null when the sheet has none. Rows with the same formats
   * in the same columns may be one shared array (`FormatRows`): read them, never write to them.
   */
  readonly numberFormats: (readonly (string | null)[])[] | null;
  readonly merges: MergeArea[];
}

const MS_PER_DAY = 86_400_000;
/** Serial of 1970-01-01 in the 1900 system; the 1904 system starts 1,462 days later. */
const UNIX_EPOCH_SERIAL = 25_569;

/** A `t="d"` cell (an ISO 8601 date, as strict files store dates) → its serial; null when unreadable. */
export function isoDateToSerial(text: string, date1904: boolean): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(text.trim());
  if (!m) return null;
  const ms =
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)) +
    Number(m[6] ?? 0) * 1000;
  if (!Number.isFinite(ms)) return null;
  return ms / MS_PER_DAY + UNIX_EPOCH_SERIAL - (date1904 ? 1_462 : 0);
}

/** An XML Schema number (`xsd:double`): digits, one point, an exponent… */
const XML_NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
/** …or one of its special values, which no cell can hold (exceljs writes NaN for one). */
const XML_SPECIAL_NUMBER = /^\s*(?:[+-]?INF|NaN)\s*$/;
const INDEX = /^\s*\d+\s*$/;

/**
 * A cell's value from its type (`t`) and the text of its `<v>` (or `<is>`). Throws
 * `CellContentError` for a value the type cannot have.
 */
export function cellValueOf(type: string | undefined, raw: string, ctx: CellContext, date1904: boolean): CellValue {
  switch (type) {
    case "s": {
      const index = INDEX.test(raw) ? Number(raw) : -1;
      if (index < 0) throw new CellContentError("shared-string-index", raw);
      return sharedString(ctx, index);
    }
    case "str":
    case "inlineStr":
      return raw;
    case "b": {
      const text = raw.trim();
      if (text === "1" || text === "true") return true;
      if (text === "0" || text === "false") return false;
      throw new CellContentError("boolean", raw);
    }
    case "e":
      return { error: raw };
    case "d": {
      const serial = isoDateToSerial(raw, date1904);
      if (serial === null) throw new CellContentError("date", raw);
      return serial;
    }
    case undefined:
    case "n": {
      if (raw.trim() === "") return null;
      if (XML_SPECIAL_NUMBER.test(raw)) return finite(NaN);
      if (!XML_NUMBER.test(raw)) throw new CellContentError("number", raw);
      return finite(Number(raw));
    }
    default:
      throw new CellContentError("type", type);
  }
}

function sharedString(ctx: CellContext, index: number): CellValue {
  if (!Number.isInteger(index) || index < 0 || index >= ctx.sharedStrings.length)
    throw new CellContentError("shared-string-index", String(index));
  return ctx.sharedStrings[index] ?? null;
}

/** A number Excel cannot hold (1e999) shows as #NUM!, as Excel itself would. */
const finite = (n: number): CellValue => (Number.isFinite(n) ? n : { error: "#NUM!" });

/** A row is stored dense (nulls between values) when that costs at most this many slots per value. */
const DENSE_SLOTS_PER_VALUE = 4;
/** …or when it is this short anyway. */
const DENSE_ALWAYS = 64;

/**
 * A row's cells as the array the engine indexes by column. Dense when the cells are close together
 * (the usual ledger row). Cells far apart (one at A and one at XFD) are written from the last
 * column down into an empty array: V8 then keeps it as a dictionary of its few elements rather than
 * 16,384 slots, so the memory follows the number of cells, not the width. `row.length` is still
 * the last column, and a missing cell reads as `undefined`, as a hole always did.
 */
function storeRow<T>(cols: readonly number[], values: readonly T[], count: number, fill: T): T[] {
  let last = 0;
  for (let i = 0; i < count; i++) last = Math.max(last, cols[i] as number);
  if (last <= DENSE_ALWAYS || last <= count * DENSE_SLOTS_PER_VALUE) {
    const row = new Array<T>(last).fill(fill);
    for (let i = 0; i < count; i++) row[(cols[i] as number) - 1] = values[i] as T;
    return row;
  }
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => (cols[b] as number) - (cols[a] as number));
  const row: T[] = [];
  for (const i of order) row[(cols[i] as number) - 1] = values[i] as T;
  return row;
}

/** A step of `FormatRows`' trie: the rows that go on from here, by column then format, and the row that ends here. */
interface FormatRowNode {
  next: Map<number, Map<string | null, FormatRowNode>> | null;
  row: readonly (string | null)[] | null;
}

/** Trie nodes `FormatRows` keeps at most; past that, rows are no longer shared. */
const SHARED_FORMAT_NODES = 4096;

/**
 * The number-format rows of a sheet, one array per distinct row. A ledger repeats a few patterns
 * (a date format in the same two or three columns on every item row), so 100,000 rows need a
 * handful of arrays, not 100,000 (~14 MB on a 100,000-item ledger, kept for the whole evaluation).
 * Rows are found in a trie over their (column, format) pairs in file order: the same pairs always
 * make the same row. Shared rows are frozen, so no reader can change another row's formats. A sheet
 * whose rows do not repeat (past `SHARED_FORMAT_NODES` trie steps) stops sharing and costs no more
 * than before.
 */
class FormatRows {
  private root: FormatRowNode | null = { next: null, row: null };
  private nodes = 0;

  row(cols: readonly number[], formats: readonly (string | null)[], count: number): readonly (string | null)[] {
    if (this.root === null) return storeRow(cols, formats, count, null);
    let node = this.root;
    for (let i = 0; i < count; i++) {
      const col = cols[i] as number;
      const format = formats[i] as string | null;
      node.next ??= new Map();
      let byFormat = node.next.get(col);
      if (byFormat === undefined) node.next.set(col, (byFormat = new Map()));
      let child = byFormat.get(format);
      if (child === undefined) {
        if (++this.nodes > SHARED_FORMAT_NODES) {
          this.root = null;
          return storeRow(cols, formats, count, null);
        }
        byFormat.set(format, (child = { next: null, row: null }));
      }
      node = child;
    }
    return (node.row ??= Object.freeze(storeRow(cols, formats, count, null)));
  }
}

/** `A1`-style reference in `buf[start, end)` → its column (1-based), 0 when it has no letters; -1 when malformed. */
function columnOfRef(buf: Uint8Array, start: number, end: number): number {
  let col = 0;
  let i = start;
  for (; i < end; i++) {
    const code = (buf[i] as number) | 0x20; // lower case
    if (code < 0x61 || code > 0x7a) break;
    col = col * 26 + (code - 0x60);
    // Beyond XFD already: stop counting (a long run of letters must not grow the number forever).
    if (col > READ_LIMITS.columns) return col;
  }
  if (i === start || i === end) return -1;
  for (; i < end; i++) {
    const b = buf[i] as number;
    if (b < 0x30 || b > 0x39) return -1;
  }
  return col;
}

/** A row number attribute: its value, or -1 when it is not a positive integer. */
function positiveInteger(buf: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i] as number;
    if (b < 0x30 || b > 0x39) return -1;
    n = n * 10 + (b - 0x30);
    if (n > READ_LIMITS.rows) return n;
  }
  return end > start && n > 0 ? n : -1;
}

/** The names the sheet reader looks for on every row and cell, hashed once. */
const ROW = xmlName("row");
const CELL = xmlName("c");
const VALUE = xmlName("v");
const INLINE = xmlName("is");
const REF = xmlName("r");
const TYPE = xmlName("t");
const STYLE = xmlName("s");

/** Cell types as the file spells them, matched on the bytes so the usual ones cost no string. */
const CELL_TYPES = ["s", "n", "str", "b", "e", "d", "inlineStr"] as const;

function cellTypeAt(xml: XmlScanner, index: number): string | undefined {
  if (index < 0) return undefined;
  const start = xml.attrValueStart(index);
  const end = xml.attrValueEnd(index);
  // The usual one-letter types by their byte; anything else compared in full.
  if (end - start === 1) {
    const b = xml.buffer[start];
    if (b === 0x73) return "s";
    if (b === 0x6e) return "n";
  }
  for (const type of CELL_TYPES) if (sameBytes(xml.buffer, start, end, type)) return type;
  return xml.attrValue(index);
}

function sameBytes(buf: Uint8Array, start: number, end: number, ascii: string): boolean {
  if (end - start !== ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (buf[start + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/**
 * The number written in `buf[start, end)` when it is plain XML number syntax (what `XML_NUMBER`
 * accepts, without surrounding white space), read straight from the bytes; NaN otherwise (the
 * caller then takes the careful path through `cellValueOf`).
 */
function numberAt(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  if (i < end && (buf[i] === 0x2d || buf[i] === 0x2b)) i++;
  let digits = 0;
  let integer = 0;
  for (; i < end; i++) {
    const b = buf[i] as number;
    if (b < 0x30 || b > 0x39) break;
    integer = integer * 10 + (b - 0x30);
    digits++;
  }
  if (i === end) {
    if (digits === 0) return NaN;
    // Up to 15 digits the sum above is exact; longer integers are left to Number's rounding.
    if (digits < 16) return buf[start] === 0x2d ? -integer : integer;
    return Number(latin1Slice(buf, start, end));
  }
  // A fraction and/or an exponent: check the syntax on the bytes, then let Number convert.
  if (buf[i] === 0x2e) {
    i++;
    for (; i < end; i++) {
      const b = buf[i] as number;
      if (b < 0x30 || b > 0x39) break;
      digits++;
    }
  }
  if (digits === 0) return NaN;
  if (i < end && (buf[i] === 0x65 || buf[i] === 0x45)) {
    i++;
    if (i < end && (buf[i] === 0x2d || buf[i] === 0x2b)) i++;
    const expStart = i;
    for (; i < end; i++) {
      const b = buf[i] as number;
      if (b < 0x30 || b > 0x39) break;
    }
    if (i === expStart) return NaN;
  }
  return i === end ? Number(latin1Slice(buf, start, end)) : NaN;
}

/**
 * Reads one worksheet's XML: the cells of its `<sheetData>` and its merged areas. Fed the part in
 * chunks; rows are finished as their `</row>` arrives.
 */
export class SheetReader extends PartReader<SheetCells> {
  private readonly values: CellValue[][] = [];
  private readonly formats: (readonly (string | null)[])[] = [];
  private readonly formatRows = new FormatRows();
  private anyFormat = false;
  private readonly merges: MergeArea[] = [];

  private inSheetData = false;
  private lastRow = 0;
  private row = 0;
  private rowStyle = 0;
  private rowOpen = false;
  // The open row's cells, finished at </row>.
  private cols: number[] = [];
  private cellValues: CellValue[] = [];
  private cellFormats: (string | null)[] = [];
  private count = 0;
  private formatCount = 0;
  private formatCols: number[] = [];
  private lastCol = 0;
  // The open cell.
  private col = 0;
  private type: string | undefined = undefined;
  private style = 0;
  private cellDepth = -1;
  private inValue = false;
  private value = "";
  private hasValue = false;
  /** The value read straight from the bytes (a number or a shared-string index); NaN when not. */
  private quick = NaN;
  private inlineItem: StringItemCollector | null = null;
  private inlineDepth = -1;

  constructor(
    private readonly sheet: string,
    private readonly ctx: CellContext,
    private readonly date1904: boolean,
    private readonly budget: CellBudget = new CellBudget(),
  ) {
    super();
  }

  private where(): string {
    return `${this.sheet}!${this.col > 0 && this.row > 0 ? cellAddress(this.row, this.col) : ""}`;
  }

  protected onToken(token: number): void {
    const xml = this.xml;
    if (!this.inSheetData) {
      if (token !== OPEN) return;
      // Only the root's own children: the word "sheetData" anywhere else (a footer's text) is not one.
      if (xml.depth === 2 && xml.nameIs("sheetData")) this.inSheetData = true;
      else if (xml.nameIs("mergeCell") && xml.depth <= 3) this.addMerge(xml.attr("ref"));
      return;
    }
    if (this.cellDepth >= 0) {
      this.cellToken(token);
      return;
    }
    if (token === OPEN) {
      if (xml.is(CELL)) {
        if (this.rowOpen) this.openCell();
      } else if (xml.is(ROW)) this.openRow();
    } else if (token === CLOSE) {
      if (xml.depth === 1) this.inSheetData = false;
      else if (xml.is(ROW)) this.closeRow();
    }
  }

  private openRow(): void {
    const xml = this.xml;
    const r = xml.attrIndexOf(REF);
    let row = this.lastRow + 1;
    if (r >= 0) {
      row = positiveInteger(xml.buffer, xml.attrValueStart(r), xml.attrValueEnd(r));
      if (row < 0) throw new CellContentError("reference", xml.attrValue(r), `${this.sheet}!`);
    }
    if (row > READ_LIMITS.rows) throw new ReadLimitError("rows", `${this.sheet}!${row}`);
    this.row = this.lastRow = row;
    this.rowStyle = parseInt(xml.attr("s") ?? "", 10) || 0;
    this.count = this.formatCount = this.lastCol = 0;
    this.rowOpen = !xml.selfClosing;
  }

  private closeRow(): void {
    this.rowOpen = false;
    if (this.count === 0) return;
    this.values[this.row - 1] = storeRow(this.cols, this.cellValues, this.count, null);
    if (this.formatCount > 0) {
      this.formats[this.row - 1] = this.formatRows.row(this.formatCols, this.cellFormats, this.formatCount);
      this.anyFormat = true;
    }
    this.budget.take(this.count, this.sheet);
  }

  private openCell(): void {
    const xml = this.xml;
    const r = xml.attrIndexOf(REF);
    let col = this.lastCol + 1;
    if (r >= 0) {
      const refCol = columnOfRef(xml.buffer, xml.attrValueStart(r), xml.attrValueEnd(r));
      if (refCol < 0) throw new CellContentError("reference", xml.attrValue(r), `${this.sheet}!`);
      if (refCol > 0) col = refCol;
    }
    if (col > READ_LIMITS.columns) throw new ReadLimitError("columns", `${this.sheet}!${xml.attrValue(r)}`);
    this.col = this.lastCol = col;
    if (xml.selfClosing) return;
    this.type = cellTypeAt(xml, xml.attrIndexOf(TYPE));
    const s = xml.attrIndexOf(STYLE);
    this.style = (s >= 0 ? numberAt(xml.buffer, xml.attrValueStart(s), xml.attrValueEnd(s)) : 0) || this.rowStyle;
    this.cellDepth = xml.depth;
    this.quick = NaN;
    this.value = "";
    this.hasValue = false;
    this.inValue = false;
    this.inlineItem = null;
    this.inlineDepth = -1;
  }

  private cellToken(token: number): void {
    const xml = this.xml;
    if (this.inlineDepth >= 0) {
      if (token === CLOSE && xml.depth === this.inlineDepth - 1) this.inlineDepth = -1;
      else this.inlineItem?.token(xml, token);
      return;
    }
    if (token === TEXT) {
      if (this.inValue) {
        const type = this.type;
        if (
          this.value === "" &&
          Number.isNaN(this.quick) &&
          !xml.cdata &&
          (type === undefined || type === "s" || type === "n")
        ) {
          this.quick = numberAt(xml.buffer, xml.textStart, xml.textEnd);
          if (!Number.isNaN(this.quick)) return;
        } else if (!Number.isNaN(this.quick)) {
          // More text after a quick read (a comment inside <v>): read it all the careful way.
          this.value = String(this.quick);
          this.quick = NaN;
        }
        this.value += xml.text();
        if (this.value.length > READ_LIMITS.stringLength) throw new ReadLimitError("string-length", this.where());
      }
    } else if (token === OPEN) {
      if (xml.depth !== this.cellDepth + 1 && !(xml.selfClosing && xml.depth === this.cellDepth)) return;
      if (xml.is(VALUE)) {
        this.hasValue = true;
        this.inValue = !xml.selfClosing;
      } else if (xml.is(INLINE) && !xml.selfClosing) {
        this.inlineItem ??= new StringItemCollector(() => this.where());
        this.inlineItem.reset();
        this.inlineDepth = xml.depth;
      }
    } else if (token === CLOSE) {
      if (xml.depth === this.cellDepth) this.inValue = false;
      else if (xml.depth === this.cellDepth - 1) this.closeCell();
    }
  }

  private closeCell(): void {
    this.cellDepth = -1;
    const { ctx, type } = this;
    let value: CellValue;
    try {
      if (type === "inlineStr" && this.inlineItem) value = this.inlineItem.value();
      // No `<v>`: an empty cell, or a formula the file holds no result for.
      else if (!this.hasValue) return;
      else if (!Number.isNaN(this.quick)) value = type === "s" ? sharedString(ctx, this.quick) : finite(this.quick);
      else value = cellValueOf(type, this.value, ctx, this.date1904);
    } catch (error) {
      if (error instanceof CellContentError) error.address = this.where();
      throw error;
    }
    if (value === null) return;
    if (typeof value === "string" && value.length > READ_LIMITS.stringLength)
      throw new ReadLimitError("string-length", this.where());
    const at = this.count++;
    this.cols[at] = this.col;
    this.cellValues[at] = value;
    if (typeof value === "number" && this.style) {
      const format = ctx.cellFormats[this.style] ?? null;
      if (format) {
        const f = this.formatCount++;
        this.formatCols[f] = this.col;
        this.cellFormats[f] = format;
      }
    }
  }

  private addMerge(ref: string | undefined): void {
    const area = mergeFromRef(ref ?? "");
    // A one-cell "merge" merges nothing.
    if (!area || (area.bottom === area.top && area.right === area.left)) return;
    // The engine indexes merges row by row: the rows they cover count against the cell limit.
    this.budget.take(area.bottom - area.top + 1, `${this.sheet} mergeCells`);
    this.merges.push(area);
  }

  protected result(): SheetCells {
    if (this.inSheetData || this.cellDepth >= 0) throw new CellContentError("reference", "", this.sheet);
    return { values: this.values, numberFormats: this.anyFormat ? this.formats : null, merges: this.merges };
  }
}

/** `A1` or `A1:F2` → a merge area; null for anything else. */
export function mergeFromRef(ref: string): MergeArea | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(ref.trim());
  if (!m) return null;
  const left = columnNumber(m[1] ?? "");
  const right = columnNumber(m[3] ?? m[1] ?? "");
  const top = Number(m[2]);
  const bottom = Number(m[4] ?? m[2]);
  if (left === null || right === null || top < 1 || bottom < 1) return null;
  if (top > READ_LIMITS.rows || bottom > READ_LIMITS.rows) return null;
  return {
    top: Math.min(top, bottom),
    bottom: Math.max(top, bottom),
    left: Math.min(left, right),
    right: Math.max(left, right),
  };
}
