/**
 * The 督办单 as printed: the CLI's `--out` copy of the demo ledger, printed to PDF by LibreOffice.
 * Each unit's notice is a page of its own — A4 portrait, one page wide (the last column on the same
 * page as the first) — in the plan's order; the manual page breaks (`<rowBreaks>`) put them there.
 * The same sheet with the breaks taken out and the filler row heights the Excel adapter writes below
 * ExcelApi 1.9 (`rowHeightsWithoutPageBreaks`) prints one unit a page too.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { planSupervisionSheet, SUPERVISION_SHEET_NAME } from "../../src/core/plan/supervision-sheet";
import { rowHeightsWithoutPageBreaks } from "../../src/core/plan/sheet-plan";
import { convertToPdf } from "../support/libreoffice";
import { evaluateFile } from "../support/exceljs-workbooks";
import { DEMO_LEDGER, describeWhenPrintable, pdfPageSize, pdfPageTexts, writeDemoCopy } from "../support/printed-pdf";

const PYTHON = "/usr/bin/python3";

/** The 督办单's printed pages: those from the first that opens with its title to the end (it is the last sheet). */
function supervisionPages(pdf: string): { number: number; text: string }[] {
  const pages = pdfPageTexts(pdf).map((text, i) => ({ number: i + 1, text }));
  const first = pages.findIndex((p) => p.text.trimStart().startsWith("整改督办单"));
  return first < 0 ? [] : pages.slice(first);
}

/**
 * Rewrites one worksheet part of an .xlsx (python's zipfile: the test's own tool, not the writer
 * under test): `edit` gets the part's XML and returns the new one.
 */
function editSheetPart(file: string, sheetName: string, out: string, edit: (xml: string) => string): void {
  const script = `
import sys, zipfile, re, json
src, dst, name, xml_path = sys.argv[1:5]
z = zipfile.ZipFile(src)
wb = z.read("xl/workbook.xml").decode()
rels = z.read("xl/_rels/workbook.xml.rels").decode()
rid = re.search(r'<sheet [^>]*name="%s"[^>]*r:id="([^"]+)"' % re.escape(name), wb).group(1)
target = re.search(r'<Relationship [^>]*Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
part = "xl/" + target.group(1).lstrip("/").replace("xl/", "", 1)
if sys.argv[5] == "read":
    open(xml_path, "w", encoding="utf8").write(z.read(part).decode())
else:
    new = open(xml_path, encoding="utf8").read()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as o:
        for item in z.infolist():
            o.writestr(item, new.encode() if item.filename == part else z.read(item.filename))
`;
  const xmlPath = `${out}.sheet.xml`;
  execFileSync(PYTHON, ["-c", script, file, out, sheetName, xmlPath, "read"]);
  writeFileSync(xmlPath, edit(readFileSync(xmlPath, "utf8")));
  execFileSync(PYTHON, ["-c", script, file, out, sheetName, xmlPath, "write"]);
}

describeWhenPrintable("the printed 督办单 (CLI --out, LibreOffice PDF)", () => {
  let dir: string;
  let out: string;
  let units: readonly string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "zgtz-duban-"));
    out = join(dir, "督办打印.xlsx");
    await writeDemoCopy(out);
    const { result } = await evaluateFile(DEMO_LEDGER, DEFAULT_SETTINGS, "整改台账");
    units = planSupervisionSheet(result, { sheetName: SUPERVISION_SHEET_NAME, settings: DEFAULT_SETTINGS }).units;
  }, 180_000);

  it("puts each unit's notice on a page of its own: A4 portrait, one page wide, in the plan's order", () => {
    const pdf = convertToPdf(out, join(dir, "pdf"));
    const pages = supervisionPages(pdf);
    expect(units.length).toBeGreaterThanOrEqual(3);
    expect(pages).toHaveLength(units.length);
    pages.forEach((page, i) => {
      expect(page.text.trimStart().startsWith("整改督办单")).toBe(true);
      expect(page.text.match(/责任单位：/g)).toHaveLength(1);
      expect(page.text).toContain(`责任单位：${units[i]}`);
      // The last column and the signature lines are on the unit's page.
      expect(page.text).toContain("台账需补正");
      expect(page.text).toContain("请于4月7日前反馈整改进展。");
      expect(page.text).toContain("签收人：");
      expect(pdfPageSize(pdf, page.number)).toEqual([595, 842]);
    });
  });

  it("without page breaks, the filler row heights still start each unit on a page", () => {
    const noBreaks = join(dir, "无分页符.xlsx");
    return evaluateFile(DEMO_LEDGER, DEFAULT_SETTINGS, "整改台账").then(({ result }) => {
      const plan = planSupervisionSheet(result, { sheetName: SUPERVISION_SHEET_NAME, settings: DEFAULT_SETTINGS });
      const heights = new Map(rowHeightsWithoutPageBreaks(plan).map(({ row, points }) => [row, points]));
      editSheetPart(out, SUPERVISION_SHEET_NAME, noBreaks, (xml) => {
        expect(xml).toContain("rowBreaks");
        const withoutBreaks = xml.replace(/<rowBreaks\b[\s\S]*?<\/rowBreaks>/, "");
        // Every row of the sheet, with the height the Excel adapter would give it (filler rows included).
        const rows = [...heights]
          .map(([row, points]) => {
            const existing = new RegExp(`<row r="${row}"[^>]*>([\\s\\S]*?)</row>`).exec(withoutBreaks)?.[1] ?? "";
            return `<row r="${row}" ht="${points}" customHeight="1"${points === 0 ? ' hidden="1"' : ""}>${existing}</row>`;
          })
          .join("");
        return withoutBreaks.replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${rows}</sheetData>`);
      });
      const pages = supervisionPages(convertToPdf(noBreaks, join(dir, "pdf-no-breaks")));
      expect(pages.map((p) => /责任单位：(\S+)/.exec(p.text)?.[1])).toEqual(units);
    });
  }, 120_000);
});
