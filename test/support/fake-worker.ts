/**
 * A `Worker` for the runner's unit tests: the engine's real worker side (`serveEngine`) behind a
 * message channel that copies every message with `structuredClone` and delivers it in a later task,
 * as a browser does. It can also be a worker that never starts, or breaks.
 */
import { deserialize, serialize } from "node:v8";
import type { EngineReply, WorkerRequest } from "../../src/engine-worker/protocol";
import type { WorkerLike } from "../../src/engine-worker/runner";
import { resultReplies, serveEngine } from "../../src/engine-worker/serve";
import type { Evaluation } from "../../src/core/evaluate";

/** A structured clone (as `postMessage` makes), also where the test environment (jsdom) has no `structuredClone`. */
const clone = <T>(value: T): T => deserialize(serialize(value)) as T;

type Listener = (event: { readonly data?: unknown; preventDefault?(): void }) => void;

export class FakeWorker implements WorkerLike {
  readonly requests: WorkerRequest[] = [];
  terminated = false;
  /** How many error events were cancelled (so the page logs nothing). */
  cancelledErrors = 0;
  private readonly listeners = new Map<string, Listener[]>();
  private readonly insideListeners: ((event: { readonly data: unknown }) => void)[] = [];

  /**
   * `serve`: run the engine behind the channel (false: a worker that takes requests and answers only
   * what the test sends with `reply`); `now`: the worker's clock.
   */
  constructor(options: { serve?: boolean; now?: () => number } = {}) {
    if (options.serve ?? true)
      serveEngine(
        {
          postMessage: (reply: EngineReply) => this.deliver("message", clone(reply)),
          addEventListener: (_type, listener) => this.insideListeners.push(listener),
        },
        options.now,
      );
  }

  postMessage(message: WorkerRequest): void {
    const copy = clone(message); // throws on what cannot be cloned (a function), as a browser does
    this.requests.push(message);
    setTimeout(() => this.insideListeners.forEach((listener) => listener({ data: copy })), 0);
  }

  addEventListener(type: "message" | "error" | "messageerror", listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Fires an event at the page's side in a later task (an error event when the script fails to load). */
  fail(type: "error" | "messageerror" = "error"): void {
    setTimeout(() => this.emit(type, undefined), 0);
  }

  /** Delivers an evaluation to the page's side now, in the messages the worker sends for it. */
  answer(id: number, evaluation: Evaluation): void {
    for (const reply of resultReplies(id, evaluation)) this.emit("message", clone(reply));
  }

  /** Delivers `data` to the page's side now, as the worker would have (a reply the test writes). */
  reply(data: unknown): void {
    this.emit("message", data);
  }

  private deliver(type: string, data: unknown): void {
    setTimeout(() => {
      if (!this.terminated) this.emit(type, data);
    }, 0);
  }

  private emit(type: string, data: unknown): void {
    const event = { data, preventDefault: () => (this.cancelledErrors += 1) };
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}
