/**
 * The entry point of the bundled command line (`./launch.cjs` builds and loads it; `./main.ts` is
 * how `tsx` runs it): the file's own reader and engine.
 */
import { runInProcess } from "./bind-process";

runInProcess();
