/**
 * Settings: thresholds, rule severities, targets, survey points, indicator inputs and the column
 * mapping the user corrected. One zod schema, parsed at the boundary (the settings saved in the workbook,
 * the pane's settings form);
 * everything inside the engine trusts the parsed `Settings`.
 */
import { z } from "zod";
import { FIELD_KEYS, RULE_IDS } from "./types";
import { DEFAULT_SETTINGS as D, DEFAULT_SURVEY_POINTS, resolveSeverity } from "./settings-defaults";

const severitySetting = z.enum(["error", "warning", "off"]);
const fieldKey = z.enum(FIELD_KEYS);
const ruleId = z.enum(RULE_IDS);
/** A column letter (`A`…`XFD`), or null for "this ledger has no such column". */
const columnRef = z
  .string()
  .regex(/^[A-Za-z]{1,3}$/)
  .transform((s) => s.toUpperCase())
  .nullable();
const nonNegative = z.number().finite().min(0);

export const ColumnMappingSchema = z.object({
  /** The header row the user picked (sheet row), or null to detect. */
  headerRow: z.number().int().min(1).max(1_048_576).nullable().default(null),
  /** Field → column letter chosen by hand; wins over detection. */
  columns: z.partialRecord(fieldKey, columnRef).default({}),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

export const CustomIndicatorSchema = z.object({
  name: z.string().trim().min(1).max(100),
  comparator: z.enum([">=", "<="]).default(">="),
  target: z.number().finite(),
  unit: z.enum(["count", "rate", "points"]).default("count"),
  /** Either the actual value, or a numerator/denominator pair (a rate). */
  actual: z.number().finite().nullable().default(null),
  numerator: nonNegative.nullable().default(null),
  denominator: nonNegative.nullable().default(null),
});
export type CustomIndicator = z.infer<typeof CustomIndicatorSchema>;

/** Points per answer word; the keys are the answer texts of SPEC §7. */
const pointsTable = z.record(z.string(), z.number().finite().min(0).max(100));

export const SettingsSchema = z.object({
  version: z.literal(1).default(1),
  /** 对连续两周未完成整改事项亮黄灯提醒 */
  yellowAfterDays: z.number().int().min(1).max(366).default(D.yellowAfterDays),
  /** 超过一个月亮红灯问责 */
  redAfterMonths: z.number().int().min(1).max(36).default(D.redAfterMonths),
  /** 每季度复查一次"回头看" */
  reviewAfterMonths: z.number().int().min(1).max(36).default(D.reviewAfterMonths),
  /** 立行立改类——一周内完成 */
  immediateMaxDays: z.number().int().min(0).max(366).default(D.immediateMaxDays),
  /** 限期整改类——三个月内见效 */
  timeLimitedMaxMonths: z.number().int().min(1).max(36).default(D.timeLimitedMaxMonths),
  /** 长效治理类——半年至一年内形成机制 */
  longTermMinMonths: z.number().int().min(0).max(120).default(D.longTermMinMonths),
  longTermMaxMonths: z.number().int().min(1).max(120).default(D.longTermMaxMonths),
  /** Red in this many consecutive recorded periods (this one included) → a 问责/约谈 candidate. */
  escalateAfterReds: z.number().int().min(2).max(52).default(D.escalateAfterReds),
  /** 临期: an unfinished item whose dated deadline is at most this many days away (0 = due today only). */
  dueSoonDays: z.number().int().min(0).max(366).default(D.dueSoonDays),
  /** 督办单: feedback is asked for by today + this many days (请于X月X日前反馈整改进展). */
  feedbackDays: z.number().int().min(1).max(366).default(D.feedbackDays),
  /** Rule id → severity override (like ESLint's `rules`); absent = the rule's default. */
  rules: z.partialRecord(ruleId, severitySetting).default({}),
  targets: z
    .object({
      institutionRevisions: nonNegative.default(D.targets.institutionRevisions),
      rotationRate: nonNegative.max(1).default(D.targets.rotationRate),
      closeRate: nonNegative.max(1).default(D.targets.closeRate),
      surveyScore: nonNegative.max(100).default(D.targets.surveyScore),
      auditDrop: nonNegative.max(1).default(D.targets.auditDrop),
    })
    .prefault({}),
  /** The user's own figures for indicators the ledger cannot give. null = not given. */
  indicatorInputs: z
    .object({
      /** Overrides the count of 《…》 titles found in the ledger. */
      institutionRevisions: nonNegative.nullable().default(null),
      rotationDue: nonNegative.nullable().default(null),
      rotationDone: nonNegative.nullable().default(null),
      auditLastYear: nonNegative.nullable().default(null),
      auditThisYear: nonNegative.nullable().default(null),
    })
    .prefault({}),
  customIndicators: z.array(CustomIndicatorSchema).max(50).default([]),
  surveyPoints: z
    .object({
      "five-a": pointsTable.default({ ...DEFAULT_SURVEY_POINTS["five-a"] }),
      "five-b": pointsTable.default({ ...DEFAULT_SURVEY_POINTS["five-b"] }),
      three: pointsTable.default({ ...DEFAULT_SURVEY_POINTS.three }),
    })
    .prefault({}),
  /** The survey sheet chosen by the user; null = find it by name (SPEC §7). */
  surveySheet: z.string().nullable().default(null),
  mapping: ColumnMappingSchema.prefault({}),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

/** Defaults live in ./settings-defaults.ts (no zod there); re-exported for the modules that parse anyway. */
export { DEFAULT_SURVEY_POINTS, resolveSeverity };
export const DEFAULT_SETTINGS: Settings = D;

export type SettingsParse = { ok: true; settings: Settings } | { ok: false; problems: string[] };

/** Parses stored or user-given settings; unknown keys are ignored, bad values reported by path. */
export function parseSettings(input: unknown): SettingsParse {
  const result = SettingsSchema.safeParse(input ?? {});
  if (result.success) return { ok: true, settings: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
  };
}
