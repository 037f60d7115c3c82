import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { cellAt, numberFormatAt } from "../core/grid";
import { cellText } from "../core/text";
import {
  classifyOleFile,
  decodeXml,
  mergeFromRef,
  parseMergeCells,
  parseWorkbookRels,
  parseWorkbookXml,
  problemFromFsError,
  readSheetXml,
  readWorkbook,
  WorkbookReadError,
  type WorkbookReadProblem,
} from "./read";
import { buildZip } from "../../test/support/zip-builder";

const SAMPLE = join(__dirname, "../../samples/整改台账示例.xlsx");
const CSV_FIXTURE = join(__dirname, "../../test/fixtures/county-ledger.xlsx");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "read-test-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("workbook parts", () => {
  it("decodes XML entities", () => {
    expect(decodeXml("A&amp;B &lt;1&gt; &quot;x&quot; &apos;y&apos; &#x6574;&#25913;")).toBe(`A&B <1> "x" 'y' 整改`);
  });

  it("reads sheet names, order, visibility and the date system from workbook.xml", () => {
    const xml = `<?xml version="1.0"?><workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
      <workbookPr date1904="1"/><sheets>
      <sheet name="封面" sheetId="3" r:id="rId5"/>
      <sheet name="台账 &amp; 汇总" sheetId="1" state="hidden" r:id="rId1"/>
      <sheet r:id="rId2" sheetId="2" name="说明" state="veryHidden"/></sheets></workbook>`;
    expect(parseWorkbookXml(xml)).toEqual({
      date1904: true,
      sheets: [
        { name: "封面", relationshipId: "rId5", hidden: false },
        { name: "台账 & 汇总", relationshipId: "rId1", hidden: true },
        { name: "说明", relationshipId: "rId2", hidden: true },
      ],
    });
  });

  it("reads prefixed elements and date1904=true; no workbookPr means the 1900 system", () => {
    expect(
      parseWorkbookXml(
        `<x:workbook><x:workbookPr date1904="true"/><x:sheet name="S" sheetId="1" r:id="rId1"/></x:workbook>`,
      ),
    ).toEqual({
      date1904: true,
      sheets: [{ name: "S", relationshipId: "rId1", hidden: false }],
    });
    expect(
      parseWorkbookXml(`<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`).date1904,
    ).toBe(false);
  });

  it("resolves relationship targets to ZIP entry names", () => {
    const rels = parseWorkbookRels(`<Relationships>
      <Relationship Id="rId1" Type="…/worksheet" Target="worksheets/sheet1.xml"/>
      <Relationship Id="rId2" Type="…/worksheet" Target="/xl/worksheets/sheet2.xml"/>
      <Relationship Id="rId3" Type="…/styles" Target="./styles.xml"/>
      <Relationship Target="../customXml/item1.xml" Id="rId4" Type="…"/></Relationships>`);
    expect([...rels]).toEqual([
      ["rId1", "xl/worksheets/sheet1.xml"],
      ["rId2", "xl/worksheets/sheet2.xml"],
      ["rId3", "xl/styles.xml"],
      ["rId4", "customXml/item1.xml"],
    ]);
  });

  it.each<[string, ReturnType<typeof mergeFromRef>]>([
    ["A1:R1", { top: 1, left: 1, bottom: 1, right: 18 }],
    ["F7:F8", { top: 7, left: 6, bottom: 8, right: 6 }],
    ["$B$2:$A$1", { top: 1, left: 1, bottom: 2, right: 2 }],
    ["C3", { top: 3, left: 3, bottom: 3, right: 3 }],
    ["A0:B2", null],
    ["1:2", null],
    ["", null],
  ])("reads the merge ref %p", (ref, expected) => {
    expect(mergeFromRef(ref)).toEqual(expected);
  });

  it("finds the merges after the cell data and ignores one-cell merges", () => {
    const xml = Buffer.from(
      `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>mergeCell ref="Z9:Z10" in a cell</t></is></c></row></sheetData>` +
        `<mergeCells count="3"><mergeCell ref="A1:C1"/><mergeCell ref="D4"/><mergeCell ref="B2:B5"/></mergeCells></worksheet>`,
    );
    expect(parseMergeCells(xml)).toEqual([
      { top: 1, left: 1, bottom: 1, right: 3 },
      { top: 2, left: 2, bottom: 5, right: 2 },
    ]);
  });

  it("tells an encrypted workbook from an old .xls by the OLE directory's stream names", () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const encrypted = Buffer.concat([
      ole,
      Buffer.alloc(100),
      Buffer.from("EncryptionInfo", "utf16le"),
      Buffer.alloc(10),
    ]);
    const legacy = Buffer.concat([ole, Buffer.alloc(100), Buffer.from("Workbook", "utf16le")]);
    expect(classifyOleFile(encrypted)).toBe("encrypted");
    expect(classifyOleFile(legacy)).toBe("legacy-xls");
    expect(classifyOleFile(Buffer.from("PK\u0003\u0004"))).toBeNull();
    expect(classifyOleFile(Buffer.alloc(0))).toBeNull();
  });

  it.each<[string, WorkbookReadProblem]>([
    ["ENOENT", "not-found"],
    ["ENOTDIR", "not-found"],
    ["EISDIR", "is-directory"],
    ["EACCES", "unreadable"],
    ["EPERM", "unreadable"],
    ["EIO", "corrupt"],
  ])("maps fs error %s to %s", (code, problem) => {
    expect(problemFromFsError(Object.assign(new Error(code), { code }))).toBe(problem);
  });
});

describe("readWorkbook on files LibreOffice wrote", () => {
  it("lists the sample's sheets in workbook order and reads the 1900 date system", async () => {
    const workbook = await readWorkbook(SAMPLE);
    expect(workbook.sheets.map((s) => s.name)).toEqual(["封面", "整改台账", "群众满意度调查"]);
    expect(workbook.sheets.every((s) => !s.hidden)).toBe(true);
    expect(workbook.date1904).toBe(false);
  });

  it("reads the ledger's text, merges, date serials with their formats, and text dates as typed", async () => {
    const workbook = await readWorkbook(SAMPLE);
    const grid = workbook.sheets.find((s) => s.name === "整改台账")?.grid();
    if (!grid) throw new Error("no ledger sheet");
    expect(grid.origin).toEqual({ row: 1, col: 1 });
    expect(grid.date1904).toBe(false);
    // LibreOffice splits mixed Latin/Chinese text into runs (one font per script): rich text.
    expect(cellText(cellAt(grid, 1, 1))).toBe("XX市交通运输局巡察反馈问题整改台账");
    expect(grid.merges).toEqual(
      expect.arrayContaining([
        { top: 1, left: 1, bottom: 1, right: 18 }, // the title
        { top: 3, left: 1, bottom: 4, right: 1 }, // 序号 over both header rows
        { top: 3, left: 11, bottom: 3, right: 12 }, // 完成情况 over 是否完成 | 完成时间
        { top: 7, left: 6, bottom: 8, right: 6 }, // 建设管理科 for items 2 and 3
      ]),
    );
    expect(cellText(cellAt(grid, 4, 11))).toBe("是否完成");
    // H6: 交办时间 2024-12-16, a real date: serial 45642 with a date format.
    expect(cellAt(grid, 6, 8)).toBe(45642);
    expect(numberFormatAt(grid, 6, 8)).toMatch(/yy/i);
    // A plain number keeps no format (General): the survey's weight for question 1.
    const survey = workbook.sheets[2]!.grid();
    expect(cellAt(survey, 3, 3)).toBe(0.15);
    expect(numberFormatAt(survey, 3, 3)).toBeNull();
    // Dates typed as text stay text.
    expect(cellText(cellAt(grid, 7, 9))).toBe("2025年3月底");
    expect(cellText(cellAt(grid, 8, 9))).toBe("2025.2.28");
    expect(cellText(cellAt(grid, 20, 9))).toBe("3月底");
    // A merged-over cell is empty; only the top-left holds the value.
    expect(cellAt(grid, 8, 6)).toBeNull();
  });

  it("reads rich-text cells as runs", async () => {
    const workbook = await readWorkbook(CSV_FIXTURE);
    const grid = workbook.sheets[0]?.grid();
    expect(grid && cellAt(grid, 3, 4)).toEqual({ runs: ["修订招标文件范本，删除", "3", "项限制性条款"] });
  });

  it("reads only the sheets it is asked for", async () => {
    const workbook = await readWorkbook(SAMPLE, { wanted: (name) => name === "群众满意度调查" });
    expect(workbook.sheets.map((s) => s.name)).toEqual(["封面", "整改台账", "群众满意度调查"]);
    expect(cellText(cellAt(workbook.sheets[2]!.grid(), 3, 1))).toBe("权重");
    expect(() => workbook.sheets[1]!.grid()).toThrow(/not read/);
  });
});

describe("readWorkbook on a file exceljs wrote", () => {
  let path: string;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const visible = wb.addWorksheet("台账");
    visible.getCell("A1").value = "交办时间";
    visible.getCell("A2").value = new Date(Date.UTC(2025, 2, 31));
    visible.getCell("A2").numFmt = "yyyy-mm-dd";
    visible.getCell("B2").value = { formula: "A2+1", result: new Date(Date.UTC(2025, 3, 1)) };
    visible.getCell("B2").numFmt = "yyyy-mm-dd";
    visible.getCell("C2").value = { text: "佐证材料", hyperlink: "https://example.invalid/x.pdf" };
    visible.getCell("D2").value = { error: "#N/A" };
    visible.getCell("E2").value = false;
    visible.getCell("F2").value = 0.3;
    visible.getCell("F2").numFmt = "0%";
    visible.getCell("G2").value = { formula: "1+1", result: 2 };
    visible.getCell("A5").value = "第五行";
    visible.mergeCells("B5:D6");
    const hidden = wb.addWorksheet("隐藏");
    hidden.state = "hidden";
    hidden.getCell("A1").value = "x";
    path = join(dir, "exceljs.xlsx");
    await wb.xlsx.writeFile(path);
  });

  it("honours the 1904 date system: dates come back as the serials Excel stored", async () => {
    const workbook = await readWorkbook(path);
    expect(workbook.date1904).toBe(true);
    const grid = workbook.sheets[0]!.grid();
    expect(grid.date1904).toBe(true);
    expect(cellAt(grid, 2, 1)).toBe(45747 - 1462);
    expect(numberFormatAt(grid, 2, 1)).toBe("yyyy-mm-dd");
  });

  it("reads formulas as cached results, hyperlinks as text, errors, booleans and formatted numbers", async () => {
    const grid = (await readWorkbook(path)).sheets[0]!.grid();
    expect(cellAt(grid, 2, 2)).toBe(45748 - 1462);
    expect(cellAt(grid, 2, 3)).toBe("佐证材料");
    expect(cellAt(grid, 2, 4)).toEqual({ error: "#N/A" });
    expect(cellAt(grid, 2, 5)).toBe(false);
    expect(cellAt(grid, 2, 6)).toBe(0.3);
    expect(numberFormatAt(grid, 2, 6)).toBe("0%");
    expect(cellAt(grid, 2, 7)).toBe(2);
    expect(grid.values[2]).toEqual([]); // row 3 is empty
    expect(cellAt(grid, 5, 1)).toBe("第五行");
    expect(grid.merges).toEqual([{ top: 5, left: 2, bottom: 6, right: 4 }]);
  });

  it("lists hidden sheets as hidden", async () => {
    const workbook = await readWorkbook(path);
    expect(workbook.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ["台账", false],
      ["隐藏", true],
    ]);
  });
});

/** A minimal ZIP with stored (uncompressed) entries: enough to test what is inside. */
function storedZip(files: Record<string, string>): Buffer {
  return buildZip(Object.entries(files).map(([name, data]) => ({ name, data, stored: true })));
}

/**
 * A package in LibreOffice's entry order — sheets before the workbook relationships and the shared
 * strings — whose sheet ids do not match the part numbers (sheets reordered in Excel). exceljs'
 * streaming reader sent such sheets through temp files and named them by a number whose meaning
 * depended on the entry order; the reader must find each sheet by its relationship.
 */
function reorderedPackage(): Buffer {
  const sheet = (rows: string) => `<worksheet xmlns="main"><sheetData>${rows}</sheetData></worksheet>`;
  return storedZip({
    "xl/workbook.xml":
      '<workbook xmlns:r="rels"><sheets><sheet name="台账" sheetId="7" r:id="rId2"/>' +
      '<sheet name="封面" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/styles.xml": '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
    "xl/worksheets/sheet1.xml": sheet('<row r="1"><c r="A1" t="s"><v>1</v></c></row>'),
    "xl/worksheets/sheet2.xml": sheet(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45747</v></c><c r="C1"><f>B1-B1</f><v>0</v></c></row>',
    ),
    "xl/_rels/workbook.xml.rels":
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/>' +
      '<Relationship Id="rId3" Target="sharedStrings.xml"/></Relationships>',
    "xl/sharedStrings.xml": "<sst><si><t>问题描述</t></si><si><t>封面</t></si></sst>",
  });
}

describe("readWorkbook whatever the order of the parts", () => {
  it("reads each sheet by its relationship, with shared strings stored after the sheets", async () => {
    const path = join(dir, "reordered.xlsx");
    writeFileSync(path, reorderedPackage());
    // Read many times at once: nothing may depend on timing (temp files, streams).
    const workbooks = await Promise.all(Array.from({ length: 20 }, () => readWorkbook(path)));
    for (const workbook of workbooks) {
      expect(workbook.sheets.map((s) => s.name)).toEqual(["台账", "封面"]);
      const ledger = workbook.sheets[0]!.grid();
      expect(ledger.values).toEqual([["问题描述", 45747, 0]]);
      expect(numberFormatAt(ledger, 1, 2)).toBe("mm-dd-yy");
      expect(workbook.sheets[1]!.grid().values).toEqual([["封面"]]);
    }
  });

  it("reads a formula whose cached result is 0 as 0, not as a blank", async () => {
    const path = join(dir, "reordered-zero.xlsx");
    writeFileSync(path, reorderedPackage());
    const grid = (await readWorkbook(path, { wanted: (name) => name === "台账" })).sheets[0]!.grid();
    expect(cellAt(grid, 1, 3)).toBe(0);
  });
});

describe("readSheetXml on a sheet larger than one decoded stretch", () => {
  it("reads the same cells as one pass over the whole XML, multi-byte text at the cuts included", () => {
    const rows: string[] = [];
    for (let r = 1; r <= 40_000; r++)
      rows.push(
        `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>第${r}项整改</t></is></c><c r="B${r}"><v>${r}</v></c></row>`,
      );
    const xml = Buffer.from(
      `<worksheet><sheetData>${rows.join("")}</sheetData><mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>`,
    );
    expect(xml.length).toBeGreaterThan(2 * (1 << 20));
    const ctx = { sharedStrings: [], cellFormats: [] };
    const sheet = readSheetXml(xml, ctx, false);
    expect(sheet.values.length).toBe(40_000);
    expect(sheet.values.every((row, i) => row[0] === `第${i + 1}项整改` && row[1] === i + 1)).toBe(true);
    expect(sheet.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 2 }]);
  });
});

describe("readWorkbook on what is not a readable workbook", () => {
  const expectProblem = async (path: string, problem: WorkbookReadProblem): Promise<void> => {
    const error = await readWorkbook(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkbookReadError);
    expect((error as WorkbookReadError).problem).toBe(problem);
    expect((error as WorkbookReadError).message).toContain(path);
  };

  it("a missing file", async () => {
    await expectProblem(join(dir, "nope.xlsx"), "not-found");
    const error = await readWorkbook(join(dir, "nope.xlsx")).then(
      () => null,
      (e: unknown) => e as WorkbookReadError,
    );
    expect(error?.message).toBe(`找不到文件：${join(dir, "nope.xlsx")} / File not found: ${join(dir, "nope.xlsx")}`);
  });

  it("a folder", async () => {
    await expectProblem(dir, "is-directory");
  });

  it("a text file renamed .xlsx, and an empty file", async () => {
    writeFileSync(join(dir, "notes.xlsx"), "序号,问题描述\n1,制度不健全\n");
    writeFileSync(join(dir, "empty.xlsx"), "");
    await expectProblem(join(dir, "notes.xlsx"), "not-xlsx");
    await expectProblem(join(dir, "empty.xlsx"), "not-xlsx");
  });

  it("a ZIP that is not a workbook (a .docx, an .ods, an archive)", async () => {
    writeFileSync(
      join(dir, "archive.xlsx"),
      storedZip({ "readme.txt": "hello", "word/document.xml": "<w:document/>" }),
    );
    await expectProblem(join(dir, "archive.xlsx"), "not-xlsx");
  });

  it("a workbook cut short, at several lengths", async () => {
    const bytes = readFileSync(SAMPLE);
    for (const fraction of [0.1, 0.5, 0.99]) {
      const path = join(dir, `truncated-${fraction}.xlsx`);
      writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * fraction)));
      await expectProblem(path, "truncated");
    }
  });

  it("a workbook whose parts are damaged", async () => {
    const bytes = Buffer.from(readFileSync(SAMPLE));
    // Overwrite the middle of the compressed data, leaving the ZIP directory intact.
    bytes.fill(0x55, 2000, 6000);
    const path = join(dir, "damaged.xlsx");
    writeFileSync(path, bytes);
    const error = await readWorkbook(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookReadError);
    expect(["corrupt", "truncated"]).toContain((error as WorkbookReadError).problem);
  });

  it("a password-protected workbook and an old .xls", async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    writeFileSync(
      join(dir, "locked.xlsx"),
      Buffer.concat([ole, Buffer.alloc(512), Buffer.from("EncryptedPackage\0EncryptionInfo", "utf16le")]),
    );
    writeFileSync(join(dir, "old.xlsx"), Buffer.concat([ole, Buffer.alloc(512), Buffer.from("Workbook", "utf16le")]));
    await expectProblem(join(dir, "locked.xlsx"), "encrypted");
    await expectProblem(join(dir, "old.xlsx"), "legacy-xls");
  });

  const runningAsRoot = typeof process.getuid === "function" && process.getuid() === 0;
  (runningAsRoot ? it.skip : it)(
    "a file without read permission (skipped as root, who may read anything)",
    async () => {
      const path = join(dir, "secret.xlsx");
      writeFileSync(path, readFileSync(SAMPLE), { mode: 0o000 });
      await expectProblem(path, "unreadable");
    },
  );
});
