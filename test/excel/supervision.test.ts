/**
 * 生成督办单 on the Excel double: the sheet the plan describes, one unit a printed page (manual page
 * breaks from ExcelApi 1.9, filler row heights below it), never over a user's sheet of that name, all
 * or nothing; and 清除标记 takes it away with everything else, leaving every user cell as it was.
 */
import { diffSnapshots } from "../../src/excel-double";
import type { EvaluateRequest, LedgerHost } from "../../src/core/host";
import { MAX_SYNCS_PER_SUMMARY } from "../../src/excel/excel-host";
import { DEFAULT_SETTINGS, SettingsSchema } from "../../src/core/settings";
import { MARK_NAMES } from "../../src/core/plan/marks-plan";
import { rowHeightsWithoutPageBreaks } from "../../src/core/plan/sheet-plan";
import { planSupervisionSheet, SUPERVISION_SHEET_NAME } from "../../src/core/plan/supervision-sheet";
import { harness, LEDGER_SHEET, ledgerSheet, TODAY } from "../support/excel-harness";

/** 临期 within 30 days: the fixture's 财务部 item (due 2025-04-30) gets a notice of its own. */
const SETTINGS = SettingsSchema.parse({ dueSoonDays: 30 });
const active: EvaluateRequest = { source: { kind: "active" }, today: TODAY, settings: SETTINGS };

async function evaluateOk(host: LedgerHost) {
  const outcome = await host.evaluate(active);
  if (!outcome.ok) throw new Error(`evaluate failed: ${outcome.error.code} ${outcome.error.message.en}`);
  return outcome.value;
}

describe("生成督办单 on the Excel double", () => {
  it("writes the 督办单 the plan describes: a page break before each unit's block, A4 portrait, one page wide", async () => {
    const { host, double } = harness({ sheets: [ledgerSheet()] });
    const evaluation = await evaluateOk(host);
    const written = await host.writeSupervision(evaluation, SETTINGS);
    const plan = planSupervisionSheet(evaluation.result, { sheetName: SUPERVISION_SHEET_NAME, settings: SETTINGS });
    expect(plan.units).toEqual(["工程部", "财务部"]);
    expect(written).toEqual({
      ok: true,
      value: { sheetName: SUPERVISION_SHEET_NAME, renamedFrom: null, units: plan.units },
    });
    const snapshot = double.snapshot();
    const sheet = snapshot.sheets.find((s) => s.name === SUPERVISION_SHEET_NAME);
    expect(sheet?.pageLayout).toMatchObject({
      orientation: "Portrait",
      paperSize: "A4",
      pageBreaksBefore: plan.print.pageBreaksBefore,
    });
    expect(plan.print.pageBreaksBefore).toHaveLength(1);
    expect((sheet?.pageLayout.zoom as { horizontalFitToPages?: number }).horizontalFitToPages).toBe(1);
    const cells = Object.values(sheet?.cells ?? {});
    expect(cells.filter((c) => c.value === "整改督办单")).toHaveLength(2);
    expect(cells.some((c) => c.value === "责任单位：财务部")).toBe(true);
    expect(cells.some((c) => c.value === "临期（还有30天）")).toBe(true);
    // A description beginning with "=" stays text (SPEC §8).
    expect(cells.some((c) => c.value === "=合同管理不规范")).toBe(true);
    expect(cells.some((c) => c.formula !== undefined)).toBe(false);
    // Marked as ours, like the summary; not activated (the ledger stays the active sheet).
    expect(snapshot.names.find((n) => n.name === MARK_NAMES.supervision)?.sheet).toBe(SUPERVISION_SHEET_NAME);
    expect(double.syncCount).toBeLessThanOrEqual(3 + MAX_SYNCS_PER_SUMMARY);
  });

  it("below ExcelApi 1.9 (no page breaks) gives every row the heights that start each unit on a page", async () => {
    const { host, double } = harness({ sheets: [ledgerSheet()] }, "1.8");
    const evaluation = await evaluateOk(host);
    expect((await host.writeSupervision(evaluation, SETTINGS)).ok).toBe(true);
    const sheet = double.snapshot().sheets.find((s) => s.name === SUPERVISION_SHEET_NAME);
    expect(sheet?.pageLayout).toEqual({});
    const plan = planSupervisionSheet(evaluation.result, { sheetName: SUPERVISION_SHEET_NAME, settings: SETTINGS });
    const expected = Object.fromEntries(rowHeightsWithoutPageBreaks(plan).map(({ row, points }) => [row, points]));
    expect(sheet?.rowHeights).toEqual(expected);
  });

  it("never overwrites a user's sheet named 督办单, and replaces its own when written again", async () => {
    const { host, double } = harness({
      sheets: [ledgerSheet(), { name: SUPERVISION_SHEET_NAME, rows: [["我们自己的督办记录"]] }],
    });
    const evaluation = await evaluateOk(host);
    const before = double.snapshot().sheets[1];
    const outcome = await host.writeSupervision(evaluation, SETTINGS);
    expect(outcome.ok && outcome.value.sheetName).toBe(`${SUPERVISION_SHEET_NAME} (2)`);
    expect(outcome.ok && outcome.value.renamedFrom).toBe(SUPERVISION_SHEET_NAME);
    await host.writeSupervision(evaluation, SETTINGS);
    const after = double.snapshot();
    expect(after.sheets[1]).toEqual(before);
    expect(after.sheets.map((s) => s.name)).toEqual([
      LEDGER_SHEET,
      SUPERVISION_SHEET_NAME,
      `${SUPERVISION_SHEET_NAME} (2)`,
    ]);
  });

  it("a failure at any sync of the write leaves the workbook as before", async () => {
    for (let k = 1; k <= MAX_SYNCS_PER_SUMMARY; k++) {
      const { host, double } = harness({ sheets: [ledgerSheet()] });
      const evaluation = await evaluateOk(host);
      const before = double.snapshot();
      double.runtime.failOnSync({ sync: double.syncCount + k });
      expect((await host.writeSupervision(evaluation, SETTINGS)).ok).toBe(false);
      expect({ k, diff: diffSnapshots(before, double.snapshot()) }).toEqual({ k, diff: [] });
    }
  });

  it("清除标记 removes the 督办单 with the marks and the summary, and leaves every user cell as it was", async () => {
    const { host, double } = harness({ sheets: [ledgerSheet(), { name: "备注", rows: [["用户的表"]] }] });
    const before = double.snapshot();
    const evaluation = await evaluateOk(host);
    expect((await host.writeSummary(evaluation, DEFAULT_SETTINGS)).ok).toBe(true);
    expect((await host.writeSupervision(evaluation, SETTINGS)).ok).toBe(true);
    // With the recorded period too (生成汇总表 records it), the workbook is exactly as before.
    const cleared = await host.clearMarks({ history: true });
    expect(cleared).toEqual({
      ok: true,
      value: {
        ledgerSheets: [LEDGER_SHEET],
        summarySheet: "整改情况汇总",
        supervisionSheet: SUPERVISION_SHEET_NAME,
        combinedSheets: [],
        history: { sheet: "评估记录", removed: true },
      },
    });
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });

  it("清除标记 with only a 督办单 of ours removes it, and a failure at any sync is undone", async () => {
    const setUp = async () => {
      const h = harness({ sheets: [ledgerSheet()] });
      const evaluation = await evaluateOk(h.host);
      expect((await h.host.writeSupervision(evaluation, SETTINGS)).ok).toBe(true);
      return h;
    };
    const probe = await setUp();
    const syncsBefore = probe.double.syncCount;
    expect((await probe.host.clearMarks()).ok).toBe(true);
    expect(probe.double.snapshot().sheets.map((s) => s.name)).toEqual([LEDGER_SHEET]);
    const clearSyncs = probe.double.syncCount - syncsBefore;
    for (let k = 1; k <= clearSyncs; k++) {
      const { host, double } = await setUp();
      const before = double.snapshot();
      double.runtime.failOnSync({ sync: double.syncCount + k });
      expect((await host.clearMarks()).ok).toBe(false);
      expect({ k, diff: diffSnapshots(before, double.snapshot()) }).toEqual({ k, diff: [] });
    }
  });
});
