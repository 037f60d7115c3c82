/**
 * Reads an .xlsx file into the engine's `Grid`s, one per worksheet, in workbook order.
 *
 * How, and why this way:
 * - The package is read with positioned reads (`./zip.ts`): the central directory tells a truncated
 *   or foreign file from a workbook; `xl/workbook.xml` and its relationships give sheet names,
 *   order, visibility and the date system; `xl/styles.xml` the number formats; and only the sheets
 *   the caller wants are inflated and parsed (`./cells.ts`), with their `<mergeCells>`.
 * - Cells are read from the sheet XML directly rather than through exceljs' streaming reader, which
 *   was both slow (a Row and Cell object per cell: reading took most of the command line's time)
 *   and wrong in two ways that depended on the file: sheets stored before `sharedStrings.xml`
 *   (LibreOffice's order) went through temp files and were matched to their names by a number
 *   that changed meaning with entry order, and a formula's cached 0/""/false read as blank.
 * - A large sheet is inflated whole but decoded into text a stretch of whole rows at a time, so
 *   the XML never exists as one JavaScript string.
 * - A cell becomes a `CellValue` as SPEC §3 and DESIGN ("Dates arrive as serial numbers") want: a
 *   date is the serial Excel stored, with its number format in `numberFormats` (see `./cells.ts`).
 *
 * Choices where the brief was open:
 * - Hidden sheets are listed with `hidden: true`; callers decide (the CLI skips them when it looks
 *   for a ledger by itself, and reads one when `--sheet` names it).
 * - A hyperlink cell reads as its text. A formula cell reads as its cached result, typed like any
 *   other value (a cached error as that error, a cached boolean as a boolean); null when the file
 *   has none.
 * - Only sheets the caller asks for (`wanted`) are turned into grids; the others are never inflated.
 */
import { readSync, statSync } from "node:fs";
import { columnNumber } from "../core/grid";
import type { CellValue, Grid, MergeArea, Message } from "../core/types";
import { decodeXml, parseCellFormats, parseSharedStrings, SheetCellsReader, type CellContext } from "./cells";
import { listZipEntries, readZipEntry, withFile, ZipFormatError, type ZipEntry } from "./zip";

export interface WorkbookSheet {
  readonly name: string;
  readonly hidden: boolean;
  /** The sheet as a `Grid` (origin A1). Throws for a sheet that was not `wanted` when reading. */
  readonly grid: () => Grid;
}

export interface WorkbookGrids {
  /** Worksheets in workbook order (chart sheets are not listed). */
  readonly sheets: readonly WorkbookSheet[];
  readonly date1904: boolean;
}

export interface ReadOptions {
  /** Which sheets to read cell by cell (default: all). The others are listed but not read. */
  readonly wanted?: (name: string, hidden: boolean) => boolean;
}

// ───────────────────────────── Typed errors ─────────────────────────────

export type WorkbookReadProblem =
  "not-found" | "is-directory" | "unreadable" | "encrypted" | "legacy-xls" | "not-xlsx" | "truncated" | "corrupt";

/** A file we cannot read as a workbook, with a message a user can act on (Chinese first). */
export class WorkbookReadError extends Error {
  readonly userMessage: Message;
  constructor(
    readonly problem: WorkbookReadProblem,
    readonly path: string,
  ) {
    const userMessage = readProblemMessage(problem, path);
    super(`${userMessage.zh} / ${userMessage.en}`);
    this.name = "WorkbookReadError";
    this.userMessage = userMessage;
  }
}

export function readProblemMessage(problem: WorkbookReadProblem, path: string): Message {
  switch (problem) {
    case "not-found":
      return { zh: `找不到文件：${path}`, en: `File not found: ${path}` };
    case "is-directory":
      return { zh: `这是一个文件夹，不是 Excel 文件：${path}`, en: `This is a folder, not an Excel file: ${path}` };
    case "unreadable":
      return { zh: `没有权限读取文件：${path}`, en: `No permission to read the file: ${path}` };
    case "encrypted":
      return {
        zh: `工作簿设置了打开密码，无法读取：${path}（请在 Excel 中取消密码后另存一份）`,
        en: `The workbook is password-protected and cannot be read: ${path} (remove the password in Excel and save a copy)`,
      };
    case "legacy-xls":
      return {
        zh: `这是旧版 Excel 97-2003（.xls）文件：${path}（请在 Excel 中另存为 .xlsx）`,
        en: `This is an old Excel 97-2003 (.xls) file: ${path} (save it as .xlsx in Excel)`,
      };
    case "not-xlsx":
      return { zh: `不是 Excel 工作簿（.xlsx）：${path}`, en: `Not an Excel workbook (.xlsx): ${path}` };
    case "truncated":
      return {
        zh: `文件不完整（可能复制或下载中断）：${path}`,
        en: `The file is incomplete (an interrupted copy or download?): ${path}`,
      };
    case "corrupt":
      return {
        zh: `文件已损坏，无法作为工作簿读取：${path}`,
        en: `The file is damaged and cannot be read as a workbook: ${path}`,
      };
  }
}

/** The problem behind a failed `fs` call, by its error code. */
export function problemFromFsError(error: unknown): WorkbookReadProblem {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") return "not-found";
  if (code === "EISDIR") return "is-directory";
  if (code === "EACCES" || code === "EPERM") return "unreadable";
  return "corrupt";
}

/** An OLE compound file (D0 CF 11 E0 A1 B1 1A E1): an encrypted .xlsx or an old .xls. */
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Encrypted OOXML stores its package in an OLE stream with this name (UTF-16LE in the directory). */
const ENCRYPTED_MARKER = Buffer.from("EncryptionInfo", "utf16le");

/** What an OLE compound file is, from its first bytes (the stream names live in the directory). */
export function classifyOleFile(bytes: Buffer): "encrypted" | "legacy-xls" | null {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(OLE_SIGNATURE)) return null;
  return bytes.includes(ENCRYPTED_MARKER) ? "encrypted" : "legacy-xls";
}

// ───────────────────────────── Workbook parts (pure) ─────────────────────────────

export { decodeXml };

/** A tag's attributes (`name="x" localSheetId="0"`), their values decoded. */
export function attributes(tagBody: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of tagBody.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    map.set(m[1] ?? "", decodeXml(m[2] ?? m[3] ?? ""));
  }
  return map;
}

export interface WorkbookXmlSheet {
  readonly name: string;
  readonly relationshipId: string;
  readonly hidden: boolean;
}

/** Sheet names, order, visibility and the date system from `xl/workbook.xml`. */
export function parseWorkbookXml(xml: string): { sheets: WorkbookXmlSheet[]; date1904: boolean } {
  const sheets: WorkbookXmlSheet[] = [];
  for (const m of xml.matchAll(/<(?:[\w-]+:)?sheet\s([^>]*?)\/?>/g)) {
    const attrs = attributes(m[1] ?? "");
    const relationshipKey = [...attrs.keys()].find((key) => /(^|:)id$/.test(key) && key !== "sheetId");
    const state = attrs.get("state");
    sheets.push({
      name: attrs.get("name") ?? "",
      relationshipId: relationshipKey ? (attrs.get(relationshipKey) ?? "") : "",
      hidden: state === "hidden" || state === "veryHidden",
    });
  }
  const properties = /<(?:[\w-]+:)?workbookPr\s([^>]*?)\/?>/.exec(xml);
  const date1904Value = properties ? attributes(properties[1] ?? "").get("date1904") : undefined;
  return { sheets, date1904: date1904Value === "1" || date1904Value === "true" };
}

/** Relationship id → the part it points at, as a ZIP entry name (`xl/worksheets/sheet1.xml`). */
export function parseWorkbookRels(xml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:[\w-]+:)?Relationship\s([^>]*?)\/?>/g)) {
    const attrs = attributes(m[1] ?? "");
    const id = attrs.get("Id");
    const target = attrs.get("Target");
    if (id && target) targets.set(id, resolvePartName("xl/", target));
  }
  return targets;
}

function resolvePartName(base: string, target: string): string {
  const parts = target.startsWith("/") ? [] : base.split("/").filter(Boolean);
  for (const segment of target.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") parts.pop();
    else parts.push(segment);
  }
  return parts.join("/");
}

/** `A1` or `A1:F2` → a merge area; null for anything else. */
export function mergeFromRef(ref: string): MergeArea | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const left = columnNumber(m[1] ?? "");
  const right = columnNumber(m[3] ?? m[1] ?? "");
  const top = Number(m[2]);
  const bottom = Number(m[4] ?? m[2]);
  if (left === null || right === null || top < 1 || bottom < 1) return null;
  return {
    top: Math.min(top, bottom),
    bottom: Math.max(top, bottom),
    left: Math.min(left, right),
    right: Math.max(left, right),
  };
}

/**
 * The merged areas of a sheet from its XML. `<mergeCells>` follows `<sheetData>`, so only the tail
 * after the cell data is decoded (a large sheet's cells are never turned into a string).
 */
export function parseMergeCells(sheetXml: Buffer): MergeArea[] {
  const dataEnd = sheetXml.lastIndexOf("sheetData");
  const tail = sheetXml.toString("utf8", Math.max(0, dataEnd));
  const merges: MergeArea[] = [];
  for (const m of tail.matchAll(/<(?:[\w-]+:)?mergeCell\s([^>]*?)\/?>/g)) {
    const area = mergeFromRef(attributes(m[1] ?? "").get("ref") ?? "");
    // A one-cell "merge" merges nothing.
    if (area && (area.bottom > area.top || area.right > area.left)) merges.push(area);
  }
  return merges;
}

// ───────────────────────────── Reading a file ─────────────────────────────

interface SheetData {
  readonly values: CellValue[][];
  readonly numberFormats: (string | null)[][] | null;
  readonly merges: MergeArea[];
}

interface ListedSheet extends WorkbookXmlSheet {
  readonly part: string | null;
}

interface WorkbookContents {
  readonly sheets: readonly ListedSheet[];
  readonly date1904: boolean;
  /** The wanted sheets' cells, by part name. */
  readonly data: ReadonlyMap<string, SheetData>;
}

/** How much sheet XML is decoded into one string at a time (cut after a whole row); 256 KB measured as lean as smaller. */
const SHEET_STRETCH_BYTES = 1 << 18;

/**
 * The cells and merges of one sheet. The XML stays a Buffer; stretches of whole rows are decoded
 * and parsed one after another (a row ends at `</row>`, which cannot occur inside text, where `<`
 * is always escaped).
 */
export function readSheetXml(xml: Buffer, ctx: CellContext, date1904: boolean): SheetData {
  const reader = new SheetCellsReader(ctx, date1904);
  const start = xml.indexOf("sheetData");
  const end = xml.lastIndexOf("sheetData");
  if (start >= 0 && end > start) {
    // `<sheetData>` or `<x:sheetData>`: rows close with the same prefix.
    const prefix = xml.toString("latin1", xml.lastIndexOf("<", start) + 1, start);
    const rowClose = Buffer.from(`</${prefix}row>`);
    let at = start;
    while (at < end) {
      let cut = end;
      if (at + SHEET_STRETCH_BYTES < end) {
        const close = xml.indexOf(rowClose, at + SHEET_STRETCH_BYTES);
        if (close >= 0 && close < end) cut = close + rowClose.length;
      }
      reader.addRows(xml.toString("utf8", at, cut));
      at = cut;
    }
  }
  return { ...reader.result(), merges: parseMergeCells(xml) };
}

/** The part a workbook relationship of this kind points at, or the usual name. */
function partOfKind(targets: ReadonlyMap<string, string>, file: string): string {
  for (const target of targets.values()) if (target.toLowerCase().endsWith(`/${file.toLowerCase()}`)) return target;
  return `xl/${file}`;
}

/** Looks inside the ZIP: sheet list, date system, and the wanted sheets' cells; or a typed error. */
function readPackage(path: string, size: number, wanted: ReadOptions["wanted"]): WorkbookContents {
  return withFile(path, (fd) => {
    let entries: ZipEntry[];
    try {
      entries = listZipEntries(fd, size);
    } catch (error) {
      if (error instanceof ZipFormatError)
        throw new WorkbookReadError(error.problem === "truncated" ? "truncated" : "not-xlsx", path);
      throw error;
    }
    const byName = new Map(entries.map((e) => [e.name, e]));
    const read = (name: string): Buffer | null => {
      const entry = byName.get(name);
      if (!entry) return null;
      try {
        return readZipEntry(fd, entry);
      } catch (error) {
        if (error instanceof ZipFormatError)
          throw new WorkbookReadError(error.problem === "truncated" ? "truncated" : "corrupt", path);
        throw error;
      }
    };
    const workbookXml = read("xl/workbook.xml");
    // A ZIP without a workbook part: a .docx, an .ods or an archive renamed .xlsx.
    if (!workbookXml) throw new WorkbookReadError("not-xlsx", path);
    const relsXml = read("xl/_rels/workbook.xml.rels");
    const { sheets, date1904 } = parseWorkbookXml(workbookXml.toString("utf8"));
    const targets = relsXml ? parseWorkbookRels(relsXml.toString("utf8")) : new Map<string, string>();

    const listed = sheets
      .map((sheet): ListedSheet => ({ ...sheet, part: targets.get(sheet.relationshipId) ?? null }))
      // Chart sheets and dialog sheets have no cells.
      .filter((sheet) => sheet.part === null || /^xl\/worksheets\//.test(sheet.part));
    const wantedParts = listed.flatMap((sheet) =>
      sheet.part && (!wanted || wanted(sheet.name, sheet.hidden)) ? [sheet.part] : [],
    );
    const data = new Map<string, SheetData>();
    if (wantedParts.length === 0) return { sheets: listed, date1904, data };

    const sharedStrings = read(partOfKind(targets, "sharedStrings.xml"));
    const styles = read(partOfKind(targets, "styles.xml"));
    const ctx: CellContext = {
      sharedStrings: sharedStrings ? parseSharedStrings(sharedStrings.toString("utf8")) : [],
      cellFormats: styles ? parseCellFormats(styles.toString("utf8")) : [],
    };
    for (const part of new Set(wantedParts)) {
      const xml = read(part);
      data.set(part, xml ? readSheetXml(xml, ctx, date1904) : { values: [], numberFormats: null, merges: [] });
    }
    return { sheets: listed, date1904, data };
  });
}

const EMPTY_ROW: readonly CellValue[] = Object.freeze([]);

function toGrid(name: string, date1904: boolean, sheet: SheetData): Grid {
  const values: (readonly CellValue[])[] = Array.from(sheet.values, (row) => row ?? EMPTY_ROW);
  const grid: Grid = { sheet: name, origin: { row: 1, col: 1 }, values, merges: sheet.merges, date1904 };
  if (!sheet.numberFormats) return grid;
  const numberFormats = Array.from({ length: values.length }, (_, r) => sheet.numberFormats?.[r] ?? []);
  return { ...grid, numberFormats };
}

/**
 * Reads a workbook's worksheets as grids. Throws `WorkbookReadError` (never anything else) for a
 * file that is missing, a folder, unreadable, password-protected, an old .xls, not an .xlsx,
 * truncated or damaged.
 */
export async function readWorkbook(path: string, options: ReadOptions = {}): Promise<WorkbookGrids> {
  try {
    return readWorkbookUnchecked(path, options);
  } catch (error) {
    if (error instanceof WorkbookReadError) throw error;
    throw new WorkbookReadError("corrupt", path);
  }
}

function readWorkbookUnchecked(path: string, options: ReadOptions): WorkbookGrids {
  let size: number;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new WorkbookReadError("is-directory", path);
    size = stats.size;
  } catch (error) {
    if (error instanceof WorkbookReadError) throw error;
    throw new WorkbookReadError(problemFromFsError(error), path);
  }

  let head: Buffer;
  try {
    head = withFile(path, (fd) => {
      const probe = Buffer.alloc(Math.min(size, 1 << 20));
      const got = readSync(fd, probe, 0, probe.length, 0);
      return probe.subarray(0, got);
    });
  } catch (error) {
    throw new WorkbookReadError(problemFromFsError(error), path);
  }
  const ole = classifyOleFile(head);
  if (ole) throw new WorkbookReadError(ole, path);

  const contents = readPackage(path, size, options.wanted);
  const sheets = contents.sheets.map((sheet): WorkbookSheet => {
    const read = sheet.part ? contents.data.get(sheet.part) : undefined;
    return {
      name: sheet.name,
      hidden: sheet.hidden,
      grid: () => {
        if (read) return toGrid(sheet.name, contents.date1904, read);
        if (sheet.part !== null) throw new Error(`readWorkbook: sheet "${sheet.name}" was not read (not wanted)`);
        // A listed sheet whose relationship points nowhere: no cells.
        return toGrid(sheet.name, contents.date1904, { values: [], numberFormats: null, merges: [] });
      },
    };
  });
  return { sheets, date1904: contents.date1904 };
}
