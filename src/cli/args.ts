/**
 * The command line's arguments (SPEC §9), parsed strictly and purely:
 *
 *     evaluate LEDGER.xlsx [--sheet NAME] [--today YYYY-MM-DD] [--format json|text] [--lang zh|en]
 *                          [--out EVALUATED.xlsx] [--since OLD.xlsx [--since-today YYYY-MM-DD]]
 *
 * Strict means an unknown flag, a flag without its value, a repeated flag, a second file or a
 * malformed value is an error (exit 2 with the usage line), never silently ignored: a batch script
 * that misspells `--today` must not get a report for the wrong day.
 *
 * Choices: `--flag=value` is accepted as well as `--flag value`; `--format` defaults to `json`
 * (SPEC §9 describes the JSON document as *the* output); `--lang` picks the text report's language
 * (Chinese by default) and has no effect on JSON, whose messages are Chinese by contract.
 * `--since-today` only says when OLD was current, so without `--since` it is an error.
 */
import { parseFlags } from "./flags";
import { parseIsoDate } from "../core/dates";
import type { ReportLanguage } from "../core/report/text";
import type { IsoDate, Message } from "../core/types";

export type OutputFormat = "json" | "text";

export interface EvaluateCommand {
  readonly command: "evaluate";
  readonly file: string;
  readonly sheet: string | null;
  /** null = the local date, decided by the caller (the only clock read). */
  readonly today: IsoDate | null;
  readonly format: OutputFormat;
  readonly lang: ReportLanguage;
  readonly out: string | null;
  /** `--since OLD.xlsx`: compare with that file's last recorded period (or with it evaluated at `sinceToday`). */
  readonly since: string | null;
  /** `--since-today`: the date OLD is evaluated at when it has no 评估记录. */
  readonly sinceToday: IsoDate | null;
}

export type ParsedArgs =
  | { readonly ok: true; readonly command: EvaluateCommand }
  | { readonly ok: true; readonly command: { readonly command: "help" } }
  | { readonly ok: false; readonly message: Message };

export const USAGE =
  "用法 / Usage: evaluate LEDGER.xlsx [--sheet NAME] [--today YYYY-MM-DD] [--format json|text] [--lang zh|en] [--out EVALUATED.xlsx] [--since OLD.xlsx [--since-today YYYY-MM-DD]]";

export const HELP_TEXT = [
  "整改台账助手 命令行 — 检查整改台账（.xlsx）：规则、红黄绿灯、指标汇总",
  "Rectification-ledger checker (.xlsx): rules, traffic lights, summary",
  "",
  USAGE,
  "",
  "  --sheet NAME        台账所在工作表（默认：第一个含台账的工作表）/ the ledger's sheet (default: the first that holds one)",
  "  --today YYYY-MM-DD  评估日期（默认：今天）/ the evaluation date (default: today)",
  "  --format json|text  输出 JSON 或文字报告（默认 json）/ JSON document or text report (default json)",
  "  --lang zh|en        文字报告的语言（默认 zh）/ language of the text report (default zh)",
  "  --out FILE.xlsx     另存一份带预警状态、颜色和汇总表的副本（原文件不改动；已有的同名输出文件会被覆盖）",
  "                      write an evaluated copy (the input is never modified; an existing output file is replaced)",
  "                      副本的隐藏工作表“评估记录”记下本期（同一日期再次记录则替换）/ the copy's hidden sheet 评估记录 records this period",
  "  --since OLD.xlsx    与 OLD 的最近一期评估记录对比（默认与本文件“评估记录”中今天之前的最近一期对比）",
  "                      compare with OLD's last recorded period (default: this file's own 评估记录)",
  "  --since-today YYYY-MM-DD  OLD 没有评估记录时，按此日期评估 OLD 作为上期 / the date to evaluate an OLD without 评估记录 at",
  "  --help              显示本说明 / show this help",
  "",
  "退出码 / exit codes: 0 已评估 / evaluated · 2 无法评估 / could not evaluate",
  "",
  "其他命令 / other commands（combine --help、split --help 查看说明 / for their options）:",
  "  combine PATH... [--out 汇总.xlsx]       合并多个单位的台账 / combine many units' ledgers",
  "  split LEDGER.xlsx --by FIELD --outdir DIR  按单位等拆分台账 / split a ledger by unit, owner…",
].join("\n");

const VALUE_FLAGS = ["--sheet", "--today", "--format", "--lang", "--out", "--since", "--since-today"] as const;

const fail = (zh: string, en: string): ParsedArgs => ({ ok: false, message: { zh, en } });

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.includes("--help") || argv.includes("-h")) return { ok: true, command: { command: "help" } };
  const [command, ...rest] = argv;
  if (command === undefined) return fail("缺少命令", "Missing command");
  if (command !== "evaluate") return fail(`未知命令：${command}`, `Unknown command: ${command}`);

  const parsed = parseFlags(rest, VALUE_FLAGS);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const { positional: files, values } = parsed;

  if (files.length === 0) return fail("缺少台账文件", "Missing the ledger file");
  if (files.length > 1)
    return fail(`只能评估一个文件，收到 ${files.length} 个`, `One file at a time, got ${files.length}`);

  const todayText = values.get("--today");
  const today = todayText === undefined ? null : parseIsoDate(todayText);
  if (todayText !== undefined && today === null) {
    return fail(
      `--today 应为 YYYY-MM-DD 格式的有效日期：${todayText}`,
      `--today must be a valid YYYY-MM-DD date: ${todayText}`,
    );
  }
  const sinceTodayText = values.get("--since-today");
  const sinceToday = sinceTodayText === undefined ? null : parseIsoDate(sinceTodayText);
  if (sinceTodayText !== undefined && sinceToday === null) {
    return fail(
      `--since-today 应为 YYYY-MM-DD 格式的有效日期：${sinceTodayText}`,
      `--since-today must be a valid YYYY-MM-DD date: ${sinceTodayText}`,
    );
  }
  const since = values.get("--since") ?? null;
  if (sinceToday !== null && since === null) {
    return fail("--since-today 须与 --since OLD.xlsx 一起使用", "--since-today goes with --since OLD.xlsx");
  }
  const format = values.get("--format") ?? "json";
  if (format !== "json" && format !== "text")
    return fail(`--format 只能是 json 或 text：${format}`, `--format must be json or text: ${format}`);
  const lang = values.get("--lang") ?? "zh";
  if (lang !== "zh" && lang !== "en")
    return fail(`--lang 只能是 zh 或 en：${lang}`, `--lang must be zh or en: ${lang}`);

  return {
    ok: true,
    command: {
      command: "evaluate",
      file: files[0] ?? "",
      sheet: values.get("--sheet") ?? null,
      today,
      format,
      lang,
      out: values.get("--out") ?? null,
      since,
      sinceToday,
    },
  };
}
