/**
 * Issue #5, part 1: on EVERY fixture ledger, on both hosts — evaluate, evaluate again (adds nothing),
 * clear → the workbook exactly as before (SPEC §8: "Clearing … leaves the workbook exactly as it was
 * before the first evaluation: values, formulas, number formats, fills, fonts, borders, column widths").
 *
 * Fixtures: the .xlsx files in samples/ and test/fixtures/ (samples/out/ holds outputs of the demo,
 * already marked, so they are not "before" pictures), each also loaded into the Excel double
 * (src/excel-double/xlsx/load.ts); and the double fixtures of test/support/excel-harness.ts (1900 and 1904 date systems, with user
 * fills, fonts, borders, widths and a user name around them; ExcelApi 1.17 and the 1.4 fallback).
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { diffSnapshots, type SheetDescription, type WorkbookDescription } from "../../src/excel-double";
import type { EvaluateOutcome, EvaluateRequest, LedgerHost } from "../../src/core/host";
import { evaluate, pickSurveySheet } from "../../src/core/evaluate";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { ledgerCandidates } from "../../src/cli/run";
import { readWorkbook } from "../../src/xlsx/read";
import { removeMarks, writeEvaluatedCopy } from "../../src/xlsx/write";
import { workbookSnapshot } from "../support/exceljs-snapshot";
import { fileHash } from "../support/exceljs-workbooks";
import { bigLedgerSheet, fileHarness, ledgerSheet, TODAY, type Harness } from "../support/excel-harness";
import { fixtureWorkbooks, harness } from "../support/reliability";

jest.setTimeout(120_000);

const settings = DEFAULT_SETTINGS;

/** The ledger sheet the CLI would pick, its evaluation and the survey sheet, from a file. */
async function evaluateXlsx(path: string) {
  const workbook = await readWorkbook(path);
  const names = workbook.sheets.map((s) => s.name);
  for (const name of ledgerCandidates(workbook.sheets)) {
    const sheet = workbook.sheets.find((s) => s.name === name);
    const surveyName = pickSurveySheet(names, settings, name);
    const survey = surveyName ? (workbook.sheets.find((s) => s.name === surveyName)?.grid() ?? null) : null;
    const evaluation = evaluate({ ledger: sheet!.grid(), survey, today: TODAY, settings });
    if (evaluation.ok) return { result: evaluation.result, surveySheet: surveyName };
  }
  throw new Error(`no ledger in ${path}`);
}

describe.each(fixtureWorkbooks().map((path) => [basename(path), path] as const))(".xlsx fixture %s", (_name, path) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "zgtz-roundtrip-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writeEvaluatedCopy twice adds nothing the second time; removeMarks gives the original back", async () => {
    const input = join(dir, "input.xlsx");
    copyFileSync(path, input);
    const inputHash = fileHash(input);
    const [first, second, cleared] = ["first.xlsx", "second.xlsx", "cleared.xlsx"].map((f) => join(dir, f)) as [
      string,
      string,
      string,
    ];

    const once = await evaluateXlsx(input);
    await writeEvaluatedCopy(input, first, once.result, { settings, surveySheet: once.surveySheet });
    const twice = await evaluateXlsx(first);
    expect(twice.result.items).toEqual(once.result.items);
    expect(twice.result.findings).toEqual(once.result.findings);
    await writeEvaluatedCopy(first, second, twice.result, { settings, surveySheet: twice.surveySheet });
    await removeMarks(second, cleared);

    const [original, afterFirst, afterSecond, afterClear] = await Promise.all(
      [input, first, second, cleared].map((p) => workbookSnapshot(p)),
    );
    expect(afterFirst).not.toEqual(original); // the snapshot sees the marks…
    expect(afterSecond).toEqual(afterFirst); // …a second run replaces them, adding nothing…
    expect(afterClear).toEqual(original); // …and clearing leaves the original.
    expect(fileHash(input)).toBe(inputHash);
  });

  it("on the Excel double: evaluate, evaluate again, summary, clear → identical to before", async () => {
    const { result } = await evaluateXlsx(path);
    await roundTripOnDouble(
      await fileHarness(path, { active: result.layout.sheet }),
      { kind: "sheet", name: result.layout.sheet },
      result.items.length,
    );
  });
});

/** A user's formatting around the double fixture: fills, fonts, borders, widths and a name of their own. */
function dressed(sheet: SheetDescription): SheetDescription {
  return {
    ...sheet,
    fills: { "B3:C4": "#FFFF00", E6: "#9BC2E6", A2: "#DDDDDD" },
    fonts: { A1: { bold: true, size: 16 }, "A2:I2": { bold: true } },
    borders: { "A2:I6": { EdgeTop: "Continuous", EdgeBottom: "Continuous" } },
    columnWidths: { 1: 30, 2: 120, 3: 160, 10: 70 },
  };
}

async function evaluateOk(host: LedgerHost, request: EvaluateRequest): Promise<EvaluateOutcome> {
  const outcome = await host.evaluate(request);
  if (!outcome.ok) throw new Error(`evaluate failed: ${outcome.error.code} ${outcome.error.message.en}`);
  return outcome.value;
}

async function roundTripOnDouble(
  { host, double }: Harness,
  source: EvaluateRequest["source"],
  expectedItems: number,
): Promise<void> {
  const request: EvaluateRequest = { source, today: TODAY, settings };
  const before = double.snapshot();

  const first = await evaluateOk(host, request);
  expect(first.result.items).toHaveLength(expectedItems);
  const afterFirst = double.snapshot();
  expect(diffSnapshots(before, afterFirst)).not.toEqual([]);

  const second = await evaluateOk(host, request);
  expect(second.result.items).toEqual(first.result.items);
  expect(diffSnapshots(afterFirst, double.snapshot())).toEqual([]);

  const summary = await host.writeSummary(second, settings);
  expect(summary).toMatchObject({ ok: true, value: { renamedFrom: null } });
  const withSummary = double.snapshot();
  // Writing the summary again replaces it in place (same sheets, same order, same cells).
  expect((await host.writeSummary(second, settings)).ok).toBe(true);
  expect(diffSnapshots(withSummary, double.snapshot())).toEqual([]);
  expect(double.snapshot().sheets.map((s) => s.name)).toEqual(withSummary.sheets.map((s) => s.name));

  expect(await host.clearMarks({ history: true })).toMatchObject({
    ok: true,
    value: { summarySheet: expect.any(String), history: { removed: true } },
  });
  expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  expect(double.snapshot()).toEqual(before);
  // Clearing a clean workbook changes nothing either, and says there was nothing to remove.
  expect(await host.clearMarks({ history: true })).toEqual({
    ok: true,
    value: { ledgerSheets: [], summarySheet: null, supervisionSheet: null, combinedSheets: [], history: null },
  });
  expect(double.snapshot()).toEqual(before);
}

describe("double fixtures (test/support/excel-harness.ts)", () => {
  const userName = { name: "我的区域", sheet: "整改台账", address: "B3:B6", comment: "用户自己的名称" };
  const cases: [string, WorkbookDescription, number, string][] = [
    [
      "the ledger (1900 dates), ExcelApi 1.17",
      { sheets: [dressed(ledgerSheet()), { name: "Other", rows: [["x"]] }], names: [userName] },
      4,
      "1.17",
    ],
    [
      "the ledger, ExcelApi 1.4 (direct fills)",
      { sheets: [dressed(ledgerSheet()), { name: "Other", rows: [["x"]] }], names: [userName] },
      4,
      "1.4",
    ],
    [
      "the ledger in the 1904 date system",
      { sheets: [dressed(ledgerSheet({ date1904: true }))], date1904: true },
      4,
      "1.17",
    ],
    [
      "the ledger, 1904 dates, ExcelApi 1.4",
      { sheets: [dressed(ledgerSheet({ date1904: true }))], date1904: true },
      4,
      "1.4",
    ],
    ["a generated ledger of 120 rows", { sheets: [bigLedgerSheet(120)] }, 120, "1.17"],
    ["a generated ledger of 120 rows, ExcelApi 1.4", { sheets: [bigLedgerSheet(120)] }, 120, "1.4"],
  ];
  it.each(cases)("%s: evaluate, evaluate again, summary, clear → identical to before", async (_l, d, n, api) => {
    await roundTripOnDouble(harness(d, api), { kind: "active" }, n);
  });
});
