/**
 * The engine over four meetings (test/support/four-periods.ts): each period is evaluated against
 * the history recorded so far, recorded through the 评估记录 sheet (written as a plan, read back as
 * a grid), and its comparison checked against the values worked out by hand in the scenario table.
 */
import { gridFrom } from "../../../test/support/grid-builder";
import { evaluateFourPeriods, EXPECTED, ledgerRows, type Period } from "../../../test/support/four-periods";
import { evaluate } from "../evaluate";
import { sheetPlanCells } from "../plan/sheet-plan";
import { SettingsSchema } from "../settings";
import type { CellValue, EvaluationResult } from "../types";
import type { Comparison } from "./compare";
import { recordPeriod } from "./periods";
import type { PeriodRecord } from "./record";
import { planHistorySheet, readHistorySheet } from "./sheet";

/** The history as a host keeps it: written to the sheet and read back. */
function throughSheet(history: readonly PeriodRecord[]): PeriodRecord[] {
  const rows: CellValue[][] = [];
  for (const { row, col, cell } of sheetPlanCells(planHistorySheet(history))) {
    const line = (rows[row - 1] ??= []);
    line[col - 1] = cell.kind === "number" ? cell.value : cell.kind === "text" ? cell.text : null;
  }
  const reading = readHistorySheet(gridFrom(Array.from(rows, (line) => Array.from(line ?? [], (v) => v ?? null))));
  expect(reading.skippedRows).toEqual([]);
  return [...reading.records];
}

function evaluateAll(settings = SettingsSchema.parse({})): Record<Period, EvaluationResult> {
  return evaluateFourPeriods(settings, throughSheet);
}

const results = evaluateAll();
const comparisonAt = (period: Period): Comparison | null | undefined => results[period].comparison;

describe("the comparison over four periods", () => {
  it("has nothing to compare with at the first period", () => {
    expect(comparisonAt("2025-03-03")).toBeNull();
    expect(results["2025-03-03"].period?.records).toHaveLength(7);
  });

  it("03-10: E inserted at the top, G closed, C turned yellow, A turned red", () => {
    expect(comparisonAt("2025-03-10")).toEqual(EXPECTED["2025-03-10"]);
  });

  it("03-17: F deleted, B done, D turned red, A red twice, G reopened, C's deadline moved", () => {
    expect(comparisonAt("2025-03-17")).toEqual(EXPECTED["2025-03-17"]);
  });

  it("03-24: B closed, A red three periods and D two, H's edited description still the same item", () => {
    expect(comparisonAt("2025-03-24")).toEqual(EXPECTED["2025-03-24"]);
  });

  it("keeps each item's key from the period it first appeared", () => {
    const keys = results["2025-03-24"].period?.records.map((r) => r.key);
    // E (first seen 03-10 as its 1st item), then A B C D G H from 03-03 (F, the 5th, is gone).
    expect(keys).toEqual([
      "2025-03-10#1",
      "2025-03-03#1",
      "2025-03-03#2",
      "2025-03-03#3",
      "2025-03-03#4",
      "2025-03-03#6",
      "2025-03-03#7",
    ]);
  });

  it("reports the moved deadline as rule deadline-moved on its cell, only in the period it moved", () => {
    const moved = (period: Period) => results[period].findings.filter((f) => f.rule === "deadline-moved");
    expect(moved("2025-03-17")).toEqual([
      {
        rule: "deadline-moved",
        severity: "warning",
        row: 5,
        cell: "F5",
        field: "deadline",
        message: {
          zh: "整改时限由2025-02-20改为2025-04-30（上期记录）",
          en: "Deadline moved from 2025-02-20 to 2025-04-30 (last period's record)",
        },
        sheet: "整改台账",
      },
    ]);
    expect(moved("2025-03-10")).toEqual([]);
    expect(moved("2025-03-24")).toEqual([]);
  });

  it("lists candidates from escalateAfterReds periods: 3 leaves only A", () => {
    const strict = evaluateAll(SettingsSchema.parse({ escalateAfterReds: 3 }));
    expect(strict["2025-03-17"].comparison?.consecutiveRed).toEqual([]);
    expect(strict["2025-03-24"].comparison?.consecutiveRed).toEqual([{ row: 3, periods: 3 }]);
  });

  it("re-recording a date replaces that period instead of adding one", () => {
    let history: PeriodRecord[] = [];
    for (const today of ["2025-03-03", "2025-03-03"] as const) {
      const evaluation = evaluate({
        ledger: gridFrom(ledgerRows(today)),
        today,
        history: { records: history, source: "history" },
      });
      if (!evaluation.ok) throw new Error("no ledger");
      expect(evaluation.result.comparison).toBeNull();
      history = recordPeriod(history, today, evaluation.result.period?.records ?? []);
    }
    expect(history).toHaveLength(7);
  });

  it("evaluates without history exactly as before: no period, no comparison, no deadline-moved", () => {
    const evaluation = evaluate({ ledger: gridFrom(ledgerRows("2025-03-17")), today: "2025-03-17" });
    if (!evaluation.ok) throw new Error("no ledger");
    expect(evaluation.result).not.toHaveProperty("comparison");
    expect(evaluation.result).not.toHaveProperty("period");
  });
});
