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
 * What is read (SpreadsheetML, ECMA-376 Part 1 §18.3.1): `<row r>` and `<c r s t>` with `<v>`, `<f>`
 * and `<is>`; names may carry a namespace prefix (`<x:c>`). A row or cell without `r` follows the
 * previous one, as the standard allows. Values as SPEC §3 / DESIGN want them:
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
 */
import type { CellValue } from "../core/types";

// ───────────────────────────── XML text ─────────────────────────────

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return XML_ENTITIES[entity] ?? whole;
  });
}

/** The value of one attribute in a tag's attribute text (`r="A1" s="3"`), undecoded. */
function attribute(attrs: string, name: string): string | undefined {
  const at = attrs.indexOf(` ${name}="`);
  if (at >= 0) {
    const start = at + name.length + 3;
    const end = attrs.indexOf('"', start);
    return end < 0 ? undefined : attrs.slice(start, end);
  }
  const single = attrs.indexOf(` ${name}='`);
  if (single < 0) return undefined;
  const start = single + name.length + 3;
  const end = attrs.indexOf("'", start);
  return end < 0 ? undefined : attrs.slice(start, end);
}

// ───────────────────────────── Shared strings and inline text ─────────────────────────────

const PHONETIC = /<(?:[\w-]+:)?rPh\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:[\w-]+:)?rPh>)/g;
const RUN = /<(?:[\w-]+:)?r(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w-]+:)?r>/g;
const TEXT = /<(?:[\w-]+:)?t(?:\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/(?:[\w-]+:)?t>)/g;

function textOf(xml: string): string {
  let text = "";
  for (const m of xml.matchAll(TEXT)) text += m[1] ?? "";
  return decodeXml(text);
}

/**
 * The content of a string item (`<si>` or `<is>`): plain text, or `{ runs }` when it is made of
 * runs. Empty text is null (a cell showing nothing).
 */
export function parseStringItem(xml: string): CellValue {
  const content = xml.includes("rPh") ? xml.replace(PHONETIC, "") : xml;
  if (/<(?:[\w-]+:)?r[\s>]/.test(content)) {
    const runs: string[] = [];
    for (const m of content.matchAll(RUN)) runs.push(textOf(m[1] ?? ""));
    if (runs.length > 0) return { runs };
  }
  const text = textOf(content);
  return text === "" ? null : text;
}

/** `xl/sharedStrings.xml` → the strings by index. */
export function parseSharedStrings(xml: string): CellValue[] {
  const strings: CellValue[] = [];
  for (const m of xml.matchAll(/<(?:[\w-]+:)?si(?:\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/(?:[\w-]+:)?si>)/g)) {
    strings.push(parseStringItem(m[1] ?? ""));
  }
  return strings;
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
export function parseCellFormats(xml: string): (string | null)[] {
  const custom = new Map<number, string>();
  const numFmts = /<(?:[\w-]+:)?numFmts\b[\s\S]*?<\/(?:[\w-]+:)?numFmts>/.exec(xml)?.[0] ?? "";
  for (const m of numFmts.matchAll(/<(?:[\w-]+:)?numFmt\s([^>]*?)\/?>/g)) {
    const attrs = ` ${m[1] ?? ""}`;
    const id = Number(attribute(attrs, "numFmtId"));
    const code = attribute(attrs, "formatCode");
    // Backslash escapes (`yyyy\-mm\-dd`, as LibreOffice writes) are dropped, as exceljs did: the
    // engine and the writer have always seen `yyyy-mm-dd`.
    if (Number.isInteger(id) && code !== undefined) custom.set(id, decodeXml(code).replace(/\\(.)/g, "$1"));
  }
  const cellXfs = /<(?:[\w-]+:)?cellXfs\b[\s\S]*?<\/(?:[\w-]+:)?cellXfs>/.exec(xml)?.[0] ?? "";
  const formats: (string | null)[] = [];
  for (const m of cellXfs.matchAll(/<(?:[\w-]+:)?xf\b([^>]*?)\/?>/g)) {
    const id = parseInt(attribute(` ${m[1] ?? ""}`, "numFmtId") ?? "0", 10);
    formats.push(id ? meaningfulFormat(custom.get(id) ?? BUILT_IN_FORMATS[id]) : null);
  }
  return formats;
}

// ───────────────────────────── Worksheet cells ─────────────────────────────

export interface CellContext {
  readonly sharedStrings: readonly CellValue[];
  /** By style index, from `parseCellFormats`. */
  readonly cellFormats: readonly (string | null)[];
}

export interface SheetCells {
  /** By 0-based row, then 0-based column; rows without cells are holes. Each row is dense (nulls). */
  readonly values: CellValue[][];
  /** Only for rows with a formatted number; null when the sheet has none. */
  readonly numberFormats: (string | null)[][] | null;
}

/** `AB12` → column 28 (1-based); 0 when the reference has no letters. */
function columnOfRef(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20; // lower case
    if (code < 0x61 || code > 0x7a) break;
    col = col * 26 + (code - 0x60);
  }
  return col;
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

/** A cell's value from its type (`t`) and the text of its `<v>` (or `<is>`). */
export function cellValueOf(type: string | undefined, raw: string, ctx: CellContext, date1904: boolean): CellValue {
  switch (type) {
    case "s":
      return ctx.sharedStrings[parseInt(raw, 10)] ?? null;
    case "str":
    case "inlineStr":
      return decodeXml(raw);
    case "b":
      return raw.trim() !== "0" && raw.trim() !== "";
    case "e":
      return { error: decodeXml(raw) };
    case "d":
      return isoDateToSerial(raw, date1904);
    default: {
      if (raw.trim() === "") return null;
      const n = Number(raw);
      return Number.isFinite(n) ? n : { error: "#NUM!" };
    }
  }
}

const ROW = /<(?:[\w-]+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w-]+:)?row>)/g;
const CELL = /<(?:[\w-]+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w-]+:)?c>)/g;
const VALUE = /<(?:[\w-]+:)?v(?:\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/(?:[\w-]+:)?v>)/;
const INLINE = /<(?:[\w-]+:)?is(?:\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/(?:[\w-]+:)?is>)/;

/** Reads the rows of a stretch of `<sheetData>` (whole rows only) into `into`. */
export class SheetCellsReader {
  private readonly values: CellValue[][] = [];
  private readonly formats: (string | null)[][] = [];
  private anyFormat = false;
  private lastRow = 0;

  constructor(
    private readonly ctx: CellContext,
    private readonly date1904: boolean,
  ) {}

  /** Parses whole `<row>` elements in `xml` (anything else in it is ignored). */
  addRows(xml: string): void {
    const { ctx, date1904 } = this;
    for (const rowMatch of xml.matchAll(ROW)) {
      const rowAttrs = ` ${rowMatch[1] ?? ""}`;
      const r = parseInt(attribute(rowAttrs, "r") ?? "", 10);
      const rowNumber = r > 0 ? r : this.lastRow + 1;
      this.lastRow = rowNumber;
      const body = rowMatch[2];
      if (!body) continue;
      // A cell without its own style takes the row's (`<row s customFormat>`), as Excel shows it.
      const rowStyle = parseInt(attribute(rowAttrs, "s") ?? "", 10) || 0;
      const rowValues: CellValue[] = [];
      let rowFormats: (string | null)[] | null = null;
      let lastCol = 0;
      for (const cellMatch of body.matchAll(CELL)) {
        const attrs = ` ${cellMatch[1] ?? ""}`;
        const ref = attribute(attrs, "r");
        const refCol = ref ? columnOfRef(ref) : 0;
        const col = refCol > 0 ? refCol : lastCol + 1;
        lastCol = col;
        const inner = cellMatch[2];
        if (!inner) continue;
        const type = attribute(attrs, "t");
        let value: CellValue;
        if (type === "inlineStr") {
          const is = INLINE.exec(inner);
          value = is ? parseStringItem(is[1] ?? "") : cellValueOf("str", VALUE.exec(inner)?.[1] ?? "", ctx, date1904);
        } else {
          const v = VALUE.exec(inner);
          // No `<v>`: an empty cell, or a formula the file holds no result for.
          if (!v || v[1] === undefined) continue;
          value = cellValueOf(type, v[1], ctx, date1904);
        }
        if (value === null) continue;
        rowValues[col - 1] = value;
        if (typeof value === "number") {
          const style = parseInt(attribute(attrs, "s") ?? "", 10) || rowStyle;
          const format = style ? (ctx.cellFormats[style] ?? null) : null;
          if (format) {
            rowFormats ??= [];
            rowFormats[col - 1] = format;
            this.anyFormat = true;
          }
        }
      }
      if (rowValues.length === 0) continue;
      // Holes left by skipped empty cells become nulls, so every row is a plain dense array.
      for (let c = 0; c < rowValues.length; c++) if (rowValues[c] === undefined) rowValues[c] = null;
      this.values[rowNumber - 1] = rowValues;
      if (rowFormats) {
        for (let c = 0; c < rowFormats.length; c++) if (rowFormats[c] === undefined) rowFormats[c] = null;
        this.formats[rowNumber - 1] = rowFormats;
      }
    }
  }

  result(): SheetCells {
    return { values: this.values, numberFormats: this.anyFormat ? this.formats : null };
  }
}
