import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FileJob, FileOutcome } from "./evaluate-file";
import { evaluateInWorkers, largestFirst } from "./pool";

/**
 * A stand-in for the command line's worker: it answers each job after `path` milliseconds with an
 * outcome naming the file, and dies on a job whose display is `die`.
 */
const STAND_IN = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", (job) => {
  if (job.display === "die") process.exit(7);
  setTimeout(() => parentPort.postMessage({ file: job.display, ok: true, error: null }), Number(job.path));
});
`;

let dir: string;
let script: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "combine-pool-"));
  script = join(dir, "stand-in.cjs");
  writeFileSync(script, STAND_IN);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const job = (display: string, delayMs: number): FileJob => ({
  path: String(delayMs),
  display,
  today: "2025-03-31",
  withRows: false,
});

describe("largestFirst", () => {
  it("orders by size, largest first, equal sizes in their own order", () => {
    expect(largestFirst([10, 300, 20, 300, 0])).toEqual([1, 3, 2, 0, 4]);
    expect(largestFirst([])).toEqual([]);
  });
});

describe("evaluateInWorkers", () => {
  it("hands the largest file out first and returns outcomes in the files' own order", async () => {
    const jobs = [job("a", 5), job("b", 5), job("c", 5), job("big", 5)];
    const handedOut: string[] = [];
    const outcomes = await evaluateInWorkers(jobs, 1, (outcome) => handedOut.push(outcome.file), {
      sizes: [100, 200, 100, 5_000],
      script,
    });
    expect(handedOut).toEqual(["big", "b", "a", "c"]);
    expect(outcomes.map((o) => o.file)).toEqual(["a", "b", "c", "big"]);
  });

  it("keeps the files' order whichever worker finishes first", async () => {
    const jobs = [job("slow", 2_000), job("fast-1", 1), job("fast-2", 1)];
    const done: number[] = [];
    const outcomes = await evaluateInWorkers(jobs, 2, (_outcome, index) => done.push(index), { script });
    expect(done[done.length - 1]).toBe(0);
    expect(outcomes.map((o) => o.file)).toEqual(["slow", "fast-1", "fast-2"]);
  });

  it("lists a file whose worker died as an internal error and goes on with a fresh worker", async () => {
    const jobs = [job("a", 1), job("die", 1), job("b", 1)];
    const outcomes: FileOutcome[] = await evaluateInWorkers(jobs, 1, () => {}, { script });
    expect(outcomes.map((o) => [o.file, o.ok])).toEqual([
      ["a", true],
      ["die", false],
      ["b", true],
    ]);
    expect(outcomes[1]?.error).toContain("内部错误");
  });
});
