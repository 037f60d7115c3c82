/**
 * The task pane. It talks only to a `LedgerHost` (src/excel/host.ts): Office.js in Excel, the
 * workbook double in the preview and the browser test, a small fake in unit tests.
 *
 * One obvious action (评估); after it, what a staff member needs for the weekly report: counts by
 * light, key rates, the findings grouped by rule with a link to each cell, the detected header and
 * columns (editable), and the two writes (生成汇总表, 清除标记). Errors come back from the host as
 * `{zh, en}` messages and are shown in the user's language.
 */
import { useCallback, useEffect, useState } from "react";
import {
  Button,
  Divider,
  Field,
  FluentProvider,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Tab,
  TabList,
  Text,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { localToday, parseIsoDate } from "../core/dates";
import { DEFAULT_SETTINGS, type ColumnMapping, type Settings } from "../core/settings";
import type { Finding } from "../core/types";
import type { EvaluateOutcome, HostError, LedgerHost, LedgerSource } from "../excel/host";
import iconUrl from "../../assets/icon-32.png";
import { FindingsList } from "./components/FindingsList";
import { LayoutSection } from "./components/LayoutSection";
import { LightBadges } from "./components/LightBadges";
import { MappingEditor } from "./components/MappingEditor";
import { Rates } from "./components/Rates";
import { SettingsPanel } from "./components/SettingsPanel";
import { pick, type Lang, type StringKey } from "./i18n";
import { LangContext, useStrings } from "./i18n-context";
import { THEMES, type ThemeName } from "./theme";

export interface AppProps {
  readonly host: LedgerHost;
  readonly lang: Lang;
  readonly theme?: ThemeName;
  /** The clock, for the default evaluation date (today, local). */
  readonly now?: () => Date;
}

type SourceKind = LedgerSource["kind"];

type RunState =
  | { readonly phase: "idle" }
  | { readonly phase: "running"; readonly fraction: number; readonly stage: "read" | "evaluate" | "write" }
  | { readonly phase: "done"; readonly outcome: EvaluateOutcome }
  | { readonly phase: "failed"; readonly error: HostError };

interface Notice {
  readonly intent: "success" | "error" | "warning";
  readonly text: string;
}

const STAGE_KEYS: Readonly<Record<"read" | "evaluate" | "write", StringKey>> = {
  read: "stageRead",
  evaluate: "stageEvaluate",
  write: "stageWrite",
};

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  titles: { display: "flex", flexDirection: "column", minWidth: 0 },
  tagline: { color: tokens.colorNeutralForeground3 },
  tabs: { paddingLeft: tokens.spacingHorizontalS, paddingRight: tokens.spacingHorizontalS },
  main: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalXXL,
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalL,
  },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  evaluateButton: { alignSelf: "stretch" },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  announcement: { color: tokens.colorNeutralForeground2 },
  heading: { margin: 0 },
});

function unexpectedError(error: unknown): HostError {
  const detail = error instanceof Error ? error.message : String(error);
  return { code: "unknown", message: { zh: `出现意外错误：${detail}`, en: `Unexpected error: ${detail}` } };
}

function CheckAndSettings({ host, now }: { readonly host: LedgerHost; readonly now: () => Date }) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const [tab, setTab] = useState<"check" | "settings">("check");
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [sheets, setSheets] = useState<readonly string[]>([]);
  const [sourceKind, setSourceKind] = useState<SourceKind>("active");
  const [sheet, setSheet] = useState<string>("");
  const [today, setToday] = useState<string>(() => localToday(now()));
  const [run, setRun] = useState<RunState>({ phase: "idle" });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [action, setAction] = useState<null | "summary" | "clear" | "save">(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      const [loaded, listed] = await Promise.all([host.loadSettings(), host.listSheets()]);
      if (!live) return;
      if (loaded.ok) {
        setSettings(loaded.value.settings);
        if (loaded.value.problems.length > 0) {
          setNotice({ intent: "warning", text: `${t("settingsLoadProblems")} ${loaded.value.problems.join("；")}` });
        }
      }
      if (listed.ok) {
        setSheets(listed.value);
        setSheet((current) => current || listed.value[0] || "");
      }
    })();
    return () => {
      live = false;
    };
    // Loaded once per host (`t` is stable for the pane's life: the language does not change while it is open).
  }, [host]);

  const busy = run.phase === "running" || action !== null;
  const todayValid = parseIsoDate(today) !== null;
  const source: LedgerSource = sourceKind === "sheet" ? { kind: "sheet", name: sheet } : { kind: sourceKind };

  const evaluateWith = useCallback(
    async (withSettings: Settings) => {
      setNotice(null);
      setRun({ phase: "running", fraction: 0, stage: "read" });
      try {
        const outcome = await host.evaluate({
          source,
          today,
          settings: withSettings,
          onProgress: (fraction, stage) =>
            setRun((prev) => (prev.phase === "running" ? { phase: "running", fraction, stage } : prev)),
        });
        setRun(outcome.ok ? { phase: "done", outcome: outcome.value } : { phase: "failed", error: outcome.error });
      } catch (error) {
        setRun({ phase: "failed", error: unexpectedError(error) });
      }
    },
    [host, source, today],
  );

  const saveSettings = async (next: Settings): Promise<boolean> => {
    setAction("save");
    try {
      const saved = await host.saveSettings(next);
      if (!saved.ok) {
        setNotice({ intent: "error", text: pick(saved.error.message, lang) });
        return false;
      }
      setSettings(next);
      return true;
    } catch (error) {
      setNotice({ intent: "error", text: pick(unexpectedError(error).message, lang) });
      return false;
    } finally {
      setAction(null);
    }
  };

  const saveMapping = async (mapping: ColumnMapping) => {
    const next: Settings = { ...settings, mapping };
    if (await saveSettings(next)) await evaluateWith(next);
  };

  const selectFinding = async (finding: Finding) => {
    if (!finding.cell) return;
    const selected = await host.selectCell(finding.sheet, finding.cell);
    if (!selected.ok)
      setNotice({
        intent: "error",
        text: `${t("selectFailed")}${t("listSeparator")}${pick(selected.error.message, lang)}`,
      });
  };

  const writeSummary = async (outcome: EvaluateOutcome) => {
    setAction("summary");
    setNotice(null);
    try {
      const written = await host.writeSummary(outcome, settings);
      if (!written.ok) setNotice({ intent: "error", text: pick(written.error.message, lang) });
      else if (written.value.renamedFrom) {
        setNotice({
          intent: "warning",
          text: t("summaryRenamed", { wanted: written.value.renamedFrom, sheet: written.value.sheetName }),
        });
      } else setNotice({ intent: "success", text: t("summaryWritten", { sheet: written.value.sheetName }) });
    } catch (error) {
      setNotice({ intent: "error", text: pick(unexpectedError(error).message, lang) });
    } finally {
      setAction(null);
    }
  };

  const clearMarks = async () => {
    setAction("clear");
    setNotice(null);
    try {
      const cleared = await host.clearMarks();
      if (cleared.ok) {
        setRun({ phase: "idle" });
        setNotice({ intent: "success", text: t("marksCleared") });
      } else setNotice({ intent: "error", text: pick(cleared.error.message, lang) });
    } catch (error) {
      setNotice({ intent: "error", text: pick(unexpectedError(error).message, lang) });
    } finally {
      setAction(null);
    }
  };

  const done = run.phase === "done" ? run.outcome : null;

  return (
    <>
      <TabList
        className={styles.tabs}
        selectedValue={tab}
        onTabSelect={(_, data) => setTab(data.value === "settings" ? "settings" : "check")}
      >
        <Tab value="check">{t("tabCheck")}</Tab>
        <Tab value="settings">{t("tabSettings")}</Tab>
      </TabList>
      <main className={styles.main}>
        {notice && (
          <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"}>
            <MessageBarBody>{notice.text}</MessageBarBody>
          </MessageBar>
        )}
        {tab === "settings" ? (
          <section className={styles.section} aria-labelledby="settings-heading">
            <Subtitle2 as="h2" id="settings-heading" className={styles.heading}>
              {t("settingsHeading")}
            </Subtitle2>
            <SettingsPanel settings={settings} sheets={sheets} busy={busy} onSave={saveSettings} />
          </section>
        ) : (
          <>
            <section className={styles.section}>
              <Field label={t("sourceLabel")}>
                <RadioGroup
                  layout="horizontal"
                  value={sourceKind}
                  onChange={(_, data) => setSourceKind(data.value as SourceKind)}
                >
                  <Radio value="active" label={t("sourceActive")} />
                  <Radio value="selection" label={t("sourceSelection")} />
                  <Radio value="sheet" label={t("sourceSheet")} />
                </RadioGroup>
              </Field>
              {sourceKind === "sheet" && (
                <Field label={t("sheetPickerLabel")}>
                  <Select value={sheet} onChange={(_, data) => setSheet(data.value)}>
                    {sheets.map((name) => (
                      <option key={name} value={name}>
                        {name}
                      </option>
                    ))}
                  </Select>
                </Field>
              )}
              <Field label={t("todayLabel")} hint={t("todayHint")} validationState={todayValid ? "none" : "error"}>
                <Input type="date" value={today} onChange={(_, data) => setToday(data.value)} />
              </Field>
              <Button
                appearance="primary"
                size="large"
                className={styles.evaluateButton}
                disabled={busy || !todayValid || (sourceKind === "sheet" && !sheet)}
                onClick={() => void evaluateWith(settings)}
              >
                {run.phase === "running" ? t("evaluating") : t("evaluate")}
              </Button>
              {run.phase === "running" && (
                <Field validationMessage={t(STAGE_KEYS[run.stage])} validationState="none">
                  <ProgressBar value={run.fraction} max={1} aria-label={t(STAGE_KEYS[run.stage])} />
                </Field>
              )}
            </section>

            <div role="status" aria-live="polite" className={styles.announcement}>
              {done &&
                t("resultsAnnouncement", {
                  sheet: done.sheet,
                  items: done.result.summary.items,
                  findings: done.result.findings.length,
                })}
            </div>

            {run.phase === "failed" && (
              <FailurePanel error={run.error} settings={settings} busy={busy} onSave={saveMapping} />
            )}

            {done && (
              <>
                <section className={styles.section} aria-labelledby="results-heading">
                  <Subtitle2 as="h2" id="results-heading" className={styles.heading}>
                    {t("resultsHeading")} · {t("itemsCount", { n: done.result.summary.items })}
                  </Subtitle2>
                  <LightBadges byLight={done.result.summary.byLight} />
                </section>
                <section className={styles.section} aria-labelledby="rates-heading">
                  <Subtitle2 as="h2" id="rates-heading" className={styles.heading}>
                    {t("ratesHeading")}
                  </Subtitle2>
                  <Rates result={done.result} settings={settings} />
                </section>
                <section className={styles.section} aria-labelledby="findings-heading">
                  <Subtitle2 as="h2" id="findings-heading" className={styles.heading}>
                    {t("findingsHeading")}
                  </Subtitle2>
                  <FindingsList
                    findings={done.result.findings}
                    ledgerSheet={done.result.layout.sheet}
                    onSelect={(f) => void selectFinding(f)}
                  />
                </section>
                <section className={styles.section} aria-labelledby="actions-heading">
                  <Subtitle2 as="h2" id="actions-heading" className={styles.heading}>
                    {t("actionsHeading")}
                  </Subtitle2>
                  <div className={styles.row}>
                    <Button disabled={busy} onClick={() => void writeSummary(done)}>
                      {action === "summary" ? t("writingSummary") : t("writeSummary")}
                    </Button>
                    <Button disabled={busy} onClick={() => void clearMarks()}>
                      {action === "clear" ? t("clearingMarks") : t("clearMarks")}
                    </Button>
                  </div>
                </section>
                <Divider />
                <section className={styles.section} aria-labelledby="layout-heading">
                  <Subtitle2 as="h2" id="layout-heading" className={styles.heading}>
                    {t("layoutHeading")}
                  </Subtitle2>
                  <LayoutSection
                    key={`${done.result.layout.sheet}:${done.result.layout.headerRow}`}
                    layout={done.result.layout}
                    mapping={settings.mapping}
                    busy={busy}
                    onSave={(mapping) => void saveMapping(mapping)}
                  />
                </section>
              </>
            )}
            {run.phase !== "done" && (
              <div className={styles.row}>
                <Button appearance="subtle" disabled={busy} onClick={() => void clearMarks()}>
                  {action === "clear" ? t("clearingMarks") : t("clearMarks")}
                </Button>
              </div>
            )}
          </>
        )}
      </main>
    </>
  );
}

/** The error in the user's language; for "no ledger", the header-row picker over the host's preview. */
function FailurePanel({
  error,
  settings,
  busy,
  onSave,
}: {
  readonly error: HostError;
  readonly settings: Settings;
  readonly busy: boolean;
  readonly onSave: (mapping: ColumnMapping) => Promise<void>;
}) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const preview = error.code === "no-ledger" ? error.preview : undefined;
  const rows = preview?.rows ?? [];
  const best = error.failure?.reason === "no-header" ? error.failure.bestRow : null;
  const startRow =
    best ?? settings.mapping.headerRow ?? rows.find((r) => r.texts.some((text) => text.trim()))?.row ?? 1;
  return (
    <section className={styles.section}>
      <MessageBar intent="error" role="alert" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{error.code === "no-ledger" ? t("noLedgerTitle") : t("errorTitle")}</MessageBarTitle>
          {pick(error.message, lang)}
        </MessageBarBody>
      </MessageBar>
      {rows.length > 0 && (
        <MappingEditor
          headerRow={rows.some((r) => r.row === startRow) ? startRow : (rows[0]?.row ?? 1)}
          headers={{}}
          rowChoices={rows}
          detected={{}}
          mapping={settings.mapping}
          busy={busy}
          onSave={(mapping) => void onSave(mapping)}
        />
      )}
    </section>
  );
}

function Header() {
  const styles = useStyles();
  const { t } = useStrings();
  return (
    <header className={styles.header}>
      <img src={iconUrl} alt="" width={32} height={32} />
      <div className={styles.titles}>
        <Title3 as="h1" className={styles.heading}>
          {t("productName")}
        </Title3>
        <Text size={200} className={styles.tagline}>
          {t("productTagline")}
        </Text>
      </div>
    </header>
  );
}

export function App({ host, lang, theme = "light", now = () => new Date() }: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={THEMES[theme]} className={styles.root} lang={lang === "zh" ? "zh-CN" : "en-US"}>
      <LangContext.Provider value={lang}>
        <Header />
        <CheckAndSettings host={host} now={now} />
      </LangContext.Provider>
    </FluentProvider>
  );
}
