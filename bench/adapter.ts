/**
 * The Excel adapter against the strict API double: for one 评估 (read + evaluate + write marks),
 * the `context.sync()` calls, the proxy objects created, the bytes that would cross the request
 * boundary each way, and the Excel operations spent on colouring. With `recordedPeriods`, that many
 * weekly periods are first recorded in 评估记录 (评估 + 生成汇总表 a week apart), so the 评估 measured
 * also reads the history (`readSyncs` then includes its blocks).
 *
 * `benchSummaryWithHistory`: 评估 then 生成汇总表 on a ledger that already has one recorded period (so
 * the summary has its 与上期对比 and 生成汇总表 rewrites a 评估记录 of two periods): wall time, syncs
 * and the largest request and response of each. Alone: `node --import tsx bench/adapter.ts [sizes]`
 * (default 1000,5000,20000) prints that table and its budget lines.
 */
import { DEFAULT_SETTINGS } from "../src/core/settings";
import { createExcelDouble } from "../src/excel-double";
import { createExcelHost } from "../src/excel/excel-host";
import type { CellValue } from "../src/core/types";
import { BENCH_TODAY, generateLedger } from "../test/support/ledger-generator";
import { columnLetter } from "../src/core/grid";
import { addDaysIso } from "../src/core/dates";
import { PAYLOAD_LIMIT_BYTES } from "../src/excel-double";

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

/** The generated ledger of `rows` items in the double, with `recordedPeriods` weekly periods before `BENCH_TODAY`. */
async function ledgerInDouble(rows: number, recordedPeriods: number) {
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
  for (let week = recordedPeriods; week > 0; week--) {
    const request = {
      source: { kind: "active" as const },
      today: addDaysIso(BENCH_TODAY, -7 * week),
      settings: DEFAULT_SETTINGS,
    };
    const earlier = await host.evaluate(request);
    const recorded = earlier.ok ? await host.writeSummary(earlier.value, DEFAULT_SETTINGS) : earlier;
    if (!recorded.ok) throw new Error(`bench: recording a period failed: ${recorded.error.message.en}`);
  }
  return { grid, double, host };
}

export async function benchAdapter(
  sizes: readonly number[],
  { recordedPeriods = 0 }: { readonly recordedPeriods?: number } = {},
): Promise<AdapterFigures[]> {
  const figures: AdapterFigures[] = [];
  for (const rows of sizes) {
    const { grid, double, host } = await ledgerInDouble(rows, recordedPeriods);
    const start = double.syncCount;
    const startIndex = double.runtime.syncs.length;
    let readSyncs = 0;
    const outcome = await host.evaluate({
      source: { kind: "active" },
      today: BENCH_TODAY,
      settings: DEFAULT_SETTINGS,
      // The adapter reports "evaluate" once everything is read: the syncs so far were the read.
      onProgress: (_fraction, stage) => {
        if (stage === "evaluate" && readSyncs === 0) readSyncs = double.syncCount - start;
      },
    });
    if (!outcome.ok) throw new Error(`bench: the adapter failed: ${outcome.error.message.en}`);
    const syncs = double.runtime.syncs.slice(startIndex);
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

/** 评估 or 生成汇总表 on the double: syncs and the largest request and response of one sync. */
export interface StepFigures {
  readonly ms: number;
  readonly syncs: number;
  readonly largestRequestBytes: number;
  readonly largestResponseBytes: number;
}

export interface SummaryWithHistoryFigures {
  readonly rows: number;
  /** Periods in 评估记录 before the 评估 measured. */
  readonly recordedPeriods: number;
  readonly evaluate: StepFigures;
  readonly writeSummary: StepFigures;
}

/**
 * 评估 then 生成汇总表 at `BENCH_TODAY` on a ledger with one period recorded a week earlier, per size:
 * what the pane does at the second meeting. Wall times include the double's own work.
 */
export async function benchSummaryWithHistory(sizes: readonly number[]): Promise<SummaryWithHistoryFigures[]> {
  const figures: SummaryWithHistoryFigures[] = [];
  for (const rows of sizes) {
    const recordedPeriods = 1;
    const { double, host } = await ledgerInDouble(rows, recordedPeriods);
    const step = async <T>(run: () => Promise<T>): Promise<{ value: T; figures: StepFigures }> => {
      const first = double.runtime.syncs.length;
      const started = performance.now();
      const value = await run();
      const ms = performance.now() - started;
      const syncs = double.runtime.syncs.slice(first);
      return {
        value,
        figures: {
          ms,
          syncs: syncs.length,
          largestRequestBytes: syncs.reduce((max, s) => Math.max(max, s.requestBytes), 0),
          largestResponseBytes: syncs.reduce((max, s) => Math.max(max, s.responseBytes), 0),
        },
      };
    };
    const evaluated = await step(() =>
      host.evaluate({ source: { kind: "active" }, today: BENCH_TODAY, settings: DEFAULT_SETTINGS }),
    );
    const outcome = evaluated.value;
    if (!outcome.ok) throw new Error(`bench: 评估 failed: ${outcome.error.message.en}`);
    if (outcome.value.result.comparison === null) throw new Error("bench: the recorded period was not read back");
    const written = await step(() => host.writeSummary(outcome.value, DEFAULT_SETTINGS));
    if (!written.value.ok) throw new Error(`bench: 生成汇总表 failed: ${written.value.error.message.en}`);
    figures.push({ rows, recordedPeriods, evaluate: evaluated.figures, writeSummary: written.figures });
  }
  return figures;
}

/**
 * The budget of 评估 + 生成汇总表 with a recorded period at 20,000 items: each request and response under
 * the 5 MB cap, and syncs bounded — 评估's 3 plus 2 blocks of the recorded period's 20,000 records;
 * 生成汇总表's look and batch plus 6 bands of at most 4 MB: the summary's cells with its ~16,500
 * hyperlinks (~10 MB as estimated, 256 bytes a link) and the two periods' 40,000 records (~10.5 MB).
 */
export const SUMMARY_WITH_HISTORY_MAX_SYNCS = 13;

export interface SummaryBudget {
  readonly what: string;
  readonly limit: string;
  readonly actual: string;
  readonly ok: boolean;
}

export function summaryWithHistoryBudgets(figures: readonly SummaryWithHistoryFigures[]): SummaryBudget[] {
  const at20k = figures.find((f) => f.rows === 20_000);
  if (!at20k) return [];
  const { evaluate, writeSummary } = at20k;
  const syncs = evaluate.syncs + writeSummary.syncs;
  const largest = Math.max(
    evaluate.largestRequestBytes,
    writeSummary.largestRequestBytes,
    evaluate.largestResponseBytes,
    writeSummary.largestResponseBytes,
  );
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MB`;
  return [
    {
      what: "评估 + 生成汇总表 with a recorded period, 20,000 items: syncs",
      limit: `≤ ${SUMMARY_WITH_HISTORY_MAX_SYNCS}`,
      actual: `${syncs} (${evaluate.syncs} + ${writeSummary.syncs})`,
      ok: syncs <= SUMMARY_WITH_HISTORY_MAX_SYNCS,
    },
    {
      what: "评估 + 生成汇总表 with a recorded period, 20,000 items: largest request or response",
      limit: "< 5 MB",
      actual: mb(largest),
      ok: largest < PAYLOAD_LIMIT_BYTES,
    },
  ];
}

/** The table of `benchSummaryWithHistory`, in the style of run.ts's. */
export function summaryWithHistoryRows(figures: readonly SummaryWithHistoryFigures[]): string[][] {
  const kb = (bytes: number) => (bytes / 1024).toFixed(0);
  return figures.map((f) => [
    f.rows.toLocaleString("en"),
    f.evaluate.ms.toFixed(0),
    String(f.evaluate.syncs),
    f.writeSummary.ms.toFixed(0),
    String(f.writeSummary.syncs),
    kb(Math.max(f.evaluate.largestRequestBytes, f.writeSummary.largestRequestBytes)),
    kb(Math.max(f.evaluate.largestResponseBytes, f.writeSummary.largestResponseBytes)),
  ]);
}

export const SUMMARY_WITH_HISTORY_HEADERS = [
  "rows",
  "评估 ms",
  "评估 syncs",
  "生成汇总表 ms",
  "生成汇总表 syncs",
  "largest request KB",
  "largest response KB",
] as const;

if (require.main === module) {
  const sizes = (process.argv[2] ?? "1000,5000,20000").split(",").map(Number);
  benchSummaryWithHistory(sizes)
    .then((figures) => {
      const lines = [
        "评估 then 生成汇总表 with one recorded period, on the strict API double",
        SUMMARY_WITH_HISTORY_HEADERS.join(" | "),
        ...summaryWithHistoryRows(figures).map((r) => r.join(" | ")),
        ...summaryWithHistoryBudgets(figures).map(
          (b) => `${b.ok ? "✓" : "✗"} ${b.what}: ${b.limit}, measured ${b.actual}`,
        ),
      ];
      process.stdout.write(lines.join("\n") + "\n");
    })
    .catch((error: unknown) => {
      process.stderr.write(
        `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    });
}
