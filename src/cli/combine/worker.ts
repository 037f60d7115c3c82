/**
 * The worker side of `combine`: a worker thread started on the command line's own bundle (see
 * `./pool.ts`) evaluates the files it is sent, one at a time, and posts each outcome back.
 */
import { parentPort } from "node:worker_threads";
import { evaluateLedgerFile, type FileJob } from "./evaluate-file";
import { transferablesOf } from "./packed-rows";

/** What a `combine` worker is started with, so the bundle knows to serve jobs rather than run the command line. */
export const COMBINE_WORKER_DATA = { zgtzRole: "combine-worker" } as const;

export function isCombineWorkerData(data: unknown): boolean {
  return typeof data === "object" && data !== null && (data as { zgtzRole?: unknown }).zgtzRole === "combine-worker";
}

export function serveCombineJobs(): void {
  const port = parentPort;
  if (!port) throw new Error("serveCombineJobs: not in a worker thread");
  port.on("message", (job: FileJob) => {
    void evaluateLedgerFile(job).then((outcome) => port.postMessage(outcome, transferablesOf(outcome.rows)));
  });
}
