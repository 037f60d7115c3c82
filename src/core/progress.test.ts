import { evaluate } from "./evaluate";
import { PROGRESS_ROW_STEP, progressSteps, type EngineProgress } from "./progress";
import { BENCH_TODAY, generateLedger } from "../../test/support/ledger-generator";

describe("progressSteps", () => {
  it("reports every PROGRESS_ROW_STEP rows, then each rule, then the end", () => {
    const seen: EngineProgress[] = [];
    const steps = progressSteps({ firstRow: 4, lastRow: 1003 }, (p) => seen.push(p));
    for (let row = 4; row <= 1003; row++) steps.row(row);
    expect(seen.map((p) => p.rowsDone)).toEqual([250, 500, 750, 1000]);
    expect(seen.every((p) => p.rowsTotal === 1000)).toBe(true);
    expect(seen.at(-1)?.fraction).toBeCloseTo(0.4);
    steps.rules(1, 2);
    steps.rules(2, 2);
    steps.finished();
    const [half, rulesDone, end] = seen.slice(-3).map((p) => p.fraction);
    expect(half).toBeCloseTo(0.4 + 0.45 / 2);
    expect(rulesDone).toBeCloseTo(0.85);
    expect(end).toBe(1);
  });

  it("skips rows the ledger does not have as items (section rows) without losing count", () => {
    const seen: EngineProgress[] = [];
    const steps = progressSteps({ firstRow: 1, lastRow: 600 }, (p) => seen.push(p));
    for (let row = 1; row <= 600; row += 7) steps.row(row);
    // Rows 1, 8, 15…: the first report at row 253 (≥ 250 done), the next at 505 (≥ 250 more).
    expect(PROGRESS_ROW_STEP).toBe(250);
    expect(seen.map((p) => p.rowsDone)).toEqual([253, 505]);
  });
});

describe("evaluate's onProgress", () => {
  it("rises from the first rows to 1 and leaves the result as it is without it", () => {
    const ledger = generateLedger(2_000).grid;
    const seen: EngineProgress[] = [];
    const withProgress = evaluate({ ledger, today: BENCH_TODAY, onProgress: (p) => seen.push(p) });
    expect(withProgress).toEqual(evaluate({ ledger, today: BENCH_TODAY }));
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[0]).toBeLessThan(0.4);
    expect(fractions.at(-1)).toBe(1);
    expect(seen.filter((p) => p.rowsDone < p.rowsTotal).length).toBeGreaterThanOrEqual(7);
  });
});
