/**
 * 合并多个单位台账 on the Excel double: 各单位汇总 and 红黄灯清单 written as the plans describe, replaced
 * (not doubled) when written again, never over a user's sheet of either name, all or nothing at any
 * sync; and 清除标记 deletes both, leaving every user cell as it was.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { diffSnapshots } from "../../src/excel-double";
import type { CombineRequest } from "../../src/core/host";
import { SHEET_NAMES, UNIT_HEADERS, UNIT_HIDDEN_COLUMNS, WARNING_HEADERS } from "../../src/core/combine/labels";
import { planUnitsSheet } from "../../src/core/combine/combined-sheets";
import { MARK_NAMES } from "../../src/core/plan/marks-plan";
import { MAX_SYNCS_PER_SUMMARY } from "../../src/excel/excel-host";
import { evaluatePickedFile } from "../../src/engine-worker/combine-file";
import { loadWorkbookModelFromBytes } from "../../src/excel-double/xlsx/load-package";
import { workbookModelBytes } from "../../src/excel-double/xlsx/write-package";
import { harness, LEDGER_SHEET, ledgerSheet, TODAY } from "../support/excel-harness";

const ROOT = join(__dirname, "../..");
const FILES = [
  "test/fixtures/blind/县局台账.xlsx",
  "test/fixtures/blind/国企台账.xlsx",
  "test/fixtures/blind/国企台账.csv",
];

let request: CombineRequest;

beforeAll(async () => {
  const outcomes = [];
  for (const path of FILES) {
    const name = path.split("/").pop() as string;
    outcomes.push(
      await evaluatePickedFile({ name, bytes: new Uint8Array(readFileSync(join(ROOT, path))), today: TODAY }),
    );
  }
  request = { outcomes, today: TODAY };
});

/** The value of a cell of a sheet in a snapshot, by address. */
type Snapshot = ReturnType<ReturnType<typeof harness>["double"]["snapshot"]>;
const sheetOf = (snapshot: Snapshot, name: string) => snapshot.sheets.find((s) => s.name === name);

describe("合并多个单位台账 on the Excel double", () => {
  it("writes 各单位汇总 (one row per file read, totals as formulas, failures listed, a chart) and 红黄灯清单", async () => {
    const { host, double } = harness({ sheets: [ledgerSheet()] });
    const written = await host.writeCombinedSheets(request);
    expect(written).toEqual({
      ok: true,
      value: { unitsSheet: SHEET_NAMES.units, warningsSheet: SHEET_NAMES.warnings, renamedFrom: [] },
    });
    const snapshot = double.snapshot();
    expect(snapshot.sheets.map((s) => s.name)).toEqual([LEDGER_SHEET, SHEET_NAMES.units, SHEET_NAMES.warnings]);
    const units = sheetOf(snapshot, SHEET_NAMES.units);
    const cell = (address: string) => units?.cells[address];
    expect(UNIT_HEADERS.map((_, c) => cell(`${String.fromCharCode(65 + c)}1`)?.value)).toEqual([...UNIT_HEADERS]);
    const read = request.outcomes.filter((o) => o.ok);
    expect(read).toHaveLength(2);
    const units2 = [cell("A2")?.value, cell("A3")?.value];
    expect(new Set(units2)).toEqual(new Set(read.map((o) => o.unit)));
    // Most red lights first.
    const red = (unit: unknown) => read.find((o) => o.unit === unit)?.summary?.byLight.red ?? -1;
    expect(red(units2[0])).toBeGreaterThanOrEqual(red(units2[1]));
    // The totals row: formulas, whose values are the sums.
    expect(cell("A4")?.value).toBe("合计");
    expect(cell("C4")?.formula).toBe("=SUM(C2:C3)");
    const items = read.reduce((n, o) => n + (o.summary?.items ?? 0), 0);
    // The double does not recalculate: the values the formulas carry are the plan's (the engine's).
    const plan = planUnitsSheet(request.outcomes, { today: TODAY, sheetName: SHEET_NAMES.units });
    const totals = plan.tables[0]?.rows[2];
    expect(totals?.[2]).toMatchObject({ kind: "formula", formula: "=SUM(C2:C3)", value: items });
    expect(totals?.[5]).toMatchObject({ value: read.reduce((n, o) => n + (o.summary?.byLight.red ?? 0), 0) });
    expect(cell("J4")?.formula).toBe('=IF(C4=0,"",D4/C4)');
    // The file that could not be read, with its reason.
    const failed = request.outcomes.find((o) => !o.ok);
    const values = Object.values(units?.cells ?? {}).map((c) => c.value);
    expect(values).toContain("未能读取");
    expect(values).toContain(failed?.file);
    expect(values).toContain(failed?.error);
    expect(units?.charts).toHaveLength(1);
    // 红黄灯清单: every red and yellow item of every file read.
    const warnings = sheetOf(snapshot, SHEET_NAMES.warnings);
    expect(WARNING_HEADERS.map((_, c) => warnings?.cells[`${String.fromCharCode(65 + c)}1`]?.value)).toEqual([
      ...WARNING_HEADERS,
    ]);
    const expectedRows = read.reduce((n, o) => n + (o.warnings?.length ?? 0), 0);
    expect(expectedRows).toBeGreaterThan(0);
    expect(warnings?.cells[`A${expectedRows + 1}`]?.value).toBeTruthy();
    expect(warnings?.cells[`A${expectedRows + 2}`]).toBeUndefined();
    // Marked as ours; the ledger stays the active sheet.
    expect(snapshot.names.find((n) => n.name === MARK_NAMES.combinedUnits)?.sheet).toBe(SHEET_NAMES.units);
    expect(snapshot.names.find((n) => n.name === MARK_NAMES.combinedWarnings)?.sheet).toBe(SHEET_NAMES.warnings);
  });

  it("hides the on-time counts (P, Q) as the command line does; the totals' 按期完成率 still divides them", async () => {
    const { host, double } = harness({ sheets: [ledgerSheet()] });
    expect((await host.writeCombinedSheets(request)).ok).toBe(true);
    const units = sheetOf(double.snapshot(), SHEET_NAMES.units);
    expect(units?.hiddenColumns.map((c) => UNIT_HEADERS[c - 1])).toEqual(["按期完成数", "可计按期数"]);
    expect(units?.hiddenColumns).toEqual(UNIT_HIDDEN_COLUMNS);
    expect(sheetOf(double.snapshot(), SHEET_NAMES.warnings)?.hiddenColumns).toEqual([]);
    // The totals row's formulas, computed over the cells as written (the double does not recalculate):
    // 按期完成率 = SUM(P)/SUM(Q) of the rows above, the on-time rate over every file's dated items.
    const cell = (address: string) => units?.cells[address];
    const read = request.outcomes.filter((o) => o.ok);
    const totalsRow = read.length + 2;
    const columnSum = (letter: string): number => {
      const match = /^=SUM\(([A-Z])(\d+):([A-Z])(\d+)\)$/.exec(String(cell(`${letter}${totalsRow}`)?.formula));
      expect(match?.slice(1)).toEqual([letter, "2", letter, String(totalsRow - 1)]);
      let sum = 0;
      for (let r = 2; r < totalsRow; r++) sum += Number(cell(`${letter}${r}`)?.value);
      return sum;
    };
    expect(cell(`L${totalsRow}`)?.formula).toBe(`=IF(Q${totalsRow}=0,"",P${totalsRow}/Q${totalsRow})`);
    const dated = read.reduce((n, o) => n + o.onTime.dated, 0);
    const onTime = read.reduce((n, o) => n + o.onTime.onTime, 0);
    expect(dated).toBeGreaterThan(0);
    expect(columnSum("Q")).toBe(dated);
    expect(columnSum("P") / columnSum("Q")).toBeCloseTo(onTime / dated, 12);
    // Each file's row divides its own hidden counts too.
    for (let r = 2; r < totalsRow; r++) expect(cell(`L${r}`)?.formula).toBe(`=IF(Q${r}=0,"",P${r}/Q${r})`);
    // Saved as .xlsx (the preview's 保存结果为 .xlsx) and opened again: still hidden.
    const reopened = await loadWorkbookModelFromBytes(await workbookModelBytes(double.model), "合并.xlsx");
    expect(reopened.sheets.find((s) => s.name === SHEET_NAMES.units)?.hiddenColumns).toEqual(new Set([16, 17]));
  });

  it("a batch that fails after hiding the columns leaves the workbook as before (the half-made sheets removed)", async () => {
    const setUp = async (earlier: boolean) => {
      const h = harness({ sheets: [ledgerSheet()] });
      if (earlier) expect((await h.host.writeCombinedSheets(request)).ok).toBe(true);
      return h;
    };
    for (const earlier of [false, true]) {
      // The batch's operations, counted on a write that succeeds.
      const probe = await setUp(earlier);
      expect((await probe.host.writeCombinedSheets(request)).ok).toBe(true);
      const operations = probe.double.runtime.syncs.at(-1)?.operations ?? 0;
      const { host, double } = await setUp(earlier);
      const before = double.snapshot();
      // The batch fails just before its last three operations: the columns were hidden long before, and
      // the old sheets' deletes (the last two, over an earlier consolidation) not yet done — once they
      // are, the batch is complete rather than undone.
      double.runtime.failOnSync({ sync: double.syncCount + MAX_SYNCS_PER_SUMMARY, afterOps: operations - 3 });
      expect((await host.writeCombinedSheets(request)).ok).toBe(false);
      const after = double.snapshot();
      expect({ earlier, diff: diffSnapshots(before, after) }).toEqual({ earlier, diff: [] });
      // Only an earlier consolidation's own sheet keeps its hidden columns.
      expect(after.sheets.map((s) => [s.name, s.hiddenColumns])).toEqual(
        earlier
          ? [
              [LEDGER_SHEET, []],
              [SHEET_NAMES.units, UNIT_HIDDEN_COLUMNS],
              [SHEET_NAMES.warnings, []],
            ]
          : [[LEDGER_SHEET, []]],
      );
    }
  });

  it("replaces its own sheets when run again, and never overwrites a user's sheet named 各单位汇总", async () => {
    const { host, double } = harness({
      sheets: [ledgerSheet(), { name: SHEET_NAMES.units, rows: [["我们自己的汇总"]] }],
    });
    const userSheet = double.snapshot().sheets[1];
    const first = await host.writeCombinedSheets(request);
    expect(first.ok && first.value).toEqual({
      unitsSheet: `${SHEET_NAMES.units} (2)`,
      warningsSheet: SHEET_NAMES.warnings,
      renamedFrom: [SHEET_NAMES.units],
    });
    const afterFirst = double.snapshot();
    // Written again with only the first file: the same two sheets, replaced in place.
    const second = await host.writeCombinedSheets({ ...request, outcomes: request.outcomes.slice(0, 1) });
    expect(second.ok && second.value.unitsSheet).toBe(`${SHEET_NAMES.units} (2)`);
    const after = double.snapshot();
    expect(after.sheets.map((s) => s.name)).toEqual(afterFirst.sheets.map((s) => s.name));
    expect(after.sheets[1]).toEqual(userSheet);
    const plan = planUnitsSheet(request.outcomes.slice(0, 1), { today: TODAY, sheetName: `${SHEET_NAMES.units} (2)` });
    expect(sheetOf(after, `${SHEET_NAMES.units} (2)`)?.cells.A3?.value).toBe("合计");
    expect(plan.tables[0]?.rows).toHaveLength(2);
  });

  it("a failure at any sync of the write leaves the workbook as before (also over an earlier consolidation)", async () => {
    for (const earlier of [false, true]) {
      for (let k = 1; k <= MAX_SYNCS_PER_SUMMARY; k++) {
        const { host, double } = harness({ sheets: [ledgerSheet()] });
        if (earlier) expect((await host.writeCombinedSheets(request)).ok).toBe(true);
        const before = double.snapshot();
        double.runtime.failOnSync({ sync: double.syncCount + k });
        expect((await host.writeCombinedSheets(request)).ok).toBe(false);
        expect({ earlier, k, diff: diffSnapshots(before, double.snapshot()) }).toEqual({ earlier, k, diff: [] });
      }
    }
  });

  it("清除标记 deletes both sheets with every other mark, and leaves every user cell as it was", async () => {
    const { host, double } = harness({
      sheets: [ledgerSheet(), { name: SHEET_NAMES.units, rows: [["我们自己的汇总"]] }],
    });
    const before = double.snapshot();
    expect((await host.writeCombinedSheets(request)).ok).toBe(true);
    const cleared = await host.clearMarks();
    expect(cleared).toEqual({
      ok: true,
      value: {
        ledgerSheets: [],
        summarySheet: null,
        supervisionSheet: null,
        combinedSheets: [`${SHEET_NAMES.units} (2)`, SHEET_NAMES.warnings],
        history: null,
      },
    });
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });

  it("清除标记 of the consolidation is undone when any of its syncs fails", async () => {
    const setUp = async () => {
      const h = harness({ sheets: [ledgerSheet()] });
      expect((await h.host.writeCombinedSheets(request)).ok).toBe(true);
      return h;
    };
    const probe = await setUp();
    const syncsBefore = probe.double.syncCount;
    expect((await probe.host.clearMarks()).ok).toBe(true);
    const clearSyncs = probe.double.syncCount - syncsBefore;
    for (let k = 1; k <= clearSyncs; k++) {
      const { host, double } = await setUp();
      const before = double.snapshot();
      double.runtime.failOnSync({ sync: double.syncCount + k });
      expect((await host.clearMarks()).ok).toBe(false);
      expect({ k, diff: diffSnapshots(before, double.snapshot()) }).toEqual({ k, diff: [] });
    }
  });

  it("评估's search for a ledger elsewhere never offers 红黄灯清单, though its columns read as a ledger's", async () => {
    const { host } = harness({ sheets: [{ name: "封面", rows: [["封面"]] }] });
    expect((await host.writeCombinedSheets(request)).ok).toBe(true);
    expect(await host.findLedgerSheet("封面")).toEqual({ ok: true, value: null });
  });
});
