/**
 * One unit's ledger for `combine`, read from disk and evaluated as `evaluate FILE` would
 * (src/core/combine/outcome.ts, shared with the pane). Its rows, when asked for, are packed to cross
 * to the main thread without a copy (`./packed-rows.ts`). The workbook itself is dropped before this
 * returns, so a worker holds one file at a time.
 */
import { evaluateUnitFile, failedOutcome as failedUnitOutcome, type UnitOutcome } from "../../core/combine/outcome";
import type { IsoDate } from "../../core/types";
import type { EvaluateCommand } from "../args";
import { readInput } from "../run";
import { packRows, type PackedRows } from "./packed-rows";

export type { LedgerCell, LedgerRow } from "../../core/combine/outcome";

/** A file's outcome as `combine` holds it: its rows packed. */
export type FileOutcome = UnitOutcome<PackedRows | null>;

export interface FileJob {
  readonly path: string;
  readonly display: string;
  readonly today: IsoDate;
  readonly withRows: boolean;
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
  const outcome = await evaluateUnitFile(
    { file: job.display, today: job.today, withRows: job.withRows, withWarnings: job.withRows },
    () => readInput(job.path, command),
  );
  return { ...outcome, rows: outcome.rows === null ? null : packRows(outcome.rows) };
}

export function failedOutcome(file: string, error: string): FileOutcome {
  return failedUnitOutcome<PackedRows | null>(file, error, null);
}
