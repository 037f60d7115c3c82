/**
 * The browser preview (`npm run preview`, and the browser test's bundle): the same pane, over the
 * in-memory Excel double holding a sample workbook instead of Office.js. The double is installed as
 * the `Excel`/`Office` globals, as Office.js would be, and exposed as `window.excelDouble` so a test
 * can watch what the pane does to the workbook (the selection, the marks).
 *
 * Query parameters: `?lang=en` for English; `?today=YYYY-MM-DD` for another evaluation date (default
 * 2025-03-31, the date the sample workbook is written around); `?theme=dark` or `?theme=contrast` for
 * the pane as it looks under Office's dark themes or a Windows contrast theme.
 */
import { parseIsoDate, toDate } from "../core/dates";
import { createExcelDouble, type ExcelDouble } from "../excel-double";
import { pickLanguage } from "../taskpane/i18n";
import { mountPane } from "../taskpane/mount";
import { PREVIEW_TODAY, previewWorkbook } from "./workbook";
import { themeFromQuery } from "../taskpane/theme";

declare global {
  interface Window {
    excelDouble?: ExcelDouble;
  }
}

const params = new URLSearchParams(window.location.search);
const double = createExcelDouble(previewWorkbook(), { excelApi: params.get("excelApi") ?? "1.17" });
window.excelDouble = double;
Object.assign(window, { Excel: double.Excel, Office: double.Office });

const today = parseIsoDate(params.get("today") ?? "") ?? PREVIEW_TODAY;
mountPane(
  { Excel: double.Excel, Office: double.Office },
  {
    lang: pickLanguage(params.get("lang") ?? "zh-CN"),
    theme: themeFromQuery(params.get("theme")),
    now: () => toDate(today),
  },
);
