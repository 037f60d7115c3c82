/**
 * What the command line needs of `src/core/settings.ts` at run time — `DEFAULT_SETTINGS` and
 * `resolveSeverity` — without zod. The CLI bundle (`./launch.cjs`) resolves `core/settings` to this
 * module: zod was 800 KB of the 1 MB bundle, and building the schema then parsing `{}` cost a cold
 * start ~40 ms, for settings the CLI never parses (a file reader cannot see the add-in's settings,
 * so the CLI always uses the defaults).
 *
 * `settings-without-zod.test.ts` holds this to the real module: the defaults deep-equal
 * `SettingsSchema.parse({})`, and every value `settings.ts` exports that is not zod's own (schemas,
 * `parseSettings`) is here too. The bundle build fails on an import this module lacks.
 */
import type { RuleId, Severity, SeveritySetting } from "../core/types";
import type { Settings } from "../core/settings";

export type { Settings } from "../core/settings";

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

/** `SettingsSchema.parse({})`, written out. */
export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  yellowAfterDays: 14,
  redAfterMonths: 1,
  reviewAfterMonths: 3,
  immediateMaxDays: 7,
  timeLimitedMaxMonths: 3,
  longTermMinMonths: 6,
  longTermMaxMonths: 12,
  rules: {},
  targets: { institutionRevisions: 5, rotationRate: 0.8, closeRate: 0.95, surveyScore: 90, auditDrop: 0.3 },
  indicatorInputs: {
    institutionRevisions: null,
    rotationDue: null,
    rotationDone: null,
    auditLastYear: null,
    auditThisYear: null,
  },
  customIndicators: [],
  surveyPoints: {
    "five-a": { ...DEFAULT_SURVEY_POINTS["five-a"] },
    "five-b": { ...DEFAULT_SURVEY_POINTS["five-b"] },
    three: { ...DEFAULT_SURVEY_POINTS.three },
  },
  surveySheet: null,
  mapping: { headerRow: null, columns: {} },
};

/** The same as `resolveSeverity` in `src/core/settings.ts`. */
export function resolveSeverity(rule: RuleId, defaultSeverity: Severity, settings: Settings): SeveritySetting {
  return settings.rules[rule] ?? defaultSeverity;
}
