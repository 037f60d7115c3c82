/**
 * The worker's side: answers each `EngineRequest` with the engine's `Evaluation` — its items and
 * findings in pieces, then the rest (protocol.ts) — passing on its progress at most every
 * `PROGRESS_INTERVAL_MS` (each message costs the page a task); and each `CombineFileRequest` (合并多个
 * 单位台账) with the picked file's outcome.
 */
import { evaluate, type Evaluation } from "../core/evaluate";
import { evaluatePickedFile } from "./combine-file";
import { isCombineFileRequest, isEngineRequest, type EngineReply } from "./protocol";

/** The least time between two progress messages: a smooth bar, and few tasks for the page. */
export const PROGRESS_INTERVAL_MS = 50;
/** Items, and findings, per message of a result (see `EngineReply`): each read by the page in a few ms. */
export const ITEMS_PER_MESSAGE = 250;
export const FINDINGS_PER_MESSAGE = 500;

/** The messages that carry an evaluation: a ledger's items and findings in pieces, then the rest. */
export function resultReplies(id: number, evaluation: Evaluation): EngineReply[] {
  if (!evaluation.ok) return [{ id, kind: "result", evaluation }];
  const { items, findings } = evaluation.result;
  const replies: EngineReply[] = [];
  for (let i = 0; i < items.length; i += ITEMS_PER_MESSAGE)
    replies.push({ id, kind: "items", items: items.slice(i, i + ITEMS_PER_MESSAGE) });
  for (let i = 0; i < findings.length; i += FINDINGS_PER_MESSAGE)
    replies.push({ id, kind: "findings", findings: findings.slice(i, i + FINDINGS_PER_MESSAGE) });
  replies.push({
    id,
    kind: "result",
    evaluation: { ok: true, result: { ...evaluation.result, items: [], findings: [] } },
  });
  return replies;
}

/** What the worker needs of its global scope (`self` in a dedicated worker). */
export interface EngineScope {
  postMessage(reply: EngineReply): void;
  addEventListener(type: "message", listener: (event: { readonly data: unknown }) => void): void;
}

export function serveEngine(scope: EngineScope, now: () => number = () => performance.now()): void {
  scope.addEventListener("message", ({ data }) => {
    if (isCombineFileRequest(data)) {
      const { id, file } = data;
      evaluatePickedFile(file).then(
        (outcome) => scope.postMessage({ id, kind: "combined", outcome }),
        (error: unknown) =>
          scope.postMessage({ id, kind: "failed", message: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
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
      for (const reply of resultReplies(id, evaluation)) scope.postMessage(reply);
    } catch (error) {
      scope.postMessage({ id, kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  });
}
