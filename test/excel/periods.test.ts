/**
 * Periods in Excel, on the strict double: the ledger of test/support/four-periods.ts evaluated and
 * summarised at four meetings (the user editing the ledger in between), the hidden sheet 评估记录 the
 * summary records them in, and 清除标记 keeping or removing it.
 */
import { diffSnapshots, type WorkbookSnapshot } from "../../src/excel-double";
import { MAX_SYNCS_PER_CLEAR, MAX_SYNCS_PER_EVALUATION, MAX_SYNCS_PER_SUMMARY } from "../../src/excel/excel-host";
import type { EvaluateOutcome, LedgerHost } from "../../src/core/host";
import { evaluate } from "../../src/core/evaluate";
import { HISTORY_SHEET_NAME, historyAfter, periodDates, type PeriodRecord } from "../../src/core/history";
import { MARK_NAMES, SUMMARY_SHEET_NAME } from "../../src/core/plan/marks-plan";
import { planSummarySheet } from "../../src/core/plan/summary-sheet";
import { DEFAULT_SETTINGS } from "../../src/core/settings-defaults";
import type { EvaluationResult } from "../../src/core/types";
import { ledgerRows, PERIODS, type Period } from "../support/four-periods";
import { gridFrom } from "../support/grid-builder";
import { historyIn } from "../support/history-sheet";
import { failAtEachSync } from "../support/reliability";
import { harness, LEDGER_SHEET, type Harness } from "../support/excel-harness";

const WIDTH = 10;
/** Rows 1…9: the header and up to 8 items. */
const HEIGHT = 9;

function ledgerValues(period: Period): string[][] {
  const rows = ledgerRows(period);
  return Array.from({ length: HEIGHT }, (_, r) => Array.from({ length: WIDTH }, (_, c) => rows[r]?.[c] ?? ""));
}

/** The user's edit before a meeting: the ledger's cells (A1:J9) as they stand at `period`. */
async function editLedger(h: Harness, period: Period): Promise<void> {
  await h.double.Excel.run(async (context) => {
    context.workbook.worksheets.getItem(LEDGER_SHEET).getRange(`A1:J${HEIGHT}`).values = ledgerValues(period);
    await context.sync();
  });
}

function fourPeriodWorkbook(excelApi?: string): Harness {
  return harness({ sheets: [{ name: LEDGER_SHEET, rows: ledgerValues(PERIODS[0]) }, { name: "说明" }] }, excelApi);
}

const evaluateAt = async (host: LedgerHost, today: Period): Promise<EvaluateOutcome> => {
  const outcome = await host.evaluate({
    source: { kind: "sheet", name: LEDGER_SHEET },
    today,
    settings: DEFAULT_SETTINGS,
  });
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message.en}`);
  return outcome.value;
};

/** The same meetings through the engine alone, each recorded as 生成汇总表 records it. */
function engineResults(): Record<Period, EvaluationResult> {
  let history: PeriodRecord[] = [];
  const results = {} as Record<Period, EvaluationResult>;
  for (const today of PERIODS) {
    const evaluation = evaluate({
      ledger: gridFrom(ledgerRows(today), { sheet: LEDGER_SHEET }),
      today,
      history: { records: history, source: "history" },
    });
    if (!evaluation.ok) throw new Error(evaluation.message.en);
    results[today] = evaluation.result;
    history = historyAfter(history, evaluation.result);
  }
  return results;
}

describe("four meetings in Excel: 评估 then 生成汇总表 at each", () => {
  const engine = engineResults();
  const h = fourPeriodWorkbook();
  const seen: Partial<Record<Period, { outcome: EvaluateOutcome; syncs: number; summarySyncs: number }>> = {};

  beforeAll(async () => {
    for (const today of PERIODS) {
      await editLedger(h, today);
      const start = h.double.syncCount;
      const outcome = await evaluateAt(h.host, today);
      const syncs = h.double.syncCount - start;
      const summaryStart = h.double.syncCount;
      const written = await h.host.writeSummary(outcome, DEFAULT_SETTINGS);
      if (!written.ok) throw new Error(written.error.message.en);
      seen[today] = { outcome, syncs, summarySyncs: h.double.syncCount - summaryStart };
    }
  });

  it("gives exactly the engine's comparison and deadline-moved findings at every meeting", () => {
    for (const today of PERIODS) {
      const { result } = seen[today]?.outcome ?? {};
      expect({ today, comparison: result?.comparison }).toEqual({ today, comparison: engine[today].comparison });
      const moved = (r: EvaluationResult | undefined) => r?.findings.filter((f) => f.rule === "deadline-moved");
      expect({ today, moved: moved(result) }).toEqual({ today, moved: moved(engine[today]) });
    }
    // Not vacuous: the first meeting has nothing to compare with, the last finds A red three meetings running.
    expect(seen["2025-03-03"]?.outcome.result.comparison).toBeNull();
    expect(seen["2025-03-24"]?.outcome.result.comparison?.consecutiveRed).toEqual([
      { row: 3, periods: 3 },
      { row: 6, periods: 2 },
    ]);
    expect(seen["2025-03-17"]?.outcome.result.comparison?.deadlineMoved).toEqual([
      { row: 5, from: "2025-02-20", to: "2025-04-30" },
    ]);
  });

  it("records every meeting in one hidden (not very hidden), marked sheet 评估记录", () => {
    const snapshot = h.double.snapshot();
    const { visibility, records } = historyIn(snapshot);
    expect(visibility).toBe("Hidden");
    expect(periodDates(records)).toEqual([...PERIODS]);
    expect(records).toEqual(historyAfter(seen["2025-03-24"]?.outcome.history ?? [], engine["2025-03-24"]));
    expect(snapshot.names.find((n) => n.name === MARK_NAMES.history)).toMatchObject({
      sheet: HISTORY_SHEET_NAME,
      address: "A1",
    });
    expect(snapshot.sheets.map((s) => s.name)).toEqual([LEDGER_SHEET, "说明", "整改情况汇总", HISTORY_SHEET_NAME]);
  });

  it("keeps the read and write budgets with a history: 评估 in 3 syncs, 生成汇总表 in 2", () => {
    for (const today of PERIODS) {
      expect({ today, syncs: seen[today]?.syncs }).toEqual({ today, syncs: MAX_SYNCS_PER_EVALUATION });
      expect({ today, syncs: seen[today]?.summarySyncs }).toEqual({ today, syncs: MAX_SYNCS_PER_SUMMARY });
    }
  });

  it("re-recording the last date replaces that meeting's records, in place", async () => {
    const before = h.double.snapshot();
    const again = await evaluateAt(h.host, "2025-03-24");
    expect(again.result.comparison).toEqual(engine["2025-03-24"].comparison);
    expect((await h.host.writeSummary(again, DEFAULT_SETTINGS)).ok).toBe(true);
    expect(diffSnapshots(before, h.double.snapshot())).toEqual([]);
  });
});

/** A workbook evaluated and summarised at the first two meetings, then edited for the third. */
async function twoMeetings(
  excelApi?: string,
): Promise<Harness & { before: WorkbookSnapshot; outcome: EvaluateOutcome }> {
  const h = fourPeriodWorkbook(excelApi);
  const before = h.double.snapshot();
  let outcome: EvaluateOutcome | null = null;
  for (const today of ["2025-03-03", "2025-03-10"] as const) {
    await editLedger(h, today);
    outcome = await evaluateAt(h.host, today);
    expect((await h.host.writeSummary(outcome, DEFAULT_SETTINGS)).ok).toBe(true);
  }
  if (!outcome) throw new Error("no meeting");
  return { ...h, before, outcome };
}

/** The summary's charts as the double drew them, and as the plan of `outcome` asks. */
function summaryCharts(h: Harness, outcome: EvaluateOutcome) {
  const drawn = h.double.snapshot().sheets.find((s) => s.name === SUMMARY_SHEET_NAME)?.charts ?? [];
  const plan = planSummarySheet(outcome.result, {
    sheetName: SUMMARY_SHEET_NAME,
    ledgerSheet: outcome.sheet,
    surveySheet: outcome.surveySheet,
    settings: DEFAULT_SETTINGS,
  });
  const planned = (type: "line" | "stackedColumn") => plan.charts.find((c) => c.type === type);
  const colours = (type: "line" | "stackedColumn") =>
    Object.fromEntries(planned(type)?.series.map((s, i) => [i, s.color.toUpperCase()]) ?? []);
  return {
    line: drawn.find((c) => c.type === "LineMarkers"),
    column: drawn.find((c) => c.type === "ColumnStacked"),
    lineColours: colours("line"),
    columnColours: colours("stackedColumn"),
  };
}

describe("the 近期趋势 chart's colours in Excel", () => {
  it("draws each trend line and its circle markers in the plan's colour; the bars keep their fills", async () => {
    const h = await twoMeetings();
    const { line, column, lineColours, columnColours } = summaryCharts(h, h.outcome);
    expect(Object.keys(lineColours).length).toBe(4);
    expect(line?.seriesLineColors).toEqual(lineColours);
    expect(line?.seriesColors).toEqual({});
    expect(line?.seriesMarkers).toEqual(
      Object.fromEntries(
        Object.entries(lineColours).map(([i, c]) => [i, { style: "Circle", background: c, foreground: c }]),
      ),
    );
    expect(Object.keys(columnColours).length).toBeGreaterThan(0);
    expect(column?.seriesColors).toEqual(columnColours);
    expect(column?.seriesLineColors).toEqual({});
  });

  it("without ExcelApi 1.7 colours the lines and leaves Excel's automatic markers, without an error", async () => {
    const h = await twoMeetings("1.6");
    const { line, lineColours } = summaryCharts(h, h.outcome);
    expect(line?.seriesLineColors).toEqual(lineColours);
    expect(line?.seriesMarkers).toEqual({});
  });
});

/** Every user cell: the ledger's A…J and the other sheet, as they stand. */
function userCells(snapshot: WorkbookSnapshot): unknown {
  return snapshot.sheets
    .filter((s) => s.name === LEDGER_SHEET || s.name === "说明")
    .map((s) => ({
      name: s.name,
      cells: Object.fromEntries(Object.entries(s.cells).filter(([address]) => /^[A-J]\d+$/.test(address))),
    }));
}

describe("清除标记 and the history", () => {
  it("keeps 评估记录 (and its mark) by default, touching no user cell; the next 评估 still compares", async () => {
    const h = await twoMeetings();
    const withHistory = h.double.snapshot();
    const cleared = await h.host.clearMarks();
    expect(cleared).toEqual({
      ok: true,
      value: {
        ledgerSheets: [LEDGER_SHEET],
        summarySheet: "整改情况汇总",
        supervisionSheet: null,
        combinedSheets: [],
        history: { sheet: HISTORY_SHEET_NAME, removed: false },
      },
    });
    const after = h.double.snapshot();
    expect(userCells(after)).toEqual(userCells(withHistory));
    // Everything but the history is as before the first 评估.
    expect(after.sheets.map((s) => s.name)).toEqual([LEDGER_SHEET, "说明", HISTORY_SHEET_NAME]);
    expect(after.sheets.find((s) => s.name === HISTORY_SHEET_NAME)).toEqual(
      withHistory.sheets.find((s) => s.name === HISTORY_SHEET_NAME),
    );
    expect(after.names.map((n) => n.name)).toEqual([MARK_NAMES.history]);
    // A second clear has nothing to remove and says the history stays.
    expect(await h.host.clearMarks()).toEqual({
      ok: true,
      value: {
        ledgerSheets: [],
        summarySheet: null,
        supervisionSheet: null,
        combinedSheets: [],
        history: { sheet: HISTORY_SHEET_NAME, removed: false },
      },
    });
    await editLedger(h, "2025-03-17");
    expect((await evaluateAt(h.host, "2025-03-17")).result.comparison?.since).toBe("2025-03-10");
  });

  it("removes it when asked, leaving the workbook exactly as before the first 评估 but for the user's edits", async () => {
    const h = await twoMeetings();
    const edited = fourPeriodWorkbook();
    await editLedger(edited, "2025-03-10");
    const cleared = await h.host.clearMarks({ history: true });
    expect(cleared).toMatchObject({ ok: true, value: { history: { sheet: HISTORY_SHEET_NAME, removed: true } } });
    expect(diffSnapshots(edited.double.snapshot(), h.double.snapshot())).toEqual([]);
    expect(h.double.snapshot()).toEqual(edited.double.snapshot());
  });

  it("a failure at any sync of a clear with the history leaves the workbook as before", async () => {
    const syncs = await failAtEachSync(twoMeetings, (host) => host.clearMarks({ history: true }));
    expect(syncs).toBeLessThanOrEqual(MAX_SYNCS_PER_CLEAR);
  });
});

describe("生成汇总表 with a history, all or nothing", () => {
  const thirdMeeting = async (): Promise<Harness & { outcome: EvaluateOutcome }> => {
    const h = await twoMeetings();
    await editLedger(h, "2025-03-17");
    return { ...h, outcome: await evaluateAt(h.host, "2025-03-17") };
  };

  it("a failure at any sync leaves the summary and 评估记录 as they were", async () => {
    await failAtEachSync(thirdMeeting, async (host) => {
      const outcome = await host.evaluate({
        source: { kind: "sheet", name: LEDGER_SHEET },
        today: "2025-03-17",
        settings: DEFAULT_SETTINGS,
      });
      return outcome.ok ? host.writeSummary(outcome.value, DEFAULT_SETTINGS) : outcome;
    });
  });

  it("a failure after any number of its batch's operations leaves them as they were, or completes it", async () => {
    const probe = await thirdMeeting();
    const done = await (async () => {
      expect((await probe.host.writeSummary(probe.outcome, DEFAULT_SETTINGS)).ok).toBe(true);
      return probe.double.snapshot();
    })();
    const last = probe.double.syncCount;
    const ops = probe.double.runtime.syncs[last - 1]?.operations ?? 0;
    expect(ops).toBeGreaterThan(20);
    // Every 11th count, and the last two: the old history deleted but not yet the old summary.
    const counts = [...Array.from({ length: Math.ceil(ops / 11) }, (_, i) => i * 11), ops - 2, ops - 1];
    for (const afterOps of counts) {
      const h = await thirdMeeting();
      const before = h.double.snapshot();
      h.double.runtime.failOnSync({ sync: last, afterOps });
      const outcome = await h.host.writeSummary(h.outcome, DEFAULT_SETTINGS);
      const expected = afterOps === ops - 1 ? done : before;
      expect({ afterOps, ok: outcome.ok }).toEqual({ afterOps, ok: afterOps === ops - 1 });
      expect({ afterOps, diff: diffSnapshots(expected, h.double.snapshot()) }).toEqual({ afterOps, diff: [] });
    }
  });

  it("refuses under workbook structure protection with the existing message, changing nothing", async () => {
    const h = await thirdMeeting();
    h.double.model.structureProtected = true;
    const before = h.double.snapshot();
    const outcome = await h.host.writeSummary(h.outcome, DEFAULT_SETTINGS);
    expect(outcome).toMatchObject({ ok: false, error: { code: "protected" } });
    expect(diffSnapshots(before, h.double.snapshot())).toEqual([]);
  });

  it("writes a description beginning with = as text, never a formula, and never overwrites a user's 评估记录", async () => {
    const h = harness({
      sheets: [
        {
          name: LEDGER_SHEET,
          rows: [
            ledgerValues("2025-03-03")[0] ?? [],
            ["1", `'=HYPERLINK("http://x","合同")滞后`, "措施", "合同部", "李娜", "2025-04-30"],
          ],
        },
        { name: HISTORY_SHEET_NAME, rows: [["我自己的记录"]] },
      ],
    });
    const outcome = await evaluateAt(h.host, "2025-03-03");
    expect(outcome.history).toEqual([]);
    expect((await h.host.writeSummary(outcome, DEFAULT_SETTINGS)).ok).toBe(true);
    const snapshot = h.double.snapshot();
    expect(snapshot.sheets.find((s) => s.name === HISTORY_SHEET_NAME)?.cells).toEqual({
      A1: { value: "我自己的记录" },
    });
    const ours = snapshot.sheets.find((s) => s.name === `${HISTORY_SHEET_NAME} (2)`);
    expect(ours?.visibility).toBe("Hidden");
    expect(ours?.cells.D2).toMatchObject({ value: '=HYPERLINK("http://x","合同")滞后' });
    expect(ours?.cells.D2).not.toHaveProperty("formula");
    expect(snapshot.names.find((n) => n.name === MARK_NAMES.history)?.sheet).toBe(`${HISTORY_SHEET_NAME} (2)`);
  });
});
