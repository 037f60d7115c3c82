/**
 * The entry point of `npm run host` (bundled by `./launch.cjs` like the command line): the same
 * arguments and reports, evaluated by the add-in's path over the Excel double (`./host.ts`).
 */
import { runInProcess } from "./bind-process";
import { hostBackend } from "./host";

runInProcess(hostBackend());
