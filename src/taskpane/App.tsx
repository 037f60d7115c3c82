/**
 * The task pane. It talks only to a `LedgerHost` (src/excel/host.ts): Office.js in Excel, the
 * workbook double in the preview and the browser test, a small fake in unit tests.
 *
 * One obvious action (评估); after it, what a staff member needs for the weekly report: counts by
 * light, key rates, the findings grouped by rule with a link to each cell, the detected header and
 * columns (editable), the meeting text to copy, and the two writes (生成汇总表, 清除标记). Errors come back from the host as
 * `{zh, en}` messages and are shown in the user's language.
 */
import { useCallback, useEffect, useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Divider,
  Field,
  FluentProvider,
  Input,
  MessageBar,
  MessageBarActions,
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
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { localToday, parseIsoDate } from "../core/dates";
import { DEFAULT_SETTINGS, type ColumnMapping, type Settings } from "../core/settings";
import type { Finding } from "../core/types";
import type { ClearOutcome, EvaluateOutcome, HostError, LedgerHost, LedgerSource } from "../excel/host";
import iconUrl from "../../assets/icon-32.png";
import { FindingsList } from "./components/FindingsList";
import { LayoutSection } from "./components/LayoutSection";
import { LightBadges } from "./components/LightBadges";
import { MappingEditor } from "./components/MappingEditor";
import { MeetingText } from "./components/MeetingText";
import { Rates } from "./components/Rates";
import { formFieldLabel, SettingsPanel } from "./components/SettingsPanel";
import { pick, type Lang, type StringKey } from "./i18n";
import { LangContext, useStrings } from "./i18n-context";
import { fieldsOfStoredProblems } from "./settings-form";
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
  | { readonly phase: "done"; readonly outcome: EvaluateOutcome; readonly inputs: RunInputs }
  | { readonly phase: "failed"; readonly error: HostError };

/** Where a message is shown: beside what the user just did, never in a place they have left. */
type NoticePlace = "load" | "findings" | "summary" | "clear" | "settings" | "layout";

interface Notice {
  readonly intent: "success" | "error" | "warning" | "info";
  readonly text: string;
  /** A sheet the message names, offered as a link that selects it. */
  readonly openSheet?: string;
}

/** What an evaluation ran with, to tell when its results no longer match the date or the settings. */
interface RunInputs {
  readonly today: string;
  readonly settings: Settings;
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
  hint: { color: tokens.colorNeutralForeground2 },
  /** Short labels (当前工作表, 指定工作表) wrap between words, never inside one. */
  keepWords: { wordBreak: "keep-all", overflowWrap: "normal" },
  radios: { flexWrap: "wrap" },
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
  const [notices, setNotices] = useState<Partial<Record<NoticePlace, Notice>>>({});
  const [action, setAction] = useState<null | "summary" | "clear" | "save">(null);
  const [confirmingClear, setConfirmingClear] = useState(false);
  /** After "no ledger here": another sheet that holds one, offered in one click. */
  const [ledgerElsewhere, setLedgerElsewhere] = useState<string | null>(null);

  /** Shows a message at one place (or removes it with null). */
  const tell = useCallback((place: NoticePlace, notice: Notice | null) => {
    setNotices((current) => {
      const next = { ...current };
      if (notice) next[place] = notice;
      else delete next[place];
      return next;
    });
  }, []);

  useEffect(() => {
    let live = true;
    void (async () => {
      const [loaded, listed] = await Promise.all([host.loadSettings(), host.listSheets()]);
      if (!live) return;
      if (loaded.ok) {
        setSettings(loaded.value.settings);
        if (loaded.value.problems.length > 0)
          tell("load", { intent: "warning", text: storedProblemsText(loaded.value.problems, t) });
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
    async (withSettings: Settings, withSource: LedgerSource = source) => {
      setNotices((current) => (current.load ? { load: current.load } : {}));
      setLedgerElsewhere(null);
      setRun({ phase: "running", fraction: 0, stage: "read" });
      try {
        const outcome = await host.evaluate({
          source: withSource,
          today,
          settings: withSettings,
          onProgress: (fraction, stage) =>
            setRun((prev) => (prev.phase === "running" ? { phase: "running", fraction, stage } : prev)),
        });
        setRun(
          outcome.ok
            ? { phase: "done", outcome: outcome.value, inputs: { today, settings: withSettings } }
            : { phase: "failed", error: outcome.error },
        );
        if (!outcome.ok && outcome.error.code === "no-ledger") {
          const found = await host.findLedgerSheet(outcome.error.preview?.sheet ?? null);
          if (found.ok) setLedgerElsewhere(found.value);
        }
      } catch (error) {
        setRun({ phase: "failed", error: unexpectedError(error) });
      }
    },
    [host, source, today],
  );

  const saveSettings = async (next: Settings): Promise<boolean> => {
    setAction("save");
    tell("settings", null);
    try {
      const saved = await host.saveSettings(next);
      if (!saved.ok) {
        tell("settings", { intent: "error", text: pick(saved.error.message, lang) });
        return false;
      }
      setSettings(next);
      return true;
    } catch (error) {
      tell("settings", { intent: "error", text: pick(unexpectedError(error).message, lang) });
      return false;
    } finally {
      setAction(null);
    }
  };

  /** "检查它": evaluates the sheet that holds a ledger, and leaves the source set to it. */
  const evaluateSheet = (name: string) => {
    setSourceKind("sheet");
    setSheet(name);
    void evaluateWith(settings, { kind: "sheet", name });
  };

  /** Saves the mapping, evaluates again with it, and says so beside the mapping (after the run, which clears messages). */
  const saveMapping = async (mapping: ColumnMapping) => {
    const next: Settings = { ...settings, mapping };
    if (!(await saveSettings(next))) return;
    await evaluateWith(next);
    tell("layout", { intent: "success", text: t("mappingSaved") });
  };

  const selectFinding = async (finding: Finding) => {
    if (!finding.cell) return;
    const selected = await host.selectCell(finding.sheet, finding.cell);
    tell(
      "findings",
      selected.ok
        ? null
        : { intent: "error", text: `${t("selectFailed")}${t("listSeparator")}${pick(selected.error.message, lang)}` },
    );
  };

  /** The link in a message: selects A1 of the sheet it names (the summary is not activated when written). */
  const openSheet = async (place: NoticePlace, name: string) => {
    const selected = await host.selectCell(name, "A1");
    if (!selected.ok)
      tell(place, {
        intent: "error",
        text: `${t("selectFailed")}${t("listSeparator")}${pick(selected.error.message, lang)}`,
      });
  };

  const writeSummary = async (outcome: EvaluateOutcome) => {
    setAction("summary");
    tell("summary", null);
    try {
      const written = await host.writeSummary(outcome, settings);
      if (!written.ok) tell("summary", { intent: "error", text: pick(written.error.message, lang) });
      else
        tell("summary", {
          intent: written.value.renamedFrom ? "warning" : "success",
          text: written.value.renamedFrom
            ? t("summaryRenamed", { wanted: written.value.renamedFrom, sheet: written.value.sheetName })
            : t("summaryWritten", { sheet: written.value.sheetName }),
          openSheet: written.value.sheetName,
        });
    } catch (error) {
      tell("summary", { intent: "error", text: pick(unexpectedError(error).message, lang) });
    } finally {
      setAction(null);
    }
  };

  const clearMarks = async () => {
    setConfirmingClear(false);
    setAction("clear");
    setNotices((current) => (current.load ? { load: current.load } : {}));
    try {
      const cleared = await host.clearMarks();
      if (cleared.ok) {
        setRun({ phase: "idle" });
        tell("clear", clearedNotice(cleared.value, t));
      } else tell("clear", { intent: "error", text: pick(cleared.error.message, lang) });
    } catch (error) {
      tell("clear", { intent: "error", text: pick(unexpectedError(error).message, lang) });
    } finally {
      setAction(null);
    }
  };

  const done = run.phase === "done" ? run.outcome : null;
  const stale = run.phase === "done" && (run.inputs.today !== today || run.inputs.settings !== settings) && todayValid;

  const noticeAt = (place: NoticePlace) => {
    const notice = notices[place];
    if (!notice) return null;
    return (
      <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"} data-place={place}>
        <MessageBarBody>{notice.text}</MessageBarBody>
        {notice.openSheet && (
          <MessageBarActions>
            <Button size="small" onClick={() => void openSheet(place, notice.openSheet ?? "")}>
              {t("openSheet", { sheet: notice.openSheet })}
            </Button>
          </MessageBarActions>
        )}
      </MessageBar>
    );
  };

  return (
    <>
      {/* A landmark of its own, so that no content of the pane sits outside one (axe's `region`). */}
      <nav aria-label={t("tabsLabel")}>
        <TabList
          className={styles.tabs}
          selectedValue={tab}
          onTabSelect={(_, data) => setTab(data.value === "settings" ? "settings" : "check")}
        >
          <Tab value="check">{t("tabCheck")}</Tab>
          <Tab value="settings">{t("tabSettings")}</Tab>
        </TabList>
      </nav>
      <main className={styles.main}>
        {noticeAt("load")}
        {tab === "settings" ? (
          <section className={styles.section} aria-labelledby="settings-heading">
            <Subtitle2 as="h2" id="settings-heading" className={styles.heading}>
              {t("settingsHeading")}
            </Subtitle2>
            <SettingsPanel settings={settings} sheets={sheets} busy={busy} onSave={saveSettings} />
            {noticeAt("settings")}
          </section>
        ) : (
          <>
            <section className={styles.section}>
              <Field label={t("sourceLabel")}>
                <RadioGroup
                  layout="horizontal"
                  className={styles.radios}
                  value={sourceKind}
                  onChange={(_, data) => setSourceKind(data.value as SourceKind)}
                >
                  <Radio value="active" label={{ children: t("sourceActive"), className: styles.keepWords }} />
                  <Radio value="selection" label={{ children: t("sourceSelection"), className: styles.keepWords }} />
                  <Radio value="sheet" label={{ children: t("sourceSheet"), className: styles.keepWords }} />
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
              <Field
                label={t("todayLabel")}
                hint={todayValid ? t("todayHint") : undefined}
                validationState={todayValid ? "none" : "error"}
                validationMessage={todayValid ? undefined : t("todayMissing")}
              >
                <Input type="date" value={today} onChange={(_, data) => setToday(data.value)} />
              </Field>
              <Button
                appearance="primary"
                size="large"
                className={styles.evaluateButton}
                disabled={busy || !todayValid || (sourceKind === "sheet" && !sheet)}
                aria-describedby="evaluate-writes"
                onClick={() => void evaluateWith(settings)}
              >
                {run.phase === "running" ? t("evaluating") : t("evaluate")}
              </Button>
              <Text size={200} id="evaluate-writes" className={styles.hint}>
                {t("evaluateWrites")}
              </Text>
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
              <FailurePanel
                error={run.error}
                settings={settings}
                busy={busy}
                onSave={saveMapping}
                ledgerElsewhere={ledgerElsewhere}
                onEvaluateSheet={evaluateSheet}
              />
            )}

            {done && (
              <>
                {stale && (
                  <MessageBar intent="warning" data-testid="stale-results">
                    <MessageBarBody>{t("resultsStale")}</MessageBarBody>
                    <MessageBarActions>
                      <Button size="small" disabled={busy} onClick={() => void evaluateWith(settings)}>
                        {t("evaluateAgain")}
                      </Button>
                    </MessageBarActions>
                  </MessageBar>
                )}
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
                  <Rates result={done.result} settings={run.phase === "done" ? run.inputs.settings : settings} />
                </section>
                <section className={styles.section} aria-labelledby="findings-heading">
                  <Subtitle2 as="h2" id="findings-heading" className={styles.heading}>
                    {t("findingsHeading")}
                  </Subtitle2>
                  <FindingsList
                    key={`${done.sheet}:${run.phase === "done" ? run.inputs.today : ""}`}
                    findings={done.result.findings}
                    items={done.result.items}
                    ledgerSheet={done.result.layout.sheet}
                    onSelect={(f) => void selectFinding(f)}
                  />
                  {noticeAt("findings")}
                </section>
                <section className={styles.section} aria-labelledby="actions-heading">
                  <Subtitle2 as="h2" id="actions-heading" className={styles.heading}>
                    {t("actionsHeading")}
                  </Subtitle2>
                  <div className={styles.row}>
                    <Button disabled={busy} onClick={() => void writeSummary(done)}>
                      {action === "summary" ? t("writingSummary") : t("writeSummary")}
                    </Button>
                  </div>
                  {noticeAt("summary")}
                </section>
                <section className={styles.section} aria-labelledby="meeting-text-heading">
                  <Subtitle2 as="h2" id="meeting-text-heading" className={styles.heading}>
                    {t("meetingTextHeading")}
                  </Subtitle2>
                  <MeetingText key={`${done.sheet}:${run.phase === "done" ? run.inputs.today : ""}`} result={done.result} />
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
                  {noticeAt("layout")}
                </section>
              </>
            )}
            <section className={styles.section}>
              <div className={styles.row}>
                <Button appearance="subtle" disabled={busy} onClick={() => setConfirmingClear(true)}>
                  {action === "clear" ? t("clearingMarks") : t("clearMarks")}
                </Button>
              </div>
              {noticeAt("clear")}
            </section>
            <Dialog modalType="alert" open={confirmingClear} onOpenChange={(_, data) => setConfirmingClear(data.open)}>
              <DialogSurface>
                <DialogBody>
                  <DialogTitle>{t("clearConfirmTitle")}</DialogTitle>
                  <DialogContent>{t("clearConfirmText")}</DialogContent>
                  <DialogActions>
                    <Button appearance="primary" onClick={() => void clearMarks()}>
                      {t("clearMarks")}
                    </Button>
                    <Button onClick={() => setConfirmingClear(false)}>{t("cancel")}</Button>
                  </DialogActions>
                </DialogBody>
              </DialogSurface>
            </Dialog>
          </>
        )}
      </main>
    </>
  );
}

/** Damaged stored settings, named by the fields the user knows (the schema's own words stay out of sight). */
function storedProblemsText(problems: readonly string[], t: ReturnType<typeof useStrings>["t"]): string {
  const { fields, other } = fieldsOfStoredProblems(problems);
  const names = fields.map((field) => `“${t(formFieldLabel(field))}”`);
  if (other > 0) names.push(t("otherSettings"));
  return t("settingsLoadProblems", { fields: names.join(t("listSeparator")) });
}

/** What 清除标记 says it removed, by name; "nothing to clear" when the workbook had no marks. */
function clearedNotice(removed: ClearOutcome, t: ReturnType<typeof useStrings>["t"]): Notice {
  if (removed.ledgerSheets.length === 0 && removed.summarySheet === null)
    return { intent: "info", text: t("nothingToClear") };
  const parts = removed.ledgerSheets.map((sheet) => t("clearedLedger", { sheet }));
  if (removed.summarySheet !== null) parts.push(t("clearedSummary", { sheet: removed.summarySheet }));
  return { intent: "success", text: t("marksCleared", { what: parts.join(t("listSeparator")) }) };
}

/** The error in the user's language; for "no ledger", the header-row picker over the host's preview. */
function FailurePanel({
  error,
  settings,
  busy,
  onSave,
  ledgerElsewhere,
  onEvaluateSheet,
}: {
  readonly error: HostError;
  readonly settings: Settings;
  readonly busy: boolean;
  readonly onSave: (mapping: ColumnMapping) => Promise<void>;
  /** Another sheet that holds a ledger: offered first, the header-row picker behind a button. */
  readonly ledgerElsewhere: string | null;
  readonly onEvaluateSheet: (sheet: string) => void;
}) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const [mapByHand, setMapByHand] = useState(false);
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
      {ledgerElsewhere !== null && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t("ledgerElsewhere", { sheet: ledgerElsewhere })}</MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" size="small" disabled={busy} onClick={() => onEvaluateSheet(ledgerElsewhere)}>
              {t("checkThatSheet")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {rows.length > 0 && ledgerElsewhere !== null && !mapByHand && (
        <div className={styles.row}>
          <Button appearance="subtle" onClick={() => setMapByHand(true)}>
            {t("mapByHand", { sheet: preview?.sheet ?? "" })}
          </Button>
        </div>
      )}
      {rows.length > 0 && (ledgerElsewhere === null || mapByHand) && (
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
        <Text size={200} className={mergeClasses(styles.tagline, styles.keepWords)}>
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
