/**
 * What an evaluation found, in the order a staff member writes the weekly report from: counts by
 * light, key rates, what changed since the last recorded period (与上期对比), the findings grouped by rule with a link to each cell, 生成汇总表, the meeting
 * text to copy, and the detected header and columns (editable). Above them, a warning when the
 * date or the settings have changed since, with 重新评估 beside it.
 */
import type { ReactNode } from "react";
import { Button, Divider, MessageBar, MessageBarActions, MessageBarBody, Subtitle2 } from "@fluentui/react-components";
import type { ColumnMapping, Settings } from "../../core/settings";
import type { Finding } from "../../core/types";
import type { EvaluateOutcome } from "../../core/host";
import { useStrings } from "../i18n-context";
import { usePaneStyles } from "../pane-styles";
import { ComparisonSection } from "./ComparisonSection";
import { DueSoonList } from "./DueSoonList";
import { FindingsList } from "./FindingsList";
import { LayoutSection } from "./LayoutSection";
import { LightBadges } from "./LightBadges";
import { MeetingText } from "./MeetingText";
import { Rates } from "./Rates";

/** What an evaluation ran with, to tell when its results no longer match the date or the settings. */
export interface RunInputs {
  readonly today: string;
  readonly settings: Settings;
}

export function ResultsView({
  outcome,
  inputs,
  stale,
  mapping,
  busy,
  writingSummary,
  writingSupervision,
  onEvaluateAgain,
  onSelectFinding,
  onSelectRow,
  onWriteSummary,
  onWriteSupervision,
  onSelectCell,
  onSaveMapping,
  notices,
}: {
  readonly outcome: EvaluateOutcome;
  readonly inputs: RunInputs;
  /** The date or the settings have changed since the run. */
  readonly stale: boolean;
  /** The column mapping as saved now, which the layout editor starts from. */
  readonly mapping: ColumnMapping;
  readonly busy: boolean;
  readonly writingSummary: boolean;
  readonly writingSupervision: boolean;
  readonly onEvaluateAgain: () => void;
  readonly onSelectFinding: (finding: Finding) => void;
  /** Selects an item's row in the ledger (an entry of 与上期对比). */
  readonly onSelectRow: (row: number) => void;
  readonly onWriteSummary: () => void;
  readonly onWriteSupervision: () => void;
  /** Selects a cell (a 临期 item's row). */
  readonly onSelectCell: (sheet: string, address: string) => void;
  readonly onSaveMapping: (mapping: ColumnMapping) => void;
  /** Messages beside the findings (a cell not selected), 生成汇总表, 生成督办单 and the layout editor. */
  readonly notices: {
    readonly findings: ReactNode;
    readonly summary: ReactNode;
    readonly supervision: ReactNode;
    readonly layout: ReactNode;
  };
}) {
  const styles = usePaneStyles();
  const { t } = useStrings();
  const { result } = outcome;
  return (
    <>
      {stale && (
        <MessageBar intent="warning" data-testid="stale-results">
          <MessageBarBody>{t("resultsStale")}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" disabled={busy} onClick={onEvaluateAgain}>
              {t("evaluateAgain")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <section className={styles.section} aria-labelledby="results-heading">
        <Subtitle2 as="h2" id="results-heading" className={styles.heading}>
          {t("resultsHeading")} · {t("itemsCount", { n: result.summary.items })}
        </Subtitle2>
        <LightBadges byLight={result.summary.byLight} />
      </section>
      <section className={styles.section} aria-labelledby="rates-heading">
        <Subtitle2 as="h2" id="rates-heading" className={styles.heading}>
          {t("ratesHeading")}
        </Subtitle2>
        <Rates result={result} settings={inputs.settings} />
      </section>
      <section className={styles.section} aria-labelledby="due-soon-heading">
        <Subtitle2 as="h2" id="due-soon-heading" className={styles.heading}>
          {t("dueSoonHeading", { n: result.summary.dueSoon.length })}
        </Subtitle2>
        <DueSoonList
          entries={result.summary.dueSoon}
          days={inputs.settings.dueSoonDays}
          ledgerSheet={result.layout.sheet}
          firstCol={result.layout.firstCol}
          onSelect={onSelectCell}
        />
      </section>
      {result.comparison !== undefined && (
        <section className={styles.section} aria-labelledby="comparison-heading" data-testid="comparison">
          <Subtitle2 as="h2" id="comparison-heading" className={styles.heading}>
            {t("comparisonHeading")}
          </Subtitle2>
          <ComparisonSection key={`${outcome.sheet}:${inputs.today}`} result={result} onSelectRow={onSelectRow} />
        </section>
      )}
      <section className={styles.section} aria-labelledby="findings-heading">
        <Subtitle2 as="h2" id="findings-heading" className={styles.heading}>
          {t("findingsHeading")}
        </Subtitle2>
        <FindingsList
          key={`${outcome.sheet}:${inputs.today}`}
          findings={result.findings}
          items={result.items}
          ledgerSheet={result.layout.sheet}
          onSelect={onSelectFinding}
        />
        {notices.findings}
      </section>
      <section className={styles.section} aria-labelledby="actions-heading">
        <Subtitle2 as="h2" id="actions-heading" className={styles.heading}>
          {t("actionsHeading")}
        </Subtitle2>
        <div className={styles.row}>
          <Button disabled={busy} onClick={onWriteSummary}>
            {writingSummary ? t("writingSummary") : t("writeSummary")}
          </Button>
          <Button disabled={busy} onClick={onWriteSupervision}>
            {writingSupervision ? t("writingSupervision") : t("writeSupervision")}
          </Button>
        </div>
        {notices.summary}
        {notices.supervision}
      </section>
      <section className={styles.section} aria-labelledby="meeting-text-heading">
        <Subtitle2 as="h2" id="meeting-text-heading" className={styles.heading}>
          {t("meetingTextHeading")}
        </Subtitle2>
        <MeetingText key={`${outcome.sheet}:${inputs.today}`} result={result} />
      </section>
      <Divider />
      <section className={styles.section} aria-labelledby="layout-heading">
        <Subtitle2 as="h2" id="layout-heading" className={styles.heading}>
          {t("layoutHeading")}
        </Subtitle2>
        <LayoutSection
          key={`${result.layout.sheet}:${result.layout.headerRow}`}
          layout={result.layout}
          mapping={mapping}
          busy={busy}
          onSave={onSaveMapping}
        />
        {notices.layout}
      </section>
    </>
  );
}
