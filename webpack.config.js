/* eslint-disable no-undef */
/**
 * Builds the add-in (as the Office templates do, OfficeDev/Office-Addin-TaskPane-React):
 *
 *   npm run build          production bundle in dist/, manifest URLs rewritten to $ADDIN_BASE_URL
 *   npm run dev-server     https://localhost:3000 with the Office dev certificate (npm start sideloads)
 *   npm run preview        http://localhost:3000/taskpane.html — the pane over the in-memory Excel double
 *                          holding a sample workbook, no Office needed (`--env preview`)
 *
 * Environment:
 *   ADDIN_BASE_URL   where the production files are hosted (default https://localhost:3000/)
 *   OFFICE_JS=self   serve office.js from dist/office-js/ (copied from @microsoft/office-js)
 *                    instead of https://appsforoffice.microsoft.com
 *
 * Every page carries a Content-Security-Policy: scripts only from here (and Microsoft's office.js
 * host when it is not self-hosted), styles from here plus inline (Fluent's griffel injects <style>),
 * images from here and data: URLs, connections and workers only from here. The add-in makes no other
 * request.
 * The engine's Web Worker (src/engine-worker/worker.ts) is an entry of its own, emitted beside the
 * pane as engine-worker.<hash>.js; taskpane.html names it in `<meta name="zgtz-engine-worker">`, so
 * the pane finds it without `import.meta` (which the CommonJS tsconfig of jest and tsc cannot compile).
 * The task pane loads src/taskpane/guard.js first: plain ES5, copied as is (never through a loader
 * or webpack's runtime, which are not ES5), so that webviews the pane cannot run in say so.
 */
const path = require("path");
const zlib = require("zlib");
const fs = require("fs");
const crypto = require("crypto");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const DEV_BASE_URL = "https://localhost:3000/";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** The initial download of the pane (all JS the taskpane entry needs before first paint), gzipped. */
const TASKPANE_BUDGET_BYTES = 300 * 1024;

/** The ES5 page guard (src/taskpane/guard.js): copied as is, never through a loader or webpack's runtime. */
const GUARD_SOURCE = "src/taskpane/guard.js";

/** The guard's file name in the output: content-hashed in production, so a webview never runs a stale copy. */
function guardFileName(dev) {
  if (dev) return "guard.js";
  const hash = crypto
    .createHash("sha256")
    .update(fs.readFileSync(path.resolve(__dirname, GUARD_SOURCE)))
    .digest("hex");
  return `guard.${hash.slice(0, 8)}.js`;
}

/** The production base URL, always ending in "/". */
function baseUrl(env = process.env) {
  const url = env.ADDIN_BASE_URL || DEV_BASE_URL;
  return url.endsWith("/") ? url : `${url}/`;
}

/** The manifest with every dev-server URL replaced by the production base URL. */
function rewriteManifestUrls(content, base) {
  return String(content).split(DEV_BASE_URL).join(base);
}

/** The CSP for a page; `officeJs` is the office.js URL (or null for the preview, which has none). */
function contentSecurityPolicy(officeJs) {
  const scriptSrc = ["'self'"];
  if (officeJs && officeJs.startsWith("https://")) scriptSrc.push("https://appsforoffice.microsoft.com");
  return [
    "default-src 'self'",
    `script-src ${scriptSrc.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
  ].join("; ");
}

/** The engine worker's entry name; its emitted file is named in taskpane.html. */
const ENGINE_WORKER_ENTRY = "engine-worker";

/** The file an entry was emitted as (its one .js file). */
function entryFile(compilation, entry) {
  const files = compilation.entrypoints
    .get(entry)
    ?.getFiles()
    .filter((file) => file.endsWith(".js"));
  if (!files || files.length !== 1) throw new Error(`${entry}: expected one .js file, got ${files}`);
  return files[0];
}

/** Fails a production build whose initial taskpane download is over budget (gzipped). */
class GzipBudgetPlugin {
  constructor(entry, budget) {
    this.entry = entry;
    this.budget = budget;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("GzipBudgetPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "GzipBudgetPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const entrypoint = compilation.entrypoints.get(this.entry);
          if (!entrypoint) return;
          let total = 0;
          for (const file of entrypoint.getFiles()) {
            const asset = file.endsWith(".js") ? compilation.getAsset(file) : undefined;
            if (asset) total += zlib.gzipSync(asset.source.buffer(), { level: 9 }).length;
          }
          const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
          const line = `${this.entry}: initial JavaScript ${kb(total)} gzipped (budget ${kb(this.budget)})`;
          if (total > this.budget) compilation.errors.push(new Error(line));
          else console.log(line);
        },
      );
    });
  }
}

/**
 * Copies files into the output, optionally transforming them (the manifest's URLs). A few lines of
 * our own instead of copy-webpack-plugin: that plugin validates its options with schema-utils, whose
 * ajv-keywords resolves the wrong major version of ajv in this install and so cannot load.
 * `patterns`: { from: a file or folder (relative to the repo), to: a path in the output, transform? }.
 */
class CopyFilesPlugin {
  constructor(patterns) {
    this.patterns = patterns;
  }
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap("CopyFilesPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "CopyFilesPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const { from, to, transform } of this.patterns) {
            for (const { file, target } of listFiles(path.resolve(__dirname, from), to)) {
              compilation.fileDependencies.add(file);
              const content = fs.readFileSync(file);
              compilation.emitAsset(target, new RawSource(transform ? transform(content) : content));
            }
          }
        },
      );
    });
  }
}

/** A file → [{file, target}]; a folder → every file under it, `target` keeping the relative path. */
function listFiles(source, target) {
  if (!fs.statSync(source).isDirectory()) return [{ file: source, target }];
  return fs.readdirSync(source, { withFileTypes: true }).flatMap((entry) => {
    const child = path.join(source, entry.name);
    return entry.isDirectory()
      ? listFiles(child, `${target}/${entry.name}`)
      : [{ file: child, target: `${target}/${entry.name}` }];
  });
}

async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const options = await devCerts.getHttpsServerOptions();
  return { ca: options.ca, key: options.key, cert: options.cert };
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode === "development";
  const preview = Boolean(env.preview);
  const selfHostedOffice = process.env.OFFICE_JS === "self";
  const officeJs = preview ? null : selfHostedOffice ? "office-js/office.js" : OFFICE_JS_CDN;
  const csp = contentSecurityPolicy(officeJs);
  const port = Number(process.env.npm_package_config_dev_server_port || 3000);
  const guardJs = guardFileName(dev);

  const copyPatterns = [
    ...[16, 32, 64, 80, 128].map((size) => ({ from: `assets/icon-${size}.png`, to: `assets/icon-${size}.png` })),
    {
      from: "manifest.xml",
      to: "manifest.xml",
      transform: (content) => (dev ? content : rewriteManifestUrls(content, baseUrl())),
    },
    { from: "src/taskpane/help.html", to: "help.html" },
    { from: GUARD_SOURCE, to: guardJs },
  ];
  if (selfHostedOffice && !preview) {
    copyPatterns.push({ from: "node_modules/@microsoft/office-js/dist", to: "office-js" });
  }

  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: preview ? "./src/preview/index.tsx" : "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      // A classic worker script, on its own: nothing to load after it.
      [ENGINE_WORKER_ENTRY]: { import: "./src/engine-worker/worker.ts", chunkLoading: false },
    },
    output: {
      path: path.resolve(__dirname, env.outputPath || "dist"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      // Chunks loaded later (the .xlsx reader 合并 needs when the worker is missing) by name, not by
      // webpack's numeric id: the bundle checks list every script we ship by name.
      chunkFilename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // ES modules out (tsconfig says CommonJS for jest and tsx): webpack can only tree-shake
            // imports it can see, and Fluent UI + its icons are megabytes when nothing is shaken off.
            options: { transpileOnly: true, compilerOptions: { module: "es2020", sourceMap: dev } },
          },
        },
        { test: /\.png$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
      ],
    },
    plugins: [
      new CopyFilesPlugin(copyPatterns),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        templateParameters: (compilation) => ({
          csp,
          officeJs,
          preview,
          guardJs,
          engineWorker: entryFile(compilation, ENGINE_WORKER_ENTRY),
        }),
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        // The function file always needs office.js (the preview never opens it).
        templateParameters: {
          csp: contentSecurityPolicy(officeJs || OFFICE_JS_CDN),
          officeJs: officeJs || OFFICE_JS_CDN,
        },
      }),
      ...(dev ? [] : [new GzipBudgetPlugin("taskpane", TASKPANE_BUDGET_BYTES)]),
    ],
    performance: { hints: false }, // the gzip budget above is the one that matters
    devServer: {
      port,
      headers: { "Access-Control-Allow-Origin": "*" },
      // The preview runs in any browser over plain http; Office needs https with the dev certificate.
      // (The certificate is only asked for when serving: `npm run build` must not touch the cert store.)
      server: preview || !env.WEBPACK_SERVE ? "http" : { type: "https", options: await httpsOptions() },
      client: { overlay: { warnings: false } },
      static: false,
    },
  };
};

module.exports.rewriteManifestUrls = rewriteManifestUrls;
module.exports.contentSecurityPolicy = contentSecurityPolicy;
module.exports.baseUrl = baseUrl;
module.exports.guardFileName = guardFileName;
