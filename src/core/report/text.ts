/**
 * The text report: what a person pastes into a WeChat group or an e-mail before the weekly meeting
 * (SPEC §1: "report it at meetings"). Plain text, no tables or colours, short lines, in this order:
 *
 * 1. title — the file, the sheet and the evaluation date;
 * 2. the lights (红灯 N · 黄灯 N · 绿灯 N · 已销号 N · 待补充 N) and the rates as percentages (the
 *    on-time rate also against the original deadlines when the ledger records extensions), then
 *    the money when the ledger has money columns: each column's total, 涉及/已整改/整改到位率 in
 *    total, by status and by unit (at most 10 units);
 * 3. the red, then the yellow items (序号, 单位, 责任人, 时限, 逾期天数, a short description), at
 *    most 20 of each with a count of the rest; then the 临期 items (deadline within `dueSoonDays`,
 *    soonest first, with the days left), cut the same way;
 * 4. 与上期对比 when an earlier period was recorded or given: the rates with their change, then each
 *    non-empty list of the comparison (连续亮红灯 first), at most 20 entries each;
 * 5. the findings grouped by rule, with counts and up to ten cells each;
 * 6. the survey score when there is a survey;
 * 7. the seed's indicators against their targets (达标 / 未达标 / 待填报).
 *
 * Choices: a rate with no denominator prints `—`; cells of survey findings carry their sheet name
 * (`群众满意度调查!D7`) because the rest point at the ledger; a ledger-level finding names its column
 * (`“佐证材料”列`); description excerpts are cut at 24 characters with `…`.
 */
import { excerpt, percent } from "../format";
import { findingCellLabel } from "../rules/index";
import { itemLabel } from "./item-label";
import { toMeetingText } from "./meeting-text";
import type { Comparison } from "../history/compare";
import { comparisonSections, rateChangeText, type ComparisonEntry } from "../history/sections";
import { FIELD_LABELS } from "../rules/field-labels";
import { RULE_TITLES } from "../rules/titles";
import { LIGHT_ORDER, LIGHT_WORDS, STATUS_WORDS } from "../vocabulary";
import type {
  AmountGroup,
  AmountSummary,
  AmountUnit,
  EvaluationResult,
  Finding,
  IndicatorResult,
  DueSoonEntry,
  RuleId,
  Status,
  WarningListEntry,
} from "../types";

export type ReportLanguage = "zh" | "en";

const MAX_CELLS_PER_RULE = 10;
/** A message people read on a phone: the longest lists are cut, the JSON and the summary sheet have them all. */
const MAX_ITEMS_PER_LIGHT = 20;

/** Most groups of a money breakdown listed in the text report (the JSON and the summary sheet have all). */
const MAX_AMOUNT_GROUPS = 10;

/**
 * An amount as people write it: thousands separators, the decimals its unit needs (分 for 元, 元
 * for 万元) without trailing zeros. `1234567.5` 元 → `1,234,567.5`; null → `—`.
 */
export function amountText(value: number | null, unit: AmountUnit): string {
  if (value === null || !Number.isFinite(value)) return "—";
  const fixed = value.toFixed(unit === "万元" ? 4 : 2).replace(/\.?0+$/, "");
  const [whole = "", fraction] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** `涉及 3.5 · 已整改 0（0.0%）` for one group. */
function amountGroupText(group: AmountGroup, unit: AmountUnit, lang: ReportLanguage): string {
  const rate = group.rate === null ? "" : lang === "zh" ? `（${percent(group.rate)}）` : ` (${percent(group.rate)})`;
  return lang === "zh"
    ? `涉及 ${amountText(group.involved, unit)} · 已整改 ${amountText(group.rectified, unit)}${rate}`
    : `involved ${amountText(group.involved, unit)} · rectified ${amountText(group.rectified, unit)}${rate}`;
}

/** The money lines: each column's total, then 涉及/已整改/到位率 in total, by status and by unit. */
function amountLines(amounts: AmountSummary, lang: ReportLanguage): string[] {
  const zh = lang === "zh";
  const unitName = zh ? amounts.unit : amounts.unit === "万元" ? "10k yuan (万元)" : "yuan (元)";
  const totals = amounts.columns
    .map((c) => `${FIELD_LABELS[c.field][lang]} ${amountText(c.total, amounts.unit)}`)
    .join(" · ");
  const converted = amounts.columns.filter((c) => c.unit !== amounts.unit);
  const lines = [zh ? `金额（${amounts.unit}）：${totals}` : `Amounts (${unitName}): ${totals}`];
  if (converted.length > 0) {
    const names = converted.map((c) => FIELD_LABELS[c.field][lang]).join(zh ? "、" : ", ");
    lines.push(
      zh
        ? `（${names}原以${converted[0]?.unit}填写，已换算为${amounts.unit}）`
        : `(${names} converted from ${converted[0]?.unit} to ${amounts.unit})`,
    );
  }
  if (amounts.rectifiedBasis === null) return lines;
  const unreadable = amounts.columns.reduce((n, c) => n + c.unreadableRows.length, 0);
  if (unreadable > 0) {
    lines.push(zh ? `（${unreadable} 个金额无法识别，未计入）` : `(${unreadable} amounts unreadable, left out)`);
  }
  lines.push(
    zh
      ? `整改到位：${amountGroupText(amounts.total, amounts.unit, lang)}${amounts.rectifiedBasis === "finished-items" ? "（无整改金额列，按已完成事项的涉及金额计）" : ""}`
      : `Rectified: ${amountGroupText(amounts.total, amounts.unit, lang)}${amounts.rectifiedBasis === "finished-items" ? " (no rectified-amount column: involved amounts of finished items)" : ""}`,
  );
  const groupLine = (label: string, groups: readonly AmountGroup[], name: (key: string) => string): void => {
    if (groups.length === 0) return;
    const shown = groups
      .slice(0, MAX_AMOUNT_GROUPS)
      .map((g) => `${name(g.key)} ${amountGroupText(g, amounts.unit, lang)}`);
    const more =
      groups.length > MAX_AMOUNT_GROUPS
        ? zh
          ? `；另有 ${groups.length - MAX_AMOUNT_GROUPS} 个`
          : `; ${groups.length - MAX_AMOUNT_GROUPS} more`
        : "";
    lines.push(`· ${label}${shown.join(zh ? "；" : "; ")}${more}`);
  };
  groupLine(zh ? "按状态：" : "By status: ", amounts.byStatus, (key) => STATUS_WORDS[key as Status][lang]);
  groupLine(zh ? "按责任单位：" : "By unit: ", amounts.byUnit, (key) => key);
  return lines;
}

function warningLine(entry: WarningListEntry, lang: ReportLanguage): string {
  const dash = "—";
  if (lang === "zh") {
    const seq = itemLabel(entry, lang);
    return `· ${seq}｜${entry.unit || dash}｜${entry.owner || dash}｜时限 ${entry.deadline ?? dash}｜逾期 ${entry.overdueDays} 天｜${excerpt(entry.description) || dash}`;
  }
  const seq = itemLabel(entry, lang);
  return `· ${seq} | ${entry.unit || dash} | ${entry.owner || dash} | due ${entry.deadline ?? dash} | ${entry.overdueDays} days overdue | ${excerpt(entry.description) || dash}`;
}

function dueSoonLine(entry: DueSoonEntry, lang: ReportLanguage): string {
  const dash = "—";
  if (lang === "zh") {
    const seq = itemLabel(entry, lang);
    const left = entry.dueInDays === 0 ? "今天到期" : `还有 ${entry.dueInDays} 天`;
    return `· ${seq}｜${entry.unit || dash}｜${entry.owner || dash}｜时限 ${entry.deadline}｜${left}｜${excerpt(entry.description) || dash}`;
  }
  const seq = itemLabel(entry, lang);
  const left = entry.dueInDays === 0 ? "due today" : `${entry.dueInDays} days left`;
  return `· ${seq} | ${entry.unit || dash} | ${entry.owner || dash} | due ${entry.deadline} | ${left} | ${excerpt(entry.description) || dash}`;
}

/** The list's heading and at most `MAX_ITEMS_PER_LIGHT` lines, with a count of the rest. */
function listLines(heading: string, lines: readonly string[], lang: ReportLanguage): string[] {
  if (lines.length === 0) return [];
  const out = ["", heading, ...lines.slice(0, MAX_ITEMS_PER_LIGHT)];
  const more = lines.length - MAX_ITEMS_PER_LIGHT;
  if (more > 0)
    out.push(
      lang === "zh"
        ? `……另有 ${more} 项（完整清单见 --format json 或 --out 生成的汇总表）`
        : `… and ${more} more (the full list is in --format json and in the summary sheet of --out)`,
    );
  return out;
}

function indicatorValue(value: number, unit: IndicatorResult["unit"], lang: ReportLanguage): string {
  if (unit === "rate") return percent(value);
  if (unit === "points") return lang === "zh" ? `${value} 分` : `${value} pts`;
  return lang === "zh" ? `${value} 项` : `${value}`;
}

function indicatorLine(indicator: IndicatorResult, lang: ReportLanguage): string {
  const name = indicator.name[lang];
  const target = `${indicator.comparator === ">=" ? "≥" : "≤"} ${indicatorValue(indicator.target, indicator.unit, lang)}`;
  if (indicator.actual === null) {
    return lang === "zh" ? `· ${name}：待填报（目标 ${target}）` : `· ${name}: not given (target ${target})`;
  }
  const actual = indicatorValue(indicator.actual, indicator.unit, lang);
  const verdict = indicator.met ? (lang === "zh" ? "达标" : "met") : lang === "zh" ? "未达标" : "not met";
  return lang === "zh"
    ? `· ${name}：${actual}（目标 ${target}）${verdict}`
    : `· ${name}: ${actual} (target ${target}) ${verdict}`;
}

function comparisonEntryLine(entry: ComparisonEntry, lang: ReportLanguage): string {
  const dash = "—";
  const zh = lang === "zh";
  const seq = itemLabel(entry, lang);
  const parts = [seq, entry.unit || null, entry.detail ? entry.detail[lang] : null, excerpt(entry.description) || dash];
  return `· ${parts.filter((part) => part !== null).join(zh ? "｜" : " | ")}`;
}

/** 与上期对比: the rates and their change, then each list that has entries. */
function comparisonLines(result: EvaluationResult, comparison: Comparison, lang: ReportLanguage): string[] {
  const zh = lang === "zh";
  const from = comparison.source === "file" ? (zh ? "，取自 --since 文件" : ", from the --since file") : "";
  const lines = [
    zh ? `与上期（${comparison.since}${from}）对比：` : `Against last period (${comparison.since}${from}):`,
  ];
  const rates = (["completionRate", "closeRate", "onTimeRate"] as const).map((name) =>
    rateChangeText(name, comparison.rates[name], lang),
  );
  lines.push(rates.join(zh ? " · " : " · "));
  const sections = comparisonSections(result, comparison).filter((section) => section.entries.length > 0);
  if (sections.length === 0) lines.push(zh ? "各事项状态与上期相同" : "No item changed since last period");
  for (const section of sections) {
    lines.push(`${section.title[lang]}${zh ? `（${section.entries.length}）：` : ` (${section.entries.length}):`}`);
    for (const entry of section.entries.slice(0, MAX_ITEMS_PER_LIGHT)) lines.push(comparisonEntryLine(entry, lang));
    const more = section.entries.length - MAX_ITEMS_PER_LIGHT;
    if (more > 0) lines.push(zh ? `……另有 ${more} 项` : `… and ${more} more`);
  }
  return lines;
}

/** Where a finding is: its cell (with the sheet when not the ledger's), else the column it is about. */
function findingPlace(finding: Finding, ledgerSheet: string, lang: ReportLanguage): string {
  const cell = findingCellLabel(finding, ledgerSheet);
  if (cell !== null) return cell;
  if (finding.field)
    return lang === "zh" ? `“${FIELD_LABELS[finding.field].zh}”列` : `${FIELD_LABELS[finding.field].en} column`;
  return lang === "zh" ? "整表" : "ledger";
}

export function toTextReport(file: string, result: EvaluationResult, lang: ReportLanguage = "zh"): string {
  const zh = lang === "zh";
  const { layout, summary, survey } = result;
  const lines: string[] = [];

  lines.push(
    zh
      ? `【整改台账评估】${file} · 工作表“${layout.sheet}” · 评估日期 ${result.today}`
      : `[Ledger check] ${file} · sheet "${layout.sheet}" · as of ${result.today}`,
  );
  lines.push(
    zh
      ? `共 ${summary.items} 项（第 ${layout.firstRow}–${layout.lastRow} 行），逾期未完成 ${summary.overdue} 项`
      : `${summary.items} items (rows ${layout.firstRow}–${layout.lastRow}), ${summary.overdue} overdue and not finished`,
  );
  lines.push(LIGHT_ORDER.map((light) => `${LIGHT_WORDS[light][lang]} ${summary.byLight[light] ?? 0}`).join(" · "));
  // With extension columns, the on-time rate against the original deadlines too.
  const extensions = layout.columns.extendedDeadline !== undefined;
  const original = extensions
    ? zh
      ? `（按原定时限 ${percent(summary.onTimeRateOriginal)}）`
      : ` (by the original deadlines ${percent(summary.onTimeRateOriginal)})`
    : "";
  lines.push(
    zh
      ? `完成率 ${percent(summary.completionRate)} · 销号率 ${percent(summary.closeRate)} · 按时完成率 ${percent(summary.onTimeRate)}${original}`
      : `Completion ${percent(summary.completionRate)} · Close-out ${percent(summary.closeRate)} · On time ${percent(summary.onTimeRate)}${original}`,
  );
  if (summary.amounts) lines.push(...amountLines(summary.amounts, lang));

  for (const light of ["red", "yellow"] as const) {
    const entries = summary.warnings.filter((w) => w.light === light);
    if (entries.length === 0) continue;
    lines.push("");
    lines.push(
      zh
        ? `${LIGHT_WORDS[light].zh}事项（${entries.length}）：`
        : `${LIGHT_WORDS[light].en} items (${entries.length}):`,
    );
    for (const entry of entries.slice(0, MAX_ITEMS_PER_LIGHT)) lines.push(warningLine(entry, lang));
    const more = entries.length - MAX_ITEMS_PER_LIGHT;
    if (more > 0) {
      lines.push(
        zh
          ? `……另有 ${more} 项（完整清单见 --format json 或 --out 生成的汇总表）`
          : `… and ${more} more (the full list is in --format json and in the summary sheet of --out)`,
      );
    }
  }

  lines.push(
    ...listLines(
      zh ? `临期事项（${summary.dueSoon.length}）：` : `Due soon (${summary.dueSoon.length}):`,
      summary.dueSoon.map((entry) => dueSoonLine(entry, lang)),
      lang,
    ),
  );
  if (result.comparison) lines.push("", ...comparisonLines(result, result.comparison, lang));

  lines.push("");
  if (result.findings.length === 0) {
    lines.push(zh ? "检查问题：无" : "Findings: none");
  } else {
    const errors = result.findings.filter((f) => f.severity === "error").length;
    lines.push(
      zh
        ? `检查问题 ${result.findings.length} 条（错误 ${errors} · 提醒 ${result.findings.length - errors}）：`
        : `Findings: ${result.findings.length} (${errors} errors · ${result.findings.length - errors} warnings):`,
    );
    const byRule = new Map<RuleId, string[]>();
    for (const finding of result.findings) {
      const cells = byRule.get(finding.rule) ?? [];
      cells.push(findingPlace(finding, layout.sheet, lang));
      byRule.set(finding.rule, cells);
    }
    for (const [rule, cells] of byRule) {
      const shown = cells.slice(0, MAX_CELLS_PER_RULE).join(zh ? "、" : ", ");
      const more = cells.length > MAX_CELLS_PER_RULE ? (zh ? ` 等` : ", …") : "";
      lines.push(`· ${RULE_TITLES[rule][lang]} ${cells.length}${zh ? " 处：" : ": "}${shown}${more}`);
    }
  }

  if (survey) {
    lines.push("");
    lines.push(
      zh
        ? `满意度调查（${survey.sheet}）：得分 ${survey.score ?? "—"} 分（目标 ≥ ${survey.target}），满意率 ${percent(survey.satisfiedRate)}；有效问卷 ${survey.valid} 份，无效 ${survey.invalid} 份`
        : `Survey (${survey.sheet}): score ${survey.score ?? "—"} (target ≥ ${survey.target}), satisfied ${percent(survey.satisfiedRate)}; ${survey.valid} valid, ${survey.invalid} invalid responses`,
    );
  }

  if (summary.indicators.length > 0) {
    lines.push("");
    lines.push(zh ? "量化指标：" : "Indicators:");
    for (const indicator of summary.indicators) lines.push(indicatorLine(indicator, lang));
  }

  // Last, the paragraph to paste into the 通报 or the meeting notes, from the same summary.
  lines.push("", zh ? "通报稿：" : "Meeting text:", toMeetingText(result, lang));
  return `${lines.join("\n")}\n`;
}
