/**
 * 关键指标: completion, close-out (with its target), on-time (also against the original deadlines
 * when the ledger records extensions), overdue, the money totals when the ledger has money columns,
 * and the survey score.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import { percent } from "../../core/format";
import { amountText } from "../../core/report/text";
import type { Settings } from "../../core/settings";
import type { EvaluationResult } from "../../core/types";
import { fieldName } from "../i18n";
import { useStrings } from "../i18n-context";


const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "max-content minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  note: {
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground3,
    marginLeft: tokens.spacingHorizontalS,
  },
});

export function Rates({ result, settings }: { readonly result: EvaluationResult; readonly settings: Settings }) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const { summary, survey } = result;
  const empty = t("notAvailable");
  const rows: { key: string; label: string; value: string; note?: string }[] = [
    { key: "completion", label: t("completionRate"), value: percent(summary.completionRate, empty) },
    {
      key: "close",
      label: t("closeRate"),
      value: percent(summary.closeRate, empty),
      note: t("closeRateTarget", { target: percent(settings.targets.closeRate, empty) }),
    },
    { key: "onTime", label: t("onTimeRate"), value: percent(summary.onTimeRate, empty) },
  ];
  if (result.layout.columns.extendedDeadline !== undefined) {
    rows.push({ key: "onTimeOriginal", label: t("onTimeRateOriginal"), value: percent(summary.onTimeRateOriginal, empty) });
  }
  rows.push({ key: "overdue", label: t("overdue"), value: t("overdueValue", { n: summary.overdue }) });
  const amounts = summary.amounts;
  if (amounts) {
    const money = (value: number) => t("amountValue", { amount: amountText(value, amounts.unit), unit: amounts.unit });
    for (const column of amounts.columns) {
      const converted = column.unit !== amounts.unit ? t("amountConverted", { unit: amounts.unit }) : undefined;
      const rate =
        column.field === "amountInvolved" && amounts.total.rate !== null
          ? t("amountRectifiedRate", { rate: percent(amounts.total.rate, empty) })
          : undefined;
      rows.push({
        key: column.field,
        label: fieldName(column.field, lang),
        value: money(column.total),
        note: [rate, converted].filter(Boolean).join(" · ") || undefined,
      });
    }
  }
  if (survey) {
    rows.push({
      key: "survey",
      label: t("surveyScore"),
      value: survey.score === null ? empty : t("surveyScoreValue", { score: survey.score.toFixed(1) }),
    });
  }
  return (
    <dl className={styles.grid}>
      {rows.map((row) => (
        <div key={row.key} style={{ display: "contents" }}>
          <dt className={styles.term}>{row.label}</dt>
          <dd className={styles.value} data-rate={row.key}>
            {row.value}
            {row.note && <span className={styles.note}>{row.note}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
