/**
 * Starts the command line from one prebuilt JavaScript file, building it first when it is missing
 * or older than any file it was built from (`npm run cli`, `npm run demo`; `main.ts` under tsx).
 *
 * Why: run through tsx, every start transpiled and loaded ~60 TypeScript modules and date-fns'
 * ~250 files, which took longer than reading a 10,000-item ledger. The bundle (esbuild, which tsx
 * ships) is one file with only what the command line uses; exceljs stays outside it and is loaded
 * only for `--out`.
 *
 * Freshness: esbuild's metafile lists every input (our sources and the node_modules files bundled
 * in); the bundle is rebuilt when any of them is newer than it, or missing. A fresh checkout right
 * after `npm ci` has no bundle, so the first run builds it (well under a second). The bundle is
 * written to a temporary name and renamed, so concurrent first runs cannot load half a file.
 *
 * Plain CommonJS on purpose: it must run under plain `node`, before anything is compiled.
 */
"use strict";
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const { join, resolve } = require("node:path");

const ROOT = resolve(__dirname, "../..");
const ENTRY = join(ROOT, "src/cli/process.ts");
const OUT_DIR = join(ROOT, "node_modules/.cache/zhenggai-cli");
const BUNDLE = join(OUT_DIR, "cli.cjs");
const INPUTS = join(OUT_DIR, "inputs.json");
const SETTINGS = join(ROOT, "src/core/settings.ts");
const SETTINGS_WITHOUT_ZOD = join(ROOT, "src/cli/settings-without-zod.ts");

/**
 * The engine's `core/settings` import, answered with `src/cli/settings-without-zod.ts`: the same
 * defaults and `resolveSeverity`, without zod (800 KB of the bundle, ~40 ms of every start).
 */
const settingsWithoutZod = {
  name: "settings-without-zod",
  setup(build) {
    build.onResolve({ filter: /(^|\/)settings$/ }, (args) => {
      const target = resolve(args.resolveDir, args.path);
      return `${target}.ts` === SETTINGS ? { path: SETTINGS_WITHOUT_ZOD } : undefined;
    });
  },
};

/** True when the bundle exists and no input it was built from (paths relative to `root`) changed since. */
function bundleIsFresh(bundle = BUNDLE, inputsFile = INPUTS, root = ROOT) {
  let built;
  try {
    built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
    for (const input of inputs) if (statSync(join(root, input)).mtimeMs > built) return false;
    return true;
  } catch {
    // Missing bundle, missing input list or a deleted input: build again.
    return false;
  }
}

/**
 * Builds the bundle (asynchronously: esbuild runs plugins only in its asynchronous API). Run in a
 * child process by `buildBundle`, so that starting the command line stays synchronous.
 */
async function buildBundleNow() {
  const esbuild = require("esbuild");
  mkdirSync(OUT_DIR, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // exceljs is large and only the `--out` writer needs it: required from node_modules when used.
    external: ["exceljs"],
    write: false,
    metafile: true,
    absWorkingDir: ROOT,
    outfile: BUNDLE,
    plugins: [settingsWithoutZod],
    // An import the zod-free settings lack would be undefined at run time: refuse to build instead.
    logOverride: { "import-is-undefined": "error" },
    logLevel: "error",
  });
  const code = result.outputFiles.find((f) => f.path.endsWith(".cjs"));
  if (!code) throw new Error("esbuild wrote no bundle");
  const temp = `${BUNDLE}.${process.pid}.tmp`;
  writeFileSync(temp, code.contents);
  renameSync(temp, BUNDLE);
  const inputsTemp = `${INPUTS}.${process.pid}.tmp`;
  // settings.ts is not bundled, but the zod-free copy must follow it: a change to it rebuilds too.
  const inputs = [...Object.keys(result.metafile.inputs), "src/cli/launch.cjs", "src/core/settings.ts"];
  writeFileSync(inputsTemp, JSON.stringify(inputs));
  renameSync(inputsTemp, INPUTS);
}

const BUILD_FLAG = "--build-cli-bundle";

/** Builds the bundle in a child process and waits for it (only when stale: rarely). */
function buildBundle() {
  const { execFileSync } = require("node:child_process");
  execFileSync(process.execPath, [__filename, BUILD_FLAG], { stdio: ["ignore", "ignore", "inherit"] });
}

/** The path of an up-to-date bundle of the command line. */
function ensureBundle() {
  if (!bundleIsFresh()) buildBundle();
  return BUNDLE;
}

/**
 * Runs the bundle as a CommonJS module compiled directly, not through `require`: under tsx,
 * `require` would hand the bundle's plain JavaScript to its transpiler first.
 */
function startCli() {
  const Module = require("node:module");
  const path = ensureBundle();
  const cli = new Module(path, module);
  cli.filename = path;
  cli.paths = Module._nodeModulePaths(ROOT);
  cli._compile(readFileSync(path, "utf8"), path);
}

module.exports = { bundleIsFresh, ensureBundle, startCli, BUNDLE };

if (require.main === module) {
  if (process.argv[2] === BUILD_FLAG) {
    buildBundleNow().catch((error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
  } else {
    startCli();
  }
}
