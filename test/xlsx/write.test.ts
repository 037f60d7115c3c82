/**
 * The .xlsx writer (`--out`) on workbooks built with exceljs: what it adds, what it leaves alone,
 * how a second run replaces the first, and how 清除标记 (`removeMarks`) restores the original.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { planMarks } from "../../src/core/plan/marks-from-result";
import { columnMarkNames, MARK_NAMES } from "../../src/core/plan/marks-plan";
import { planSummarySheet, sheetPlanCells } from "../../src/core/plan/summary-sheet";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { removeMarks, writeEvaluatedCopy, WriteError } from "../../src/xlsx/write";
import { listDefinedNames } from "../../src/xlsx/package/workbook-edit";
import { rewriteZipEntry } from "../../src/xlsx/zip";
import { rawCells, readPart, sheetXml } from "../support/xlsx-package";
import { LEDGER_SHEET, SURVEY_SHEET } from "../support/sample-ledger";
import { workbookSnapshot } from "../support/exceljs-snapshot";
import { buildLedgerWorkbook, evaluateFile, fileHash, USER_FILL } from "../support/exceljs-workbooks";

const settings = DEFAULT_SETTINGS;

/** The workbook's defined names: name and element as written. */
function parseDefinedNames(xml: string): { name: string; xml: string }[] {
  return listDefinedNames(xml).map((n) => ({ name: n.name, xml: xml.slice(n.element.tag.start, n.element.end) }));
}
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
    expect(written.outcome).toEqual({
      summarySheet: "整改情况汇总",
      renamedFrom: null,
      supervision: { sheetName: "督办单", renamedFrom: null },
    });
    const workbook = await load(output);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      LEDGER_SHEET,
      SURVEY_SHEET,
      "说明",
      "整改情况汇总",
      "督办单",
    ]);
    const names = (workbook.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
    expect(names.find((n) => n.name === MARK_NAMES.summary)?.ranges).toEqual(["'整改情况汇总'!$A$1"]);
    expect(names.find((n) => n.name === MARK_NAMES.supervision)?.ranges).toEqual(["'督办单'!$A$1"]);
    // The owned columns' names record exactly the rows written: header through the last item.
    expect(names.find((n) => n.name === MARK_NAMES.statusColumn)?.ranges).toEqual([`'${LEDGER_SHEET}'!$K$2:$K$8`]);
    expect(names.find((n) => n.name === MARK_NAMES.opinionColumn)?.ranges).toEqual([`'${LEDGER_SHEET}'!$L$2:$L$8`]);
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

  it("draws the plan's chart (lights by unit) on the summary sheet, over its own cells", () => {
    const plan = planSummarySheet(written.result, {
      sheetName: "整改情况汇总",
      ledgerSheet: LEDGER_SHEET,
      surveySheet: SURVEY_SHEET,
      settings,
    });
    const [chart] = plan.charts;
    expect(chart).toBeDefined();
    expect(sheetXml(output, "整改情况汇总")).toMatch(/<drawing xmlns:r="[^"]+" r:id="rId1"\/><\/worksheet>$/);
    expect(readPart(output, "xl/worksheets/_rels/sheet4.xml.rels")).toContain('Target="../drawings/drawing1.xml"');
    expect(readPart(output, "xl/drawings/_rels/drawing1.xml.rels")).toContain('Target="../charts/chart1.xml"');
    const xml = readPart(output, "xl/charts/chart1.xml") ?? "";
    expect(xml).toContain(`<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${chart?.title}</a:t>`);
    for (const series of chart?.series ?? []) {
      const cached = series.data.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join("");
      expect(xml).toContain(`<c:tx><c:v>${series.name}</c:v></c:tx>`);
      expect(xml).toContain(cached);
    }
    expect(readPart(output, "[Content_Types].xml")).toContain('PartName="/xl/charts/chart1.xml"');
  });

  it("writes a description beginning with = as text, never as a formula", () => {
    const raw = rawCells(output, "整改情况汇总");
    const cell = [...raw.values()].find((c) => c.value === "=SUM(A1:A9) 合同台账缺失");
    // An inline string: the user's shared-string table is never touched.
    expect(cell).toEqual({ formula: null, value: "=SUM(A1:A9) 合同台账缺失", type: "inlineStr" });
    expect([...raw.values()].some((c) => c.formula?.includes("SUM(A1:A9)"))).toBe(false);
  });

  it("sets number formats, widths, print setup and frozen title rows", async () => {
    const ws = (await load(output)).getWorksheet("整改情况汇总");
    const rateRow = [...Array(40).keys()].find((r) => ws?.getCell(`A${r + 1}`).value === "销号率");
    expect(ws?.getCell(`B${(rateRow ?? 0) + 1}`).numFmt).toBe("0.0%");
    expect(ws?.getColumn(1).width).toBe(30);
    expect(ws?.getColumn(3).width).toBe(11);
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

  it("writes the plan's page breaks, merged wide columns and row heights", async () => {
    const { result } = await evaluateFile(output, DEFAULT_SETTINGS, LEDGER_SHEET);
    const plan = planSummarySheet(result, {
      sheetName: "整改情况汇总",
      ledgerSheet: LEDGER_SHEET,
      surveySheet: SURVEY_SHEET,
      settings: DEFAULT_SETTINGS,
    });
    const xml = sheetXml(output, "整改情况汇总");
    const breaks = [...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1]) + 1);
    expect(breaks).toEqual([...plan.print.pageBreaksBefore]);
    expect(breaks.length).toBeGreaterThan(0);
    const merges = [...xml.matchAll(/<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"/g)].map((m) => m[1]);
    const overview = plan.tables.find((t) => t.id === "overview");
    // 总体情况's 依据 spans C:H on every row, header included.
    expect(merges).toContain(`C${overview?.headerRow}:H${overview?.headerRow}`);
    expect(merges).toContain(`C${overview?.firstRow}:H${overview?.firstRow}`);
    const ws = (await load(output)).getWorksheet("整改情况汇总");
    expect(ws?.getRow(1).height).toBeGreaterThan(20);
    for (const { row, points } of plan.rowHeights) expect(ws?.getRow(row).height).toBe(points);
  });
});

describe("a user sheet named 整改情况汇总", () => {
  it("is left untouched and 整改情况汇总 (2) is used", async () => {
    const userInput = join(dir, "有同名表.xlsx");
    const userOutput = join(dir, "有同名表-评估.xlsx");
    await buildLedgerWorkbook(userInput, ["整改情况汇总"]);
    const { outcome } = await evaluateAndWrite(userInput, userOutput);
    expect(outcome).toMatchObject({ summarySheet: "整改情况汇总 (2)", renamedFrom: "整改情况汇总" });
    const [before, after] = [await workbookSnapshot(userInput), await workbookSnapshot(userOutput)];
    const sheet = (s: unknown, name: string) =>
      (s as { sheets: { name: string }[] }).sheets.find((x) => x.name === name);
    expect(sheet(after, "整改情况汇总")).toEqual(sheet(before, "整改情况汇总"));
    expect(sheet(after, "整改情况汇总 (2)")).toBeDefined();

    // Evaluating the copy again replaces the add-in's (2), and still leaves the user's sheet alone.
    const again = join(dir, "有同名表-再评估.xlsx");
    const second = await evaluateAndWrite(userOutput, again);
    expect(second.outcome).toMatchObject({ summarySheet: "整改情况汇总 (2)", renamedFrom: "整改情况汇总" });
    const names = (await load(again)).worksheets.map((w) => w.name);
    expect(names.filter((n) => n.startsWith("整改情况汇总"))).toEqual(["整改情况汇总", "整改情况汇总 (2)"]);
    expect(sheet(await workbookSnapshot(again), "整改情况汇总")).toEqual(sheet(before, "整改情况汇总"));
  });
});

describe("a user sheet named 督办单", () => {
  it("is left untouched and 督办单 (2) is used, again on the copy; removeMarks takes only ours away", async () => {
    const userInput = join(dir, "有督办单.xlsx");
    const userOutput = join(dir, "有督办单-评估.xlsx");
    await buildLedgerWorkbook(userInput, ["督办单"]);
    const { outcome } = await evaluateAndWrite(userInput, userOutput);
    expect(outcome.supervision).toEqual({ sheetName: "督办单 (2)", renamedFrom: "督办单" });
    const sheet = (s: unknown, name: string) =>
      (s as { sheets: { name: string }[] }).sheets.find((x) => x.name === name);
    const before = await workbookSnapshot(userInput);
    expect(sheet(await workbookSnapshot(userOutput), "督办单")).toEqual(sheet(before, "督办单"));
    const again = join(dir, "有督办单-再评估.xlsx");
    expect((await evaluateAndWrite(userOutput, again)).outcome.supervision).toEqual({
      sheetName: "督办单 (2)",
      renamedFrom: "督办单",
    });
    const names = (await load(again)).worksheets.map((w) => w.name);
    expect(names.filter((n) => n.startsWith("督办单"))).toEqual(["督办单", "督办单 (2)"]);
    const cleared = join(dir, "有督办单-清除.xlsx");
    await removeMarks(again, cleared);
    expect((await load(cleared)).worksheets.map((w) => w.name)).not.toContain("督办单 (2)");
    expect(sheet(await workbookSnapshot(cleared), "督办单")).toEqual(sheet(before, "督办单"));
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

  it("removeMarks also takes away marks under another pair of names (the add-in's second marked sheet)", async () => {
    const marked = join(dir, "第二对标记.xlsx");
    const cleared = join(dir, "第二对标记-清除.xlsx");
    await evaluateAndWrite(input, marked);
    const second = columnMarkNames(2);
    rewriteZipEntry(marked, "xl/workbook.xml", (xml) =>
      xml
        .replace(`name="${MARK_NAMES.statusColumn}"`, `name="${second.status}"`)
        .replace(`name="${MARK_NAMES.opinionColumn}"`, `name="${second.opinion}"`),
    );
    expect(parseDefinedNames(readPart(marked, "xl/workbook.xml") ?? "").map((n) => n.name)).toContain(second.status);
    await removeMarks(marked, cleared);
    expect(await workbookSnapshot(cleared)).toEqual(await workbookSnapshot(input));
  });
});

/**
 * SPEC §8: the add-in owns the owned columns' cells it wrote "and nothing else". A user's note typed in
 * those columns above the header or under the ledger — even one that looks like an opinion — survives
 * evaluating, evaluating again and 清除标记; a ledger that shrinks or grows leaves no stale marks.
 */
describe("the user's cells in the owned columns outside the rows written", () => {
  const USER_CELLS: Record<string, string> = {
    K1: "填报日期：2025年3月31日",
    L1: "备注",
    K10: "审核人：李四",
    L11: "【提醒】用户自己写的，不是评估意见",
  };
  let userInput: string;

  /** A copy of `from` with `edit` applied to the ledger sheet (as a user editing the file in Excel would). */
  async function edited(from: string, to: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<string> {
    const workbook = await load(from);
    const ws = workbook.getWorksheet(LEDGER_SHEET);
    if (!ws) throw new Error("no ledger");
    edit(ws);
    await workbook.xlsx.writeFile(to);
    return to;
  }
  const userCellsOf = async (path: string) => {
    const ws = (await load(path)).getWorksheet(LEDGER_SHEET);
    return Object.fromEntries(Object.keys(USER_CELLS).map((a) => [a, ws?.getCell(a).value]));
  };
  const ownedValues = async (path: string, rows: number[]) => {
    const ws = (await load(path)).getWorksheet(LEDGER_SHEET);
    return rows.map((r) => [ws?.getCell(`K${r}`).value ?? null, ws?.getCell(`L${r}`).value ?? null]);
  };
  const nameRanges = async (path: string) => {
    const names = (await load(path)).definedNames as unknown as { model: { name: string; ranges: string[] }[] };
    return [MARK_NAMES.statusColumn, MARK_NAMES.opinionColumn].map(
      (mark) => names.model.find((n) => n.name === mark)?.ranges,
    );
  };
  /** Empties the ledger's columns of rows `rows` (the user deleted those items' text). */
  const emptyRows = (rows: number[]) => (ws: ExcelJS.Worksheet) => {
    for (const r of rows) for (let c = 1; c <= 10; c++) ws.getCell(r, c).value = null;
  };
  const addItem = (ws: ExcelJS.Worksheet) => {
    ["7", "新增问题", "修订制度", "限期整改", "工程部", "孙八", "2025-06-30", "整改中"].forEach(
      (v, i) => (ws.getCell(9, i + 1).value = i === 0 ? 7 : v),
    );
  };

  beforeAll(async () => {
    userInput = await edited(input, join(dir, "用户备注.xlsx"), (ws) => {
      for (const [address, value] of Object.entries(USER_CELLS)) ws.getCell(address).value = value;
    });
  });

  it("survive evaluate → evaluate → removeMarks, which restores the original exactly", async () => {
    const [first, second, cleared] = ["用户备注-1.xlsx", "用户备注-2.xlsx", "用户备注-清除.xlsx"].map((f) =>
      join(dir, f),
    ) as [string, string, string];
    await evaluateAndWrite(userInput, first);
    await evaluateAndWrite(first, second);
    await removeMarks(second, cleared);
    for (const path of [first, second, cleared]) expect(await userCellsOf(path)).toEqual(USER_CELLS);
    expect(await ownedValues(second, [2, 3, 9])).toEqual([
      ["预警状态", "评估意见"],
      ["已销号", null],
      [null, null],
    ]);
    expect(await nameRanges(second)).toEqual([[`'${LEDGER_SHEET}'!$K$2:$K$8`], [`'${LEDGER_SHEET}'!$L$2:$L$8`]]);
    expect(await workbookSnapshot(second)).toEqual(await workbookSnapshot(first));
    expect(await workbookSnapshot(cleared)).toEqual(await workbookSnapshot(userInput));
  });

  it("a ledger that shrank: the rows it left are emptied, and the result is what evaluating it fresh gives", async () => {
    const first = join(dir, "缩短-1.xlsx");
    await evaluateAndWrite(userInput, first);
    const shrunk = await edited(first, join(dir, "缩短-已删.xlsx"), emptyRows([7, 8]));
    const again = join(dir, "缩短-2.xlsx");
    await evaluateAndWrite(shrunk, again);
    expect(await ownedValues(again, [6, 7, 8])).toEqual([
      ["绿灯", null],
      [null, null],
      [null, null],
    ]);
    expect(await nameRanges(again)).toEqual([[`'${LEDGER_SHEET}'!$K$2:$K$6`], [`'${LEDGER_SHEET}'!$L$2:$L$6`]]);
    expect(await userCellsOf(again)).toEqual(USER_CELLS);

    // Nothing else touched: identical to evaluating the shrunk original once; clearing gives that original.
    const shrunkOriginal = await edited(userInput, join(dir, "缩短-原件.xlsx"), emptyRows([7, 8]));
    const fresh = join(dir, "缩短-直接评估.xlsx");
    await evaluateAndWrite(shrunkOriginal, fresh);
    expect(await workbookSnapshot(again)).toEqual(await workbookSnapshot(fresh));
    const cleared = join(dir, "缩短-清除.xlsx");
    await removeMarks(again, cleared);
    expect(await workbookSnapshot(cleared)).toEqual(await workbookSnapshot(shrunkOriginal));
  });

  it("a ledger that grew: the new row is marked, the user's cell under it is not touched", async () => {
    const first = join(dir, "增加-1.xlsx");
    await evaluateAndWrite(userInput, first);
    const grown = await edited(first, join(dir, "增加-已加.xlsx"), addItem);
    const again = join(dir, "增加-2.xlsx");
    await evaluateAndWrite(grown, again);
    expect(await nameRanges(again)).toEqual([[`'${LEDGER_SHEET}'!$K$2:$K$9`], [`'${LEDGER_SHEET}'!$L$2:$L$9`]]);
    expect((await ownedValues(again, [9]))[0]?.[0]).toBe("绿灯");
    expect(await userCellsOf(again)).toEqual(USER_CELLS);
    const grownOriginal = await edited(userInput, join(dir, "增加-原件.xlsx"), addItem);
    const fresh = join(dir, "增加-直接评估.xlsx");
    await evaluateAndWrite(grownOriginal, fresh);
    expect(await workbookSnapshot(again)).toEqual(await workbookSnapshot(fresh));
  });

  it("a value the user typed in an owned cell of a new row is refused, not overwritten", async () => {
    const first = join(dir, "占用-1.xlsx");
    await evaluateAndWrite(userInput, first);
    const grown = await edited(first, join(dir, "占用-已加.xlsx"), (ws) => {
      addItem(ws);
      ws.getCell("L9").value = "用户的意见";
    });
    const { result, surveySheet } = await evaluateFile(grown, settings);
    const out = join(dir, "占用-2.xlsx");
    await expect(writeEvaluatedCopy(grown, out, result, { settings, surveySheet })).rejects.toMatchObject({
      bilingual: { zh: expect.stringContaining("L9 已有内容") },
    });
  });

  describe("marks written before the rows were recorded (a name on the header cell only)", () => {
    /** `from` with the owned columns' names pointing at their header cells, as earlier versions wrote them. */
    const legacy = (from: string, to: string, marks: readonly string[]) =>
      (async () => {
        const workbook = await load(from);
        const names = workbook.definedNames as unknown as { matrixMap: Record<string, unknown> };
        for (const [mark, letter] of [
          [MARK_NAMES.statusColumn, "K"],
          [MARK_NAMES.opinionColumn, "L"],
        ] as const) {
          delete names.matrixMap[mark];
          if (marks.includes(mark)) workbook.definedNames.add(`'${LEDGER_SHEET}'!$${letter}$2`, mark);
        }
        await workbook.xlsx.writeFile(to);
        return to;
      })();

    it("removeMarks empties the rows down to the last status label and keeps the user's cells under them", async () => {
      const first = join(dir, "旧标记-1.xlsx");
      await evaluateAndWrite(userInput, first);
      const old = await legacy(first, join(dir, "旧标记.xlsx"), [MARK_NAMES.statusColumn, MARK_NAMES.opinionColumn]);
      const cleared = join(dir, "旧标记-清除.xlsx");
      await removeMarks(old, cleared);
      expect(await workbookSnapshot(cleared)).toEqual(await workbookSnapshot(userInput));
    });

    it("evaluating again replaces them with recorded rows, as a first evaluation writes them", async () => {
      const first = join(dir, "旧标记再评-1.xlsx");
      await evaluateAndWrite(userInput, first);
      const old = await legacy(first, join(dir, "旧标记再评.xlsx"), [
        MARK_NAMES.statusColumn,
        MARK_NAMES.opinionColumn,
      ]);
      const again = join(dir, "旧标记再评-2.xlsx");
      await evaluateAndWrite(old, again);
      expect(await workbookSnapshot(again)).toEqual(await workbookSnapshot(first));
    });

    it("with only the 评估意见 mark left, its rows are read from its own column", async () => {
      const first = join(dir, "旧意见-1.xlsx");
      await evaluateAndWrite(userInput, first);
      const old = await legacy(first, join(dir, "旧意见.xlsx"), [MARK_NAMES.opinionColumn]);
      const cleared = join(dir, "旧意见-清除.xlsx");
      await removeMarks(old, cleared);
      // Emptied down to the last cell that reads as an opinion. Without the 预警状态 labels to go by, L11
      // (the user's, but worded like an opinion, with only empty cells above it) is taken too — the
      // documented cost of `legacyWrittenRows`; the user's plain note L1 above the header is kept.
      const ws = (await load(cleared)).getWorksheet(LEDGER_SHEET);
      expect(["L1", "L2", "L5", "L11"].map((a) => ws?.getCell(a).value ?? null)).toEqual(["备注", null, null, null]);
      expect(ws?.getCell("K2").value).toBe("预警状态"); // unmarked now: the user's to delete
    });
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

describe("the workbook's own defined names (exceljs flattens sheet-level ones, drops constants, loses hidden)", () => {
  it("are in the copy and in the cleared copy exactly as they were, each on its sheet", async () => {
    const named = join(dir, "名称.xlsx");
    await buildLedgerWorkbook(named);
    const sheets = (await load(named)).worksheets.map((ws) => ws.name);
    const ledgerAt = sheets.indexOf(LEDGER_SHEET);
    const surveyAt = sheets.indexOf(SURVEY_SHEET);
    const userNames = [
      `<definedName name="本表合计" localSheetId="${ledgerAt}">'${LEDGER_SHEET}'!$A$40</definedName>`,
      `<definedName name="本表合计" localSheetId="${surveyAt}">'${SURVEY_SHEET}'!$A$3</definedName>`,
      `<definedName name="_xlnm._FilterDatabase" localSheetId="${ledgerAt}" hidden="1">'${LEDGER_SHEET}'!$A$2:$J$9</definedName>`,
      `<definedName name="税率">0.06</definedName>`,
    ];
    // A workbook as Excel writes it: the names put in its workbook.xml directly (exceljs cannot write them).
    rewriteZipEntry(named, "xl/workbook.xml", (xml) =>
      xml.replace(
        /<definedNames>[\s\S]*?<\/definedNames>|(?<=<\/sheets>)/,
        `<definedNames>${userNames.join("")}</definedNames>`,
      ),
    );
    const userNamesOf = (path: string) =>
      parseDefinedNames(readPart(path, "xl/workbook.xml") ?? "")
        .filter((n) => !n.name.startsWith("_ZGTZ_") && n.name !== "_xlnm.Print_Titles")
        .map((n) => n.xml);
    expect(userNamesOf(named)).toEqual(userNames);

    const copy = join(dir, "名称-评估.xlsx");
    const again = join(dir, "名称-再评估.xlsx");
    const cleared = join(dir, "名称-清除.xlsx");
    await evaluateAndWrite(named, copy);
    await evaluateAndWrite(copy, again);
    await removeMarks(again, cleared);
    for (const path of [copy, again, cleared]) expect(userNamesOf(path)).toEqual(userNames);
    // The copy still opens, with its marks, and reads back in exceljs.
    const names = parseDefinedNames(readPart(again, "xl/workbook.xml") ?? "").map((n) => n.name);
    expect(names).toEqual(
      expect.arrayContaining([MARK_NAMES.statusColumn, MARK_NAMES.opinionColumn, MARK_NAMES.summary]),
    );
    expect((await load(cleared)).worksheets.map((ws) => ws.name)).toEqual(sheets);
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
