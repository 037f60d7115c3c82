/**
 * The add-in's whole cycle on workbooks as users keep them, loaded from files into the Excel double:
 * 评估 → 生成汇总表 → 清除标记 leaves the double's whole state as it was — with users' own conditional
 * formats of every type (two on several areas), 600 and 2,000 merged unit cells, names of both scopes,
 * a name and the add-in's summary mark left referring to #REF! by a deleted sheet, a copied ledger
 * sheet, hidden rows and columns, a protected and a very hidden sheet, a table (./user-rules.py).
 * Also: the double's writer and loader give back the same state, and `host --out` keeps the users'
 * rules in the file it writes.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diffSnapshots, snapshotWorkbook, type WorkbookSnapshot } from "../../src/excel-double";
import { loadWorkbookModel } from "../../src/excel-double/xlsx/load";
import { writeWorkbookModel } from "../../src/excel-double/xlsx/write";
import { DEFAULT_SETTINGS } from "../../src/core/settings-defaults";
import { MARK_NAMES } from "../../src/core/plan/marks-plan";
import { hostBackend } from "../../src/cli/host";
import { fileHarness } from "../support/excel-harness";
import { runCommand } from "../support/run-command";

const TODAY = "2025-03-31";
const LEDGER = "整改台账";
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zgtz-host-rules-"));
  execFileSync("/usr/bin/python3", [join(__dirname, "user-rules.py"), dir], { stdio: "pipe" });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The add-in's own mark left referring to nothing: the summary it marked was deleted by hand. */
const withoutStaleSummaryMark = (snapshot: WorkbookSnapshot): WorkbookSnapshot => ({
  ...snapshot,
  names: snapshot.names.filter((n) => !(n.name === MARK_NAMES.summary && n.address === "=#REF!")),
});

async function cycle(file: string, sheet: string): Promise<{ before: WorkbookSnapshot; after: WorkbookSnapshot }> {
  const { double, host } = await fileHarness(join(dir, file));
  const before = double.snapshot();
  const evaluated = await host.evaluate({
    source: { kind: "sheet", name: sheet },
    today: TODAY,
    settings: DEFAULT_SETTINGS,
  });
  if (!evaluated.ok) throw new Error(`evaluate: ${evaluated.error.code} ${evaluated.error.message.en}`);
  const written = await host.writeSummary(evaluated.value, DEFAULT_SETTINGS);
  if (!written.ok) throw new Error(`summary: ${written.error.code} ${written.error.message.en}`);
  // The summary really was written, and the marks: the cycle is not a no-op.
  const during = double.snapshot();
  expect(during.sheets.map((s) => s.name)).toContain(written.value.sheetName);
  expect(during.names.find((n) => n.name === MARK_NAMES.summary)?.sheet).toBe(written.value.sheetName);
  expect(during.sheets.find((s) => s.name === sheet)?.conditionalFormats.length).toBeGreaterThan(
    before.sheets.find((s) => s.name === sheet)?.conditionalFormats.length ?? 0,
  );
  const cleared = await host.clearMarks({ history: true });
  if (!cleared.ok) throw new Error(`clear: ${cleared.error.code} ${cleared.error.message.en}`);
  return { before, after: double.snapshot() };
}

describe("评估 → 生成汇总表 → 清除标记 on files users keep", () => {
  it("leaves a workbook with users' rules of every type, several-area rules, names and a copied sheet as it was", async () => {
    const { before, after } = await cycle("user-rules.xlsx", LEDGER);
    const types = before.sheets[0]?.conditionalFormats.map((cf) => cf.type ?? "Custom");
    expect(new Set(types)).toEqual(
      new Set(["DataBar", "ColorScale", "IconSet", "CellValue", "TopBottom", "PresetCriteria", "Custom"]),
    );
    expect(before.names.filter((n) => n.address === "=#REF!").map((n) => n.name)).toEqual([
      MARK_NAMES.summary,
      "旧汇总",
    ]);
    // Everything the user had stays; the add-in's own stale summary mark is replaced, then cleared with the summary.
    expect(diffSnapshots(withoutStaleSummaryMark(before), after)).toEqual([]);
    expect(after).toEqual(withoutStaleSummaryMark(before));
  });

  it("does the same on the copied ledger sheet", async () => {
    const { before, after } = await cycle("user-rules.xlsx", `${LEDGER} (2)`);
    expect(after).toEqual(withoutStaleSummaryMark(before));
  });

  it.each([
    ["merged-600.xlsx", 600],
    ["merged-2000.xlsx", 2000],
  ])("leaves %s (%i merged unit cells, data bars, colour scales) as it was", async (file, merges) => {
    const { before, after } = await cycle(file, LEDGER);
    expect(before.sheets[0]?.merges.length).toBe(merges + 1); // and the title's
    expect(after).toEqual(before);
  });
});

describe("the double's state written to .xlsx", () => {
  it.each(["user-rules.xlsx", "merged-600.xlsx"])("loads back as the same state (%s)", async (file) => {
    const model = await loadWorkbookModel(join(dir, file));
    const copy = join(dir, `written-${file}`);
    await writeWorkbookModel(model, copy);
    expect(snapshotWorkbook(await loadWorkbookModel(copy))).toEqual(snapshotWorkbook(model));
  });

  it("host --out writes the summary and the marks, and keeps every user rule", async () => {
    const out = join(dir, "user-rules-out.xlsx");
    const run = await runCommand(
      ["evaluate", join(dir, "user-rules.xlsx"), "--today", TODAY, "--out", out],
      hostBackend(),
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const written = snapshotWorkbook(await loadWorkbookModel(out));
    const original = snapshotWorkbook(await loadWorkbookModel(join(dir, "user-rules.xlsx")));
    expect(written.sheets.map((s) => s.name)).toEqual([
      ...original.sheets.map((s) => s.name),
      "整改情况汇总",
      "评估记录",
      "督办单",
    ]);
    const ledger = written.sheets[0];
    expect(ledger?.cells.J2?.value).toBe("预警状态");
    for (const rule of original.sheets[0]?.conditionalFormats ?? [])
      expect(ledger?.conditionalFormats).toContainEqual(rule);
    expect(written.names.find((n) => n.name === MARK_NAMES.summary)?.sheet).toBe("整改情况汇总");
    expect(written.names.filter((n) => n.name === "旧汇总")).toEqual(original.names.filter((n) => n.name === "旧汇总"));
  });
});
