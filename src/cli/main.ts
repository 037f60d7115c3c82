/**
 * `tsx src/cli/main.ts evaluate LEDGER.xlsx …` (SPEC §9; `npm run cli` starts `./launch.cjs` with
 * plain node): runs the command line from its prebuilt bundle, built when missing or stale (see
 * `./launch.cjs`), so a start does not transpile and load every module one by one.
 * `./process.ts` is what the bundle runs.
 */
const launcher = require("./launch.cjs") as { startCli: () => void };
launcher.startCli();
