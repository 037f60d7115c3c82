/**
 * The consolidation's budgets (`combine`), run by `npm run bench`:
 *
 * - 200 generated unit ledgers of 500 items in five layouts: `combine --jobs 2` against the sum of
 *   200 separate `evaluate` runs (≤ 0.6×);
 * - on ledgers big enough for a worker to pay off (8 × 5,000 items), `--jobs 2` against `--jobs 1`
 *   (≥ 1.6× faster), medians of alternating runs next to what the machine itself gives two
 *   processes side by side in the same rounds (bench/combine-jobs.ts, which also runs alone);
 * - peak RSS of `combine` over 1,000 files (the 200, five times over) ≤ 400 MB.
 *
 * Every process is run as `npm run cli` runs it (the launcher and its bundle) and measured by its
 * own peak RSS at exit (which counts its worker threads: they share the process).
 */
import { cpSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { benchCombineJobs, jobsBudget, writeBigLedgers, type JobsFigures } from "./combine-jobs";
import { BENCH_TODAY, writeLedgerXlsx } from "../test/support/ledger-generator";
import { layoutVariant } from "./layouts";
import { runNodeProcess, type ProcessRun } from "./measure";

const LAUNCHER = resolve(__dirname, "../src/cli/launch.cjs");

export interface CombineFigures {
  readonly files: number;
  readonly itemsPerFile: number;
  readonly separateEvaluateMs: number;
  readonly combineMs: number;
  readonly combinePeakRssMb: number;
  readonly jobs: JobsFigures;
  readonly thousandFiles: number;
  readonly thousandMs: number;
  readonly thousandPeakRssMb: number;
}

export interface CombineBudget {
  readonly what: string;
  readonly limit: string;
  readonly actual: string;
  readonly ok: boolean;
}

async function timed(args: readonly string[]): Promise<ProcessRun> {
  const run = await runNodeProcess(LAUNCHER, args, true);
  if (run.exitCode !== 0) throw new Error(`bench: ${args.slice(0, 2).join(" ")} exited with ${String(run.exitCode)}`);
  return run;
}

export async function benchCombine(dir: string): Promise<CombineFigures> {
  const files = Number(process.env.BENCH_COMBINE_FILES ?? 200);
  const itemsPerFile = 500;
  const units = join(dir, "units");
  mkdirSync(units, { recursive: true });
  const paths: string[] = [];
  for (let i = 0; i < files; i++) {
    const unit = `第${i + 1}单位`;
    const path = join(units, `${String(i + 1).padStart(4, "0")}-${unit}.xlsx`);
    await writeLedgerXlsx(layoutVariant(itemsPerFile, 1000 + i, i, unit), path);
    paths.push(path);
  }
  process.stderr.write(`bench: ${files} separate evaluate runs…\n`);
  let separateEvaluateMs = 0;
  for (const path of paths) separateEvaluateMs += (await timed(["evaluate", path, "--today", BENCH_TODAY])).wallMs;
  process.stderr.write(`bench: combine ${files} files --jobs 2…\n`);
  const combine = await timed(["combine", units, "--today", BENCH_TODAY, "--jobs", "2"]);

  const big = join(dir, "big");
  await writeBigLedgers(big, 8, 5_000);
  process.stderr.write("bench: combine --jobs 1 vs --jobs 2 on 8 × 5,000 items, alternating…\n");
  const jobs = await benchCombineJobs(big, 8, 5_000, Number(process.env.BENCH_JOBS_ROUNDS ?? 5), (text) =>
    process.stderr.write(text),
  );

  process.stderr.write("bench: combine 1,000 files (peak RSS)…\n");
  const thousand = join(dir, "thousand");
  const copies = Math.ceil(1000 / files);
  for (let c = 0; c < copies; c++) cpSync(units, join(thousand, `copy-${c + 1}`), { recursive: true });
  const many = await timed(["combine", thousand, "--today", BENCH_TODAY, "--jobs", "2"]);

  return {
    files,
    itemsPerFile,
    separateEvaluateMs,
    combineMs: combine.wallMs,
    combinePeakRssMb: combine.peakRssMb,
    jobs,
    thousandFiles: copies * files,
    thousandMs: many.wallMs,
    thousandPeakRssMb: many.peakRssMb,
  };
}

export function combineBudgets(f: CombineFigures): CombineBudget[] {
  const ratio = f.combineMs / f.separateEvaluateMs;
  return [
    {
      what: `combine ${f.files} × ${f.itemsPerFile} items (--jobs 2) vs ${f.files} separate evaluate runs`,
      limit: "≤ 0.6×",
      actual: `${(f.combineMs / 1000).toFixed(1)} s / ${(f.separateEvaluateMs / 1000).toFixed(1)} s = ${ratio.toFixed(2)}×`,
      ok: ratio <= 0.6,
    },
    jobsBudget(f.jobs),
    {
      what: `combine peak RSS, ${f.thousandFiles.toLocaleString("en")} files`,
      limit: "≤ 400 MB",
      actual: `${f.thousandPeakRssMb.toFixed(0)} MB (${(f.thousandMs / 1000).toFixed(1)} s; ${f.files} files: ${f.combinePeakRssMb.toFixed(0)} MB)`,
      ok: f.thousandPeakRssMb <= 400,
    },
  ];
}
