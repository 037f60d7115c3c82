/**
 * 设置: thresholds of the lights, rule severities (like ESLint's, SPEC §5: "a workbook can turn a
 * rule off or change its severity, and the choice travels with the workbook"), indicator targets,
 * the user's own indicator figures (SPEC §6: "inputs live in the workbook, so the summary is
 * reproducible from the file alone") and the survey sheet. Saved with `host.saveSettings`.
 */
import { useRef, useState } from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Settings } from "../../core/settings";
import { RULE_IDS, type RuleId, type SeveritySetting } from "../../core/types";
import { pick, RULE_TITLES, severityName, type StringKey } from "../i18n";
import { useStrings } from "../i18n-context";
import {
  fromForm,
  INPUT_KEYS,
  SUPERVISION_KEYS,
  type FieldProblem,
  type FormField,
  TARGET_KEYS,
  toForm,
  type InputKey,
  type SettingsForm,
  type TargetKey,
} from "../settings-form";

const TARGET_LABELS: Readonly<Record<TargetKey, StringKey>> = {
  institutionRevisions: "targetInstitutionRevisions",
  rotationRate: "targetRotationRate",
  closeRate: "targetCloseRate",
  surveyScore: "targetSurveyScore",
  auditDrop: "targetAuditDrop",
};

const INPUT_LABELS: Readonly<Record<InputKey, StringKey>> = {
  institutionRevisions: "inputInstitutionRevisions",
  rotationDue: "inputRotationDue",
  rotationDone: "inputRotationDone",
  auditLastYear: "inputAuditLastYear",
  auditThisYear: "inputAuditThisYear",
};

const SEVERITIES: readonly SeveritySetting[] = ["error", "warning", "off"];

/** A number field's label, as the panel shows it. */
export function formFieldLabel(field: FormField): StringKey {
  if (field === "yellowAfterDays" || field === "redAfterMonths" || field === "escalateAfterReds") return field;
  if (field === "dueSoonDays" || field === "feedbackDays") return field;
  if (field.startsWith("targets.")) return TARGET_LABELS[field.slice("targets.".length) as TargetKey];
  return INPUT_LABELS[field.slice("inputs.".length) as InputKey];
}

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  group: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
    // A fieldset is as wide as its widest content by default; a long option must not widen the pane.
    minWidth: 0,
  },
  /** Selects as wide as the pane, however long their longest option; the text is cut, not the pane. */
  selectRoot: { minWidth: 0, maxWidth: "100%" },
  select: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
  legend: {
    fontWeight: tokens.fontWeightSemibold,
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
  },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export function SettingsPanel({
  settings,
  sheets,
  busy,
  onSave,
}: {
  readonly settings: Settings;
  readonly sheets: readonly string[];
  readonly busy: boolean;
  /** Resolves to true when saved. */
  readonly onSave: (settings: Settings) => Promise<boolean>;
}) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const [form, setForm] = useState<SettingsForm>(() => toForm(settings));
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [saved, setSaved] = useState(false);
  const inputs = useRef(new Map<FormField, HTMLInputElement>());

  /** An edit clears the problem of the field edited (the others stay until the next save). */
  const update = (next: SettingsForm, field?: FormField) => {
    setForm(next);
    setSaved(false);
    if (field) setProblems((current) => current.filter((p) => p.field !== field));
  };

  const save = async () => {
    const result = fromForm(form, settings);
    if (!result.ok) {
      setProblems(result.problems);
      const first = result.problems[0];
      if (first) inputs.current.get(first.field)?.focus();
      return;
    }
    setProblems([]);
    setSaved(await onSave(result.settings));
  };

  const numberInput = (field: FormField, label: string, value: string, onChange: (value: string) => void) => {
    const problem = problems.find((p) => p.field === field);
    return (
      <Field
        label={label}
        size="small"
        validationState={problem ? "error" : "none"}
        validationMessage={problem ? pick(problem.message, lang) : undefined}
      >
        <Input
          size="small"
          inputMode="decimal"
          value={value}
          data-field={field}
          ref={(element) => {
            if (element) inputs.current.set(field, element);
            else inputs.current.delete(field);
          }}
          onChange={(_, data) => onChange(data.value)}
        />
      </Field>
    );
  };

  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <p className={styles.intro}>{t("settingsIntro")}</p>
      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t("lightsGroup")}</legend>
        {numberInput("yellowAfterDays", t("yellowAfterDays"), form.yellowAfterDays, (v) =>
          update({ ...form, yellowAfterDays: v }, "yellowAfterDays"),
        )}
        {numberInput("redAfterMonths", t("redAfterMonths"), form.redAfterMonths, (v) =>
          update({ ...form, redAfterMonths: v }, "redAfterMonths"),
        )}
        {numberInput("escalateAfterReds", t("escalateAfterReds"), form.escalateAfterReds, (v) =>
          update({ ...form, escalateAfterReds: v }, "escalateAfterReds"),
        )}
      </fieldset>
      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t("supervisionGroup")}</legend>
        {SUPERVISION_KEYS.map((key) => (
          <div key={key}>
            {numberInput(key, t(key), form.supervision[key], (v) =>
              update({ ...form, supervision: { ...form.supervision, [key]: v } }, key),
            )}
          </div>
        ))}
      </fieldset>
      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t("rulesGroup")}</legend>
        {RULE_IDS.map((rule: RuleId) => (
          <Field key={rule} label={pick(RULE_TITLES[rule], lang)} size="small">
            <Select
              size="small"
              className={styles.selectRoot}
              select={{ className: styles.select }}
              value={form.rules[rule]}
              aria-label={t("ruleSeverityLabel", { rule: pick(RULE_TITLES[rule], lang) })}
              onChange={(_, data) =>
                update({ ...form, rules: { ...form.rules, [rule]: data.value as SeveritySetting } })
              }
            >
              {SEVERITIES.map((severity) => (
                <option key={severity} value={severity}>
                  {severityName(severity, lang)}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      </fieldset>
      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t("targetsGroup")}</legend>
        {TARGET_KEYS.map((key) => (
          <div key={key}>
            {numberInput(`targets.${key}`, t(TARGET_LABELS[key]), form.targets[key], (v) =>
              update({ ...form, targets: { ...form.targets, [key]: v } }, `targets.${key}`),
            )}
          </div>
        ))}
      </fieldset>
      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t("inputsGroup")}</legend>
        {INPUT_KEYS.map((key) => (
          <div key={key}>
            {numberInput(`inputs.${key}`, t(INPUT_LABELS[key]), form.inputs[key], (v) =>
              update({ ...form, inputs: { ...form.inputs, [key]: v } }, `inputs.${key}`),
            )}
          </div>
        ))}
      </fieldset>
      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t("surveyGroup")}</legend>
        <Field label={t("surveySheetLabel")} size="small">
          <Select
            size="small"
            className={styles.selectRoot}
            select={{ className: styles.select }}
            value={form.surveySheet}
            onChange={(_, data) => update({ ...form, surveySheet: data.value })}
          >
            <option value="">{t("surveySheetAuto")}</option>
            {sheets.map((sheet) => (
              <option key={sheet} value={sheet}>
                {sheet}
              </option>
            ))}
          </Select>
        </Field>
      </fieldset>
      {problems.length > 0 && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{t("settingsInvalid", { n: problems.length })}</MessageBarBody>
        </MessageBar>
      )}
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>{t("settingsSaved")}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" type="submit" disabled={busy}>
          {t("saveSettings")}
        </Button>
      </div>
    </form>
  );
}
