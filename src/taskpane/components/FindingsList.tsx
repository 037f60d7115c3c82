/**
 * The findings grouped by rule (errors first, then by count), each a button that selects its cell
 * in the workbook — SPEC §1: "every row checked against the rules below, with each problem pointing
 * at its cell". Ledger-level findings (a missing column) have no cell and are plain text.
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
import { findingCellLabel } from "../../core/rules/index";
import type { Finding, RuleId, Severity } from "../../core/types";
import { pick, RULE_TITLES, severityName } from "../i18n";
import { useStrings } from "../i18n-context";

/** Rows shown per rule before "show more": a 5,000-row ledger must not freeze the pane. */
export const PAGE_SIZE = 50;

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
  plain: {
    display: "block",
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalXS,
  },
});

function GroupPanel({
  group,
  ledgerSheet,
  onSelect,
}: {
  readonly group: FindingGroup;
  readonly ledgerSheet: string;
  readonly onSelect: (f: Finding) => void;
}) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const [shown, setShown] = useState(PAGE_SIZE);
  const rest = group.findings.length - shown;
  return (
    <>
      <ul className={styles.list}>
        {group.findings.slice(0, shown).map((finding, i) => {
          const cell = findingCellLabel(finding, ledgerSheet);
          return (
          <li key={`${finding.sheet}!${finding.cell ?? "-"}#${i}`}>
            {cell !== null ? (
              <Button
                appearance="subtle"
                size="small"
                className={styles.finding}
                onClick={() => onSelect(finding)}
                title={t("findingGoTo", { cell })}
              >
                <span className={styles.cell}>{cell}</span>
                {pick(finding.message, lang)}
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
      {rest > 0 && (
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
 */
export function FindingsList({
  findings,
  ledgerSheet,
  onSelect,
}: {
  readonly findings: readonly Finding[];
  readonly ledgerSheet: string;
  readonly onSelect: (finding: Finding) => void;
}) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const groups = groupFindings(findings);
  if (groups.length === 0) return <p>{t("findingsNone")}</p>;
  return (
    <Accordion multiple collapsible defaultOpenItems={groups[0] ? [groups[0].rule] : []}>
      {groups.map((group) => (
        <AccordionItem key={group.rule} value={group.rule} data-rule={group.rule}>
          <AccordionHeader size="small">
            <span className={styles.headerText}>
              <span className={styles.title}>{pick(RULE_TITLES[group.rule], lang)}</span>
              <Badge
                appearance="tint"
                color={group.severity === "error" ? "danger" : "warning"}
                aria-label={`${severityName(group.severity, lang)} ${t("findingsCount", { n: group.findings.length })}`}
              >
                {t("findingsCount", { n: group.findings.length })}
              </Badge>
            </span>
          </AccordionHeader>
          <AccordionPanel>
            <GroupPanel group={group} ledgerSheet={ledgerSheet} onSelect={onSelect} />
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
