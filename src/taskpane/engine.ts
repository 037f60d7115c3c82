/**
 * The engine runner of the pane's page: the Web Worker whose script taskpane.html names in its
 * `<meta name="zgtz-engine-worker">` (the build writes the hashed file name there, so no bundle
 * needs to know its own URL), else the engine in the page's thread.
 */
import {
  combineFileInThread,
  runEngineInThread,
  workerEngineRunner,
  type WorkerEngineRunner,
  type WorkerLike,
} from "../engine-worker/runner";

export const ENGINE_WORKER_META = "zgtz-engine-worker";

/** Makes a worker for a script URL (the page's `Worker`, or a fake in tests). */
export type StartWorker = (url: string) => WorkerLike;

const pageWorker: StartWorker | null =
  typeof Worker === "function" ? (url) => new Worker(url, { name: "zgtz-engine" }) : null;

/** The worker's script URL named by the page, resolved against the page's address; null when none is named. */
export function engineWorkerUrl(doc: Document): string | null {
  const src = doc.querySelector(`meta[name="${ENGINE_WORKER_META}"]`)?.getAttribute("content")?.trim();
  return src ? new URL(src, doc.baseURI).href : null;
}

/**
 * The runner for this page: worker-backed when the page names a worker script and can start
 * workers (a worker that then fails to start falls back by itself), else in the page's thread.
 */
export function pageEngineRunner(doc: Document, startWorker: StartWorker | null = pageWorker): WorkerEngineRunner {
  const url = engineWorkerUrl(doc);
  if (url === null || startWorker === null) {
    const answered = { worker: 0, inThread: 0 };
    return {
      run: async (input, onProgress) => {
        const evaluation = await runEngineInThread(input, onProgress);
        answered.inThread += 1;
        return evaluation;
      },
      combineFile: async (input) => {
        const outcome = await combineFileInThread(input);
        answered.inThread += 1;
        return outcome;
      },
      mode: () => "in-thread",
      answered,
    };
  }
  return workerEngineRunner(() => startWorker(url));
}
