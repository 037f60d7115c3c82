/**
 * The default settings and severity resolution, without zod: the one place the seed's numbers are
 * written. `settings.ts` builds its zod schema's defaults from these values (so the two cannot
 * drift), and code that only needs the defaults at run time — the engine, the command line —
 * imports this module and never loads zod (800 KB, ~40 ms of a cold start).
 */
import type { RuleId, Severity, SeveritySetting } from "./types";

/** Points per answer word of each survey scale (SPEC §7). */
export const DEFAULT_SURVEY_POINTS = {
  "five-a": {
    非常满意: 100,
    很满意: 100,
    满意: 80,
    基本满意: 60,
    比较满意: 60,
    不满意: 30,
    不太满意: 30,
    非常不满意: 0,
    很不满意: 0,
  },
  "five-b": { 满意: 100, 比较满意: 80, 一般: 60, 较不满意: 30, 不太满意: 30, 不满意: 0 },
  three: { 满意: 100, 基本满意: 60, 不满意: 0 },
} as const;

/**
 * Deliberately not annotated with `Settings`: that type is inferred from the zod schema, which
 * takes its defaults from here. `settings.ts` re-exports this object typed as `Settings`, and its
 * test checks that `SettingsSchema.parse({})` gives exactly this.
 */
export const DEFAULT_SETTINGS = {
  version: 1 as const,
  yellowAfterDays: 14, // 对连续两周未完成整改事项亮黄灯提醒
  redAfterMonths: 1, // 超过一个月亮红灯问责
  reviewAfterMonths: 3, // 每季度复查一次"回头看"
  immediateMaxDays: 7, // 立行立改类——一周内完成
  timeLimitedMaxMonths: 3, // 限期整改类——三个月内见效
  longTermMinMonths: 6, // 长效治理类——半年至一年内形成机制
  longTermMaxMonths: 12,
  escalateAfterReds: 2, // 红灯连续两期起列为问责/约谈对象（超过一个月亮红灯问责）
  dueSoonDays: 7, // 临期: an open item whose deadline is at most this many days away
  feedbackDays: 7, // 督办单: 请于（今天 + N 天）前反馈整改进展
  rules: {} as Partial<Record<RuleId, SeveritySetting>>,
  // 制度修订数量 ≥ 5 项; 关键岗位人员轮岗率 ≥ 80%; 整改问题销号率 ≥ 95%; 群众满意度调查得分 ≥ 90 分; 年度审计发现问题同比下降 ≥ 30%
  targets: { institutionRevisions: 5, rotationRate: 0.8, closeRate: 0.95, surveyScore: 90, auditDrop: 0.3 },
  indicatorInputs: {
    institutionRevisions: null,
    rotationDue: null,
    rotationDone: null,
    auditLastYear: null,
    auditThisYear: null,
  },
  customIndicators: [] as never[],
  surveyPoints: {
    "five-a": { ...DEFAULT_SURVEY_POINTS["five-a"] },
    "five-b": { ...DEFAULT_SURVEY_POINTS["five-b"] },
    three: { ...DEFAULT_SURVEY_POINTS.three },
  },
  surveySheet: null as string | null,
  mapping: { headerRow: null as number | null, columns: {} },
};

/** A rule's severity under these settings (ESLint-style override of the rule's default). */
export function resolveSeverity(
  rule: RuleId,
  defaultSeverity: Severity,
  settings: { readonly rules: Partial<Record<RuleId, SeveritySetting>> },
): SeveritySetting {
  return settings.rules[rule] ?? defaultSeverity;
}
