/** Mounts the pane over an Excel environment (real Office.js, or the double in the preview). */
import { useEffect, useState, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { createExcelHost } from "../excel/excel-host";
import type { ExcelEnv } from "../excel/office-api";
import { App } from "./App";
import type { Lang } from "./i18n";
import { signalPaneStarted } from "./start-signal";
import type { ThemeName } from "./theme";
import type { LedgerHost } from "../core/host";
import type { CombineFileRunner, EngineRunner } from "../engine-worker/runner";

export interface MountOptions {
  readonly lang: Lang;
  readonly theme: ThemeName;
  readonly now?: () => Date;
  /** Subscribes to theme changes (Office's theme in Excel); returns the unsubscribe. */
  readonly followTheme?: (onChange: (theme: ThemeName) => void) => () => void;
  /** Runs the engine for 评估 (the page's Web Worker: engine.ts); in the pane's thread when absent. */
  readonly runEngine?: EngineRunner;
  /** 合并多个单位台账's files, read and evaluated (the page's Web Worker: engine.ts); in the pane's thread when absent. */
  readonly combineFile?: CombineFileRunner;
}

/** The pane in the theme of the moment: the one it started with, then each change reported. */
function ThemedApp({ host, options }: { readonly host: LedgerHost; readonly options: MountOptions }) {
  const [theme, setTheme] = useState(options.theme);
  const { followTheme } = options;
  useEffect(() => followTheme?.(setTheme), [followTheme]);
  return (
    <App host={host} lang={options.lang} theme={theme} now={options.now} combineFile={options.combineFile} />
  );
}

/** Signals the page guard once its children have rendered (the first commit, not the render call). */
function SignalStarted({ children }: { readonly children: ReactNode }): ReactNode {
  useEffect(() => signalPaneStarted(), []);
  return children;
}

/** Mounts the pane in `#container`; returns what unmounts it (the preview mounts it again over another workbook). */
export function mountPane(env: ExcelEnv, options: MountOptions): () => void {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container");
  const root = createRoot(container);
  root.render(
    <SignalStarted>
      <ThemedApp host={createExcelHost(env, { runEngine: options.runEngine })} options={options} />
    </SignalStarted>,
  );
  return () => root.unmount();
}
