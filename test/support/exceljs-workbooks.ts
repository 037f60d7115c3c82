/** Builds the test workbooks with exceljs, and evaluates a workbook file with the real engine. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { evaluate, pickSurveySheet } from "../../src/core/evaluate";
import type { Settings } from "../../src/core/settings";
import type { CellValue, EvaluationResult } from "../../src/core/types";
import { readWorkbook } from "../../src/xlsx/read";
import { LEDGER_ROWS, LEDGER_SHEET, SURVEY_ROWS, SURVEY_SHEET, TODAY } from "./sample-ledger";

export const USER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B0F0" } };

function addRows(ws: ExcelJS.Worksheet, rows: readonly (readonly CellValue[])[]): void {
  for (const row of rows) ws.addRow(row.map((v) => (v !== null && typeof v === "object" ? null : v)));
}

/**
 * A ledger as a user keeps it: merged title, styled header, widths, a user fill and a user
 * conditional format, a defined name, a survey sheet and a sheet with a formula.
 * `extraSheets` are added after the survey (e.g. a user's own `整改情况汇总`).
 */
export async function buildLedgerWorkbook(
  path: string,
  extraSheets: readonly string[] = [],
  surveyRows: readonly (readonly CellValue[])[] = SURVEY_ROWS,
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const ledger = workbook.addWorksheet(LEDGER_SHEET);
  addRows(ledger, LEDGER_ROWS);
  ledger.mergeCells("A1:J1");
  ledger.getCell("A1").font = { bold: true, size: 16 };
  ledger.getRow(2).eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDDDDD" } };
    cell.border = {
      top: { style: "thin" },
      bottom: { style: "thin" },
      left: { style: "thin" },
      right: { style: "thin" },
    };
  });
  [6, 24, 30, 10, 10, 8, 12, 10, 12, 8].forEach((width, i) => (ledger.getColumn(i + 1).width = width));
  ledger.getCell("B4").fill = USER_FILL;
  ledger.getCell("G3").numFmt = "@";
  ledger.addConditionalFormatting({
    ref: "H3:H8",
    rules: [
      {
        type: "containsText",
        operator: "containsText",
        text: "整改中",
        style: { font: { bold: true } },
        priority: 1,
      } as ExcelJS.ConditionalFormattingRule,
    ],
  });
  workbook.definedNames.add(`'${LEDGER_SHEET}'!$B$3:$B$8`, "问题列表");

  addRows(workbook.addWorksheet(SURVEY_SHEET), surveyRows);
  const notes = workbook.addWorksheet("说明");
  notes.getCell("A1").value = "合计";
  notes.getCell("B1").value = { formula: "SUM(1,2)", result: 3 } as ExcelJS.CellFormulaValue;
  for (const name of extraSheets) workbook.addWorksheet(name).getCell("A1").value = `${name}：用户自己的表`;
  await workbook.xlsx.writeFile(path);
}

export interface FileEvaluation {
  readonly result: EvaluationResult;
  readonly surveySheet: string | null;
}

/** Reads a workbook file and evaluates its ledger sheet (and survey sheet), as the CLI does. */
export async function evaluateFile(
  path: string,
  settings: Settings,
  ledgerSheet = LEDGER_SHEET,
): Promise<FileEvaluation> {
  const workbook = await readWorkbook(path);
  const names = workbook.sheets.map((s) => s.name);
  const surveySheet = pickSurveySheet(names, settings, ledgerSheet);
  const grid = (name: string) => {
    const sheet = workbook.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet.grid();
  };
  const evaluation = evaluate({
    ledger: grid(ledgerSheet),
    survey: surveySheet ? grid(surveySheet) : null,
    today: TODAY,
    settings,
  });
  if (!evaluation.ok) throw new Error(`${path}: ${evaluation.message.en}`);
  return { result: evaluation.result, surveySheet };
}

export function fileHash(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}
