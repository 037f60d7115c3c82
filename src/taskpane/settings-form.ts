/**
 * The settings panel's form: the `Settings` as the text the inputs hold, and back. Kept apart from
 * the React component so the conversions (percentages shown as 0–100, blank meaning "not given",
 * a rule set to its default dropping out of the overrides) are tested on their own.
 */
import { ruleById } from "../core/rules";
import { SettingsSchema, type Settings } from "../core/settings";
import { RULE_IDS, type RuleId, type Severity, type SeveritySetting } from "../core/types";

export const TARGET_KEYS = ["institutionRevisions", "rotationRate", "closeRate", "surveyScore", "auditDrop"] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];
/** Targets stored as fractions and shown as percentages. */
export const PERCENT_TARGETS: ReadonlySet<TargetKey> = new Set(["rotationRate", "closeRate", "auditDrop"]);

export const INPUT_KEYS = [
  "institutionRevisions",
  "rotationDue",
  "rotationDone",
  "auditLastYear",
  "auditThisYear",
] as const;
export type InputKey = (typeof INPUT_KEYS)[number];

export interface SettingsForm {
  yellowAfterDays: string;
  redAfterMonths: string;
  rules: Record<RuleId, SeveritySetting>;
  targets: Record<TargetKey, string>;
  inputs: Record<InputKey, string>;
  /** "" = detect by name. */
  surveySheet: string;
}

/** A rule's default severity (`survey-unknown-answer` is reported by the survey module: a warning). */
export function defaultSeverity(rule: RuleId): Severity {
  return ruleById(rule)?.meta.defaultSeverity ?? "warning";
}

/** Numbers as a person types them: no float noise (0.95 × 100 = 95, not 95.00000000000001). */
function numberText(n: number): string {
  return String(Number(n.toPrecision(12)));
}

export function toForm(settings: Settings): SettingsForm {
  const rules = {} as Record<RuleId, SeveritySetting>;
  for (const rule of RULE_IDS) rules[rule] = settings.rules[rule] ?? defaultSeverity(rule);
  const targets = {} as Record<TargetKey, string>;
  for (const key of TARGET_KEYS) {
    const value = settings.targets[key];
    targets[key] = numberText(PERCENT_TARGETS.has(key) ? value * 100 : value);
  }
  const inputs = {} as Record<InputKey, string>;
  for (const key of INPUT_KEYS) {
    const value = settings.indicatorInputs[key];
    inputs[key] = value === null ? "" : numberText(value);
  }
  return {
    yellowAfterDays: String(settings.yellowAfterDays),
    redAfterMonths: String(settings.redAfterMonths),
    rules,
    targets,
    inputs,
    surveySheet: settings.surveySheet ?? "",
  };
}

/** Text → number; "" → null; anything unreadable → NaN, which the schema rejects with its path. */
function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(/[％%]$/, "");
  if (trimmed === "") return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : Number.NaN;
}

export type FormResult =
  { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly problems: string[] };

/**
 * The form applied over `base` (which keeps what the form does not show: mapping, survey points,
 * custom indicators). Rules at their default severity are dropped from the overrides, so a workbook
 * only records what the user changed.
 */
export function fromForm(form: SettingsForm, base: Settings): FormResult {
  const rules: Partial<Record<RuleId, SeveritySetting>> = {};
  for (const rule of RULE_IDS) if (form.rules[rule] !== defaultSeverity(rule)) rules[rule] = form.rules[rule];
  const targets: Record<string, number | null> = {};
  for (const key of TARGET_KEYS) {
    const n = parseNumber(form.targets[key]);
    targets[key] = n === null ? base.targets[key] : PERCENT_TARGETS.has(key) ? n / 100 : n;
  }
  const inputs: Record<string, number | null> = {};
  for (const key of INPUT_KEYS) inputs[key] = parseNumber(form.inputs[key]);
  const candidate = {
    ...base,
    yellowAfterDays: parseNumber(form.yellowAfterDays) ?? Number.NaN,
    redAfterMonths: parseNumber(form.redAfterMonths) ?? Number.NaN,
    rules,
    targets,
    indicatorInputs: inputs,
    surveySheet: form.surveySheet === "" ? null : form.surveySheet,
  };
  const parsed = SettingsSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) };
}
