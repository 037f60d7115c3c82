/**
 * The Excel adapter against the strict API double: for one 评估 (read + evaluate + write marks),
 * the `context.sync()` calls, the proxy objects created, the bytes that would cross the request
 * boundary each way, and the Excel operations spent on colouring.
 */
import { DEFAULT_SETTINGS } from "../src/core/settings";
import { createExcelDouble } from "../src/excel-double";
import { createExcelHost } from "../src/excel/excel-host";
import type { CellValue } from "../src/core/types";
import { BENCH_TODAY, generateLedger } from "../test/support/ledger-generator";
import { columnLetter } from "../src/core/grid";

export interface AdapterFigures {
  readonly rows: number;
  readonly readSyncs: number;
  readonly writeSyncs: number;
  readonly proxies: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  /** Conditional-format rules (or fill operations) used to colour the rows. */
  readonly colourOperations: number;
}

type Scalar = string | number | boolean | null;

/** The double takes plain scalars; a text that starts with "=" is typed with Excel's quote prefix. */
function scalar(value: CellValue): Scalar {
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return value.startsWith("=") ? `'${value}` : value;
  return "runs" in value ? value.runs.join("") : value.error;
}

export async function benchAdapter(sizes: readonly number[]): Promise<AdapterFigures[]> {
  const figures: AdapterFigures[] = [];
  for (const rows of sizes) {
    const { grid } = generateLedger(rows);
    const double = createExcelDouble({
      sheets: [
        {
          name: grid.sheet,
          rows: grid.values.map((row) => row.map(scalar)),
          numberFormats: grid.numberFormats?.map((row) => [...row]),
          merges: grid.merges.map((m) => `${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom}`),
        },
      ],
    });
    const host = createExcelHost({ Excel: double.Excel, Office: double.Office });
    let readSyncs = 0;
    const outcome = await host.evaluate({
      source: { kind: "active" },
      today: BENCH_TODAY,
      settings: DEFAULT_SETTINGS,
      // The adapter reports "evaluate" once everything is read: the syncs so far were the read.
      onProgress: (_fraction, stage) => {
        if (stage === "evaluate" && readSyncs === 0) readSyncs = double.syncCount;
      },
    });
    if (!outcome.ok) throw new Error(`bench: the adapter failed: ${outcome.error.message.en}`);
    const syncs = double.runtime.syncs;
    const sheet = double.model.sheets.find((s) => s.name === grid.sheet);
    figures.push({
      rows,
      readSyncs,
      writeSyncs: syncs.length - readSyncs,
      proxies: double.runtime.proxiesCreated,
      requestBytes: syncs.reduce((sum, s) => sum + s.requestBytes, 0),
      responseBytes: syncs.reduce((sum, s) => sum + s.responseBytes, 0),
      colourOperations: sheet?.conditionalFormats.length ?? 0,
    });
  }
  return figures;
}
