/**
 * 评估 through the Excel adapter with the engine in a (fake) Web Worker: the same outcome and the
 * same workbook as with the engine in this thread, and progress that tells the rows the engine has
 * read, rising to the end.
 */
import { createExcelDouble } from "../../src/excel-double";
import { createExcelHost } from "../../src/excel/excel-host";
import type { RowsProgress } from "../../src/core/host";
import { DEFAULT_SETTINGS } from "../../src/core/settings-defaults";
import { workerEngineRunner } from "../../src/engine-worker/runner";
import { previewWorkbook } from "../../src/preview/workbook";
import { FakeWorker } from "../support/fake-worker";

const request = { source: { kind: "active" }, today: "2025-03-31", settings: DEFAULT_SETTINGS } as const;

function hostOver(runEngine?: ReturnType<typeof workerEngineRunner>["run"]) {
  const double = createExcelDouble(previewWorkbook(1_200));
  return { double, host: createExcelHost({ Excel: double.Excel, Office: double.Office }, { runEngine }) };
}

describe("evaluate with the engine in a worker", () => {
  it("gives the same outcome and writes the same workbook as the engine in this thread", async () => {
    const inThread = hostOver();
    const runner = workerEngineRunner(() => new FakeWorker());
    const inWorker = hostOver(runner.run);
    const a = await inThread.host.evaluate(request);
    const b = await inWorker.host.evaluate(request);
    expect(b).toEqual(a);
    expect(inWorker.double.snapshot()).toEqual(inThread.double.snapshot());
    expect(runner.answered.worker).toBe(1);
  });

  it("reports its stages in order, the engine's rows on the way, and ends at 1", async () => {
    const seen: { fraction: number; stage: string; rows?: RowsProgress }[] = [];
    let clock = 0;
    const runner = workerEngineRunner(() => new FakeWorker({ now: () => (clock += 100) }));
    const { host } = hostOver(runner.run);
    const outcome = await host.evaluate({
      ...request,
      onProgress: (fraction, stage, rows) => seen.push({ fraction, stage, rows }),
    });
    expect(outcome.ok).toBe(true);
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    const stages = seen.map((p) => p.stage).filter((stage, i, all) => stage !== all[i - 1]);
    expect(stages).toEqual(["read", "evaluate", "write"]);
    const rows = seen.flatMap((p) => (p.rows ? [p.rows] : []));
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.some((r) => r.done > 0 && r.done < r.total)).toBe(true);
    expect(rows.at(-1)?.done).toBe(rows.at(-1)?.total);
  });
});
