/**
 * The .xlsx writer (`--out`) on workbooks built with exceljs: what it adds, what it leaves alone,
 * how a second run replaces the first, and how 清除标记 (`removeMarks`) restores the original.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { planMarks } from "../../src/core/plan/marks-builder";
import { MARK_NAMES } from "../../src/core/plan/marks";
import { planSummarySheet, sheetPlanCells } from "../../src/core/plan/summary-sheet";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { removeMarks, writeEvaluatedCopy, WriteError } from "../../src/xlsx/write";
import { rawCells, sheetXml } from "./support/package";
import { LEDGER_SHEET, SURVEY_SHEET } from "./support/sample";
import { workbookSnapshot } from "./support/snapshot";
import { buildLedgerWorkbook, evaluateFile, fileHash, USER_FILL } from "./support/workbooks";

const settings = DEFAULT_SETTINGS;
let dir: string;
let input: string;
let output: string;

async function load(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

async function evaluateAndWrite(from: string, to: string) {
  const { result, surveySheet } = await evaluateFile(from, settings);
  const outcome = await writeEvaluatedCopy(from, to, result, { settings, surveySheet });
  return { result, surveySheet, outcome };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "zgtz-write-"));
  input = join(dir, "台账.xlsx");
  output = join(dir, "台账-评估.xlsx");
  await buildLedgerWorkbook(input);
});

describe("writeEvaluatedCopy", () => {
  let inputHash: string;
  let written: Awaited<ReturnType<typeof evaluateAndWrite>>;

  beforeAll(async () => {
    inputHash = fileHash(input);
    written = await evaluateAndWrite(input, output);
  });

  it("never modifies the input file", () => {
    expect(fileHash(input)).toBe(inputHash);
  });

  it("refuses to write over the input", async () => {
    await expect(
      writeEvaluatedCopy(input, input, written.result, { settings, surveySheet: SURVEY_SHEET }),
    ).rejects.toBeInstanceOf(WriteError);
    expect(fileHash(input)).toBe(inputHash);
  });

  it("adds 预警状态 and 评估意见 right of the ledger, with one value per item row", async () => {
    const ws = (await load(output)).getWorksheet(LEDGER_SHEET);
    expect(ws?.getCell("K2").value).toBe("预警状态");
    expect(ws?.getCell("L2").value).toBe("评估意见");
    const marks = planMarks(written.result);
    expect([marks.statusCol, marks.opinionCol]).toEqual([11, 12]);
    expect([3, 4, 5, 6, 7, 8].map((r) => ws?.getCell(`K${r}`).value)).toEqual([
      "已销号",
      "红灯",
      "黄灯",
      "绿灯",
      "绿灯",
      "绿灯",
    ]);
    for (const row of marks.rows) {
      expect(ws?.getCell(`L${row.row}`).value ?? "").toBe(row.opinion);
    }
    expect(String(ws?.getCell("L5").value)).toMatch(/^【错误】责任人为空；【提醒】|^【提醒】.*；【错误】责任人为空$/);
    // Nothing above the header or below the ledger.
    expect(ws?.getCell("K1").value ?? null).toBeNull();
    expect(ws?.getCell("K9").value ?? null).toBeNull();
    // The owned headers look like the ledger's header.
    expect(ws?.getCell("K2").font?.bold).toBe(true);
  });

  it("colours rows with ONE conditional-format rule per colour, keyed on the status column", async () => {
    const ws = (await load(output)).getWorksheet(LEDGER_SHEET) as unknown as {
      conditionalFormattings: {
        ref: string;
        rules: { type: string; formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } }[];
      }[];
    };
    const ours = ws.conditionalFormattings.filter((cf) => cf.rules.some((r) => r.type === "expression"));
    expect(ours).toHaveLength(1);
    expect(ours[0]?.ref).toBe("A3:J8");
    expect(ours[0]?.rules.map((r) => [r.formulae?.[0], r.style?.fill?.bgColor?.argb])).toEqual([
      ['$K3="红灯"', "FFFFC7CE"],
      ['$K3="黄灯"', "FFFFEB9C"],
      ['$K3="绿灯"', "FFC6EFCE"],
      ['$K3="已销号"', "FFD9D9D9"],
    ]);
    // The user's own rule is still there.
    expect(ws.conditionalFormattings.some((cf) => cf.ref === "H3:H8")).toBe(true);
    const xml = sheetXml(output, LEDGER_SHEET);
    expect(xml.match(/<cfRule type="expression"/g)).toHaveLength(4);
  });

  it("never overwrites the user's cells: values, fills, fonts, borders, widths of the ledger are unchanged", async () => {
    const before = (await load(input)).getWorksheet(LEDGER_SHEET);
    const after = (await load(output)).getWorksheet(LEDGER_SHEET);
    expect(after?.getCell("B4").fill).toEqual(USER_FILL);
    for (let r = 1; r <= 9; r++) {
      for (let c = 1; c <= 10; c++) {
        const [a, b] = [before?.getCell(r, c), after?.getCell(r, c)];
        expect({ at: a?.address, value: b?.value, style: JSON.parse(JSON.stringify(b?.style ?? {})) }).toEqual({
          at: a?.address,
          value: a?.value,
          style: JSON.parse(JSON.stringify(a?.style ?? {})),
        });
      }
      expect(after?.getColumn(r).width).toBe(before?.getColumn(r).width);
    }
  });

  it("adds the summary sheet last, marked by a defined name, with the plan's cells", async () => {
    expect(written.outcome).toEqual({ summarySheet: "整改情况汇总", renamedFrom: null });
    const workbook = await load(output);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([LEDGER_SHEET, SURVEY_SHEET, "说明", "整改情况汇总"]);
    const names = (workbook.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
    expect(names.find((n) => n.name === MARK_NAMES.summary)?.ranges).toEqual(["'整改情况汇总'!$A$1"]);
    expect(names.find((n) => n.name === MARK_NAMES.statusColumn)?.ranges).toEqual([`'${LEDGER_SHEET}'!$K$2`]);
    expect(names.find((n) => n.name === "问题列表")).toBeDefined();

    const plan = planSummarySheet(written.result, {
      sheetName: "整改情况汇总",
      ledgerSheet: LEDGER_SHEET,
      surveySheet: SURVEY_SHEET,
      settings,
    });
    const raw = rawCells(output, "整改情况汇总");
    for (const { row, col, cell } of sheetPlanCells(plan)) {
      const address = `${String.fromCharCode(64 + col)}${row}`;
      const stored = raw.get(address);
      switch (cell.kind) {
        case "text":
          expect({ address, formula: stored?.formula ?? null, value: stored?.value ?? "" }).toEqual({
            address,
            formula: null,
            value: cell.text,
          });
          break;
        case "number":
          expect({ address, value: stored?.value }).toEqual({ address, value: cell.value });
          break;
        case "formula":
          expect({ address, formula: `=${stored?.formula}` }).toEqual({ address, formula: cell.formula });
          expect({ address, cached: stored?.value }).toEqual({ address, cached: cell.value ?? "" });
          break;
        case "link":
          expect(stored?.formula).toBe(`HYPERLINK("#'${cell.sheet}'!${cell.address}","${cell.text}")`);
          expect(stored?.value).toBe(cell.text);
          break;
      }
    }
  });

  it("writes a description beginning with = as text, never as a formula", () => {
    const raw = rawCells(output, "整改情况汇总");
    const cell = [...raw.values()].find((c) => c.value === "=SUM(A1:A9) 合同台账缺失");
    expect(cell).toEqual({ formula: null, value: "=SUM(A1:A9) 合同台账缺失", type: "s" });
    expect([...raw.values()].some((c) => c.formula?.includes("SUM(A1:A9)"))).toBe(false);
  });

  it("sets number formats, widths, print setup and frozen title rows", async () => {
    const ws = (await load(output)).getWorksheet("整改情况汇总");
    const rateRow = [...Array(40).keys()].find((r) => ws?.getCell(`A${r + 1}`).value === "销号率");
    expect(ws?.getCell(`B${(rateRow ?? 0) + 1}`).numFmt).toBe("0.0%");
    expect(ws?.getColumn(3).width).toBe(40);
    expect(ws?.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
    });
    expect(ws?.pageSetup.printTitlesRow).toBe("1:2");
    expect(ws?.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
  });
});

describe("a user sheet named 整改情况汇总", () => {
  it("is left untouched and 整改情况汇总 (2) is used", async () => {
    const userInput = join(dir, "有同名表.xlsx");
    const userOutput = join(dir, "有同名表-评估.xlsx");
    await buildLedgerWorkbook(userInput, ["整改情况汇总"]);
    const { outcome } = await evaluateAndWrite(userInput, userOutput);
    expect(outcome).toEqual({ summarySheet: "整改情况汇总 (2)", renamedFrom: "整改情况汇总" });
    const [before, after] = [await workbookSnapshot(userInput), await workbookSnapshot(userOutput)];
    const sheet = (s: unknown, name: string) =>
      (s as { sheets: { name: string }[] }).sheets.find((x) => x.name === name);
    expect(sheet(after, "整改情况汇总")).toEqual(sheet(before, "整改情况汇总"));
    expect(sheet(after, "整改情况汇总 (2)")).toBeDefined();

    // Evaluating the copy again replaces the add-in's (2), and still leaves the user's sheet alone.
    const again = join(dir, "有同名表-再评估.xlsx");
    const second = await evaluateAndWrite(userOutput, again);
    expect(second.outcome).toEqual({ summarySheet: "整改情况汇总 (2)", renamedFrom: "整改情况汇总" });
    const names = (await load(again)).worksheets.map((w) => w.name);
    expect(names.filter((n) => n.startsWith("整改情况汇总"))).toEqual(["整改情况汇总", "整改情况汇总 (2)"]);
    expect(sheet(await workbookSnapshot(again), "整改情况汇总")).toEqual(sheet(before, "整改情况汇总"));
  });
});

describe("evaluating again, then clearing", () => {
  it("replaces instead of adding, and removeMarks restores the original exactly", async () => {
    const second = join(dir, "二次评估.xlsx");
    const cleared = join(dir, "清除标记.xlsx");
    const firstRun = await evaluateAndWrite(input, output);
    const secondRun = await evaluateAndWrite(output, second);

    // The owned columns were recognised and reused, not appended again.
    expect(secondRun.result.layout.ownedColumns).toEqual({ status: 11, opinion: 12 });
    expect(secondRun.result.layout.lastCol).toBe(10);
    expect(secondRun.result.items.map((i) => i.light)).toEqual(firstRun.result.items.map((i) => i.light));
    const [a, b] = [await workbookSnapshot(output), await workbookSnapshot(second)];
    expect(b).toEqual(a);

    await removeMarks(second, cleared);
    const original = await workbookSnapshot(input);
    // The snapshot sees the marks (so equality below means something)…
    expect(a).not.toEqual(original);
    // …and after clearing, nothing of them is left.
    expect(await workbookSnapshot(cleared)).toEqual(original);
  });
});

describe("a ledger sheet whose name needs quoting", () => {
  it("is marked, found again and cleared (names with ' and spaces)", async () => {
    const source = join(dir, "引号.xlsx");
    const renamed = join(dir, "引号-改名.xlsx");
    await buildLedgerWorkbook(source);
    const workbook = await load(source);
    const ws = workbook.getWorksheet(LEDGER_SHEET);
    if (!ws) throw new Error("no ledger");
    ws.name = "张三's 台账";
    await workbook.xlsx.writeFile(renamed);

    const first = join(dir, "引号-1.xlsx");
    const second = join(dir, "引号-2.xlsx");
    const cleared = join(dir, "引号-清除.xlsx");
    for (const [from, to] of [
      [renamed, first],
      [first, second],
    ] as const) {
      const { result, surveySheet } = await evaluateFile(from, settings, "张三's 台账");
      await writeEvaluatedCopy(from, to, result, { settings, surveySheet });
    }
    const marked = (await load(second)).getWorksheet("张三's 台账");
    expect([marked?.getCell("K2").value, marked?.getCell("L2").value, marked?.getCell("M2").value ?? null]).toEqual([
      "预警状态",
      "评估意见",
      null,
    ]);
    const raw = rawCells(second, "整改情况汇总");
    expect([...raw.values()].some((c) => c.formula?.includes("COUNTIF('张三''s 台账'!$K$3:$K$8"))).toBe(true);
    await removeMarks(second, cleared);
    expect(await workbookSnapshot(cleared)).toEqual(await workbookSnapshot(renamed));
  });
});

describe("WriteError", () => {
  it("carries both languages, and a message the CLI splits on ' / '", () => {
    const error = new WriteError({ zh: "中文", en: "English" });
    expect(error.bilingual).toEqual({ zh: "中文", en: "English" });
    expect(error.message).toBe("中文 / English");
  });

  it("is thrown when the ledger sheet is not in the file", async () => {
    const { result } = await evaluateFile(input, settings);
    const missing = { ...result, layout: { ...result.layout, sheet: "不存在的表" } };
    await expect(
      writeEvaluatedCopy(input, join(dir, "x.xlsx"), missing, { settings, surveySheet: null }),
    ).rejects.toMatchObject({
      bilingual: { zh: "工作表“不存在的表”不在文件中。" },
    });
  });
});
