/**
 * One unit's ledger, evaluated exactly as `evaluate FILE` would (the same sheet choice, engine and
 * default settings, the same one-line reason when it cannot be), and boiled down to what the
 * consolidation needs: the summary, the survey, the findings counted, the unit — and, when a
 * consolidated workbook is written, each item's standard columns and the red/yellow list. The
 * workbook itself is dropped before this returns, so a worker holds one file at a time.
 */
import { onTimeCounts } from "../../core/summary";
import { toCliJson, type CliJson } from "../../core/report/json";
import { DEFAULT_SETTINGS } from "../../core/settings-defaults";
import { cellText } from "../../core/text";
import {
  FIELD_KEYS,
  type AmountField,
  type AmountUnit,
  type CellValue,
  type EvaluatedItem,
  type FieldKey,
  type IsoDate,
  type Light,
  type WarningListEntry,
} from "../../core/types";
import type { EvaluateCommand } from "../args";
import { evaluateWorkbook, line, readInput, UsageFailure } from "../run";
import { packRows, type PackedRows } from "./packed-rows";
import { unitFromFileName, unitOfLedger, type UnitSource } from "./unit-name";

/**
 * A cell of the consolidated ledger: a real date, a number with its own number format (a date
 * serial stays a date), or the value as the unit typed it (text stays text).
 */
export type LedgerCell =
  string | number | boolean | { readonly date: IsoDate } | { readonly number: number; readonly format: string } | null;

export interface LedgerRow {
  /** The row in the unit's own sheet. */
  readonly row: number;
  /** One per `FIELD_KEYS` entry, in that order. */
  readonly cells: readonly LedgerCell[];
  readonly light: Light;
}

export interface FileOutcome {
  readonly file: string;
  readonly unit: string;
  readonly unitFrom: UnitSource;
  readonly ok: boolean;
  readonly summary: CliJson["summary"] | null;
  readonly survey: CliJson["survey"];
  readonly findings: { readonly error: number; readonly warning: number };
  /** Why the file could not be evaluated: the line `evaluate` prints. */
  readonly error: string | null;
  /** For the totals' on-time rates, which are recomputed from counts, never averaged. */
  readonly onTime: { readonly onTime: number; readonly dated: number };
  readonly onTimeOriginal: { readonly onTime: number; readonly dated: number };
  /** Each money column's own unit: a plain number in it counts in this unit. */
  readonly moneyUnits: Partial<Record<AmountField, AmountUnit>>;
  /** The fields the ledger has a column for (to leave out of 问题总台账 the optional ones no file has). */
  readonly fields: readonly FieldKey[];
  /** Only when asked for (`--out`): packed, to cross to the main thread without a copy (`./packed-rows.ts`). */
  readonly rows: PackedRows | null;
  readonly warnings: readonly WarningListEntry[] | null;
}

export interface FileJob {
  readonly path: string;
  readonly display: string;
  readonly today: IsoDate;
  readonly withRows: boolean;
}

const DATE_FIELDS: ReadonlySet<FieldKey> = new Set(["assigned", "deadline", "completed", "closedOn", "reviewed"]);

/** The parsed date of a date field when the cell is a plain date (a deadline with words around it stays text). */
function dateOfField(item: EvaluatedItem, field: FieldKey): IsoDate | null {
  switch (field) {
    case "assigned":
      return item.assigned.kind === "date" ? item.assigned.date : null;
    case "completed":
      return item.completed.kind === "date" ? item.completed.date : null;
    case "closedOn":
      return item.closedOn.kind === "date" ? item.closedOn.date : null;
    case "reviewed":
      return item.reviewed.kind === "date" ? item.reviewed.date : null;
    case "deadline":
      // With 原定时限/调整后时限 columns the item's deadline may come from another column: this
      // column's own value is then written as typed.
      if (item.cells.originalDeadline !== undefined || item.cells.extendedDeadline !== undefined) return null;
      return !item.deadline.ongoing && !item.deadline.invalid ? item.deadline.date : null;
    default:
      return null;
  }
}

function ledgerCell(value: CellValue, numberFormat: string | null): LedgerCell {
  if (typeof value === "number" && numberFormat !== null && numberFormat !== "General")
    return { number: value, format: numberFormat };
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  return cellText(value);
}

export function ledgerRow(item: EvaluatedItem): LedgerRow {
  const cells = FIELD_KEYS.map((field): LedgerCell => {
    const cell = item.cells[field];
    if (!cell) return null;
    if (DATE_FIELDS.has(field)) {
      const date = dateOfField(item, field);
      if (date !== null) return { date };
    }
    return ledgerCell(cell.value, cell.numberFormat);
  });
  return { row: item.row, cells, light: item.light };
}

export async function evaluateLedgerFile(job: FileJob): Promise<FileOutcome> {
  const command: EvaluateCommand = {
    command: "evaluate",
    file: job.display,
    sheet: null,
    today: job.today,
    format: "json",
    lang: "zh",
    out: null,
    since: null,
    sinceToday: null,
  };
  try {
    const workbook = await readInput(job.path, command);
    const result = await evaluateWorkbook(workbook, command, job.today, DEFAULT_SETTINGS);
    const ledger = workbook.sheets.find((s) => s.name === result.layout.sheet);
    const unit = ledger
      ? unitOfLedger(ledger.grid(), result.layout.headerTop, job.display)
      : { unit: unitFromFileName(job.display), from: "file" as const };
    const report = toCliJson(job.display, result);
    let error = 0;
    for (const finding of result.findings) if (finding.severity === "error") error++;
    return {
      file: job.display,
      unit: unit.unit,
      unitFrom: unit.from,
      ok: true,
      summary: report.summary,
      survey: report.survey,
      findings: { error, warning: result.findings.length - error },
      error: null,
      onTime: onTimeCounts(result.items, "deadline"),
      onTimeOriginal: onTimeCounts(result.items, "originalDeadline"),
      moneyUnits: Object.fromEntries(
        Object.entries(report.summary.amounts?.columns ?? {}).map(([field, column]) => [field, column.unit]),
      ),
      fields: FIELD_KEYS.filter((field) => result.layout.columns[field] !== undefined),
      rows: job.withRows ? packRows(result.items.map(ledgerRow)) : null,
      warnings: job.withRows ? result.summary.warnings : null,
    };
  } catch (failure) {
    // The line `evaluate` would print for this file, so the two commands never disagree on why.
    const message =
      failure instanceof UsageFailure
        ? line(failure.userMessage)
        : line({ zh: `内部错误：${String(failure)}`, en: `Internal error: ${String(failure)}` });
    return failedOutcome(job.display, message.trimEnd());
  }
}

export function failedOutcome(file: string, error: string): FileOutcome {
  return {
    file,
    unit: unitFromFileName(file),
    unitFrom: "file",
    ok: false,
    summary: null,
    survey: null,
    findings: { error: 0, warning: 0 },
    error,
    onTime: { onTime: 0, dated: 0 },
    onTimeOriginal: { onTime: 0, dated: 0 },
    moneyUnits: {},
    fields: [],
    rows: null,
    warnings: null,
  };
}
