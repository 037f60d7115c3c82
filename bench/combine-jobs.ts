/**
 * `combine --jobs 2` against `--jobs 1` on ledgers big enough for a worker to pay off, next to what
 * the machine itself gives two processes side by side at the same moment. Part of `npm run bench`
 * (bench/combine.ts); alone, in about a minute on two idle cores:
 *
 *   npm run --silent bench:jobs                                   # 8 × 5,000 items, 5 rounds
 *   BENCH_JOBS_ITEMS=5000,20000 BENCH_JOBS_ROUNDS=7 npm run --silent bench:jobs
 *
 * `BENCH_CLI=/path/to/cli.cjs` measures another build of the command line (a bundle the launcher
 * built, copied aside) in place of this checkout's: two builds compared at the same moment.
 *
 * Fair by construction:
 * - each round runs `--jobs 1`, `--jobs 2` and the pair (below) once, in an order that turns
 *   round by round, so a burst of load elsewhere hits all three alike; the figures are medians;
 * - the machine's factor is 2 × `--jobs 1` ÷ the pair, where the pair is two `combine --jobs 1`
 *   processes on the same folder started together: the same work as `--jobs 1`, twice, side by side.
 *   On an idle machine with two cores it is near 2; when other work holds the cores (or the
 *   scheduler gives this session a fixed share whatever its thread count) it falls, and
 *   `--jobs 2` cannot beat it: it bounds the speed-up measured at the same moment;
 * - one untimed run first builds the bundle and warms the file cache;
 * - the CPU time of all threads (workers included) is reported too: what `--jobs 2` costs beyond
 *   `--jobs 1` (each worker's own start-up and JIT warm-up), which load does not hide; its
 *   "ceiling", 2 × CPU(`--jobs 1`) ÷ CPU(`--jobs 2`), is the most two idle cores could give.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BENCH_TODAY, writeLedgerXlsx } from "../test/support/ledger-generator";
import { layoutVariant } from "./layouts";
import { runNodeProcess, stats, type ProcessRun, type Stats } from "./measure";
import { probeThreads, threadProbeLine, type ThreadProbe } from "./thread-probe";

const CLI = process.env.BENCH_CLI ? resolve(process.env.BENCH_CLI) : resolve(__dirname, "../src/cli/launch.cjs");
/** The budget: `--jobs 2` at least this many times faster than `--jobs 1`. */
export const JOBS_SPEEDUP_BUDGET = 1.6;

export interface JobsFigures {
  readonly files: number;
  readonly items: number;
  readonly rounds: number;
  /** Wall time, ms. */
  readonly jobs1: Stats;
  readonly jobs2: Stats;
  /** Two `combine --jobs 1` processes side by side: until both have finished, ms. */
  readonly pair: Stats;
  /** CPU time of all threads, ms. */
  readonly jobs1Cpu: Stats;
  readonly jobs2Cpu: Stats;
  /** median(jobs1) ÷ median(jobs2). */
  readonly speedup: number;
  /** 2 × median(jobs1) ÷ median(pair). */
  readonly machine: number;
  /**
   * 2 × CPU(jobs1) ÷ CPU(jobs2): the speed-up two idle cores would allow at most, given the CPU
   * `--jobs 2` spends beyond `--jobs 1` — a figure load hardly moves.
   */
  readonly cpuCeiling: number;
  /** Two threads of one process against one, on this machine, just before the rounds (./thread-probe.ts). */
  readonly threads: ThreadProbe;
}

/** `files` generated ledgers of `items` items each, in the five layouts of bench/layouts.ts. */
export async function writeBigLedgers(dir: string, files: number, items: number): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < files; i++)
    await writeLedgerXlsx(layoutVariant(items, 2000 + i, i, `大单位${i + 1}`), join(dir, `big-${i + 1}.xlsx`));
}

async function combine(folder: string, jobs: number): Promise<ProcessRun> {
  const run = await runNodeProcess(CLI, ["combine", folder, "--today", BENCH_TODAY, "--jobs", String(jobs)], true);
  if (run.exitCode !== 0) throw new Error(`bench: combine --jobs ${jobs} exited with ${String(run.exitCode)}`);
  return run;
}

type Kind = "jobs1" | "jobs2" | "pair";
const ORDERS: readonly (readonly Kind[])[] = [
  ["jobs1", "jobs2", "pair"],
  ["jobs2", "pair", "jobs1"],
  ["pair", "jobs1", "jobs2"],
];

/** Measures `rounds` rounds on the ledgers in `folder` (`files` × `items`, for the labels). */
export async function benchCombineJobs(
  folder: string,
  files: number,
  items: number,
  rounds: number,
  log: (text: string) => void = () => {},
): Promise<JobsFigures> {
  await combine(folder, 1);
  const threads = await probeThreads();
  const wall: Record<Kind, number[]> = { jobs1: [], jobs2: [], pair: [] };
  const cpu: Record<"jobs1" | "jobs2", number[]> = { jobs1: [], jobs2: [] };
  for (let round = 0; round < rounds; round++) {
    for (const kind of ORDERS[round % ORDERS.length] as readonly Kind[]) {
      if (kind === "pair") {
        const start = process.hrtime.bigint();
        await Promise.all([combine(folder, 1), combine(folder, 1)]);
        wall.pair.push(Number(process.hrtime.bigint() - start) / 1e6);
      } else {
        const run = await combine(folder, kind === "jobs1" ? 1 : 2);
        wall[kind].push(run.wallMs);
        cpu[kind].push(run.cpuMs);
      }
    }
    const last = (kind: Kind) => ((wall[kind].at(-1) as number) / 1000).toFixed(2);
    log(
      `bench: ${files} × ${items} round ${round + 1}/${rounds}: --jobs 1 ${last("jobs1")} s, --jobs 2 ${last("jobs2")} s, pair ${last("pair")} s\n`,
    );
  }
  const jobs1 = stats(wall.jobs1);
  const jobs2 = stats(wall.jobs2);
  const pair = stats(wall.pair);
  return {
    files,
    items,
    rounds,
    jobs1,
    jobs2,
    pair,
    jobs1Cpu: stats(cpu.jobs1),
    jobs2Cpu: stats(cpu.jobs2),
    speedup: jobs1.median / jobs2.median,
    machine: (2 * jobs1.median) / pair.median,
    cpuCeiling: (2 * stats(cpu.jobs1).median) / stats(cpu.jobs2).median,
    threads,
  };
}

export interface JobsBudget {
  readonly what: string;
  readonly limit: string;
  readonly actual: string;
  readonly ok: boolean;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2);

export function jobsBudget(f: JobsFigures): JobsBudget {
  return {
    what:
      `combine --jobs 2 vs --jobs 1, ${f.files} × ${f.items.toLocaleString("en")} items, median of ${f.rounds} ` +
      `(machine, two processes side by side: ${f.machine.toFixed(2)}×; two threads allocating ${f.threads.allocation.toFixed(2)}×, ` +
      `computing ${f.threads.computation.toFixed(2)}×; CPU ceiling ${f.cpuCeiling.toFixed(2)}×)`,
    limit: `≥ ${JOBS_SPEEDUP_BUDGET}×`,
    actual: `${seconds(f.jobs1.median)} s / ${seconds(f.jobs2.median)} s = ${f.speedup.toFixed(2)}×`,
    ok: f.speedup >= JOBS_SPEEDUP_BUDGET,
  };
}

/** The figures as lines of a table: wall and CPU medians (min–max), both factors. */
export function jobsReport(all: readonly JobsFigures[]): string {
  const range = (s: Stats) => `${seconds(s.median)} (${seconds(s.min)}–${seconds(s.max)})`;
  const header = [
    "ledgers",
    "--jobs 1 s",
    "--jobs 2 s",
    "pair s",
    "speed-up",
    "machine",
    "CPU --jobs 1 s",
    "CPU --jobs 2 s",
    "CPU ceiling",
  ];
  const rows = all.map((f) => [
    `${f.files} × ${f.items.toLocaleString("en")}`,
    range(f.jobs1),
    range(f.jobs2),
    range(f.pair),
    `${f.speedup.toFixed(2)}×`,
    `${f.machine.toFixed(2)}×`,
    range(f.jobs1Cpu),
    range(f.jobs2Cpu),
    `${f.cpuCeiling.toFixed(2)}×`,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, c) => cell.padEnd(widths[c] as number)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  const files = Number(process.env.BENCH_JOBS_FILES ?? 8);
  const sizes = (process.env.BENCH_JOBS_ITEMS ?? "5000").split(",").map(Number);
  const rounds = Number(process.env.BENCH_JOBS_ROUNDS ?? 5);
  const dir = mkdtempSync(join(tmpdir(), "combine-jobs-"));
  const all: JobsFigures[] = [];
  try {
    for (const items of sizes) {
      const folder = join(dir, String(items));
      process.stderr.write(`bench: generating ${files} ledgers of ${items} items…\n`);
      await writeBigLedgers(folder, files, items);
      all.push(await benchCombineJobs(folder, files, items, rounds, (text) => process.stderr.write(text)));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const cores = require("node:os").cpus().length as number;
  const load = (require("node:os").loadavg() as number[]).map((l) => l.toFixed(1)).join(" ");
  process.stdout.write(`Machine: ${cores} cores, load average ${load} at the end, Node ${process.version}\n`);
  for (const f of all) process.stdout.write(`${f.files} × ${f.items}: ${threadProbeLine(f.threads)}\n`);
  if (process.env.BENCH_CLI) process.stdout.write(`Command line measured: ${CLI}\n`);
  process.stdout.write(`${jobsReport(all)}\n`);
  for (const f of all) {
    const b = jobsBudget(f);
    process.stdout.write(`${b.ok ? "✓" : "✗"} ${b.what}: ${b.actual} (budget ${b.limit})\n`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
