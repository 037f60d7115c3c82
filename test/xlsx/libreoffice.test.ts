/**
 * The writer against a real office suite (LibreOffice, headless):
 * - the live formulas of the summary sheet, recalculated by LibreOffice, give the engine's numbers
 *   (survey per-question scores, overall score, satisfied rate, indicator actuals, rates, light
 *   counts) — this is what proves the formulas and the engine agree;
 * - a workbook written by LibreOffice (shared strings, its own styles, date cells, a merged title)
 *   is marked, re-marked and cleared back to itself.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { planSummarySheet, sheetPlanCells, type SheetPlan } from "../../src/core/plan/summary-sheet";
import { columnLetter } from "../../src/core/grid";
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from "../../src/core/settings";
import type { CellValue } from "../../src/core/types";
import { removeMarks, writeEvaluatedCopy } from "../../src/xlsx/write";
import { convertToXlsx, libreOfficeAvailable } from "../support/libreoffice";
import { rawCells } from "../support/xlsx-package";
import { LEDGER_SHEET, NUMERIC_SURVEY_ROWS, SURVEY_ROWS } from "../support/sample-ledger";
import { workbookSnapshot } from "../support/exceljs-snapshot";
import { buildLedgerWorkbook, evaluateFile, fileHash } from "../support/exceljs-workbooks";

const FIXTURE = join(__dirname, "..", "fixtures", "xlsx", "lo-ledger.fods");
const hasLibreOffice = libreOfficeAvailable();
// CI installs LibreOffice (.ci/run): there, a missing soffice is a failure, not a reason to skip.
if (process.env.CI && !hasLibreOffice)
  throw new Error("CI needs soffice for the formula check (apt-get install libreoffice-calc)");
const describeWithLibreOffice = hasLibreOffice ? describe : describe.skip;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zgtz-lo-"));
});

/** Writes an evaluated copy, recalculates it in LibreOffice; returns the plan and the recalculated cells. */
async function writeAndRecalculate(input: string, settings: Settings, name: string, ledgerSheet = LEDGER_SHEET) {
  const output = join(dir, `${name}-评估.xlsx`);
  const { result, surveySheet } = await evaluateFile(input, settings, ledgerSheet);
  const { summarySheet } = await writeEvaluatedCopy(input, output, result, { settings, surveySheet });
  const plan = planSummarySheet(result, { sheetName: summarySheet, ledgerSheet, surveySheet, settings });
  const recalculated = convertToXlsx(output, join(dir, `${name}-recalc`));
  return { result, plan, cells: rawCells(recalculated, summarySheet) };
}

/** Each formula's engine value next to LibreOffice's, labelled by the row's first cell. */
function compareFormulas(plan: SheetPlan, cells: ReturnType<typeof rawCells>) {
  const labels = new Map<number, string>();
  for (const { row, col, cell } of sheetPlanCells(plan))
    if (col === 1 && cell.kind === "text") labels.set(row, cell.text);
  return sheetPlanCells(plan)
    .filter((c) => c.cell.kind === "formula")
    .map(({ row, col, cell }) => {
      const address = `${columnLetter(col)}${row}`;
      return {
        address,
        label: labels.get(row) ?? "",
        engine: cell.kind === "formula" ? cell.value : null,
        office: cells.get(address)?.value ?? null,
      };
    });
}

function expectAgreement(rows: ReturnType<typeof compareFormulas>, plan: SheetPlan) {
  const surveyScores = new Set<string>();
  const survey = plan.tables.find((t) => t.id === "survey");
  if (survey) survey.rows.forEach((_, i) => surveyScores.add(`F${survey.firstRow + i}`));
  for (const row of rows) {
    if (typeof row.engine === "number") {
      expect(typeof row.office).toBe("number");
      // The engine keeps per-question scores to one decimal; the sheet keeps the unrounded mean.
      const tolerance = surveyScores.has(row.address) ? 0.05 : 1e-9;
      expect({ ...row, close: Math.abs((row.office as number) - row.engine) <= tolerance }).toMatchObject({
        close: true,
      });
    } else {
      expect({ address: row.address, label: row.label, office: row.office ?? "" }).toEqual({
        address: row.address,
        label: row.label,
        office: row.engine ?? "",
      });
    }
  }
}

describeWithLibreOffice("live formulas recalculated by LibreOffice equal the engine's numbers", () => {
  it("word-scale survey, indicator inputs, custom indicator, rates and light counts", async () => {
    const input = join(dir, "公式核对.xlsx");
    await buildLedgerWorkbook(input);
    const settings = SettingsSchema.parse({
      indicatorInputs: { rotationDue: 12, rotationDone: 10, auditLastYear: 20, auditThisYear: 13 },
      customIndicators: [{ name: "培训覆盖率", target: 0.9, unit: "rate", numerator: 45, denominator: 50 }],
    });
    const { result, plan, cells } = await writeAndRecalculate(input, settings, "word");
    const rows = compareFormulas(plan, cells);
    expectAgreement(rows, plan);

    // The numbers the brief names are among those compared, with the values we expect.
    const value = (label: string, col = "B") =>
      rows.find((r) => r.label === label && r.address.startsWith(col))?.office;
    expect(value("综合得分")).toBe(result.survey?.score);
    expect(value("满意率")).toBeCloseTo(result.survey?.satisfiedRate ?? NaN, 12);
    expect(value("关键岗位人员轮岗率", "C")).toBeCloseTo(10 / 12, 12);
    expect(value("年度审计发现问题同比下降", "C")).toBeCloseTo(0.35, 12);
    expect(value("培训覆盖率", "C")).toBeCloseTo(0.9, 12);
    expect(value("关键岗位人员轮岗率", "D")).toBe("达标");
    expect(value("预警：红灯")).toBe(1);
    expect(value("销号率")).toBeCloseTo(result.summary.closeRate ?? NaN, 12);
    expect(value("按期完成率")).toBe(0.5);
    const questionRows = rows.filter(
      (r) => /^F/.test(r.address) && result.survey?.questions.some((q) => q.title === r.label),
    );
    expect(questionRows.map((r) => Math.round((r.office as number) * 10) / 10)).toEqual(
      result.survey?.questions.map((q) => q.score),
    );
    // The links to the ledger rows evaluate to their text in LibreOffice too.
    const warnings = plan.tables.find((t) => t.id === "warnings");
    const link = warnings?.rows[0]?.[0];
    expect(link?.kind).toBe("link");
    expect(cells.get(`A${warnings?.firstRow}`)?.value).toBe(link?.kind === "link" ? link.text : null);
  });

  it("numeric 1–5 survey (AVERAGEIFS and the (x−1)/4×100 transform)", async () => {
    const input = join(dir, "数字量表.xlsx");
    await buildLedgerWorkbook(input, [], NUMERIC_SURVEY_ROWS);
    const { result, plan, cells } = await writeAndRecalculate(input, DEFAULT_SETTINGS, "numeric");
    expect(result.survey?.scale).toBe("numeric-5");
    const rows = compareFormulas(plan, cells);
    expectAgreement(rows, plan);
    expect(rows.find((r) => r.label === "综合得分")?.office).toBe(result.survey?.score);
  });

  it("answers typed loosely (a trailing space, a space inside, a full-width space): the totals still agree", async () => {
    const input = join(dir, "答案不规范.xlsx");
    const loose: CellValue[][] = SURVEY_ROWS.map((row, r) => {
      const [seq = null, a = null, b = null, c = null] = row;
      return r === 2 ? [seq, "非常满意 ", "满 意", c] : r === 4 ? [seq, a, b, "基本满意　"] : row;
    });
    await buildLedgerWorkbook(input, [], loose);
    const { result, plan, cells } = await writeAndRecalculate(input, DEFAULT_SETTINGS, "loose");
    expect(result.survey?.questions.map((q) => q.countedDifferently)).toEqual([1, 1, 1]);
    const rows = compareFormulas(plan, cells);
    expectAgreement(rows, plan);
    expect(rows.find((r) => r.label === "综合得分")?.office).toBe(result.survey?.score);
    expect(rows.find((r) => r.label === "满意率")?.office).toBeCloseTo(result.survey?.satisfiedRate ?? NaN, 12);
  });
});

describeWithLibreOffice("a workbook written by LibreOffice", () => {
  let original: string;
  beforeAll(() => {
    original = convertToXlsx(FIXTURE, join(dir, "lo"));
  });

  it("gets the owned columns, colours and summary; the input is not modified", async () => {
    const hash = fileHash(original);
    const output = join(dir, "lo-评估.xlsx");
    const { result, surveySheet } = await evaluateFile(original, DEFAULT_SETTINGS);
    expect(result.items.map((i) => i.row)).toEqual([3, 4, 5, 6, 7]);
    expect(surveySheet).toBe("满意度调查");
    await writeEvaluatedCopy(original, output, result, { settings: DEFAULT_SETTINGS, surveySheet });
    expect(fileHash(original)).toBe(hash);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const ws = workbook.getWorksheet(LEDGER_SHEET);
    expect([ws?.getCell("K2").value, ws?.getCell("L2").value]).toEqual(["预警状态", "评估意见"]);
    expect([3, 4, 5, 6, 7].map((r) => ws?.getCell(`K${r}`).value)).toEqual(["已销号", "红灯", "黄灯", "绿灯", "绿灯"]);
    const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: unknown[] }[] })
      .conditionalFormattings;
    expect(cfs.map((cf) => [cf.ref, cf.rules.length])).toEqual([["A3:J7", 4]]);
    const raw = rawCells(output, "整改情况汇总");
    expect([...raw.values()].find((c) => c.value === "=SUM(A1:A9) 合同台账缺失")).toMatchObject({ formula: null });
  });

  it("round trip: evaluate, evaluate the copy, clear → identical to the LibreOffice original", async () => {
    const first = join(dir, "lo-1.xlsx");
    const second = join(dir, "lo-2.xlsx");
    const cleared = join(dir, "lo-cleared.xlsx");
    for (const [from, to] of [
      [original, first],
      [first, second],
    ] as const) {
      const { result, surveySheet } = await evaluateFile(from, DEFAULT_SETTINGS);
      await writeEvaluatedCopy(from, to, result, { settings: DEFAULT_SETTINGS, surveySheet });
    }
    await removeMarks(second, cleared);
    expect(await workbookSnapshot(cleared)).toEqual(await workbookSnapshot(original));
  });

  it("LibreOffice recalculates the copy to the engine's numbers", async () => {
    const { plan, cells } = await writeAndRecalculate(original, DEFAULT_SETTINGS, "lo-recalc");
    expectAgreement(compareFormulas(plan, cells), plan);
  });
});

describeWithLibreOffice("the money sums of the summary sheet, recalculated by LibreOffice", () => {
  it("give the engine's totals: SUMs over the item rows only (not the 合计 row), 元 scaled to 万元", async () => {
    // The blind audit ledger: 已整改金额 (万元) and 追回金额（元） are number columns, 问题金额 has text amounts.
    const input = join(__dirname, "..", "fixtures", "blind", "审计台账.xlsx");
    const { plan, cells } = await writeAndRecalculate(input, DEFAULT_SETTINGS, "audit", "2024年度审计整改");
    const rows = compareFormulas(plan, cells);
    expectAgreement(rows, plan);
    const money = rows.filter((row) => /金额（[A-Z]+列）$/.test(row.label)).map((row) => [row.label, row.office]);
    expect(money).toEqual([
      ["整改金额（O列）", 28.2],
      ["追回金额（P列）", 28.2],
    ]);
  });
});
