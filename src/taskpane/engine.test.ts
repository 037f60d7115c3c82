/** @jest-environment jsdom */
/** Which engine runner the pane's page gets: the worker its page names, else the engine in the page's thread. */
import "../../test/support/jsdom-setup";
import { pageEngineRunner, engineWorkerUrl, ENGINE_WORKER_META } from "./engine";
import { evaluate } from "../core/evaluate";
import { FakeWorker } from "../../test/support/fake-worker";
import { sampleLedger } from "../../test/support/fake-host";

function pageNaming(src: string | null): Document {
  const doc = document.implementation.createHTMLDocument("pane");
  const base = doc.createElement("base");
  base.href = "https://intranet.example.gov.cn/zgtz/taskpane.html";
  doc.head.append(base);
  if (src !== null) {
    const meta = doc.createElement("meta");
    meta.name = ENGINE_WORKER_META;
    meta.content = src;
    doc.head.append(meta);
  }
  return doc;
}

const input = { ledger: sampleLedger(), today: "2025-03-31" };

describe("pageEngineRunner", () => {
  it("starts the worker the page names, at its address beside the page", async () => {
    const started: string[] = [];
    const runner = pageEngineRunner(pageNaming("engine-worker.0a1b2c3d.js"), (url) => {
      started.push(url);
      return new FakeWorker();
    });
    expect(started).toEqual(["https://intranet.example.gov.cn/zgtz/engine-worker.0a1b2c3d.js"]);
    expect(runner.mode()).toBe("worker");
    expect(await runner.run(input)).toEqual(evaluate(input));
    expect(runner.answered).toEqual({ worker: 1, inThread: 0 });
  });

  it("runs the engine in the page's thread when the page names no worker", async () => {
    const runner = pageEngineRunner(pageNaming(null), () => {
      throw new Error("no worker may be started");
    });
    expect(runner.mode()).toBe("in-thread");
    expect(await runner.run(input)).toEqual(evaluate(input));
    expect(runner.answered).toEqual({ worker: 0, inThread: 1 });
  });

  it("runs it in the page's thread where the page cannot start workers", async () => {
    const runner = pageEngineRunner(pageNaming("engine-worker.js"), null);
    expect(runner.mode()).toBe("in-thread");
    expect(await runner.run(input)).toEqual(evaluate(input));
  });

  it("falls back quietly when the worker's script does not load", async () => {
    const worker = new FakeWorker({ serve: false });
    const runner = pageEngineRunner(pageNaming("engine-worker.js"), () => worker);
    const waiting = runner.run(input);
    worker.fail("error");
    expect(await waiting).toEqual(evaluate(input));
    expect(runner.mode()).toBe("in-thread");
  });

  it("reads an empty name as no worker", () => {
    expect(engineWorkerUrl(pageNaming("  "))).toBeNull();
  });
});
