/**
 * `npm run host`: starts the `host` bundle (src/cli/host-process.ts), built when missing or stale,
 * as `./launch.cjs` starts the command line's.
 */
"use strict";
require("./launch.cjs").startCli("host");
