/**
 * What crosses postMessage: the engine's input and its result are plain data — objects, arrays and
 * primitives only — so a structured clone is cheap and loses nothing (no class instance would keep
 * its prototype, no Map or function would survive as it was).
 */
import { evaluate } from "../core/evaluate";
import { generateLedger, BENCH_TODAY } from "../../test/support/ledger-generator";
import { gridFrom } from "../../test/support/grid-builder";
import { isEngineReply, isEngineRequest } from "./protocol";

/** Paths of every value that is not plain data (a class instance, Map, Set, Date, function…). */
function notPlain(value: unknown, path = "$", seen = new Set<unknown>()): string[] {
  if (value === null || ["string", "number", "boolean", "undefined"].includes(typeof value)) return [];
  if (typeof value !== "object") return [`${path}: ${typeof value}`];
  if (seen.has(value)) return [];
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) return value.flatMap((v, i) => notPlain(v, `${path}[${i}]`, seen));
  if (proto !== Object.prototype && proto !== null) return [`${path}: ${proto?.constructor?.name ?? "?"}`];
  return Object.entries(value).flatMap(([k, v]) => notPlain(v, `${path}.${k}`, seen));
}

describe("the engine's messages", () => {
  const ledger = generateLedger(400).grid;
  const survey = gridFrom(
    [
      ["序号", "对整改工作总体满意度", "对整改措施落实情况满意度"],
      [1, "满意", "基本满意"],
      [2, "不满意", "满意"],
    ],
    { sheet: "满意度调查" },
  );

  it("carry an input and a result of plain data only, which a structured clone copies whole", () => {
    const input = { ledger, survey, today: BENCH_TODAY };
    const evaluation = evaluate(input);
    expect(evaluation.ok).toBe(true);
    expect(notPlain(input)).toEqual([]);
    expect(notPlain(evaluation)).toEqual([]);
    expect(structuredClone(evaluation)).toEqual(evaluation);
  });

  it("carry a failure (no ledger found) as plain data too", () => {
    const evaluation = evaluate({ ledger: gridFrom([["封面"], ["巡察整改工作资料"]]), today: BENCH_TODAY });
    expect(evaluation.ok).toBe(false);
    expect(notPlain(evaluation)).toEqual([]);
  });

  it("are told from anything else on the channel", () => {
    expect(isEngineRequest({ id: 1, input: { today: BENCH_TODAY } })).toBe(true);
    expect(isEngineRequest({ id: "1", input: {} })).toBe(false);
    expect(isEngineRequest(null)).toBe(false);
    expect(isEngineReply({ id: 1, kind: "progress", progress: {} })).toBe(true);
    expect(isEngineReply({ id: 1, kind: "result", evaluation: {} })).toBe(true);
    expect(isEngineReply({ id: 1, kind: "failed", message: "x" })).toBe(true);
    expect(isEngineReply({ id: 1, kind: "other" })).toBe(false);
    expect(isEngineReply("webpackHotUpdate")).toBe(false);
  });
});
