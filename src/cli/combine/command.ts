/**
 * `combine PATH... [--out 汇总.xlsx] [--today D] [--format json|text] [--jobs N]`: every unit's
 * ledger under the paths, evaluated as `evaluate` would (in worker threads), summed into one report
 * and, with `--out`, one consolidated workbook (`./workbook.ts`).
 *
 * Exit codes: 0 when the run finished, whatever it found (files that could not be read are listed
 * with their reason, never stop the others); 2 with one line when none of the paths exists or
 * none holds an `.xlsx`, or for bad arguments / an unusable `--out`.
 */
import { realpathSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { localToday } from "../../core/dates";
import { checkOutputPath, line, UsageFailure, type CliIo } from "../run";
import { COMBINE_HELP, COMBINE_USAGE, parseCombineArgs } from "./args";
import type { FileJob } from "./evaluate-file";
import { findLedgerFiles } from "./find-files";
import { evaluateInWorkers } from "./pool";
import { progressReporter } from "./progress";
import { toCombinedJson, toCombinedText } from "./report";
import { combinedTotals } from "../../core/combine/totals";

/** Bytes on disk; 0 when the file cannot be looked at (its reader will say why). */
const sizeOrZero = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

const realOrSelf = (path: string): string => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

export async function combineCommand(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(`${COMBINE_HELP}\n`);
    return 0;
  }
  const parsed = parseCombineArgs(args);
  if (!parsed.ok) {
    io.stderr(line(parsed.message));
    io.stderr(`${COMBINE_USAGE}\n`);
    return 2;
  }
  const command = parsed.command;
  const cwd = io.cwd ?? process.cwd();
  const outputPath = command.out === null ? null : resolve(cwd, command.out);
  // Checked before hours of work, as `evaluate` checks its `--out` before reading.
  if (outputPath !== null) checkOutputPath("", outputPath, command.out ?? "");

  const search = findLedgerFiles(command.paths, cwd);
  if (search.missing.length === command.paths.length) {
    throw new UsageFailure({
      zh: `找不到给出的路径：${search.missing.join("、")}`,
      en: `None of the given paths exists: ${search.missing.join(", ")}`,
    });
  }
  if (!search.files.some((f) => f.xlsx)) {
    throw new UsageFailure({
      zh: `给出的路径中没有 .xlsx 文件：${command.paths.join("、")}`,
      en: `No .xlsx file in the given paths: ${command.paths.join(", ")}`,
    });
  }
  for (const typed of search.missing)
    io.stderr(line({ zh: `找不到路径，已跳过：${typed}`, en: `Path not found, skipped: ${typed}` }));
  if (search.skippedCombined.length > 0) {
    io.stderr(
      line({
        zh: `跳过 ${search.skippedCombined.length} 个合并汇总工作簿（combine --out 所写）：${search.skippedCombined.join("、")}`,
        en: `Skipped ${search.skippedCombined.length} consolidated workbook(s) written by combine --out: ${search.skippedCombined.join(", ")}`,
      }),
    );
  }
  if (outputPath !== null) {
    const out = realOrSelf(outputPath);
    const clash = search.files.find((f) => f.path === outputPath || realOrSelf(f.path) === out);
    if (clash) {
      throw new UsageFailure({
        zh: `--out 不能是要合并的台账之一（原文件不会被改动）：${command.out}`,
        en: `--out cannot be one of the ledgers being combined (inputs are never modified): ${command.out}`,
      });
    }
  }

  const today = command.today ?? localToday(io.now ? io.now() : new Date());
  const jobs: FileJob[] = search.files.map((f) => ({
    path: f.path,
    display: f.display,
    today,
    withRows: outputPath !== null,
  }));
  const progress = progressReporter(jobs.length, io.stderr, io.stderrIsTty ?? false);
  const outcomes = await evaluateInWorkers(
    jobs,
    command.jobs,
    (outcome) => progress.fileDone(outcome.file, outcome.ok),
    {
      sizes: jobs.map((job) => sizeOrZero(job.path)),
    },
  );
  progress.finish();
  const totals = combinedTotals(outcomes);

  if (outputPath !== null) {
    const { writeCombinedWorkbook } = await import("./workbook");
    try {
      await writeCombinedWorkbook(outputPath, outcomes);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new UsageFailure({
        zh: `无法写入 ${command.out}：${detail}`,
        en: `Could not write ${command.out}: ${detail}`,
      });
    }
  }
  if (command.format === "json") io.stdout(`${JSON.stringify(toCombinedJson(today, outcomes, totals), null, 2)}\n`);
  else io.stdout(toCombinedText(today, outcomes, totals));
  return 0;
}
