#!/usr/bin/env node
/**
 * Starts the command line from one prebuilt JavaScript file, building it first when it is missing
 * or older than any file it was built from (`npm run cli`, `npm run demo`; `main.ts` under tsx).
 *
 * Why: run through tsx, every start transpiled and loaded ~60 TypeScript modules and date-fns'
 * ~250 files, which took longer than reading a 10,000-item ledger. The bundle (built by esbuild)
 * is one file with only what the command line uses; exceljs stays outside it and is loaded only for
 * `--out`.
 *
 * Freshness: esbuild's metafile lists every input (our sources and the node_modules files bundled
 * in); the bundle is rebuilt when any of them is newer than it, or missing. A fresh checkout right
 * after `npm ci` has no bundle, so the first run builds it (well under a second). The bundle is
 * written to a temporary name and renamed, so concurrent first runs cannot load half a file.
 *
 * Plain CommonJS on purpose: it must run under plain `node`, before anything is compiled. It is the
 * package's `bin` (`npx zgtz evaluate …`), and `npm run build:cli` builds the bundle ahead of time.
 * esbuild is a production dependency: the command line builds itself on first use, also after
 * `npm ci --omit=dev`.
 *
 * The cache folder is keyed by the checkout's path: checkouts sharing one node_modules (git
 * worktrees, a symlinked node_modules) must not run each other's bundle.
 */
"use strict";
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const { join, resolve } = require("node:path");

const ROOT = resolve(__dirname, "../..");
const ENTRY = join(ROOT, "src/cli/process.ts");
const OUT_DIR = join(
  ROOT,
  "node_modules/.cache/zhenggai-cli",
  createHash("sha256").update(ROOT).digest("hex").slice(0, 12),
);
/** Packages the bundle leaves to `require` at run time; exceljs is large and only `--out` needs it. */
const EXTERNAL_PACKAGES = ["exceljs"];
const BUNDLE = join(OUT_DIR, "cli.cjs");
const INPUTS = join(OUT_DIR, "inputs.json");

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

function buildBundle() {
  const esbuild = require("esbuild");
  mkdirSync(OUT_DIR, { recursive: true });
  const result = esbuild.buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: EXTERNAL_PACKAGES,
    write: false,
    metafile: true,
    absWorkingDir: ROOT,
    outfile: BUNDLE,
    logLevel: "error",
  });
  const code = result.outputFiles.find((f) => f.path.endsWith(".cjs"));
  if (!code) throw new Error("esbuild wrote no bundle");
  const temp = `${BUNDLE}.${process.pid}.tmp`;
  writeFileSync(temp, code.contents);
  renameSync(temp, BUNDLE);
  const inputsTemp = `${INPUTS}.${process.pid}.tmp`;
  writeFileSync(inputsTemp, JSON.stringify([...Object.keys(result.metafile.inputs), "src/cli/launch.cjs"]));
  renameSync(inputsTemp, INPUTS);
}

/** The path of an up-to-date bundle of the command line. */
function ensureBundle() {
  if (!bundleIsFresh()) buildBundle();
  return BUNDLE;
}

/**
 * Runs the bundle as a CommonJS module compiled directly, not through `require`: under tsx,
 * `require` would hand the 1 MB of plain JavaScript to its transpiler first.
 */
function startCli() {
  const Module = require("node:module");
  const path = ensureBundle();
  const cli = new Module(path, module);
  cli.filename = path;
  cli.paths = Module._nodeModulePaths(ROOT);
  cli._compile(readFileSync(path, "utf8"), path);
}

module.exports = { bundleIsFresh, buildBundle, ensureBundle, startCli, BUNDLE, INPUTS, EXTERNAL_PACKAGES };

if (require.main === module) startCli();
