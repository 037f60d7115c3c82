/**
 * The ExcelApi 1.4 path (no conditional formats: direct fills, originals kept and restored), the
 * summary sheet (name clash, text kept as text, links, chart, print), and the small host methods.
 */
import { diffSnapshots } from "../../src/excel-double";
import { MAX_SYNCS_PER_EVALUATION_WITHOUT_CONDITIONAL_FORMATS, settingsFrom } from "../../src/excel/excel-host";
import type { EvaluateRequest, LedgerHost } from "../../src/core/host";
import { MARKS_SETTING_KEY, SETTINGS_KEY } from "../../src/excel/fill-record";
import { DEFAULT_SETTINGS, SettingsSchema } from "../../src/core/settings";
import { SUMMARY_SHEET_NAME } from "../../src/core/plan/marks-plan";
import { harness, LEDGER_SHEET, ledgerSheet, TODAY } from "../support/excel-harness";

const active: EvaluateRequest = { source: { kind: "active" }, today: TODAY, settings: DEFAULT_SETTINGS };

async function evaluateOk(host: LedgerHost) {
  const outcome = await host.evaluate(active);
  if (!outcome.ok) throw new Error(`evaluate failed: ${outcome.error.code} ${outcome.error.message.en}`);
  return outcome.value;
}

/** The user's own fills: a yellow block over rows 3–4 (B:C) and a blue cell in the closed row. */
const userFills = { "B3:C4": "#FFFF00", E6: "#9BC2E6" };
const fallback = () =>
  harness(
    {
      sheets: [
        { ...ledgerSheet(), fills: userFills },
        { name: "Other", rows: [["x"]] },
      ],
    },
    "1.4",
  );

describe("below ExcelApi 1.6: direct fills", () => {
  it("colours item rows by light with fills grouped by colour, adds no rule, records the originals", async () => {
    const { host, double } = fallback();
    await evaluateOk(host);
    const sheet = double.snapshot().sheets[0];
    expect(sheet?.conditionalFormats).toEqual([]);
    expect(["A3", "B3", "I3"].map((a) => sheet?.cells[a]?.fill)).toEqual(["#FFEB9C", "#FFEB9C", "#FFEB9C"]);
    expect(["A4", "C4", "A6", "E6", "A5"].map((a) => sheet?.cells[a]?.fill)).toEqual([
      "#FFC7CE",
      "#FFC7CE",
      "#D9D9D9",
      "#D9D9D9",
      "#C6EFCE",
    ]);
    // Per marked sheet (worksheet id → fills), so a second ledger sheet keeps its own record.
    const marker = double.snapshot().settings[MARKS_SETTING_KEY] as { version: number; sheets: object };
    expect(marker.version).toBe(2);
    expect(Object.values(marker.sheets)).toEqual([
      expect.objectContaining({ "#FFFF00": ["B3:C4"], "#9BC2E6": ["E6"] }),
    ]);
    expect(double.syncCount).toBeLessThanOrEqual(MAX_SYNCS_PER_EVALUATION_WITHOUT_CONDITIONAL_FORMATS);
  });

  it("clear restores the user's original fills exactly", async () => {
    const { host, double } = fallback();
    const before = double.snapshot();
    await evaluateOk(host);
    expect((await host.clearMarks()).ok).toBe(true);
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });

  it("evaluating twice keeps the first originals (not its own colours) and changes nothing", async () => {
    const { host, double } = fallback();
    const before = double.snapshot();
    await evaluateOk(host);
    const once = double.snapshot();
    await evaluateOk(host);
    expect(diffSnapshots(once, double.snapshot())).toEqual([]);
    await host.clearMarks();
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });

  it("a row no longer coloured gets its original fill back on re-evaluation", async () => {
    const { host, double } = fallback();
    await evaluateOk(host);
    double.model.sheets[0]?.cells.delete("4:6"); // row 4 was red; without a deadline its light is none: no colour
    await evaluateOk(host);
    const sheet = double.snapshot().sheets[0];
    expect([sheet?.cells.A4?.fill, sheet?.cells.B4?.fill, sheet?.cells.A3?.fill]).toEqual([
      undefined,
      "#FFFF00",
      "#FFEB9C",
    ]);
    expect(sheet?.cells.J4?.value).toBe("待补充");
    await host.clearMarks();
    expect(double.snapshot().sheets[0]?.cells.B4).toEqual({ value: "=合同管理不规范", fill: "#FFFF00" });
  });

  it("a failure at any sync leaves the workbook as before", async () => {
    const first = fallback();
    await evaluateOk(first.host);
    const syncs = first.double.syncCount;
    for (let k = 1; k <= syncs; k++) {
      const { host, double } = fallback();
      const before = double.snapshot();
      double.runtime.failOnSync({ sync: k });
      expect((await host.evaluate(active)).ok).toBe(false);
      expect({ k, diff: diffSnapshots(before, double.snapshot()) }).toEqual({ k, diff: [] });
    }
  });
});

describe("the summary sheet", () => {
  it("never overwrites a user sheet of that name, and says so", async () => {
    const { host, double } = harness({
      sheets: [ledgerSheet(), { name: SUMMARY_SHEET_NAME, rows: [["用户自己的汇总"]] }],
    });
    const evaluation = await evaluateOk(host);
    const before = double.snapshot().sheets[1];
    const outcome = await host.writeSummary(evaluation, DEFAULT_SETTINGS);
    expect(outcome).toEqual({
      ok: true,
      value: { sheetName: `${SUMMARY_SHEET_NAME} (2)`, renamedFrom: SUMMARY_SHEET_NAME },
    });
    expect(double.snapshot().sheets[1]).toEqual(before);
    // Writing again replaces ours, still leaving the user's alone.
    await host.writeSummary(evaluation, DEFAULT_SETTINGS);
    expect(double.snapshot().sheets.map((s) => s.name)).toEqual([
      LEDGER_SHEET,
      SUMMARY_SHEET_NAME,
      `${SUMMARY_SHEET_NAME} (2)`,
    ]);
  });

  it("writes ledger text as text, links to rows, a chart and print setup", async () => {
    const { host, double } = harness({ sheets: [ledgerSheet()] });
    const evaluation = await evaluateOk(host);
    expect((await host.writeSummary(evaluation, DEFAULT_SETTINGS)).ok).toBe(true);
    const summary = double.snapshot().sheets.find((s) => s.name === SUMMARY_SHEET_NAME);
    const cells = Object.values(summary?.cells ?? {});
    expect(cells.some((c) => c.value === "=合同管理不规范")).toBe(true);
    expect(cells.some((c) => c.formula?.includes("合同管理"))).toBe(false);
    expect(cells.some((c) => c.hyperlink?.documentReference?.startsWith(`'${LEDGER_SHEET}'!`))).toBe(true);
    expect(summary?.charts.length).toBeGreaterThan(0);
    // One page wide, in documented numbers of pages: as many pages tall as rows, never the constraint.
    const rows = Math.max(...Object.keys(summary?.cells ?? {}).map((a) => Number(/\d+/.exec(a)?.[0])));
    expect(summary?.pageLayout).toMatchObject({
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: rows },
    });
    expect(summary?.freezeRows).toBeGreaterThanOrEqual(0);
    // The printed layout of the plan: page breaks, the tall title row, the wide columns merged per row.
    const overviewHeader = Number(
      /\d+/.exec(Object.entries(summary?.cells ?? {}).find(([, c]) => c.value === "项目")?.[0] ?? "")?.[0],
    );
    expect((summary?.pageLayout.pageBreaksBefore as number[] | undefined)?.length).toBe(2);
    expect(summary?.rowHeights["1"]).toBeGreaterThan(20);
    expect(summary?.merges).toContain(`C${overviewHeader}:H${overviewHeader}`);
  });

  it("below ExcelApi 1.7 links are HYPERLINK formulas and nothing newer is called", async () => {
    const { host, double } = harness({ sheets: [ledgerSheet()] }, "1.4");
    const evaluation = await evaluateOk(host);
    expect((await host.writeSummary(evaluation, DEFAULT_SETTINGS)).ok).toBe(true);
    const summary = double.snapshot().sheets.find((s) => s.name === SUMMARY_SHEET_NAME);
    const formulas = Object.values(summary?.cells ?? {}).flatMap((c) => (c.formula ? [c.formula] : []));
    expect(formulas.some((f) => f.startsWith(`=HYPERLINK("#'${LEDGER_SHEET}'!`))).toBe(true);
    expect(summary?.pageLayout).toEqual({});
    expect(summary?.merges.length).toBeGreaterThan(0);
  });
});

describe("small host methods", () => {
  it("lists sheets in workbook order and selects a finding's cell", async () => {
    const { host, double } = harness({ sheets: [ledgerSheet(), { name: "Other" }], active: "Other" });
    expect(await host.listSheets()).toEqual({ ok: true, value: [LEDGER_SHEET, "Other"] });
    expect((await host.selectCell(LEDGER_SHEET, "H7")).ok).toBe(true);
    expect(double.model.selection.areas).toEqual([{ top: 7, left: 8, bottom: 7, right: 8 }]);
    expect(double.model.activeSheetId).toBe(double.model.sheets[0]?.id);
  });

  it("saves settings in the workbook and loads them back validated", async () => {
    const { host, double } = harness({ sheets: [ledgerSheet()] });
    expect(await host.loadSettings()).toEqual({ ok: true, value: { settings: DEFAULT_SETTINGS, problems: [] } });
    const mine = SettingsSchema.parse({ yellowAfterDays: 7, rules: { "vague-measures": "off" } });
    expect((await host.saveSettings(mine)).ok).toBe(true);
    expect(double.snapshot().settings[SETTINGS_KEY]).toMatchObject({ yellowAfterDays: 7 });
    expect(await host.loadSettings()).toEqual({ ok: true, value: { settings: mine, problems: [] } });
  });

  it("damaged stored settings give the defaults and say what was wrong", async () => {
    const { host } = harness({ sheets: [ledgerSheet()], settings: { [SETTINGS_KEY]: { yellowAfterDays: -3 } } });
    const outcome = await host.loadSettings();
    expect(outcome.ok && outcome.value.settings).toEqual(DEFAULT_SETTINGS);
    expect(outcome.ok && outcome.value.problems[0]).toMatch(/^yellowAfterDays:/);
    expect(settingsFrom("{not json").problems).toEqual(["(root): not JSON"]);
  });

  it("settings changes are honoured by evaluate (the pane passes them in)", async () => {
    const { host } = harness({ sheets: [ledgerSheet()] });
    const outcome = await host.evaluate({ ...active, settings: SettingsSchema.parse({ yellowAfterDays: 30 }) });
    expect(outcome.ok && outcome.value.result.items[0]?.light).toBe("green");
  });
});
