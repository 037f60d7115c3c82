import { execFileSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const launcher = require("./launch.cjs") as {
  bundleIsFresh: (bundle: string, inputsFile: string, root: string) => boolean;
  ensureBundle: (name?: "cli" | "host") => string;
  INPUTS: string;
  EXTERNAL_PACKAGES: readonly string[];
};

const ROOT = resolve(__dirname, "../..");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};
const SAMPLE_ARGS = ["evaluate", "samples/整改台账示例.xlsx", "--today", "2025-03-31"];

describe("the command line's bundle", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cli-bundle-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is stale when missing, when its input list is missing, or when an input is newer or gone", () => {
    const bundle = join(dir, "cli.cjs");
    const inputs = join(dir, "inputs.json");
    const source = join(dir, "source.ts");
    writeFileSync(source, "export {};");
    expect(launcher.bundleIsFresh(bundle, inputs, dir)).toBe(false);
    writeFileSync(bundle, "");
    expect(launcher.bundleIsFresh(bundle, inputs, dir)).toBe(false);
    writeFileSync(inputs, JSON.stringify(["source.ts"]));
    utimesSync(source, new Date(2000, 0, 1), new Date(2000, 0, 1));
    expect(launcher.bundleIsFresh(bundle, inputs, dir)).toBe(true);
    utimesSync(source, new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    expect(launcher.bundleIsFresh(bundle, inputs, dir)).toBe(false);
    writeFileSync(inputs, JSON.stringify(["deleted.ts"]));
    expect(launcher.bundleIsFresh(bundle, inputs, dir)).toBe(false);
  });

  it("is built when needed and runs under plain node, without tsx", () => {
    const bundle = launcher.ensureBundle();
    expect(bundle).toMatch(/cli\.cjs$/);
    const help = execFileSync(process.execPath, [resolve(__dirname, "launch.cjs"), "--help"], { encoding: "utf8" });
    expect(help).toContain("evaluate LEDGER.xlsx");
  });

  it("loads only production dependencies, so it runs after `npm ci --omit=dev`", () => {
    launcher.ensureBundle();
    const inputs = JSON.parse(readFileSync(launcher.INPUTS, "utf8")) as string[];
    const bundled = inputs.flatMap((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? []);
    expect(bundled).toContain("date-fns");
    // esbuild: the launcher builds the bundle with it on first use.
    for (const name of new Set([...bundled, ...launcher.EXTERNAL_PACKAGES, "esbuild"])) {
      expect({ name, declared: name in manifest.dependencies }).toEqual({ name, declared: true });
    }
  });
});

describe("npm run host's bundle", () => {
  it("is built and runs under plain node the same way", () => {
    expect(launcher.ensureBundle("host")).toMatch(/host\.cjs$/);
    const json = execFileSync(process.execPath, [resolve(__dirname, "launch-host.cjs"), ...SAMPLE_ARGS], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(JSON.parse(json)).toMatchObject({ today: "2025-03-31", ledger: { sheet: "整改台账" } });
  });
});

describe("the package's bin, zgtz", () => {
  const direct = () =>
    execFileSync(process.execPath, [resolve(__dirname, "launch.cjs"), ...SAMPLE_ARGS], { cwd: ROOT, encoding: "utf8" });

  it("is the launcher, executable with a node shebang, and evaluates a ledger as `npm run cli` does", () => {
    const bin = join(ROOT, manifest.bin["zgtz"]!);
    expect(bin).toBe(resolve(__dirname, "launch.cjs"));
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(() => accessSync(bin, constants.X_OK)).not.toThrow();
    const viaBin = execFileSync(bin, SAMPLE_ARGS, { cwd: ROOT, encoding: "utf8" });
    expect(JSON.parse(viaBin)).toMatchObject({ file: "samples/整改台账示例.xlsx" });
    expect(viaBin).toBe(direct());
  });

  it("runs as `npx zgtz` from the repository, without the registry", () => {
    const viaNpx = execFileSync("npx", ["--offline", "zgtz", ...SAMPLE_ARGS], { cwd: ROOT, encoding: "utf8" });
    expect(viaNpx).toBe(direct());
  });
});
