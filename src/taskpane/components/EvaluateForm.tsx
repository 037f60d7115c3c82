/**
 * The one obvious action: where the ledger is (当前工作表, 选中区域, 指定工作表), the evaluation date,
 * and 评估 with what it writes said beneath it; while it runs, the stage and a progress bar.
 */
import {
  Button,
  Field,
  Input,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Text,
  makeStyles,
} from "@fluentui/react-components";
import type { LedgerSource, RowsProgress } from "../../core/host";
import type { StringKey } from "../i18n";
import { useStrings, type Strings } from "../i18n-context";
import { usePaneStyles } from "../pane-styles";

export type SourceKind = LedgerSource["kind"];

/** How far an evaluation has gone, as the host reports it. */
export interface EvaluateProgress {
  readonly fraction: number;
  readonly stage: "read" | "evaluate" | "write";
  /** While the engine checks the ledger: its rows read so far, of all. */
  readonly rows?: RowsProgress;
}

const STAGE_KEYS: Readonly<Record<EvaluateProgress["stage"], StringKey>> = {
  read: "stageRead",
  evaluate: "stageEvaluate",
  write: "stageWrite",
};

/** The stage in words; while the engine reads the ledger's rows, how many of them (正在逐项检查… 1,200 / 3,000 行). */
function stageText(progress: EvaluateProgress, t: Strings["t"]): string {
  const { stage, rows } = progress;
  if (stage !== "evaluate" || !rows || rows.total === 0) return t(STAGE_KEYS[stage]);
  return t("stageEvaluateRows", { done: groupThousands(rows.done), total: groupThousands(rows.total) });
}

/**
 * 3000 → "3,000", as zh-CN and en-US both write counts. Not `toLocaleString`: its first call loads the
 * locale's data, a long task in the middle of the evaluation it reports on.
 */
function groupThousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

const useStyles = makeStyles({
  evaluateButton: { alignSelf: "stretch" },
  radios: { flexWrap: "wrap" },
});

export function EvaluateForm({
  sheets,
  sourceKind,
  onSourceKindChange,
  sheet,
  onSheetChange,
  today,
  todayValid,
  onTodayChange,
  busy,
  progress,
  onEvaluate,
}: {
  readonly sheets: readonly string[];
  readonly sourceKind: SourceKind;
  readonly onSourceKindChange: (kind: SourceKind) => void;
  /** The sheet picked for 指定工作表. */
  readonly sheet: string;
  readonly onSheetChange: (sheet: string) => void;
  /** The evaluation date as the date input holds it (yyyy-mm-dd, or empty). */
  readonly today: string;
  readonly todayValid: boolean;
  readonly onTodayChange: (today: string) => void;
  readonly busy: boolean;
  /** Null unless an evaluation is running. */
  readonly progress: EvaluateProgress | null;
  readonly onEvaluate: () => void;
}) {
  const styles = { ...usePaneStyles(), ...useStyles() };
  const { t } = useStrings();
  return (
    <section className={styles.section}>
      <Field label={t("sourceLabel")}>
        <RadioGroup
          layout="horizontal"
          className={styles.radios}
          value={sourceKind}
          onChange={(_, data) => onSourceKindChange(data.value as SourceKind)}
        >
          <Radio value="active" label={{ children: t("sourceActive"), className: styles.keepWords }} />
          <Radio value="selection" label={{ children: t("sourceSelection"), className: styles.keepWords }} />
          <Radio value="sheet" label={{ children: t("sourceSheet"), className: styles.keepWords }} />
        </RadioGroup>
      </Field>
      {sourceKind === "sheet" && (
        <Field label={t("sheetPickerLabel")}>
          <Select value={sheet} onChange={(_, data) => onSheetChange(data.value)}>
            {sheets.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field
        label={t("todayLabel")}
        hint={todayValid ? t("todayHint") : undefined}
        validationState={todayValid ? "none" : "error"}
        validationMessage={todayValid ? undefined : t("todayMissing")}
      >
        <Input type="date" value={today} onChange={(_, data) => onTodayChange(data.value)} />
      </Field>
      <Button
        appearance="primary"
        size="large"
        className={styles.evaluateButton}
        disabled={busy || !todayValid || (sourceKind === "sheet" && !sheet)}
        aria-describedby="evaluate-writes"
        onClick={onEvaluate}
      >
        {progress ? t("evaluating") : t("evaluate")}
      </Button>
      <Text size={200} id="evaluate-writes" className={styles.hint}>
        {t("evaluateWrites")}
      </Text>
      {progress && (
        <Field validationMessage={stageText(progress, t)} validationState="none">
          <ProgressBar
            value={progress.fraction}
            max={1}
            aria-label={t(STAGE_KEYS[progress.stage])}
            aria-valuetext={`${Math.round(progress.fraction * 100)}%`}
          />
        </Field>
      )}
    </section>
  );
}
