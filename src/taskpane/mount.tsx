/** Mounts the pane over an Excel environment (real Office.js, or the double in the preview). */
import { useEffect, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { createExcelHost } from "../excel/excel-host";
import type { ExcelEnv } from "../excel/office-api";
import { App } from "./App";
import type { Lang } from "./i18n";
import { signalPaneStarted } from "./start-signal";
import type { ThemeName } from "./theme";

export interface MountOptions {
  readonly lang: Lang;
  readonly theme: ThemeName;
  readonly now?: () => Date;
}

/** Signals the page guard once its children have rendered (the first commit, not the render call). */
function SignalStarted({ children }: { readonly children: ReactNode }): ReactNode {
  useEffect(() => signalPaneStarted(), []);
  return children;
}

export function mountPane(env: ExcelEnv, options: MountOptions): void {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container");
  createRoot(container).render(
    <SignalStarted>
      <App host={createExcelHost(env)} lang={options.lang} theme={options.theme} now={options.now} />
    </SignalStarted>,
  );
}
