import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { expectSameBothWays } from "../../test/support/both-readers";
import { buildZip, workbookFiles, worksheet } from "../../test/support/zip-builder";
import { readWorkbookFromBytes, WorkbookReadError, type WorkbookReadProblem } from "./read-bytes";

const ROOT = join(__dirname, "../..");
const FIXTURES = join(ROOT, "test/fixtures");
const SAMPLE = join(ROOT, "samples/整改台账示例.xlsx");

/** Every real .xlsx the project keeps: LibreOffice's fixtures, the blind practices, the demo ledger. */
const realFiles = [
  join(FIXTURES, "county-ledger.xlsx"),
  ...readdirSync(join(FIXTURES, "lo"))
    .filter((f) => f.endsWith(".xlsx"))
    .map((f) => join(FIXTURES, "lo", f)),
  ...readdirSync(join(FIXTURES, "blind"))
    .filter((f) => f.endsWith(".xlsx"))
    .map((f) => join(FIXTURES, "blind", f)),
  SAMPLE,
];

describe("readWorkbookFromBytes reads what readWorkbook reads from the file", () => {
  it("covers the fixtures (at least the six LibreOffice ones, the county ledger and the sample)", () => {
    expect(realFiles.length).toBeGreaterThanOrEqual(8);
  });

  it.each(realFiles.map((path) => [path.slice(ROOT.length + 1), path]))("%s", async (_label, path) => {
    const outcome = await expectSameBothWays(path);
    // Read, with cells: not two equal refusals.
    expect("read" in outcome && outcome.read.sheets.some((s) => s.rows > 1)).toBe(true);
  });

  it("leaves the bytes as they were and reads only the sheets wanted", async () => {
    const bytes = new Uint8Array(readFileSync(SAMPLE));
    const before = Buffer.from(bytes);
    const book = await readWorkbookFromBytes(bytes, { wanted: (name) => name === "整改台账" });
    expect(Buffer.from(bytes).equals(before)).toBe(true);
    const ledger = book.sheets.find((s) => s.name === "整改台账");
    const other = book.sheets.find((s) => s.name !== "整改台账");
    expect(ledger?.grid().values.length).toBeGreaterThan(1);
    expect(() => other?.grid()).toThrow(/not wanted/);
  });
});

describe("readWorkbookFromBytes on what is not a readable workbook: the reader's messages, naming the file", () => {
  const refusal = async (bytes: Uint8Array, name?: string): Promise<WorkbookReadError> => {
    const error = await readWorkbookFromBytes(bytes, name === undefined ? {} : { name }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkbookReadError);
    return error as WorkbookReadError;
  };
  const expectProblem = async (bytes: Uint8Array, problem: WorkbookReadProblem): Promise<void> => {
    const error = await refusal(bytes, "我的台账.xlsx");
    expect(error.problem).toBe(problem);
    expect(error.userMessage.zh).toContain("我的台账.xlsx");
    expect(error.userMessage.en).toContain("我的台账.xlsx");
  };

  it("text, an empty file, a ZIP without a workbook", async () => {
    await expectProblem(Buffer.from("序号,问题描述\n1,制度不健全\n"), "not-xlsx");
    await expectProblem(new Uint8Array(0), "not-xlsx");
    await expectProblem(buildZip([{ name: "word/document.xml", data: "<w:document/>" }]), "not-xlsx");
  });

  it("a workbook cut short", async () => {
    const bytes = readFileSync(SAMPLE);
    for (const fraction of [0.1, 0.5, 0.99])
      await expectProblem(bytes.subarray(0, Math.floor(bytes.length * fraction)), "truncated");
  });

  it("a password-protected workbook and an old .xls", async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expectProblem(
      Buffer.concat([ole, Buffer.alloc(512), Buffer.from("EncryptedPackage\0EncryptionInfo", "utf16le")]),
      "encrypted",
    );
    await expectProblem(Buffer.concat([ole, Buffer.alloc(512), Buffer.from("Workbook", "utf16le")]), "legacy-xls");
  });

  it("the reader's limits hold: a bomb declared 5 GB, one lying about its size, a row past Excel's last", async () => {
    const ledger = worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c></row>');
    const files = workbookFiles({ 台账: ledger });
    const withSheet = (change: object) => files.map((f) => (f.name.endsWith("sheet1.xml") ? { ...f, ...change } : f));
    await expectProblem(
      buildZip(withSheet({ raw: deflateRawSync(Buffer.alloc(1 << 16)), declaredSize: 5e9 }), { zip64: true }),
      "too-large",
    );
    // 64 MB of spaces declared as 1,000 bytes: stopped at the declared size, never unpacked whole.
    await expectProblem(
      buildZip(withSheet({ raw: deflateRawSync(Buffer.alloc(64 << 20, 0x20)), declaredSize: 1000 })),
      "corrupt",
    );
    const farRow = worksheet('<row r="1048577"><c r="A1048577"><v>1</v></c></row>');
    const error = await refusal(buildZip(workbookFiles({ 台账: farRow })));
    expect(error.problem).toBe("beyond-limits");
    expect(error.userMessage.zh).toContain("1,048,576");
  });

  it("calls the file 工作簿.xlsx when no name is given", async () => {
    expect((await refusal(new Uint8Array(0))).userMessage.zh).toContain("工作簿.xlsx");
  });
});
