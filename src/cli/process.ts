/**
 * `npm run --silent cli -- evaluate LEDGER.xlsx …` (SPEC §9): binds `run` to the real process.
 * The exit code is set rather than forced, so stdout is flushed before the process ends.
 */
import { run } from "./run";

// `… | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
});

run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.stderr.write("内部错误 / Internal error\n");
    process.exitCode = 1;
  },
);
