/**
 * The browser preview (`npm run preview`, and the browser test's bundle): the same pane, over the
 * in-memory Excel double holding a sample workbook instead of Office.js. The double is installed as
 * the `Excel`/`Office` globals, as Office.js would be, and exposed as `window.excelDouble` so a test
 * can watch what the pane does to the workbook (the selection, the marks).
 *
 * A bar above the pane (./file-bar.tsx) opens a `.xlsx` of the user's own in place of the
 * sample — read in this browser by the command line's reader, never uploaded — and saves the
 * workbook as the pane left it as `.xlsx` (./file.ts). Opening one mounts the pane afresh
 * over a new double, as Excel opens a new pane with a new workbook.
 *
 * Query parameters: `?lang=en` for English; `?today=YYYY-MM-DD` for another evaluation date (default
 * 2025-03-31, the date the sample workbook is written around); `?theme=dark` or `?theme=contrast` for
 * the pane as it looks under Office's dark themes or a Windows contrast theme; `?items=3000` for a
 * ledger of that many items (the sample's rows repeated), to feel the pane on a large ledger;
 * `?engine=thread` runs the engine in the page's thread instead of its Web Worker.
 */
import { createRoot } from "react-dom/client";
import { parseIsoDate, toDate } from "../core/dates";
import { createExcelDouble, type ExcelDouble } from "../excel-double";
import type { WorkerEngineRunner } from "../engine-worker/runner";
import { pageEngineRunner } from "../taskpane/engine";
import { pickLanguage } from "../taskpane/i18n";
import { mountPane, type MountOptions } from "../taskpane/mount";
import { themeFromQuery } from "../taskpane/theme";
import { envOf, openPickedFile, resultBytes, resultFileName, savedMessage, type PickedFile } from "./file";
import { PreviewFileBar, type FileBarStatus } from "./file-bar";
import { PREVIEW_TODAY, previewWorkbook } from "./workbook";

declare global {
  interface Window {
    excelDouble?: ExcelDouble;
    /** Where 评估 runs the engine (the Web Worker, or the page's thread if the worker failed), for the browser test. */
    engineRunner?: WorkerEngineRunner;
  }
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** `?items=N`: a whole number from 1 to 100,000, else the sample as it is. */
function itemCountFromQuery(value: string | null): number | null {
  const count = Number(value);
  return value && Number.isInteger(count) && count >= 1 && count <= 100_000 ? count : null;
}

const params = new URLSearchParams(window.location.search);
const excelApi = params.get("excelApi") ?? "1.17";
const today = parseIsoDate(params.get("today") ?? "") ?? PREVIEW_TODAY;
// One engine worker for the page, whatever workbook is open; `?engine=thread`: the engine in the
// page's thread, as without a worker (to compare the two).
const engine = params.get("engine") === "thread" ? pageEngineRunner(document, null) : pageEngineRunner(document);
window.engineRunner = engine;
const options: MountOptions = {
  lang: pickLanguage(params.get("lang") ?? "zh-CN"),
  theme: themeFromQuery(params.get("theme")),
  now: () => toDate(today),
  runEngine: engine.run,
  combineFile: engine.combineFile,
};

/** Installs `double` as Office.js would be and mounts the pane over it; returns the unmount. */
function showWorkbook(double: ExcelDouble): () => void {
  window.excelDouble = double;
  Object.assign(window, { Excel: double.Excel, Office: double.Office });
  return mountPane(envOf(double), options);
}

let double = createExcelDouble(previewWorkbook(itemCountFromQuery(params.get("items"))), { excelApi });
let openedName: string | null = null;
let unmountPane = showWorkbook(double);

async function open(file: PickedFile): Promise<FileBarStatus> {
  const outcome = await openPickedFile(file, { excelApi });
  if (!outcome.ok) return { kind: "error", message: outcome.message };
  unmountPane();
  double = outcome.double;
  openedName = file.name;
  unmountPane = showWorkbook(double);
  return { kind: "info", message: outcome.message };
}

async function save(): Promise<FileBarStatus> {
  const name = resultFileName(openedName);
  const bytes = await resultBytes(double);
  // A blob: link in this page: the download never goes through a server.
  // (Never shared memory: the writer builds the file in an ArrayBuffer of its own.)
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { kind: "info", message: savedMessage(name) };
}

const barHost = document.createElement("div");
barHost.id = "preview-file-bar";
document.body.insertBefore(barHost, document.getElementById("container"));
createRoot(barHost).render(<PreviewFileBar theme={options.theme} onOpen={open} onSave={save} />);
