/** @jest-environment jsdom */
/**
 * The page guard (src/taskpane/guard.js): that it is ES5 (Trident runs nothing newer), that it runs
 * without any post-ES5 built-in, which webviews it refuses, and that any failure of the pane to
 * start — an error, a rejected promise, a script that does not load, no start at all — replaces the
 * loading text with its message, while a pane that starts is left alone.
 */
import "../support/jsdom-setup";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { parse } from "acorn";
import { screen, waitFor } from "@testing-library/react";
import { createExcelDouble } from "../../src/excel-double";
import { mountPane } from "../../src/taskpane/mount";
import { previewWorkbook } from "../../src/preview/workbook";
import { PANE_STARTED_FLAG, signalPaneStarted } from "../../src/taskpane/start-signal";

interface Problem {
  readonly kind: string;
  readonly detail: string;
}
interface Guard {
  readonly STARTED_FLAG: string;
  readonly START_TIMEOUT_MS: number;
  unsupportedEngine(userAgent: string): "trident" | "edgehtml" | null;
  missingFeatures(win: object): string[];
  failureMessage(problem: Problem): { zh: string[]; en: string[]; detail: string[] };
  watchStart(win: Window, options?: { timeoutMs?: number }): () => void;
}

const GUARD_PATH = join(__dirname, "..", "..", "src", "taskpane", "guard.js");
const guardSource = readFileSync(GUARD_PATH, "utf8");
const guard = require(GUARD_PATH) as Guard;

/** The user agents of the webviews Office uses (Microsoft: "Browsers and webview controls used by Office Add-ins"). */
const UA = {
  ie11: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko",
  edgeHtml18:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045",
  edgeHtmlWebView:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; WebView/3.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045",
  webView2:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
  macWkWebView: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
  ipadWkWebView: "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
  safari:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
} as const;

const LOADING_PAGE = '<div id="container"><p id="loading">正在加载整改台账助手… / Loading…</p></div>';

function failureBox(): HTMLElement | null {
  return document.getElementById("start-failure");
}

describe("the guard's own code", () => {
  it("parses as ES5", () => {
    expect(() => parse(guardSource, { ecmaVersion: 5, sourceType: "script" })).not.toThrow();
    // The check itself can fail: one arrow function and ES5 parsing refuses the file.
    expect(() => parse(`${guardSource}\nvar late = () => 1;`, { ecmaVersion: 5, sourceType: "script" })).toThrow();
  });

  it("names the flag the bundle sets when the pane has started", () => {
    expect(guard.STARTED_FLAG).toBe(PANE_STARTED_FLAG);
  });
});

describe("which webviews it refuses", () => {
  it.each([
    ["Internet Explorer 11 (Trident)", UA.ie11, "trident"],
    ["Edge Legacy 18 (EdgeHTML)", UA.edgeHtml18, "edgehtml"],
    ["the EdgeHTML webview (WebView/3.0)", UA.edgeHtmlWebView, "edgehtml"],
    ["WebView2 (Chromium Edge)", UA.webView2, null],
    ["WKWebView in Office on Mac", UA.macWkWebView, null],
    ["WKWebView in Office on iPad", UA.ipadWkWebView, null],
    ["Safari (Excel on the web)", UA.safari, null],
  ])("%s", (_name, userAgent, expected) => {
    expect(guard.unsupportedEngine(userAgent)).toBe(expected);
  });

  it("finds every built-in the bundle needs in a current engine, and names the missing ones", () => {
    expect(guard.missingFeatures(window)).toEqual([]);
    const old = {
      Promise,
      Symbol,
      Map,
      Set,
      WeakMap,
      Reflect: undefined,
      globalThis: undefined,
      Object,
      Array,
      String,
    };
    expect(guard.missingFeatures(old)).toEqual(["Reflect", "globalThis"]);
  });
});

/**
 * Runs guard.js as a browser would, in a realm stripped of everything after ES5 (as in Internet
 * Explorer 11), over the jsdom document; returns the message's text (empty when none is shown).
 */
function runInEs5Realm(userAgent: string): string {
  document.body.innerHTML = LOADING_PAGE;
  const realm = createContext({
    document,
    navigator: { userAgent },
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    setTimeout: () => 1,
    clearTimeout: () => undefined,
  });
  runInContext(
    [
      "delete this.Promise; delete this.Symbol; delete this.Map; delete this.Set; delete this.WeakMap;",
      "delete this.WeakSet; delete this.Proxy; delete this.Reflect; delete this.globalThis;",
      "delete Object.assign; delete Object.entries; delete Object.values; delete Object.fromEntries;",
      "delete Array.from; delete Array.prototype.find; delete Array.prototype.includes; delete Array.prototype.flatMap;",
      "delete String.prototype.includes; delete String.prototype.startsWith; delete String.prototype.matchAll;",
      "delete String.prototype.padStart; delete String.prototype.repeat;",
    ].join("\n"),
    realm,
  );
  runInContext(guardSource, realm, { filename: GUARD_PATH });
  return failureBox()?.textContent ?? "";
}

describe("in an engine without anything after ES5", () => {
  it("tells Internet Explorer 11's users which Office works and about the command line", () => {
    const text = runInEs5Realm(UA.ie11);
    expect(text).toContain("Internet Explorer 11（Trident）");
    expect(text).toContain("Internet Explorer 11 (Trident)");
    expect(text).toContain("Office 2021");
    expect(text).toContain("批量许可版 Office 2016 和 Office 2019");
    expect(text).toContain("npm run cli -- evaluate");
    expect(document.getElementById("loading")).toBeNull();
  });

  it("names the missing built-ins when the user agent looks current", () => {
    const text = runInEs5Realm(UA.webView2);
    expect(text).toContain("过旧");
    expect(text).toContain("Promise, Symbol, Map/Set/WeakMap, Reflect, globalThis, Object.fromEntries");
  });
});

describe("while the pane starts (jsdom)", () => {
  let stop: () => void = () => undefined;

  beforeEach(() => {
    document.body.innerHTML = LOADING_PAGE;
    Reflect.deleteProperty(window, PANE_STARTED_FLAG);
  });
  afterEach(() => {
    stop();
    jest.useRealTimers();
  });

  /** The pane as taskpane.html starts it (not inside act(): the page has no test around it). */
  function mountPreviewPane(): void {
    Reflect.set(globalThis, "IS_REACT_ACT_ENVIRONMENT", false);
    const double = createExcelDouble(previewWorkbook());
    mountPane({ Excel: double.Excel, Office: double.Office }, { lang: "zh", theme: "light" });
  }

  function watch(timeoutMs = 60_000, userAgent: string = UA.webView2): void {
    jest.spyOn(window.navigator, "userAgent", "get").mockReturnValue(userAgent);
    stop = guard.watchStart(window, { timeoutMs });
  }

  it("shows the EdgeHTML message at once, before any script of the pane runs", () => {
    watch(60_000, UA.edgeHtml18);
    expect(failureBox()).toHaveTextContent("旧版 Microsoft Edge（EdgeHTML）");
    expect(failureBox()).toHaveAttribute("role", "alert");
  });

  it("leaves a supported webview on its loading text until something happens", () => {
    watch();
    expect(failureBox()).toBeNull();
    expect(document.getElementById("loading")).not.toBeNull();
  });

  it("replaces the loading text when an error escapes before the start, with the error as detail", () => {
    watch();
    window.dispatchEvent(new ErrorEvent("error", { message: "x", error: new SyntaxError("Unexpected token '.'") }));
    expect(failureBox()).toHaveTextContent("整改台账助手未能启动");
    expect(failureBox()).toHaveTextContent("The add-in failed to start.");
    expect(failureBox()).toHaveTextContent("详细信息 / Details: SyntaxError: Unexpected token '.'");
    expect(document.getElementById("loading")).toBeNull();
  });

  it("counts an error of the page's own scripts, not one of another origin's (office.js from the CDN)", () => {
    watch();
    const office = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
    window.dispatchEvent(new ErrorEvent("error", { message: "x", filename: office, error: new Error("x") }));
    window.dispatchEvent(new ErrorEvent("error", { message: "Script error." }));
    expect(failureBox()).toBeNull();
    const own = `${window.location.origin}/taskpane.0123abcd.js`;
    window.dispatchEvent(new ErrorEvent("error", { message: "y", filename: own, error: new TypeError("y") }));
    expect(failureBox()).toHaveTextContent("TypeError: y");
  });

  it("replaces it when a promise is rejected before the start", () => {
    watch();
    const rejection = Object.assign(new Event("unhandledrejection"), {
      reason: new ReferenceError("Office is not defined"),
    });
    window.dispatchEvent(rejection);
    expect(failureBox()).toHaveTextContent("ReferenceError: Office is not defined");
  });

  it("replaces it when the pane's script cannot be loaded", () => {
    watch();
    const script = document.createElement("script");
    script.src = "http://localhost/taskpane.0123abcd.js";
    document.head.appendChild(script);
    script.dispatchEvent(new Event("error")); // does not bubble: the guard listens in the capture phase
    expect(failureBox()).toHaveTextContent("文件未能加载");
    expect(failureBox()).toHaveTextContent("taskpane.0123abcd.js");
  });

  it("ignores an image that fails to load", () => {
    watch();
    const image = document.createElement("img");
    document.body.appendChild(image);
    image.dispatchEvent(new Event("error"));
    expect(failureBox()).toBeNull();
  });

  it("replaces it when the pane has not started when the time is up", () => {
    jest.useFakeTimers();
    watch(20_000);
    jest.advanceTimersByTime(19_999);
    expect(failureBox()).toBeNull();
    jest.advanceTimersByTime(1);
    expect(failureBox()).toHaveTextContent("整改台账助手在 20 秒内未能启动");
  });

  it("does nothing once the bundle has signalled the start, neither on errors nor on time", () => {
    jest.useFakeTimers();
    watch(1_000);
    signalPaneStarted();
    window.dispatchEvent(new ErrorEvent("error", { message: "later", error: new Error("later") }));
    jest.advanceTimersByTime(5_000);
    expect(failureBox()).toBeNull();
    expect(document.getElementById("loading")).not.toBeNull();
  });

  it("is told of the start by the real pane: mounted over the Excel double, no message when the time is up", async () => {
    // The guard's timer is taken out of its hands and run once the pane is up (a real 20 s wait,
    // or a short one that a loaded machine may overrun while React mounts, would prove nothing).
    let timeIsUp: () => void = () => {
      throw new Error("the guard set no timer");
    };
    const timers = jest.spyOn(window, "setTimeout").mockImplementationOnce(((callback: () => void) => {
      timeIsUp = callback;
      return 0;
    }) as typeof window.setTimeout);
    watch();
    timers.mockRestore();
    mountPreviewPane();
    await screen.findByRole("heading", { name: "整改台账助手" });
    expect(Reflect.get(window, PANE_STARTED_FLAG)).toBe(true);
    timeIsUp();
    expect(failureBox()).toBeNull();
    expect(screen.getByRole("button", { name: "评估" })).toBeEnabled();
  });

  it("gives way to a pane that starts after the message was shown", async () => {
    watch();
    window.dispatchEvent(new ErrorEvent("error", { message: "slow office.js", error: new Error("slow office.js") }));
    expect(failureBox()).not.toBeNull();
    mountPreviewPane();
    await screen.findByRole("heading", { name: "整改台账助手" });
    await waitFor(() => expect(failureBox()).toBeNull());
  });
});

describe("the message", () => {
  it("has the same advice in both languages for every reason, and the detail only when there is one", () => {
    for (const kind of ["trident", "edgehtml", "features", "error", "load", "timeout"]) {
      const message = guard.failureMessage({ kind, detail: "" });
      expect(message.zh).toHaveLength(message.en.length);
      expect(message.zh.join("")).toMatch(/Office 2021/);
      expect(message.en.join("")).toMatch(/volume-licensed Office 2016 and Office 2019/);
      expect(message.detail).toEqual([]);
    }
    expect(guard.failureMessage({ kind: "error", detail: "boom" }).detail).toEqual(["详细信息 / Details: boom"]);
  });
});
