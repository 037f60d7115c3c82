/**
 * What two threads of one process get from this machine, whatever our code does: the same fixed work
 * in one worker thread, then in two at once, for pure computation (a loop over numbers, nothing
 * allocated) and for allocation-heavy work (short-lived arrays of small objects and strings, as
 * reading a ledger's XML is). factor = 2 × time(one) ÷ time(two): 2 on two idle, independent cores.
 *
 * Why it is printed beside `--jobs 2`: on a virtual machine the two "cores" may share a physical
 * core's caches and memory bandwidth, and the allocation-heavy factor is then well under 2 even
 * though the computation factor is near it — a ceiling for `combine --jobs 2` that no change to
 * the pool can lift.
 */
import { Worker } from "node:worker_threads";

export type ProbeKind = "computation" | "allocation";

/** The work of one thread, as a script for `new Worker(…, { eval: true })`. Sized at ~1.5 s on one idle core. */
const WORK = `
const { parentPort, workerData } = require("node:worker_threads");
let kept = 0;
if (workerData === "computation") {
  let s = 0;
  for (let i = 0; i < 1.3e8; i++) s = (s + i * 7) % 1000003;
  kept = s;
} else {
  for (let round = 0; round < 10; round++) {
    const rows = [];
    for (let i = 0; i < 2e5; i++) rows.push({ i, text: "x" + i, pair: [i, i + 1] });
    kept += rows.length;
  }
}
parentPort.postMessage(kept);
`;

function runThreads(kind: ProbeKind, threads: number): Promise<number> {
  const start = process.hrtime.bigint();
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORK, { eval: true, workerData: kind });
      worker.once("message", () => resolve());
      worker.once("error", reject);
    });
  return Promise.all(Array.from({ length: threads }, one)).then(() => Number(process.hrtime.bigint() - start) / 1e6);
}

export interface ThreadProbe {
  readonly computation: number;
  readonly allocation: number;
}

/** Each kind: one thread, then two at once, twice over; the factor from the faster of each. */
export async function probeThreads(): Promise<ThreadProbe> {
  const factor = async (kind: ProbeKind): Promise<number> => {
    const one: number[] = [];
    const two: number[] = [];
    for (let round = 0; round < 2; round++) {
      one.push(await runThreads(kind, 1));
      two.push(await runThreads(kind, 2));
    }
    return (2 * Math.min(...one)) / Math.min(...two);
  };
  return { computation: await factor("computation"), allocation: await factor("allocation") };
}

export function threadProbeLine(probe: ThreadProbe): string {
  return (
    `Machine, two threads of one process against one: pure computation ${probe.computation.toFixed(2)}×, ` +
    `allocation-heavy (as reading a ledger is) ${probe.allocation.toFixed(2)}×`
  );
}
