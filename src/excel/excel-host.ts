/**
 * `createExcelHost(env)`: the `LedgerHost` (src/core/host.ts) over an `Excel`/`Office` pair — real
 * Office.js in the add-in, the in-memory double (src/excel-double) in tests and the browser preview.
 * Every method runs in one `Excel.run`, returns a `HostOutcome` and never throws: Office.js errors
 * become `HostError`s with a message in both languages.
 */
import { clearMarksInExcel } from "./clear-in-excel";
import { writeCombinedSheetsInExcel } from "./combined-in-excel";
import { evaluateInExcel } from "./evaluate-in-excel";
import { detectFeatures, type HostFeatures } from "./features";
import { findLedgerSheetInExcel } from "./find-ledger-sheet";
import { HOST_MESSAGES, hostErrorFrom } from "./host-errors";
import type { HostOutcome, LedgerHost } from "../core/host";
import { SETTINGS_KEY } from "./fill-record";
import type { ExcelEnv, XlContext } from "./office-api";
import { writeSummaryInExcel } from "./summary-in-excel";
import { DEFAULT_BAND_LIMITS, type BandLimits } from "./value-bands";
import { writeSupervisionInExcel } from "./supervision-in-excel";
import { DEFAULT_SETTINGS, parseSettings, type Settings } from "../core/settings";
import { runEngineInThread, type EngineRunner } from "../engine-worker/runner";

export { MAX_SYNCS_PER_EVALUATION, MAX_SYNCS_PER_EVALUATION_WITHOUT_CONDITIONAL_FORMATS } from "./evaluate-in-excel";
export { MAX_SYNCS_PER_SUMMARY } from "./summary-in-excel";
export { MAX_SYNCS_PER_CLEAR } from "./clear-in-excel";

/** The globals of the page, when it runs inside Office. */
function globalEnv(): ExcelEnv {
  const scope = globalThis as unknown as Partial<ExcelEnv>;
  if (!scope.Excel || !scope.Office) throw new Error("Office.js is not loaded");
  return { Excel: scope.Excel, Office: scope.Office };
}

export interface ExcelHostOptions {
  /**
   * Runs the engine on what 评估 read: in this thread unless the task pane supplies its Web Worker
   * (src/engine-worker/runner.ts), so a large ledger never blocks the pane.
   */
  readonly runEngine?: EngineRunner;
  /**
   * How heavy a sheet of ours may be before 生成汇总表 writes its cells in bands ahead of its batch
   * (src/excel/value-bands.ts); tests lower it to take that path on a small ledger.
   */
  readonly bandLimits?: BandLimits;
}

export function createExcelHost(env: ExcelEnv = globalEnv(), options: ExcelHostOptions = {}): LedgerHost {
  const runEngine = options.runEngine ?? runEngineInThread;
  async function run<T>(
    sheet: string | null,
    batch: (context: XlContext, features: HostFeatures) => Promise<T>,
  ): Promise<HostOutcome<T>> {
    const features = detectFeatures(env.Office);
    if (!features.core)
      return { ok: false, error: { code: "api-missing", message: HOST_MESSAGES.apiMissing("ExcelApi 1.4") } };
    try {
      const value = await env.Excel.run((context) => batch(context, features));
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: hostErrorFrom(error, sheet) };
    }
  }

  return {
    listSheets: () =>
      run(null, async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load("items/name");
        await context.sync();
        return sheets.items.map((s) => s.name);
      }),

    evaluate: (request) =>
      run(request.source.kind === "sheet" ? request.source.name : null, (context, features) =>
        evaluateInExcel(context, request, features, runEngine),
      ),

    writeSummary: (evaluation, settings) =>
      run(null, (context, features) =>
        writeSummaryInExcel(context, evaluation, settings, features, options.bandLimits ?? DEFAULT_BAND_LIMITS),
      ),

    writeSupervision: (evaluation, settings) =>
      run(null, (context, features) => writeSupervisionInExcel(context, evaluation, settings, features)),

    writeCombinedSheets: (request) =>
      run(null, (context, features) => writeCombinedSheetsInExcel(context, request, features)),

    clearMarks: (options = {}) =>
      run(null, (context, features) => clearMarksInExcel(context, features, options.history ?? false)),

    findLedgerSheet: (except) => run(null, (context) => findLedgerSheetInExcel(context, except)),

    selectCell: (sheet, address) =>
      run(sheet, async (context) => {
        const target = context.workbook.worksheets.getItem(sheet);
        target.activate();
        target.getRange(address).select();
        await context.sync();
      }),

    loadSettings: () =>
      run(null, async (context) => {
        const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
        item.load("value");
        await context.sync();
        return settingsFrom(item.isNullObject ? null : item.value);
      }),

    saveSettings: (settings: Settings) =>
      run(null, async (context) => {
        context.workbook.settings.add(SETTINGS_KEY, JSON.parse(JSON.stringify(settings)));
        await context.sync();
      }),
  };
}

/** Stored settings, validated; defaults (with the problems listed) when they are damaged. */
export function settingsFrom(stored: unknown): { settings: Settings; problems: string[] } {
  let data = stored;
  if (typeof stored === "string") {
    try {
      data = JSON.parse(stored);
    } catch {
      return { settings: DEFAULT_SETTINGS, problems: ["(root): not JSON"] };
    }
  }
  const parsed = parseSettings(data);
  return parsed.ok
    ? { settings: parsed.settings, problems: [] }
    : { settings: DEFAULT_SETTINGS, problems: parsed.problems };
}
