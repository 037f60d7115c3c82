/**
 * Reads an .xlsx package into the engine's `Grid`s, one per worksheet, in workbook order, from any
 * `ByteSource` with any `ZipCodec`: the same code reads a file for the command line (`./read.ts`)
 * and bytes in a browser (`./read-bytes.ts`). It imports no Node module.
 *
 * How, and why this way:
 * - The package is read through its central directory (`./zip-entries.ts`), which tells a truncated
 *   or foreign file from a workbook. The workbook part is found as the standard says (Open Packaging
 *   Conventions): the officeDocument relationship of `_rels/.rels`, else the workbook content type
 *   in `[Content_Types].xml`, else `xl/workbook.xml`; part names are matched without regard to case.
 *   The workbook and its relationships give sheet names, order, visibility and the date system;
 *   the styles part the number formats; and only the sheets the caller wants are inflated and
 *   parsed (`./cells.ts`), with their `<mergeCells>`.
 * - Cells are read from the sheet XML directly rather than through exceljs' streaming reader, which
 *   was both slow (a Row and Cell object per cell: reading took most of the command line's time)
 *   and wrong in two ways that depended on the file: sheets stored before `sharedStrings.xml`
 *   (LibreOffice's order) went through temp files and were matched to their names by a number
 *   that changed meaning with entry order, and a formula's cached 0/""/false read as blank.
 * - Every part is inflated in chunks straight into the tokenizer (`./xml.ts`): no part is ever
 *   held whole, and the reader's limits (`./limits.ts`) stop a file as soon as it goes past one.
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
import type { DefinedNameEntry } from "../core/ledger-choice";
import { printable } from "../core/messages";
import type { CellValue, Grid, MergeArea, Message } from "../core/types";
import {
  CellBudget,
  CellContentError,
  CellFormatsReader,
  mergeFromRef,
  readWhole,
  SharedStringsReader,
  SheetReader,
  type CellContentProblem,
  type CellContext,
  type PartReader,
  type SheetCells,
} from "./cells";
import type { ByteSource } from "./byte-source";
import { bytesAt, concatBytes, indexOfBytes, utf8Bytes } from "./bytes";
import type { ZipCodec } from "./inflate";
import { READ_LIMITS, ReadLimitError, type ReadLimit } from "./limits";
import { CLOSE, decodeXml, detectEncoding, OPEN, TEXT, toUtf8, withoutBom, XmlError, XmlScanner } from "./xml";
import { listEntries, readEntry, readEntryChunks, ZipFormatError, type ZipEntry } from "./zip-entries";

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
  /** The workbook-level defined names (`parseDefinedNames`): the add-in's marks among them. */
  readonly names: readonly DefinedName[];
}

export interface ReadOptions {
  /** Which sheets to read cell by cell (default: all). The others are listed but not read. */
  readonly wanted?: (name: string, hidden: boolean) => boolean;
}

// ───────────────────────────── Typed errors ─────────────────────────────

export type WorkbookReadProblem =
  | "not-found"
  | "is-directory"
  | "unreadable"
  | "encrypted"
  | "legacy-xls"
  | "not-xlsx"
  | "truncated"
  | "corrupt"
  /** An entry of the ZIP is encrypted (ZIP encryption, not Excel's password). */
  | "zip-encrypted"
  /** An entry is compressed with a method other than stored or deflated. */
  | "unsupported-compression"
  /** A part would unpack to more than the limit (a ZIP bomb, or far beyond any workbook). */
  | "too-large"
  /** Beyond one of the reader's limits (`detail` says which and where). */
  | "beyond-limits"
  /** A cell holds what its type cannot mean (`detail` says which cell and what). */
  | "cell-content";

/** A file we cannot read as a workbook, with a message a user can act on (Chinese first). */
export class WorkbookReadError extends Error {
  readonly userMessage: Message;
  constructor(
    readonly problem: WorkbookReadProblem,
    readonly path: string,
    /** What exactly, for the problems that carry it (a part, a limit, a cell). */
    readonly detail?: Message,
  ) {
    const userMessage = readProblemMessage(problem, path, detail);
    super(`${userMessage.zh} / ${userMessage.en}`);
    this.name = "WorkbookReadError";
    this.userMessage = userMessage;
  }
}

export function readProblemMessage(problem: WorkbookReadProblem, path: string, detail?: Message): Message {
  const zhDetail = detail ? `（${detail.zh}）` : "";
  const enDetail = detail ? ` (${detail.en})` : "";
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
        zh: `文件不完整（可能复制或下载中断）${zhDetail}：${path}`,
        en: `The file is incomplete (an interrupted copy or download?)${enDetail}: ${path}`,
      };
    case "corrupt":
      return {
        zh: `文件已损坏，无法作为工作簿读取${zhDetail}：${path}`,
        en: `The file is damaged and cannot be read as a workbook${enDetail}: ${path}`,
      };
    case "zip-encrypted":
      return {
        zh: `文件中的内容经过 ZIP 加密，无法读取${zhDetail}：${path}`,
        en: `Part of the file is encrypted (ZIP encryption) and cannot be read${enDetail}: ${path}`,
      };
    case "unsupported-compression":
      return {
        zh: `文件使用了 Excel 不使用的压缩方式，无法读取${zhDetail}：${path}（请在 Excel 中另存一份）`,
        en: `The file uses a compression method Excel does not use and cannot be read${enDetail}: ${path} (save a copy from Excel)`,
      };
    case "too-large":
      return {
        zh: `文件解压后过大，未读取${zhDetail}：${path}`,
        en: `The file is too large when unpacked and was not read${enDetail}: ${path}`,
      };
    case "beyond-limits":
      return {
        zh: `文件超出读取上限，未读取${zhDetail}：${path}`,
        en: `The file is beyond what can be read, and was not read${enDetail}: ${path}`,
      };
    case "cell-content":
      return {
        zh: `文件已损坏${zhDetail}：${path}`,
        en: `The file is damaged${enDetail}: ${path}`,
      };
  }
}

const number = (n: number): string => n.toLocaleString("en-US");

/** What a limit is, and where the file went past it. */
export function limitDetail(limit: ReadLimit, where: string): Message {
  const at = printable(where);
  switch (limit) {
    case "rows":
      return {
        zh: `行号超过 Excel 的上限 ${number(READ_LIMITS.rows)} 行：${at}`,
        en: `a row number beyond Excel's last row, ${number(READ_LIMITS.rows)}: ${at}`,
      };
    case "columns":
      return {
        zh: `列超过 Excel 的上限 ${number(READ_LIMITS.columns)} 列（XFD）：${at}`,
        en: `a column beyond Excel's last column, ${number(READ_LIMITS.columns)} (XFD): ${at}`,
      };
    case "string-length":
      return {
        zh: `单元格文本超过 Excel 的上限 ${number(READ_LIMITS.stringLength)} 个字符：${at}`,
        en: `a cell's text longer than Excel's ${number(READ_LIMITS.stringLength)} characters: ${at}`,
      };
    case "cells":
      return {
        zh: `单元格（含共享字符串和合并区域的行）超过 ${number(READ_LIMITS.cells)} 个：${at}`,
        en: `more than ${number(READ_LIMITS.cells)} cells (shared strings and merged rows included): ${at}`,
      };
    case "part-bytes":
      return {
        zh: `${at} 解压后超过 ${READ_LIMITS.partBytes / 2 ** 20} MB，可能是“压缩炸弹”`,
        en: `${at} unpacks to more than ${READ_LIMITS.partBytes / 2 ** 20} MB; it may be a ZIP bomb`,
      };
    case "whole-part-bytes":
      return {
        zh: `${at} 解压后超过 ${READ_LIMITS.wholePartBytes / 2 ** 20} MB（此部分须整体读取）`,
        en: `${at} unpacks to more than ${READ_LIMITS.wholePartBytes / 2 ** 20} MB (a part that must be read whole)`,
      };
    case "total-bytes":
      return {
        zh: `各部分解压后合计超过 ${READ_LIMITS.totalBytes / 2 ** 20} MB，可能是“压缩炸弹”（${at}）`,
        en: `the parts unpack to more than ${READ_LIMITS.totalBytes / 2 ** 20} MB together; it may be a ZIP bomb (${at})`,
      };
  }
}

const CELL_CONTENT: Readonly<Record<CellContentProblem, Message>> = {
  "shared-string-index": { zh: "共享字符串编号不存在", en: "refers to a shared string that does not exist" },
  number: { zh: "数值不是数字", en: "holds a number that is not a number" },
  boolean: { zh: "逻辑值不是 0 或 1", en: "holds a boolean that is not 0 or 1" },
  date: { zh: "日期无法识别", en: "holds a date that cannot be read" },
  type: { zh: "单元格类型未知", en: "has an unknown cell type" },
  reference: { zh: "单元格或行的位置无效", en: "has an invalid cell or row reference" },
};

/** Which cell holds what it cannot mean, for the message. */
function cellContentDetail(error: CellContentError): Message {
  const what = CELL_CONTENT[error.problem];
  const raw = printable(error.raw.length > 40 ? `${error.raw.slice(0, 40)}…` : error.raw);
  const at = printable(error.address);
  return { zh: `${at} ${what.zh}：“${raw}”`, en: `${at} ${what.en}: "${raw}"` };
}

/** An OLE compound file (D0 CF 11 E0 A1 B1 1A E1): an encrypted .xlsx or an old .xls. */
const OLE_SIGNATURE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Encrypted OOXML stores its package in an OLE stream with this name (UTF-16LE in the directory). */
const ENCRYPTED_MARKER = new Uint8Array(Array.from("EncryptionInfo", (c) => [c.charCodeAt(0), 0]).flat());

/** What an OLE compound file is, from its first bytes (the stream names live in the directory). */
export function classifyOleFile(bytes: Uint8Array): "encrypted" | "legacy-xls" | null {
  if (!bytesAt(bytes, 0, OLE_SIGNATURE)) return null;
  return indexOfBytes(bytes, ENCRYPTED_MARKER) >= 0 ? "encrypted" : "legacy-xls";
}

// ───────────────────────────── Workbook parts (pure) ─────────────────────────────

export { decodeXml };

/** A tag's attributes (`name="x" localSheetId="0"`), their values decoded, by qualified name. */
export function attributes(tagBody: string): Map<string, string> {
  const xml = new XmlScanner();
  xml.feed(utf8Bytes(`<a ${tagBody}/>`));
  xml.finish();
  try {
    return xml.next() === OPEN ? xml.attrMap() : new Map();
  } catch {
    return new Map();
  }
}

/** Runs `visit` on every start tag of a whole part (its text is not needed by these parts). */
function eachTag(xml: Uint8Array | string, visit: (tag: XmlScanner) => void): void {
  const scanner = new XmlScanner();
  scanner.feed(typeof xml === "string" ? utf8Bytes(xml) : utf8Part(xml, "part"));
  scanner.finish();
  for (let token = scanner.next(); token !== 0; token = scanner.next()) if (token === OPEN) visit(scanner);
}

export interface WorkbookXmlSheet {
  readonly name: string;
  readonly relationshipId: string;
  readonly hidden: boolean;
}

/** Sheet names, order, visibility and the date system from `xl/workbook.xml`. */
export function parseWorkbookXml(xml: Uint8Array | string): { sheets: WorkbookXmlSheet[]; date1904: boolean } {
  const sheets: WorkbookXmlSheet[] = [];
  let date1904 = false;
  eachTag(xml, (tag) => {
    if (tag.nameIs("sheet") && tag.depth <= 3) {
      const state = tag.attr("state");
      sheets.push({
        name: tag.attr("name") ?? "",
        // `r:id`: the relationships namespace's `id`, whatever its prefix.
        relationshipId: tag.attr("id") ?? "",
        hidden: state === "hidden" || state === "veryHidden",
      });
    } else if (tag.nameIs("workbookPr")) {
      const value = tag.attr("date1904");
      date1904 = value === "1" || value === "true";
    }
  });
  return { sheets, date1904 };
}

/** A workbook-level defined name and what it refers to, as written (`'整改情况汇总'!$A$1`). */
export type DefinedName = DefinedNameEntry;

/**
 * The workbook-level defined names of `xl/workbook.xml` (a sheet-scoped one, with `localSheetId`, is
 * left out: the add-in's marks are workbook-level).
 */
export function parseDefinedNames(xml: Uint8Array | string): DefinedName[] {
  const names: DefinedName[] = [];
  const scanner = new XmlScanner();
  scanner.feed(typeof xml === "string" ? utf8Bytes(xml) : utf8Part(xml, "part"));
  scanner.finish();
  // A definedName holds text only; its text may come in several pieces.
  let open: { name: string; formula: string } | null = null;
  for (let token = scanner.next(); token !== 0; token = scanner.next()) {
    if (token === OPEN && scanner.nameIs("definedName") && scanner.attr("localSheetId") === undefined) {
      open = scanner.selfClosing ? null : { name: scanner.attr("name") ?? "", formula: "" };
    } else if (token === TEXT && open) open.formula += scanner.text();
    else if (token === CLOSE && open && scanner.nameIs("definedName")) {
      names.push({ name: open.name, formula: open.formula });
      open = null;
    }
  }
  return names;
}

export interface Relationship {
  readonly id: string;
  /** The relationship type's last segment (`worksheet`, `sharedStrings`, `officeDocument`…). */
  readonly kind: string;
  /** The part it points at, as a ZIP entry name (`xl/worksheets/sheet1.xml`); null for an external target. */
  readonly part: string | null;
}

/** The relationships of a `.rels` part; targets resolved against `base` (the source part's folder). */
export function parseRelationships(xml: Uint8Array | string, base: string): Relationship[] {
  const list: Relationship[] = [];
  eachTag(xml, (tag) => {
    if (!tag.nameIs("Relationship")) return;
    const target = tag.attr("Target");
    const external = tag.attr("TargetMode") === "External";
    list.push({
      id: tag.attr("Id") ?? "",
      kind: (tag.attr("Type") ?? "").replace(/^.*\//, ""),
      part: target && !external ? resolvePartName(base, target) : null,
    });
  });
  return list;
}

/** Relationship id → the part it points at, as a ZIP entry name (`xl/worksheets/sheet1.xml`). */
export function parseWorkbookRels(xml: Uint8Array | string, base = "xl/"): Map<string, string> {
  const targets = new Map<string, string>();
  for (const rel of parseRelationships(xml, base)) if (rel.id && rel.part) targets.set(rel.id, rel.part);
  return targets;
}

function resolvePartName(base: string, target: string): string {
  let path = target;
  try {
    // Targets are URIs: `%E5%8F%B0` is the part named 台.
    path = decodeURIComponent(target);
  } catch {
    // not percent-encoded after all: keep it as written
  }
  const parts = path.startsWith("/") ? [] : base.split("/").filter(Boolean);
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") parts.pop();
    else parts.push(segment);
  }
  return parts.join("/");
}

export { mergeFromRef };

/** The merged areas of a sheet from its XML. */
export function parseMergeCells(sheetXml: Uint8Array): MergeArea[] {
  return readSheetXml(sheetXml, { sharedStrings: [], cellFormats: [] }, false).merges;
}

// ───────────────────────────── Reading a file ─────────────────────────────

type SheetData = SheetCells;

interface ListedSheet extends WorkbookXmlSheet {
  readonly part: string | null;
}

interface WorkbookContents {
  readonly sheets: readonly ListedSheet[];
  readonly date1904: boolean;
  readonly names: readonly DefinedName[];
  /** The wanted sheets' cells, by part name. */
  readonly data: ReadonlyMap<string, SheetData>;
}

/** The cells and merges of one sheet's XML held whole (the reader itself streams it). */
export function readSheetXml(xml: Uint8Array, ctx: CellContext, date1904: boolean, sheet = ""): SheetData {
  return readWhole(new SheetReader(sheet, ctx, date1904), utf8Part(xml, sheet));
}

/** A whole part's bytes as UTF-8 (see `toUtf8`). */
function utf8Part(bytes: Uint8Array, where: string): Uint8Array {
  const encoding = detectEncoding(bytes);
  try {
    return encoding ? toUtf8(bytes, encoding) : withoutBom(bytes);
  } catch (error) {
    if (error instanceof XmlError) throw new XmlError(`${error.reason} in ${where}`);
    throw error;
  }
}

const WORKBOOK_CONTENT_TYPES =
  /\.(?:sheet|template)\.main\+xml$|\.sheet\.macroEnabled\.main\+xml$|\.template\.macroEnabled\.main\+xml$/i;

/** The workbook part named in `[Content_Types].xml`, if any. */
function workbookFromContentTypes(xml: Uint8Array): string | null {
  let found: string | null = null;
  eachTag(xml, (tag) => {
    if (found === null && tag.nameIs("Override") && WORKBOOK_CONTENT_TYPES.test(tag.attr("ContentType") ?? ""))
      found = resolvePartName("", tag.attr("PartName") ?? "");
  });
  return found;
}

/** The folder of a part (`xl/` for `xl/workbook.xml`) and its relationships part. */
const folderOf = (part: string): string => part.slice(0, part.lastIndexOf("/") + 1);
const relsOf = (part: string): string => `${folderOf(part)}_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;

/** Parts up to this size are inflated whole; larger ones stream through the tokenizer in chunks. */
const SMALL_PART_BYTES = 8 << 20;

/** Opens the package: entries by case-insensitive name, and reading parts within the limits. */
class Package {
  private readonly byName = new Map<string, ZipEntry>();
  private unpacked = 0;

  constructor(
    private readonly source: ByteSource,
    private readonly codec: ZipCodec,
    entries: readonly ZipEntry[],
  ) {
    // OPC part names are case-insensitive; the first of two names differing only in case wins.
    for (const entry of entries) {
      const key = entry.name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, entry);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  /** Streams a part into `reader`; null when there is no such part. */
  async read<T>(name: string, reader: PartReader<T>): Promise<T | null> {
    const entry = this.byName.get(name.toLowerCase());
    if (!entry) return null;
    if (this.unpacked + entry.size > READ_LIMITS.totalBytes) throw new ReadLimitError("total-bytes", entry.name);
    if (entry.size <= SMALL_PART_BYTES) {
      // Small enough to hold: one inflate (checked alike) costs less than a stream where the codec has one.
      const bytes = await readEntry(this.source, entry, this.codec);
      this.unpacked += bytes.length;
      reader.feed(utf8Part(bytes, entry.name));
      return reader.end();
    }
    let first = true;
    let held: Uint8Array[] | null = null;
    for await (const chunk of readEntryChunks(this.source, entry, this.codec)) {
      this.unpacked += chunk.length;
      if (first) {
        first = false;
        // Another encoding than UTF-8: gather the part (within its size limit) and convert it whole.
        if (detectEncoding(chunk) !== null) {
          if (entry.size > READ_LIMITS.wholePartBytes) throw new ReadLimitError("whole-part-bytes", entry.name);
          held = [];
        } else {
          reader.feed(withoutBom(chunk));
          continue;
        }
      }
      if (held) held.push(chunk);
      else reader.feed(chunk);
    }
    if (held) reader.feed(utf8Part(concatBytes(held), entry.name));
    return reader.end();
  }

  /** A small part whole (workbook, relationships, content types). */
  async bytes(name: string): Promise<Uint8Array | null> {
    const entry = this.byName.get(name.toLowerCase());
    if (!entry) return null;
    if (entry.size > READ_LIMITS.wholePartBytes) throw new ReadLimitError("whole-part-bytes", entry.name);
    const bytes = await readEntry(this.source, entry, this.codec, READ_LIMITS.wholePartBytes);
    this.unpacked += bytes.length;
    return utf8Part(bytes, entry.name);
  }
}

/** Where the workbook part is: the officeDocument relationship, the content type, or the usual name. */
async function findWorkbookPart(pkg: Package): Promise<string | null> {
  const rootRels = await pkg.bytes("_rels/.rels");
  if (rootRels) {
    const office = parseRelationships(rootRels, "").find((rel) => rel.kind === "officeDocument" && rel.part);
    if (office?.part && pkg.has(office.part)) return office.part;
  }
  const contentTypes = await pkg.bytes("[Content_Types].xml");
  const typed = contentTypes ? workbookFromContentTypes(contentTypes) : null;
  if (typed && pkg.has(typed)) return typed;
  return pkg.has("xl/workbook.xml") ? "xl/workbook.xml" : null;
}

/** Looks inside the ZIP: sheet list, date system, and the wanted sheets' cells. */
async function readPackage(
  source: ByteSource,
  codec: ZipCodec,
  wanted: ReadOptions["wanted"],
): Promise<WorkbookContents> {
  const pkg = new Package(source, codec, listEntries(source));
  const workbookPart = await findWorkbookPart(pkg);
  // A ZIP without a workbook part: a .docx, an .ods or an archive renamed .xlsx.
  if (!workbookPart) throw new NotWorkbook();
  const workbookXml = (await pkg.bytes(workbookPart)) ?? new Uint8Array(0);
  const relsXml = await pkg.bytes(relsOf(workbookPart));
  const { sheets, date1904 } = parseWorkbookXml(workbookXml);
  const names = parseDefinedNames(workbookXml);
  const relationships = relsXml ? parseRelationships(relsXml, folderOf(workbookPart)) : [];
  const byId = new Map(relationships.map((rel) => [rel.id, rel]));

  const listed = sheets.flatMap((sheet): ListedSheet[] => {
    const rel = byId.get(sheet.relationshipId);
    // Chart sheets and dialog sheets have no cells.
    const isWorksheet = rel?.kind === "worksheet" || (!!rel?.part && /(^|\/)worksheets\//i.test(rel.part));
    if (rel && !isWorksheet) return [];
    return [{ ...sheet, part: rel?.part ?? null }];
  });
  const wantedSheets = listed.filter((sheet) => sheet.part && (!wanted || wanted(sheet.name, sheet.hidden)));
  const data = new Map<string, SheetData>();
  if (wantedSheets.length === 0) return { sheets: listed, date1904, names, data };

  const partOfKind = (kind: string, usual: string): string =>
    relationships.find((rel) => rel.kind === kind && rel.part)?.part ?? `${folderOf(workbookPart)}${usual}`;
  const budget = new CellBudget();
  const ctx: CellContext = {
    sharedStrings:
      (await pkg.read(partOfKind("sharedStrings", "sharedStrings.xml"), new SharedStringsReader(budget))) ?? [],
    cellFormats: (await pkg.read(partOfKind("styles", "styles.xml"), new CellFormatsReader())) ?? [],
  };
  for (const sheet of wantedSheets) {
    const part = sheet.part as string;
    const key = part.toLowerCase();
    if (data.has(key)) continue;
    const read = await pkg.read(part, new SheetReader(sheet.name, ctx, date1904, budget));
    data.set(key, read ?? { values: [], numberFormats: null, merges: [] });
  }
  return { sheets: listed, date1904, names, data };
}

/** The ZIP holds no workbook. */
class NotWorkbook extends Error {}

/** The typed error for whatever stopped reading the package. */
function readFailure(error: unknown, path: string): WorkbookReadError {
  if (error instanceof WorkbookReadError) return error;
  if (error instanceof NotWorkbook) return new WorkbookReadError("not-xlsx", path);
  if (error instanceof ReadLimitError) {
    const bytes = error.limit === "part-bytes" || error.limit === "whole-part-bytes" || error.limit === "total-bytes";
    return new WorkbookReadError(bytes ? "too-large" : "beyond-limits", path, limitDetail(error.limit, error.where));
  }
  if (error instanceof CellContentError) return new WorkbookReadError("cell-content", path, cellContentDetail(error));
  if (error instanceof ZipFormatError) {
    const part =
      error.entryName === undefined ? undefined : { zh: printable(error.entryName), en: printable(error.entryName) };
    switch (error.problem) {
      case "not-zip":
        return new WorkbookReadError("not-xlsx", path);
      case "truncated":
        return new WorkbookReadError("truncated", path, part);
      case "encrypted":
        return new WorkbookReadError("zip-encrypted", path, part);
      case "unsupported-method":
        return new WorkbookReadError("unsupported-compression", path, part);
      case "too-large":
        return new WorkbookReadError("too-large", path, limitDetail("part-bytes", error.entryName ?? ""));
      case "damaged":
        return new WorkbookReadError(
          "corrupt",
          path,
          part && { zh: `${part.zh} 的内容与校验值不符`, en: `${part.en} does not match its checksum or size` },
        );
    }
  }
  if (error instanceof XmlError) {
    const reason = printable(error.reason);
    return new WorkbookReadError("corrupt", path, { zh: `XML 无效：${reason}`, en: `invalid XML: ${reason}` });
  }
  return new WorkbookReadError("corrupt", path);
}

const EMPTY_ROW: readonly CellValue[] = Object.freeze([]);

function toGrid(name: string, date1904: boolean, sheet: SheetData): Grid {
  // The rows are dense (at most Excel's 1,048,576 of them); each row keeps its own shape.
  const values: (readonly CellValue[])[] = Array.from(sheet.values, (row) => row ?? EMPTY_ROW);
  const grid: Grid = { sheet: name, origin: { row: 1, col: 1 }, values, merges: sheet.merges, date1904 };
  if (!sheet.numberFormats) return grid;
  const numberFormats = Array.from({ length: values.length }, (_, r) => sheet.numberFormats?.[r] ?? []);
  return { ...grid, numberFormats };
}

/** How much of the start of a file is looked at to tell an encrypted workbook or an old .xls. */
const HEAD_BYTES = 1 << 20;

/**
 * Reads a workbook's worksheets as grids from `source`, unpacking with `codec`. Throws
 * `WorkbookReadError` (never anything else) for a package that is password-protected, an old .xls,
 * not an .xlsx, truncated, damaged or beyond the reader's limits; `name` is what its messages call
 * the file (a path, or a picked file's name).
 */
export async function readWorkbookFrom(
  source: ByteSource,
  codec: ZipCodec,
  name: string,
  options: ReadOptions = {},
): Promise<WorkbookGrids> {
  try {
    const ole = classifyOleFile(source.read(0, Math.min(source.size, HEAD_BYTES)));
    if (ole) throw new WorkbookReadError(ole, name);
    return gridsOf(await readPackage(source, codec, options.wanted));
  } catch (error) {
    throw readFailure(error, name);
  }
}

function gridsOf(contents: WorkbookContents): WorkbookGrids {
  const sheets = contents.sheets.map((sheet): WorkbookSheet => {
    const read = sheet.part ? contents.data.get(sheet.part.toLowerCase()) : undefined;
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
  return { sheets, date1904: contents.date1904, names: contents.names };
}
