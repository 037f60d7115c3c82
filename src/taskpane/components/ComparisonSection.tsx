/**
 * 与上期对比: what changed since the last period recorded in 评估记录 — each rate with its change in
 * points, then one collapsed group per kind of change (the 问责/约谈 candidates first), each entry a
 * button that selects its item's row in the sheet, as a finding selects its cell. A removed item has
 * no row: it shows last period's 序号 and description as text. Groups that are empty are left out;
 * a long group shows `PREVIEW` entries and 显示全部. With no earlier period: one quiet line.
 */
import { useMemo, useState } from "react";
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
import { excerpt, percent, pointsChange } from "../../core/format";
import type { Comparison, RateChange } from "../../core/history";
import type { EvaluatedItem } from "../../core/types";
import type { StringKey } from "../i18n";
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

/** One line of a group: an item on a row of this period's ledger, or a removed one (row null). */
interface Entry {
  readonly key: string;
  readonly row: number | null;
  readonly seq: string | null;
  readonly description: string;
  readonly detail: string | null;
}

interface Group {
  readonly id: string;
  readonly title: string;
  /** The 问责/约谈 candidates and turned red are marked as such; the rest are neutral. */
  readonly tone: "danger" | "warning" | "informative";
  readonly entries: readonly Entry[];
}

const RATES: readonly { key: keyof Comparison["rates"]; label: StringKey }[] = [
  { key: "completionRate", label: "completionRate" },
  { key: "closeRate", label: "closeRate" },
  { key: "onTimeRate", label: "onTimeRate" },
];

export function ComparisonSection({
  comparison,
  items,
  escalateAfterReds,
  onSelectRow,
}: {
  /** Null: no earlier period recorded; undefined: evaluated without a history (nothing to say). */
  readonly comparison: Comparison | null | undefined;
  readonly items: readonly EvaluatedItem[];
  readonly escalateAfterReds: number;
  readonly onSelectRow: (row: number) => void;
}) {
  const styles = useStyles();
  const { t } = useStrings();
  const byRow = useMemo(() => new Map(items.map((item) => [item.row, item])), [items]);
  if (comparison === undefined) return null;
  if (comparison === null) return <p className={styles.quiet}>{t("comparisonNone")}</p>;

  const entryOf = (row: number, detail: string | null = null): Entry => {
    const item = byRow.get(row);
    return {
      key: `${row}`,
      row,
      seq: item?.seq ?? null,
      description: excerpt(item?.cells.description?.text ?? ""),
      detail,
    };
  };
  const rows = (list: readonly number[]): Entry[] => list.map((row) => entryOf(row));
  const groups: Group[] = [
    {
      id: "consecutiveRed",
      title: t("cmpConsecutiveRed", { n: escalateAfterReds }),
      tone: "danger",
      entries: comparison.consecutiveRed.map(({ row, periods }) => entryOf(row, t("cmpRedPeriods", { n: periods }))),
    },
    { id: "turnedRed", title: t("cmpTurnedRed"), tone: "danger", entries: rows(comparison.turnedRed) },
    { id: "turnedYellow", title: t("cmpTurnedYellow"), tone: "warning", entries: rows(comparison.turnedYellow) },
    {
      id: "deadlineMoved",
      title: t("cmpDeadlineMoved"),
      tone: "warning",
      entries: comparison.deadlineMoved.map(({ row, from, to }) => entryOf(row, t("cmpMoved", { from, to }))),
    },
    { id: "wentBack", title: t("cmpWentBack"), tone: "warning", entries: rows(comparison.wentBack) },
    { id: "newlyDone", title: t("cmpNewlyDone"), tone: "informative", entries: rows(comparison.newlyDone) },
    { id: "newlyClosed", title: t("cmpNewlyClosed"), tone: "informative", entries: rows(comparison.newlyClosed) },
    { id: "newItems", title: t("cmpNewItems"), tone: "informative", entries: rows(comparison.newItems) },
    {
      id: "removedItems",
      title: t("cmpRemoved"),
      tone: "informative",
      entries: comparison.removedItems.map((removed, i) => ({
        key: `removed-${i}`,
        row: null,
        seq: removed.seq,
        description: excerpt(removed.description),
        detail: null,
      })),
    },
  ].filter((group) => group.entries.length > 0) as Group[];

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
              {rateText(comparison.rates[key], t)}
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
                  <span className={styles.title}>{group.title}</span>
                  <Badge appearance="tint" className={styles.badge} color={group.tone}>
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

/** `完成率 35.3%，较上期 +5.9 个百分点`; the rate alone when last period had none. */
function rateText(change: RateChange, t: ReturnType<typeof useStrings>["t"]): string {
  const rate = percent(change.now, t("notAvailable"));
  const points = pointsChange(change.now, change.before);
  if (points === null) return rate;
  return points === "0.0" ? t("rateUnchanged", { rate }) : t("rateChange", { rate, points });
}

function GroupEntries({
  entries,
  onSelectRow,
}: {
  readonly entries: readonly Entry[];
  readonly onSelectRow: (row: number) => void;
}) {
  const styles = useStyles();
  const { t } = useStrings();
  const [all, setAll] = useState(false);
  const shown = all ? entries : entries.slice(0, PREVIEW);
  return (
    <>
      <ul className={styles.list}>
        {shown.map((entry) => {
          const seq = (
            <span className={styles.seq}>{entry.seq ? t("findingSeq", { seq: entry.seq }) : t("cmpNoSeq")}</span>
          );
          const body = (
            <>
              {seq}
              <span className={styles.text}>{entry.description}</span>
              {entry.detail && <span className={styles.detail}>{entry.detail}</span>}
            </>
          );
          const { row } = entry;
          return (
            <li key={entry.key}>
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
