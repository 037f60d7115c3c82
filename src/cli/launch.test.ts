import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const launcher = require("./launch.cjs") as {
  bundleIsFresh: (bundle: string, inputsFile: string, root: string) => boolean;
  ensureBundle: (name?: "cli" | "host") => string;
};

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

  it("builds and runs `npm run host`'s own bundle the same way", () => {
    expect(launcher.ensureBundle("host")).toMatch(/host\.cjs$/);
    const sample = resolve(__dirname, "../../samples/整改台账示例.xlsx");
    const json = execFileSync(
      process.execPath,
      [resolve(__dirname, "launch-host.cjs"), "evaluate", sample, "--today", "2025-03-31"],
      { encoding: "utf8" },
    );
    expect(JSON.parse(json)).toMatchObject({ today: "2025-03-31", ledger: { sheet: "整改台账" } });
  });
});
