/**
 * The task pane's responsiveness during 评估 on a 3,000-item ledger: the preview bundle (the pane over
 * the Excel double, `?items=3000`) in headless Chromium, the longest task on the page's UI thread from
 * the click until the results are drawn — the pane's own share (the double's batches, Excel's work in
 * Office, left out) and the whole task — with the engine in its Web Worker, as shipped, and in the
 * page's thread (`?engine=thread`) for comparison. Each is the best of up to three fresh pages
 * (test/support/long-tasks.ts says why). Needs /usr/bin/chromium; null without it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { bestOf, measureEvaluate, type EvaluateLongTasks } from "../test/support/long-tasks";
import { serveFolder } from "../test/support/static-server";

const CHROMIUM = "/usr/bin/chromium";
export const PANE_ITEMS = 3_000;
/** The budget: no task of the pane's UI thread over this during 评估 (issue: the pane never blocks longer). */
export const PANE_LONGEST_TASK_BUDGET_MS = 100;

export interface PaneFigures {
  readonly items: number;
  /** The engine in its worker (the shipped pane). */
  readonly worker: EvaluateLongTasks;
  /** The engine in the page's thread. */
  readonly inThread: EvaluateLongTasks;
}

export async function benchPane(repo: string): Promise<PaneFigures | null> {
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`bench: no ${CHROMIUM}, the pane's responsiveness is not measured\n`);
    return null;
  }
  const out = mkdtempSync(join(tmpdir(), "zgtz-preview-"));
  try {
    const build = spawnSync(
      process.execPath,
      [
        join(repo, "node_modules/webpack/bin/webpack.js"),
        "--mode",
        "production",
        "--env",
        "preview",
        "--env",
        `outputPath=${out}`,
      ],
      { cwd: repo, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    if (build.status !== 0) throw new Error(`bench: preview build failed\n${build.stdout}\n${build.stderr}`);
    const server = await serveFolder(out);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    try {
      const url = `${server.url}taskpane.html?items=${PANE_ITEMS}`;
      const worker = await bestOf(3, PANE_LONGEST_TASK_BUDGET_MS, () => measureEvaluate(browser, url));
      const inThread = await bestOf(3, PANE_LONGEST_TASK_BUDGET_MS, () =>
        measureEvaluate(browser, `${url}&engine=thread`),
      );
      if (worker.best.answered.worker < 1) throw new Error("bench: the pane did not use its engine worker");
      return { items: PANE_ITEMS, worker: worker.best, inThread: inThread.best };
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Run alone: `node --import tsx bench/pane.ts` prints the figures (no production build needed). */
if (require.main === module) {
  benchPane(join(__dirname, ".."))
    .then((figures) => process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
