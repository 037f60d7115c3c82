/**
 * `--out` keeps everything of the user's file (issue: "make the copy by adding our parts to the user's
 * own package"). For workbooks written by openpyxl (ISO date cells, a chart, comments, data
 * validation, data bars / colour scales / icon sets), xlsxwriter (a chart, an image, a comment, data
 * validation, x14 data bars), LibreOffice (its own package; a pivot table, chart, image, comment and
 * data validation; the 1904 date system) and by hand (no `r` attributes, `x:` prefixes, a DOCTYPE,
 * Strict Open XML, a stored entry, an unreferenced part; macros):
 * (a) every ZIP entry other than the parts the writer edits is in the copy byte for byte (its
 *     local record, compressed data and central record but the offset);
 * (b) LibreOffice opens the copy, and its CSV of every sheet of the input equals the CSV of the
 *     input cell by cell (on the ledger sheet, the two added columns excepted) — values and dates;
 * (c) the summary sheet is there and LibreOffice computes the engine's light counts on it;
 * and the copy of the copy replaces our parts, and removeMarks gives back the user's parts.
 */
import { execFileSync } from "node:child_process";
import { fstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { planMarks } from "../../src/core/plan/marks-from-result";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { storedEntryLength } from "../../src/xlsx/package/zip-copy";
import { removeMarks, writeEvaluatedCopy } from "../../src/xlsx/write";
import { listZipEntries, withFile } from "../../src/xlsx/zip";
import { convertToXlsx, libreOfficeAvailable } from "../support/libreoffice";
import { readPart, sheetXml } from "../support/xlsx-package";
import { evaluateFile, fileHash } from "../support/exceljs-workbooks";

const GENERATOR = join(__dirname, "..", "fixtures", "xlsx", "make-copy-fixtures.py");
const LO_FIXTURE = join(__dirname, "..", "fixtures", "xlsx", "lo-ledger.fods");
const PYTHON = "/usr/bin/python3";
const hasLibreOffice = libreOfficeAvailable();
const hasPython = (() => {
  try {
    execFileSync(PYTHON, ["-c", "import openpyxl, xlsxwriter"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
// CI installs LibreOffice and python3-openpyxl / python3-xlsxwriter: there, missing tools are a failure.
if (process.env.CI && !(hasLibreOffice && hasPython))
  throw new Error("CI needs soffice and /usr/bin/python3 with openpyxl and xlsxwriter for the --out fidelity test");
const describeWithTools = hasLibreOffice && hasPython ? describe : describe.skip;

/** Parts the writer may change: the marked ledger sheet, the workbook, its rels, content types, styles. */
function editedParts(path: string, ledgerSheet: string): Set<string> {
  const workbook = readPart(path, "xl/workbook.xml") ?? "";
  const rels = readPart(path, "xl/_rels/workbook.xml.rels") ?? "";
  const rid = new RegExp(`<(?:\\w+:)?sheet [^>]*name="${ledgerSheet}"[^>]*?(?:r:)?id="(\\w+)"`).exec(workbook)?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels);
  const sheetPart = `xl/${(target?.[1] ?? target?.[2] ?? "").replace(/^\/?xl\//, "")}`;
  return new Set(["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml", sheetPart]);
}

/** Every entry's stored bytes (local record to data descriptor) and central record (its offset zeroed). */
function storedEntries(path: string): Map<string, { stored: Buffer; central: Buffer }> {
  return withFile(path, (fd) => {
    const out = new Map<string, { stored: Buffer; central: Buffer }>();
    for (const entry of listZipEntries(fd, fstatSync(fd).size)) {
      const stored = Buffer.alloc(storedEntryLength(fd, entry));
      readSync(fd, stored, 0, stored.length, entry.localHeaderOffset);
      const central = Buffer.from(entry.central);
      central.writeUInt32LE(0, 42);
      out.set(entry.name, { stored, central });
    }
    return out;
  });
}

/** LibreOffice's CSV of every sheet of `path`, by sheet name (rows of fields). */
function csvSheets(path: string, outDir: string): Map<string, string[][]> {
  mkdirSync(outDir, { recursive: true });
  execFileSync(
    "soffice",
    [
      "--headless",
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
      "--outdir",
      outDir,
      path,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
  const stem = basename(path, ".xlsx");
  const sheets = new Map<string, string[][]>();
  for (const file of readdirSync(outDir)) {
    if (!file.startsWith(`${stem}-`) || !file.endsWith(".csv")) continue;
    sheets.set(file.slice(stem.length + 1, -4), parseCsv(readFileSync(join(outDir, file), "utf8")));
  }
  return sheets;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") (row.push(field), (field = ""));
    else if (c === "\n") (row.push(field), rows.push(row), (row = []), (field = ""));
    else if (c !== "\r") field += c;
  }
  if (field !== "" || row.length > 0) (row.push(field), rows.push(row));
  return rows;
}

/** Rows without trailing empty fields and trailing empty rows, and without the columns `drop` (0-based). */
function normalise(rows: string[][], drop: readonly number[] = []): string[][] {
  const out = rows.map((row) => {
    const kept = row.filter((_, i) => !drop.includes(i));
    while (kept.length > 0 && kept[kept.length - 1] === "") kept.pop();
    return kept;
  });
  while (out.length > 0 && out[out.length - 1]?.length === 0) out.pop();
  return out;
}

describeWithTools("--out keeps everything of the user's file", () => {
  let dir: string;
  const fixtures: string[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "zgtz-fidelity-"));
    execFileSync(PYTHON, [GENERATOR, dir], { stdio: "pipe", timeout: 120_000 });
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith(".xlsx"))
      .sort())
      fixtures.push(join(dir, file));
    // LibreOffice's own packages: the shared ledger fixture; a pivot table, chart, image, comment and
    // data validation beside the ledger; the same in the 1904 date system (date1904="true").
    fixtures.push(convertToXlsx(LO_FIXTURE, join(dir, "lo")));
    fixtures.push(convertToXlsx(join(dir, "lo-pivot.fods"), join(dir, "lo")));
    fixtures.push(convertToXlsx(join(dir, "lo-1904.fods"), join(dir, "lo")));
  }, 300_000);

  it("builds every fixture, each holding what it is meant to", () => {
    const parts = (file: string) =>
      withFile(join(dirOf(file), file), (fd) => listZipEntries(fd, fstatSync(fd).size).map((e) => e.name)).join(" ");
    const dirOf = (file: string) => (file.startsWith("lo-") ? join(dir, "lo") : dir);
    expect(fixtures.map((f) => basename(f))).toEqual([
      "hand-1904.xlsx",
      "hand-doctype.xlsx",
      "hand-no-r.xlsx",
      "hand-strict.xlsx",
      "hand-x-prefix.xlsx",
      "openpyxl-rich.xlsx",
      "xlsxwriter-rich.xlsx",
      "lo-ledger.xlsx",
      "lo-pivot.xlsx",
      "lo-1904.xlsx",
    ]);
    for (const file of ["lo-pivot.xlsx", "lo-1904.xlsx"])
      expect(parts(file)).toMatch(/xl\/pivotTables\/pivotTable1\.xml/);
    for (const [file, pattern] of [
      ["lo-pivot.xlsx", /xl\/pivotTables\/pivotTable1\.xml/],
      ["lo-pivot.xlsx", /xl\/charts\/chart\d+\.xml/],
      ["lo-pivot.xlsx", /xl\/media\/image1\.png/],
      ["lo-pivot.xlsx", /xl\/comments1\.xml/],
      ["openpyxl-rich.xlsx", /xl\/charts\/chart1\.xml.*|xl\/comments/],
      ["xlsxwriter-rich.xlsx", /xl\/media\/image1\.png/],
    ] as const)
      expect(parts(file)).toMatch(pattern);
    expect(readPart(join(dir, "lo", "lo-pivot.xlsx"), "xl/worksheets/sheet1.xml")).toContain('type="list"');
    expect(readPart(join(dir, "lo", "lo-1904.xlsx"), "xl/workbook.xml")).toContain('date1904="true"');
    expect(readPart(join(dir, "hand-1904.xlsx"), "xl/workbook.xml")).toContain('date1904="true"');
    expect(readPart(join(dir, "openpyxl-rich.xlsx"), "xl/worksheets/sheet1.xml")).toContain('t="d"');
    expect(readPart(join(dir, "hand-no-r.xlsx"), "xl/worksheets/sheet1.xml")).not.toContain(" r=");
    expect(readPart(join(dir, "hand-x-prefix.xlsx"), "xl/worksheets/sheet1.xml")).toContain("<x:sheetData>");
    expect(readPart(join(dir, "hand-doctype.xlsx"), "xl/worksheets/sheet1.xml")).toContain("<!DOCTYPE");
    expect(readPart(join(dir, "hand-strict.xlsx"), "xl/workbook.xml")).toContain(
      "http://purl.oclc.org/ooxml/spreadsheetml/main",
    );
  });

  it("a workbook with macros: copied as .xlsm with its VBA project byte for byte; an .xlsx name is refused", async () => {
    const input = join(dir, "hand-macros.xlsm");
    const { result, surveySheet } = await evaluateFile(input, DEFAULT_SETTINGS);
    const options = { settings: DEFAULT_SETTINGS, surveySheet };
    await expect(writeEvaluatedCopy(input, join(dir, "macros-评估.xlsx"), result, options)).rejects.toMatchObject({
      bilingual: { en: "The workbook has macros: name the copy .xlsm (the macros are kept as they are)." },
    });
    const output = join(dir, "macros-评估.xlsm");
    await writeEvaluatedCopy(input, output, result, options);
    const [before, after] = [storedEntries(input), storedEntries(output)];
    expect(
      after.get("xl/vbaProject.bin")?.stored.equals(before.get("xl/vbaProject.bin")?.stored ?? Buffer.alloc(0)),
    ).toBe(true);
    expect(readPart(output, "[Content_Types].xml")).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    expect(readPart(output, "xl/_rels/workbook.xml.rels")).toContain('Target="vbaProject.bin"');
  });

  for (const index of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
    it(`fixture ${index}: parts byte-identical, LibreOffice shows the same cells, the summary holds the numbers`, async () => {
      const input = fixtures[index] as string;
      const name = `${index}-${basename(input, ".xlsx")}`;
      const output = join(dir, `${name}-评估.xlsx`);
      const hash = fileHash(input);
      const { result, surveySheet } = await evaluateFile(input, DEFAULT_SETTINGS);
      const { summarySheet } = await writeEvaluatedCopy(input, output, result, {
        settings: DEFAULT_SETTINGS,
        surveySheet,
      });
      expect(fileHash(input)).toBe(hash);

      // (a) Every part but the edited ones, byte for byte.
      const edited = editedParts(input, result.layout.sheet);
      const [before, after] = [storedEntries(input), storedEntries(output)];
      const kept = [...before.keys()].filter((n) => !edited.has(n));
      expect(kept.length).toBeGreaterThan(0);
      for (const part of kept) {
        expect({ part, present: after.has(part) }).toEqual({ part, present: true });
        expect({ part, same: after.get(part)?.stored.equals(before.get(part)?.stored ?? Buffer.alloc(0)) }).toEqual({
          part,
          same: true,
        });
        expect({ part, same: after.get(part)?.central.equals(before.get(part)?.central ?? Buffer.alloc(0)) }).toEqual({
          part,
          same: true,
        });
      }

      // (b) LibreOffice: every input sheet's cells unchanged (the ledger's two added columns excepted).
      const marks = planMarks(result);
      const [csvIn, csvOut] = [
        csvSheets(input, join(dir, `${name}-csv-in`)),
        csvSheets(output, join(dir, `${name}-csv-out`)),
      ];
      expect(csvIn.size).toBeGreaterThan(0);
      for (const [sheet, rows] of csvIn) {
        const drop = sheet === result.layout.sheet ? [marks.statusCol - 1, marks.opinionCol - 1] : [];
        expect({ sheet, rows: normalise(csvOut.get(sheet) ?? [], drop) }).toEqual({ sheet, rows: normalise(rows) });
      }
      // The added columns hold the statuses.
      const ledgerOut = csvOut.get(result.layout.sheet) ?? [];
      expect(marks.rows.map((r) => ledgerOut[r.row - 1]?.[marks.statusCol - 1])).toEqual(
        marks.rows.map((r) => r.status),
      );

      // (c) The summary sheet, recalculated by LibreOffice, counts the lights the engine found.
      const summary = csvOut.get(summarySheet) ?? [];
      expect(summary[0]?.[0]).toBe("整改情况汇总");
      const count = (label: string) => summary.find((row) => row[0] === label)?.[1];
      expect(count("预警：红灯")).toBe(String(result.summary.byLight.red));
      expect(count("预警：绿灯")).toBe(String(result.summary.byLight.green));
      // Its chart (lights by unit) is read by LibreOffice: saved again, the copy still has a chart with our series.
      const resaved = convertToXlsx(output, join(dir, `${name}-resaved`));
      const charts = withFile(resaved, (fd) => listZipEntries(fd, fstatSync(fd).size)).filter((e) =>
        /^xl\/charts\/chart\d+\.xml$/.test(e.name),
      );
      const chartTexts = charts.map((e) => readPart(resaved, e.name) ?? "");
      expect(chartTexts.some((text) => text.includes("各责任单位红黄绿灯情况") && text.includes("红灯"))).toBe(true);

      // Evaluating the copy replaces our parts; clearing gives back the user's sheets and names.
      const again = join(dir, `${name}-再评估.xlsx`);
      const second = await evaluateFile(output, DEFAULT_SETTINGS);
      await writeEvaluatedCopy(output, again, second.result, {
        settings: DEFAULT_SETTINGS,
        surveySheet: second.surveySheet,
      });
      expect(sheetXml(again, result.layout.sheet)).toBe(sheetXml(output, result.layout.sheet));
      expect(readPart(again, "xl/workbook.xml")).toBe(readPart(output, "xl/workbook.xml"));
      expect(readPart(again, "xl/styles.xml")).toBe(readPart(output, "xl/styles.xml"));
      expect([...storedEntries(again).keys()].sort()).toEqual([...after.keys()].sort());
      const cleared = join(dir, `${name}-清除.xlsx`);
      await removeMarks(again, cleared);
      // Every part of the input is back (our summary, drawing and chart gone), the kept ones byte for byte.
      const clearedEntries = storedEntries(cleared);
      expect([...clearedEntries.keys()].sort()).toEqual([...before.keys()].sort());
      for (const part of kept)
        expect({
          part,
          same: clearedEntries.get(part)?.stored.equals(before.get(part)?.stored ?? Buffer.alloc(0)),
        }).toEqual({ part, same: true });
      const csvCleared = csvSheets(cleared, join(dir, `${name}-csv-cleared`));
      expect([...csvCleared.keys()].sort()).toEqual([...csvIn.keys()].sort());
      for (const [sheet, rows] of csvIn)
        expect({ sheet, rows: normalise(csvCleared.get(sheet) ?? []) }).toEqual({ sheet, rows: normalise(rows) });
    }, 300_000);
  }
});
