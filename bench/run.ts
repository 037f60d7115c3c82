/**
 * `npm run bench`: the speed and memory budgets (README, 性能), measured on generated ledgers of
 * 1,000, 10,000 and 100,000 items. Prints a table and writes the same figures to
 * bench/results.json. Budgets are checked here, never in unit tests (a loaded CI machine must not
 * fail a test because it was slow); a budget that does not hold is printed as ✗ and makes the
 * process exit 1 when BENCH_STRICT=1.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { evaluate } from "../src/core/evaluate";
import { BENCH_TODAY, generateLedger, writeLedgerXlsx } from "../test/support/ledger-generator";
import { bundleForBench, runNodeProcess, stats, timeRuns, type Stats } from "./measure";
import {
  benchAdapter,
  benchSummaryWithHistory,
  SUMMARY_WITH_HISTORY_HEADERS,
  summaryWithHistoryBudgets,
  summaryWithHistoryRows,
  type AdapterFigures,
  type SummaryWithHistoryFigures,
} from "./adapter";
import { measureBundle, type BundleFigures } from "./bundle";
import { benchCombine, combineBudgets, type CombineFigures } from "./combine";
import { benchPane, PANE_LONGEST_TASK_BUDGET_MS, type PaneFigures } from "./pane";

const SIZES = [1_000, 10_000, 100_000] as const;
const ENGINE_RUNS: Record<number, number> = { 1000: 15, 10000: 9, 100000: 5 };
const PROCESS_RUNS: Record<number, number> = { 1000: 3, 10000: 3, 100000: 1 };
const REPO = resolve(__dirname, "..");

interface EngineFigures {
  readonly ms: Stats;
  /** Heap retained by one result (MB), measured after a forced GC when --expose-gc is on. */
  readonly heapMb: number | null;
}
interface CliFigures {
  readonly cliMs: Stats;
  readonly cliPeakRssMb: number;
  /** Reading the file with the CLI's own reader (src/xlsx), nothing else: the budget's baseline. */
  readonly readMs: Stats;
  readonly readPeakRssMb: number;
  /** Reading it with exceljs' streaming reader, for comparison. */
  readonly exceljsMs: Stats;
  readonly exceljsPeakRssMb: number;
  /** The floor: reading it with our reader, then writing the CLI's report bytes, nothing computed. */
  readonly floorMs: Stats;
  readonly floorPeakRssMb: number;
}
interface SizeFigures {
  readonly items: number;
  readonly engine: EngineFigures;
  readonly cli: CliFigures;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function benchEngine(items: number): Promise<EngineFigures> {
  const { grid } = generateLedger(items);
  const run = () => {
    const evaluation = evaluate({ ledger: grid, today: BENCH_TODAY });
    if (!evaluation.ok) throw new Error(`bench ledger did not evaluate: ${evaluation.message.en}`);
    return evaluation.result;
  };
  const ms = stats(await timeRuns(ENGINE_RUNS[items] ?? 3, run));
  let heapMb: number | null = null;
  if (gc) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = run();
    gc();
    heapMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    if (kept.items.length !== items) throw new Error("bench: item count mismatch");
  }
  return { ms, heapMb };
}

async function benchCli(items: number, dir: string, readOnlyScript: string): Promise<CliFigures> {
  const file = join(dir, `ledger-${items}.xlsx`);
  await writeLedgerXlsx(generateLedger(items), file);
  const runs = PROCESS_RUNS[items] ?? 1;
  const measured = { cli: [] as number[], read: [] as number[], exceljs: [] as number[], floor: [] as number[] };
  const peak = { cli: 0, read: 0, exceljs: 0, floor: 0 };
  // Exactly what `npm run cli` runs: the launcher, which starts the prebuilt bundle.
  const launcher = join(REPO, "src/cli/launch.cjs");
  const cliArgs = ["evaluate", file, "--today", BENCH_TODAY, "--format", "json"];
  // The report the floor writes: the CLI's own output for this file.
  const report = `${file}.report.json`;
  writeFileSync(report, execFileSync(process.execPath, [launcher, ...cliArgs], { cwd: REPO, maxBuffer: 2 ** 30 }));
  const commands = {
    cli: [launcher, cliArgs],
    read: [readOnlyScript, [file]],
    exceljs: [readOnlyScript, [file, "--exceljs"]],
    floor: [readOnlyScript, [file, "--then-write", report]],
  } as const;
  // Interleaved, so that machine noise hits all alike; the first round warms the disk cache.
  for (let i = 0; i <= runs; i++) {
    for (const key of ["cli", "read", "exceljs", "floor"] as const) {
      const [script, args] = commands[key];
      const run = await runNodeProcess(script, args);
      if (run.exitCode !== 0) throw new Error(`bench: ${key} exited ${run.exitCode} on ${file}`);
      if (i === 0 && runs > 1) continue;
      measured[key].push(run.wallMs);
      peak[key] = Math.max(peak[key], run.peakRssMb);
    }
  }
  return {
    cliMs: stats(measured.cli),
    cliPeakRssMb: peak.cli,
    readMs: stats(measured.read),
    readPeakRssMb: peak.read,
    exceljsMs: stats(measured.exceljs),
    exceljsPeakRssMb: peak.exceljs,
    floorMs: stats(measured.floor),
    floorPeakRssMb: peak.floor,
  };
}

interface Budget {
  readonly what: string;
  readonly limit: string;
  readonly actual: string;
  readonly ok: boolean;
}

/** The pane's budget row: its longest UI-thread task during 评估 with the engine in its worker. */
function paneBudgets(pane: PaneFigures): Budget[] {
  const { worker, inThread } = pane;
  return [
    {
      what: `pane: longest UI-thread task during 评估, ${pane.items.toLocaleString("en")} items`,
      limit: `≤ ${PANE_LONGEST_TASK_BUDGET_MS} ms`,
      actual:
        `${worker.longestPaneMs.toFixed(0)} ms (with the double's syncs ${worker.longestMs.toFixed(0)}; ` +
        `engine in the pane's thread ${inThread.longestPaneMs.toFixed(0)})`,
      ok: worker.longestPaneMs <= PANE_LONGEST_TASK_BUDGET_MS,
    },
  ];
}

function budgets(bySize: Map<number, SizeFigures>, adapter: AdapterFigures[], bundle: BundleFigures): Budget[] {
  const s10k = bySize.get(10_000);
  const s100k = bySize.get(100_000);
  const list: Budget[] = [];
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  if (s10k) {
    list.push({
      what: "engine, 10,000 items (median)",
      limit: "≤ 100 ms",
      actual: ms(s10k.engine.ms.median),
      ok: s10k.engine.ms.median <= 100,
    });
    const { cli } = s10k;
    const timeRatio = cli.cliMs.median / cli.readMs.median;
    const rssRatio = cli.cliPeakRssMb / cli.readPeakRssMb;
    // The floor's own ratios: what is left of the 1.3 for all the checking once the report is written.
    const floorTime = (cli.floorMs.median / cli.readMs.median).toFixed(2);
    const floorRss = (cli.floorPeakRssMb / cli.readPeakRssMb).toFixed(2);
    list.push({
      what: "CLI 10,000 items: time ÷ read-only time",
      limit: "≤ 1.3",
      actual: `${timeRatio.toFixed(2)} (floor ${floorTime})`,
      ok: timeRatio <= 1.3,
    });
    list.push({
      what: "CLI 10,000 items: peak RSS ÷ read-only",
      limit: "≤ 1.3",
      actual: `${rssRatio.toFixed(2)} (floor ${floorRss})`,
      ok: rssRatio <= 1.3,
    });
  }
  if (s100k) {
    const linear = s10k ? s100k.engine.ms.median / s10k.engine.ms.median : NaN;
    list.push({
      what: "engine, 100,000 items (median)",
      limit: "≤ 1,200 ms",
      actual: ms(s100k.engine.ms.median),
      ok: s100k.engine.ms.median <= 1200,
    });
    list.push({ what: "engine 100,000 ÷ 10,000 (linear)", limit: "≤ 12", actual: linear.toFixed(1), ok: linear <= 12 });
    list.push({
      what: "CLI, 100,000 items: peak RSS",
      limit: "≤ 250 MB",
      actual: `${s100k.cli.cliPeakRssMb.toFixed(0)} MB`,
      ok: s100k.cli.cliPeakRssMb <= 250,
    });
  }
  const upTo20k = adapter.filter((a) => a.rows <= 20_000);
  const maxSyncs = Math.max(...upTo20k.map((a) => a.readSyncs + a.writeSyncs));
  list.push({
    what: "Excel adapter ≤ 20,000 rows: syncs (read + write)",
    limit: "≤ 3",
    actual: String(maxSyncs),
    ok: maxSyncs <= 3,
  });
  const maxColourOps = Math.max(...adapter.map((a) => a.colourOperations));
  list.push({
    what: "colouring: Excel operations, any size",
    limit: "fixed (≤ 4, one per colour)",
    actual: String(maxColourOps),
    ok: maxColourOps <= 4,
  });
  list.push({
    what: "task pane initial JS, gzipped",
    limit: "≤ 300 KB",
    actual: `${(bundle.initialGzipBytes / 1024).toFixed(0)} KB`,
    ok: bundle.initialGzipBytes <= 300 * 1024,
  });
  return list;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c + " ".repeat((widths[i] ?? 0) - width(c))).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}

const fmt = (s: Stats) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;

async function main(): Promise<void> {
  const sizes = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(",").map(Number) : [...SIZES];
  const dir = mkdtempSync(join(tmpdir(), "ledger-bench-"));
  const bySize = new Map<number, SizeFigures>();
  // Beside node_modules, so that the bundle finds exceljs there.
  const readOnlyScript = bundleForBench(
    join(REPO, "bench/read-only.ts"),
    join(REPO, "node_modules/.cache/zhenggai-bench"),
  );
  let combine: CombineFigures | null = null;
  try {
    for (const items of sizes) {
      process.stderr.write(`bench: ${items} items…\n`);
      bySize.set(items, { items, engine: await benchEngine(items), cli: await benchCli(items, dir, readOnlyScript) });
    }
    // BENCH_COMBINE=0 leaves out the consolidation (a few minutes: 200 separate evaluate runs).
    if (process.env.BENCH_COMBINE !== "0") combine = await benchCombine(join(dir, "combine"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stderr.write("bench: Excel adapter against the API double…\n");
  const adapter = await benchAdapter([100, 1_000, 20_000, 50_000]);
  // BENCH_SUMMARY=0 leaves out 评估 + 生成汇总表 with a recorded period (about a minute, mostly the double).
  let summaryWithHistory: SummaryWithHistoryFigures[] | null = null;
  if (process.env.BENCH_SUMMARY !== "0") {
    process.stderr.write("bench: 评估 + 生成汇总表 with a recorded period against the double…\n");
    summaryWithHistory = await benchSummaryWithHistory([1_000, 5_000, 20_000]);
  }
  process.stderr.write("bench: production bundle…\n");
  const bundle = measureBundle(REPO);
  // BENCH_PANE=0 leaves out the pane in Chromium (it builds the preview bundle: a minute or two).
  let pane: PaneFigures | null = null;
  if (process.env.BENCH_PANE !== "0") {
    process.stderr.write("bench: the task pane in Chromium, 评估 on 3,000 items…\n");
    pane = await benchPane(REPO);
  }

  const out: string[] = [];
  out.push(
    `Machine: ${require("node:os").cpus().length} cores, ${(require("node:os").totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  out.push(
    "",
    "Engine (Grid → result + summary) and CLI (--format json) vs only reading the file, and vs the floor",
    "(read with our reader, then write the CLI's report bytes, nothing computed); ms: median (min–max)",
  );
  out.push(
    table(
      [
        "items",
        "engine ms",
        "heap MB",
        "CLI ms",
        "CLI RSS MB",
        "read ms",
        "read RSS MB",
        "exceljs read ms",
        "exceljs RSS MB",
        "floor ms",
        "floor RSS MB",
      ],
      [...bySize.values()].map((s) => [
        s.items.toLocaleString("en"),
        fmt(s.engine.ms),
        s.engine.heapMb === null ? "n/a" : s.engine.heapMb.toFixed(1),
        fmt(s.cli.cliMs),
        s.cli.cliPeakRssMb.toFixed(0),
        fmt(s.cli.readMs),
        s.cli.readPeakRssMb.toFixed(0),
        fmt(s.cli.exceljsMs),
        s.cli.exceljsPeakRssMb.toFixed(0),
        fmt(s.cli.floorMs),
        s.cli.floorPeakRssMb.toFixed(0),
      ]),
    ),
  );
  out.push("", "Excel adapter against the strict API double (evaluate = read + write marks)");
  out.push(
    table(
      ["rows", "read syncs", "write syncs", "proxies", "request KB", "response KB", "colour ops"],
      adapter.map((a) => [
        a.rows.toLocaleString("en"),
        String(a.readSyncs),
        String(a.writeSyncs),
        String(a.proxies),
        (a.requestBytes / 1024).toFixed(0),
        (a.responseBytes / 1024).toFixed(0),
        String(a.colourOperations),
      ]),
    ),
  );
  if (summaryWithHistory) {
    out.push(
      "",
      "评估 then 生成汇总表 with one period recorded a week before, on the strict API double (ms include the double's own work)",
      table(SUMMARY_WITH_HISTORY_HEADERS, summaryWithHistoryRows(summaryWithHistory)),
    );
  }
  out.push(
    "",
    `Task pane bundle: initial JS ${(bundle.initialRawBytes / 1024).toFixed(0)} KB raw, ${(bundle.initialGzipBytes / 1024).toFixed(0)} KB gzipped (${bundle.files.join(", ")})`,
  );
  if (pane) {
    const line = (label: string, m: PaneFigures["worker"]) =>
      `  ${label}: longest task ${m.longestPaneMs.toFixed(0)} ms of the pane's own work ` +
      `(${m.longestMs.toFixed(0)} ms with the double's syncs), ${m.longTasks.length} tasks over 50 ms, ` +
      `click to results ${m.totalMs.toFixed(0)} ms, 正在逐项检查… ${m.stageDrawn ? "drawn" : "never drawn"}`;
    out.push(
      "",
      `Task pane, 评估 on ${pane.items.toLocaleString("en")} items (preview over the Excel double, headless Chromium, best of up to 3)`,
      line("engine in its Web Worker", pane.worker),
      line("engine in the pane's thread", pane.inThread),
    );
  }
  const checks = [
    ...budgets(bySize, adapter, bundle),
    ...(summaryWithHistory ? summaryWithHistoryBudgets(summaryWithHistory) : []),
    ...(pane ? paneBudgets(pane) : []),
    ...(combine ? combineBudgets(combine) : []),
  ];
  out.push("", "Budgets");
  out.push(
    table(
      ["", "what", "budget", "measured"],
      checks.map((b) => [b.ok ? "✓" : "✗", b.what, b.limit, b.actual]),
    ),
  );
  process.stdout.write(out.join("\n") + "\n");

  writeFileSync(
    join(__dirname, "results.json"),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        sizes: [...bySize.values()],
        adapter,
        summaryWithHistory,
        bundle,
        pane,
        combine,
        budgets: checks,
      },
      null,
      2,
    ),
  );
  if (process.env.BENCH_STRICT === "1" && checks.some((b) => !b.ok)) process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
