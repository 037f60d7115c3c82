/**
 * Hostile and unexpected .xlsx files, built here byte by byte (test/support/zip-builder.ts): nothing
 * large is committed. Each goes through the command line (in-process: `run`) and must end in a
 * correct evaluation or exit 2 with one clear line — never a stack trace, never a hang, the input
 * unchanged — and the browser's reader (its bytes in memory) must read or refuse it exactly alike.
 * Files valid but written unusually must evaluate exactly as the plain file does.
 * A few, the heaviest, also run as child processes under a 30-second limit with their peak RSS
 * measured (≤ 1 GB).
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { deflateRawSync } from "node:zlib";
import { run } from "../../src/cli/run";
import { columnLetter } from "../../src/core/grid";
import { buildCliBundle, runCliChild } from "../support/cli-child";
import { expectSameBothWays } from "../support/both-readers";
import { buildZip, workbookFiles, worksheet, type ZipFile } from "../support/zip-builder";

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, "../..");
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zgtz-hostile-files-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ───────────────────────────── A small ledger, written several ways ─────────────────────────────

const HEADER = ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "整改状态", "完成时间"];
const STATUSES = ["已完成", "整改中", "未开始", "整改中", "已完成", "整改中"];
/** Deadlines as serials (2025-03-10, 2025-01-13…); item 2's is long past and it is not done: red. */
const DEADLINES = [45726, 45670, 45777, 45777, 45700, 45800];

/** How to spell the XML (everything valid). */
interface Spelling {
  /** Between a tag's name and each attribute. */
  readonly sep?: string;
  /** Around `=`. */
  readonly eq?: string;
  /** Element prefix, e.g. `x:` (declared on the root). */
  readonly prefix?: string;
  /** Something after `</sheetData>`: merges, a footer. */
  readonly after?: string;
}

/** The ledger's strings, by shared-string index: the header, then each item's texts. */
function ledgerStrings(): string[] {
  const strings = [...HEADER, ...STATUSES.map((s) => s)];
  for (let i = 0; i < STATUSES.length; i++) strings.push(`问题${i + 1}`, "修订《管理办法》", "工程部", "张三");
  return [...new Set(strings)];
}

function ledgerSheet(spelling: Spelling = {}, extraRows = ""): string {
  const { sep = " ", eq = "=", prefix = "" } = spelling;
  const strings = ledgerStrings();
  const index = (text: string) => strings.indexOf(text);
  const el = (name: string) => `${prefix}${name}`;
  const attr = (name: string, value: string | number) => `${sep}${name}${eq}"${value}"`;
  const cell = (row: number, col: number, value: string | number, style = 0) =>
    typeof value === "number"
      ? `<${el("c")}${attr("r", `${columnLetter(col)}${row}`)}${style ? attr("s", style) : ""}><${el("v")}>${value}</${el("v")}></${el("c")}>`
      : `<${el("c")}${attr("r", `${columnLetter(col)}${row}`)}${attr("t", "s")}><${el("v")}>${index(value)}</${el("v")}></${el("c")}>`;
  const rows = [`<${el("row")}${attr("r", 1)}>${HEADER.map((h, c) => cell(1, c + 1, h)).join("")}</${el("row")}>`];
  STATUSES.forEach((status, i) => {
    const r = i + 2;
    const cells = [
      cell(r, 1, i + 1),
      cell(r, 2, `问题${i + 1}`),
      cell(r, 3, "修订《管理办法》"),
      cell(r, 4, "工程部"),
      cell(r, 5, "张三"),
      cell(r, 6, DEADLINES[i] ?? 45726, 1),
      cell(r, 7, status),
      status === "已完成" ? cell(r, 8, 45720, 1) : "",
    ];
    rows.push(`<${el("row")}${attr("r", r)}>${cells.join("")}</${el("row")}>`);
  });
  const ns = prefix ? ` xmlns:${prefix.slice(0, -1)}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"` : "";
  return (
    `<?xml version="1.0" encoding="UTF-8"?><${el("worksheet")}${ns}><${el("sheetData")}>${rows.join("")}${extraRows}</${el("sheetData")}>` +
    `${spelling.after ?? ""}</${el("worksheet")}>`
  );
}

function ledgerFiles(sheet = ledgerSheet(), name = "台账"): ZipFile[] {
  return workbookFiles({ [name]: sheet }, { sharedStrings: ledgerStrings() });
}

// ───────────────────────────── Running the command line ─────────────────────────────

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let fileCount = 0;
function save(bytes: Buffer): string {
  const path = join(dir, `f${++fileCount}.xlsx`);
  writeFileSync(path, bytes);
  return path;
}

async function evaluateFile(bytes: Buffer, extra: readonly string[] = [], bothReaders = true): Promise<Outcome> {
  const path = save(bytes);
  let stdout = "";
  let stderr = "";
  const code = await run(["evaluate", path, "--today", "2025-03-31", "--format", "json", ...extra], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: ROOT,
  });
  // The input is never changed.
  expect(sha256(readFileSync(path))).toBe(sha256(bytes));
  // The browser's path (the same bytes in memory, the platform's inflate) reads it alike.
  if (bothReaders) await expectSameBothWays(path);
  return { code, stdout, stderr };
}

/** Exit 2, one line in Chinese then English, no stack trace, nothing a terminal would act on. */
function expectRefusal(outcome: Outcome, pattern: RegExp): void {
  expect(outcome.code).toBe(2);
  expect(outcome.stdout).toBe("");
  const lines = outcome.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(outcome.stderr).not.toMatch(/\n\s+at |Error:/);
  expect(outcome.stderr).toMatch(/[\u4e00-\u9fff]/);
  // eslint-disable-next-line no-control-regex
  expect(outcome.stderr.trimEnd()).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  expect(outcome.stderr).toMatch(pattern);
}

/** The evaluation without the file name (which differs from file to file). */
function report(outcome: Outcome): unknown {
  expect(outcome.stderr).toBe("");
  expect(outcome.code).toBe(0);
  const json = JSON.parse(outcome.stdout) as Record<string, unknown>;
  delete json.file;
  return json;
}

let plain: unknown;
beforeAll(async () => {
  plain = report(await evaluateFile(buildZip(ledgerFiles())));
});

describe("the plain ledger this corpus varies", () => {
  it("evaluates: six items, one red", () => {
    const json = plain as { items: { light: string }[] };
    expect(json.items).toHaveLength(6);
    expect(json.items.filter((item) => item.light === "red").length).toBeGreaterThan(0);
  });
});

// ───────────────────────────── Valid, but not what a naive reader expects ─────────────────────────────

describe("valid XML and packages written unusually evaluate exactly as the plain file", () => {
  const cases: [string, () => Buffer][] = [
    ["attributes separated by tab and newline", () => buildZip(ledgerFiles(ledgerSheet({ sep: "\t\n" })))],
    ['t = "s" with spaces around =', () => buildZip(ledgerFiles(ledgerSheet({ eq: " = " })))],
    ["x: namespace prefixes", () => buildZip(ledgerFiles(ledgerSheet({ prefix: "x:" })))],
    ["ZIP64 records (end locator, extra fields)", () => buildZip(ledgerFiles(), { zip64: true })],
    ["stored entries", () => buildZip(ledgerFiles().map((f) => ({ ...f, stored: true })))],
    [
      "upper-case part names, relationship targets in another case",
      () => buildZip(ledgerFiles().map((f) => (f.name.startsWith("xl/") ? { ...f, name: f.name.toUpperCase() } : f))),
    ],
    [
      "the workbook at another path (found through _rels/.rels)",
      () =>
        buildZip(
          ledgerFiles().map((f) => {
            const data = String(f.data);
            if (f.name === "_rels/.rels") return { ...f, data: data.replace("xl/workbook.xml", "book/main.xml") };
            if (f.name === "[Content_Types].xml")
              return { ...f, data: data.replace("/xl/workbook.xml", "/book/main.xml") };
            if (f.name === "xl/workbook.xml") return { ...f, name: "book/main.xml" };
            if (f.name === "xl/_rels/workbook.xml.rels")
              return { ...f, name: "book/_rels/main.xml.rels", data: data.replace(/Target="/g, 'Target="../xl/') };
            return f;
          }),
        ),
    ],
    [
      "UTF-16 encoded parts (with and without BOM)",
      () =>
        buildZip(
          ledgerFiles().map((f) => {
            if (f.name === "xl/sharedStrings.xml")
              return { ...f, data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(String(f.data), "utf16le")]) };
            if (f.name === "xl/worksheets/sheet1.xml")
              return {
                ...f,
                data: Buffer.from(String(f.data).replace('encoding="UTF-8"', 'encoding="UTF-16"'), "utf16le"),
              };
            return f;
          }),
        ),
    ],
  ];
  it.each(cases)("%s", async (_label, build) => {
    expect(report(await evaluateFile(build()))).toEqual(plain);
  });

  it("the word sheetData in a footer after the merges: the merges are still read", async () => {
    // Unit 工程部 merged over rows 2–4 (its cells below the first left empty, as Excel stores them).
    const merged = ledgerSheet({
      after:
        '<mergeCells count="1"><mergeCell ref="D2:D4"/></mergeCells>' +
        "<headerFooter><oddFooter>&amp;C sheetData &lt;/sheetData&gt; 第 &amp;P 页</oddFooter></headerFooter>",
    }).replace(/<c r="D[34]" t="s"><v>\d+<\/v><\/c>/g, "");
    const withMerge = report(await evaluateFile(buildZip(ledgerFiles(merged)))) as { items: { unit?: string }[] };
    const withoutMerge = merged.replace(/<mergeCells.*<\/mergeCells>/, "");
    const noMerge = report(await evaluateFile(buildZip(ledgerFiles(withoutMerge))));
    expect(withMerge).not.toEqual(noMerge);
    expect(JSON.stringify(withMerge)).toEqual(JSON.stringify(plain));
  });
});

// ───────────────────────────── Limits ─────────────────────────────

describe("beyond the limits: refused with one line, never read until memory runs out", () => {
  it("a part that declares 5 GB unpacked (a ZIP bomb) is refused before any of it is inflated", async () => {
    const files = ledgerFiles().map((f) =>
      f.name.endsWith("sheet1.xml") ? { ...f, raw: deflateRawSync(Buffer.alloc(1 << 16)), declaredSize: 5e9 } : f,
    );
    expectRefusal(await evaluateFile(buildZip(files, { zip64: true })), /解压后过大.*too large when unpacked/);
  });

  it("a part that must be read whole (the workbook) declaring 300 MB is refused before it is inflated", async () => {
    const files = ledgerFiles().map((f) =>
      f.name === "xl/workbook.xml" ? { ...f, raw: deflateRawSync(Buffer.alloc(1 << 16)), declaredSize: 300 << 20 } : f,
    );
    expectRefusal(await evaluateFile(buildZip(files)), /256 MB.*too large when unpacked/);
  });

  it("a part that unpacks to more than it declares is stopped at the declared size (damaged)", async () => {
    const bomb = deflateRawSync(Buffer.alloc(20 << 20, 0x20));
    const files = ledgerFiles().map((f) =>
      f.name.endsWith("sheet1.xml") ? { ...f, raw: bomb, declaredSize: 1000 } : f,
    );
    expectRefusal(await evaluateFile(buildZip(files)), /已损坏.*damaged/);
  });

  it.each([
    ["a cell at ZZZZZZ46", '<row r="46"><c r="ZZZZZZ46"><v>1</v></c></row>', /列.*16,384.*ZZZZZZ46/],
    ["a row numbered 2147483647", '<row r="2147483647"><c r="A2147483647"><v>1</v></c></row>', /1,048,576/],
    ["a row numbered 50000000", '<row r="50000000"><c r="A50000000"><v>1</v></c></row>', /1,048,576/],
    ["rows without numbers past row 1,048,576", "<row/>".repeat(1_048_580), /1,048,576/],
    [
      "a cell text longer than 32,767 characters",
      `<row r="9"><c r="B9" t="inlineStr"><is><t>${"长".repeat(32_768)}</t></is></c></row>`,
      /32,767.*B9/,
    ],
  ])("%s", async (label, rows, pattern) => {
    // A million rows take ~12 s a read under jest: the row limit on the bytes path is held by
    // src/xlsx/read-bytes.test.ts (the same sheet reader counts rows on both paths).
    const bothReaders = !label.startsWith("rows without numbers");
    expectRefusal(await evaluateFile(buildZip(ledgerFiles(ledgerSheet({}, rows))), [], bothReaders), pattern);
  });

  it("a cell at XFD1048576, Excel's last cell, is read (a file within Excel's limits is never refused)", async () => {
    const sheet = ledgerSheet({}, '<row r="1048576"><c r="XFD1048576" t="s"><v>0</v></c></row>');
    const outcome = await evaluateFile(buildZip(ledgerFiles(sheet)));
    expect(outcome.code).toBe(0);
  });
});

// ───────────────────────────── Hangs ─────────────────────────────

describe("unclosed tags answer at once (linear tokenizer)", () => {
  it("600,000 unclosed <row> in the sheet", async () => {
    const sheet = `<worksheet><sheetData>${"<row>".repeat(600_000)}`;
    expectRefusal(await evaluateFile(buildZip(ledgerFiles(sheet))), /已损坏.*damaged.*XML/);
  });

  it("200,000 unclosed <si> in the shared strings", async () => {
    const files = ledgerFiles().map((f) =>
      f.name.endsWith("sharedStrings.xml") ? { ...f, data: `<sst>${"<si>".repeat(200_000)}` } : f,
    );
    expectRefusal(await evaluateFile(buildZip(files)), /已损坏.*damaged.*XML/);
  });
});

// ───────────────────────────── Corrupt content ─────────────────────────────

describe("corrupt content is refused, naming what is wrong; never read as another value", () => {
  it("a shared-string index out of range", async () => {
    const sheet = ledgerSheet().replace('<c r="G3" t="s"><v>', '<c r="G3" t="s"><v>99');
    expectRefusal(await evaluateFile(buildZip(ledgerFiles(sheet))), /G3.*共享字符串.*shared string/);
  });

  it("a number that is not a number (0x1F)", async () => {
    const sheet = ledgerSheet().replace(/<c r="F3" s="1"><v>\d+<\/v>/, '<c r="F3" s="1"><v>0x1F</v>');
    expectRefusal(await evaluateFile(buildZip(ledgerFiles(sheet))), /F3.*0x1F/);
  });

  it("a part whose CRC-32 does not match", async () => {
    const files = ledgerFiles().map((f) => (f.name.endsWith("sheet1.xml") ? { ...f, declaredCrc: 0x12345678 } : f));
    expectRefusal(await evaluateFile(buildZip(files)), /sheet1\.xml.*校验.*checksum/);
  });
});

// ───────────────────────────── Messages ─────────────────────────────

describe("messages say what is true", () => {
  it("an encrypted ZIP entry: encrypted", async () => {
    const files = ledgerFiles().map((f) => (f.name.endsWith("sheet1.xml") ? { ...f, flags: 0x0001 } : f));
    expectRefusal(await evaluateFile(buildZip(files)), /加密.*encrypted/);
  });

  it("a file cut short: incomplete", async () => {
    const whole = buildZip(ledgerFiles());
    expectRefusal(await evaluateFile(whole.subarray(0, Math.floor(whole.length * 0.6))), /不完整.*incomplete/);
  });

  it("a compression method Excel does not use", async () => {
    const files = ledgerFiles().map((f) => (f.name.endsWith("sheet1.xml") ? { ...f, method: 12 } : f));
    expectRefusal(await evaluateFile(buildZip(files)), /压缩方式.*compression method/);
  });

  // CR as a character reference: a literal one in an attribute is white space to XML.
  const hostileName = "台账\u001b]0;pwned\u0007\u001b[31m\r\u202e";
  it("a sheet name with terminal escapes is escaped in the no-ledger message", async () => {
    const sheet = worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>nothing</t></is></c></row>');
    const outcome = await evaluateFile(buildZip(workbookFiles({ [hostileName]: sheet })));
    expectRefusal(outcome, /\\x1B\]0;pwned\\x07\\x1B\[31m\\x0D\\u202E/);
  });

  it("…and in the --sheet not-found message (the name typed and the names listed)", async () => {
    const outcome = await evaluateFile(buildZip(ledgerFiles(ledgerSheet(), hostileName)), ["--sheet", "x\u001b[2J"]);
    expectRefusal(outcome, /x\\x1B\[2J.*\\x1B\]0;pwned/);
  });
});

// ───────────────────────────── Child processes: time and memory ─────────────────────────────

describe("the heaviest files, as child processes: within 30 s and 1 GB peak RSS", () => {
  let cli: string;
  beforeAll(() => {
    cli = buildCliBundle(dir);
  });

  function runChild(bytes: Buffer): Outcome & { peakRssMb: number } {
    const path = save(bytes);
    const run = runCliChild(cli, path, join(dir, `rss-${fileCount}`));
    expect(sha256(readFileSync(path))).toBe(sha256(bytes));
    expect(run.peakRssMb).toBeLessThanOrEqual(1024);
    return run;
  }

  it("20,000 rows each with a cell at XFD, under the ledger: evaluated", () => {
    let rows = "";
    for (let r = 10; r < 20_010; r++) rows += `<row r="${r}"><c r="XFD${r}"><v>${r}</v></c></row>`;
    const outcome = runChild(buildZip(ledgerFiles(ledgerSheet({}, rows))));
    expect(outcome.stderr).toBe("");
    expect(outcome.code).toBe(0);
  });

  it("a survey sheet with a stray answer at XFD1048576, beside the ledger: evaluated, its answers read", () => {
    const survey = worksheet(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c><c r="B1" t="inlineStr"><is><t>总体满意度</t></is></c></row>' +
        '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>满意</t></is></c></row>' +
        '<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="inlineStr"><is><t>不满意</t></is></c></row>' +
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>满意</t></is></c></row>',
    );
    const files = workbookFiles({ 台账: ledgerSheet(), 群众满意度调查: survey }, { sharedStrings: ledgerStrings() });
    const outcome = runChild(buildZip(files));
    expect(outcome.stderr).toBe("");
    expect(outcome.code).toBe(0);
    const json = JSON.parse(outcome.stdout) as { survey: { sheet: string } | null };
    expect(json.survey?.sheet).toBe("群众满意度调查");
  });

  it("a 5 GB bomb honestly declared, and one lying about its size: refused", () => {
    const lying = ledgerFiles().map((f) =>
      f.name.endsWith("sheet1.xml") ? { ...f, raw: deflateRawSync(Buffer.alloc(64 << 20)), declaredSize: 100 } : f,
    );
    const outcome = runChild(buildZip(lying));
    expectRefusal(outcome, /已损坏.*damaged/);
  });

  it("two million tiny rows without numbers: refused at Excel's last row", () => {
    const outcome = runChild(buildZip(ledgerFiles(ledgerSheet({}, "<row/>".repeat(2_000_000)))));
    expectRefusal(outcome, /1,048,576/);
  });
});
