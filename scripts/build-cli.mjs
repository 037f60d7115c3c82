// `npm run build:cli`: builds the command line's bundle now (src/cli/launch.cjs otherwise builds it
// on first use when it is missing or older than its sources) and says where it is and how large.
import { createRequire } from "node:module";
import { statSync } from "node:fs";

const require = createRequire(import.meta.url);
const { buildBundle, BUNDLE } = require("../src/cli/launch.cjs");

buildBundle();
console.log(`${BUNDLE} (${(statSync(BUNDLE).size / 1024).toFixed(0)} KB)`);
