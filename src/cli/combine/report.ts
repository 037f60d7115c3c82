/**
 * What `combine` prints: the JSON document (`--format json`, the default) or a table to read
 * (`--format text`).
 *
 * JSON: `{ "today", "files": [{ "file", "unit", "ok", "summary", "survey", "findings": { "error",
 * "warning" }, "error" }], "totals" }` — `summary` and `survey` exactly as `evaluate` prints them for
 * that file (null for a file that could not be read), `error` the line `evaluate` would print for it
 * (null when read), `totals` SPEC §9's summary over all files' items (see `./totals.ts`).
 */
import { percent } from "../../core/format";
import { LIGHT_LABELS } from "../../core/vocabulary";
import type { IsoDate } from "../../core/types";
import type { FileOutcome } from "./evaluate-file";
import type { CombinedTotals } from "../../core/combine/totals";

export interface CombinedJson {
  readonly today: IsoDate;
  readonly files: readonly {
    readonly file: string;
    readonly unit: string;
    readonly ok: boolean;
    readonly summary: FileOutcome["summary"];
    readonly survey: FileOutcome["survey"];
    readonly findings: FileOutcome["findings"];
    readonly error: string | null;
  }[];
  readonly totals: CombinedTotals;
}

export function toCombinedJson(today: IsoDate, outcomes: readonly FileOutcome[], totals: CombinedTotals): CombinedJson {
  return {
    today,
    files: outcomes.map((o) => ({
      file: o.file,
      unit: o.unit,
      ok: o.ok,
      summary: o.summary,
      survey: o.survey,
      findings: o.findings,
      error: o.error,
    })),
    totals,
  };
}

/** Columns on a terminal: a CJK character takes two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? 2
      : 1;
  return width;
}

const pad = (text: string, width: number, right: boolean): string => {
  const gap = " ".repeat(Math.max(0, width - displayWidth(text)));
  return right ? gap + text : text + gap;
};

function table(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[]): string[] {
  const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ""))));
  const format = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => pad(cell, widths[c] ?? 0, numeric[c] ?? false))
      .join("  ")
      .trimEnd();
  return [format(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(format)];
}

export function toCombinedText(today: IsoDate, outcomes: readonly FileOutcome[], totals: CombinedTotals): string {
  const read = outcomes.filter((o) => o.ok);
  const failed = outcomes.filter((o) => !o.ok);
  const lines = [
    `整改台账合并汇总 / Combined ledgers — 评估日期 ${today}`,
    `共 ${outcomes.length} 个文件：已检查 ${read.length} 个，未能读取 ${failed.length} 个 / ${outcomes.length} files: ${read.length} checked, ${failed.length} unreadable`,
    "",
  ];
  const header = [
    "单位",
    "文件",
    "事项",
    LIGHT_LABELS.red,
    LIGHT_LABELS.yellow,
    LIGHT_LABELS.green,
    "逾期",
    "完成率",
    "销号率",
    "按期完成率",
    "错误",
    "提醒",
  ];
  const numeric = header.map((_, c) => c >= 2);
  const row = (unit: string, file: string, s: CombinedTotals, errors: string, warnings: string): string[] => [
    unit,
    file,
    String(s.items),
    String(s.byLight.red),
    String(s.byLight.yellow),
    String(s.byLight.green),
    String(s.overdue),
    percent(s.completionRate),
    percent(s.closeRate),
    percent(s.onTimeRate),
    errors,
    warnings,
  ];
  const rows = read.map((o) =>
    row(o.unit, o.file, o.summary as CombinedTotals, String(o.findings.error), String(o.findings.warning)),
  );
  let errors = 0;
  let warnings = 0;
  for (const o of read) {
    errors += o.findings.error;
    warnings += o.findings.warning;
  }
  rows.push(row("合计 / Total", "", totals, String(errors), String(warnings)));
  lines.push(...table(header, rows, numeric));
  if (failed.length > 0) {
    lines.push("", `未能读取 / Unreadable (${failed.length}):`);
    for (const o of failed) lines.push(`· ${o.file}：${o.error ?? ""}`);
  }
  return `${lines.join("\n")}\n`;
}
