/** Measurement helpers for the benchmarks: repeated runs, medians, child processes with peak RSS. */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";

export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, runs: sorted.length };
}

/** Runs `fn` once to warm up, then `runs` times, returning the durations in milliseconds. */
export async function timeRuns(runs: number, fn: () => unknown | Promise<unknown>): Promise<number[]> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

export interface ProcessRun {
  readonly wallMs: number;
  /** Peak resident set size in MB, as the child process itself reported at exit. */
  readonly peakRssMb: number;
  /** CPU time of all the child's threads (user + system), ms, as it reported at exit. */
  readonly cpuMs: number;
  readonly exitCode: number | null;
  readonly stdoutBytes: number;
}

const RSS_PROBE = resolve(__dirname, "rss-probe.cjs");
const REPO = resolve(__dirname, "..");

/**
 * Bundles a TypeScript entry point into one plain JavaScript file (esbuild, as the CLI's own
 * launcher does), so that a measured process pays no transpiling at start-up. Returns its path.
 */
export function bundleForBench(entry: string, outDir: string): string {
  const esbuild = require("esbuild") as typeof import("esbuild");
  const outfile = join(outDir, `${basename(entry, ".ts")}.cjs`);
  esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: ["exceljs"],
    absWorkingDir: REPO,
    outfile,
    logLevel: "error",
  });
  return outfile;
}

/**
 * Runs a JavaScript file in a fresh Node process and measures its wall time and peak RSS.
 * `quiet` drops its stderr (`combine`'s progress: a line per file).
 */
export function runNodeProcess(script: string, args: readonly string[], quiet = false): Promise<ProcessRun> {
  return runProcess([script, ...args], quiet);
}

/** Runs a TypeScript entry point in a fresh Node process through tsx. */
export function runTsProcess(entry: string, args: readonly string[]): Promise<ProcessRun> {
  return runProcess(["--import", "tsx", entry, ...args]);
}

function runProcess(nodeArgs: readonly string[], quiet = false): Promise<ProcessRun> {
  const dir = mkdtempSync(join(tmpdir(), "bench-rss-"));
  const rssFile = join(dir, "rss");
  const cpuFile = join(dir, "cpu");
  return new Promise((resolvePromise, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ["--require", RSS_PROBE, ...nodeArgs], {
      cwd: REPO,
      env: { ...process.env, BENCH_RSS_OUT: rssFile, BENCH_CPU_OUT: cpuFile },
      stdio: ["ignore", "pipe", quiet ? "ignore" : "inherit"],
    });
    let stdoutBytes = 0;
    child.stdout.on("data", (chunk: Buffer) => (stdoutBytes += chunk.length));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      // NaN when the child died before its exit hook ran: the table shows it.
      const reported = (file: string): number => {
        try {
          return Number(readFileSync(file, "utf8"));
        } catch {
          return NaN;
        }
      };
      const peakRssMb = reported(rssFile) / 1024;
      const cpuMs = reported(cpuFile);
      rmSync(dir, { recursive: true, force: true });
      resolvePromise({ wallMs, peakRssMb, cpuMs, exitCode, stdoutBytes });
    });
  });
}
