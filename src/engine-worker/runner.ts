/**
 * How the Excel adapter runs the engine: in the page's own thread (the command-line host, tests), or
 * in a Web Worker (the task pane), so that evaluating a large ledger never blocks the pane — it keeps
 * painting its progress bar while the engine works.
 *
 * A worker that cannot start (a webview without workers, a Content-Security-Policy that forbids the
 * script, a file that does not load) or fails later is given up quietly: that evaluation and every
 * later one runs in the page's thread instead, with the same result. The user sees no error, only a
 * pane that is less smooth on a very large ledger.
 */
import { evaluate, type Evaluation } from "../core/evaluate";
import type { EngineProgress } from "../core/progress";
import type { EvaluatedItem, Finding } from "../core/types";
import type { CombineFileInput, PaneUnitOutcome } from "./combine-file";
import {
  isEngineReply,
  type CombineFileRequest,
  type EngineInput,
  type EngineReply,
  type EngineRequest,
  type WorkerRequest,
} from "./protocol";

export type { EngineInput };

/** Evaluates one input; `onProgress` is told how far it has gone. */
export type EngineRunner = (input: EngineInput, onProgress?: (progress: EngineProgress) => void) => Promise<Evaluation>;

/** 合并多个单位台账: reads and evaluates one picked file. */
export type CombineFileRunner = (input: CombineFileInput) => Promise<PaneUnitOutcome>;

/**
 * A picked file read and evaluated in the caller's thread. The .xlsx reader is loaded only when a file
 * is first read here (it is in the worker's script already), so the pane's first download stays small.
 */
export const combineFileInThread: CombineFileRunner = async (input) =>
  (await import(/* webpackChunkName: "xlsx-reader" */ "./combine-file")).evaluatePickedFile(input);

/** The engine in the caller's thread. */
export const runEngineInThread: EngineRunner = async (input, onProgress) => evaluate({ ...input, onProgress });

/** What the runner needs of a `Worker` (a fake one in unit tests). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  addEventListener(
    type: "message" | "error" | "messageerror",
    listener: (event: { readonly data?: unknown; preventDefault?(): void }) => void,
  ): void;
  terminate(): void;
}

export type EngineMode = "worker" | "in-thread";

export interface WorkerEngineRunner {
  readonly run: EngineRunner;
  /** 合并多个单位台账's files, each read and evaluated in the worker (else in the page's thread). */
  readonly combineFile: CombineFileRunner;
  /** Where the next evaluation will run. */
  mode(): EngineMode;
  /** Evaluations answered so far by the worker and in the page's thread. */
  readonly answered: { readonly worker: number; readonly inThread: number };
}

/** A picked file waiting for the worker's answer. */
interface FileJob {
  readonly input: CombineFileInput;
  readonly resolve: (outcome: PaneUnitOutcome) => void;
  readonly reject: (error: unknown) => void;
}

interface Job {
  readonly input: EngineInput;
  readonly onProgress: ((progress: EngineProgress) => void) | undefined;
  readonly resolve: (evaluation: Evaluation) => void;
  readonly reject: (error: unknown) => void;
  /** The result's pieces received so far. */
  readonly items: EvaluatedItem[];
  readonly findings: Finding[];
}

/**
 * A runner over the worker `startWorker` makes (started at once, so its script loads while the user
 * looks at the pane). `fallback` runs what the worker cannot.
 */
export function workerEngineRunner(
  startWorker: () => WorkerLike,
  fallback: EngineRunner = runEngineInThread,
  combineFallback: CombineFileRunner = combineFileInThread,
): WorkerEngineRunner {
  const jobs = new Map<number, Job>();
  const fileJobs = new Map<number, FileJob>();
  const answered = { worker: 0, inThread: 0 };
  let nextId = 1;
  let worker: WorkerLike | null = null;

  const inThread = (job: Job): void => {
    fallback(job.input, job.onProgress).then((evaluation) => {
      answered.inThread += 1;
      job.resolve(evaluation);
    }, job.reject);
  };

  const fileInThread = (job: FileJob): void => {
    combineFallback(job.input).then((outcome) => {
      answered.inThread += 1;
      job.resolve(outcome);
    }, job.reject);
  };

  /** The worker failed to start or broke: it is dropped, and what it held runs in this thread. */
  const giveUp = (event?: { preventDefault?(): void }): void => {
    event?.preventDefault?.();
    if (worker === null) return;
    const dropped = worker;
    worker = null;
    try {
      dropped.terminate();
    } catch {
      // Already gone: nothing to stop.
    }
    const waiting = [...jobs.values()];
    const waitingFiles = [...fileJobs.values()];
    jobs.clear();
    fileJobs.clear();
    waiting.forEach(inThread);
    waitingFiles.forEach(fileInThread);
  };

  const onReply = (data: unknown): void => {
    if (!isEngineReply(data)) return;
    const fileJob = fileJobs.get(data.id);
    if (fileJob) {
      if (data.kind !== "combined" && data.kind !== "failed") return;
      fileJobs.delete(data.id);
      if (data.kind === "failed") return fileInThread(fileJob);
      answered.worker += 1;
      fileJob.resolve(data.outcome);
      return;
    }
    const job = jobs.get(data.id);
    if (!job) return;
    if (data.kind === "progress") {
      job.onProgress?.(data.progress);
      return;
    }
    if (data.kind === "items") {
      for (const item of data.items) job.items.push(item);
      return;
    }
    if (data.kind === "findings") {
      for (const finding of data.findings) job.findings.push(finding);
      return;
    }
    if (data.kind === "combined") return; // not an evaluation's reply
    jobs.delete(data.id);
    if (data.kind === "failed") return inThread(job);
    answered.worker += 1;
    const { evaluation } = data;
    job.resolve(
      evaluation.ok
        ? { ok: true, result: { ...evaluation.result, items: job.items, findings: job.findings } }
        : evaluation,
    );
  };

  try {
    const started = startWorker();
    started.addEventListener("message", (event) => onReply(event.data));
    started.addEventListener("error", giveUp);
    started.addEventListener("messageerror", giveUp);
    worker = started;
  } catch {
    worker = null; // no Worker at all, or one the page may not start
  }

  const run: EngineRunner = (input, onProgress) =>
    new Promise<Evaluation>((resolve, reject) => {
      const job: Job = { input, onProgress, resolve, reject, items: [], findings: [] };
      if (worker === null) return inThread(job);
      const id = nextId++;
      jobs.set(id, job);
      try {
        worker.postMessage({ id, input } satisfies EngineRequest);
      } catch {
        // The input could not be cloned: this one runs here, the worker stays for the next.
        jobs.delete(id);
        inThread(job);
      }
    });

  const combineFile: CombineFileRunner = (input) =>
    new Promise<PaneUnitOutcome>((resolve, reject) => {
      const job: FileJob = { input, resolve, reject };
      if (worker === null) return fileInThread(job);
      const id = nextId++;
      fileJobs.set(id, job);
      try {
        worker.postMessage({ id, kind: "combine-file", file: input } satisfies CombineFileRequest);
      } catch {
        fileJobs.delete(id);
        fileInThread(job);
      }
    });

  return { run, combineFile, mode: () => (worker === null ? "in-thread" : "worker"), answered };
}

export type { EngineReply };
