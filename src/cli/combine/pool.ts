/**
 * Evaluates files in worker threads: `jobs` workers, each given the next file when it posts the
 * last one's outcome, so at most `jobs` workbooks are in memory at once whatever the number of
 * files. A worker that dies (out of memory on a huge file) costs only its file, listed with the
 * reason; a fresh worker takes over the rest.
 *
 * Files are handed out largest first (outcomes still come back in the files' own order): a big
 * file met last would leave the other workers idle while one worker reads it alone.
 */
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { failedOutcome, type FileJob, type FileOutcome } from "./evaluate-file";
import { COMBINE_WORKER_DATA } from "./worker";

/**
 * The script a worker runs: the command line's bundle, which serves jobs when started as a
 * worker. From the TypeScript sources (tests, tsx) the bundle is built first by the launcher.
 */
export function combineWorkerScript(): string {
  if (/\.c?js$/.test(__filename)) return __filename;
  // A computed path, so the bundler leaves the launcher (and the esbuild it loads) out of the bundle.
  const launcherPath = join(__dirname, "..", "launch.cjs");
  const launcher = require(launcherPath) as { ensureBundle: () => string };
  return launcher.ensureBundle();
}

/** Indices of `sizes`, largest first; equal sizes keep their order. */
export function largestFirst(sizes: readonly number[]): number[] {
  return sizes.map((_, i) => i).sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b);
}

export interface PoolOptions {
  /** Each job's file size in bytes, to hand out the largest first; without it, in the jobs' order. */
  readonly sizes?: readonly number[];
  /** The worker script (tests give their own). */
  readonly script?: string;
}

export async function evaluateInWorkers(
  jobs: readonly FileJob[],
  workers: number,
  onOutcome: (outcome: FileOutcome, index: number) => void,
  options: PoolOptions = {},
): Promise<FileOutcome[]> {
  const script = options.script ?? combineWorkerScript();
  const order = options.sizes ? largestFirst(options.sizes) : jobs.map((_, i) => i);
  const outcomes = new Array<FileOutcome>(jobs.length);
  let next = 0;
  let finished = 0;
  return new Promise((resolve) => {
    const settle = (index: number, outcome: FileOutcome): void => {
      outcomes[index] = outcome;
      finished++;
      onOutcome(outcome, index);
      if (finished === jobs.length) resolve(outcomes);
    };
    const start = (): void => {
      if (next >= jobs.length) return;
      const worker = new Worker(script, { workerData: COMBINE_WORKER_DATA, argv: [], stdout: false, stderr: false });
      let current = -1;
      let done = false;
      const give = (): void => {
        if (next >= jobs.length) {
          done = true;
          void worker.terminate();
          return;
        }
        current = order[next++] as number;
        worker.postMessage(jobs[current]);
      };
      worker.on("message", (outcome: FileOutcome) => {
        settle(current, outcome);
        give();
      });
      const died = (reason: string): void => {
        if (done) return;
        done = true;
        const job = jobs[current];
        if (current >= 0 && job && outcomes[current] === undefined)
          settle(current, failedOutcome(job.display, `内部错误：${reason} / Internal error: ${reason}`));
        start();
      };
      worker.on("error", (error) => died(error.message));
      worker.on("exit", (code) => died(`worker exited with code ${code}`));
      give();
    };
    if (jobs.length === 0) resolve(outcomes);
    for (let i = 0; i < Math.min(workers, jobs.length); i++) start();
  });
}
