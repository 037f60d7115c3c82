/**
 * The settings panel's form: the `Settings` as the text the inputs hold, and back. Kept apart from
 * the React component so the conversions (percentages shown as 0–100, blank meaning "not given",
 * a rule set to its default dropping out of the overrides) are tested on their own.
 */
import { ruleById } from "../core/rules";
import { SettingsSchema, type Settings } from "../core/settings";
import type { z } from "zod";
import { RULE_IDS, type Message, type RuleId, type Severity, type SeveritySetting } from "../core/types";

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

/** 临期 and the 督办单: whole days, shown in their own group. */
export const SUPERVISION_KEYS = ["dueSoonDays", "feedbackDays"] as const;
export type SupervisionKey = (typeof SUPERVISION_KEYS)[number];

export interface SettingsForm {
  yellowAfterDays: string;
  redAfterMonths: string;
  escalateAfterReds: string;
  supervision: Record<SupervisionKey, string>;
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
    escalateAfterReds: String(settings.escalateAfterReds),
    supervision: { dueSoonDays: String(settings.dueSoonDays), feedbackDays: String(settings.feedbackDays) },
    rules,
    targets,
    inputs,
    surveySheet: settings.surveySheet ?? "",
  };
}

/** A form field that can hold a bad value, named as the form names it. */
export type FormField =
  | "yellowAfterDays"
  | "redAfterMonths"
  | "escalateAfterReds"
  | SupervisionKey
  | `targets.${TargetKey}`
  | `inputs.${InputKey}`;

/** The form's number fields in the order they are shown: the first problem in this order gets the focus. */
export const FORM_FIELDS: readonly FormField[] = [
  "yellowAfterDays",
  "redAfterMonths",
  "escalateAfterReds",
  ...SUPERVISION_KEYS,
  ...TARGET_KEYS.map((key) => `targets.${key}` as const),
  ...INPUT_KEYS.map((key) => `inputs.${key}` as const),
];

/** A bad value, beside its field, in both languages (never the schema's developer English). */
export interface FieldProblem {
  readonly field: FormField;
  readonly message: Message;
}

type NumberReading =
  | { readonly kind: "empty" }
  | { readonly kind: "bad"; readonly text: string }
  | { readonly kind: "number"; readonly value: number };

/** Text as a number: `90%`, ` 8 ` and full-width `９０％` read; "" is empty; anything else is bad. */
function readNumber(text: string): NumberReading {
  const trimmed = text
    .replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .trim()
    .replace(/[％%]$/, "")
    .trim();
  if (trimmed === "") return { kind: "empty" };
  const n = Number(trimmed);
  return Number.isFinite(n) ? { kind: "number", value: n } : { kind: "bad", text: text.trim() };
}

const MUST_FILL: Message = { zh: "请填写一个数字。", en: "Enter a number." };
const notANumber = (text: string): Message => ({ zh: `“${text}”不是数字。`, en: `"${text}" is not a number.` });

/** The form field a schema path points at, or null for a setting the form does not show. */
export function fieldOfPath(path: readonly PropertyKey[]): FormField | null {
  const [head, key] = path.map(String);
  if (head === "yellowAfterDays" || head === "redAfterMonths" || head === "escalateAfterReds") return head;
  if ((SUPERVISION_KEYS as readonly string[]).includes(head ?? "")) return head as SupervisionKey;
  if (head === "targets" && (TARGET_KEYS as readonly string[]).includes(key ?? ""))
    return `targets.${key as TargetKey}`;
  if (head === "indicatorInputs" && (INPUT_KEYS as readonly string[]).includes(key ?? ""))
    return `inputs.${key as InputKey}`;
  return null;
}

const isPercentField = (field: FormField): boolean =>
  field.startsWith("targets.") && PERCENT_TARGETS.has(field.slice("targets.".length) as TargetKey);

/** A bound as the user typed it: a stored fraction is shown as a percentage. */
function boundText(field: FormField, bound: unknown): string {
  const n = Number(bound);
  return isPercentField(field) ? `${numberText(n * 100)}%` : numberText(n);
}

/** A schema issue in the user's words: the bound that was crossed, or "whole number". */
function issueMessage(field: FormField, issue: z.core.$ZodIssue): Message {
  if (issue.code === "too_big") {
    const max = boundText(field, issue.maximum);
    return { zh: `不能大于 ${max}。`, en: `Must be at most ${max}.` };
  }
  if (issue.code === "too_small") {
    const min = boundText(field, issue.minimum);
    return { zh: `不能小于 ${min}。`, en: `Must be at least ${min}.` };
  }
  if (issue.code === "invalid_type" && issue.expected === "int")
    return { zh: "请填写整数。", en: "Enter a whole number." };
  return { zh: "这个值无效。", en: "This value is not valid." };
}

export type FormResult =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/**
 * The form applied over `base` (which keeps what the form does not show: mapping, survey points,
 * custom indicators). Rules at their default severity are dropped from the overrides, so a workbook
 * only records what the user changed. A blank threshold or target is a problem, not the old value
 * kept silently; a blank indicator figure means "not given". Problems come back in form order.
 */
export function fromForm(form: SettingsForm, base: Settings): FormResult {
  const problems = new Map<FormField, Message>();
  const numberOf = (field: FormField, text: string, blankAllowed: boolean): number | null => {
    const reading = readNumber(text);
    if (reading.kind === "number") return reading.value;
    if (reading.kind === "empty" && blankAllowed) return null;
    problems.set(field, reading.kind === "empty" ? MUST_FILL : notANumber(reading.text));
    return Number.NaN;
  };
  const rules: Partial<Record<RuleId, SeveritySetting>> = {};
  for (const rule of RULE_IDS) if (form.rules[rule] !== defaultSeverity(rule)) rules[rule] = form.rules[rule];
  const targets: Record<string, number | null> = {};
  for (const key of TARGET_KEYS) {
    const n = numberOf(`targets.${key}`, form.targets[key], false) ?? Number.NaN;
    targets[key] = PERCENT_TARGETS.has(key) ? n / 100 : n;
  }
  const inputs: Record<string, number | null> = {};
  for (const key of INPUT_KEYS) inputs[key] = numberOf(`inputs.${key}`, form.inputs[key], true);
  const candidate = {
    ...base,
    yellowAfterDays: numberOf("yellowAfterDays", form.yellowAfterDays, false),
    redAfterMonths: numberOf("redAfterMonths", form.redAfterMonths, false),
    escalateAfterReds: numberOf("escalateAfterReds", form.escalateAfterReds, false),
    dueSoonDays: numberOf("dueSoonDays", form.supervision.dueSoonDays, false),
    feedbackDays: numberOf("feedbackDays", form.supervision.feedbackDays, false),
    rules,
    targets,
    indicatorInputs: inputs,
    surveySheet: form.surveySheet === "" ? null : form.surveySheet,
  };
  const parsed = SettingsSchema.safeParse(candidate);
  if (parsed.success && problems.size === 0) return { ok: true, settings: parsed.data };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = fieldOfPath(issue.path);
    // The base comes from validated settings, so an issue outside the form cannot arise from typing.
    if (field !== null && !problems.has(field)) problems.set(field, issueMessage(field, issue));
  }
  return {
    ok: false,
    problems: FORM_FIELDS.filter((field) => problems.has(field)).map((field) => ({
      field,
      message: problems.get(field)!,
    })),
  };
}

/**
 * The form fields named by stored-settings problems (`targets.closeRate: Too big…`, as the host's
 * `loadSettings` reports them), in form order; `other` counts the problems outside the form.
 */
export function fieldsOfStoredProblems(problems: readonly string[]): { fields: FormField[]; other: number } {
  const found = new Set<FormField>();
  let other = 0;
  for (const problem of problems) {
    const colon = problem.indexOf(":");
    const field = colon > 0 ? fieldOfPath(problem.slice(0, colon).split(".")) : null;
    if (field) found.add(field);
    else other++;
  }
  return { fields: FORM_FIELDS.filter((f) => found.has(f)), other };
}
