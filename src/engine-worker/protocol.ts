/**
 * The messages between the pane and the engine's Web Worker. Plain data only: the input (grids,
 * today, settings) and the `Evaluation` cross `postMessage` by structured clone, which copies plain
 * objects, arrays and primitives cheaply (the result holds nothing else — a test holds it so).
 */
import type { EvaluateInput, Evaluation } from "../core/evaluate";
import type { EngineProgress } from "../core/progress";

/** The engine's input without its progress callback (a function cannot be cloned). */
export type EngineInput = Omit<EvaluateInput, "onProgress">;

export interface EngineRequest {
  readonly id: number;
  readonly input: EngineInput;
}

export type EngineReply =
  | { readonly id: number; readonly kind: "progress"; readonly progress: EngineProgress }
  | { readonly id: number; readonly kind: "result"; readonly evaluation: Evaluation }
  /** The engine threw (a bug): the page runs the same input in its own thread, where it fails the same way. */
  | { readonly id: number; readonly kind: "failed"; readonly message: string };

export function isEngineRequest(data: unknown): data is EngineRequest {
  if (typeof data !== "object" || data === null) return false;
  const { id, input } = data as { id?: unknown; input?: unknown };
  return typeof id === "number" && typeof input === "object" && input !== null;
}

export function isEngineReply(data: unknown): data is EngineReply {
  if (typeof data !== "object" || data === null) return false;
  const { id, kind } = data as { id?: unknown; kind?: unknown };
  return typeof id === "number" && (kind === "progress" || kind === "result" || kind === "failed");
}
