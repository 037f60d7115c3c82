/**
 * The findings grouped by rule (errors first, then by count), each a button that selects its cell
 * in the workbook — SPEC §1: "every row checked against the rules below, with each problem pointing
 * at its cell". Ledger-level findings (a missing column) have no cell and are plain text. The first
 * group opens with a few rows and 显示全部; the others
 * open closed, and every group pages by `PAGE_SIZE`.
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
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { findingCellLabel } from "../../core/rules/index";
import type { EvaluatedItem, Finding, RuleId, Severity } from "../../core/types";
import { pick, RULE_TITLES, severityName } from "../i18n";
import { useStrings } from "../i18n-context";

/** Rows shown per rule before "show more": a 5,000-row ledger must not freeze the pane. */
export const PAGE_SIZE = 50;
/**
 * Rows the first group shows when the list opens: enough to see what the findings are like, few
 * enough that 生成汇总表 and the rest stay near (the other groups open closed).
 */
export const FIRST_GROUP_PREVIEW = 5;

export interface FindingGroup {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly findings: readonly Finding[];
}

/** Groups by rule; a group is an error when any of its findings is. Errors first, then larger groups, then rule id. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const byRule = new Map<RuleId, Finding[]>();
  for (const finding of findings) {
    const list = byRule.get(finding.rule);
    if (list) list.push(finding);
    else byRule.set(finding.rule, [finding]);
  }
  const groups = [...byRule].map(([rule, list]) => ({
    rule,
    severity: list.some((f) => f.severity === "error") ? ("error" as const) : ("warning" as const),
    findings: list,
  }));
  const rank = (g: FindingGroup) => (g.severity === "error" ? 0 : 1);
  return groups.sort(
    (a, b) => rank(a) - rank(b) || b.findings.length - a.findings.length || a.rule.localeCompare(b.rule),
  );
}

const useStyles = makeStyles({
  headerText: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    flexGrow: 1,
  },
  title: { flexGrow: 1, textAlign: "start" },
  list: { margin: 0, padding: 0, listStyleType: "none" },
  finding: {
    justifyContent: "flex-start",
    textAlign: "start",
    width: "100%",
    minHeight: "28px",
    fontWeight: tokens.fontWeightRegular,
    paddingLeft: tokens.spacingHorizontalXS,
  },
  cell: {
    display: "inline-block",
    minWidth: "3.5em",
    marginRight: tokens.spacingHorizontalS,
    fontFamily: tokens.fontFamilyMonospace,
    color: tokens.colorBrandForeground1,
  },
  seq: {
    marginRight: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
    whiteSpace: "nowrap",
  },
  message: { flexGrow: 1 },
  /** The finding last clicked: the cell now selected in the sheet. */
  current: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
  },
  visitedMark: { marginLeft: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground3, whiteSpace: "nowrap" },
  badge: { whiteSpace: "nowrap", flexShrink: 0 },
  plain: {
    display: "block",
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalXS,
  },
});

/** A finding's identity within one result: its rule, sheet, cell and place in its group. */
const findingKey = (finding: Finding, index: number): string =>
  `${finding.rule}|${finding.sheet}!${finding.cell ?? "-"}#${index}`;

interface Visits {
  readonly current: string | null;
  readonly visited: ReadonlySet<string>;
  readonly visit: (key: string) => void;
}

function GroupPanel({
  group,
  ledgerSheet,
  seqOf,
  visits,
  onSelect,
  initiallyShown,
}: {
  readonly group: FindingGroup;
  readonly ledgerSheet: string;
  readonly seqOf: (finding: Finding) => string | null;
  readonly visits: Visits;
  readonly onSelect: (f: Finding) => void;
  readonly initiallyShown: number;
}) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const [shown, setShown] = useState(initiallyShown);
  const total = group.findings.length;
  const rest = total - shown;
  return (
    <>
      <ul className={styles.list}>
        {group.findings.slice(0, shown).map((finding, i) => {
          const key = findingKey(finding, i);
          const cell = findingCellLabel(finding, ledgerSheet);
          const seq = seqOf(finding);
          const seqLabel = seq ? <span className={styles.seq}>{t("findingSeq", { seq })}</span> : null;
          const isCurrent = visits.current === key;
          const visited = visits.visited.has(key);
          return (
            <li key={key}>
              {cell !== null ? (
                <Button
                  appearance="subtle"
                  size="small"
                  className={mergeClasses(styles.finding, isCurrent && styles.current)}
                  aria-current={isCurrent ? "true" : undefined}
                  data-visited={visited ? "true" : undefined}
                  onClick={() => {
                    visits.visit(key);
                    onSelect(finding);
                  }}
                  title={t("findingGoTo", { cell })}
                >
                  <span className={styles.cell}>{cell}</span>
                  {seqLabel}
                  <span className={styles.message}>{pick(finding.message, lang)}</span>
                  {(visited || isCurrent) && (
                    <span className={styles.visitedMark}>{isCurrent ? t("findingCurrent") : t("findingVisited")}</span>
                  )}
                </Button>
              ) : (
                <span className={styles.plain}>
                  <span className={styles.cell}>{t("ledgerLevel")}</span>
                  {pick(finding.message, lang)}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {rest > 0 && shown < PAGE_SIZE && (
        <Button appearance="transparent" size="small" onClick={() => setShown(PAGE_SIZE)}>
          {total <= PAGE_SIZE ? t("showAllInGroup", { n: total }) : t("showMoreOf", { n: PAGE_SIZE - shown, total })}
        </Button>
      )}
      {rest > 0 && shown >= PAGE_SIZE && (
        <Button appearance="transparent" size="small" onClick={() => setShown(shown + PAGE_SIZE)}>
          {t("showMore", { n: Math.min(rest, PAGE_SIZE) })}
        </Button>
      )}
    </>
  );
}

/**
 * `ledgerSheet`: the evaluated ledger's sheet; a finding on another sheet (the survey's) shows its
 * sheet with its cell (`满意度测评!C14`), and clicking it selects the cell on that sheet.
 * `items`: the evaluated items, so a finding on a ledger row shows that item's 序号 beside its cell.
 * The finding clicked last is marked current (`aria-current`), the ones clicked before as visited; the
 * marks last as long as this result (the pane keys the list by evaluation).
 */
export function FindingsList({
  findings,
  items = [],
  ledgerSheet,
  onSelect,
}: {
  readonly findings: readonly Finding[];
  readonly items?: readonly EvaluatedItem[];
  readonly ledgerSheet: string;
  readonly onSelect: (finding: Finding) => void;
}) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const [current, setCurrent] = useState<string | null>(null);
  const [visited, setVisited] = useState<ReadonlySet<string>>(new Set());
  const seqByRow = useMemo(() => new Map(items.map((item) => [item.row, item.seq])), [items]);
  const seqOf = (finding: Finding): string | null =>
    finding.row !== null && finding.sheet === ledgerSheet ? (seqByRow.get(finding.row) ?? null) : null;
  const visits: Visits = {
    current,
    visited,
    visit: (key) => {
      setCurrent(key);
      setVisited((before) => new Set(before).add(key));
    },
  };
  const groups = groupFindings(findings);
  if (groups.length === 0) return <p>{t("findingsNone")}</p>;
  return (
    <Accordion multiple collapsible defaultOpenItems={groups[0] ? [groups[0].rule] : []}>
      {groups.map((group, index) => {
        const count = t("findingsCount", { n: group.findings.length });
        const severity = severityName(group.severity, lang);
        return (
          <AccordionItem key={group.rule} value={group.rule} data-rule={group.rule}>
            <AccordionHeader size="small">
              <span className={styles.headerText}>
                <span className={styles.title}>{pick(RULE_TITLES[group.rule], lang)}</span>
                <Badge
                  appearance="tint"
                  className={styles.badge}
                  color={group.severity === "error" ? "danger" : "warning"}
                  data-severity={group.severity}
                >
                  {t("findingsBadge", { severity, count })}
                </Badge>
              </span>
            </AccordionHeader>
            <AccordionPanel>
              <GroupPanel
                group={group}
                ledgerSheet={ledgerSheet}
                seqOf={seqOf}
                visits={visits}
                onSelect={onSelect}
                initiallyShown={index === 0 ? FIRST_GROUP_PREVIEW : PAGE_SIZE}
              />
            </AccordionPanel>
          </AccordionItem>
        );
      })}
    </Accordion>
  );
}
