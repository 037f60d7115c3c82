/**
 * `combine` and `split` end to end, running the command line as a user does (its bundle, worker
 * threads and all) on a folder of ledgers that do not look alike: the demo, the county and blind
 * practice ledgers, two generated ledgers, a broken file and a workbook that holds no ledger.
 *
 * The expected values are never typed in: every file is also run through `evaluate`, and the
 * consolidation must agree with those runs (totals = the sum of each file's own summary; the
 * consolidated ledger re-evaluated = the same items; split then combined = the same items again).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { generateLedger, writeLedgerXlsx } from "../support/ledger-generator";
import { convertToXlsx, libreOfficeAvailable } from "../support/libreoffice";
import { chartSeries, rawCells, readPart, sheetCharts } from "../support/xlsx-package";
import { LIGHT_FILLS } from "../../src/core/plan/marks-plan";
import { UNIT_HEADERS, UNIT_HIDDEN_COLUMNS } from "../../src/core/combine/labels";
import { CHART_CONTENT_TYPE, DRAWING_CONTENT_TYPE } from "../../src/xlsx/package/chart-xml";
import type { CliJson, CliJsonItem } from "../../src/core/report/json";
import type { CombinedJson } from "../../src/cli/combine/report";

const ROOT = resolve(__dirname, "../..");
const LAUNCHER = join(ROOT, "src/cli/launch.cjs");
const TODAY = "2025-03-31";

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
function cli(args: string[]): Outcome {
  const run = spawnSync(process.execPath, [LAUNCHER, ...args], { cwd: dir, encoding: "utf8" });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}
function combine(args: string[]): { json: CombinedJson; stderr: string } {
  const outcome = cli(["combine", ...args, "--today", TODAY]);
  expect({ code: outcome.code, stderr: outcome.code === 0 ? "" : outcome.stderr }).toEqual({ code: 0, stderr: "" });
  return { json: JSON.parse(outcome.stdout) as CombinedJson, stderr: outcome.stderr };
}
function evaluate(file: string, extra: string[] = []): Outcome & { json: CliJson | null } {
  const outcome = cli(["evaluate", file, "--today", TODAY, ...extra]);
  return { ...outcome, json: outcome.code === 0 ? (JSON.parse(outcome.stdout) as CliJson) : null };
}

/** What must survive consolidation, splitting and re-reading, item by item. */
const itemKey = (i: CliJsonItem) => ({
  status: i.status,
  light: i.light,
  deadline: i.deadline,
  overdueDays: i.overdueDays,
  completed: i.completed,
  ongoing: i.ongoing,
  type: i.type,
});
const sortedKeys = (items: readonly CliJsonItem[]) => items.map((i) => JSON.stringify(itemKey(i))).sort();

const FILES = {
  demo: "in/整改台账示例.xlsx",
  county: "in/county-ledger.xlsx",
  blindCounty: "in/实践/县局台账.xlsx",
  blindSoe: "in/实践/国企台账.xlsx",
  auditExtensions: "in/实践/审计延期金额.xlsx",
  generatedA: "in/生成/甲单位.xlsx",
  generatedB: "in/生成/乙单位.xlsx",
  broken: "in/损坏.xlsx",
  notLedger: "in/人员名单.xlsx",
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "combine-e2e-"));
  for (const sub of ["in/实践", "in/生成", "empty"]) mkdirSync(join(dir, sub), { recursive: true });
  copyFileSync(join(ROOT, "samples/整改台账示例.xlsx"), join(dir, FILES.demo));
  copyFileSync(join(ROOT, "test/fixtures/county-ledger.xlsx"), join(dir, FILES.county));
  copyFileSync(join(ROOT, "test/fixtures/blind/县局台账.xlsx"), join(dir, FILES.blindCounty));
  copyFileSync(join(ROOT, "test/fixtures/blind/国企台账.xlsx"), join(dir, FILES.blindSoe));
  copyFileSync(join(ROOT, "test/fixtures/lo/audit-extensions.xlsx"), join(dir, FILES.auditExtensions));
  await writeLedgerXlsx(generateLedger(120, 7), join(dir, FILES.generatedA));
  await writeLedgerXlsx(generateLedger(80, 11), join(dir, FILES.generatedB));
  writeFileSync(join(dir, FILES.broken), "PK\u0003\u0004 this is not really a workbook");
  const people = new ExcelJS.Workbook();
  const sheet = people.addWorksheet("人员名单");
  sheet.addRows([
    ["姓名", "电话", "科室"],
    ["张伟", "13800000000", "办公室"],
  ]);
  await people.xlsx.writeFile(join(dir, FILES.notLedger));
  // Neither is a ledger to combine: Office's lock file, and a file that is not an .xlsx.
  writeFileSync(join(dir, "in/~$整改台账示例.xlsx"), "lock");
  writeFileSync(join(dir, "in/说明.txt"), "各单位台账");
  writeFileSync(join(dir, "empty/说明.txt"), "nothing here");
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("combine on a folder of ledgers that do not look alike", () => {
  let first: { json: CombinedJson; stderr: string };
  const own = new Map<string, ReturnType<typeof evaluate>>();
  beforeAll(() => {
    first = combine(["in", "--out", "out/汇总.xlsx"]);
    for (const file of Object.values(FILES)) own.set(file, evaluate(file));
  }, 120_000);

  it("checks every .xlsx under the folder, in path order, and no lock file or other file", () => {
    expect(first.json.today).toBe(TODAY);
    expect(first.json.files.map((f) => f.file).sort()).toEqual(Object.values(FILES).sort());
    expect(first.json.files.map((f) => f.file)).toEqual([...first.json.files.map((f) => f.file)].sort());
  });

  it("reports each file as its own `evaluate` does: summary, survey, findings — or the same reason", () => {
    for (const file of first.json.files) {
      const alone = own.get(file.file);
      if (!alone) throw new Error(`no evaluate run for ${file.file}`);
      if (alone.json) {
        const errors = alone.json.findings.filter((f) => f.severity === "error").length;
        expect({ file: file.file, ok: file.ok, summary: file.summary, survey: file.survey, error: file.error }).toEqual(
          {
            file: file.file,
            ok: true,
            summary: alone.json.summary,
            survey: alone.json.survey,
            error: null,
          },
        );
        expect(file.findings).toEqual({ error: errors, warning: alone.json.findings.length - errors });
      } else {
        expect(alone.code).toBe(2);
        expect({ file: file.file, ok: file.ok, error: file.error, summary: file.summary }).toEqual({
          file: file.file,
          ok: false,
          error: alone.stderr.trim(),
          summary: null,
        });
      }
    }
    expect(
      first.json.files
        .filter((f) => !f.ok)
        .map((f) => f.file)
        .sort(),
    ).toEqual([FILES.broken, FILES.notLedger].sort());
  });

  it("totals every item of every file: counts summed, rates recomputed from the sums", () => {
    const items = [...own.values()].flatMap((o) => o.json?.items ?? []);
    const count = (pick: (i: CliJsonItem) => boolean) => items.filter(pick).length;
    const sum = (pick: (s: CliJson["summary"]) => number) =>
      [...own.values()].reduce((total, o) => total + (o.json ? pick(o.json.summary) : 0), 0);
    const finished = (i: CliJsonItem) => i.status === "done" || i.status === "closed";
    const dated = items.filter((i) => finished(i) && i.completed !== null && i.deadline !== null);
    const round = (x: number) => Math.round(x * 1000) / 1000;
    const t = first.json.totals;
    expect(t.items).toBe(items.length);
    expect(t.items).toBe(sum((s) => s.items));
    for (const status of Object.keys(t.byStatus) as (keyof typeof t.byStatus)[])
      expect([status, t.byStatus[status]]).toEqual([status, count((i) => i.status === status)]);
    for (const light of Object.keys(t.byLight) as (keyof typeof t.byLight)[])
      expect([light, t.byLight[light]]).toEqual([light, count((i) => i.light === light)]);
    expect(t.overdue).toBe(sum((s) => s.overdue));
    expect(t.completionRate).toBe(round(count(finished) / items.length));
    expect(t.closeRate).toBe(round(count((i) => i.status === "closed") / items.length));
    expect(t.onTimeRate).toBe(
      round(dated.filter((i) => (i.completed ?? "") <= (i.deadline ?? "")).length / dated.length),
    );
    // Money: only the audit ledger has money columns, so the totals are its own.
    const money = own.get(FILES.auditExtensions)?.json?.summary.amounts;
    expect(money).toBeTruthy();
    expect(t.amounts).toEqual({
      unit: money?.unit,
      converted: false,
      involved: money?.involved,
      rectified: money?.rectified,
      rectifiedRate: money?.rectifiedRate,
    });
  });

  it("names each file's unit from its title or 填报单位 line, else from the file name", () => {
    const unit = (file: string) => first.json.files.find((f) => f.file === file)?.unit;
    expect(unit(FILES.demo)).toBe("XX市交通运输局");
    expect(unit(FILES.blindCounty)).toBe("XX县交通运输局");
    expect(unit(FILES.blindSoe)).toBe("中国XX建设集团有限公司");
    expect(unit(FILES.county)).toBe("county-ledger");
    expect(unit(FILES.broken)).toBe("损坏");
  });

  it("shows its progress on stderr, one plain line per file when stderr is not a terminal", () => {
    const n = Object.keys(FILES).length;
    const lines = first.stderr.split("\n").filter((l) => l.startsWith("已检查 ") && l.includes(`/${n} 个文件`));
    expect(lines).toHaveLength(n);
    expect(lines.at(-1)).toMatch(new RegExp(`^已检查 ${n}/${n} 个文件`));
  });

  it("prints a table to read with --format text: a row per file read, the totals, the failures and why", () => {
    const outcome = cli(["combine", "in", "--today", TODAY, "--format", "text"]);
    expect(outcome.code).toBe(0);
    const lines = outcome.stdout.split("\n");
    for (const file of first.json.files.filter((f) => f.ok)) {
      const row = lines.find((l) => l.includes(file.file));
      expect(row?.startsWith(file.unit)).toBe(true);
      expect(row?.split(/\s+/)).toContain(String(file.summary?.items));
    }
    const total = lines.find((l) => l.startsWith("合计"));
    expect(total?.split(/\s+/)).toContain(String(first.json.totals.items));
    for (const file of first.json.files.filter((f) => !f.ok)) expect(lines).toContain(`· ${file.file}：${file.error}`);
  });

  it("gives the same report with one worker as with several", () => {
    const { json } = combine(["in", "--jobs", "1"]);
    expect(json).toEqual(first.json);
  });

  describe("the consolidated workbook (--out)", () => {
    let workbook: ExcelJS.Workbook;
    beforeAll(async () => {
      workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(join(dir, "out/汇总.xlsx"));
    });
    const readFiles = () => first.json.files.filter((f) => f.ok);

    it("has its four sheets, in order", () => {
      expect(workbook.worksheets.map((s) => s.name)).toEqual(["各单位汇总", "红黄灯清单", "问题总台账", "未能读取"]);
    });

    it("各单位汇总: one row per file read, most red lights first, totals as formulas", () => {
      const sheet = workbook.getWorksheet("各单位汇总")!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1, 16);
      expect(header).toEqual([
        "单位",
        "文件",
        "事项数",
        "已完成",
        "已销号",
        "红灯",
        "黄灯",
        "绿灯",
        "逾期",
        "完成率",
        "销号率",
        "按期完成率",
        "错误",
        "提醒",
        "满意度",
      ]);
      const n = readFiles().length;
      const rows = Array.from({ length: n }, (_, i) => sheet.getRow(i + 2));
      const reds = rows.map((r) => r.getCell(6).value as number);
      expect(reds).toEqual([...reds].sort((a, b) => b - a));
      for (const row of rows) {
        const file = readFiles().find((f) => f.file === row.getCell(2).value);
        expect(file).toBeDefined();
        expect([row.getCell(1).value, row.getCell(3).value, row.getCell(6).value, row.getCell(7).value]).toEqual([
          file?.unit,
          file?.summary?.items,
          file?.summary?.byLight.red,
          file?.summary?.byLight.yellow,
        ]);
        if ((file?.summary?.byLight.red ?? 0) > 0) expect(row.getCell(6).fill).toMatchObject({ pattern: "solid" });
      }
      const totals = sheet.getRow(n + 2);
      expect(totals.getCell(1).value).toBe("合计");
      expect(totals.getCell(3).value).toMatchObject({ formula: `SUM(C2:C${n + 1})` });
      expect(totals.getCell(10).value).toMatchObject({ formula: `IF(C${n + 2}=0,"",D${n + 2}/C${n + 2})` });
      expect((totals.getCell(3).value as ExcelJS.CellFormulaValue).result).toBe(first.json.totals.items);
      // The on-time counts hidden, the same columns the pane's 各单位汇总 hides (one constant).
      const hidden = UNIT_HEADERS.flatMap((_, c) => (sheet.getColumn(c + 1).hidden ? [c + 1] : []));
      expect(hidden).toEqual([...UNIT_HIDDEN_COLUMNS]);
      expect(hidden.map((c) => sheet.getRow(1).getCell(c).value)).toEqual(["按期完成数", "可计按期数"]);
    });

    it("问题总台账, evaluated by `evaluate`, gives back every file's items, with where each came from", () => {
      const again = evaluate("out/汇总.xlsx", ["--sheet", "问题总台账"]);
      expect(again.code).toBe(0);
      const expected = readFiles().flatMap((f) =>
        (own.get(f.file)?.json?.items ?? []).map((i) => ({ file: f, item: i })),
      );
      expect(again.json?.items.map(itemKey)).toEqual(expected.map((e) => itemKey(e.item)));
      const { amounts: againMoney, ...againSummary } = again.json?.summary ?? { amounts: null };
      const { amounts: totalMoney, ...totals } = first.json.totals;
      expect(againSummary).toEqual(totals);
      expect([againMoney?.unit, againMoney?.involved, againMoney?.rectified]).toEqual([
        totalMoney?.unit,
        totalMoney?.involved,
        totalMoney?.rectified,
      ]);
      // Without --sheet, `evaluate` takes 问题总台账 too (not 红黄灯清单, the first sheet that reads as a ledger).
      expect(evaluate("out/汇总.xlsx").stdout).toBe(again.stdout);

      const sheet = workbook.getWorksheet("问题总台账")!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const col = (name: string) => header.indexOf(name) + 1;
      expected.forEach((e, i) => {
        const row = sheet.getRow(i + 2);
        expect([
          row.getCell(col("来源单位")).value,
          row.getCell(col("来源文件")).value,
          row.getCell(col("原行号")).value,
        ]).toEqual([e.file.unit, e.file.file, e.item.row]);
      });
      // Dates are real dates; text that looks like a formula (the generated ledgers' `=需复核`) stays text.
      const deadlines = expected.map((e, i) => ({ e, cell: sheet.getRow(i + 2).getCell(col("整改时限")) }));
      expect(deadlines.some(({ cell }) => cell.value instanceof Date)).toBe(true);
      const formulaLike: unknown[] = [];
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === "string" && /^[=+\-@]/.test(cell.value)) formulaLike.push(cell.value);
          if (cell.formula) formulaLike.push({ formula: cell.formula });
        }),
      );
      expect(formulaLike.length).toBeGreaterThan(0);
      expect(formulaLike.every((v) => typeof v === "string")).toBe(true);
    });

    it("红黄灯清单 lists every red and yellow item with its unit, file and row; 未能读取 every failure", () => {
      const warnings = workbook.getWorksheet("红黄灯清单")!;
      expect(warnings.rowCount - 1).toBe(first.json.totals.byLight.red + first.json.totals.byLight.yellow);
      const listed = new Set<string>();
      warnings.eachRow((row, r) => {
        if (r > 1) listed.add(`${String(row.getCell(2).value)}#${String(row.getCell(3).value)}`);
      });
      for (const f of readFiles())
        for (const item of own.get(f.file)?.json?.items ?? [])
          if (item.light === "red" || item.light === "yellow") expect(listed.has(`${f.file}#${item.row}`)).toBe(true);
      const failed = workbook.getWorksheet("未能读取")!;
      const failures = first.json.files.filter((f) => !f.ok);
      expect(failed.rowCount - 1).toBe(failures.length);
      failures.forEach((f, i) =>
        expect((failed.getRow(i + 2).values as unknown[]).slice(1)).toEqual([f.file, f.error]),
      );
    });

    it("draws 各单位汇总's red and yellow lights by unit: a chart whose series are the sheet's cells, numbers cached", () => {
      const out = join(dir, "out/汇总.xlsx");
      const drawn = sheetCharts(out, "各单位汇总");
      expect(drawn?.charts).toHaveLength(1);
      const contentTypes = readPart(out, "[Content_Types].xml") ?? "";
      expect(contentTypes).toContain(`<Override PartName="/${drawn?.drawing}" ContentType="${DRAWING_CONTENT_TYPE}"/>`);
      expect(contentTypes).toContain(
        `<Override PartName="/${drawn?.charts[0]?.part}" ContentType="${CHART_CONTENT_TYPE}"/>`,
      );
      // Nothing else was drawn: the other sheets have no drawing.
      for (const other of ["红黄灯清单", "问题总台账", "未能读取"]) expect(sheetCharts(out, other)).toBeNull();

      const chart = drawn?.charts[0]?.xml ?? "";
      expect(chart).toContain("<a:t>各单位红黄灯</a:t>");
      expect(chart).toContain('<c:grouping val="stacked"/>');
      // The units with a red or yellow item, most red first: the sheet's first rows (all of them here, < 30).
      const lit = readFiles().filter((f) => (f.summary?.byLight.red ?? 0) + (f.summary?.byLight.yellow ?? 0) > 0);
      expect(lit.length).toBeGreaterThan(1);
      expect(lit.length).toBeLessThan(readFiles().length);
      const last = lit.length + 1;
      const series = chartSeries(chart);
      expect(series.map((s) => [s.name, s.categoriesRef, s.valuesRef, s.color])).toEqual([
        ["红灯", `各单位汇总!$A$2:$A$${last}`, `各单位汇总!$F$2:$F$${last}`, LIGHT_FILLS.red?.slice(1)],
        ["黄灯", `各单位汇总!$A$2:$A$${last}`, `各单位汇总!$G$2:$G$${last}`, LIGHT_FILLS.yellow?.slice(1)],
      ]);
      // Each cached point is the cell it refers to, and each unit's count is its file's.
      const cells = rawCells(out, "各单位汇总");
      const column = (letter: string) =>
        Array.from({ length: lit.length }, (_, i) => cells.get(`${letter}${i + 2}`)?.value);
      for (const s of series) expect(s.categories).toEqual(column("A"));
      expect(series[0]?.values).toEqual(column("F"));
      expect(series[1]?.values).toEqual(column("G"));
      // …and each unit's counts are its file's (a unit's name may be shared by files: matched by 文件).
      const byFile = column("B").map((file) => lit.find((f) => f.file === file)?.summary?.byLight);
      expect(series[0]?.values).toEqual(byFile.map((b) => b?.red));
      expect(series[1]?.values).toEqual(byFile.map((b) => b?.yellow));
      // Right of the table (its 17 columns, two of them hidden): no cell with data under it.
      const from = /<xdr:from><xdr:col>(\d+)<\/xdr:col>/.exec(readPart(out, drawn?.drawing ?? "") ?? "")?.[1];
      expect(Number(from)).toBeGreaterThanOrEqual(17);
    });

    (libreOfficeAvailable() ? it : it.skip)(
      "opens in LibreOffice, which keeps the chart with its series when it saves the workbook again",
      () => {
        const resaved = convertToXlsx(join(dir, "out/汇总.xlsx"), join(dir, "lo-resaved"));
        const ours = chartSeries(sheetCharts(join(dir, "out/汇总.xlsx"), "各单位汇总")?.charts[0]?.xml ?? "");
        const charts = sheetCharts(resaved, "各单位汇总")?.charts ?? [];
        expect(charts).toHaveLength(1);
        expect(charts[0]?.xml).toContain("各单位红黄灯");
        const theirs = chartSeries(charts[0]?.xml ?? "");
        expect(theirs.map((s) => [s.name, s.categoriesRef, s.valuesRef, s.values])).toEqual(
          ours.map((s) => [s.name, s.categoriesRef, s.valuesRef, s.values]),
        );
      },
      120_000,
    );

    it("is left out when the folder is combined again (the report does not count it twice)", () => {
      copyFileSync(join(dir, "out/汇总.xlsx"), join(dir, "in/汇总.xlsx"));
      try {
        const again = combine(["in"]);
        expect(again.json).toEqual(first.json);
        expect(again.stderr).toContain("跳过 1 个合并汇总工作簿");
      } finally {
        rmSync(join(dir, "in/汇总.xlsx"));
      }
    });
  });

  it("split by 来源单位, then combined again, gives back the same items", () => {
    const split = cli(["split", "out/汇总.xlsx", "--by", "source", "--outdir", "parts"]);
    expect(split.code).toBe(0);
    const units = new Set(first.json.files.filter((f) => f.ok).map((f) => f.unit));
    expect(readdirSync(join(dir, "parts")).sort()).toEqual([...units].map((u) => `${u}.xlsx`).sort());
    const { json } = combine(["parts"]);
    expect(json.totals).toEqual(first.json.totals);
    const partsItems = json.files.flatMap((f) => evaluate(f.file).json?.items ?? []);
    const allItems = [...own.values()].flatMap((o) => o.json?.items ?? []);
    expect(sortedKeys(partsItems)).toEqual(sortedKeys(allItems));
    for (const part of json.files) {
      const unit = part.file.replace(/^parts\//, "").replace(/\.xlsx$/, "");
      const items = first.json.files.filter((f) => f.unit === unit).reduce((n, f) => n + (f.summary?.items ?? 0), 0);
      expect([unit, part.summary?.items]).toEqual([unit, items]);
    }
  });
});

describe("combine refuses what it cannot combine, with one line and exit 2", () => {
  it("when no given path exists", () => {
    const outcome = cli(["combine", "nowhere", "nor-here.xlsx"]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr.trim().split("\n")).toHaveLength(1);
    expect(outcome.stderr).toContain("找不到给出的路径");
  });

  it("when none of the paths holds an .xlsx", () => {
    const outcome = cli(["combine", "empty"]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr.trim().split("\n")).toHaveLength(1);
    expect(outcome.stderr).toContain("没有 .xlsx 文件");
  });

  it("when --out would overwrite one of the ledgers", () => {
    const outcome = cli(["combine", "in", "--out", FILES.demo]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("--out 不能是要合并的台账之一");
  });
});

describe("split keeps the header block as it was", () => {
  it("each unit's part has the demo's header rows, widths, fills, merges and number formats, and its own items", async () => {
    const outcome = cli(["split", FILES.demo, "--by", "unit", "--outdir", "by-unit"]);
    expect(outcome.code).toBe(0);
    const demo = evaluate(FILES.demo).json!;
    const source = new ExcelJS.Workbook();
    await source.xlsx.readFile(join(dir, FILES.demo));
    const ledger = source.getWorksheet("整改台账")!;
    const units = new Set(demo.items.map((i) => ledger.getCell(i.row, 6).text.trim() || "未填写"));
    expect(readdirSync(join(dir, "by-unit")).sort()).toEqual([...units].map((u) => `${u}.xlsx`).sort());

    for (const unit of units) {
      const part = new ExcelJS.Workbook();
      await part.xlsx.readFile(join(dir, "by-unit", `${unit}.xlsx`));
      const sheet = part.getWorksheet("整改台账")!;
      for (let r = 1; r < demo.ledger.firstRow; r++)
        for (let c = 1; c <= ledger.columnCount; c++) {
          const [from, to] = [ledger.getCell(r, c), sheet.getCell(r, c)];
          expect([r, c, to.text, to.fill, to.isMerged]).toEqual([r, c, from.text, from.fill, from.isMerged]);
        }
      for (let c = 1; c <= ledger.columnCount; c++)
        expect([c, sheet.getColumn(c).width]).toEqual([c, ledger.getColumn(c).width]);

      const mine = demo.items.filter((i) => (ledger.getCell(i.row, 6).text.trim() || "未填写") === unit);
      const again = evaluate(`by-unit/${unit}.xlsx`).json!;
      expect(again.items.map(itemKey)).toEqual(mine.map(itemKey));
      mine.forEach((item, k) => {
        for (let c = 1; c <= ledger.columnCount; c++) {
          const [from, to] = [ledger.getCell(item.row, c), sheet.getCell(demo.ledger.firstRow + k, c)];
          expect([c, to.numFmt ?? "General", to.fill]).toEqual([c, from.numFmt ?? "General", from.fill]);
        }
      });
    }
  });

  it("names parts safely whatever the cells hold, and writes nothing outside --outdir", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("台账");
    sheet.addRow(["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限"]);
    const units = ["CON", "../逃逸", "a/b", "", "科室.", "a_b", "lpt1.txt"];
    units.forEach((unit, i) => sheet.addRow([i + 1, `问题${i + 1}`, "整改", unit, "张伟", "2025-12-31"]));
    await workbook.xlsx.writeFile(join(dir, "unsafe.xlsx"));
    const before = readdirSync(dir).sort();
    const outcome = cli(["split", "unsafe.xlsx", "--by", "unit", "--outdir", "safe"]);
    expect(outcome.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([...before, "safe"].sort());
    expect(readdirSync(join(dir, "safe")).sort()).toEqual(
      ["_CON.xlsx", "_逃逸.xlsx", "a_b.xlsx", "未填写.xlsx", "科室.xlsx", "a_b (2).xlsx", "_lpt1.txt.xlsx"].sort(),
    );
  });
});

describe("the package's bin", () => {
  it("runs combine as `npx zgtz combine`, with the workers, as `npm run cli` does", () => {
    const args = ["combine", join(dir, "in"), "--today", TODAY];
    const viaNpx = spawnSync("npx", ["--offline", "zgtz", ...args], { cwd: ROOT, encoding: "utf8" });
    const direct = spawnSync(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, encoding: "utf8" });
    expect(viaNpx.status).toBe(0);
    expect(viaNpx.stdout).toBe(direct.stdout);
    expect((JSON.parse(viaNpx.stdout) as CombinedJson).files).toHaveLength(Object.keys(FILES).length);
  });
});
