/**
 * What the one V8-specific trick in the engine buys: each item's `cells` is a copy of a template
 * made by `JSON.parse` (`cellsTemplate` in src/core/items.ts) instead of an object built key by key
 * from `{}`. Both build 100,000 objects with every field a ledger can have (`FIELD_KEYS`) set to cell-like values, then read
 * every field of every object (what the rules do); the figures are the minimum of several runs and
 * the heap the objects retain.
 *
 *   node --expose-gc --import tsx bench/fast-properties.ts
 */
import { cellsTemplate } from "../src/core/items";
import { FIELD_KEYS } from "../src/core/types";

const ITEMS = 100_000;
const RUNS = 5;
const gc = (globalThis as { gc?: () => void }).gc;

type Cells = Record<string, { text: string; col: number } | null>;
const fields = FIELD_KEYS.map((field, col) => ({ field, col: col + 1 }));
const template = cellsTemplate(fields);

const builders: Record<string, () => Cells> = {
  "key by key from {}": () => ({}) as Cells,
  "copy of the JSON.parse template": () => ({ ...template }) as unknown as Cells,
};

function build(start: () => Cells): Cells[] {
  const all = new Array<Cells>(ITEMS);
  for (let i = 0; i < ITEMS; i++) {
    const cells = start();
    for (const { field, col } of fields) cells[field] = { text: `${i}`, col };
    all[i] = cells;
  }
  return all;
}

function readAll(all: readonly Cells[]): number {
  let sum = 0;
  for (const cells of all) for (const { field } of fields) sum += cells[field]?.col ?? 0;
  return sum;
}

function measure(name: string, start: () => Cells): string {
  let buildMs = Infinity;
  let readMs = Infinity;
  let heapMb = 0;
  for (let run = 0; run < RUNS; run++) {
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const all = build(start);
    const t1 = performance.now();
    if (readAll(all) <= 0) throw new Error("nothing read");
    const t2 = performance.now();
    gc?.();
    // The largest delta: a later run's starting heap may still hold the previous run's objects.
    heapMb = Math.max(heapMb, (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20);
    buildMs = Math.min(buildMs, t1 - t0);
    readMs = Math.min(readMs, t2 - t1);
    if (all.length !== ITEMS) throw new Error("lost objects");
  }
  const heap = gc ? `${heapMb.toFixed(0)} MB retained` : "heap: run with --expose-gc";
  return `${name.padEnd(34)} build ${buildMs.toFixed(0).padStart(4)} ms · read ${readMs.toFixed(0).padStart(4)} ms · ${heap}`;
}

console.log(`${ITEMS.toLocaleString("en")} items × ${fields.length} fields (min of ${RUNS} runs)`);
for (const [name, start] of Object.entries(builders)) console.log(measure(name, start));
