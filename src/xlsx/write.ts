/**
 * The CLI's `--out`: a copy of the workbook with what the add-in would write (SPEC §8, §9) — the
 * 预警状态 / 评估意见 columns, the row colours and the summary sheet — rendered from the same plans
 * the Excel adapter renders (`planMarks`, `planSummarySheet`).
 *
 * The copy is the user's own package with our parts added (`package/`), not a re-written workbook:
 * every ZIP entry we do not change is copied byte for byte (charts, pivot tables, images, comments,
 * data validation, slicers, themes, VBA, custom XML, parts nobody refers to — never even inflated),
 * and the parts we change are edited in place:
 * - the marked ledger sheet(s): our two columns' cells (inline strings), widths and colour rules;
 * - `workbook.xml`, its relationships and `[Content_Types].xml`: the summary sheet and our names;
 * - `styles.xml`: our looks appended, so every style index the user's cells use stays;
 * - the summary sheet's own part (ours entirely).
 * Dates, numbers and text of the user's cells are never re-written, so they cannot move.
 *
 * What it guarantees:
 * - The input file is only read; the copy goes to a temporary file beside `outputPath` and is
 *   renamed into place when complete, so a failure leaves nothing half-written.
 * - No user cell changes: the owned columns are right of the ledger (or where an earlier run put
 *   them), the colours are conditional formats keyed on the 预警状态 column (ONE rule per colour
 *   over the ledger's columns), so the user's own fills stay underneath; a user's value where an
 *   owned cell goes is refused (`WriteError`), never overwritten.
 * - Each owned thing is marked with a workbook defined name (`MARK_NAMES`): the summary sheet's A1
 *   and the owned columns' written cells (header row through the last item row). A copy has one
 *   marked ledger sheet: the marks of every sheet the add-in marked (its pairs of names,
 *   `COLUMN_MARK_PAIRS`) are taken away first, as `removeMarks` does. A later run (on the copy)
 *   empties exactly those and writes its own; `removeMarks` takes them all away again. A user's
 *   value elsewhere in those columns (above the header, under the ledger) is never touched. The
 *   conditional-format rules are recognised by their exact formulas (`colourRuleFormula`).
 * - The workbook's own defined names stay as written (sheet-level ones on their sheets, constants,
 *   hidden ones); removing the summary sheet moves later sheets' names down with their sheets.
 */
import { renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { columnLetter, columnNumber } from "../core/grid";
import {
  COLOURED_LIGHTS,
  COLUMN_MARK_PAIRS,
  colourRuleFormula,
  LIGHT_FILLS,
  LIGHT_LABELS,
  MARK_NAMES,
  OPINION_HEADER,
  STATUS_HEADER,
  type MarksPlan,
} from "../core/plan/marks-plan";
import { planMarks } from "../core/plan/marks-from-result";
import { isOpinionText, isStatusText, legacyWrittenRows, writtenRows, type RowSpan } from "../core/plan/written-rows";
import {
  pickOwnedSheetName,
  pickSummarySheetName,
  planSummarySheet,
  quoteSheet,
  type ChartPlan,
} from "../core/plan/summary-sheet";
import { planSupervisionSheet, SUPERVISION_SHEET_NAME } from "../core/plan/supervision-sheet";
import type { Settings } from "../core/settings";
import type { PeriodRecord } from "../core/history/record";
import { planHistorySheet } from "../core/history/sheet";
import type { CellValue, EvaluationResult, Message } from "../core/types";
import { addChartDrawing } from "./package/drawing";
import { PartTooLarge, relsPartOf, XlsxPackage } from "./package/opc";
import {
  CLAIM,
  editSheet,
  OccupiedCell,
  withDrawing,
  type CellEdit,
  type CellWrite,
  type SheetEdits,
} from "./package/sheet-edit";
import { MINIMAL_STYLES, StylesEditor } from "./package/styles";
import { summarySheetXml } from "./package/summary-xml";
import {
  addSheet,
  definedNameElement,
  listDefinedNames,
  listSheets,
  mainNamespace,
  removeSheet,
  replaceDefinedNames,
  type DefinedNameEntry,
} from "./package/workbook-edit";
import { attribute, XmlShapeError } from "./package/xml";
import { decodeXml } from "./xml";
import { ZipCopyTooLarge } from "./package/zip-copy";
import { readWorkbook } from "./read";
import { ZipFormatError } from "./zip";

export interface WriteOptions {
  readonly settings: Settings;
  /** The survey sheet the result's survey came from, or null. */
  readonly surveySheet: string | null;
  /**
   * The recorded periods to write as the hidden sheet 评估记录 (this period included), and the sheet's
   * name (`pickHistorySheet`: an existing history sheet is replaced in place, keeping its visibility;
   * a new one is added hidden). Absent: the history sheet, if any, is copied as it is.
   */
  readonly history?: { readonly sheetName: string; readonly records: readonly PeriodRecord[] } | null;
}

export interface WriteOutcome {
  readonly summarySheet: string;
  /** Set when a user sheet already had the name 整改情况汇总 and another was used (say so to the user). */
  readonly renamedFrom: string | null;
  /** The 督办单's sheet, and the name it could not have (a user's sheet had it), like the summary's. */
  readonly supervision: { readonly sheetName: string; readonly renamedFrom: string | null };
}

/**
 * Widths given to the owned columns. Chosen unusual (x.75) so `removeMarks` can tell a width the
 * add-in set from one the user set: it only resets widths that are exactly these.
 */
export const OWNED_COLUMN_WIDTHS = { status: 10.75, opinion: 48.75 } as const;

/** A write the writer refuses or cannot do; `message` is `zh / en` (as the CLI splits it), `bilingual` the pair. */
export class WriteError extends Error {
  constructor(readonly bilingual: Message) {
    super(`${bilingual.zh} / ${bilingual.en}`);
    this.name = "WriteError";
  }
}

export async function writeEvaluatedCopy(
  inputPath: string,
  outputPath: string,
  result: EvaluationResult,
  opts: WriteOptions,
): Promise<WriteOutcome> {
  assertDifferentFiles(inputPath, outputPath);
  const legacyTexts = await legacyColumnTexts(inputPath);
  return editPackage(inputPath, outputPath, (pkg) => {
    const book = openWorkbook(pkg);
    const ledger = book.sheets.find((s) => s.name === result.layout.sheet);
    if (!ledger?.part) {
      throw new WriteError({
        zh: `工作表“${result.layout.sheet}”不在文件中。`,
        en: `Sheet "${result.layout.sheet}" is not in the file.`,
      });
    }
    const previousSummary = markedSheet(book, MARK_NAMES.summary);
    const previousSupervision = markedSheet(book, MARK_NAMES.supervision);
    if (previousSupervision?.name === ledger.name) {
      throw new WriteError({
        zh: `工作表“${ledger.name}”是整改台账助手生成的督办单，不是台账。`,
        en: `Sheet "${ledger.name}" is the supervision notice the add-in wrote, not a ledger.`,
      });
    }
    if (previousSummary?.name === ledger.name) {
      throw new WriteError({
        zh: `工作表“${ledger.name}”是整改台账助手生成的汇总表，不是台账。`,
        en: `Sheet "${ledger.name}" is the summary the add-in wrote, not a ledger.`,
      });
    }
    const { name, renamedFrom } = pickSummarySheetName(
      book.sheets.map((s) => s.name),
      previousSummary?.name ?? null,
    );

    const styles = new StylesEditor(pkg.text(book.stylesPart) ?? MINIMAL_STYLES);
    const edits = removalEdits(book, legacyTexts);
    const marks = planMarks(result);
    addMarkEdits(edits, ledger.name, marks, styles);
    applySheetEdits(pkg, book, edits);

    const plan = planSummarySheet(result, {
      sheetName: name,
      ledgerSheet: ledger.name,
      surveySheet: opts.surveySheet,
      settings: opts.settings,
    });
    // The summary takes the place (part, sheet id, position) of an earlier one; so does the 督办单.
    const summaryPlaced = placeOwnedSheet(pkg, book, book.xml, previousSummary, name);
    let xml = summaryPlaced.xml;
    const summaryPart = summaryPlaced.part;
    const drawing = addChartDrawing(pkg, book, summaryPart, plan.charts);
    const summary = summarySheetXml(plan, styles, mainNamespace(book.xml), drawing);
    pkg.setText(summaryPart, summary.xml);
    pkg.setContentType(summaryPart, WORKSHEET_CONTENT_TYPE);

    const supervisionName = pickOwnedSheetName(
      SUPERVISION_SHEET_NAME,
      listSheets(xml).map((s) => s.name),
      previousSupervision?.name ?? null,
    );
    const supervisionPlan = planSupervisionSheet(result, { sheetName: supervisionName.name, settings: opts.settings });
    const supervisionPlaced = placeOwnedSheet(pkg, book, xml, previousSupervision, supervisionName.name);
    xml = supervisionPlaced.xml;
    pkg.setText(supervisionPlaced.part, summarySheetXml(supervisionPlan, styles, mainNamespace(book.xml), null).xml);
    pkg.setContentType(supervisionPlaced.part, WORKSHEET_CONTENT_TYPE);
    const history = opts.history ? writeHistorySheet(pkg, book, xml, opts.history, styles) : null;
    if (history) xml = history.xml;
    // Both sheets of ours were placed or appended after the summary: its index is final now.
    const summaryIndex = listSheets(xml).findIndex((s) => s.name === name);

    const rows = writtenRows(marks);
    const columnRange = (col: number) =>
      `${quoteSheet(ledger.name)}!$${columnLetter(col)}$${rows.top}:$${columnLetter(col)}$${rows.bottom}`;
    const ours = [
      definedNameElement(xml, MARK_NAMES.summary, `${quoteSheet(name)}!$A$1`, null),
      definedNameElement(xml, MARK_NAMES.supervision, `${quoteSheet(supervisionName.name)}!$A$1`, null),
      definedNameElement(xml, MARK_NAMES.statusColumn, columnRange(marks.statusCol), null),
      definedNameElement(xml, MARK_NAMES.opinionColumn, columnRange(marks.opinionCol), null),
      ...(summary.printTitles
        ? [definedNameElement(xml, "_xlnm.Print_Titles", summary.printTitles, summaryIndex)]
        : []),
      ...(history ? [definedNameElement(xml, MARK_NAMES.history, `${quoteSheet(history.name)}!$A$1`, null)] : []),
    ];
    xml = replaceDefinedNames(
      xml,
      (n) =>
        isMarkName(n.name) || n.localSheetId === summaryIndex || (history !== null && n.name === MARK_NAMES.history),
      ours,
    );
    pkg.setText(book.part, xml);
    saveStyles(pkg, book, styles);
    return {
      summarySheet: name,
      renamedFrom,
      supervision: { sheetName: supervisionName.name, renamedFrom: supervisionName.renamedFrom },
    };
  });
}

/**
 * The hidden sheet 评估记录 from its plan: an existing history sheet's part is rewritten in place (its
 * place, sheet id and visibility stay: a user who unhid it keeps it visible), else a new hidden sheet
 * is added at the end. Returns the workbook XML and the sheet's name.
 */
function writeHistorySheet(
  pkg: XlsxPackage,
  book: Book,
  workbookXml: string,
  history: NonNullable<WriteOptions["history"]>,
  styles: StylesEditor,
): { xml: string; name: string } {
  let xml = workbookXml;
  const existing = book.sheets.find((s) => s.name === history.sheetName);
  let part: string;
  if (existing?.part) {
    part = existing.part;
    removeOwnPart(pkg, part);
  } else {
    part = pkg.freeName(`${book.folder}worksheets/sheet`, ".xml");
    const relationshipId = pkg.addRelationship(book.part, `${book.relationshipNamespace}/worksheet`, part);
    xml = addSheet(xml, history.sheetName, relationshipId, book.relationshipNamespace, "hidden");
  }
  const plan = planHistorySheet(history.records, history.sheetName);
  pkg.setText(part, summarySheetXml(plan, styles, mainNamespace(book.xml), null).xml);
  pkg.setContentType(part, WORKSHEET_CONTENT_TYPE);
  return { xml, name: history.sheetName };
}

/**
 * Where a sheet of ours goes: in the part of the one an earlier run wrote (`previous`, found by its
 * mark: same part, sheet id and position), else a new part at the end of the workbook.
 */
function placeOwnedSheet(
  pkg: XlsxPackage,
  book: Book,
  xml: string,
  previous: BookSheet | undefined,
  name: string,
): { xml: string; part: string } {
  if (previous?.part) {
    removeOwnPart(pkg, previous.part);
    dropCalcChain(pkg, book);
    return { xml, part: previous.part };
  }
  const edited = previous
    ? removeSheet(
        xml,
        listSheets(xml).findIndex((s) => s.name === previous.name),
      )
    : xml;
  const part = pkg.freeName(`${book.folder}worksheets/sheet`, ".xml");
  const relationshipId = pkg.addRelationship(book.part, `${book.relationshipNamespace}/worksheet`, part);
  return { xml: addSheet(edited, name, relationshipId, book.relationshipNamespace), part };
}

/**
 * 清除标记 for files: a copy of `inputPath` without anything the add-in wrote (SPEC §8). The recorded
 * periods (评估记录) stay unless `history` is asked for ("也清除评估记录"): they are the workbook's
 * memory between meetings, not a mark.
 */
export async function removeMarks(
  inputPath: string,
  outputPath: string,
  options: { readonly history?: boolean } = {},
): Promise<void> {
  assertDifferentFiles(inputPath, outputPath);
  const legacyTexts = await legacyColumnTexts(inputPath);
  editPackage(inputPath, outputPath, (pkg) => {
    const book = openWorkbook(pkg);
    applySheetEdits(pkg, book, removalEdits(book, legacyTexts));
    let xml = book.xml;
    for (const owned of [markedSheet(book, MARK_NAMES.summary), markedSheet(book, MARK_NAMES.supervision)]) {
      if (!owned) continue;
      xml = removeSheet(
        xml,
        listSheets(xml).findIndex((s) => s.name === owned.name),
      );
      if (owned.part) {
        pkg.removeRelationships(book.part, [owned.relationshipId]);
        removeOwnPart(pkg, owned.part);
      }
      dropCalcChain(pkg, book);
    }
    const history = options.history ? markedHistory(book) : undefined;
    if (history) {
      xml = removeSheet(
        xml,
        listSheets(xml).findIndex((s) => s.name === history.name),
      );
      if (history.part) {
        pkg.removeRelationships(book.part, [history.relationshipId]);
        removeOwnPart(pkg, history.part);
      }
    }
    pkg.setText(
      book.part,
      replaceDefinedNames(
        xml,
        (n) => isMarkName(n.name) || (options.history === true && n.name === MARK_NAMES.history),
        [],
      ),
    );
  });
}

/**
 * A copy of `inputPath` with `charts` drawn on its sheet `sheetName` (which must have no drawing of
 * its own yet), saved atomically at `outputPath`; every other part is copied as stored. For a
 * workbook another writer made that cannot write charts (`combine --out`'s, written by exceljs).
 */
export function addChartsToSheet(
  inputPath: string,
  outputPath: string,
  sheetName: string,
  charts: readonly ChartPlan[],
): void {
  assertDifferentFiles(inputPath, outputPath);
  editPackage(inputPath, outputPath, (pkg) => {
    const book = openWorkbook(pkg);
    const part = book.sheets.find((s) => s.name === sheetName)?.part;
    const xml = part ? pkg.text(part) : null;
    if (!part || xml === null)
      throw new WriteError({ zh: `文件中没有工作表“${sheetName}”。`, en: `The file has no sheet "${sheetName}".` });
    const drawing = addChartDrawing(pkg, book, part, charts);
    if (drawing) pkg.setText(part, withDrawing(xml, drawing));
  });
}

/** The sheet 评估记录 the add-in wrote, found by its mark. */
function markedHistory(book: Book): BookSheet | undefined {
  const mark = markedRanges(book.names, MARK_NAMES.history)[0];
  return mark ? book.sheets.find((s) => s.name === mark.sheet) : undefined;
}

// ───────────────────────────── The workbook ─────────────────────────────

const WORKSHEET_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const STYLES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const TRANSITIONAL_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const STRICT_RELATIONSHIPS = "http://purl.oclc.org/ooxml/officeDocument/relationships";

interface BookSheet {
  readonly name: string;
  readonly relationshipId: string;
  /** The sheet's part, or null when its relationship points nowhere. */
  readonly part: string | null;
}

interface Book {
  readonly part: string;
  /** The workbook part's folder with its slash (`xl/`). */
  readonly folder: string;
  readonly xml: string;
  readonly sheets: readonly BookSheet[];
  readonly names: readonly DefinedNameEntry[];
  readonly stylesPart: string;
  readonly relationshipNamespace: string;
  /** Strict Open XML: its drawings and charts use the strict namespaces. */
  readonly strict: boolean;
}

function openWorkbook(pkg: XlsxPackage): Book {
  const office = pkg.relationships("").find((r) => r.kind === "officeDocument" && r.part !== null);
  const part = (office?.part && pkg.find(office.part)) ?? pkg.find("xl/workbook.xml");
  const xml = part ? pkg.text(part) : null;
  if (!part || xml === null)
    throw new WriteError({ zh: "文件中没有工作簿部件。", en: "The file has no workbook part." });
  const rels = pkg.relationships(part);
  const strict = mainNamespace(xml).startsWith("http://purl.oclc.org/");
  const relationshipNamespace = strict ? STRICT_RELATIONSHIPS : TRANSITIONAL_RELATIONSHIPS;
  const target = (id: string) => {
    const rel = rels.find((r) => r.id === id);
    return rel?.part ? pkg.find(rel.part) : null;
  };
  const styles = rels.find((r) => r.kind === "styles" && r.part !== null);
  const folder = part.slice(0, part.lastIndexOf("/") + 1);
  return {
    part,
    folder,
    xml,
    sheets: listSheets(xml).map((s) => ({
      name: s.name,
      relationshipId: s.relationshipId,
      part: target(s.relationshipId),
    })),
    names: listDefinedNames(xml),
    stylesPart: (styles?.part && pkg.find(styles.part)) ?? `${folder}styles.xml`,
    relationshipNamespace,
    strict,
  };
}

/**
 * Removes a part the add-in wrote (the summary sheet) with its relationships and the drawings and
 * charts it refers to (ours too); media or anything else it might refer to is left in place.
 */
function removeOwnPart(pkg: XlsxPackage, part: string): void {
  for (const rel of pkg.relationships(part))
    if (rel.part && OWN_DRAWING_PARTS.has(rel.kind) && pkg.has(rel.part)) removeOwnPart(pkg, rel.part);
  pkg.remove(relsPartOf(part));
  pkg.remove(part);
  pkg.removeContentType(part);
}

const OWN_DRAWING_PARTS = new Set(["drawing", "chart", "chartUserShapes", "chartStyle", "chartColorStyle"]);

function saveStyles(pkg: XlsxPackage, book: Book, styles: StylesEditor): void {
  const exists = pkg.has(book.stylesPart);
  const xml = styles.toXml();
  if (exists && xml === pkg.text(book.stylesPart)) return;
  pkg.setText(book.stylesPart, xml);
  if (!exists) {
    pkg.setContentType(book.stylesPart, STYLES_CONTENT_TYPE);
    pkg.addRelationship(book.part, `${book.relationshipNamespace}/styles`, book.stylesPart);
  }
}

/**
 * The calculation chain lists formula cells by sheet; once the summary's formulas are replaced or
 * gone it would name cells that are no longer formulas, which Excel repairs with a warning. Without
 * it Excel simply rebuilds it.
 */
function dropCalcChain(pkg: XlsxPackage, book: Book): void {
  for (const rel of pkg.relationships(book.part).filter((r) => r.kind === "calcChain")) {
    pkg.removeRelationships(book.part, [rel.id]);
    if (rel.part === null) continue;
    pkg.remove(rel.part);
    pkg.removeContentType(rel.part);
  }
}

/** Runs `edit` on the input's package and saves the result atomically at `outputPath`. */
function editPackage<T>(inputPath: string, outputPath: string, edit: (pkg: XlsxPackage) => T): T {
  const temp = join(dirname(resolve(outputPath)), `.${basename(outputPath)}.${process.pid}.tmp`);
  try {
    return XlsxPackage.open(inputPath, (pkg) => {
      assertExtensionFits(pkg, openWorkbook(pkg), outputPath);
      const outcome = edit(pkg);
      pkg.save(temp, pkg.storedTime(openWorkbook(pkg).part));
      renameSync(temp, outputPath);
      return outcome;
    });
  } catch (error) {
    throw asWriteError(error);
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Excel opens a file only when its extension says what its workbook part is: a workbook with macros
 * (kept byte for byte in the copy) must be saved as `.xlsm`, one without as `.xlsx`.
 */
function assertExtensionFits(pkg: XlsxPackage, book: Book, outputPath: string): void {
  const macros = /macroEnabled/i.test(pkg.contentType(book.part) ?? "");
  const xlsm = /\.xlsm$/i.test(outputPath);
  if (macros && !xlsm)
    throw new WriteError({
      zh: "工作簿含宏，副本的文件名应以 .xlsm 结尾（宏会原样保留）。",
      en: "The workbook has macros: name the copy .xlsm (the macros are kept as they are).",
    });
  if (!macros && xlsm)
    throw new WriteError({
      zh: "工作簿不含宏，副本的文件名应以 .xlsx 结尾。",
      en: "The workbook has no macros: name the copy .xlsx.",
    });
}

function asWriteError(error: unknown): unknown {
  if (error instanceof ZipCopyTooLarge)
    return new WriteError({
      zh: "副本将超过 4 GB，无法写入。",
      en: "The copy would exceed 4 GB and cannot be written.",
    });
  if (error instanceof PartTooLarge)
    return new WriteError({
      zh: `部件 ${error.part} 过大，无法编辑。`,
      en: `Part ${error.part} is too large to edit.`,
    });
  if (error instanceof ZipFormatError && error.problem === "too-large")
    return new WriteError({
      zh: "文件中有部件解压后过大，未写入副本。",
      en: "A part of the file unpacks too large; no copy was written.",
    });
  if (error instanceof XmlShapeError || error instanceof ZipFormatError)
    return new WriteError({
      zh: `文件内容无法按 Excel 格式解析（${error.message}），未写入副本。`,
      en: `The file's content could not be parsed as Excel XML (${error.message}); no copy was written.`,
    });
  return error;
}

// ───────────────────────────── Marks: find, remove ─────────────────────────────

const MARK_NAME_SET = new Set<string>([
  MARK_NAMES.summary,
  MARK_NAMES.supervision,
  ...COLUMN_MARK_PAIRS.flatMap((p) => [p.status, p.opinion]),
]);

function isMarkName(name: string): boolean {
  return MARK_NAME_SET.has(name);
}

/** A range a defined name of ours refers to, one column of it: rows `top`…`bottom` of `col` on `sheet`. */
interface MarkedRange {
  readonly sheet: string;
  readonly col: number;
  readonly top: number;
  readonly bottom: number;
}

const NAME_RANGE = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/;

/** The ranges the workbook-level defined name `name` refers to, one per column. */
function markedRanges(names: readonly DefinedNameEntry[], name: string): MarkedRange[] {
  const out: MarkedRange[] = [];
  for (const entry of names) {
    if (entry.name !== name || entry.localSheetId !== null) continue;
    for (const range of entry.formula.split(",")) {
      const match = NAME_RANGE.exec(range.trim());
      if (!match) continue;
      const sheet = (match[1] ?? match[2] ?? "").replace(/''/g, "'");
      const [left, right] = [columnNumber(match[3] ?? ""), columnNumber(match[5] ?? match[3] ?? "")];
      const [top, bottom] = [Number(match[4]), Number(match[6] ?? match[4])];
      if (left === null || right === null) continue;
      for (let col = Math.min(left, right); col <= Math.max(left, right); col++)
        out.push({ sheet, col, top: Math.min(top, bottom), bottom: Math.max(top, bottom) });
    }
  }
  return out;
}

/** The sheet of ours a mark (`MARK_NAMES.summary`, `.supervision`) points at. */
function markedSheet(book: Book, markName: string): BookSheet | undefined {
  const mark = markedRanges(book.names, markName)[0];
  return mark ? book.sheets.find((s) => s.name === mark.sheet) : undefined;
}

/** Per sheet name: the edits to make (removal first, then the new marks on the ledger). */
type EditsBySheet = Map<string, MutableEdits>;

interface MutableEdits {
  cells: Map<number, Map<number, CellEdit>>;
  /** `row:col` of the cells an earlier run wrote (emptied here): a new write may replace them. */
  removed: Set<string>;
  resetWidths: { col: number; width: number }[];
  setWidths: { col: number; width: number }[];
  addFormat: SheetEdits["addFormat"];
}

function editsOf(all: EditsBySheet, sheet: string): MutableEdits {
  let edits = all.get(sheet);
  if (!edits)
    all.set(sheet, (edits = { cells: new Map(), removed: new Set(), resetWidths: [], setWidths: [], addFormat: null }));
  return edits;
}

function setCell(edits: MutableEdits, row: number, col: number, write: CellEdit): void {
  let cells = edits.cells.get(row);
  if (!cells) edits.cells.set(row, (cells = new Map()));
  cells.set(col, write);
}

/** Column texts of the sheets whose marks name only their header cell (earlier versions), by sheet. */
type LegacyTexts = ReadonlyMap<string, (row: number, col: number) => string>;

/**
 * Marks written before the rows were recorded name only their header cell; their rows are inferred
 * from the column's texts (`legacyWrittenRows`), so those sheets' cells are read (only then).
 */
async function legacyColumnTexts(inputPath: string): Promise<LegacyTexts> {
  const names = XlsxPackage.open(inputPath, (pkg) => {
    try {
      return openWorkbook(pkg).names;
    } catch (error) {
      throw asWriteError(error);
    }
  });
  const legacy = new Set(
    COLUMN_MARK_PAIRS.flatMap((pair) => [pair.status, pair.opinion])
      .flatMap((name) => markedRanges(names, name))
      .filter((m) => m.top === m.bottom)
      .map((m) => m.sheet),
  );
  if (legacy.size === 0) return new Map();
  const workbook = await readWorkbook(inputPath, { wanted: (name) => legacy.has(name) });
  const texts = new Map<string, (row: number, col: number) => string>();
  for (const sheet of workbook.sheets) {
    if (!legacy.has(sheet.name)) continue;
    const grid = sheet.grid();
    texts.set(sheet.name, (row, col) => valueText(grid.values[row - 1]?.[col - 1] ?? null));
  }
  return texts;
}

/**
 * A cell's text as the legacy scan compares it: "" only for a cell with nothing in it. Not trimmed — the
 * add-in never wrote spaces, so a cell of spaces is the user's; anything but plain text is never the
 * add-in's either.
 */
function valueText(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  return `\u0000${JSON.stringify(value)}`;
}

/**
 * The edits that take away the owned columns' cells and widths of every earlier run, on every marked
 * sheet, and (`removeFormat`, applied to every edited sheet) the colour rules. Only the rows a mark
 * name records are emptied (`written-rows.ts`): a user's value above the header or under the ledger in
 * those columns stays.
 */
function removalEdits(book: Book, legacyTexts: LegacyTexts): EditsBySheet {
  const all: EditsBySheet = new Map();
  const status = COLUMN_MARK_PAIRS.flatMap((pair) => markedRanges(book.names, pair.status));
  const opinion = COLUMN_MARK_PAIRS.flatMap((pair) => markedRanges(book.names, pair.opinion));
  const legacyStatus = status.find((m) => m.top === m.bottom);
  const columns = [
    ...status.map((m) => ({ mark: m, width: OWNED_COLUMN_WIDTHS.status, isOurs: isStatusText })),
    ...opinion.map((m) => ({ mark: m, width: OWNED_COLUMN_WIDTHS.opinion, isOurs: isOpinionText })),
  ];
  for (const { mark, width, isOurs } of columns) {
    if (!book.sheets.some((s) => s.name === mark.sheet)) continue;
    let span: RowSpan = { top: mark.top, bottom: mark.bottom };
    const textAt = legacyTexts.get(mark.sheet);
    if (mark.top === mark.bottom && textAt) {
      // The 预警状态 column's rows stand for its partner's too.
      const partner = legacyStatus && legacyStatus.sheet === mark.sheet && legacyStatus.top === mark.top;
      const scanned = partner ? legacyStatus : mark;
      span = legacyWrittenRows(mark.top, 1_048_576, (row) => textAt(row, scanned.col), partner ? isStatusText : isOurs);
    }
    const edits = editsOf(all, mark.sheet);
    for (let row = span.top; row <= span.bottom; row++) {
      setCell(edits, row, mark.col, null);
      edits.removed.add(`${row}:${mark.col}`);
    }
    edits.resetWidths.push({ col: mark.col, width });
  }
  return all;
}

// ───────────────────────────── Marks: write ─────────────────────────────

function addMarkEdits(all: EditsBySheet, sheet: string, marks: MarksPlan, styles: StylesEditor): void {
  const edits = editsOf(all, sheet);
  const rows = writtenRows(marks);
  // Every cell the mark names will cover must be free (a later run empties them all), written or not.
  for (let row = rows.top; row <= rows.bottom; row++)
    for (const col of [marks.statusCol, marks.opinionCol])
      if (!edits.cells.get(row)?.get(col)) setCell(edits, row, col, CLAIM);
  // The owned headers look like the ledger's own header (its last header cell's format).
  const headerStyle: CellWrite["style"] = ({ styleAt }) => styleAt(marks.colourArea.lastCol);
  setCell(edits, rows.top, marks.statusCol, { text: STATUS_HEADER, style: headerStyle });
  setCell(edits, rows.top, marks.opinionCol, { text: OPINION_HEADER, style: headerStyle });
  edits.setWidths.push(
    { col: marks.statusCol, width: OWNED_COLUMN_WIDTHS.status },
    { col: marks.opinionCol, width: OWNED_COLUMN_WIDTHS.opinion },
  );
  for (const row of marks.rows) {
    setCell(edits, row.row, marks.statusCol, {
      text: row.status,
      style: ({ existing, inherited }) => existing ?? inherited,
    });
    if (row.opinion !== "")
      setCell(edits, row.row, marks.opinionCol, {
        text: row.opinion,
        style: ({ existing, inherited }) => styles.wrappedTop(existing ?? inherited),
      });
  }
  const { firstRow, lastRow, firstCol, lastCol } = marks.colourArea;
  if (lastRow < firstRow || lastCol < firstCol) return;
  const statusLetter = columnLetter(marks.statusCol);
  const dxfs = COLOURED_LIGHTS.map((light) =>
    styles.dxf(
      `<${styles.prefix}fill><${styles.prefix}patternFill patternType="solid"><${styles.prefix}bgColor rgb="${argb(LIGHT_FILLS[light] ?? "#FFFFFF")}"/></${styles.prefix}patternFill></${styles.prefix}fill>`,
    ),
  );
  const sqref = `${columnLetter(firstCol)}${firstRow}:${columnLetter(lastCol)}${lastRow}`;
  // Distinct priorities after the user's own rules: a user's rule keeps precedence over our colours.
  edits.addFormat = (p, priority) =>
    `<${p}conditionalFormatting sqref="${sqref}">${COLOURED_LIGHTS.map(
      (light, i) =>
        `<${p}cfRule type="expression" dxfId="${dxfs[i]}" priority="${priority + i}"><${p}formula>${escapeFormula(colourRuleFormula(light, statusLetter, firstRow))}</${p}formula></${p}cfRule>`,
    ).join("")}</${p}conditionalFormatting>`;
}

function argb(hex: string): string {
  return `FF${hex.replace("#", "").toUpperCase()}`;
}

function escapeFormula(formula: string): string {
  return formula.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const OUR_RULE = new RegExp(`^\\$[A-Z]{1,3}\\d+="(${COLOURED_LIGHTS.map((l) => LIGHT_LABELS[l]).join("|")})"$`);

/** A `<conditionalFormatting>` whose every rule is one of our colour rules. */
function isOurFormat(element: string): boolean {
  const rules = [...element.matchAll(/<(?:[\w.-]+:)?cfRule\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?cfRule>)/g)];
  return (
    rules.length > 0 &&
    rules.every((rule) => {
      const formulas = [
        ...(rule[2] ?? "").matchAll(/<(?:[\w.-]+:)?formula\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?formula>/g),
      ];
      return (
        attribute(` ${rule[1] ?? ""}`, "type") === "expression" &&
        formulas.length === 1 &&
        OUR_RULE.test(decodeXml(formulas[0]?.[1] ?? ""))
      );
    })
  );
}

function applySheetEdits(pkg: XlsxPackage, book: Book, all: EditsBySheet): void {
  for (const [sheetName, edits] of all) {
    const part = book.sheets.find((s) => s.name === sheetName)?.part;
    const xml = part ? pkg.text(part) : null;
    if (!part || xml === null) continue;
    try {
      const edited = editSheet(xml, {
        ...edits,
        owned: (row, col) => edits.removed.has(`${row}:${col}`),
        removeFormat: isOurFormat,
      });
      if (edited !== xml) pkg.setText(part, edited);
    } catch (error) {
      if (error instanceof OccupiedCell) {
        throw new WriteError({
          zh: `工作表“${sheetName}”台账右侧的 ${error.ref} 已有内容，预警状态和评估意见列不能写在那里。请清空这些单元格后再评估。`,
          en: `Cell ${error.ref} right of the ledger on sheet "${sheetName}" is not empty, so the status and opinion columns cannot go there. Clear it, then evaluate again.`,
        });
      }
      throw error;
    }
  }
}

// ───────────────────────────── Files ─────────────────────────────

function assertDifferentFiles(inputPath: string, outputPath: string): void {
  if (resolve(inputPath) === resolve(outputPath)) {
    throw new WriteError({ zh: "输出文件不能与输入文件相同。", en: "The output file must not be the input file." });
  }
}
