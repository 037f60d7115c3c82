/**
 * The command line as a user runs it, in a child process, for the hostile-file tests: bundled once
 * with esbuild (as the launcher does), run with a 30 s limit, its peak RSS measured by the bench's
 * own probe. The callers keep their own expectations (exit code, message, memory, input unchanged).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");

/** Bundles the CLI into `dir` and returns the bundle's path. */
export function buildCliBundle(dir: string): string {
  const esbuild = require("esbuild") as typeof import("esbuild");
  const cli = join(dir, "cli.cjs");
  esbuild.buildSync({
    entryPoints: [join(ROOT, "src/cli/process.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    external: ["exceljs"],
    outfile: cli,
    logLevel: "error",
  });
  return cli;
}

export interface MeasuredRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly peakRssMb: number;
}

/** `evaluate FILE --today 2025-03-31 --format json` in a fresh process; fails the test on a time-out. */
export function runCliChild(cli: string, path: string, rssFile: string): MeasuredRun {
  const child = spawnSync(
    process.execPath,
    [
      "--require",
      join(ROOT, "bench/rss-probe.cjs"),
      cli,
      "evaluate",
      path,
      "--today",
      "2025-03-31",
      "--format",
      "json",
    ],
    { env: { ...process.env, BENCH_RSS_OUT: rssFile }, timeout: 30_000, maxBuffer: 1 << 28, encoding: "utf8" },
  );
  expect(child.error).toBeUndefined();
  const peakRssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr, peakRssMb };
}
