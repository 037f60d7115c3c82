#!/usr/bin/env node
/**
 * npm run validate — checks manifest.xml against the Office add-in manifest XSDs, offline.
 *
 *     node scripts/validate-manifest.mjs [MANIFEST]        (default: manifest.xml)
 *
 * The schemas are the offline copies in ../shared/schemas/office-addin-manifest/ (or
 * $SHARED_DIR/schemas/office-addin-manifest/): `office-addin-manifest validate` needs a Microsoft
 * web service that these machines cannot reach. Exit 0 when valid, 1 when invalid, 2 when the check
 * could not run (no xmllint, no schemas, no manifest), each with one clear line saying why.
 */
/* global process, console */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

// The repository is the parent of this script's folder (no import.meta: the lint parser predates it).
const repo = resolve(dirname(resolve(process.argv[1])), "..");

/** Where the XSDs are: $SHARED_DIR first, then the shared/ folder beside the repository. */
function findSchema(env = process.env) {
  const candidates = [
    env.SHARED_DIR && join(env.SHARED_DIR, "schemas", "office-addin-manifest", "OfficeAppManifestV1_1.xsd"),
    join(repo, "..", "shared", "schemas", "office-addin-manifest", "OfficeAppManifestV1_1.xsd"),
  ].filter(Boolean);
  const found = candidates.find((path) => existsSync(path));
  return found === undefined ? null : found;
}

function hasXmllint() {
  return spawnSync("xmllint", ["--version"], { encoding: "utf8" }).error === undefined;
}

/** Runs xmllint; returns { ok, output }. */
function validateManifest(manifestPath, schemaPath) {
  const run = spawnSync("xmllint", ["--noout", "--schema", schemaPath, manifestPath], { encoding: "utf8" });
  return { ok: run.status === 0, output: `${run.stdout || ""}${run.stderr || ""}`.trim() };
}

function main() {
  const manifest = resolve(repo, process.argv[2] || "manifest.xml");
  if (!existsSync(manifest)) {
    console.error(`validate: ${manifest} does not exist.`);
    return 2;
  }
  const schema = findSchema();
  if (!schema) {
    const where = "$SHARED_DIR/schemas/office-addin-manifest/ and ../shared/schemas/office-addin-manifest/";
    console.error(`validate: the manifest schemas were not found (looked in ${where}). Set SHARED_DIR.`);
    return 2;
  }
  if (!hasXmllint()) {
    console.error("validate: xmllint is not installed. On Debian/Ubuntu: apt-get install libxml2-utils");
    return 2;
  }
  const { ok, output } = validateManifest(manifest, schema);
  if (!ok) {
    console.error(output);
    console.error(`validate: ${manifest} does not match the add-in manifest schema.`);
    return 1;
  }
  console.log(`validate: ${manifest} matches OfficeAppManifestV1_1.xsd (offline schema check).`);
  const online = "npx office-addin-manifest validate manifest.xml";
  console.log(`validate: optional second step, on a machine with internet access: ${online}`);
  return 0;
}

process.exitCode = main();
