/**
 * Periods through the command line: the four-meeting ledger (test/support/four-periods.ts) written as
 * one .xlsx per meeting, each compared with the last one's `--out` copy through `--since`, and
 * copies evaluated again (their own 评估记录 accumulating). The comparisons are the hand-worked ones
 * of the scenario. LibreOffice opens and re-saves a copy and its 评估记录 survives.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { run } from "../../src/cli/run";
import { periodDates } from "../../src/core/history/periods";
import { readHistorySheet } from "../../src/core/history/sheet";
import type { CliJson } from "../../src/core/report/json";
import { readWorkbook } from "../../src/xlsx/read";
import { removeMarks } from "../../src/xlsx/write";
import { workbookSnapshot } from "../support/exceljs-snapshot";
import { EXPECTED, ledgerRows, PERIODS, type Period } from "../support/four-periods";
import { convertToXlsx, libreOfficeAvailable } from "../support/libreoffice";
import { rawCells, readPart } from "../support/xlsx-package";

const hasLibreOffice = libreOfficeAvailable();
if (process.env.CI && !hasLibreOffice) throw new Error("CI needs soffice for the 评估记录 round trip");
const itWithLibreOffice = hasLibreOffice ? it : it.skip;

let dir: string;
const at = (name: string) => join(dir, name);

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir });
  return { code, stdout, stderr };
}

async function json(argv: string[]): Promise<CliJson> {
  const outcome = await cli(argv);
  expect([outcome.code, outcome.stderr]).toEqual([0, ""]);
  return JSON.parse(outcome.stdout) as CliJson;
}

/** The ledger at a meeting as a workbook of its own, as a unit sends it in (no 评估记录). */
async function writeLedger(period: Period): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("整改台账").addRows(ledgerRows(period));
  const path = at(`台账-${period}.xlsx`);
  await workbook.xlsx.writeFile(path);
  return path;
}

async function historyIn(path: string) {
  const book = await readWorkbook(path);
  const sheet = book.sheets.find((s) => s.name === "评估记录");
  return { hidden: sheet?.hidden ?? null, reading: sheet ? readHistorySheet(sheet.grid()) : null };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "zgtz-periods-"));
  for (const period of PERIODS) await writeLedger(period);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the four meetings through --since and --out", () => {
  const outcomes: Partial<Record<Period, CliJson>> = {};
  beforeAll(async () => {
    outcomes["2025-03-03"] = await json([
      "evaluate",
      "台账-2025-03-03.xlsx",
      "--today",
      "2025-03-03",
      "--out",
      "评估-03-03.xlsx",
    ]);
    const previous: Record<string, string> = { "2025-03-10": "03-03", "2025-03-17": "03-10", "2025-03-24": "03-17" };
    for (const period of PERIODS.slice(1)) {
      outcomes[period] = await json([
        "evaluate",
        `台账-${period}.xlsx`,
        "--today",
        period,
        "--since",
        `评估-${previous[period]}.xlsx`,
        "--out",
        `评估-${period.slice(5)}.xlsx`,
      ]);
    }
  });

  it("has nothing to compare with at the first meeting", () => {
    expect(outcomes["2025-03-03"]?.comparison).toBeNull();
  });

  it.each(["2025-03-10", "2025-03-17", "2025-03-24"] as const)(
    "compares %s exactly as worked out by hand",
    (period) => {
      expect(outcomes[period]?.comparison).toEqual({ ...EXPECTED[period], source: "file" });
    },
  );

  it("reports the moved deadline as a finding at 03-17", () => {
    expect(outcomes["2025-03-17"]?.findings.filter((f) => f.rule === "deadline-moved")).toEqual([
      {
        rule: "deadline-moved",
        severity: "warning",
        sheet: "整改台账",
        row: 5,
        cell: "F5",
        field: "deadline",
        message: "整改时限由2025-02-20改为2025-04-30（上期记录）",
      },
    ]);
  });

  it("accumulates the periods in a hidden (not very hidden) sheet 评估记录", async () => {
    const { hidden, reading } = await historyIn(at("评估-03-24.xlsx"));
    expect(hidden).toBe(true);
    expect(readPart(at("评估-03-24.xlsx"), "xl/workbook.xml")).toMatch(
      /<sheet name="评估记录" sheetId="\d+" state="hidden"/,
    );
    expect(reading?.skippedRows).toEqual([]);
    expect(periodDates(reading?.records ?? [])).toEqual([...PERIODS]);
    expect(reading?.records).toHaveLength(7 + 8 + 7 + 7);
  });

  it("writes 与上期对比 and the trend with its line chart on the summary sheet", async () => {
    const cells = [...rawCells(at("评估-03-24.xlsx"), "整改情况汇总").values()].map((c) => c.value);
    expect(cells).toContain("与上期对比（本期 2025-03-24，上期 2025-03-17）");
    expect(cells).toContain("近期趋势");
    expect(cells).toContain("连续3期红灯");
    const contentTypes = readPart(at("评估-03-24.xlsx"), "[Content_Types].xml") ?? "";
    const charts = [...contentTypes.matchAll(/PartName="\/(xl\/charts\/chart\d+\.xml)"/g)].map((m) => m[1] ?? "");
    expect(charts.some((part) => (readPart(at("评估-03-24.xlsx"), part) ?? "").includes("<c:lineChart>"))).toBe(true);
  });

  it("compares a copy with its own 评估记录 when evaluated again later (source history)", async () => {
    // The 03-10 copy still holds the 03-10 ledger: evaluated at 03-17 it is compared with 03-10.
    const again = await json(["evaluate", "评估-03-10.xlsx", "--today", "2025-03-17", "--out", "again.xlsx"]);
    expect(again.comparison?.source).toBe("history");
    expect(again.comparison?.since).toBe("2025-03-10");
    expect(again.comparison?.trend.map((p) => p.period)).toEqual(["2025-03-03", "2025-03-10", "2025-03-17"]);
    const { reading } = await historyIn(at("again.xlsx"));
    expect(periodDates(reading?.records ?? [])).toEqual(["2025-03-03", "2025-03-10", "2025-03-17"]);
  });

  it("replaces a period re-recorded on the same date instead of adding one", async () => {
    await json(["evaluate", "评估-03-10.xlsx", "--today", "2025-03-10", "--out", "same-day.xlsx"]);
    const { reading } = await historyIn(at("same-day.xlsx"));
    expect(periodDates(reading?.records ?? [])).toEqual(["2025-03-03", "2025-03-10"]);
    expect(reading?.records).toHaveLength(7 + 8);
  });

  it("leaves every cell of the user's ledger as it was", () => {
    const input = rawCells(at("台账-2025-03-24.xlsx"), "整改台账");
    const output = rawCells(at("评估-03-24.xlsx"), "整改台账");
    for (const [address, cell] of input) expect([address, output.get(address)]).toEqual([address, cell]);
  });

  it("清除标记 keeps 评估记录, and with 也清除评估记录 gives the user's workbook back exactly", async () => {
    await removeMarks(at("评估-03-24.xlsx"), at("cleared.xlsx"));
    expect((await historyIn(at("cleared.xlsx"))).reading?.records).toHaveLength(29);
    await removeMarks(at("评估-03-24.xlsx"), at("cleared-all.xlsx"), { history: true });
    expect((await historyIn(at("cleared-all.xlsx"))).reading).toBeNull();
    expect(readPart(at("cleared-all.xlsx"), "xl/workbook.xml")).not.toContain("_ZGTZ_");
    expect(await workbookSnapshot(at("cleared-all.xlsx"))).toEqual(await workbookSnapshot(at("台账-2025-03-24.xlsx")));
  });

  itWithLibreOffice("keeps 评估记录 through a LibreOffice save, and the saved copy compares as before", async () => {
    const saved = convertToXlsx(at("评估-03-17.xlsx"), at("lo"));
    const { hidden, reading } = await historyIn(saved);
    expect(hidden).toBe(true);
    expect(periodDates(reading?.records ?? [])).toEqual(["2025-03-03", "2025-03-10", "2025-03-17"]);
    const next = await json(["evaluate", "台账-2025-03-24.xlsx", "--today", "2025-03-24", "--since", saved]);
    expect(next.comparison).toEqual({ ...EXPECTED["2025-03-24"], source: "file" });
  });
});

describe("--since a file without 评估记录", () => {
  it("needs --since-today, and says so in one line (exit 2)", async () => {
    const outcome = await cli([
      "evaluate",
      "台账-2025-03-10.xlsx",
      "--today",
      "2025-03-10",
      "--since",
      "台账-2025-03-03.xlsx",
    ]);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe("");
    expect(outcome.stderr).toBe(
      "台账-2025-03-03.xlsx 中没有早于 2025-03-10 的评估记录：请用 --since-today YYYY-MM-DD 给出它作为上期的评估日期 / 台账-2025-03-03.xlsx has no period recorded before 2025-03-10: give the date it stands for with --since-today YYYY-MM-DD\n",
    );
  });

  it("evaluates it at --since-today as last period", async () => {
    const result = await json([
      "evaluate",
      "台账-2025-03-10.xlsx",
      "--today",
      "2025-03-10",
      "--since",
      "台账-2025-03-03.xlsx",
      "--since-today",
      "2025-03-03",
    ]);
    expect(result.comparison).toEqual({ ...EXPECTED["2025-03-10"], source: "file" });
  });

  it("refuses a --since-today that is not before the evaluation date", async () => {
    const outcome = await cli([
      "evaluate",
      "台账-2025-03-10.xlsx",
      "--today",
      "2025-03-10",
      "--since",
      "台账-2025-03-03.xlsx",
      "--since-today",
      "2025-03-10",
    ]);
    expect([outcome.code, outcome.stderr.split("\n").length]).toEqual([2, 2]);
    expect(outcome.stderr).toContain("--since-today（2025-03-10）应早于评估日期（2025-03-10）");
  });
});
