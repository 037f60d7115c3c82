/**
 * The worker's side: answers each `EngineRequest` with the engine's `Evaluation`, passing on its
 * progress at most every `PROGRESS_INTERVAL_MS` (each message costs the page a task).
 */
import { evaluate } from "../core/evaluate";
import { isEngineRequest, type EngineReply } from "./protocol";

/** The least time between two progress messages: a smooth bar, and few tasks for the page. */
export const PROGRESS_INTERVAL_MS = 50;

/** What the worker needs of its global scope (`self` in a dedicated worker). */
export interface EngineScope {
  postMessage(reply: EngineReply): void;
  addEventListener(type: "message", listener: (event: { readonly data: unknown }) => void): void;
}

export function serveEngine(scope: EngineScope, now: () => number = () => performance.now()): void {
  scope.addEventListener("message", ({ data }) => {
    if (!isEngineRequest(data)) return;
    const { id, input } = data;
    let last = now();
    try {
      const evaluation = evaluate({
        ...input,
        onProgress: (progress) => {
          const at = now();
          if (at - last < PROGRESS_INTERVAL_MS) return;
          last = at;
          scope.postMessage({ id, kind: "progress", progress });
        },
      });
      scope.postMessage({ id, kind: "result", evaluation });
    } catch (error) {
      scope.postMessage({ id, kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  });
}
