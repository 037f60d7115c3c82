/**
 * How far one evaluation has gone, for a progress bar: the ledger's rows read (each with its light),
 * then the rules run over them, then the summary. Counting only: the engine never looks at a clock,
 * so whoever shows the progress decides how often to pass it on.
 */
export interface EngineProgress {
  /** 0…1 of the engine's work. */
  readonly fraction: number;
  /** Rows of the ledger read so far (items and other rows), of `rowsTotal`. */
  readonly rowsDone: number;
  readonly rowsTotal: number;
}

/** Share of the work each part takes on a realistic ledger (measured: rows ~40%, rules ~45%, summary the rest). */
const ROWS_SHARE = 0.4;
const RULES_SHARE = 0.45;
/** A report every this many rows: often enough for a smooth bar, rarely enough to cost nothing. */
export const PROGRESS_ROW_STEP = 250;

export interface ProgressSteps {
  /** A row has been read (its sheet row); reports every `PROGRESS_ROW_STEP` rows. */
  row(sheetRow: number): void;
  /** `done` of `total` rules have run. */
  rules(done: number, total: number): void;
  /** Everything is done. */
  finished(): void;
}

/** Turns the engine's steps over rows `firstRow…lastRow` into `EngineProgress` reports. */
export function progressSteps(
  frame: { readonly firstRow: number; readonly lastRow: number },
  report: (progress: EngineProgress) => void,
): ProgressSteps {
  const rowsTotal = Math.max(0, frame.lastRow - frame.firstRow + 1);
  let reported = 0;
  const rowsPart = (rowsDone: number) => (rowsTotal === 0 ? ROWS_SHARE : (ROWS_SHARE * rowsDone) / rowsTotal);
  return {
    row(sheetRow) {
      const rowsDone = Math.min(rowsTotal, sheetRow - frame.firstRow + 1);
      if (rowsDone - reported < PROGRESS_ROW_STEP) return;
      reported = rowsDone;
      report({ fraction: rowsPart(rowsDone), rowsDone, rowsTotal });
    },
    rules(done, total) {
      const fraction = ROWS_SHARE + (total === 0 ? RULES_SHARE : (RULES_SHARE * done) / total);
      report({ fraction, rowsDone: rowsTotal, rowsTotal });
    },
    finished() {
      report({ fraction: 1, rowsDone: rowsTotal, rowsTotal });
    },
  };
}
