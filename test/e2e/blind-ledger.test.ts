/**
 * A ledger the engine was not written against: a state enterprise's 巡察反馈问题整改落实台账 with
 * its own header words (编号, 巡察发现问题, 整改目标及措施, 牵头部门, 具体责任人, 完成时限, 是否已完成整改,
 * 销号情况, 支撑材料), section rows, a 合计 row, dates typed four ways, and LibreOffice as the writer
 * (test/fixtures/blind/国企台账.csv → .xlsx with `soffice --infilter="CSV:44,34,76" --convert-to xlsx`).
 * Every expected value below was worked out by hand from the CSV and SPEC.md, as of 2025-03-31.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const repo = join(__dirname, "..", "..");
const file = "test/fixtures/blind/国企台账.xlsx";

interface CliJson {
  ledger: { sheet: string; headerRow: number; firstRow: number; lastRow: number; columns: Record<string, string> };
  items: {
    row: number;
    seq: string;
    status: string;
    type: string;
    light: string;
    overdueDays: number;
    deadline: string | null;
    ongoing: boolean;
  }[];
  findings: { rule: string; cell: string | null }[];
  summary: Record<string, unknown>;
  survey: unknown;
}

let json: CliJson;
beforeAll(() => {
  const out = execFileSync("npm", ["run", "--silent", "cli", "--", "evaluate", file, "--today", "2025-03-31"], {
    cwd: repo,
    encoding: "utf8",
  });
  json = JSON.parse(out) as CliJson;
});

test("finds the header under the title and maps the enterprise's own header words", () => {
  expect(json.ledger).toEqual({
    sheet: "国企台账",
    headerRow: 2,
    firstRow: 3,
    lastRow: 12,
    columns: {
      seq: "A",
      description: "B",
      measures: "C",
      type: "D",
      unit: "E",
      owner: "F",
      deadline: "G",
      status: "H",
      closed: "I",
      evidence: "J",
      note: "K",
    },
  });
});

test("items: section and total rows left out; status, type, light and overdue days per SPEC §3–§4", () => {
  const brief = json.items.map((i) => [i.row, i.seq, i.status, i.type, i.light, i.overdueDays, i.deadline, i.ongoing]);
  expect(brief).toEqual([
    [4, "1", "closed", "time_limited", "closed", 0, "2025-04-30", false], // 是 + 销号 是
    [5, "2", "not_started", "long_term", "green", 0, null, true], // 否; 长期坚持
    [7, "3", "not_started", "time_limited", "red", 44, "2025-02-15", false], // 2025/2/15 + 1 month < 3/31
    [8, "4", "in_progress", "immediate", "green", 11, "2025-03-20", false], // 2025.3.20: 11 days < 14
    [9, "5", "done", "time_limited", "green", 0, "2025-03-31", false], // 完成; 2025年3月 → month end
    [10, "6", "in_progress", "time_limited", "none", 0, null, false], // 3月底 has no year
    [11, "7", "not_started", "immediate", "green", 6, "2025-03-25", false],
  ]);
});

test("findings point at the right cells", () => {
  expect(json.findings.map((f) => [f.rule, f.cell])).toEqual(
    expect.arrayContaining([
      ["vague-measures", "C5"], // 进一步加强学习，切实提高认识
      ["owner-not-person", "F5"], // 全体党员
      ["owner-not-person", "F9"], // 刘洋、陈静
      ["owner-not-person", "F11"], // 安全环保部 = the unit
      ["required-field", "C10"],
      ["invalid-date", "G10"],
    ]),
  );
  expect(json.findings).toHaveLength(6);
});

test("summary counts and rates", () => {
  expect(json.summary).toEqual({
    items: 7,
    byStatus: { closed: 1, done: 1, in_progress: 2, not_started: 3, ongoing: 0, unknown: 0 },
    byLight: { red: 1, yellow: 0, green: 4, closed: 1, none: 1 },
    overdue: 3, // rows 7, 8, 11
    completionRate: 0.286, // 2 / 7
    closeRate: 0.143, // 1 / 7
    onTimeRate: null, // no completion-date column
    onTimeRateOriginal: null,
    amounts: null, // no money columns
  });
  expect(json.survey).toBeNull();
});
