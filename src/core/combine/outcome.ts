/**
 * One unit's ledger, evaluated exactly as `evaluate FILE` would (the same sheet choice, engine and
 * default settings, the same one-line reason when it cannot be), and boiled down to what a
 * consolidation needs: the summary, the survey, the findings counted, the unit — and, when asked,
 * each item's standard columns (问题总台账) and the red/yellow list (红黄灯清单).
 *
 * Shared by the command line's `combine` (src/cli/combine/evaluate-file.ts reads the file from disk)
 * and the pane's 合并多个单位台账 (src/engine-worker/combine-file.ts reads a picked file's bytes):
 * the caller only says how to read the workbook.
 */
import { oneLine, UsageFailure, evaluateWorkbook, type WorkbookOfGrids } from "../ledger-choice";
import { toCliJson, type CliJson } from "../report/json";
import { DEFAULT_SETTINGS } from "../settings-defaults";
import { onTimeCounts } from "../summary";
import { cellText } from "../text";
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
} from "../types";
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

/** One file of a consolidation; `Rows` is how its items travel (the command line packs them). */
export interface UnitOutcome<Rows = readonly LedgerRow[] | null> {
  readonly file: string;
  readonly unit: string;
  readonly unitFrom: UnitSource;
  readonly ok: boolean;
  readonly summary: CliJson["summary"] | null;
  readonly survey: CliJson["survey"];
  readonly findings: { readonly error: number; readonly warning: number };
  /** Why the file could not be evaluated: the line `evaluate` prints (Chinese / English). */
  readonly error: string | null;
  /** For the totals' on-time rates, which are recomputed from counts, never averaged. */
  readonly onTime: { readonly onTime: number; readonly dated: number };
  readonly onTimeOriginal: { readonly onTime: number; readonly dated: number };
  /** Each money column's own unit: a plain number in it counts in this unit. */
  readonly moneyUnits: Partial<Record<AmountField, AmountUnit>>;
  /** The fields the ledger has a column for (to leave out of 问题总台账 the optional ones no file has). */
  readonly fields: readonly FieldKey[];
  /** Only when asked for (`withRows`). */
  readonly rows: Rows;
  /** Only when asked for (`withWarnings`): the red and yellow items, as the summary lists them. */
  readonly warnings: readonly WarningListEntry[] | null;
}

export interface UnitFileOptions {
  /** The file as the user knows it (named in messages and reports). */
  readonly file: string;
  readonly today: IsoDate;
  readonly withRows: boolean;
  readonly withWarnings: boolean;
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

/**
 * Reads (`read`, which throws `UsageFailure` for a file it cannot read) and evaluates one file. Never
 * throws: a file that cannot be evaluated comes back `ok: false` with the reason `evaluate` gives.
 */
export async function evaluateUnitFile(
  options: UnitFileOptions,
  read: () => Promise<WorkbookOfGrids>,
): Promise<UnitOutcome> {
  const { file, today } = options;
  try {
    const workbook = await read();
    const result = await evaluateWorkbook(workbook, { sheet: null, file }, today, DEFAULT_SETTINGS);
    const ledger = workbook.sheets.find((s) => s.name === result.layout.sheet);
    const unit = ledger
      ? unitOfLedger(ledger.grid(), result.layout.headerTop, file)
      : { unit: unitFromFileName(file), from: "file" as const };
    const report = toCliJson(file, result);
    let error = 0;
    for (const finding of result.findings) if (finding.severity === "error") error++;
    return {
      file,
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
      rows: options.withRows ? result.items.map(ledgerRow) : null,
      warnings: options.withWarnings ? result.summary.warnings : null,
    };
  } catch (failure) {
    // The line `evaluate` would print for this file, so the two commands never disagree on why.
    const message =
      failure instanceof UsageFailure
        ? oneLine(failure.userMessage)
        : oneLine({ zh: `内部错误：${String(failure)}`, en: `Internal error: ${String(failure)}` });
    return failedOutcome(file, message.trimEnd(), null);
  }
}

export function failedOutcome<Rows>(file: string, error: string, rows: Rows): UnitOutcome<Rows> {
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
    rows,
    warnings: null,
  };
}
