/**
 * The browser-safe reader entry (src/xlsx/read-bytes.ts) really is browser-safe: bundled for the
 * browser by esbuild, its module graph holds no Node module (a Node built-in cannot even be resolved
 * for that platform), and the bundle, run in a bare JavaScript context — no `require`, `process` or
 * `Buffer`, only what a browser also has (TextDecoder, TextEncoder, DecompressionStream) — reads the
 * fixtures exactly as the command line's reader does.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { build, type Metafile } from "esbuild";
import { readWorkbook, type WorkbookGrids } from "../../src/xlsx/read";
import type { BytesReadOptions } from "../../src/xlsx/read-bytes";

const ROOT = join(__dirname, "../..");
const ENTRY = join(ROOT, "src/xlsx/read-bytes.ts");

interface BundledReader {
  readWorkbookFromBytes(bytes: Uint8Array, options?: BytesReadOptions): Promise<WorkbookGrids>;
  WorkbookReadError: new (...args: never[]) => Error & { problem: string; userMessage: { zh: string; en: string } };
}

let metafile: Metafile;
let reader: BundledReader;
let context: Record<string, unknown>;

beforeAll(async () => {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "xlsxReader",
    target: "es2020",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  metafile = result.metafile;
  const code = result.outputFiles[0]?.text ?? "";
  // What a page has, and nothing of Node's.
  context = { TextDecoder, TextEncoder, DecompressionStream, ReadableStream, WritableStream, console };
  createContext(context);
  runInContext(code, context);
  reader = context.xlsxReader as BundledReader;
});

describe("the browser entry's module graph", () => {
  it("holds no Node module, and only the reader's own modules and the core's", () => {
    const inputs = Object.keys(metafile.inputs);
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(inputs.length).toBeGreaterThan(5);
    for (const path of [...inputs, ...imports]) {
      expect(path).not.toMatch(/^node:|^(fs|zlib|stream|buffer|path|os|crypto|string_decoder)$/);
      expect(path).toMatch(/^src\/(xlsx|core)\//);
    }
    expect(inputs).toContain("src/xlsx/read-package.ts");
    expect(inputs).not.toContain("src/xlsx/read.ts");
    expect(inputs).not.toContain("src/xlsx/zip.ts");
  });

  it("runs where there is no Buffer, require or process", () => {
    expect(context.Buffer).toBeUndefined();
    expect(context.require).toBeUndefined();
    expect(context.process).toBeUndefined();
    expect(typeof reader.readWorkbookFromBytes).toBe("function");
  });
});

describe("the bundle, in that bare context, reads as the command line does", () => {
  const files = [
    "test/fixtures/county-ledger.xlsx",
    "test/fixtures/lo/audit-extensions.xlsx",
    "samples/整改台账示例.xlsx",
  ];
  it.each(files)("%s", async (file) => {
    const path = join(ROOT, file);
    const expected = await readWorkbook(path);
    const actual = await reader.readWorkbookFromBytes(new Uint8Array(readFileSync(path)), { name: file });
    expect(actual.date1904).toBe(expected.date1904);
    expect(actual.sheets.map((s) => [s.name, s.hidden])).toEqual(expected.sheets.map((s) => [s.name, s.hidden]));
    // Compared as JSON: the bundle's arrays belong to another realm.
    const grids = (book: WorkbookGrids) => JSON.stringify(book.sheets.map((s) => s.grid()));
    expect(grids(actual)).toBe(grids(expected));
  });

  it("and refuses what is not a workbook with the reader's message", async () => {
    const error = await reader
      .readWorkbookFromBytes(new TextEncoder().encode("序号,问题\n"), { name: "台账.csv" })
      .then(
        () => null,
        (e: unknown) => e as InstanceType<BundledReader["WorkbookReadError"]>,
      );
    expect(error).toBeInstanceOf(reader.WorkbookReadError);
    expect(error?.problem).toBe("not-xlsx");
    expect(error?.userMessage.zh).toBe("不是 Excel 工作簿（.xlsx）：台账.csv");
  });
});
