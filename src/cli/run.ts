/**
 * The command line as a function: `run(argv, io)` returns the exit code and talks only through `io`,
 * so tests drive it in-process; `main.ts` binds it to the real process.
 *
 * Exit codes (SPEC §9): 0 — the ledger was evaluated, whatever it found; 2 — it could not be (bad
 * arguments, a file that is missing / a folder / not an .xlsx / damaged / password-protected, a
 * `--sheet` that does not exist, no ledger, an unusable `--out`), with one line on stderr in Chinese
 * then English; 1 — an unexpected internal failure, also one line and never a stack trace.
 *
 * Choices where SPEC §9 is silent:
 * - Without `--sheet`, the ledger is the first *visible* sheet, in workbook order, that holds one;
 *   survey sheets (SPEC §7 names) and the add-in's own sheets (`整改情况汇总`, `整改情况汇总 (2)`…,
 *   and any sheet one of our marks points at) are skipped. `--sheet` may name any sheet, hidden ones
 *   included, except one of ours by its mark (`ledger-choice.ts`).
 * - The settings are the defaults: the add-in keeps a workbook's settings in the Office document
 *   settings, which a file reader cannot see.
 * - `--out`: must end in `.xlsx` (`.xlsm` for a macro-enabled workbook: the writer checks it fits), must not be the input file (the input is never modified), its
 *   folder must be writable (missing folders are created, as `samples/out/` is on a fresh checkout);
 *   an existing output file is replaced (the demo rewrites `samples/out/…` on every run). It is
 *   checked before the workbook is read, so a typo costs nothing. A copy that cannot be written
 *   (a user's value where an owned column goes, a damaged part) still prints the report, then one
 *   line saying why no copy was written, and exits 2.
 * - Periods: the ledger is compared with the last period recorded before `--today` in its own hidden
 *   sheet 评估记录, or with `--since OLD.xlsx`'s (OLD's 评估记录 when it has a period before today,
 *   else OLD evaluated at `--since-today`). `--out` records this period into the copy's 评估记录 on
 *   top of the periods it was compared with (OLD's, with `--since`), replacing a period of the same
 *   date. A 评估记录 row a user broke is skipped, never fatal.
 */
import { accessSync, constants, mkdirSync, realpathSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { localToday } from "../core/dates";
import { cliReportPieces } from "../core/report/json";
import { toTextReport } from "../core/report/text";
import type { ComparisonSource } from "../core/history/compare";
import { keyPeriod } from "../core/history/identity";
import { historyAfter } from "../core/history/index";
import { recordPeriod } from "../core/history/periods";
import type { PeriodRecord } from "../core/history/record";
import { isHistorySheetName, pickHistorySheet, readHistorySheet } from "../core/history/sheet";
import { DEFAULT_SETTINGS } from "../core/settings-defaults";
import {
  evaluateChosenSheet,
  evaluateWorkbook,
  isSummarySheetName,
  isSupervisionSheetName,
  ledgerCandidates,
  oneLine,
  sheetsToRead,
  UsageFailure,
  type SheetAttempt,
} from "../core/ledger-choice";
import type { EvaluationResult, IsoDate, Message } from "../core/types";
import { readProblemMessage, readWorkbook, WorkbookReadError, type WorkbookGrids } from "../xlsx/read";
import type { writeEvaluatedCopy } from "../xlsx/write";
import { HELP_TEXT, parseArgs, USAGE, type EvaluateCommand } from "./args";
import { consolidatedLedgerSheet } from "./combine/consolidated";

/** Writes the evaluated copy for `--out`: the `.xlsx` writer's `writeEvaluatedCopy`, injectable for tests. */
export type EvaluatedCopyWriter = typeof writeEvaluatedCopy;

/** What an `--out` copy was written as. */
export interface CopyOutcome {
  readonly summarySheet: string;
  /** The user's sheet that already had the summary's name, when the summary went elsewhere. */
  readonly renamedFrom: string | null;
  /** The 督办单's sheet, and the user's sheet that already had its name. */
  readonly supervision: { readonly sheetName: string; readonly renamedFrom: string | null };
}

/**
 * What evaluates the ledger file for `run` and writes its `--out` copy: the command line's own
 * reader, engine and writer (the default), or the add-in's path over the Excel double
 * (`npm run host`, `./host.ts`). Both throw `UsageFailure` (exit 2) for what the user can act on.
 */
export interface EvaluationBackend {
  /** `sincePath`: `--since`'s file, resolved (null without `--since`). */
  evaluate(
    inputPath: string,
    command: EvaluateCommand,
    today: IsoDate,
    sincePath: string | null,
  ): Promise<EvaluationResult>;
  writeCopy(inputPath: string, outputPath: string, result: EvaluationResult, io: CliIo): Promise<CopyOutcome>;
}

export interface CliIo {
  /**
   * Writes to standard output. May return a promise that settles when the text has been taken
   * (the process's stdout when a pipe is full): the JSON report waits for it between pieces, so a
   * slow reader does not make the report pile up in memory.
   */
  readonly stdout: (text: string) => unknown;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress is drawn as a bar there, as plain lines otherwise). */
  readonly stderrIsTty?: boolean;
  /** The clock, read once for the default `--today`. */
  readonly now?: () => Date;
  /** Relative paths are resolved against this (default: the process's working directory). */
  readonly cwd?: string;
  /** Default: `writeEvaluatedCopy` from `src/xlsx/write.ts`. */
  readonly writeEvaluatedCopy?: EvaluatedCopyWriter;
}

export {
  UsageFailure,
  evaluateChosenSheet,
  evaluateWorkbook,
  isSummarySheetName,
  isSupervisionSheetName,
  ledgerCandidates,
};
export type { SheetAttempt };

/** One line of output: the message on one line (`oneLine`), then a line break. */
export const line = (message: Message): string => oneLine(message) + "\n";

export async function run(
  argv: readonly string[],
  io: CliIo,
  backend: EvaluationBackend = fileBackend(),
): Promise<number> {
  try {
    // `combine` and `split` have their own arguments and modules, loaded only when asked for.
    if (argv[0] === "combine") return await (await import("./combine/command")).combineCommand(argv.slice(1), io);
    if (argv[0] === "split") return await (await import("./split/command")).splitCommand(argv.slice(1), io);
    const parsed = parseArgs(argv);
    if (!parsed.ok) {
      io.stderr(line(parsed.message));
      io.stderr(`${USAGE}\n`);
      return 2;
    }
    if (parsed.command.command === "help") {
      io.stdout(`${HELP_TEXT}\n`);
      return 0;
    }
    return await evaluateCommand(parsed.command, io, backend);
  } catch (error) {
    if (error instanceof UsageFailure) {
      io.stderr(line(error.userMessage));
      return 2;
    }
    if (error instanceof WorkbookReadError) {
      io.stderr(line(error.userMessage));
      return 2;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(line({ zh: `内部错误：${detail}`, en: `Internal error: ${detail}` }));
    return 1;
  }
}

async function evaluateCommand(command: EvaluateCommand, io: CliIo, backend: EvaluationBackend): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const inputPath = resolve(cwd, command.file);
  const outputPath = command.out === null ? null : resolve(cwd, command.out);
  if (outputPath !== null) checkOutputPath(inputPath, outputPath, command.out ?? "");

  const today = command.today ?? localToday(io.now ? io.now() : new Date());
  const sincePath = command.since === null ? null : resolve(cwd, command.since);
  if (sincePath !== null && sincePath === inputPath) {
    throw new UsageFailure({
      zh: `--since 应是上一期的文件，不能是正在评估的文件本身：${command.since}`,
      en: `--since must name last period's file, not the file being evaluated: ${command.since}`,
    });
  }
  if (command.sinceToday !== null && command.sinceToday >= today) {
    throw new UsageFailure({
      zh: `--since-today（${command.sinceToday}）应早于评估日期（${today}）`,
      en: `--since-today (${command.sinceToday}) must be before the evaluation date (${today})`,
    });
  }
  // In a workbook `combine --out` wrote, the ledger is 问题总台账 unless a sheet is named.
  const sheet = command.sheet ?? consolidatedLedgerSheet(inputPath);
  const result = await backend.evaluate(
    inputPath,
    sheet === command.sheet ? command : { ...command, sheet },
    today,
    sincePath,
  );

  // The report is printed even when the copy cannot be written: the evaluation itself succeeded.
  let copyFailure: Message | null = null;
  if (outputPath !== null) {
    mkdirSync(dirname(outputPath), { recursive: true });
    try {
      const outcome = await backend.writeCopy(inputPath, outputPath, result, io);
      // SPEC §8: a user sheet already named 整改情况汇总 is never overwritten — and the user is told.
      if (outcome.renamedFrom !== null) {
        io.stderr(
          line({
            zh: `已有名为“${outcome.renamedFrom}”的工作表，汇总写入了“${outcome.summarySheet}”`,
            en: `A sheet named "${outcome.renamedFrom}" already exists; the summary went to "${outcome.summarySheet}"`,
          }),
        );
      }
      const { supervision } = outcome;
      if (supervision.renamedFrom !== null) {
        io.stderr(
          line({
            zh: `已有名为“${supervision.renamedFrom}”的工作表，督办单写入了“${supervision.sheetName}”`,
            en: `A sheet named "${supervision.renamedFrom}" already exists; the supervision notice went to "${supervision.sheetName}"`,
          }),
        );
      }
    } catch (error) {
      copyFailure = copyFailureMessage(error, command.out ?? "");
    }
  }
  if (command.format === "json") {
    // In pieces, so a large report is never one string nor one object graph in memory.
    for (const piece of cliReportPieces(command.file, result)) {
      const taken = io.stdout(piece);
      if (taken instanceof Promise) await taken;
    }
  } else {
    io.stdout(toTextReport(command.file, result, command.lang));
  }
  if (copyFailure !== null) {
    io.stderr(line(copyFailure));
    return 2;
  }
  return 0;
}

/** Why `--out` was not written, naming the file as the user typed it. */
function copyFailureMessage(error: unknown, typed: string): Message {
  if (error instanceof UsageFailure) {
    const { zh, en } = error.userMessage;
    return { zh: `未写入 ${typed}：${zh}`, en: `${typed} was not written: ${en}` };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { zh: `无法写入 ${typed}：${detail}`, en: `Could not write ${typed}: ${detail}` };
}

/**
 * The command line's own path: `readWorkbook`, the engine, `writeEvaluatedCopy`, with the default
 * settings. One per run: it keeps the history the evaluation was compared with until the copy is written.
 */
function fileBackend(): EvaluationBackend {
  let copyHistory: { sheetName: string; records: readonly PeriodRecord[] } | null = null;
  return {
    async evaluate(inputPath, command, today, sincePath) {
      // The workbook's grids live only inside this call: the report is written without them in memory.
      const workbook = await readInput(inputPath, command);
      const own = recordedHistory(workbook);
      const history =
        sincePath !== null
          ? await historyFromFile(sincePath, command, today)
          : own.records.length > 0 || command.out !== null
            ? { records: own.records, source: "history" as const }
            : null;
      const result = await evaluateWorkbook(workbook, command, today, DEFAULT_SETTINGS, history);
      copyHistory = history ? { sheetName: own.sheetName, records: historyAfter(history.records, result) } : null;
      return result;
    },
    async writeCopy(inputPath, outputPath, result, io) {
      // The writer (and exceljs under it) is loaded only when a copy is asked for: a report alone
      // starts without it.
      const writer = await import("../xlsx/write");
      const write = io.writeEvaluatedCopy ?? writer.writeEvaluatedCopy;
      try {
        return await write(inputPath, outputPath, result, {
          settings: DEFAULT_SETTINGS,
          surveySheet: result.survey?.sheet ?? null,
          history: copyHistory,
        });
      } catch (error) {
        if (error instanceof writer.WriteError) throw new UsageFailure(error.bilingual);
        throw error;
      }
    },
  };
}

/**
 * The periods recorded in a workbook's 评估记录 (empty when it has none) and the name its history
 * sheet has or would get (`pickHistorySheet`).
 */
export function recordedHistory(workbook: WorkbookGrids): { sheetName: string; records: readonly PeriodRecord[] } {
  const readings = workbook.sheets
    .filter((sheet) => isHistorySheetName(sheet.name))
    .map((sheet) => ({ name: sheet.name, reading: readHistorySheet(sheet.grid()) }));
  const picked = pickHistorySheet(
    workbook.sheets.map((sheet) => ({
      name: sheet.name,
      ours: readings.some((r) => r.name === sheet.name && r.reading.headerFound),
    })),
  );
  const records = picked.exists ? (readings.find((r) => r.name === picked.name)?.reading.records ?? []) : [];
  return { sheetName: picked.name, records };
}

/**
 * `--since OLD.xlsx`: OLD's recorded periods when one is before `today`; else OLD evaluated at
 * `--since-today` as the one earlier period; else a usage failure saying what to add.
 */
async function historyFromFile(
  sincePath: string,
  command: EvaluateCommand,
  today: IsoDate,
): Promise<{ records: readonly PeriodRecord[]; source: ComparisonSource }> {
  const typed = command.since ?? sincePath;
  const oldCommand: EvaluateCommand = { ...command, file: typed, since: null, out: null };
  const old = await readInput(sincePath, oldCommand);
  const recorded = recordedHistory(old).records;
  if (recorded.some((record) => record.period < today)) return { records: recorded, source: "file" };
  if (command.sinceToday === null) {
    throw new UsageFailure({
      zh: `${typed} 中没有早于 ${today} 的评估记录：请用 --since-today YYYY-MM-DD 给出它作为上期的评估日期`,
      en: `${typed} has no period recorded before ${today}: give the date it stands for with --since-today YYYY-MM-DD`,
    });
  }
  const oldResult = await evaluateWorkbook(old, oldCommand, command.sinceToday, DEFAULT_SETTINGS);
  const period = keyPeriod(oldResult.items, command.sinceToday, []);
  return { records: recordPeriod([], command.sinceToday, period.records), source: "file" };
}

/** The sheets the command may need, read; a file it cannot read is a usage failure naming it as typed. */
export async function readInput(inputPath: string, command: EvaluateCommand): Promise<WorkbookGrids> {
  try {
    return await readWorkbook(inputPath, {
      wanted: sheetsToRead(command.sheet),
    });
  } catch (error) {
    // Name the file as the user typed it, not as the absolute path it was resolved to.
    if (error instanceof WorkbookReadError)
      throw new UsageFailure(readProblemMessage(error.problem, command.file, error.detail));
    throw error;
  }
}

export function checkOutputPath(inputPath: string, outputPath: string, typed: string): void {
  const fail = (zh: string, en: string): never => {
    throw new UsageFailure({ zh, en });
  };
  if (!/\.xls[xm]$/i.test(outputPath))
    fail(
      `--out 的文件名应以 .xlsx 结尾（含宏的工作簿为 .xlsm）：${typed}`,
      `--out must name an .xlsx file (.xlsm for a workbook with macros): ${typed}`,
    );
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  if (outputPath === inputPath || real(outputPath) === real(inputPath)) {
    fail(
      `--out 不能是输入文件本身（原文件不会被改动）：${typed}`,
      `--out cannot be the input file (the input is never modified): ${typed}`,
    );
  }
  const existing = statOrNull(outputPath);
  if (existing?.isDirectory()) fail(`--out 指向一个文件夹：${typed}`, `--out names a folder: ${typed}`);
  // The nearest folder that exists must be writable; missing folders below it are created on write.
  let folder = dirname(outputPath);
  while (!statOrNull(folder) && dirname(folder) !== folder) folder = dirname(folder);
  if (!statOrNull(folder)?.isDirectory())
    fail(`--out 的路径不可用：${typed}`, `The --out path is not usable: ${typed}`);
  try {
    accessSync(existing ? outputPath : folder, constants.W_OK);
  } catch {
    fail(`没有权限写入：${typed}`, `No permission to write: ${typed}`);
  }
}

function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
