/**
 * A `CombineFileRunner` for the pane's unit tests (jsdom has no .xlsx reader to speak of): each
 * picked file's name stands for a ledger grid, evaluated with the real engine through the same
 * `evaluateUnitFile` as the worker; a name it does not know is a file that cannot be read. It can
 * hold each file until the test lets it go, to see the progress between files.
 */
import { evaluateUnitFile } from "../../src/core/combine/outcome";
import { UsageFailure } from "../../src/core/ledger-choice";
import type { PaneUnitOutcome } from "../../src/engine-worker/combine-file";
import type { CombineFileRunner } from "../../src/engine-worker/runner";
import type { Grid } from "../../src/core/types";

export interface FakeCombine {
  readonly run: CombineFileRunner;
  /** The files asked for so far, by name, in order. */
  readonly asked: string[];
  /** Lets the file waiting (when held) be answered. */
  release(): void;
}

export function fakeCombine(ledgers: Readonly<Record<string, Grid>>, options: { hold?: boolean } = {}): FakeCombine {
  const asked: string[] = [];
  let waiting: (() => void) | null = null;
  const run: CombineFileRunner = async ({ name, today }) => {
    asked.push(name);
    if (options.hold) await new Promise<void>((resolve) => (waiting = resolve));
    const outcome = await evaluateUnitFile({ file: name, today, withRows: false, withWarnings: true }, async () => {
      const grid = ledgers[name];
      if (!grid)
        throw new UsageFailure({ zh: `不是 Excel 工作簿（.xlsx）：${name}`, en: `Not an Excel workbook: ${name}` });
      return { sheets: [{ name: grid.sheet, hidden: false, grid: () => grid }] };
    });
    return { ...outcome, rows: null } satisfies PaneUnitOutcome;
  };
  return {
    run,
    asked,
    release: () => {
      const go = waiting;
      waiting = null;
      go?.();
    },
  };
}
