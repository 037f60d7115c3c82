// Preloaded into benchmarked child processes: reports the process's own peak RSS (KB) at exit.
const fs = require("node:fs");
process.on("exit", () => {
  if (process.env.BENCH_RSS_OUT) fs.writeFileSync(process.env.BENCH_RSS_OUT, String(process.resourceUsage().maxRSS));
});
