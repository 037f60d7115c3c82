/**
 * The browser preview (`npm run preview`, and the browser test's bundle): the same pane, over the
 * in-memory Excel double holding a sample workbook instead of Office.js. The double is installed as
 * the `Excel`/`Office` globals, as Office.js would be, and exposed as `window.excelDouble` so a test
 * can watch what the pane does to the workbook (the selection, the marks).
 *
 * Query parameters: `?lang=en` for English; `?today=YYYY-MM-DD` for another evaluation date (default
 * 2025-03-31, the date the sample workbook is written around); `?theme=dark` or `?theme=contrast` for
 * the pane as it looks under Office's dark themes or a Windows contrast theme; `?items=3000` for a
 * ledger of that many items (the sample's rows repeated), to feel the pane on a large ledger;
 * `?engine=thread` runs the engine in the page's thread instead of its Web Worker.
 */
import { parseIsoDate, toDate } from "../core/dates";
import { createExcelDouble, type ExcelDouble } from "../excel-double";
import type { WorkerEngineRunner } from "../engine-worker/runner";
import { pageEngineRunner } from "../taskpane/engine";
import { pickLanguage } from "../taskpane/i18n";
import { mountPane } from "../taskpane/mount";
import { PREVIEW_TODAY, previewWorkbook } from "./workbook";
import { themeFromQuery } from "../taskpane/theme";

declare global {
  interface Window {
    excelDouble?: ExcelDouble;
    /** Where 评估 runs the engine (the Web Worker, or the page's thread if the worker failed), for the browser test. */
    engineRunner?: WorkerEngineRunner;
  }
}

/** `?items=N`: a whole number from 1 to 100,000, else the sample as it is. */
function itemCountFromQuery(value: string | null): number | null {
  const count = Number(value);
  return value && Number.isInteger(count) && count >= 1 && count <= 100_000 ? count : null;
}

const params = new URLSearchParams(window.location.search);
const double = createExcelDouble(previewWorkbook(itemCountFromQuery(params.get("items"))), {
  excelApi: params.get("excelApi") ?? "1.17",
});
window.excelDouble = double;
Object.assign(window, { Excel: double.Excel, Office: double.Office });

// `?engine=thread`: the engine in the page's thread, as without a worker (to compare the two).
const engine = params.get("engine") === "thread" ? pageEngineRunner(document, null) : pageEngineRunner(document);
window.engineRunner = engine;

const today = parseIsoDate(params.get("today") ?? "") ?? PREVIEW_TODAY;
mountPane(
  { Excel: double.Excel, Office: double.Office },
  {
    lang: pickLanguage(params.get("lang") ?? "zh-CN"),
    theme: themeFromQuery(params.get("theme")),
    now: () => toDate(today),
    runEngine: engine.run,
  },
);
