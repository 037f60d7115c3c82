/** Mounts the pane over an Excel environment (real Office.js, or the double in the preview). */
import { createRoot } from "react-dom/client";
import { createExcelHost } from "../excel/excel-host";
import type { ExcelEnv } from "../excel/office-api";
import { App } from "./App";
import type { Lang } from "./i18n";
import type { ThemeName } from "./theme";

export interface MountOptions {
  readonly lang: Lang;
  readonly theme: ThemeName;
  readonly now?: () => Date;
}

export function mountPane(env: ExcelEnv, options: MountOptions): void {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container");
  createRoot(container).render(
    <App host={createExcelHost(env)} lang={options.lang} theme={options.theme} now={options.now} />,
  );
}
