/**
 * Small ledgers built for single behaviours, written by LibreOffice (scripts/make-fixtures.py lays
 * them out with openpyxl and has `soffice` save them): each expected value below is worked out by
 * hand from the rows in that script, as of --today 2025-03-31.
 */
import { resolve } from "node:path";
import type { CliJson } from "../../src/core/report/json";
import { run } from "../../src/cli/run";

const ROOT = resolve(__dirname, "../..");

async function evaluate(file: string, format: "json" | "text" = "json"): Promise<string> {
  let stdout = "";
  let stderr = "";
  const code = await run(["evaluate", `test/fixtures/lo/${file}`, "--today", "2025-03-31", "--format", format], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: ROOT,
  });
  expect([code, stderr]).toEqual([0, ""]);
  return stdout;
}

const json = async (file: string): Promise<CliJson> => JSON.parse(await evaluate(file)) as CliJson;

describe("a 栏次 row and a units row under the header (column-numbers.xlsx)", () => {
  let result: CliJson;
  beforeAll(async () => {
    result = await json("column-numbers.xlsx");
  });

  it("reads them as the header's: the items start under them", () => {
    expect(result.ledger).toMatchObject({ headerRow: 2, firstRow: 5, lastRow: 8 });
    expect(result.items.map((i) => [i.row, i.seq, i.status, i.light, i.overdueDays])).toEqual([
      [5, "1", "in_progress", "green", 0],
      [6, "2", "done", "green", 0],
      [7, "3", "in_progress", "yellow", 21],
      [8, "4", "not_started", "green", 0],
    ]);
  });

  it("finds nothing wrong (no invalid dates or bogus unit from the 栏次 row) and counts 4 items", () => {
    expect(result.findings).toEqual([]);
    expect(result.summary).toMatchObject({ items: 4, completionRate: 0.25, onTimeRate: 1 });
  });

  it("takes the unit of 涉及金额 from the units row (（万元）) and sums items 1 and 4: 12.5 + 3", () => {
    expect(result.summary.amounts).toMatchObject({
      unit: "万元",
      converted: false,
      totals: { amountInvolved: 15.5 },
      columns: { amountInvolved: { column: "I", unit: "万元", unreadableRows: [] } },
      involved: 15.5,
      rectified: 0, // the only finished item (2) has no amount
      rectifiedRate: 0,
    });
  });
});

describe("a group's 审计整改 ledger in its own header words (group-audit-ledger.xlsx)", () => {
  let result: CliJson;
  beforeAll(async () => {
    result = await json("group-audit-ledger.xlsx");
  });

  it("maps 所属责任公司, 整改计划及措施, 目标完成时间, 是否整改完成, 实际完成时间 and 验收人", () => {
    expect(result.ledger.columns).toEqual({
      seq: "A",
      unit: "B",
      category: "C",
      description: "D",
      measures: "F",
      owner: "G",
      deadline: "H",
      status: "I",
      completed: "J",
      signer: "K",
      amountInvolved: "E", // 提示问题金额（万元）
    });
  });

  it("takes the completion rate from 是否整改完成: 40%, not the 80% the target dates would give", () => {
    expect(result.summary).toMatchObject({
      items: 10,
      byStatus: { done: 4, not_started: 6 },
      byLight: { green: 8, none: 2 },
      completionRate: 0.4,
      onTimeRate: 1,
    });
    expect(result.findings.map((f) => [f.rule, f.cell])).toEqual([
      ["required-field", "H4"],
      ["required-field", "H9"],
    ]);
  });

  it("sums 提示问题金额（万元）: 1.5 × (1 + … + 10) = 82.5, of which items 1, 4, 6, 9 are done: 30", () => {
    expect(result.summary.amounts).toMatchObject({
      unit: "万元",
      totals: { amountInvolved: 82.5 },
      rectifiedBasis: "finished-items",
      involved: 82.5,
      rectified: 30,
      rectifiedRate: 0.364,
    });
  });
});

describe("a survey with a returned blank questionnaire and unused pre-numbered lines (survey-respondents.xlsx)", () => {
  let result: CliJson;
  beforeAll(async () => {
    result = await json("survey-respondents.xlsx");
  });

  it("counts the unit-only row as an invalid respondent and the 序号-only rows not at all", () => {
    // Three-level scale: Q1 100,100,100 → 100; Q2 100,0 (还行 left out) → 50; Q3 60,100,100 → 86.7;
    // score (100 + 50 + 86.67) / 3 = 78.9; satisfied 7 of 8 scored answers.
    expect(result.survey).toEqual({
      sheet: "满意度测评",
      respondents: 4,
      valid: 3,
      invalid: 1,
      score: 78.9,
      satisfiedRate: 0.875,
      questions: [
        { column: "D", title: "问题1", valid: 3, score: 100 },
        { column: "E", title: "问题2", valid: 2, score: 50 },
        { column: "F", title: "问题3", valid: 3, score: 86.7 },
      ],
    });
  });

  it("puts each finding on its own sheet (SPEC §9)", () => {
    expect(result.findings.map((f) => [f.rule, f.sheet, f.row, f.cell])).toEqual([
      ["required-field", "整改台账", 3, "E3"],
      ["survey-unknown-answer", "满意度测评", 6, "E6"],
    ]);
  });

  it("names the survey's sheet with its cell in the text report", async () => {
    expect(await evaluate("survey-respondents.xlsx", "text")).toContain("问卷答案无法识别 1 处：满意度测评!E6");
  });
});

describe("dates typed with two-digit years (two-digit-years.xlsx)", () => {
  let result: CliJson;
  beforeAll(async () => {
    result = await json("two-digit-years.xlsx");
  });

  it("reads 25.2.20, 25/2/18, 25年2月20日 and 25年3月底前 as 2025 dates", () => {
    expect(result.items.map((i) => [i.row, i.deadline, i.completed, i.light, i.overdueDays])).toEqual([
      [2, "2025-02-20", "2025-02-18", "green", 0],
      [3, "2025-02-20", null, "red", 39], // 2025-02-20 + 1 month < 2025-03-31
      [4, "2025-03-31", null, "green", 0],
      [5, null, null, "none", 0], // 3.15: no year
      [6, null, null, "none", 0], // 25.2.30: no such day
    ]);
  });

  it("says the year is missing only for 3.15", () => {
    expect(result.findings.map((f) => [f.rule, f.cell, f.message])).toEqual([
      ["invalid-date", "G5", "整改时限“3.15”不是有效日期（缺少年份，如“2025年3月底”），也不是“长期坚持”等长期表述"],
      ["invalid-date", "G6", "整改时限“25.2.30”不是有效日期，也不是“长期坚持”等长期表述"],
    ]);
    expect(result.summary).toMatchObject({ items: 5, overdue: 1, completionRate: 0.2, onTimeRate: 1 });
  });
});

describe("序号 typed as 1. and an unrecognised type (seq-and-type.xlsx)", () => {
  it("prints the unrecognised type as unknown and an empty one as null", async () => {
    const result = await json("seq-and-type.xlsx");
    expect(result.items.map((i) => [i.seq, i.type, i.light])).toEqual([
      ["1.", "immediate", "yellow"],
      ["2.", "unknown", "red"],
      ["3.", null, "green"],
    ]);
    expect(result.findings.map((f) => [f.rule, f.cell])).toEqual([["unknown-type", "D3"]]);
  });

  it("names the items 1号 and 2号 in the text report, not 1.号", async () => {
    const text = await evaluate("seq-and-type.xlsx", "text");
    expect(text).toContain("· 2号｜后勤科｜李四｜时限 2025-02-10｜逾期 49 天｜物资采购未比价");
    expect(text).toContain("· 1号｜办公室｜张三｜时限 2025-03-10｜逾期 21 天｜值班记录不全");
    expect(text).not.toContain(".号");
  });
});

describe("extensions, amounts and copied close-out evidence (audit-extensions.xlsx)", () => {
  let result: CliJson;
  beforeAll(async () => {
    result = await json("audit-extensions.xlsx");
  });

  it("maps the extension and money columns; the units row (（万元）) belongs to the header", () => {
    expect(result.ledger).toMatchObject({ headerRow: 2, firstRow: 4, lastRow: 8 });
    expect(result.ledger.columns).toMatchObject({
      originalDeadline: "F",
      extendedDeadline: "G",
      extensionReason: "H",
      extensionApprover: "I",
      amountInvolved: "N",
      amountRectified: "O",
    });
  });

  it("lights follow the extended deadline: row 4 moved to 04-30 is green, row 5 moved to 03-10 is 21 days over", () => {
    expect(result.items.map((i) => [i.row, i.status, i.light, i.overdueDays, i.deadline])).toEqual([
      [4, "in_progress", "green", 0, "2025-04-30"],
      [5, "in_progress", "yellow", 21, "2025-03-10"],
      [6, "closed", "closed", 0, "2025-02-15"],
      [7, "closed", "closed", 0, "2025-03-15"],
    ]);
  });

  it("finds the unapproved extension (H5) and the progress text copied from row 6 (L7), nothing else", () => {
    expect(result.findings.map((f) => [f.rule, f.cell, f.message])).toEqual([
      [
        "extension-without-approval",
        "H5",
        "整改时限已调整为2025-03-10，但未填写延期原因和延期批准人或批准文号（延期须说明原因并经批准）",
      ],
      ["copied-evidence", "L7", "整改进展与第6行完全相同"],
    ]);
  });

  it("sums numbers and text amounts (3.5万元, 10,000元, ５.５) in 万元, leaving out the 合计 row", () => {
    expect(result.summary).toMatchObject({ onTimeRate: 1, onTimeRateOriginal: 1 });
    expect(result.summary.amounts).toEqual({
      unit: "万元",
      converted: false,
      totals: { amountInvolved: 41.5, amountRectified: 34.5 }, // 12.5 + 3.5 + 20 + 5.5; 8 + 1 + 20 + 5.5
      columns: {
        amountInvolved: { column: "N", unit: "万元", unreadableRows: [] },
        amountRectified: { column: "O", unit: "万元", unreadableRows: [] },
      },
      rectifiedBasis: "column",
      involved: 41.5,
      rectified: 34.5,
      rectifiedRate: 0.831, // 34.5 / 41.5
      byStatus: {
        closed: { items: 2, involved: 25.5, rectified: 25.5, rate: 1 },
        in_progress: { items: 2, involved: 16, rectified: 9, rate: 0.563 },
      },
      byUnit: [
        { unit: "财务部", items: 2, involved: 32.5, rectified: 28, rate: 0.862 },
        { unit: "办公室", items: 1, involved: 5.5, rectified: 5.5, rate: 1 },
        { unit: "工程部", items: 1, involved: 3.5, rectified: 1, rate: 0.286 },
      ],
    });
  });

  it("says the same in the text report", async () => {
    const text = await evaluate("audit-extensions.xlsx", "text");
    expect(text).toContain("完成率 50.0% · 销号率 50.0% · 按时完成率 100.0%（按原定时限 100.0%）");
    expect(text).toContain("金额（万元）：涉及金额 41.5 · 整改金额 34.5");
    expect(text).toContain("整改到位：涉及 41.5 · 已整改 34.5（83.1%）");
  });
});
