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
import { rateBasis } from "../rate-basis";

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
  basis: {
    display: "block",
    fontWeight: tokens.fontWeightRegular,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground3,
  },
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
  const basis = rateBasis(result.items);
  const rows: { key: string; label: string; value: string; note?: string; basis?: string }[] = [
    {
      key: "completion",
      label: t("completionRate"),
      value: percent(summary.completionRate, empty),
      basis: t("completionBasis", { part: basis.completion.part, whole: basis.completion.whole }),
    },
    {
      key: "close",
      label: t("closeRate"),
      value: percent(summary.closeRate, empty),
      note: t("closeRateTarget", { target: percent(settings.targets.closeRate, empty) }),
      basis: t("closeBasis", { part: basis.close.part, whole: basis.close.whole }),
    },
    {
      key: "onTime",
      label: t("onTimeRate"),
      value: percent(summary.onTimeRate, empty),
      basis: t("onTimeBasis", { part: basis.onTime.part, whole: basis.onTime.whole }),
    },
  ];
  if (result.layout.columns.extendedDeadline !== undefined) {
    rows.push({
      key: "onTimeOriginal",
      label: t("onTimeRateOriginal"),
      value: percent(summary.onTimeRateOriginal, empty),
      basis: t("onTimeBasis", { part: basis.onTimeOriginal.part, whole: basis.onTimeOriginal.whole }),
    });
  }
  rows.push({
    key: "overdue",
    label: t("overdue"),
    value: t("overdueValue", { n: summary.overdue }),
    basis: t("overdueBasis"),
  });
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
            {row.basis && <span className={styles.basis}>{row.basis}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
