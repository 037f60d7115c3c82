/**
 * The task pane. It talks only to a `LedgerHost` (src/core/host.ts): Office.js in Excel, the
 * workbook double in the preview and the browser test, a small fake in unit tests.
 *
 * One obvious action (评估); after it, what a staff member needs for the weekly report: counts by
 * light, key rates, the findings grouped by rule with a link to each cell, the detected header and
 * columns (editable), the meeting text to copy, and the two writes (生成汇总表, 清除标记). Errors come back from the host as
 * `{zh, en}` messages and are shown in the user's language.
 *
 * This file holds the pane's state and the calls to the host; the screens are in `components/`.
 */
import { startTransition, useCallback, useEffect, useState } from "react";
import { FluentProvider, Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import { localToday, parseIsoDate } from "../core/dates";
import { DEFAULT_SETTINGS, type ColumnMapping, type Settings } from "../core/settings";
import { columnLetter } from "../core/grid";
import type { EvaluationResult, Finding } from "../core/types";
import type { ClearOutcome, EvaluateOutcome, HostError, LedgerHost, LedgerSource } from "../core/host";
import { ClearMarks } from "./components/ClearMarks";
import { CombineUnits } from "./components/CombineUnits";
import { canInflateRaw } from "../xlsx/inflate-web";
import type { CombineFileRunner } from "../engine-worker/runner";
import { EvaluateForm, type EvaluateProgress, type SourceKind } from "./components/EvaluateForm";
import { FailurePanel } from "./components/FailurePanel";
import { Header } from "./components/Header";
import { NoticeBar, type Notice } from "./components/NoticeBar";
import { ResultsView, type RunInputs } from "./components/ResultsView";
import { formFieldLabel } from "./components/SettingsPanel";
import { SettingsTab } from "./components/SettingsTab";
import { pick, type Lang } from "./i18n";
import { LangContext, useStrings } from "./i18n-context";
import { fieldsOfStoredProblems } from "./settings-form";
import { THEMES, type ThemeName } from "./theme";
import { unexpectedError, useHostAction } from "./use-host-action";

export interface AppProps {
  readonly host: LedgerHost;
  readonly lang: Lang;
  readonly theme?: ThemeName;
  /** The clock, for the default evaluation date (today, local). */
  readonly now?: () => Date;
  /**
   * 合并多个单位台账: reads and evaluates one picked file (mount.tsx gives the engine's Web Worker, which
   * falls back to the pane's thread); without it the pane offers no 合并 (unit tests of other screens).
   */
  readonly combineFile?: CombineFileRunner;
  /** Whether this browser can read .xlsx files (`canInflateRaw`); default: asked of the page. */
  readonly canReadFiles?: boolean;
}

type RunState =
  | { readonly phase: "idle" }
  | ({ readonly phase: "running" } & EvaluateProgress)
  | { readonly phase: "done"; readonly outcome: EvaluateOutcome; readonly inputs: RunInputs }
  | { readonly phase: "failed"; readonly error: HostError };

/** Where a message is shown: beside what the user just did, never in a place they have left. */
type NoticePlace = "load" | "findings" | "summary" | "supervision" | "combine" | "clear" | "settings" | "layout";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
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
  announcement: { color: tokens.colorNeutralForeground2 },
});

function CheckAndSettings({
  host,
  now,
  combineFile,
  canReadFiles,
}: {
  readonly host: LedgerHost;
  readonly now: () => Date;
  readonly combineFile: CombineFileRunner | undefined;
  readonly canReadFiles: boolean | undefined;
}) {
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
  const { pending: action, perform } = useHostAction<"summary" | "supervision" | "clear" | "save">();
  /** After "no ledger here": another sheet that holds one, offered in one click. */
  const [ledgerElsewhere, setLedgerElsewhere] = useState<string | null>(null);
  /** Asked of the page once (it makes a decompression stream to see). */
  const [canRead] = useState(() => canReadFiles ?? canInflateRaw());
  /** 合并多个单位台账 under way (its files read one by one, then its sheets written). */
  const [combining, setCombining] = useState(false);

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

  const busy = run.phase === "running" || action !== null || combining;
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
          // Transitions too: a progress render yields to the page every few milliseconds.
          onProgress: (fraction, stage, rows) =>
            startTransition(() =>
              setRun((prev) => (prev.phase === "running" ? { phase: "running", fraction, stage, rows } : prev)),
            ),
        });
        // A transition: React renders the results (thousands of findings behind them) in slices of a
        // few milliseconds instead of one long task, so the pane stays responsive while they appear.
        startTransition(() =>
          setRun(
            outcome.ok
              ? { phase: "done", outcome: outcome.value, inputs: { today, settings: withSettings } }
              : { phase: "failed", error: outcome.error },
          ),
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
    tell("settings", null);
    return perform(
      "save",
      () => host.saveSettings(next),
      (saved) => {
        if (!saved.ok) {
          tell("settings", { intent: "error", text: pick(saved.error.message, lang) });
          return false;
        }
        setSettings(next);
        return true;
      },
    );
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

  /** An entry of 与上期对比: selects the item's 问题描述 cell (else its first column's) on the ledger sheet. */
  const selectRow = async (result: EvaluationResult, row: number) => {
    const { columns, sheet: ledgerSheet } = result.layout;
    const col = columns.description ?? columns.seq ?? Math.min(...Object.values(columns));
    await selectCell(ledgerSheet, `${columnLetter(col)}${row}`);
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
    tell("summary", null);
    await perform(
      "summary",
      () => host.writeSummary(outcome, settings),
      (written) => {
        if (!written.ok) tell("summary", { intent: "error", text: pick(written.error.message, lang) });
        else
          tell("summary", {
            intent: written.value.renamedFrom ? "warning" : "success",
            text: written.value.renamedFrom
              ? t("summaryRenamed", { wanted: written.value.renamedFrom, sheet: written.value.sheetName })
              : t("summaryWritten", { sheet: written.value.sheetName }),
            openSheet: written.value.sheetName,
          });
      },
    );
  };

  /** 生成督办单: the sheet named beside the button, with how many units it holds a notice for. */
  const writeSupervision = async (outcome: EvaluateOutcome) => {
    tell("supervision", null);
    await perform(
      "supervision",
      () => host.writeSupervision(outcome, settings),
      (written) => {
        if (!written.ok) {
          tell("supervision", { intent: "error", text: pick(written.error.message, lang) });
          return;
        }
        const { sheetName: sheet, renamedFrom, units } = written.value;
        const text = renamedFrom
          ? t("supervisionRenamed", { wanted: renamedFrom, sheet, n: units.length })
          : units.length === 0
            ? t("supervisionNone", { sheet })
            : t("supervisionWritten", { sheet, n: units.length });
        tell("supervision", { intent: renamedFrom ? "warning" : "success", text, openSheet: sheet });
      },
    );
  };

  /** A finding's cell, or a 临期 item's row; a failure is said beside the findings. */
  const selectCell = async (sheetName: string, address: string) => {
    const selected = await host.selectCell(sheetName, address);
    tell(
      "findings",
      selected.ok
        ? null
        : { intent: "error", text: `${t("selectFailed")}${t("listSeparator")}${pick(selected.error.message, lang)}` },
    );
  };

  const selectFinding = async (finding: Finding) => {
    if (finding.cell) await selectCell(finding.sheet, finding.cell);
  };

  const clearMarks = async (history: boolean) => {
    setNotices((current) => (current.load ? { load: current.load } : {}));
    await perform(
      "clear",
      () => host.clearMarks({ history }),
      (cleared) => {
        if (cleared.ok) {
          setRun({ phase: "idle" });
          tell("clear", clearedNotice(cleared.value, t));
        } else tell("clear", { intent: "error", text: pick(cleared.error.message, lang) });
      },
    );
  };

  const done = run.phase === "done" ? run : null;
  const stale = done !== null && (done.inputs.today !== today || done.inputs.settings !== settings) && todayValid;

  const noticeAt = (place: NoticePlace) => (
    <NoticeBar notice={notices[place]} place={place} onOpenSheet={(name) => void openSheet(place, name)} />
  );

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
          <SettingsTab
            settings={settings}
            sheets={sheets}
            busy={busy}
            onSave={saveSettings}
            notice={noticeAt("settings")}
          />
        ) : (
          <>
            <EvaluateForm
              sheets={sheets}
              sourceKind={sourceKind}
              onSourceKindChange={setSourceKind}
              sheet={sheet}
              onSheetChange={setSheet}
              today={today}
              todayValid={todayValid}
              onTodayChange={setToday}
              busy={busy}
              progress={run.phase === "running" ? run : null}
              onEvaluate={() => void evaluateWith(settings)}
            />

            <div role="status" aria-live="polite" className={styles.announcement}>
              {done &&
                t("resultsAnnouncement", {
                  sheet: done.outcome.sheet,
                  items: done.outcome.result.summary.items,
                  findings: done.outcome.result.findings.length,
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
              <ResultsView
                outcome={done.outcome}
                inputs={done.inputs}
                stale={stale}
                mapping={settings.mapping}
                busy={busy}
                writingSummary={action === "summary"}
                writingSupervision={action === "supervision"}
                onEvaluateAgain={() => void evaluateWith(settings)}
                onSelectFinding={(finding) => void selectFinding(finding)}
                onSelectRow={(row) => void selectRow(done.outcome.result, row)}
                onWriteSummary={() => void writeSummary(done.outcome)}
                onWriteSupervision={() => void writeSupervision(done.outcome)}
                onSelectCell={(sheetName, address) => void selectCell(sheetName, address)}
                onSaveMapping={(mapping) => void saveMapping(mapping)}
                notices={{
                  findings: noticeAt("findings"),
                  summary: noticeAt("summary"),
                  supervision: noticeAt("supervision"),
                  layout: noticeAt("layout"),
                }}
              />
            )}
            {combineFile && (
              <CombineUnits
                host={host}
                combineFile={combineFile}
                canRead={canRead}
                today={todayValid ? today : null}
                busy={busy && !combining}
                onRunningChange={setCombining}
                tell={(notice) => tell("combine", notice)}
                notice={noticeAt("combine")}
              />
            )}
            <ClearMarks
              busy={busy}
              clearing={action === "clear"}
              onClear={(history) => void clearMarks(history)}
              notice={noticeAt("clear")}
            />
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
  const kept = removed.history && !removed.history.removed ? t("historyKept", { sheet: removed.history.sheet }) : "";
  const historyRemoved = removed.history?.removed ? removed.history.sheet : null;
  if (
    removed.ledgerSheets.length === 0 &&
    removed.combinedSheets.length === 0 &&
    removed.summarySheet === null &&
    removed.supervisionSheet === null &&
    historyRemoved === null
  )
    return { intent: "info", text: `${t("nothingToClear")}${kept}` };
  const parts = removed.ledgerSheets.map((sheet) => t("clearedLedger", { sheet }));
  if (removed.summarySheet !== null) parts.push(t("clearedSummary", { sheet: removed.summarySheet }));
  if (removed.supervisionSheet !== null) parts.push(t("clearedSupervision", { sheet: removed.supervisionSheet }));
  for (const sheet of removed.combinedSheets) parts.push(t("clearedCombined", { sheet }));
  if (historyRemoved !== null) parts.push(t("clearedHistory", { sheet: historyRemoved }));
  return { intent: "success", text: `${t("marksCleared", { what: parts.join(t("listSeparator")) })}${kept}` };
}

export function App({
  host,
  lang,
  theme = "light",
  now = () => new Date(),
  combineFile,
  canReadFiles,
}: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={THEMES[theme]} className={styles.root} lang={lang === "zh" ? "zh-CN" : "en-US"}>
      <LangContext.Provider value={lang}>
        <Header />
        <CheckAndSettings host={host} now={now} combineFile={combineFile} canReadFiles={canReadFiles} />
      </LangContext.Provider>
    </FluentProvider>
  );
}
