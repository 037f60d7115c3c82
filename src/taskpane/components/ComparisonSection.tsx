/**
 * 与上期对比: what changed since the last period recorded in 评估记录 — each rate with its change in
 * points, then one collapsed group per kind of change, in the order and words every host uses
 * (`comparisonSections`: the 问责/约谈 candidates first), each entry a button that selects its item's
 * row in the sheet, as a finding selects its cell. A removed item has no row: it shows last period's
 * 序号 and description as text. Groups that are empty are left out; a long group shows `PREVIEW`
 * entries and 显示全部. With no earlier period: one quiet line.
 */
import { useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { excerpt, percent } from "../../core/format";
import type { Comparison, RateChange } from "../../core/history";
import {
  comparisonSections,
  pointsText,
  rateChangePoints,
  type ComparisonEntry,
  type ComparisonListId,
} from "../../core/history/sections";
import type { EvaluationResult } from "../../core/types";
import { pick, type Lang, type StringKey } from "../i18n";
import { useStrings } from "../i18n-context";

/** Entries a group shows before 显示全部: the pane is 300–350 px wide. */
export const PREVIEW = 5;

const useStyles = makeStyles({
  since: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  quiet: { margin: 0, color: tokens.colorNeutralForeground3 },
  rates: {
    display: "grid",
    gridTemplateColumns: "max-content minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0 },
  headerText: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexGrow: 1 },
  title: { flexGrow: 1, textAlign: "start" },
  badge: { whiteSpace: "nowrap", flexShrink: 0 },
  list: { margin: 0, padding: 0, listStyleType: "none" },
  entry: {
    justifyContent: "flex-start",
    textAlign: "start",
    width: "100%",
    minHeight: "28px",
    fontWeight: tokens.fontWeightRegular,
    paddingLeft: tokens.spacingHorizontalXS,
  },
  plain: {
    display: "block",
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalXS,
  },
  seq: { marginRight: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground3, whiteSpace: "nowrap" },
  text: { flexGrow: 1 },
  detail: { marginLeft: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground3, whiteSpace: "nowrap" },
});

/** The badge's colour: what calls for 督办 in red, what to watch in amber, progress and ledger changes neutral. */
const TONES: Readonly<Record<ComparisonListId, "danger" | "warning" | "informative">> = {
  consecutiveRed: "danger",
  turnedRed: "danger",
  turnedYellow: "warning",
  deadlineMoved: "warning",
  wentBack: "warning",
  newlyDone: "informative",
  newlyClosed: "informative",
  newItems: "informative",
  removedItems: "informative",
};

const RATES: readonly { key: keyof Comparison["rates"]; label: StringKey }[] = [
  { key: "completionRate", label: "completionRate" },
  { key: "closeRate", label: "closeRate" },
  { key: "onTimeRate", label: "onTimeRate" },
];

export function ComparisonSection({
  result,
  onSelectRow,
}: {
  /** Its `comparison`: null when no earlier period is recorded; absent when evaluated without a history. */
  readonly result: EvaluationResult;
  readonly onSelectRow: (row: number) => void;
}) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const { comparison } = result;
  if (comparison === undefined) return null;
  if (comparison === null) return <p className={styles.quiet}>{t("comparisonNone")}</p>;
  const groups = comparisonSections(result, comparison).filter((group) => group.entries.length > 0);

  return (
    <>
      <p className={styles.since} data-testid="comparison-since">
        {t("comparisonSince", { date: comparison.since })}
      </p>
      <dl className={styles.rates}>
        {RATES.map(({ key, label }) => (
          <div key={key} style={{ display: "contents" }}>
            <dt className={styles.term}>{t(label)}</dt>
            <dd className={styles.value} data-rate-change={key}>
              {rateText(comparison.rates[key], lang, t)}
            </dd>
          </div>
        ))}
      </dl>
      {groups.length === 0 ? (
        <p className={styles.quiet}>{t("comparisonNoChange")}</p>
      ) : (
        <Accordion multiple collapsible>
          {groups.map((group) => (
            <AccordionItem key={group.id} value={group.id} data-change={group.id}>
              <AccordionHeader size="small">
                <span className={styles.headerText}>
                  <span className={styles.title}>{pick(group.title, lang)}</span>
                  <Badge appearance="tint" className={styles.badge} color={TONES[group.id]}>
                    {t("cmpCount", { n: group.entries.length })}
                  </Badge>
                </span>
              </AccordionHeader>
              <AccordionPanel>
                <GroupEntries entries={group.entries} onSelectRow={onSelectRow} />
              </AccordionPanel>
            </AccordionItem>
          ))}
        </Accordion>
      )}
    </>
  );
}

/** `35.3%，较上期 +5.9 个百分点` (beside 完成率); the rate alone when last period had none. */
function rateText(change: RateChange, lang: Lang, t: ReturnType<typeof useStrings>["t"]): string {
  const rate = percent(change.now, t("notAvailable"));
  const points = rateChangePoints(change);
  return points === null ? rate : t("rateChange", { rate, points: pointsText(points, lang) });
}

function GroupEntries({
  entries,
  onSelectRow,
}: {
  readonly entries: readonly ComparisonEntry[];
  readonly onSelectRow: (row: number) => void;
}) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const [all, setAll] = useState(false);
  const shown = all ? entries : entries.slice(0, PREVIEW);
  return (
    <>
      <ul className={styles.list}>
        {shown.map((entry, index) => {
          const seq = (
            <span className={styles.seq}>{entry.seq ? t("findingSeq", { seq: entry.seq }) : t("cmpNoSeq")}</span>
          );
          const body = (
            <>
              {seq}
              <span className={styles.text}>{excerpt(entry.description)}</span>
              {entry.detail && <span className={styles.detail}>{pick(entry.detail, lang)}</span>}
            </>
          );
          const { row } = entry;
          return (
            <li key={entry.row ?? `removed-${index}`}>
              {row !== null ? (
                <Button
                  appearance="subtle"
                  size="small"
                  className={styles.entry}
                  title={t("cmpRowGoTo", { row })}
                  onClick={() => onSelectRow(row)}
                >
                  {body}
                </Button>
              ) : (
                <span className={styles.plain}>{body}</span>
              )}
            </li>
          );
        })}
      </ul>
      {!all && entries.length > PREVIEW && (
        <Button appearance="transparent" size="small" onClick={() => setAll(true)}>
          {t("cmpShowAll", { n: entries.length })}
        </Button>
      )}
    </>
  );
}
