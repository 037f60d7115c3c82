/**
 * `npm run host -- evaluate FILE.xlsx …`: the command line's arguments, reports and exit codes, but
 * the ledger is evaluated by the add-in's own path — the file loaded into the Excel double
 * (src/excel-double/xlsx/load.ts), `createExcelHost()` over it, and the `evaluate` the task pane
 * calls; with `--out`, then 生成汇总表 (`writeSummary`), 生成督办单 (`writeSupervision`) and the double's
 * workbook written to the file.
 *
 * What it is for: running the add-in on real files without Excel, and holding it to the command
 * line — both print the same SPEC §9 JSON for the same ledger (test/host/agreement.test.ts), so any
 * difference is the adapter's.
 *
 * As in the pane, the settings are the workbook's (`loadSettings`: the defaults for a file, which
 * holds no Office document settings) and each sheet is evaluated by name (`{ kind: "sheet" }`),
 * chosen as the command line chooses it (`evaluateChosenSheet`).
 */
import { createExcelDoubleOf, type ExcelDouble, type ExcelDoubleOptions } from "../excel-double";
import { loadWorkbookModel } from "../excel-double/xlsx/load";
import { createExcelHost } from "../excel/excel-host";
import type { EvaluateOutcome, HostError, LedgerHost } from "../core/host";
import { DEFAULT_SETTINGS } from "../core/settings-defaults";
import type { Settings } from "../core/settings";
import { readProblemMessage, WorkbookReadError } from "../xlsx/read";
import { evaluateChosenSheet, UsageFailure, type EvaluationBackend } from "./run";

/** A host failure: the user's to act on (exit 2), or an internal one (exit 1) when the adapter does not know it. */
function failureOf(error: HostError): Error {
  if (error.code === "unknown") return new Error(error.message.en);
  return new UsageFailure(error.message);
}

export interface HostBackend extends EvaluationBackend {
  /** The double the last `evaluate` loaded (for tests), or null before. */
  readonly double: () => ExcelDouble | null;
}

export function hostBackend(options: ExcelDoubleOptions = {}): HostBackend {
  let loaded: { double: ExcelDouble; host: LedgerHost; settings: Settings; outcome: EvaluateOutcome | null } | null =
    null;
  return {
    double: () => loaded?.double ?? null,
    async evaluate(inputPath, command, today, sincePath) {
      if (sincePath !== null) {
        throw new UsageFailure({
          zh: "npm run host 像加载项一样只与本工作簿自己的评估记录对比；与另一个文件对比（--since）请用命令行 evaluate",
          en: "npm run host compares, as the add-in does, only with the workbook's own 评估记录: use the command line's evaluate for --since",
        });
      }
      let model;
      try {
        model = await loadWorkbookModel(inputPath);
      } catch (error) {
        // Name the file as the user typed it, as the command line does.
        if (error instanceof WorkbookReadError)
          throw new UsageFailure(readProblemMessage(error.problem, command.file, error.detail));
        throw error;
      }
      const double = createExcelDoubleOf(model, options);
      const host = createExcelHost({ Excel: double.Excel, Office: double.Office });
      const stored = await host.loadSettings();
      const settings = stored.ok ? stored.value.settings : DEFAULT_SETTINGS;
      const state: NonNullable<typeof loaded> = { double, host, settings, outcome: null };
      loaded = state;
      const sheets = model.sheets.map((s) => ({ name: s.name, hidden: s.visibility !== "Visible" }));
      return evaluateChosenSheet(sheets, command, async (name) => {
        const evaluated = await host.evaluate({ source: { kind: "sheet", name }, today, settings });
        if (evaluated.ok) {
          state.outcome = evaluated.value;
          return { ok: true, result: evaluated.value.result };
        }
        const { code, message } = evaluated.error;
        if (code === "no-ledger") return { ok: false, message };
        // Without --sheet, a protected sheet before the ledger (a cover or instructions sheet) must
        // not stop the search the command line would go on with.
        if (code === "protected" && command.sheet === null) return { ok: false, message, blocked: true };
        throw failureOf(evaluated.error);
      });
    },
    async writeCopy(_inputPath, outputPath) {
      if (!loaded?.outcome) throw new Error("host: writeCopy before a successful evaluate");
      const written = await loaded.host.writeSummary(loaded.outcome, loaded.settings);
      if (!written.ok) throw failureOf(written.error);
      const supervision = await loaded.host.writeSupervision(loaded.outcome, loaded.settings);
      if (!supervision.ok) throw failureOf(supervision.error);
      // exceljs (under the writer) is loaded only when a copy is asked for.
      const { writeWorkbookModel } = await import("../excel-double/xlsx/write");
      await writeWorkbookModel(loaded.double.model, outputPath);
      return {
        summarySheet: written.value.sheetName,
        renamedFrom: written.value.renamedFrom,
        supervision: { sheetName: supervision.value.sheetName, renamedFrom: supervision.value.renamedFrom },
      };
    },
  };
}
