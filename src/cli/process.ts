/**
 * The command line bound to the real process: `run` with stdout/stderr, the exit code set rather
 * than forced (so stdout is flushed before the process ends). This is the entry point of the
 * bundled command line (`./launch.cjs` builds and loads it; `./main.ts` is how `tsx` runs it).
 */
import { isMainThread, workerData } from "node:worker_threads";
import { isCombineWorkerData, serveCombineJobs } from "./combine/worker";
import { run } from "./run";

// `combine` starts this same bundle in worker threads to evaluate files: there it serves jobs.
if (!isMainThread && isCombineWorkerData(workerData)) serveCombineJobs();
else startCommandLine();

function startCommandLine(): void {
  // `… | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  });

  run(process.argv.slice(2), {
    // A full pipe (a slow reader of a large JSON report): wait until it drains rather than queueing.
    stdout: (text) =>
      process.stdout.write(text) ? undefined : new Promise<void>((resolve) => process.stdout.once("drain", resolve)),
    stderr: (text) => process.stderr.write(text),
    stderrIsTty: process.stderr.isTTY === true,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.stderr.write("内部错误 / Internal error\n");
      process.exitCode = 1;
    },
  );
}
