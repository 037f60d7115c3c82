/**
 * The CLI's `--out`: a copy of the workbook with what the add-in would write (SPEC §8, §9) — the
 * 预警状态 / 评估意见 columns, the row colours and the summary sheet — rendered from the same plans
 * the Excel adapter renders (`planMarks`, `planSummarySheet`).
 *
 * What it guarantees:
 * - The input file is only read; the copy goes to a temporary file beside `outputPath` and is
 *   renamed into place when complete, so a failure leaves nothing half-written.
 * - No user cell changes: the owned columns are right of the ledger (or where an earlier run put
 *   them), the colours are conditional formats keyed on the 预警状态 column (ONE rule per colour
 *   over the ledger's columns), so the user's own fills stay underneath.
 * - Each owned thing is marked with a workbook defined name (`MARK_NAMES`): the summary sheet's A1
 *   and the owned columns' written cells (header row through the last item row). A copy has one
 *   marked ledger sheet: the marks of every sheet the add-in marked (its pairs of names,
 *   `COLUMN_MARK_PAIRS`) are taken away first, as `removeMarks` does. A later run (on the
 *   copy) empties exactly those and writes its own; `removeMarks` takes them all away again. A user's
 *   value elsewhere in those columns (above the header, under the ledger) is never touched. The
 *   conditional-format rules are recognised by their exact formulas (`colourRuleFormula`).
 *
 * - The workbook's own defined names are in the copy exactly as in the input (sheet-level ones on
 *   their sheets, constants, hidden ones): exceljs would flatten or drop them, so they are put back
 *   into the written package afterwards (defined-names.ts).
 *
 * exceljs cannot write charts: the summary plan's chart (lights by unit) is drawn only by the Excel
 * adapter; here it is skipped. Internal links are written as `HYPERLINK("#'sheet'!A12", text)`
 * formulas, because exceljs writes a cell hyperlink with an *external* relationship beside its
 * location, which Excel may try to open as a file.
 */
import { renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { keepDefinedNames } from "./defined-names";
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
} from "../core/plan/marks";
import { planMarks } from "../core/plan/marks-builder";
import { isOpinionText, isStatusText, legacyWrittenRows, writtenRows, type RowSpan } from "../core/plan/owned-range";
import {
  pickSummarySheetName,
  planSummarySheet,
  quoteSheet,
  SHEET_STYLES,
  sheetPlanCells,
  tableBodyArea,
  type CellStyle,
  type PlanCell,
  type SheetPlan,
} from "../core/plan/summary-sheet";
import type { Settings } from "../core/settings";
import type { EvaluationResult, Message } from "../core/types";

export interface WriteOptions {
  readonly settings: Settings;
  /** The survey sheet the result's survey came from, or null. */
  readonly surveySheet: string | null;
}

export interface WriteOutcome {
  readonly summarySheet: string;
  /** Set when a user sheet already had the name 整改情况汇总 and another was used (say so to the user). */
  readonly renamedFrom: string | null;
}

/**
 * Widths given to the owned columns. Chosen unusual (x.75) so `removeMarks` can tell a width the
 * add-in set from one the user set: it only resets widths that are exactly these.
 */
export const OWNED_COLUMN_WIDTHS = { status: 10.75, opinion: 48.75 } as const;

/** exceljs keeps a sheet's place in the workbook's order here (not in its typings). */
type WithOrder = ExcelJS.Worksheet & { orderNo: number };

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
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(inputPath);
  const ledger = workbook.getWorksheet(result.layout.sheet);
  if (!ledger) {
    throw new WriteError({
      zh: `工作表“${result.layout.sheet}”不在文件中。`,
      en: `Sheet "${result.layout.sheet}" is not in the file.`,
    });
  }

  const previousSummary = findMarkedSheet(workbook);
  const { name, renamedFrom } = pickSummarySheetName(
    workbook.worksheets.map((ws) => ws.name),
    previousSummary?.name ?? null,
  );
  removeAllMarks(workbook);

  const marks = planMarks(result);
  assertOwnedCellsFree(ledger, marks);
  writeMarks(workbook, ledger, marks);

  const plan = planSummarySheet(result, {
    sheetName: name,
    ledgerSheet: ledger.name,
    surveySheet: opts.surveySheet,
    settings: opts.settings,
  });
  const summary = workbook.addWorksheet(name);
  // Take the replaced summary's place in the sheet order.
  if (previousSummary) (summary as WithOrder).orderNo = (previousSummary as WithOrder).orderNo;
  renderSheetPlan(summary, plan);
  workbook.definedNames.add(`${quoteSheet(name)}!$A$1`, MARK_NAMES.summary);

  await writeAtomically(workbook, inputPath, outputPath, name);
  return { summarySheet: name, renamedFrom };
}

/** 清除标记 for files: a copy of `inputPath` without anything the add-in wrote (SPEC §8). */
export async function removeMarks(inputPath: string, outputPath: string): Promise<void> {
  assertDifferentFiles(inputPath, outputPath);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(inputPath);
  removeAllMarks(workbook);
  await writeAtomically(workbook, inputPath, outputPath, null);
}

// ───────────────────────────── Marks: find, remove ─────────────────────────────

/** A range a defined name of ours refers to, one column of it: rows `top`…`bottom` of `col` on `sheet`. */
interface MarkedRange {
  readonly sheet: string;
  readonly col: number;
  readonly top: number;
  readonly bottom: number;
}

const NAME_RANGE = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/;

/** The ranges a defined name of ours refers to (exceljs keeps names as cell matrices), one per column. */
function markedRanges(workbook: ExcelJS.Workbook, name: string): MarkedRange[] {
  const ranges = (workbook.definedNames as unknown as { getRanges(n: string): { ranges: string[] } }).getRanges(name);
  const out: MarkedRange[] = [];
  for (const range of ranges?.ranges ?? []) {
    const match = NAME_RANGE.exec(range);
    if (!match) continue;
    const sheet = (match[1] ?? match[2] ?? "").replace(/''/g, "'");
    const [left, right] = [columnNumber(match[3] ?? ""), columnNumber(match[5] ?? match[3] ?? "")];
    const [top, bottom] = [Number(match[4]), Number(match[6] ?? match[4])];
    if (left === null || right === null) continue;
    for (let col = Math.min(left, right); col <= Math.max(left, right); col++)
      out.push({ sheet, col, top: Math.min(top, bottom), bottom: Math.max(top, bottom) });
  }
  return out;
}

function findMarkedSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  const mark = markedRanges(workbook, MARK_NAMES.summary)[0];
  return mark ? workbook.getWorksheet(mark.sheet) : undefined;
}

function removeDefinedName(workbook: ExcelJS.Workbook, name: string): void {
  const names = workbook.definedNames as unknown as { matrixMap: Record<string, unknown> };
  delete names.matrixMap[name];
}

/**
 * Takes away the summary sheet, the owned columns' cells and the colour rules of every earlier run.
 * Only the rows a mark name records are emptied (`owned-range.ts`): a user's value above the header or
 * under the ledger in those columns stays. A mark naming only its header cell (written before the rows
 * were recorded) is read with `legacyWrittenRows`.
 */
function removeAllMarks(workbook: ExcelJS.Workbook): void {
  const summary = findMarkedSheet(workbook);
  if (summary) workbook.removeWorksheet(summary.id);

  // Every marked ledger sheet's pair (the add-in marks each sheet it evaluated with its own pair).
  const status = COLUMN_MARK_PAIRS.flatMap((pair) => markedRanges(workbook, pair.status));
  const opinion = COLUMN_MARK_PAIRS.flatMap((pair) => markedRanges(workbook, pair.opinion));
  const legacyStatus = status.find((m) => m.top === m.bottom);
  const columns = [
    ...status.map((m) => ({ mark: m, width: OWNED_COLUMN_WIDTHS.status, isOurs: isStatusText })),
    ...opinion.map((m) => ({ mark: m, width: OWNED_COLUMN_WIDTHS.opinion, isOurs: isOpinionText })),
  ];
  // Inferred before anything is emptied: the 预警状态 column's rows stand for its partner's too.
  const spans = columns.map(({ mark, isOurs }) => {
    const ws = workbook.getWorksheet(mark.sheet);
    if (!ws || mark.top !== mark.bottom) return { top: mark.top, bottom: mark.bottom };
    const partner = legacyStatus && legacyStatus.sheet === mark.sheet && legacyStatus.top === mark.top;
    const scanned = partner ? legacyStatus : mark;
    return legacyWrittenRows(
      mark.top,
      ws.rowCount,
      (row) => valueText(ws.findRow(row)?.findCell(scanned.col)?.value),
      partner ? isStatusText : isOurs,
    );
  });
  columns.forEach(({ mark, width }, i) => {
    const ws = workbook.getWorksheet(mark.sheet);
    const span = spans[i];
    if (!ws || !span) return;
    clearColumnRows(ws, mark.col, span);
    const column = ws.getColumn(mark.col);
    if (column.width === width) column.width = undefined as unknown as number;
  });
  for (const ws of workbook.worksheets) removeColourRules(ws);

  for (const name of [MARK_NAMES.summary, ...COLUMN_MARK_PAIRS.flatMap((pair) => [pair.status, pair.opinion])])
    removeDefinedName(workbook, name);
}

/**
 * A cell's text as the legacy scan compares it: "" only for a cell with nothing in it. Not trimmed — the
 * add-in never wrote spaces, so a cell of spaces is the user's; rich text, formulas, dates and anything
 * else exceljs hands back are never the add-in's either.
 */
function valueText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object" && "richText" in value)
    return `\u0000${value.richText.map((run) => run.text).join("")}`;
  return `\u0000${String(value)}`;
}

/** Empties rows `span` of a column: no value, and the style a never-touched cell would show. */
function clearColumnRows(ws: ExcelJS.Worksheet, col: number, span: RowSpan): void {
  for (let r = span.top; r <= span.bottom; r++) {
    const row = ws.findRow(r);
    const cell = row?.findCell(col);
    if (!row || !cell) continue;
    cell.value = null;
    cell.style = inheritedStyle(row, ws.getColumn(col));
  }
}

/** What exceljs gives a new cell: the row's style over the column's (see exceljs Cell's constructor). */
function inheritedStyle(row: ExcelJS.Row, column: ExcelJS.Column): Partial<ExcelJS.Style> {
  return {
    ...structuredClone(column.style ?? {}),
    ...structuredClone((row as ExcelJS.Row & { style?: Partial<ExcelJS.Style> }).style ?? {}),
  };
}

const OUR_RULE = new RegExp(`^\\$[A-Z]{1,3}\\d+="(${COLOURED_LIGHTS.map((l) => LIGHT_LABELS[l]).join("|")})"$`);

interface ConditionalRule {
  type?: string;
  formulae?: unknown[];
}

function isOurRule(rule: ConditionalRule): boolean {
  return rule.type === "expression" && rule.formulae?.length === 1 && OUR_RULE.test(String(rule.formulae[0]));
}

function removeColourRules(ws: ExcelJS.Worksheet): void {
  const all = (ws as unknown as { conditionalFormattings?: unknown }).conditionalFormattings as
    { ref: string; rules: ConditionalRule[] }[] | undefined;
  if (!all) return;
  const kept = all.filter((cf) => !(cf.rules.length > 0 && cf.rules.every(isOurRule)));
  all.splice(0, all.length, ...kept);
}

// ───────────────────────────── Marks: write ─────────────────────────────

/**
 * SPEC §8: the add-in never changes a user's cell. After our own marks are removed, every cell the
 * owned columns would take (header row to the last item) must be empty — as the Excel adapter checks
 * (`ownedWrites`); a cell holding only a space is the user's too. Cells inside a merged area other
 * than its top-left hold nothing of their own (Excel shows them empty), as in the adapter.
 */
function assertOwnedCellsFree(ws: ExcelJS.Worksheet, marks: MarksPlan): void {
  const { top, bottom } = writtenRows(marks);
  for (const col of [marks.statusCol, marks.opinionCol]) {
    for (let r = top; r <= bottom; r++) {
      const cell = ws.findRow(r)?.findCell(col);
      if (!cell || cell.type === ExcelJS.ValueType.Merge) continue;
      if (cell.value === null || cell.value === undefined || cell.value === "") continue;
      throw new WriteError({
        zh: `工作表“${ws.name}”台账右侧的 ${cell.address} 已有内容，预警状态和评估意见列不能写在那里。请清空这些单元格后再评估。`,
        en: `Cell ${cell.address} right of the ledger on sheet "${ws.name}" is not empty, so the status and opinion columns cannot go there. Clear it, then evaluate again.`,
      });
    }
  }
}

function writeMarks(workbook: ExcelJS.Workbook, ws: ExcelJS.Worksheet, marks: MarksPlan): void {
  const headerStyle = ws.getRow(marks.headerRow).getCell(marks.colourArea.lastCol).style;
  const rows = writtenRows(marks);
  const owned = [
    { col: marks.statusCol, header: STATUS_HEADER, mark: MARK_NAMES.statusColumn, width: OWNED_COLUMN_WIDTHS.status },
    {
      col: marks.opinionCol,
      header: OPINION_HEADER,
      mark: MARK_NAMES.opinionColumn,
      width: OWNED_COLUMN_WIDTHS.opinion,
    },
  ];
  for (const { col, header, mark, width } of owned) {
    const cell = ws.getRow(marks.headerRow).getCell(col);
    cell.value = header;
    // Look like the ledger's own header (font, fill, border, alignment of its last header cell).
    cell.style = structuredClone(headerStyle);
    const column = ws.getColumn(col);
    if (column.width === undefined) column.width = width;
    // The exact rows written (header through the last item), so a later run or removeMarks touches only these.
    const letter = columnLetter(col);
    workbook.definedNames.add(`${quoteSheet(ws.name)}!$${letter}$${rows.top}:$${letter}$${rows.bottom}`, mark);
  }
  for (const row of marks.rows) {
    ws.getRow(row.row).getCell(marks.statusCol).value = row.status;
    if (row.opinion !== "") {
      const cell = ws.getRow(row.row).getCell(marks.opinionCol);
      cell.value = row.opinion;
      cell.alignment = { ...(cell.alignment ?? {}), wrapText: true, vertical: "top" };
    }
  }
  addColourRules(ws, marks);
}

function addColourRules(ws: ExcelJS.Worksheet, marks: MarksPlan): void {
  const { firstRow, lastRow, firstCol, lastCol } = marks.colourArea;
  if (lastRow < firstRow || lastCol < firstCol) return;
  const statusLetter = columnLetter(marks.statusCol);
  ws.addConditionalFormatting({
    ref: `${columnLetter(firstCol)}${firstRow}:${columnLetter(lastCol)}${lastRow}`,
    // Distinct priorities: rules of equal priority are an ambiguity Excel resolves and LibreOffice does not.
    rules: COLOURED_LIGHTS.map((light, index) => ({
      type: "expression",
      formulae: [colourRuleFormula(light, statusLetter, firstRow)],
      style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(LIGHT_FILLS[light] ?? "#FFFFFF") } } },
      priority: index + 1,
    })) as ExcelJS.ConditionalFormattingRule[],
  });
}

// ───────────────────────────── The summary sheet ─────────────────────────────

function argb(hex: string): string {
  return `FF${hex.replace("#", "").toUpperCase()}`;
}

function styleOf(style: CellStyle): Partial<ExcelJS.Style> {
  const spec = SHEET_STYLES[style];
  const out: Partial<ExcelJS.Style> = {
    font: {
      name: "等线",
      size: spec.fontSize,
      bold: spec.bold,
      ...(spec.fontColor ? { color: { argb: argb(spec.fontColor) } } : {}),
    },
    alignment: { vertical: "top", wrapText: spec.wrap },
  };
  if (spec.fill) out.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(spec.fill) } };
  return out;
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FFBFBFBF" } },
  left: { style: "thin", color: { argb: "FFBFBFBF" } },
  bottom: { style: "thin", color: { argb: "FFBFBFBF" } },
  right: { style: "thin", color: { argb: "FFBFBFBF" } },
};

/** One plan cell into one exceljs cell. Text is always a string value, never a formula (SPEC §8). */
function writeCell(cell: ExcelJS.Cell, planCell: PlanCell): void {
  switch (planCell.kind) {
    case "text":
      cell.value = planCell.text;
      break;
    case "number":
      cell.value = planCell.value;
      if (planCell.format) cell.numFmt = planCell.format;
      break;
    case "formula":
      cell.value = {
        formula: planCell.formula.replace(/^=/, ""),
        result: (planCell.value ?? "") as number | string | boolean,
      } as ExcelJS.CellFormulaValue;
      if (planCell.format) cell.numFmt = planCell.format;
      break;
    case "link": {
      const target = `#${quoteSheet(planCell.sheet)}!${planCell.address}`;
      cell.value = {
        formula: `HYPERLINK("${target.replace(/"/g, '""')}","${planCell.text.replace(/"/g, '""')}")`,
        result: planCell.text,
      } as ExcelJS.CellFormulaValue;
      cell.font = { ...(cell.font ?? {}), color: { argb: "FF0563C1" }, underline: true };
      break;
    }
  }
}

function renderSheetPlan(ws: ExcelJS.Worksheet, plan: SheetPlan): void {
  plan.columnWidths.forEach((width, i) => (ws.getColumn(i + 1).width = width));
  for (const table of plan.tables) {
    if (table.header.length === 0) continue;
    const area = tableBodyArea(table);
    for (let r = area.top; r <= area.bottom; r++)
      for (let c = area.left; c <= area.right; c++) ws.getCell(r, c).border = THIN;
  }
  for (const { row, col, cell: planCell } of sheetPlanCells(plan)) {
    const cell = ws.getCell(row, col);
    const border = cell.border;
    cell.style = {
      ...styleOf(planCell.style ?? "body"),
      ...(SHEET_STYLES[planCell.style ?? "body"].border ? { border } : {}),
    };
    writeCell(cell, planCell);
  }
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: plan.print.orientation,
    paperSize: 9, // A4
    fitToPage: true,
    fitToWidth: plan.print.fitToPagesWide,
    fitToHeight: plan.print.fitToPagesTall,
    ...(plan.print.repeatRows
      ? { printTitlesRow: `${plan.print.repeatRows.first}:${plan.print.repeatRows.last}` }
      : {}),
  };
  if (plan.freezeRows > 0) ws.views = [{ state: "frozen", ySplit: plan.freezeRows, xSplit: 0 }];
  // plan.charts: not written — exceljs has no chart support (see the module comment).
}

// ───────────────────────────── Files ─────────────────────────────

function assertDifferentFiles(inputPath: string, outputPath: string): void {
  if (resolve(inputPath) === resolve(outputPath)) {
    throw new WriteError({ zh: "输出文件不能与输入文件相同。", en: "The output file must not be the input file." });
  }
}

/**
 * Writes the copy to a temporary file beside `outputPath`, puts the input's own defined names back
 * as they were (exceljs mangles sheet-level ones: see defined-names.ts), then renames it into place.
 * `drawnSheet`: the summary sheet drawn in the copy, whose names come from exceljs.
 */
async function writeAtomically(
  workbook: ExcelJS.Workbook,
  inputPath: string,
  outputPath: string,
  drawnSheet: string | null,
): Promise<void> {
  const temp = join(dirname(resolve(outputPath)), `.${basename(outputPath)}.${process.pid}.tmp`);
  try {
    await workbook.xlsx.writeFile(temp);
    keepDefinedNames(inputPath, temp, drawnSheet);
    renameSync(temp, outputPath);
  } finally {
    rmSync(temp, { force: true });
  }
}
