/*
 * The page guard: the first script of taskpane.html, in plain ES5 so that every webview Office may
 * use can run it — including Internet Explorer 11 (Trident) and Microsoft Edge Legacy (EdgeHTML),
 * which volume-licensed Office 2016/2019 and retail Office 2016/2019 without the WebView2 runtime
 * use to show add-ins. The pane's bundle (React 18, Fluent UI v9, ES2020) cannot run there; without
 * this guard the pane would stay on its loading text forever.
 *
 * It replaces the loading text with one message in Chinese and English — why the pane cannot run,
 * which Office versions can run it, and that the command line checks the same ledger — when:
 *   - the webview is Trident or EdgeHTML (known from the user agent, as Microsoft's page "Support
 *     older Microsoft webviews and Office versions" advises for a failure message);
 *   - a built-in the bundle calls unconditionally is missing;
 *   - anything fails before the pane has started: an uncaught error or rejected promise (a syntax
 *     the engine cannot parse shows up here as a SyntaxError of the bundle — the Content-Security-
 *     Policy forbids eval, so syntax is not probed with `new Function`), a script that fails to
 *     load, or no start at all within START_TIMEOUT_MS.
 * The bundle sets `window[STARTED_FLAG]` once the pane has rendered (src/taskpane/start-signal.ts);
 * from then on the guard does nothing. If the pane starts after the message was shown, React
 * replaces the message with the pane (the message lives in #container, which React takes over).
 *
 * Loaded as an external file, not inline, because the page's Content-Security-Policy allows
 * scripts only from the add-in's own origin. Under Node (the tests) it exports its functions
 * instead of running.
 */
(function (root) {
  "use strict";

  var STARTED_FLAG = "zgtzPaneStarted";
  /** Long enough for a slow office PC to load office.js and the bundle; the pane replaces a late message. */
  var START_TIMEOUT_MS = 20000;

  /**
   * Built-ins the production bundle calls without checking for them (React, zod, date-fns and our
   * code), by the name shown in the message. Checked before the bundle runs, so an old engine is
   * told what it lacks instead of failing somewhere inside React. (fetch and Proxy are not here:
   * the bundle uses neither.)
   */
  var REQUIRED_FEATURES = [
    [
      "Promise",
      function (w) {
        return typeof w.Promise === "function";
      },
    ],
    [
      "Symbol",
      function (w) {
        return typeof w.Symbol === "function" && typeof w.Symbol.iterator === "symbol";
      },
    ],
    [
      "Map/Set/WeakMap",
      function (w) {
        return typeof w.Map === "function" && typeof w.Set === "function" && typeof w.WeakMap === "function";
      },
    ],
    [
      "Reflect",
      function (w) {
        return typeof w.Reflect === "object" && typeof w.Reflect.ownKeys === "function";
      },
    ],
    [
      "globalThis",
      function (w) {
        return typeof w.globalThis === "object" && w.globalThis !== null;
      },
    ],
    [
      "Object.fromEntries",
      function (w) {
        return typeof w.Object.fromEntries === "function";
      },
    ],
    [
      "Array.prototype.flatMap",
      function (w) {
        return typeof w.Array.prototype.flatMap === "function";
      },
    ],
    [
      "String.prototype.matchAll",
      function (w) {
        return typeof w.String.prototype.matchAll === "function";
      },
    ],
  ];

  /** "trident", "edgehtml" or null, from a user agent string. Chromium Edge and WebView2 say "Edg/", not "Edge/". */
  function unsupportedEngine(userAgent) {
    var ua = String(userAgent || "");
    if (/Trident\/|MSIE /.test(ua)) return "trident";
    if (/\bEdge\/\d/.test(ua)) return "edgehtml";
    return null;
  }

  /** The names of REQUIRED_FEATURES that `win` lacks (empty when it has them all). */
  function missingFeatures(win) {
    var missing = [];
    for (var i = 0; i < REQUIRED_FEATURES.length; i++) {
      var present;
      try {
        present = REQUIRED_FEATURES[i][1](win);
      } catch (e) {
        present = false;
      }
      if (!present) missing.push(REQUIRED_FEATURES[i][0]);
    }
    return missing;
  }

  /** Why this page cannot run the pane, known before the bundle loads: { kind, detail } or null. */
  function knownProblem(win) {
    var engine = unsupportedEngine(win.navigator && win.navigator.userAgent);
    if (engine) return { kind: engine, detail: "" };
    var missing = missingFeatures(win);
    if (missing.length > 0) return { kind: "features", detail: missing.join(", ") };
    return null;
  }

  var REASONS = {
    trident: {
      zh: "此 Office 用 Internet Explorer 11（Trident）显示加载项，整改台账助手无法在其中运行。",
      en: "This Office shows add-ins in Internet Explorer 11 (Trident), where this add-in cannot run.",
    },
    edgehtml: {
      zh: "此 Office 用旧版 Microsoft Edge（EdgeHTML）显示加载项，整改台账助手无法在其中运行。",
      en: "This Office shows add-ins in Microsoft Edge Legacy (EdgeHTML), where this add-in cannot run.",
    },
    features: {
      zh: "此 Office 用来显示加载项的浏览器组件过旧，整改台账助手无法在其中运行。",
      en: "The browser component this Office uses for add-ins is too old to run this add-in.",
    },
    error: {
      zh: "整改台账助手未能启动。",
      en: "The add-in failed to start.",
    },
    load: {
      zh: "整改台账助手的文件未能加载，加载项未能启动。",
      en: "A file of the add-in could not be loaded, so it did not start.",
    },
    timeout: {
      zh: "整改台账助手在 " + START_TIMEOUT_MS / 1000 + " 秒内未能启动。",
      en: "The add-in did not start within " + START_TIMEOUT_MS / 1000 + " seconds.",
    },
  };

  /** What works, what does not, and the way round: the same for every reason. */
  var ADVICE = [
    {
      zh:
        "可以使用：Microsoft 365 订阅版 Office；Office 2021、2024 及更高版本（含批量许可的 LTSC 版）；" +
        "已安装 Microsoft Edge WebView2 运行时的零售版 Office 2016/2019；Mac 版 Office；Excel 网页版。" +
        "Windows 上的 Office 都要用 WebView2 运行时显示加载项（Windows 11、Office 2021 及以后、" +
        "Microsoft 365 版本 2101 及以后已自带）。",
      en:
        "Works in: Microsoft 365 (subscription) Office; Office 2021, 2024 and later (volume-licensed LTSC " +
        "included); retail Office 2016/2019 with the Microsoft Edge WebView2 Runtime installed; Office on " +
        "Mac; Excel on the web. Office on Windows needs the WebView2 Runtime to show add-ins (Windows 11, " +
        "Office 2021 and later and Microsoft 365 Version 2101 and later come with it).",
    },
    {
      zh:
        "不能使用：批量许可版 Office 2016 和 Office 2019（始终用 Internet Explorer 11），以及未安装 " +
        "WebView2 运行时的零售版 Office 2016/2019。请联系信息化部门升级 Office 或安装 WebView2 运行时。",
      en:
        "Does not work in: volume-licensed Office 2016 and Office 2019 (always Internet Explorer 11), or " +
        "retail Office 2016/2019 without the WebView2 Runtime. Ask your IT staff to upgrade Office or " +
        "install the WebView2 Runtime.",
    },
    {
      zh: "不用加载项也能检查同一份台账：命令行 npm run cli -- evaluate 台账.xlsx（同样的规则、同样的结果，见 README）。",
      en:
        "The command line checks the same ledger without the add-in: npm run cli -- evaluate ledger.xlsx " +
        "(same rules, same results; see the README).",
    },
  ];

  /** The message's paragraphs, Chinese then English, for a problem { kind, detail }. */
  function failureMessage(problem) {
    var reason = REASONS[problem.kind] || REASONS.error;
    var zh = [reason.zh];
    var en = [reason.en];
    for (var i = 0; i < ADVICE.length; i++) {
      zh.push(ADVICE[i].zh);
      en.push(ADVICE[i].en);
    }
    var detail = problem.detail ? ["详细信息 / Details: " + problem.detail] : [];
    return { zh: zh, en: en, detail: detail };
  }

  /** Replaces the content of #container (the loading text) with the message; body if there is none. */
  function showFailure(doc, problem) {
    var message = failureMessage(problem);
    var box = doc.createElement("div");
    box.id = "start-failure";
    box.setAttribute("role", "alert");
    var groups = [
      ["zh-CN", message.zh],
      ["en", message.en],
      ["", message.detail],
    ];
    for (var g = 0; g < groups.length; g++) {
      for (var p = 0; p < groups[g][1].length; p++) {
        var paragraph = doc.createElement("p");
        if (groups[g][0]) paragraph.setAttribute("lang", groups[g][0]);
        if (!groups[g][0]) paragraph.className = "start-failure-detail";
        else if (p === 0) paragraph.className = "start-failure-reason";
        paragraph.textContent = groups[g][1][p];
        box.appendChild(paragraph);
      }
    }
    var container = doc.getElementById("container") || doc.body;
    while (container.firstChild) container.removeChild(container.firstChild);
    container.appendChild(box);
  }

  /** Runs `action` once the document has a body (the guard itself runs in <head>). */
  function whenReady(doc, action) {
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", action);
    else action();
  }

  /** True when `url` is on the page's own origin (IE11 has no `location.origin`). */
  function isSameOrigin(win, url) {
    var origin = win.location.protocol + "//" + win.location.host + "/";
    return url.slice(0, origin.length) === origin;
  }

  /** A short text for an `error` event, a rejection reason or anything thrown. */
  function describe(value) {
    if (value && typeof value === "object") {
      if (value.message) return (value.name ? value.name + ": " : "") + value.message;
    }
    return String(value);
  }

  /**
   * Watches this page until the pane starts: shows the message at once for a known problem, else
   * on the first failure before the start. `options.timeoutMs` defaults to START_TIMEOUT_MS.
   * Returns a function that stops watching.
   */
  function watchStart(win, options) {
    var doc = win.document;
    var timeoutMs = options && options.timeoutMs !== undefined ? options.timeoutMs : START_TIMEOUT_MS;
    var shown = false;
    var timer = null;

    function stop() {
      win.removeEventListener("error", onError, true);
      win.removeEventListener("unhandledrejection", onRejection);
      if (timer !== null) win.clearTimeout(timer);
      timer = null;
    }
    function fail(problem) {
      if (shown || win[STARTED_FLAG] === true) return;
      shown = true;
      stop();
      whenReady(doc, function () {
        if (win[STARTED_FLAG] !== true) showFailure(doc, problem);
      });
    }
    function onError(event) {
      var target = event.target;
      // A script that cannot be loaded fires a non-bubbling `error` on its element, seen here in
      // the capture phase; other elements (images) failing to load do not stop the pane.
      if (target && target !== win && target.nodeType === 1) {
        if (String(target.nodeName).toUpperCase() === "SCRIPT") fail({ kind: "load", detail: target.src || "" });
        return;
      }
      // Errors of another origin's scripts (office.js from Microsoft's CDN; the browser hides their
      // details as "Script error.") may be harmless: if they do stop the pane, the timer says so.
      var source = String(event.filename || "");
      if (source ? !isSameOrigin(win, source) : !event.error) return;
      fail({ kind: "error", detail: event.error ? describe(event.error) : String(event.message || "") });
    }
    function onRejection(event) {
      fail({ kind: "error", detail: describe(event.reason) });
    }

    var known = knownProblem(win);
    if (known) {
      fail(known);
      return stop;
    }
    win.addEventListener("error", onError, true);
    win.addEventListener("unhandledrejection", onRejection);
    timer = win.setTimeout(function () {
      timer = null;
      if (win[STARTED_FLAG] === true) stop();
      else fail({ kind: "timeout", detail: "" });
    }, timeoutMs);
    return stop;
  }

  var guard = {
    STARTED_FLAG: STARTED_FLAG,
    START_TIMEOUT_MS: START_TIMEOUT_MS,
    unsupportedEngine: unsupportedEngine,
    missingFeatures: missingFeatures,
    failureMessage: failureMessage,
    watchStart: watchStart,
  };
  if (typeof module === "object" && module && module.exports) module.exports = guard;
  else watchStart(root);
})(this);
