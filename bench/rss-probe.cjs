// Preloaded into benchmarked child processes: reports the process's own peak RSS (KB) at exit and,
// when asked, the CPU time all its threads used (ms, user + system: worker threads included).
const fs = require("node:fs");
process.on("exit", () => {
  if (process.env.BENCH_RSS_OUT) fs.writeFileSync(process.env.BENCH_RSS_OUT, String(process.resourceUsage().maxRSS));
  if (process.env.BENCH_CPU_OUT) {
    const { user, system } = process.cpuUsage();
    fs.writeFileSync(process.env.BENCH_CPU_OUT, String((user + system) / 1000));
  }
});
