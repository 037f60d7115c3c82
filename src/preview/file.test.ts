import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildZip, workbookFiles, worksheet } from "../../test/support/zip-builder";
import { readWorkbook } from "../xlsx/read";
import { readWorkbookFromBytes } from "../xlsx/read-bytes";
import { MAX_PICKED_BYTES, openPickedFile, resultBytes, resultFileName, type PickedFile } from "./file";

const ROOT = join(__dirname, "../..");

function picked(name: string, bytes: Uint8Array): PickedFile & { reads: number } {
  const file = {
    name,
    size: bytes.length,
    reads: 0,
    arrayBuffer: async () => {
      file.reads++;
      return new Uint8Array(bytes).buffer; // a copy: a Buffer may be a view into a shared pool
    },
  };
  return file;
}

describe("openPickedFile", () => {
  it("opens a ledger into a new double holding the file's sheets", async () => {
    const path = join(ROOT, "test/fixtures/county-ledger.xlsx");
    const outcome = await openPickedFile(picked("县里的台账.xlsx", readFileSync(path)));
    if (!outcome.ok) throw new Error(outcome.message.zh);
    const book = await readWorkbook(path);
    expect(outcome.double.model.sheets.map((s) => s.name)).toEqual(book.sheets.map((s) => s.name));
    expect(outcome.message.zh).toContain("县里的台账.xlsx");
    expect(outcome.message.zh).toContain("未上传");
    expect(outcome.message.en).toContain("not uploaded");
  });

  it("refuses a file over the size limit without reading it", async () => {
    const file = { ...picked("大.xlsx", new Uint8Array(0)), size: MAX_PICKED_BYTES + 1 };
    const outcome = await openPickedFile(file);
    expect(outcome.ok).toBe(false);
    expect(file.reads).toBe(0);
    expect(outcome.message.zh).toMatch(/超过预览能打开的 100 MB.*仍显示原来的工作簿/);
    expect(outcome.message.en).toMatch(/more than the 100 MB.*previous workbook is still shown/);
  });

  it("refuses what is not an .xlsx with the reader's message, and keeps the workbook", async () => {
    const outcome = await openPickedFile(picked("台账.csv", new TextEncoder().encode("序号,问题描述\n1,x\n")));
    expect(outcome).toEqual({
      ok: false,
      message: {
        zh: "不是 Excel 工作簿（.xlsx）：台账.csv。仍显示原来的工作簿。",
        en: "Not an Excel workbook (.xlsx): 台账.csv. The previous workbook is still shown.",
      },
    });
  });

  it("refuses a workbook with no ledger on any sheet", async () => {
    const notes = worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>会议纪要</t></is></c></row>');
    const outcome = await openPickedFile(picked("纪要.xlsx", buildZip(workbookFiles({ 纪要: notes }))));
    expect(outcome.ok).toBe(false);
    expect(outcome.message.zh).toContain("没有找到整改台账");
    expect(outcome.message.en).toContain("No rectification ledger");
  });
});

describe("saving", () => {
  it("names the result after the opened file, or the sample", () => {
    expect(resultFileName("县局台账.xlsx")).toBe("县局台账-评估结果.xlsx");
    expect(resultFileName("A.XLSX")).toBe("A-评估结果.xlsx");
    expect(resultFileName(null)).toBe("整改台账示例-评估结果.xlsx");
  });

  it("writes the double's workbook as an .xlsx the reader reads", async () => {
    const bytes = readFileSync(join(ROOT, "test/fixtures/lo/audit-extensions.xlsx"));
    const outcome = await openPickedFile(picked("a.xlsx", bytes));
    if (!outcome.ok) throw new Error(outcome.message.zh);
    const saved = await readWorkbookFromBytes(await resultBytes(outcome.double));
    expect(saved.sheets.map((s) => s.name)).toEqual(outcome.double.model.sheets.map((s) => s.name));
  });
});
