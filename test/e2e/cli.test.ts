/**
 * The command line end to end, on files a real office suite wrote (LibreOffice, see
 * scripts/make-sample.sh): the demo ledger and a differently laid-out county ledger. Expected
 * values are counted by hand from the sources (samples/src/整改台账示例.fods,
 * test/fixtures/src/county-ledger.csv), not copied from a run.
 *
 * Most cases call `run()` in-process; one smoke test runs the real `src/cli/main.ts` as a child
 * process.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import type { CliJson } from "../../src/core/report/json";
import { run, type CliIo } from "../../src/cli/run";

const ROOT = resolve(__dirname, "../..");
const SAMPLE = join(ROOT, "samples/整改台账示例.xlsx");
const COUNTY = join(ROOT, "test/fixtures/county-ledger.xlsx");

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], extra: Partial<CliIo> = {}): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: ROOT,
    ...extra,
  });
  return { code, stdout, stderr };
}

async function json(argv: string[]): Promise<CliJson> {
  const outcome = await cli(argv);
  expect(outcome.stderr).toBe("");
  expect(outcome.code).toBe(0);
  return JSON.parse(outcome.stdout) as CliJson;
}

const sha256 = (path: string): string => createHash("sha256").update(readFileSync(path)).digest("hex");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cli-e2e-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the demo ledger (samples/整改台账示例.xlsx, --today 2025-03-31)", () => {
  let result: CliJson;
  beforeAll(async () => {
    result = await json(["evaluate", "samples/整改台账示例.xlsx", "--today", "2025-03-31"]);
  });
  const item = (seq: string, nth = 0) => result.items.filter((i) => i.seq === seq)[nth];

  it("prints its JSON byte for byte as JSON.stringify(…, null, 2) prints the same document", async () => {
    const outcome = await cli(["evaluate", "samples/整改台账示例.xlsx", "--today", "2025-03-31"]);
    expect(outcome.stdout).toBe(`${JSON.stringify(JSON.parse(outcome.stdout), null, 2)}\n`);
    expect(outcome.stdout.length).toBeGreaterThan(1000);
  });

  it("skips the cover sheet and finds the ledger under its title and two-row header", () => {
    expect(result.file).toBe("samples/整改台账示例.xlsx");
    expect(result.today).toBe("2025-03-31");
    expect(result.ledger).toEqual({
      sheet: "整改台账",
      headerRow: 4,
      firstRow: 5,
      lastRow: 45,
      columns: {
        seq: "A",
        category: "B",
        description: "C",
        measures: "D",
        type: "E",
        unit: "F",
        owner: "G",
        assigned: "H",
        deadline: "I",
        progress: "J",
        status: "K",
        completed: "L",
        closed: "M",
        closedOn: "N",
        evidence: "O",
        signer: "P",
        reviewed: "Q",
        note: "R",
      },
    });
  });

  it("reads 34 items, leaving out the five section rows, the blank row and the 填表说明 note", () => {
    expect(result.items).toHaveLength(34);
    const rows = result.items.map((i) => i.row);
    for (const sectionRow of [5, 13, 21, 29, 36]) expect(rows).not.toContain(sectionRow);
    expect(rows).not.toContain(44);
    expect(rows).not.toContain(45);
  });

  it("reads dates typed in every form", () => {
    expect(item("2")).toMatchObject({ row: 7, deadline: "2025-03-31" }); // 2025年3月底
    expect(item("3")).toMatchObject({ row: 8, deadline: "2025-02-28", completed: "2025-02-25" }); // 2025.2.28
    expect(item("6")).toMatchObject({ deadline: "2024-12-31", ongoing: true, status: "done" }); // 2024年底前，并长期坚持
    expect(item("9")).toMatchObject({ deadline: "2025-02-15" }); // 2025年2月15日
    expect(item("15")).toMatchObject({ completed: "2025-01-20" }); // 2025.1.20
    expect(item("21")).toMatchObject({ deadline: "2025-02-28" }); // 2025/2/28
    expect(item("23")).toMatchObject({ deadline: "2025-06-30" }); // 2025年上半年
    expect(item("32")).toMatchObject({ deadline: "2025-11-30" }); // 2025年11月底前
    expect(item("5")).toMatchObject({ deadline: null, ongoing: true }); // 长期坚持
    expect(item("14")).toMatchObject({ deadline: null, ongoing: false, light: "none" }); // 3月底: no year
  });

  it("lights every kind of item (red > 1 month overdue, yellow ≥ 14 days, green, closed, none)", () => {
    expect(item("8")).toMatchObject({ row: 14, status: "in_progress", light: "red", overdueDays: 98 });
    expect(item("9")).toMatchObject({ status: "not_started", light: "red", overdueDays: 44 });
    expect(item("21")).toMatchObject({ light: "red", overdueDays: 31 });
    expect(item("4")).toMatchObject({ row: 9, light: "yellow", overdueDays: 21 });
    expect(item("11")).toMatchObject({ light: "yellow", overdueDays: 16 });
    expect(item("23", 1)).toMatchObject({ row: 32, light: "yellow", overdueDays: 30 });
    expect(item("20")).toMatchObject({ light: "green", overdueDays: 11 });
    expect(item("13")).toMatchObject({ status: "unknown", light: "green", overdueDays: 6 });
    expect(item("1")).toMatchObject({ status: "closed", light: "closed", overdueDays: 0, type: "long_term" });
    expect(item("25")).toMatchObject({ row: 33, status: "closed", light: "closed" }); // 是否销号 是, status 整改中
    expect(item("31")).toMatchObject({ status: "in_progress", light: "green" }); // 基本完成 is not complete
    expect(item("30")).toMatchObject({ row: 39, deadline: null, light: "none" });
  });

  it("points every finding at its cell", () => {
    const found = result.findings.map((f) => `${f.rule} ${f.cell ?? "-"}`);
    expect(found.sort()).toEqual(
      [
        "deadline-type-mismatch I7", // 限期整改, 2025-03-31 > 2024-12-16 + 3 months
        "vague-measures D10", // 高度重视，进一步加强管理，切实提高思想认识
        "owner-not-person G10", // 办公室 = the unit
        "review-overdue Q10", // ongoing, never reviewed since 2024-12-16
        "review-overdue Q11", // ongoing (并长期坚持), completed 2024-12-20
        "closed-without-evidence O12",
        "review-overdue Q12", // closed, last review 2024-12-25
        "closed-without-signer P16",
        "owner-not-person G17", // 周敏、吴刚
        "completed-in-future L18", // 2025-04-15
        "unknown-type E19", // 马上就办
        "unknown-status K19", // 已落实
        "invalid-date I20", // 3月底
        "review-overdue Q23", // 2024-12-20
        "done-without-date L25",
        "vague-measures D26", // 加强警示教育，增强廉洁意识
        "owner-not-person G26", // 全体党员
        "review-overdue Q26", // 常态化, never reviewed
        "duplicate-seq A32", // 23 twice
        "closed-not-done K33", // 是否销号 是 while 整改中
        "done-without-date L33",
        "owner-not-person G34", // 建设管理科
        "completed-before-assigned L35", // 2024-12-12 < 2024-12-16
        "required-field I39", // no deadline
        "required-field D43", // no measures
        "survey-unknown-answer E17", // 还行, on the survey sheet
      ].sort(),
    );
    expect(result.findings).toContainEqual({
      rule: "required-field",
      severity: "error",
      sheet: "整改台账",
      row: 39,
      cell: "I39",
      field: "deadline",
      message: "整改时限为空",
    });
    // SPEC §9: each finding names its sheet; the survey's answer is on the survey sheet.
    const sheets = new Set(
      result.findings.map((f) => `${f.rule === "survey-unknown-answer" ? "survey" : "ledger"} ${f.sheet}`),
    );
    expect([...sheets].sort()).toEqual(["ledger 整改台账", "survey 群众满意度调查"]);
  });

  it("summarises as counted by hand", () => {
    expect(result.summary).toEqual({
      items: 34,
      byStatus: { closed: 7, done: 5, in_progress: 14, not_started: 3, ongoing: 4, unknown: 1 },
      byLight: { red: 3, yellow: 3, green: 19, closed: 7, none: 2 },
      overdue: 8, // 3 red + 3 yellow + seq 20 (11 days) + seq 13 (6 days)
      completionRate: 0.353, // 12 / 34
      closeRate: 0.206, // 7 / 34
      onTimeRate: 0.8, // 8 of 10 finished items with both dates (seq 12 and 33 late)
      onTimeRateOriginal: 0.8, // no extension columns: the same deadlines
      amounts: null, // no money columns
    });
  });

  it("scores the survey sheet (weights 0.15/0.25/0.2/0.2/0.2; the unanswered and the all-不了解 questionnaires invalid)", () => {
    // SPEC §7: row 20 (序号 17, 企业代表, no answer) is a returned blank questionnaire, so a respondent,
    // invalid; row 29 (all 不了解) is invalid too: 32 respondents, 30 valid.
    // Means by hand from the answers: Q1 2470/29, Q2 2390/29, Q3 2560/29, Q4 2280/29, Q5 2390/29;
    // score = Σ w·mean = 83.24 → 83.2. Satisfied (≥ 60 points): 132 of 145 answers = 0.910.
    expect(result.survey).toEqual({
      sheet: "群众满意度调查",
      respondents: 32,
      valid: 30,
      invalid: 2,
      score: 83.2,
      satisfiedRate: 0.91,
      questions: [
        { column: "C", title: "1.对整改工作公开透明的满意度", valid: 29, score: 85.2 },
        { column: "D", title: "2.对工程项目招投标规范性的满意度", valid: 29, score: 82.4 },
        { column: "E", title: "3.对工程质量安全管理的满意度", valid: 29, score: 88.3 },
        { column: "F", title: "4.对廉政风险防控工作的满意度", valid: 29, score: 78.6 },
        { column: "G", title: "5.对整改总体成效的满意度", valid: 29, score: 82.4 },
      ],
    });
  });

  it("defaults --today to the local date, read once from the clock", async () => {
    let reads = 0;
    const outcome = await cli(["evaluate", "samples/整改台账示例.xlsx"], {
      now: () => {
        reads++;
        return new Date(2025, 2, 31, 23, 59, 59); // late in the evening, local time
      },
    });
    expect(reads).toBe(1);
    expect((JSON.parse(outcome.stdout) as CliJson).today).toBe("2025-03-31");
    expect(JSON.parse(outcome.stdout)).toEqual(result);
  });

  it("gives the same ledger with --sheet naming it", async () => {
    const named = await json(["evaluate", "samples/整改台账示例.xlsx", "--today", "2025-03-31", "--sheet", "整改台账"]);
    expect(named).toEqual(result);
  });

  it("prints the text report", async () => {
    const outcome = await cli(["evaluate", "samples/整改台账示例.xlsx", "--today", "2025-03-31", "--format", "text"]);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(
      "【整改台账评估】samples/整改台账示例.xlsx · 工作表“整改台账” · 评估日期 2025-03-31",
    );
    expect(outcome.stdout).toContain("红灯 3 · 黄灯 3 · 绿灯 19 · 已销号 7 · 待补充 2");
    expect(outcome.stdout).toContain("· 8号｜建设管理科｜张伟｜时限 2024-12-23｜逾期 98 天｜");
    expect(outcome.stdout).toContain("得分 83.2 分");
    expect(outcome.stdout).toContain(
      "通报稿：\n截至2025年3月31日，共梳理整改问题34项，已完成12项，完成率35.3%；已销号7项，销号率20.6%。",
    );
  });
});

describe("a county ledger laid out differently (one-row header, other header words, CSV via LibreOffice)", () => {
  let result: CliJson;
  beforeAll(async () => {
    result = await json(["evaluate", COUNTY, "--today", "2025-06-30"]);
  });

  it("maps its own header words to the fields", () => {
    expect(result.ledger).toEqual({
      sheet: "county-ledger",
      headerRow: 1,
      firstRow: 2,
      lastRow: 14,
      columns: {
        seq: "A", // 编号
        category: "B", // 整改维度
        description: "C", // 反馈问题
        measures: "D", // 整改目标及措施
        unit: "E", // 牵头单位
        owner: "F", // 具体责任人
        deadline: "G", // 完成时限
        progress: "H", // 进展情况
        status: "I", // 整改状态
        completed: "J", // 实际完成时间
        closed: "K", // 销号情况
        note: "L",
      },
    });
    expect(result.items.map((i) => i.seq)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);
  });

  it("lights the items, with the one-month boundary by calendar month", () => {
    const bySeq = Object.fromEntries(result.items.map((i) => [i.seq, i]));
    expect(bySeq["2"]).toMatchObject({ light: "yellow", overdueDays: 30 }); // 05-31 + 1 month = 06-30, not after today
    expect(bySeq["3"]).toMatchObject({ light: "red", overdueDays: 32 }); // 05-29 + 1 month = 06-29 < today
    expect(bySeq["7"]).toMatchObject({ light: "green", overdueDays: 10 });
    expect(bySeq["10"]).toMatchObject({ light: "yellow", overdueDays: 20 });
    expect(bySeq["1"]).toMatchObject({ status: "closed", light: "closed" }); // 已销号
    expect(bySeq["5"]).toMatchObject({ status: "closed", deadline: "2025-06-30", completed: "2025-06-20" }); // 2025年6月, 2025年6月20日
    expect(bySeq["6"]).toMatchObject({ status: "not_started", deadline: "2025-12-31", light: "green" }); // 2025年底前
    expect(bySeq["9"]).toMatchObject({ status: "not_started", deadline: null, light: "none" }); // 下半年
    expect(bySeq["12"]).toMatchObject({ status: "done", light: "green" }); // 已整改到位
  });

  it("finds what is wrong, including the evidence column it lacks", () => {
    expect(result.findings.map((f) => `${f.rule} ${f.cell ?? f.field}`).sort()).toEqual(
      [
        "missing-column evidence", // two items closed, no 佐证材料 column
        "vague-measures D5", // 加强廉政教育，提高廉洁意识
        "owner-not-person F5", // 全体干部
        "owner-not-person F7", // 信息中心 = the unit
        "owner-not-person F11", // 张三和李四
        "completed-in-future J9", // 2025-07-05
        "invalid-date G10", // 下半年
      ].sort(),
    );
    expect(result.findings.find((f) => f.rule === "missing-column")?.severity).toBe("warning");
  });

  it("summarises as counted by hand, without a survey", () => {
    expect(result.summary).toEqual({
      items: 12,
      byStatus: { closed: 2, done: 3, in_progress: 4, not_started: 2, ongoing: 1, unknown: 0 },
      byLight: { red: 1, yellow: 2, green: 6, closed: 2, none: 1 },
      overdue: 4,
      completionRate: 0.417, // 5 / 12
      closeRate: 0.167, // 2 / 12
      onTimeRate: 0.6, // seq 1, 5, 11 on time; 8 and 12 late
      onTimeRateOriginal: 0.6, // no extension columns: the same deadlines
      amounts: null, // no money columns
    });
    expect(result.survey).toBeNull();
  });
});

describe("what cannot be evaluated: exit 2 and one line on stderr", () => {
  const expectRefusal = async (argv: string[], pattern: RegExp): Promise<void> => {
    const outcome = await cli(argv);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe("");
    expect(outcome.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(outcome.stderr).toMatch(pattern);
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
  };

  it("a missing file, named as typed", async () => {
    await expectRefusal(
      ["evaluate", "no/such/ledger.xlsx"],
      /^找不到文件：no\/such\/ledger\.xlsx \/ File not found: no\/such\/ledger\.xlsx\n$/,
    );
  });

  it("a folder", async () => {
    await expectRefusal(["evaluate", "samples"], /^这是一个文件夹.*samples.* \/ This is a folder/);
  });

  it("a text file renamed .xlsx", async () => {
    const path = join(dir, "ledger.xlsx");
    writeFileSync(path, "序号,问题描述,整改措施\n1,制度不健全,修订办法\n");
    await expectRefusal(["evaluate", path], /^不是 Excel 工作簿（\.xlsx）.* \/ Not an Excel workbook/);
  });

  it("a truncated workbook", async () => {
    const path = join(dir, "cut.xlsx");
    const bytes = readFileSync(SAMPLE);
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    await expectRefusal(["evaluate", path], /^文件不完整.* \/ The file is incomplete/);
  });

  it("a --sheet that does not exist, listing the sheets there are", async () => {
    await expectRefusal(
      ["evaluate", SAMPLE, "--sheet", "台账"],
      /^工作簿中没有名为“台账”的工作表（现有：封面、整改台账、群众满意度调查） \/ No sheet named "台账"/,
    );
  });

  it("a --sheet that holds no ledger", async () => {
    await expectRefusal(
      ["evaluate", SAMPLE, "--sheet", "封面"],
      /^在工作表“封面”的前 30 行没有找到台账表头.* \/ No ledger header/,
    );
  });

  it("a workbook with no ledger on any sheet", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("会议纪要").addRow(["2025年第一次整改推进会"]);
    wb.addWorksheet("通讯录").addRows([
      ["姓名", "电话"],
      ["张伟", "12345"],
    ]);
    const path = join(dir, "no-ledger.xlsx");
    await wb.xlsx.writeFile(path);
    await expectRefusal(["evaluate", path], /^没有找到台账：.*（会议纪要、通讯录）.*--sheet.* \/ No ledger found/);
  });

  it("bad arguments, with the usage line after the message", async () => {
    const outcome = await cli(["evaluate", SAMPLE, "--today", "2025-13-01"]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr.split("\n")[0]).toBe(
      "--today 应为 YYYY-MM-DD 格式的有效日期：2025-13-01 / --today must be a valid YYYY-MM-DD date: 2025-13-01",
    );
    expect(outcome.stderr.split("\n")[1]).toMatch(/^用法 \/ Usage: evaluate LEDGER\.xlsx/);
  });

  it("an --out that is the input file itself, a folder, or not .xlsx", async () => {
    await expectRefusal(
      ["evaluate", "samples/整改台账示例.xlsx", "--out", "samples/../samples/整改台账示例.xlsx"],
      /^--out 不能是输入文件本身/,
    );
    await expectRefusal(["evaluate", SAMPLE, "--out", dir], /^--out 的文件名应以 \.xlsx 结尾|^--out 指向一个文件夹/);
    mkdirSync(join(dir, "folder.xlsx"), { recursive: true });
    await expectRefusal(["evaluate", SAMPLE, "--out", join(dir, "folder.xlsx")], /^--out 指向一个文件夹/);
    await expectRefusal(["evaluate", SAMPLE, "--out", join(dir, "report.json")], /^--out 的文件名应以 \.xlsx 结尾/);
  });

  it("a writer that fails: the report is still printed, then one line (even when its message has several), exit 2", async () => {
    const outcome = await cli(["evaluate", SAMPLE, "--today", "2025-03-31", "--out", join(dir, "x.xlsx")], {
      writeEvaluatedCopy: () => {
        throw new TypeError("boom\n    at somewhere (file.ts:1:1)");
      },
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(outcome.stderr).toMatch(/^无法写入 .*x\.xlsx：boom at somewhere/);
    expect(JSON.parse(outcome.stdout).summary.items).toBe(34);
  });

  it("an unexpected internal failure: exit 1, one line, no stack trace", async () => {
    const outcome = await cli(["evaluate", SAMPLE], {
      now: () => {
        throw new Error("clock\n    at broken (clock.ts:1:1)");
      },
    });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe(
      "内部错误：clock at broken (clock.ts:1:1) / Internal error: clock at broken (clock.ts:1:1)\n",
    );
  });
});

describe("--out", () => {
  it("writes an evaluated copy, leaves the input byte for byte as it was, and may overwrite its own earlier output", async () => {
    const input = join(dir, "台账.xlsx");
    copyFileSync(SAMPLE, input);
    const before = sha256(input);
    const out = join(dir, "out", "评估.xlsx"); // the folder does not exist yet
    for (let i = 0; i < 2; i++) {
      const outcome = await cli(["evaluate", input, "--today", "2025-03-31", "--out", out]);
      expect(outcome.stderr).toBe("");
      expect(outcome.code).toBe(0);
      expect(JSON.parse(outcome.stdout).summary.items).toBe(34);
    }
    expect(sha256(input)).toBe(before);
    expect(existsSync(out)).toBe(true);

    // The copy has the 预警状态 column and the summary sheet, and evaluates to the same ledger.
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(out);
    expect(copy.worksheets.map((ws) => ws.name)).toEqual(expect.arrayContaining(["整改台账", "整改情况汇总"]));
    const ledger = copy.getWorksheet("整改台账");
    const headers = (ledger?.getRow(4).values as unknown[]).map(String);
    expect(headers).toContain("预警状态");
    const again = await json(["evaluate", out, "--today", "2025-03-31"]);
    const original = await json(["evaluate", input, "--today", "2025-03-31"]);
    expect(again.items).toEqual(original.items);
    expect(again.summary).toEqual(original.summary);
  });
});

describe("sheets the user did not name", () => {
  const LEDGER_ROWS = [
    ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "整改状态"],
    [1, "制度不健全", "修订《采购管理办法》", "工程科", "张伟", "2025-03-10", "整改中"],
  ];

  it("skips hidden sheets unless --sheet names one, and tells when the summary went to another name", async () => {
    const wb = new ExcelJS.Workbook();
    const user = wb.addWorksheet("整改情况汇总"); // the user's own sheet of that name, not ours
    user.addRows(LEDGER_ROWS);
    const old = wb.addWorksheet("旧台账");
    old.state = "hidden";
    old.addRows([...LEDGER_ROWS, [2, "旧问题", "旧措施", "办公室", "李四", "2024-01-01", "整改中"]]);
    wb.addWorksheet("新台账").addRows(LEDGER_ROWS);
    const path = join(dir, "sheets.xlsx");
    await wb.xlsx.writeFile(path);

    expect((await json(["evaluate", path, "--today", "2025-03-31"])).ledger.sheet).toBe("新台账");
    const hidden = await json(["evaluate", path, "--today", "2025-03-31", "--sheet", "旧台账"]);
    expect(hidden.ledger.sheet).toBe("旧台账");
    expect(hidden.items).toHaveLength(2);

    const outcome = await cli(["evaluate", path, "--today", "2025-03-31", "--out", join(dir, "sheets-out.xlsx")]);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toBe(
      "已有名为“整改情况汇总”的工作表，汇总写入了“整改情况汇总 (2)” / " +
        'A sheet named "整改情况汇总" already exists; the summary went to "整改情况汇总 (2)"\n',
    );
  });
});

describe("the add-in's own sheets in a copy --out wrote (marked by defined names)", () => {
  it("refuses --sheet naming the summary or the 督办单 (exit 2, one line), and still finds the ledger unasked", async () => {
    const out = join(dir, "own-sheets.xlsx");
    const written = await cli(["evaluate", SAMPLE, "--today", "2025-03-31", "--out", out]);
    expect(written.code).toBe(0);
    for (const sheet of ["整改情况汇总", "督办单"]) {
      const outcome = await cli(["evaluate", out, "--today", "2025-03-31", "--sheet", sheet]);
      expect(outcome).toEqual({
        code: 2,
        stdout: "",
        stderr:
          `“${sheet}”是整改台账助手生成的工作表，不是台账。请切换到台账所在的工作表再评估。 / ` +
          `"${sheet}" is a sheet the ledger assistant wrote, not a ledger. Switch to the sheet that holds the ledger and evaluate again.\n`,
      });
    }
    const again = await json(["evaluate", out, "--today", "2025-03-31"]);
    expect(again.ledger.sheet).toBe("整改台账");
    expect(again.summary.items).toBe(34);
  });

  it("tells ours from a user's sheet of the same name by the mark, not the name", async () => {
    const wb = new ExcelJS.Workbook();
    const rows = [
      ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "整改状态"],
      [1, "制度不健全", "修订《采购管理办法》", "工程科", "张伟", "2025-03-10", "整改中"],
    ];
    wb.addWorksheet("整改情况汇总").addRows(rows); // the user's own sheet of that name: a ledger
    wb.addWorksheet("台账").addRows(rows);
    const path = join(dir, "user-summary.xlsx");
    await wb.xlsx.writeFile(path);
    const out = join(dir, "user-summary-out.xlsx");
    expect((await cli(["evaluate", path, "--today", "2025-03-31", "--out", out])).code).toBe(0);
    // Ours went to 整改情况汇总 (2): refused; the user's 整改情况汇总 is still theirs to evaluate.
    const ours = await cli(["evaluate", out, "--today", "2025-03-31", "--sheet", "整改情况汇总 (2)"]);
    expect(ours.code).toBe(2);
    expect(ours.stderr).toMatch(/^“整改情况汇总 \(2\)”是整改台账助手生成的工作表，不是台账。/);
    const theirs = await json(["evaluate", out, "--today", "2025-03-31", "--sheet", "整改情况汇总"]);
    expect(theirs.ledger.sheet).toBe("整改情况汇总");
    expect(theirs.items).toHaveLength(1);
  });
});

describe("the real process", () => {
  const execFileAsync = promisify(execFile);
  const tsx = join(ROOT, "node_modules/.bin/tsx");

  it("prints the JSON document and exits 0", async () => {
    const { stdout } = await execFileAsync(
      tsx,
      ["src/cli/main.ts", "evaluate", "samples/整改台账示例.xlsx", "--today", "2025-03-31"],
      {
        cwd: ROOT,
        maxBuffer: 1 << 24,
      },
    );
    const parsed = JSON.parse(stdout) as CliJson;
    expect(parsed.summary.items).toBe(34);
    expect(parsed.ledger.sheet).toBe("整改台账");
  });

  it("exits 2 with one line on stderr for a missing file", async () => {
    const failure = await execFileAsync(tsx, ["src/cli/main.ts", "evaluate", "missing.xlsx"], { cwd: ROOT }).then(
      () => null,
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stdout).toBe("");
    expect(failure?.stderr).toBe("找不到文件：missing.xlsx / File not found: missing.xlsx\n");
  });

  it("prints help and exits 0", async () => {
    const { stdout } = await execFileAsync(tsx, ["src/cli/main.ts", "--help"], { cwd: ROOT });
    expect(stdout).toMatch(/Usage: evaluate LEDGER\.xlsx/);
  });
});
