/**
 * The entry point of the bundled command line (`./launch.cjs` builds and loads it; `./main.ts` is
 * how `tsx` runs it): the file's own reader and engine. `combine` starts this same bundle in worker
 * threads to evaluate files: there it serves jobs instead.
 */
import { isMainThread, workerData } from "node:worker_threads";
import { runInProcess } from "./bind-process";
import { isCombineWorkerData, serveCombineJobs } from "./combine/worker";

if (!isMainThread && isCombineWorkerData(workerData)) serveCombineJobs();
else runInProcess();
