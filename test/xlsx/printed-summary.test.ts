/**
 * The summary sheet as printed for the meeting: the CLI's `--out` copy of the demo ledger, printed
 * to PDF by LibreOffice. Page one of the summary is the meeting page — title, date, 总体情况 and the
 * red/yellow list — and the breakdowns, indicators and survey follow on their own pages, A4
 * landscape, one page wide.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { SUMMARY_SHEET_NAME } from "../../src/core/plan/marks-plan";
import { convertToPdf } from "../support/libreoffice";
import { evaluateFile } from "../support/exceljs-workbooks";
import { DEMO_LEDGER, describeWhenPrintable, pdfPageSize, pdfPageTexts, writeDemoCopy } from "../support/printed-pdf";

describeWhenPrintable("the printed summary sheet (CLI --out, LibreOffice PDF)", () => {
  let summaryPages: { number: number; text: string }[];
  let warnings: readonly { row: number }[];
  let items: number;
  let pdf: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "zgtz-print-"));
    const out = join(dir, "会议打印.xlsx");
    await writeDemoCopy(out);
    pdf = convertToPdf(out, join(dir, "pdf"));
    // Every printed page of the summary starts with its repeated title row.
    summaryPages = pdfPageTexts(pdf)
      .map((text, i) => ({ number: i + 1, text }))
      .filter((p) => p.text.trimStart().startsWith(SUMMARY_SHEET_NAME));
    const { result } = await evaluateFile(DEMO_LEDGER, DEFAULT_SETTINGS, "整改台账");
    warnings = result.summary.warnings;
    items = result.summary.items;
  }, 180_000);

  // Five with the demo's 临期 list (3 items) after the chart: the meeting text runs onto a last page.
  it("prints on three to five A4 landscape pages, each repeating the title and the date", () => {
    expect(summaryPages.length).toBeGreaterThanOrEqual(3);
    expect(summaryPages.length).toBeLessThanOrEqual(5);
    for (const page of summaryPages) {
      expect(page.text).toContain("统计日期：2025-03-31");
      expect(pdfPageSize(pdf, page.number)).toEqual([842, 595]);
    }
  });

  it("page one is the meeting page: title, date, the key figures and the red/yellow list, no breakdowns", () => {
    const one = summaryPages[0]?.text ?? "";
    for (const text of ["整改情况汇总", "统计日期：2025-03-31", "一、总体情况", "整改事项总数", "整改完成率", "销号率"])
      expect(one).toContain(text);
    expect(one).toMatch(new RegExp(`整改事项总数\\s+${items}\\b`));
    expect(one).toContain("五、红黄灯事项清单");
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(one).toContain(`第${w.row}行`);
    for (const later of ["二、按责任单位", "三、按整改类型", "四、按问题类别", "六、量化指标", "附：通报稿"])
      expect(one).not.toContain(later);
  });

  it("the breakdowns start page two; the chart and the indicators the page after", () => {
    expect(summaryPages[1]?.text).toContain("二、按责任单位");
    expect(summaryPages[1]?.text).toContain("四、按问题类别");
    expect(summaryPages[1]?.text).not.toContain("六、量化指标");
    expect(summaryPages[2]?.text).toContain("六、量化指标");
    expect(
      summaryPages
        .slice(-2)
        .map((p) => p.text)
        .join("\n"),
    ).toContain("附：通报稿");
    expect(summaryPages.slice(2).some((p) => p.text.includes("临期事项清单"))).toBe(true);
  });
});
