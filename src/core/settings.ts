/**
 * Settings: thresholds, rule severities, targets, survey points, indicator inputs and the column
 * mapping the user corrected. One zod schema, parsed at the boundary (workbook settings, CLI flags);
 * everything inside the engine trusts the parsed `Settings`.
 */
import { z } from "zod";
import { FIELD_KEYS, RULE_IDS, type RuleId, type Severity, type SeveritySetting } from "./types";

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

export const SettingsSchema = z.object({
  version: z.literal(1).default(1),
  /** 对连续两周未完成整改事项亮黄灯提醒 */
  yellowAfterDays: z.number().int().min(1).max(366).default(14),
  /** 超过一个月亮红灯问责 */
  redAfterMonths: z.number().int().min(1).max(36).default(1),
  /** 每季度复查一次"回头看" */
  reviewAfterMonths: z.number().int().min(1).max(36).default(3),
  /** 立行立改类——一周内完成 */
  immediateMaxDays: z.number().int().min(0).max(366).default(7),
  /** 限期整改类——三个月内见效 */
  timeLimitedMaxMonths: z.number().int().min(1).max(36).default(3),
  /** 长效治理类——半年至一年内形成机制 */
  longTermMinMonths: z.number().int().min(0).max(120).default(6),
  longTermMaxMonths: z.number().int().min(1).max(120).default(12),
  /** Rule id → severity override (like ESLint's `rules`); absent = the rule's default. */
  rules: z.partialRecord(ruleId, severitySetting).default({}),
  targets: z
    .object({
      institutionRevisions: nonNegative.default(5),
      rotationRate: nonNegative.max(1).default(0.8),
      closeRate: nonNegative.max(1).default(0.95),
      surveyScore: nonNegative.max(100).default(90),
      auditDrop: nonNegative.max(1).default(0.3),
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

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

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

/** A rule's severity under these settings (ESLint-style override of the rule's default). */
export function resolveSeverity(rule: RuleId, defaultSeverity: Severity, settings: Settings): SeveritySetting {
  return settings.rules[rule] ?? defaultSeverity;
}
