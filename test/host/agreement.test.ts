/**
 * `npm run host` and `npm run cli` print the same report for every ledger we have: the repository's
 * files, the workbooks the tests build (exceljs, LibreOffice), copies both commands wrote with
 * `--out`, and ledgers in layouts the engine was not written against (./unseen-layouts.py).
 * Any difference is the adapter's (both read cells with the same reader).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateLedger, writeLedgerXlsx } from "../../bench/generate";
import { convertToXlsx, libreOfficeAvailable } from "../xlsx/support/libreoffice";
import { buildLedgerWorkbook } from "../xlsx/support/workbooks";
import { runBoth, runCommand } from "./support";
import { hostBackend } from "../../src/cli/host";

const ROOT = join(__dirname, "..", "..");
const TODAY = "2025-03-31";
const REPOSITORY_LEDGERS = [
  "samples/整改台账示例.xlsx",
  "test/fixtures/county-ledger.xlsx",
  "test/fixtures/blind/国企台账.xlsx",
].map((file) => join(ROOT, file));
const PYTHON = "/usr/bin/python3";

let dir: string;
const built: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "zgtz-host-"));
  const exceljsLedger = join(dir, "exceljs-ledger.xlsx");
  await buildLedgerWorkbook(exceljsLedger, ["整改情况汇总"]);
  const generated = join(dir, "generated-600.xlsx");
  await writeLedgerXlsx(generateLedger(600), generated);
  built.push(exceljsLedger, generated);
  if (libreOfficeAvailable()) {
    for (const source of ["test/fixtures/xlsx/lo-ledger.fods", "samples/src/整改台账示例.fods"])
      built.push(convertToXlsx(join(ROOT, source), join(dir, "lo")));
  }
  // Copies each command marked and summarised: a ledger evaluated before is evaluated again.
  const sample = REPOSITORY_LEDGERS[0] ?? "";
  for (const [label, backend] of [
    ["cli", undefined],
    ["host", hostBackend()],
  ] as const) {
    const out = join(dir, `sample-${label}-out.xlsx`);
    const written = await runCommand(["evaluate", sample, "--today", TODAY, "--out", out], backend);
    expect(written.code).toBe(0);
    built.push(out);
  }
  execFileSync(PYTHON, [join(__dirname, "unseen-layouts.py"), dir], { stdio: "pipe" });
  built.push(join(dir, "审计整改台账.xlsx"), join(dir, "english-headers.xlsx"));
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cases(): string[] {
  return [...REPOSITORY_LEDGERS, ...built];
}

describe("host and cli agree", () => {
  it("finds every ledger the repository holds", () => {
    for (const file of REPOSITORY_LEDGERS) expect(existsSync(file)).toBe(true);
    expect(built.length).toBeGreaterThanOrEqual(6);
  });

  it("print the same JSON for every ledger", async () => {
    for (const file of cases()) {
      const { cli, host } = await runBoth(["evaluate", file, "--today", TODAY]);
      expect({ file, code: cli.code, stderr: cli.stderr }).toEqual({ file, code: 0, stderr: "" });
      expect({ file, code: host.code, stderr: host.stderr }).toEqual({ file, code: 0, stderr: "" });
      expect({ file, report: JSON.parse(host.stdout) }).toEqual({ file, report: JSON.parse(cli.stdout) });
      expect(host.stdout).toBe(cli.stdout);
    }
  });

  it("print the same text report, and the same for a named sheet", async () => {
    for (const file of cases()) {
      const { cli, host } = await runBoth([
        "evaluate",
        file,
        "--today",
        "2025-06-30",
        "--format",
        "text",
        "--lang",
        "en",
      ]);
      expect({ file, text: host.stdout }).toEqual({ file, text: cli.stdout });
    }
    const unseen = join(dir, "审计整改台账.xlsx");
    const { cli, host } = await runBoth(["evaluate", unseen, "--sheet", "审计整改", "--today", TODAY]);
    expect(cli.code).toBe(0);
    expect(host.stdout).toBe(cli.stdout);
  });

  it.each<[string, (d: string) => string[]]>([
    ["a missing file", (d) => ["evaluate", join(d, "missing.xlsx")]],
    ["a folder", (d) => ["evaluate", d]],
    ["a sheet that does not exist", () => ["evaluate", REPOSITORY_LEDGERS[0] ?? "", "--sheet", "没有这张表"]],
    ["a sheet without a ledger", () => ["evaluate", REPOSITORY_LEDGERS[0] ?? "", "--sheet", "封面"]],
    ["bad arguments", () => ["evaluate", "--today", "2025-02-30", "x.xlsx"]],
    [
      "an --out that is the input",
      () => ["evaluate", REPOSITORY_LEDGERS[0] ?? "", "--out", REPOSITORY_LEDGERS[0] ?? ""],
    ],
  ])("fail alike on %s (exit code and message)", async (_label, argv) => {
    const { cli, host } = await runBoth(argv(dir));
    expect(cli.code).toBe(2);
    expect(host).toEqual(cli);
  });
});
