/**
 * The consolidated workbook `combine --out` writes — a new workbook of our own, so exceljs' streaming
 * writer builds it sheet after sheet without holding the whole of it:
 *
 * - **各单位汇总**: one row per file read (单位, 文件, 事项数, 已完成, 已销号, 红灯, 黄灯, 绿灯, 逾期,
 *   完成率, 销号率, 按期完成率, 错误, 提醒, 满意度), most red lights first; rates and the totals row
 *   are formulas (the on-time rate's two counts sit in two hidden columns at the right, so its
 *   formula can be recomputed too); red and yellow counts are coloured;
 * - **红黄灯清单**: every red and yellow item of every file with 来源单位, 来源文件 and 原行号;
 * - **问题总台账**: every item in one ledger with SPEC §2's standard columns plus 来源单位, 来源文件
 *   and 原行号 — a ledger `evaluate` (and `split`) read like any other: dates are real dates, and
 *   every text is written as text, so a cell reading `=…`, `+…`, `-…` or `@…` never becomes a formula;
 * - **未能读取**: the files that could not be read and why.
 *
 * The workbook carries the defined name `COMBINED_MARK_NAME`, by which `combine` recognises (and
 * skips) its own output in a folder. exceljs cannot write charts: 各单位汇总's chart of red and yellow
 * lights by unit is added to the package it wrote (`./units-chart.ts`).
 */
import { mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import ExcelJS from "exceljs";
import { LIGHT_FILLS } from "../../core/plan/marks-plan";
import { LIGHT_LABELS } from "../../core/vocabulary";
import { FIELD_LABELS } from "../../core/rules/field-labels";
import {
  AMOUNT_FIELDS,
  FIELD_KEYS,
  type AmountField,
  type AmountUnit,
  type FieldKey,
  type Light,
} from "../../core/types";
import { consolidatedMoneyUnit, inUnit } from "../../core/combine/totals";
import type { FileOutcome, LedgerCell } from "./evaluate-file";
import { unpackRows } from "./packed-rows";
import { COMBINED_MARK_NAME } from "./consolidated";
import { saveWithUnitsChart } from "./units-chart";
import { byLightsDescending } from "../../core/combine/unit-order";
import { unitRates, unitRowCells, type UnitCell } from "../../core/combine/unit-row";
import {
  FAILED_HEADERS,
  filesCountText,
  SHEET_NAMES,
  SOURCE_FILE_HEADER,
  SOURCE_ROW_HEADER,
  SOURCE_UNIT_HEADER,
  TOTALS_LABEL,
  UNIT_HEADERS,
  UNIT_HIDDEN_COLUMNS,
  WARNING_HEADERS,
} from "../../core/combine/labels";

const HEADER_FILL = "FFDDEBF7";
const DATE_FORMAT = "yyyy-mm-dd";
const RATE_FORMAT = "0.0%";

const argb = (hex: string): string => `FF${hex.replace("#", "").toUpperCase()}`;
const solid = (color: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb: color } });
const lightFill = (light: Light): ExcelJS.Fill | undefined => {
  const hex = LIGHT_FILLS[light];
  return hex ? solid(argb(hex)) : undefined;
};

function toExcelValue(cell: LedgerCell): ExcelJS.CellValue {
  if (cell === null || typeof cell !== "object") return cell;
  return "date" in cell ? new Date(`${cell.date}T00:00:00Z`) : cell.number;
}

function numberFormatOf(cell: LedgerCell): string | null {
  if (cell === null || typeof cell !== "object") return null;
  return "date" in cell ? DATE_FORMAT : cell.format;
}

function writeHeader(sheet: ExcelJS.Worksheet, headers: readonly string[]): void {
  const row = sheet.addRow([...headers]);
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = solid(HEADER_FILL);
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  });
  row.commit();
}

function writeUnitsSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, read: readonly FileOutcome[]): void {
  const sheet = workbook.addWorksheet(SHEET_NAMES.units, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = UNIT_HEADERS.map((_, c) => ({
    width: c === 0 ? 24 : c === 1 ? 36 : c >= 9 && c <= 11 ? 11 : 9,
    hidden: UNIT_HIDDEN_COLUMNS.includes(c + 1),
  }));
  writeHeader(sheet, UNIT_HEADERS);
  const ordered = [...read].sort(byLightsDescending);
  const value = (cell: UnitCell): ExcelJS.CellValue => {
    if (cell === null) return null;
    if (cell.kind === "text") return cell.text;
    if (cell.kind === "rate") return { formula: cell.formula, result: cell.value === "" ? undefined : cell.value };
    return cell.value;
  };
  let r = 1;
  const sums = { items: 0, finished: 0, closed: 0, onTime: 0, dated: 0 };
  /** Column letter → the sum of the rows written so far (the streaming writer forgets committed rows). */
  const columnSums = new Map<string, number>();
  for (const outcome of ordered) {
    const s = outcome.summary;
    if (!s) continue;
    r++;
    const finished = s.byStatus.done + s.byStatus.closed;
    sums.items += s.items;
    sums.finished += finished;
    sums.closed += s.byStatus.closed;
    sums.onTime += outcome.onTime.onTime;
    sums.dated += outcome.onTime.dated;
    const row = sheet.addRow(unitRowCells(outcome, r).map(value));
    row.eachCell((cell) => {
      if (typeof cell.value !== "number") return;
      const column = cell.address.replace(/\d+$/, "");
      columnSums.set(column, (columnSums.get(column) ?? 0) + cell.value);
    });
    styleUnitRow(row, s.byLight.red, s.byLight.yellow);
    row.commit();
  }
  const last = r;
  r++;
  // Each total carries its value too, for readers that show cached results without recalculating.
  const sum = (col: string): ExcelJS.CellFormulaValue => ({
    formula: last >= 2 ? `SUM(${col}2:${col}${last})` : "0",
    result: columnSums.get(col) ?? 0,
  });
  const totals = sheet.addRow([
    TOTALS_LABEL,
    filesCountText(ordered.length),
    sum("C"),
    sum("D"),
    sum("E"),
    sum("F"),
    sum("G"),
    sum("H"),
    sum("I"),
    ...unitRates(r, sums).map(value),
    sum("M"),
    sum("N"),
    null,
    sum("P"),
    sum("Q"),
  ]);
  totals.font = { bold: true };
  styleUnitRow(totals, 0, 0);
  totals.eachCell((cell) => {
    cell.border = { top: { style: "thin" } };
  });
  totals.commit();
  sheet.commit();
}

function styleUnitRow(row: ExcelJS.Row, red: number, yellow: number): void {
  for (const col of [10, 11, 12]) row.getCell(col).numFmt = RATE_FORMAT;
  if (red > 0) row.getCell(6).fill = lightFill("red") as ExcelJS.Fill;
  if (yellow > 0) row.getCell(7).fill = lightFill("yellow") as ExcelJS.Fill;
}

function writeWarningsSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, read: readonly FileOutcome[]): void {
  const sheet = workbook.addWorksheet(SHEET_NAMES.warnings, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [18, 30, 8, 8, 8, 9, 48, 16, 12, 12].map((width) => ({ width }));
  writeHeader(sheet, WARNING_HEADERS);
  const entries = read.flatMap((o) => (o.warnings ?? []).map((w) => ({ o, w })));
  entries.sort(
    (a, b) => (a.w.light === "red" ? 0 : 1) - (b.w.light === "red" ? 0 : 1) || b.w.overdueDays - a.w.overdueDays,
  );
  for (const { o, w } of entries) {
    const row = sheet.addRow([
      o.unit,
      o.file,
      w.row,
      w.seq,
      LIGHT_LABELS[w.light],
      w.overdueDays,
      w.description,
      w.unit,
      w.owner,
      w.deadline === null ? null : new Date(`${w.deadline}T00:00:00Z`),
    ]);
    row.getCell(5).fill = lightFill(w.light) as ExcelJS.Fill;
    row.getCell(10).numFmt = DATE_FORMAT;
    row.getCell(7).alignment = { wrapText: true, vertical: "top" };
    row.commit();
  }
  sheet.commit();
}

/**
 * 问题总台账's columns: SPEC §2's standard ones always, the optional ones (延期, 金额) only when some
 * file has them — an empty money column would read as a ledger whose amounts are all 0.
 */
function ledgerColumns(read: readonly FileOutcome[]): number[] {
  const present = new Set(read.flatMap((o) => o.fields));
  const standardEnd = FIELD_KEYS.indexOf("note");
  return FIELD_KEYS.flatMap((field, i) => (i <= standardEnd || present.has(field) ? [i] : []));
}

/** A money cell's plain number converted to the consolidated unit; text (`3.5万元`) names its own unit. */
function inMoneyUnit(cell: LedgerCell, from: AmountUnit, to: AmountUnit): LedgerCell {
  if (typeof cell === "number") return inUnit(cell, from, to);
  if (cell !== null && typeof cell === "object" && "number" in cell)
    return { ...cell, number: inUnit(cell.number, from, to) };
  return cell;
}

function writeLedgerSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, read: readonly FileOutcome[]): void {
  const sheet = workbook.addWorksheet(SHEET_NAMES.ledger, { views: [{ state: "frozen", ySplit: 1 }] });
  const columns = ledgerColumns(read);
  const fields = columns.map((i) => FIELD_KEYS[i] as FieldKey);
  // Money columns name their unit in the header, and each file's plain numbers are converted to it.
  const moneyUnit = consolidatedMoneyUnit(read);
  const isMoney = (f: FieldKey): f is AmountField => (AMOUNT_FIELDS as readonly string[]).includes(f);
  const headers = [
    ...fields.map((f) => (isMoney(f) ? `${FIELD_LABELS[f].zh}（${moneyUnit}）` : FIELD_LABELS[f].zh)),
    SOURCE_UNIT_HEADER,
    SOURCE_FILE_HEADER,
    SOURCE_ROW_HEADER,
  ];
  const wide = new Set<FieldKey>(["description", "measures", "progress"]);
  sheet.columns = [
    ...fields.map((f) => ({ width: wide.has(f) ? 40 : 12 })),
    { width: 18 },
    { width: 30 },
    { width: 8 },
  ];
  writeHeader(sheet, headers);
  for (const outcome of read) {
    // One file's rows unpacked at a time, dropped once written.
    for (const item of unpackRows(outcome.rows)) {
      const cells = columns.map((i, c) => {
        const cell = item.cells[i] ?? null;
        const field = fields[c] as FieldKey;
        return isMoney(field) ? inMoneyUnit(cell, outcome.moneyUnits[field] ?? "元", moneyUnit) : cell;
      });
      const row = sheet.addRow([...cells.map(toExcelValue), outcome.unit, outcome.file, item.row]);
      cells.forEach((cell, c) => {
        const format = numberFormatOf(cell);
        if (format !== null) row.getCell(c + 1).numFmt = format;
      });
      row.commit();
    }
  }
  sheet.commit();
}

function writeFailedSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, failed: readonly FileOutcome[]): void {
  const sheet = workbook.addWorksheet(SHEET_NAMES.failed);
  sheet.columns = [{ width: 40 }, { width: 100 }];
  writeHeader(sheet, FAILED_HEADERS);
  for (const outcome of failed) sheet.addRow([outcome.file, outcome.error]).commit();
  sheet.commit();
}

export async function writeCombinedWorkbook(path: string, outcomes: readonly FileOutcome[]): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  // Written aside and renamed: a run that fails half-way leaves any earlier consolidation intact.
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeTo(temp, outcomes);
    saveWithUnitsChart(
      temp,
      path,
      outcomes.filter((o) => o.ok),
      UNIT_HEADERS,
    );
  } finally {
    rmSync(temp, { force: true });
  }
}

async function writeTo(path: string, outcomes: readonly FileOutcome[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  workbook.creator = "整改台账助手 combine";
  const read = outcomes.filter((o) => o.ok);
  writeUnitsSheet(workbook, read);
  writeWarningsSheet(workbook, read);
  writeLedgerSheet(workbook, read);
  writeFailedSheet(
    workbook,
    outcomes.filter((o) => !o.ok),
  );
  workbook.definedNames.add(`'${SHEET_NAMES.units}'!$A$1`, COMBINED_MARK_NAME);
  await workbook.commit();
}
