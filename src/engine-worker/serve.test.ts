/** The worker's side: one reply per request, progress at most every PROGRESS_INTERVAL_MS, a thrown engine reported. */
import { BENCH_TODAY, generateLedger } from "../../test/support/ledger-generator";
import { evaluate } from "../core/evaluate";
import type { EngineReply } from "./protocol";
import { FINDINGS_PER_MESSAGE, ITEMS_PER_MESSAGE, PROGRESS_INTERVAL_MS, serveEngine } from "./serve";

function served(now: () => number) {
  const replies: EngineReply[] = [];
  let listener: ((event: { data: unknown }) => void) | null = null;
  serveEngine({ postMessage: (reply) => replies.push(reply), addEventListener: (_type, l) => (listener = l) }, now);
  return { replies, send: (data: unknown) => listener?.({ data }) };
}

describe("serveEngine", () => {
  const ledger = generateLedger(1_000).grid;

  it("answers a request with the engine's evaluation under the request's id: items and findings in pieces, then the rest", () => {
    const { replies, send } = served(() => 0);
    send({ id: 7, input: { ledger, today: BENCH_TODAY } });
    const evaluation = evaluate({ ledger, today: BENCH_TODAY });
    if (!evaluation.ok) throw new Error(evaluation.message.en);
    const { items, findings } = evaluation.result;
    expect(replies.every((r) => r.id === 7)).toBe(true);
    const kinds = replies.map((r) => r.kind);
    expect(kinds).toEqual([
      ...Array(Math.ceil(items.length / ITEMS_PER_MESSAGE)).fill("items"),
      ...Array(Math.ceil(findings.length / FINDINGS_PER_MESSAGE)).fill("findings"),
      "result",
    ]);
    expect(replies.flatMap((r) => (r.kind === "items" ? r.items : []))).toEqual(items);
    expect(replies.flatMap((r) => (r.kind === "findings" ? r.findings : []))).toEqual(findings);
    expect(replies.at(-1)).toEqual({
      id: 7,
      kind: "result",
      evaluation: { ok: true, result: { ...evaluation.result, items: [], findings: [] } },
    });
  });

  it("answers a sheet without a ledger in one message", () => {
    const { replies, send } = served(() => 0);
    const notLedger = { ...ledger, values: [["封面"]], numberFormats: undefined, merges: [] };
    send({ id: 2, input: { ledger: notLedger, today: BENCH_TODAY } });
    expect(replies).toEqual([
      { id: 2, kind: "result", evaluation: evaluate({ ledger: notLedger, today: BENCH_TODAY }) },
    ]);
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
    expect(replies.some((r) => r.kind === "progress")).toBe(false);
  });

  it("reports an engine that throws instead of dying, and ignores other messages", () => {
    const { replies, send } = served(() => 0);
    send("not a request");
    send({ id: 3, input: { ledger: null, today: BENCH_TODAY } });
    expect(replies).toEqual([{ id: 3, kind: "failed", message: expect.any(String) }]);
  });
});
