/**
 * The messages between the pane and the engine's Web Worker. Plain data only: the input (grids,
 * today, settings) and the `Evaluation` cross `postMessage` by structured clone, which copies plain
 * objects, arrays and primitives cheaply (the result holds nothing else — a test holds it so).
 */
import type { EvaluateInput, Evaluation } from "../core/evaluate";
import type { EngineProgress } from "../core/progress";
import type { EvaluatedItem, Finding } from "../core/types";
import type { CombineFileInput, PaneUnitOutcome } from "./combine-file";

/** The engine's input without its progress callback (a function cannot be cloned). */
export type EngineInput = Omit<EvaluateInput, "onProgress">;

export interface EngineRequest {
  readonly id: number;
  readonly input: EngineInput;
}

/** 合并多个单位台账: one picked file to read and evaluate (its bytes copied to the worker). */
export interface CombineFileRequest {
  readonly id: number;
  readonly kind: "combine-file";
  readonly file: CombineFileInput;
}

/** What the page sends the worker. */
export type WorkerRequest = EngineRequest | CombineFileRequest;

/**
 * The worker's replies to one request, in order: progress now and then; then, for a ledger, its items
 * and its findings in pieces (`items`, `findings`); then `result` — the evaluation with empty `items`
 * and `findings`, which the pieces fill in that order. A piece is a message of its own because the
 * page reads each message in one task: the whole result of a few thousand items in one message took
 * the page over 100 ms to read.
 */
export type EngineReply =
  | { readonly id: number; readonly kind: "progress"; readonly progress: EngineProgress }
  | { readonly id: number; readonly kind: "items"; readonly items: readonly EvaluatedItem[] }
  | { readonly id: number; readonly kind: "findings"; readonly findings: readonly Finding[] }
  | { readonly id: number; readonly kind: "result"; readonly evaluation: Evaluation }
  /** A picked file's outcome (`CombineFileRequest`), in one message: counts and its red and yellow items. */
  | { readonly id: number; readonly kind: "combined"; readonly outcome: PaneUnitOutcome }
  /** The engine threw (a bug): the page runs the same input in its own thread, where it fails the same way. */
  | { readonly id: number; readonly kind: "failed"; readonly message: string };

export function isCombineFileRequest(data: unknown): data is CombineFileRequest {
  if (typeof data !== "object" || data === null) return false;
  const { id, kind, file } = data as { id?: unknown; kind?: unknown; file?: unknown };
  return typeof id === "number" && kind === "combine-file" && typeof file === "object" && file !== null;
}

export function isEngineRequest(data: unknown): data is EngineRequest {
  if (typeof data !== "object" || data === null) return false;
  const { id, input } = data as { id?: unknown; input?: unknown };
  return typeof id === "number" && typeof input === "object" && input !== null;
}

const REPLY_KINDS: ReadonlySet<string> = new Set<EngineReply["kind"]>([
  "progress",
  "items",
  "findings",
  "result",
  "combined",
  "failed",
]);

export function isEngineReply(data: unknown): data is EngineReply {
  if (typeof data !== "object" || data === null) return false;
  const { id, kind } = data as { id?: unknown; kind?: unknown };
  return typeof id === "number" && typeof kind === "string" && REPLY_KINDS.has(kind);
}
