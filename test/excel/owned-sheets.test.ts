/**
 * 评估 on a sheet the add-in wrote (整改情况汇总, 督办单, 评估记录, 各单位汇总, 红黄灯清单 — each marked by a
 * defined name on its A1): refused in the probe sync as "no ledger" naming that sheet, every cell of
 * every sheet as it was — whether the sheet is the active one, holds the selection, or is named — and
 * the search for a ledger then offers the user's ledger.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { diffSnapshots } from "../../src/excel-double";
import type { CombineRequest, EvaluateOutcome, EvaluateRequest, LedgerHost, LedgerSource } from "../../src/core/host";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { SHEET_NAMES } from "../../src/core/combine/labels";
import { HISTORY_SHEET_NAME } from "../../src/core/history";
import { SUMMARY_SHEET_NAME } from "../../src/core/plan/marks-plan";
import { SUPERVISION_SHEET_NAME } from "../../src/core/plan/supervision-sheet";
import { evaluatePickedFile } from "../../src/engine-worker/combine-file";
import { harness, LEDGER_SHEET, ledgerSheet, TODAY, type Harness } from "../support/excel-harness";

const ROOT = join(__dirname, "../..");
const request = (source: LedgerSource): EvaluateRequest => ({ source, today: TODAY, settings: DEFAULT_SETTINGS });

async function evaluateOk(host: LedgerHost): Promise<EvaluateOutcome> {
  const outcome = await host.evaluate(request({ kind: "active" }));
  if (!outcome.ok) throw new Error(`evaluate failed: ${outcome.error.message.en}`);
  return outcome.value;
}

/** A ledger evaluated, then its summary (and the hidden 评估记录) and its 督办单 written. */
async function withSummaryAndSupervision(): Promise<Harness> {
  const h = harness({ sheets: [ledgerSheet()] });
  const evaluation = await evaluateOk(h.host);
  expect((await h.host.writeSummary(evaluation, DEFAULT_SETTINGS)).ok).toBe(true);
  expect((await h.host.writeSupervision(evaluation, DEFAULT_SETTINGS)).ok).toBe(true);
  return h;
}

/** A ledger, and the consolidation's 各单位汇总 and 红黄灯清单 of two real units' files beside it. */
async function withCombinedSheets(): Promise<Harness> {
  const outcomes = [];
  for (const path of ["test/fixtures/blind/县局台账.xlsx", "test/fixtures/blind/国企台账.xlsx"]) {
    const bytes = new Uint8Array(readFileSync(join(ROOT, path)));
    outcomes.push(await evaluatePickedFile({ name: path.split("/").pop() as string, bytes, today: TODAY }));
  }
  const combine: CombineRequest = { outcomes, today: TODAY };
  const h = harness({ sheets: [ledgerSheet()] });
  expect((await h.host.writeCombinedSheets(combine)).ok).toBe(true);
  return h;
}

/**
 * 评估 from `source` with `sheet` active and A1 selected: refused as no-ledger naming `sheet`, in the
 * probe sync alone, the workbook unchanged; then the ledger is what the pane's search offers.
 */
async function expectRefused({ host, double }: Harness, sheet: string, source: LedgerSource): Promise<void> {
  expect((await host.selectCell(sheet, source.kind === "selection" ? "A1:C5" : "A1")).ok).toBe(true);
  const before = double.snapshot();
  const syncsBefore = double.syncCount;
  const outcome = await host.evaluate(request(source));
  expect(outcome).toEqual({
    ok: false,
    error: {
      code: "no-ledger",
      message: {
        zh: `“${sheet}”是整改台账助手生成的工作表，不是台账。请切换到台账所在的工作表再评估。`,
        en: `"${sheet}" is a sheet the ledger assistant wrote, not a ledger. Switch to the sheet that holds the ledger and evaluate again.`,
      },
      preview: { sheet, rows: [] },
    },
  });
  expect(double.syncCount - syncsBefore).toBe(1);
  expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  expect(double.snapshot()).toEqual(before);
  expect(await host.findLedgerSheet(sheet)).toEqual({ ok: true, value: LEDGER_SHEET });
}

describe("评估 on a sheet the add-in wrote", () => {
  it("refuses the summary and the 督办单 when active, selected or named; the ledger still evaluates", async () => {
    const h = await withSummaryAndSupervision();
    const names = h.double.snapshot().sheets.map((s) => s.name);
    expect(new Set(names)).toEqual(
      new Set([LEDGER_SHEET, SUMMARY_SHEET_NAME, SUPERVISION_SHEET_NAME, HISTORY_SHEET_NAME]),
    );
    for (const sheet of [SUMMARY_SHEET_NAME, SUPERVISION_SHEET_NAME]) {
      await expectRefused(h, sheet, { kind: "active" });
      await expectRefused(h, sheet, { kind: "selection" });
      await expectRefused(h, sheet, { kind: "sheet", name: sheet });
    }
    expect((await h.host.selectCell(LEDGER_SHEET, "A1")).ok).toBe(true);
    expect((await h.host.evaluate(request({ kind: "active" }))).ok).toBe(true);
  });

  it("refuses the hidden 评估记录 named as the sheet", async () => {
    const h = await withSummaryAndSupervision();
    const before = h.double.snapshot();
    const outcome = await h.host.evaluate(request({ kind: "sheet", name: HISTORY_SHEET_NAME }));
    expect(outcome).toMatchObject({ ok: false, error: { code: "no-ledger", preview: { sheet: HISTORY_SHEET_NAME } } });
    expect(h.double.snapshot()).toEqual(before);
  });

  it("refuses 红黄灯清单 (a ledger's columns) and 各单位汇总 after 合并多个单位台账", async () => {
    const h = await withCombinedSheets();
    for (const sheet of [SHEET_NAMES.warnings, SHEET_NAMES.units]) {
      await expectRefused(h, sheet, { kind: "active" });
      await expectRefused(h, sheet, { kind: "selection" });
      await expectRefused(h, sheet, { kind: "sheet", name: sheet });
    }
  });

  it("refuses our sheet by its mark even after the user renamed it, and not a user's sheet of that name", async () => {
    const h = await withCombinedSheets();
    await h.host.selectCell(SHEET_NAMES.warnings, "A1");
    // The user renames our 红黄灯清单: the mark follows it.
    const renamed = h.double.model.sheets.find((s) => s.name === SHEET_NAMES.warnings);
    if (!renamed) throw new Error("no 红黄灯清单");
    renamed.name = "三月预警";
    await expectRefused(h, "三月预警", { kind: "active" });
    // A user's sheet named 红黄灯清单 that is a ledger is theirs: evaluated.
    const mine = harness({ sheets: [ledgerSheet({ name: SHEET_NAMES.warnings })] });
    expect((await mine.host.evaluate(request({ kind: "active" }))).ok).toBe(true);
  });
});
