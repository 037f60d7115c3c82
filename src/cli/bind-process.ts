/**
 * The command line bound to the real process: `run` with stdout/stderr, the exit code set rather
 * than forced (so stdout is flushed before the process ends). `./process.ts` (the command line) and
 * `./host-process.ts` (`npm run host`) start it with their backend.
 */
import { run, type EvaluationBackend } from "./run";

export function runInProcess(backend?: EvaluationBackend): void {
  // `… | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  });

  run(
    process.argv.slice(2),
    {
      // A full pipe (a slow reader of a large JSON report): wait until it drains rather than queueing.
      stdout: (text) =>
        process.stdout.write(text) ? undefined : new Promise<void>((resolve) => process.stdout.once("drain", resolve)),
      stderr: (text) => process.stderr.write(text),
      stderrIsTty: process.stderr.isTTY === true,
    },
    backend,
  ).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.stderr.write("内部错误 / Internal error\n");
      process.exitCode = 1;
    },
  );
}
