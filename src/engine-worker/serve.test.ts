/** The worker's side: one reply per request, progress at most every PROGRESS_INTERVAL_MS, a thrown engine reported. */
import { BENCH_TODAY, generateLedger } from "../../bench/generate";
import { evaluate } from "../core/evaluate";
import type { EngineReply } from "./protocol";
import { PROGRESS_INTERVAL_MS, serveEngine } from "./serve";

function served(now: () => number) {
  const replies: EngineReply[] = [];
  let listener: ((event: { data: unknown }) => void) | null = null;
  serveEngine({ postMessage: (reply) => replies.push(reply), addEventListener: (_type, l) => (listener = l) }, now);
  return { replies, send: (data: unknown) => listener?.({ data }) };
}

describe("serveEngine", () => {
  const ledger = generateLedger(1_000).grid;

  it("answers a request with the engine's evaluation under the request's id", () => {
    const { replies, send } = served(() => 0);
    send({ id: 7, input: { ledger, today: BENCH_TODAY } });
    expect(replies).toEqual([{ id: 7, kind: "result", evaluation: evaluate({ ledger, today: BENCH_TODAY }) }]);
  });

  it("sends progress no more often than every PROGRESS_INTERVAL_MS of its clock", () => {
    let clock = 0;
    const step = 10;
    const { replies, send } = served(() => (clock += step));
    send({ id: 1, input: { ledger, today: BENCH_TODAY } });
    const progress = replies.filter((r) => r.kind === "progress");
    expect(progress.length).toBeGreaterThan(0);
    // Each report reads the clock once: `calls` reports took `calls * step` ms.
    const calls = clock / step - 1;
    expect(progress.length).toBeLessThanOrEqual(Math.ceil((calls * step) / PROGRESS_INTERVAL_MS));
    expect(replies.at(-1)?.kind).toBe("result");
  });

  it("sends no progress when the evaluation is quicker than the interval", () => {
    const { replies, send } = served(() => 0);
    send({ id: 1, input: { ledger, today: BENCH_TODAY } });
    expect(replies.map((r) => r.kind)).toEqual(["result"]);
  });

  it("reports an engine that throws instead of dying, and ignores other messages", () => {
    const { replies, send } = served(() => 0);
    send("not a request");
    send({ id: 3, input: { ledger: null, today: BENCH_TODAY } });
    expect(replies).toEqual([{ id: 3, kind: "failed", message: expect.any(String) }]);
  });
});
