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
 *
 * `npm run host` starts `./launch-host.cjs`, which builds and runs a second bundle the same way
 * (entry `host-process.ts`: the add-in's path over the Excel double).
 */
"use strict";
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const { join, resolve } = require("node:path");

const ROOT = resolve(__dirname, "../..");
const OUT_DIR = join(
  ROOT,
  "node_modules/.cache/zhenggai-cli",
  createHash("sha256").update(ROOT).digest("hex").slice(0, 12),
);
/** Packages the bundle leaves to `require` at run time; exceljs is large and only `--out` needs it. */
const EXTERNAL_PACKAGES = ["exceljs"];
/** The bundles this launcher builds: entry, bundle and the list of the bundle's inputs. */
const TARGETS = {
  cli: { entry: join(ROOT, "src/cli/process.ts"), bundle: join(OUT_DIR, "cli.cjs"), inputs: join(OUT_DIR, "inputs.json") },
  host: {
    entry: join(ROOT, "src/cli/host-process.ts"),
    bundle: join(OUT_DIR, "host.cjs"),
    inputs: join(OUT_DIR, "host-inputs.json"),
  },
};
const BUNDLE = TARGETS.cli.bundle;
const INPUTS = TARGETS.cli.inputs;

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

/** Builds the bundle of `target` (default: the command line's). */
function buildBundle(target = TARGETS.cli) {
  const esbuild = require("esbuild");
  mkdirSync(OUT_DIR, { recursive: true });
  const result = esbuild.buildSync({
    entryPoints: [target.entry],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: EXTERNAL_PACKAGES,
    write: false,
    metafile: true,
    absWorkingDir: ROOT,
    outfile: target.bundle,
    logLevel: "error",
  });
  const code = result.outputFiles.find((f) => f.path.endsWith(".cjs"));
  if (!code) throw new Error("esbuild wrote no bundle");
  const temp = `${target.bundle}.${process.pid}.tmp`;
  writeFileSync(temp, code.contents);
  renameSync(temp, target.bundle);
  const inputsTemp = `${target.inputs}.${process.pid}.tmp`;
  writeFileSync(inputsTemp, JSON.stringify([...Object.keys(result.metafile.inputs), "src/cli/launch.cjs"]));
  renameSync(inputsTemp, target.inputs);
}

/** The path of an up-to-date bundle of the command line (`"cli"`) or of `npm run host` (`"host"`). */
function ensureBundle(name = "cli") {
  const target = TARGETS[name];
  if (!bundleIsFresh(target.bundle, target.inputs)) buildBundle(target);
  return target.bundle;
}

/**
 * Runs the bundle as a CommonJS module compiled directly, not through `require`: under tsx,
 * `require` would hand the 1 MB of plain JavaScript to its transpiler first.
 */
function startCli(name = "cli") {
  const Module = require("node:module");
  const path = ensureBundle(name);
  const cli = new Module(path, module);
  cli.filename = path;
  cli.paths = Module._nodeModulePaths(ROOT);
  cli._compile(readFileSync(path, "utf8"), path);
}

module.exports = { bundleIsFresh, buildBundle, ensureBundle, startCli, BUNDLE, INPUTS, EXTERNAL_PACKAGES };

if (require.main === module) startCli();
