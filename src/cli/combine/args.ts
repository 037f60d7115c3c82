/**
 * `combine PATH... [--out 汇总.xlsx] [--today D] [--format json|text] [--jobs N]`, parsed strictly
 * (see `./flags.ts`).
 */
import { availableParallelism } from "node:os";
import { parseIsoDate } from "../../core/dates";
import type { IsoDate, Message } from "../../core/types";
import type { OutputFormat } from "../args";
import { parseFlags } from "../flags";

export interface CombineCommand {
  readonly paths: readonly string[];
  readonly out: string | null;
  /** null = the local date, decided by the caller. */
  readonly today: IsoDate | null;
  readonly format: OutputFormat;
  readonly jobs: number;
}

export const COMBINE_USAGE =
  "用法 / Usage: combine PATH... [--out 汇总.xlsx] [--today YYYY-MM-DD] [--format json|text] [--jobs N]";

export const COMBINE_HELP = [
  "合并多个单位的整改台账（文件或文件夹，文件夹内递归查找 .xlsx）/ Combine many units' ledgers (files or folders, searched recursively)",
  "",
  COMBINE_USAGE,
  "",
  "  --out FILE.xlsx     另写一份汇总工作簿：各单位汇总、红黄灯清单、问题总台账、未能读取 / write the consolidated workbook",
  "  --today YYYY-MM-DD  评估日期（默认：今天）/ the evaluation date (default: today)",
  "  --format json|text  输出 JSON 或文字表格（默认 json）/ JSON document or text table (default json)",
  "  --jobs N            同时检查的文件数（默认：CPU 核数）/ files checked at once (default: the number of cores)",
  "",
  "退出码 / exit codes: 0 已完成（未能读取的文件也列出）/ finished (unreadable files listed) · 2 没有可合并的文件 / nothing to combine",
].join("\n");

/** More workers than this only costs memory: each holds one workbook. */
const MAX_JOBS = 64;

export type CombineParse =
  { readonly ok: true; readonly command: CombineCommand } | { readonly ok: false; readonly message: Message };

export function parseCombineArgs(args: readonly string[]): CombineParse {
  const parsed = parseFlags(args, ["--out", "--today", "--format", "--jobs"] as const);
  if (!parsed.ok) return parsed;
  const fail = (zh: string, en: string): CombineParse => ({ ok: false, message: { zh, en } });
  const { positional, values } = parsed;
  if (positional.length === 0) return fail("缺少要合并的文件或文件夹", "Missing the files or folders to combine");

  const todayText = values.get("--today");
  const today = todayText === undefined ? null : parseIsoDate(todayText);
  if (todayText !== undefined && today === null)
    return fail(
      `--today 应为 YYYY-MM-DD 格式的有效日期：${todayText}`,
      `--today must be a valid YYYY-MM-DD date: ${todayText}`,
    );
  const format = values.get("--format") ?? "json";
  if (format !== "json" && format !== "text")
    return fail(`--format 只能是 json 或 text：${format}`, `--format must be json or text: ${format}`);
  const jobsText = values.get("--jobs");
  const jobs = jobsText === undefined ? availableParallelism() : Number(jobsText);
  if (!/^\d+$/.test(jobsText ?? "1") || !Number.isInteger(jobs) || jobs < 1 || jobs > MAX_JOBS)
    return fail(
      `--jobs 应为 1 到 ${MAX_JOBS} 的整数：${jobsText}`,
      `--jobs must be a whole number from 1 to ${MAX_JOBS}: ${jobsText}`,
    );
  const out = values.get("--out") ?? null;
  return { ok: true, command: { paths: positional, out, today, format, jobs } };
}
