/**
 * The engine runner's protocol with a Worker: results equal to the engine's own in this thread,
 * progress passed on, and every way a worker can fail ending in the same result computed here,
 * with no error for the user.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluate, type Evaluation } from "../core/evaluate";
import { evaluatePickedFile } from "./combine-file";
import type { EngineProgress } from "../core/progress";
import { DEFAULT_SETTINGS } from "../core/settings-defaults";
import { generateLedger, BENCH_TODAY } from "../../test/support/ledger-generator";
import { FakeWorker } from "../../test/support/fake-worker";
import { gridFrom } from "../../test/support/grid-builder";
import type { EngineInput } from "./protocol";
import { runEngineInThread, workerEngineRunner, type EngineRunner } from "./runner";
import { PROGRESS_INTERVAL_MS } from "./serve";

const input: EngineInput = {
  ledger: generateLedger(600).grid,
  survey: gridFrom(
    [
      ["序号", "对整改工作总体满意度", "对整改措施落实情况满意度"],
      [1, "满意", "基本满意"],
      [2, "不满意", "说不好听"],
    ],
    { sheet: "满意度调查" },
  ),
  today: BENCH_TODAY,
};
const expected = evaluate(input);

/** The evaluation's result, or fails the test with the layout message. */
function resultOf(evaluation: Evaluation) {
  if (!evaluation.ok) throw new Error(evaluation.message.en);
  return evaluation.result;
}

describe("workerEngineRunner", () => {
  it("answers from the worker with exactly the engine's result", async () => {
    const worker = new FakeWorker();
    const runner = workerEngineRunner(() => worker);
    expect(runner.mode()).toBe("worker");
    const evaluation = await runner.run(input);
    expect(evaluation).toEqual(expected);
    expect(resultOf(evaluation).items).toHaveLength(600);
    expect(worker.requests).toHaveLength(1);
    expect(runner.answered).toEqual({ worker: 1, inThread: 0 });
  });

  it("passes on the engine's progress, rows counted and the fraction rising to the end", async () => {
    let clock = 0;
    const worker = new FakeWorker({ now: () => (clock += PROGRESS_INTERVAL_MS) }); // every report is sent
    const seen: EngineProgress[] = [];
    await workerEngineRunner(() => worker).run(input, (progress) => seen.push(progress));
    expect(seen.length).toBeGreaterThan(3);
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.every((f) => f > 0 && f <= 1)).toBe(true);
    const rowsTotal = resultOf(expected).layout.lastRow - resultOf(expected).layout.firstRow + 1;
    expect(new Set(seen.map((p) => p.rowsTotal))).toEqual(new Set([rowsTotal]));
    expect(seen.some((p) => p.rowsDone > 0 && p.rowsDone < rowsTotal)).toBe(true);
  });

  it("keeps two evaluations in flight apart, whatever order the worker answers in", async () => {
    const worker = new FakeWorker({ serve: false });
    const runner = workerEngineRunner(() => worker);
    const other: EngineInput = { ...input, today: "2025-12-31" };
    const first = runner.run(input);
    const second = runner.run(other);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const [a, b] = worker.requests;
    worker.answer(b!.id, evaluate(other));
    worker.answer(a!.id, expected);
    expect(await first).toEqual(expected);
    expect(resultOf(await second).today).toBe("2025-12-31");
  });

  it("runs in this thread, with the same result, when no worker can be made", async () => {
    const runner = workerEngineRunner(() => {
      throw new Error("SecurityError: the page may not start a worker");
    });
    expect(runner.mode()).toBe("in-thread");
    expect(await runner.run(input)).toEqual(expected);
    expect(runner.answered).toEqual({ worker: 0, inThread: 1 });
  });

  it("finishes a waiting evaluation in this thread when the worker's script fails to load, and stays there", async () => {
    const worker = new FakeWorker({ serve: false });
    const runner = workerEngineRunner(() => worker);
    const waiting = runner.run(input);
    worker.fail("error");
    expect(await waiting).toEqual(expected);
    expect(worker.terminated).toBe(true);
    expect(worker.cancelledErrors).toBe(1);
    expect(runner.mode()).toBe("in-thread");
    expect(await runner.run(input)).toEqual(expected);
    expect(worker.requests).toHaveLength(1);
    expect(runner.answered).toEqual({ worker: 0, inThread: 2 });
  });

  it("falls back the same way when a reply cannot be read (messageerror)", async () => {
    const worker = new FakeWorker({ serve: false });
    const runner = workerEngineRunner(() => worker);
    const waiting = runner.run(input);
    worker.fail("messageerror");
    expect(await waiting).toEqual(expected);
    expect(runner.mode()).toBe("in-thread");
  });

  it("runs one evaluation here when the worker reports the engine failed, and keeps the worker", async () => {
    const worker = new FakeWorker({ serve: false });
    const runner = workerEngineRunner(() => worker);
    const waiting = runner.run(input);
    await new Promise((resolve) => setTimeout(resolve, 10));
    worker.reply({ id: worker.requests[0]!.id, kind: "failed", message: "RangeError: out of memory" });
    expect(await waiting).toEqual(expected);
    expect(runner.mode()).toBe("worker");
  });

  it("runs here an input the worker cannot be sent, and keeps the worker", async () => {
    const worker = new FakeWorker();
    const runner = workerEngineRunner(() => worker);
    // A function cannot cross postMessage (DataCloneError); the engine ignores the extra field.
    const odd = { ...input, settings: { ...DEFAULT_SETTINGS, note: () => "not data" } } as unknown as EngineInput;
    expect(resultOf(await runner.run(odd)).items).toHaveLength(600);
    expect(worker.requests).toHaveLength(0);
    expect(runner.answered).toEqual({ worker: 0, inThread: 1 });
    expect(runner.mode()).toBe("worker");
  });

  it("rejects when the engine itself throws, as it would in this thread", async () => {
    const broken: EngineRunner = async () => {
      throw new Error("engine bug");
    };
    const runner = workerEngineRunner(() => {
      throw new Error("no workers here");
    }, broken);
    await expect(runner.run(input)).rejects.toThrow("engine bug");
  });

  it("ignores messages that are not replies to its requests", async () => {
    const worker = new FakeWorker({ serve: false });
    const runner = workerEngineRunner(() => worker);
    const waiting = runner.run(input);
    await new Promise((resolve) => setTimeout(resolve, 10));
    worker.reply("hello");
    worker.reply({ id: 999, kind: "result", evaluation: null });
    worker.answer(worker.requests[0]!.id, expected);
    expect(await waiting).toEqual(expected);
  });
});

describe("runEngineInThread", () => {
  it("is the engine, with its progress", async () => {
    const seen: number[] = [];
    expect(await runEngineInThread(input, (p) => seen.push(p.fraction))).toEqual(expected);
    expect(seen.at(-1)).toBe(1);
  });
});

describe("workerEngineRunner.combineFile (合并多个单位台账)", () => {
  const file = {
    name: "县局台账.xlsx",
    bytes: new Uint8Array(readFileSync(join(__dirname, "../../test/fixtures/blind/县局台账.xlsx"))),
    today: "2025-03-31",
  };

  it("reads and evaluates a picked file in the worker, with the outcome evaluated here would give", async () => {
    const worker = new FakeWorker();
    const runner = workerEngineRunner(() => worker);
    const outcome = await runner.combineFile(file);
    expect(worker.requests.map((r) => ("kind" in r ? r.kind : "evaluate"))).toEqual(["combine-file"]);
    expect(runner.answered).toEqual({ worker: 1, inThread: 0 });
    expect(outcome.ok).toBe(true);
    expect(outcome.warnings?.length).toBeGreaterThan(0);
    expect(outcome).toEqual(await evaluatePickedFile(file));
  });

  it("a file that is no workbook comes back with its reason, not an error", async () => {
    const runner = workerEngineRunner(() => new FakeWorker());
    const outcome = await runner.combineFile({ ...file, name: "坏文件.xlsx", bytes: new Uint8Array([1, 2, 3]) });
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toContain("坏文件.xlsx");
  });

  it("falls back to this thread when the worker breaks while a file waits", async () => {
    const worker = new FakeWorker({ serve: false });
    const runner = workerEngineRunner(() => worker);
    const pending = runner.combineFile(file);
    worker.fail();
    const outcome = await pending;
    expect(runner.answered).toEqual({ worker: 0, inThread: 1 });
    expect(outcome).toEqual(await evaluatePickedFile(file));
  });
});
