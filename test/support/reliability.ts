/**
 * Shared helpers of the reliability tests (issue #5): every fixture ledger as a list, a failure
 * injected at each sync of a host call, and the CLI driven in-process. (An .xlsx file is loaded into
 * the Excel double by `fileHarness`, test/support/excel-harness.ts.)
 */
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { run, type CliIo } from "../../src/cli/run";
import { diffSnapshots, type ExcelDouble, type WorkbookSnapshot } from "../../src/excel-double";
import type { HostError, HostOutcome, LedgerHost } from "../../src/core/host";
import { harness } from "./excel-harness";

export const ROOT = resolve(__dirname, "../..");

/** Every .xlsx fixture ledger in the repository: `samples/*.xlsx` and `test/fixtures/**\/*.xlsx`. */
export function fixtureWorkbooks(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : name.endsWith(".xlsx") ? [path] : [];
    });
  const samples = readdirSync(join(ROOT, "samples"))
    .filter((name) => name.endsWith(".xlsx"))
    .map((name) => join(ROOT, "samples", name));
  return [...samples, ...walk(join(ROOT, "test/fixtures"))].sort();
}

/** A HostError's message is a real pair: both languages, Chinese first, no stack trace. */
export function expectUserMessage(error: HostError): void {
  expect(error.message.zh.trim().length).toBeGreaterThan(0);
  expect(error.message.en.trim().length).toBeGreaterThan(0);
  expect(/[\u4e00-\u9fff]/.test(error.message.zh)).toBe(true);
  expect(`${error.message.zh}\n${error.message.en}`).not.toMatch(/\n\s+at /);
}

export interface HarnessLike {
  readonly host: LedgerHost;
  readonly double: ExcelDouble;
}

/**
 * Runs `act` once to count its syncs, then, on fresh set-ups, injects a failure at each of those
 * syncs (after no operation, half of them, and all of them — the last is a batch Excel ran whose
 * answer was lost). All or nothing: a failed outcome carries a message in both languages and leaves
 * the workbook exactly as before; an outcome reported as done (allowed only when the whole batch ran)
 * leaves it exactly as an undisturbed run does. Returns the number of syncs.
 */
export async function failAtEachSync(
  setup: () => Promise<HarnessLike>,
  act: (host: LedgerHost) => Promise<HostOutcome<unknown>>,
): Promise<number> {
  const probe = await setup();
  const start = probe.double.syncCount;
  const first = await act(probe.host);
  expect(first.ok).toBe(true);
  const done = probe.double.snapshot();
  const syncs = probe.double.syncCount - start;
  for (let k = 1; k <= syncs; k++) {
    for (const afterOps of [0, undefined, Number.MAX_SAFE_INTEGER]) {
      const { host, double } = await setup();
      const before: WorkbookSnapshot = double.snapshot();
      double.runtime.failOnSync({ sync: double.syncCount + k, ...(afterOps === undefined ? {} : { afterOps }) });
      const outcome = await act(host);
      const ranInFull = afterOps === Number.MAX_SAFE_INTEGER;
      if (outcome.ok) {
        expect({ k, afterOps, ok: true, ranInFull }).toEqual({ k, afterOps, ok: true, ranInFull: true });
        expect({ k, afterOps, diff: diffSnapshots(done, double.snapshot()) }).toEqual({ k, afterOps, diff: [] });
        continue;
      }
      expectUserMessage(outcome.error);
      expect({ k, afterOps, diff: diffSnapshots(before, double.snapshot()) }).toEqual({ k, afterOps, diff: [] });
    }
  }
  return syncs;
}

export { harness };

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(argv: readonly string[], extra: Partial<CliIo> = {}): Promise<CliOutcome> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: ROOT,
    now: () => new Date(2025, 2, 31),
    ...extra,
  });
  return { code, stdout, stderr };
}
