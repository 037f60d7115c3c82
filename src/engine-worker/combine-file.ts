/**
 * 合并多个单位台账, one picked file: its bytes read by the pane's .xlsx reader (src/xlsx/read-bytes.ts,
 * the command line's parsing over the browser's `DecompressionStream`) and evaluated as `combine`
 * evaluates a file on disk (src/core/combine/outcome.ts) — same sheet choice, engine, default settings
 * and reasons. Runs in the engine's Web Worker (serve.ts), or in the pane's thread when there is none.
 */
import { evaluateUnitFile, type UnitOutcome } from "../core/combine/outcome";
import { sheetsToRead, UsageFailure } from "../core/ledger-choice";
import type { IsoDate } from "../core/types";
import { readWorkbookFromBytes, WorkbookReadError } from "../xlsx/read-bytes";

/** What the pane sends for one file: its name as picked, its bytes, the evaluation date. */
export interface CombineFileInput {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly today: IsoDate;
}

/** A picked file's outcome: its red and yellow items for 红黄灯清单, not every item (no 问题总台账 in the pane). */
export type PaneUnitOutcome = UnitOutcome<null>;

export async function evaluatePickedFile(input: CombineFileInput): Promise<PaneUnitOutcome> {
  const outcome = await evaluateUnitFile(
    { file: input.name, today: input.today, withRows: false, withWarnings: true },
    async () => {
      try {
        return await readWorkbookFromBytes(input.bytes, { name: input.name, wanted: sheetsToRead(null) });
      } catch (error) {
        // The reader's own words, naming the file as picked: what `combine` says for the same file.
        if (error instanceof WorkbookReadError) throw new UsageFailure(error.userMessage);
        throw error;
      }
    },
  );
  return { ...outcome, rows: null };
}
