/**
 * Issue #5, part 3: hostile ledgers. Each case goes through all three doors — the engine's
 * `evaluate()`, the Excel host over the double, and the CLI on an .xlsx file exceljs wrote — and must
 * never throw: the user gets a result or a clear reason (a message in both languages; exit 2 with
 * one line for the CLI). Where a case gives a result, the three doors agree on the number of items,
 * the Excel host's clear restores the workbook, and the CLI's --out copy reads back; on the CLI's
 * file, the add-in's own path (`npm run host`) prints the same report or fails alike.
 *
 * Then fast-check: random cells (every kind the hosts can hand over) and random merges under a
 * ledger header, through `evaluate()` and through the Excel host.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { diffSnapshots, serialFromYmd, type SheetDescription } from "../../src/excel-double";
import type { EvaluateRequest } from "../../src/core/host";
import { evaluate } from "../../src/core/evaluate";
import { planMarks } from "../../src/core/plan/marks-from-result";
import { removeMarks } from "../../src/xlsx/write";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import type { CellValue } from "../../src/core/types";
import { columnLetter } from "../../src/core/grid";
import { gridFrom } from "../support/grid-builder";
import { arbitraryCellValue } from "../support/cell-arbitrary";
import { hostBackend } from "../../src/cli/host";
import { runCommand } from "../support/run-command";
import { cli, expectUserMessage, harness } from "../support/reliability";

jest.setTimeout(120_000);

const TODAY = "2025-03-31";
const SHEET = "台账";
const settings = DEFAULT_SETTINGS;
const DATE = "yyyy-mm-dd";
const HEADER = ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "整改状态", "完成时间"];
const serial = (y: number, m: number, d: number, date1904 = false) => serialFromYmd(y, m, d, date1904);
const item = (n: number, deadline: number | string = serial(2025, 3, 10)): (string | number | null)[] => [
  n,
  `问题${n}`,
  "修订《管理办法》",
  "工程部",
  "张三",
  deadline,
  "整改中",
  null,
];

/** A formula cell: its formula and the result Excel cached (what a reader sees). */
interface Formula {
  readonly formula: string;
  readonly result: number | string;
}
type HostileCell = CellValue | Formula;
const isFormula = (v: HostileCell): v is Formula => typeof v === "object" && v !== null && "formula" in v;

interface HostileCase {
  readonly label: string;
  readonly rows: readonly (readonly HostileCell[])[];
  readonly merges?: readonly string[];
  /** Number format per column (from the header row down), e.g. dates in F. */
  readonly dateColumns?: readonly number[];
  readonly date1904?: boolean;
  readonly hiddenRows?: readonly number[];
  readonly autoFilter?: string;
  /** Items expected, or the reason the sheet holds no ledger. */
  readonly expected: number | "no-header" | "no-items" | "empty-sheet";
}

const LONG_TEXT = "超长文本".repeat(8191) + "尾巴"; // 32,766 characters: Excel's cell limit is 32,767
const CONTROL = "控制\u0001字符\u0007\u001b\u000b结束";
const EMOJI = "🚧 工地👷‍♂️安全🇨🇳";

const cases: HostileCase[] = [
  {
    label: "every cell type in one ledger",
    rows: [
      HEADER,
      [1, "数值极大", "修订制度2项", "工程部", "张三", 1e308, "整改中", null],
      [2, "负的日期序列", "修订制度2项", "工程部", "张三", -5, "整改中", -1],
      [3, "NaN 一样的文本", "修订制度2项", "工程部", "张三", "NaN", "Infinity", "-Infinity"],
      [4, true, false, "工程部", "张三", true, false, true],
      [
        5,
        { error: "#N/A" },
        "修订制度2项",
        { error: "#REF!" },
        { error: "#VALUE!" },
        { error: "#N/A" },
        "整改中",
        null,
      ],
      [6, "", "", "", "", "", "", ""],
      [7, LONG_TEXT, LONG_TEXT, "工程部", LONG_TEXT, LONG_TEXT, LONG_TEXT, LONG_TEXT],
      [8, EMOJI, CONTROL, "工程部🏗", "张三\u0000", "2025年3月底🎯", "✓", null],
      [
        9,
        { formula: 'CONCAT("公式","问题")', result: "公式问题" },
        "修订制度",
        "工程部",
        "张三",
        { formula: "DATE(2025,3,10)", result: serial(2025, 3, 10) },
        "整改中",
        { formula: "1/0", result: "#DIV/0!" },
      ],
      [10, "日期序列边界", "修订制度", "工程部", "张三", 60, "整改中", 2_958_466],
    ],
    dateColumns: [6, 8],
    // Row 7 holds only its 序号: "all text in one cell" makes it a section row (SPEC §2), not an item.
    expected: 9,
  },
  {
    label: "merged areas of every shape",
    rows: [
      ["XX单位巡察整改台账"],
      HEADER,
      item(1),
      [2, "横向合并的描述", null, "工程部", "张三", serial(2025, 3, 10), "整改中", null],
      [3, "问题3", "修订办法", "办公室", "李四", serial(2025, 2, 1), "整改中", null],
      [4, "问题4", "修订办法", null, null, null, "整改中", null],
      [5, "问题5", "修订办法", null, "王五", serial(2025, 4, 30), null, null],
    ],
    merges: ["A1:H1", "B4:C4", "D5:D7", "E5:F6", "G6:H7", "A2:A3"],
    dateColumns: [6],
    expected: 5,
  },
  {
    label: "a merge over the whole ledger",
    rows: [HEADER, item(1), item(2)],
    merges: ["A1:H3"],
    expected: "no-header",
  },
  {
    label: "hidden and filtered rows (still items: the marks cover every row)",
    rows: [HEADER, item(1), item(2), item(3), item(4)],
    dateColumns: [6],
    hiddenRows: [3, 4],
    autoFilter: "A1:H5",
    expected: 4,
  },
  {
    label: "the 1904 date system",
    rows: [HEADER, item(1, serial(2025, 3, 10, true)), item(2, serial(2025, 2, 1, true))],
    dateColumns: [6],
    date1904: true,
    expected: 2,
  },
  { label: "a ledger of one row", rows: [HEADER, item(1)], dateColumns: [6], expected: 1 },
  {
    label: "a ledger of 300 columns",
    rows: [
      [...HEADER, ...Array.from({ length: 292 }, (_, i) => `附加列${i + 1}`)],
      ...[1, 2, 3].map((n) => [...item(n), ...Array.from({ length: 292 }, (_, i) => (i % 7 === 0 ? `值${i}` : null))]),
    ],
    dateColumns: [6],
    expected: 3,
  },
  { label: "a header only", rows: [["XX单位整改台账"], HEADER], expected: "no-items" },
  {
    label: "two ledgers on one sheet (the first is the ledger; the second's header is a header row, its rows items)",
    rows: [HEADER, item(1), item(2), [], ["第二张台账"], HEADER, item(1), item(2)],
    dateColumns: [6],
    expected: 4,
  },
  {
    label: "a sheet that is not a ledger",
    rows: [["2025年第一次整改推进会会议纪要"], ["时间", "地点", "参会人员"], ["3月5日", "三楼会议室", "张三、李四"]],
    expected: "no-header",
  },
  { label: "an empty sheet", rows: [], expected: "empty-sheet" },
];

// ───────────────────────────── Turning a case into what each door reads ─────────────────────────────

function numberFormats(c: HostileCase): (string | null)[][] {
  const headerRow = c.rows.findIndex((r) => r.includes("整改时限"));
  return c.rows.map((row, r) =>
    row.map((_, col) => (r > headerRow && headerRow >= 0 && c.dateColumns?.includes(col + 1) ? DATE : null)),
  );
}

/** The grid a host hands the engine: formulas as their cached results. */
function gridOf(c: HostileCase) {
  const values = c.rows.map((row) =>
    row.map((v): CellValue =>
      isFormula(v) ? (typeof v.result === "string" && v.result.startsWith("#") ? { error: v.result } : v.result) : v,
    ),
  );
  return gridFrom(values, {
    sheet: SHEET,
    merges: c.merges ?? [],
    numberFormats: numberFormats(c),
    date1904: c.date1904 ?? false,
  });
}

/** The double holds scalars: errors as their text (as Office.js returns them), formulas as formulas. */
function doubleSheet(c: HostileCase): SheetDescription {
  return {
    name: SHEET,
    rows: c.rows.map((row) =>
      row.map((v) => {
        if (isFormula(v)) return `=${v.formula}`;
        if (v === null || typeof v !== "object") return typeof v === "number" && !Number.isFinite(v) ? String(v) : v;
        return "error" in v ? v.error : v.runs.join("");
      }),
    ),
    numberFormats: numberFormats(c),
    merges: c.merges ?? [],
  };
}

async function writeXlsx(c: HostileCase, path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  if (c.date1904) workbook.properties.date1904 = true;
  const ws = workbook.addWorksheet(SHEET);
  const formats = numberFormats(c);
  c.rows.forEach((row, r) =>
    row.forEach((v, col) => {
      if (v === null) return;
      const cell = ws.getCell(r + 1, col + 1);
      if (isFormula(v)) {
        cell.value = {
          formula: v.formula,
          result: typeof v.result === "string" && v.result.startsWith("#") ? { error: v.result } : v.result,
        } as ExcelJS.CellFormulaValue;
      } else if (typeof v === "object") {
        cell.value = "error" in v ? ({ error: v.error } as ExcelJS.CellErrorValue) : v.runs.join("");
      } else cell.value = v;
      const format = formats[r]?.[col];
      if (format) cell.numFmt = format;
    }),
  );
  for (const m of c.merges ?? []) ws.mergeCells(m);
  for (const r of c.hiddenRows ?? []) ws.getRow(r).hidden = true;
  if (c.autoFilter) ws.autoFilter = c.autoFilter;
  await workbook.xlsx.writeFile(path);
}

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zgtz-hostile-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(cases.map((c) => [c.label, c] as const))("%s", (_label, c) => {
  it("evaluate(): a result or a reason, never an exception", () => {
    const outcome = evaluate({ ledger: gridOf(c), today: TODAY, settings });
    if (typeof c.expected === "number") {
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(outcome.result.items).toHaveLength(c.expected);
      for (const f of outcome.result.findings) expect(f.message.zh.length * f.message.en.length).toBeGreaterThan(0);
      // Excel refuses a cell over 32,767 characters: no opinion may be longer.
      for (const row of planMarks(outcome.result).rows) expect(row.opinion.length).toBeLessThanOrEqual(32_767);
    } else {
      expect(outcome).toMatchObject({ ok: false, failure: { reason: c.expected } });
      if (!outcome.ok) expect(outcome.message.zh.length * outcome.message.en.length).toBeGreaterThan(0);
    }
  });

  it("the Excel host: a result (then clear restores the workbook) or no-ledger with a message", async () => {
    const { host, double } = harness({ sheets: [doubleSheet(c)], date1904: c.date1904 ?? false });
    const before = double.snapshot();
    const request: EvaluateRequest = { source: { kind: "active" }, today: TODAY, settings };
    const outcome = await host.evaluate(request);
    if (typeof c.expected === "number") {
      if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message.en}`);
      expect(outcome.value.result.items).toHaveLength(c.expected);
      expect((await host.writeSummary(outcome.value, settings)).ok).toBe(true);
      expect((await host.clearMarks()).ok).toBe(true);
      expect(diffSnapshots(before, double.snapshot())).toEqual([]);
    } else {
      expect(outcome).toMatchObject({ ok: false, error: { code: "no-ledger" } });
      if (!outcome.ok) expectUserMessage(outcome.error);
      expect(diffSnapshots(before, double.snapshot())).toEqual([]);
    }
  });

  it("the CLI: exit 0 with the report (and an --out copy that reads back), or exit 2 with one line", async () => {
    const input = join(dir, `${cases.indexOf(c)}.xlsx`);
    const out = join(dir, `${cases.indexOf(c)}-评估.xlsx`);
    await writeXlsx(c, input);
    const hash = sha256(input);
    const outcome = await cli(["evaluate", input, "--today", TODAY, "--out", out]);
    expect(sha256(input)).toBe(hash);
    // The add-in's path on the same file (`npm run host`) prints the same report, or fails alike.
    const report = ["evaluate", input, "--today", TODAY];
    expect(await runCommand(report, hostBackend())).toEqual(await runCommand(report));
    if (typeof c.expected === "number") {
      expect({ code: outcome.code, stderr: outcome.stderr }).toEqual({ code: 0, stderr: "" });
      expect(JSON.parse(outcome.stdout).items).toHaveLength(c.expected);
      const again = await cli(["evaluate", out, "--today", TODAY]);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout).items).toHaveLength(c.expected);
    } else {
      expect(outcome.code).toBe(2);
      expect(outcome.stdout).toBe("");
      expect(outcome.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(outcome.stderr).toMatch(/^[^\n]*[\u4e00-\u9fff][^\n]* \/ [A-Z][^\n]*\n$/);
    }
  });
});

describe("selection inside an Excel table (the Excel host)", () => {
  const rows = [
    ["说明：下表为台账"],
    [],
    [null, ...HEADER],
    [null, ...item(1)],
    [null, ...item(2)],
    [],
    ["表外的文字"],
  ];
  it("reads the table, not the sheet, and marks right of it", async () => {
    const { host, double } = harness({
      sheets: [{ name: SHEET, rows, tables: [{ name: "台账表", address: "B3:I5" }] }],
      selection: `${SHEET}!D4`,
    });
    const before = double.snapshot();
    const outcome = await host.evaluate({ source: { kind: "selection" }, today: TODAY, settings });
    if (!outcome.ok) throw new Error(outcome.error.message.en);
    expect(outcome.value.result.items.map((i) => i.row)).toEqual([4, 5]);
    expect(double.snapshot().sheets[0]?.cells.J3?.value).toBe("预警状态");
    expect((await host.clearMarks()).ok).toBe(true);
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });

  it("a single selected cell outside any table reads the used range; a selected non-ledger block says why", async () => {
    const { host } = harness({ sheets: [{ name: SHEET, rows }], selection: `${SHEET}!A7` });
    expect((await host.evaluate({ source: { kind: "selection" }, today: TODAY, settings })).ok).toBe(true);
    const block = harness({ sheets: [{ name: SHEET, rows }], selection: `${SHEET}!A6:B7` });
    const outcome = await block.host.evaluate({ source: { kind: "selection" }, today: TODAY, settings });
    expect(outcome).toMatchObject({ ok: false, error: { code: "no-ledger" } });
    if (!outcome.ok) expectUserMessage(outcome.error);
  });
});

describe("a cell right of the ledger holding only a (full-width) space", () => {
  const rows = [HEADER, [...item(1), "\u3000"], [...item(2), " "]];
  it("the Excel host refuses to write over it (clear would have emptied it): the user's cell is kept", async () => {
    const { host, double } = harness({ sheets: [{ name: SHEET, rows }] });
    const before = double.snapshot();
    const outcome = await host.evaluate({ source: { kind: "active" }, today: TODAY, settings });
    expect(outcome).toMatchObject({ ok: false, error: { message: { zh: expect.stringContaining("I2:I3 已有内容") } } });
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });

  it("the CLI refuses the --out copy with one line (exit 2), as the add-in does, after the report; the input is untouched", async () => {
    const input = join(dir, "space.xlsx");
    const out = join(dir, "space-评估.xlsx");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet(SHEET).addRows(rows.map((r) => r.map((v) => (typeof v === "object" ? null : v))));
    await workbook.xlsx.writeFile(input);
    const hash = sha256(input);
    const outcome = await cli(["evaluate", input, "--today", TODAY, "--out", out]);
    expect(outcome).toEqual({
      code: 2,
      stdout: expect.stringContaining('"ledger"'),
      stderr: expect.stringMatching(
        /^未写入 .*：工作表“台账”台账右侧的 I2 已有内容.* \/ .* was not written: Cell I2 right of the ledger[^\n]*\n$/,
      ),
    });
    // The evaluation itself succeeded: its report is printed whole.
    expect(JSON.parse(outcome.stdout).items).toHaveLength(2);
    expect(existsSync(out)).toBe(false);
    expect(sha256(input)).toBe(hash);
    // Without --out nothing is written, so the report is given.
    expect((await cli(["evaluate", input, "--today", TODAY])).code).toBe(0);
  });
});

/**
 * Issue #5 report: a user's value in an owned column BELOW the last item (e.g. a 审核人 line under the
 * table in the column right of the ledger) was left alone by the first evaluation, blanked by the second
 * and emptied by 清除标记, on both hosts. The mark names now record exactly the rows written (header
 * through the last item: src/core/plan/written-rows.ts) and only those are ever emptied.
 */
describe("a user's value under the ledger in the column where the owned columns go", () => {
  const rows = [
    HEADER,
    item(1),
    item(2),
    [],
    ["填表人：张三", null, null, null, null, null, null, null, "审核人：李四"],
  ];

  test("the Excel host: evaluate, evaluate again, clear → the user's cell is still there", async () => {
    const { host, double } = harness({ sheets: [{ name: SHEET, rows }] });
    const before = double.snapshot();
    const request: EvaluateRequest = { source: { kind: "active" }, today: TODAY, settings };
    expect((await host.evaluate(request)).ok).toBe(true);
    expect(double.snapshot().sheets[0]?.cells.I5?.value).toBe("审核人：李四");
    expect((await host.evaluate(request)).ok).toBe(true);
    expect(double.snapshot().sheets[0]?.cells.I5?.value).toBe("审核人：李四");
    expect((await host.clearMarks()).ok).toBe(true);
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });

  test("the .xlsx writer: copy, copy of the copy, removeMarks → the user's cell is still there", async () => {
    const [input, first, second, cleared] = ["u.xlsx", "u1.xlsx", "u2.xlsx", "u3.xlsx"].map((f) => join(dir, f)) as [
      string,
      string,
      string,
      string,
    ];
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet(SHEET).addRows(rows.map((r) => r.map((v) => (typeof v === "object" ? null : v))));
    await workbook.xlsx.writeFile(input);
    for (const [from, to] of [
      [input, first],
      [first, second],
    ] as const) {
      expect((await cli(["evaluate", from, "--today", TODAY, "--out", to])).code).toBe(0);
    }
    await removeMarks(second, cleared);
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(second);
    expect(copy.getWorksheet(SHEET)?.getCell("I5").value).toBe("审核人：李四");
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(cleared);
    expect(back.getWorksheet(SHEET)?.getCell("I5").value).toBe("审核人：李四");
  });
});

// ───────────────────────────── Property tests ─────────────────────────────

const mergeArb = (rows: number, cols: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: rows }), fc.integer({ min: 1, max: cols }), fc.nat(3), fc.nat(3))
    .map(([top, left, h, w]) => ({ top, left, bottom: Math.min(rows, top + h), right: Math.min(cols, left + w) }));

/**
 * Random ledgers. `width` 8 keeps every cell under the header; 10 also puts cells right of it, where
 * the owned columns go (evaluate() only: the hosts' handling of those cells has its own cases above).
 */
const ledgerArb = (width: number) =>
  fc
    .record({
      body: fc.array(fc.array(arbitraryCellValue, { minLength: 0, maxLength: width }), { maxLength: 12 }),
      merges: fc.array(mergeArb(14, 10), { maxLength: 4 }),
      title: fc.boolean(),
      date1904: fc.boolean(),
    })
    .map(({ body, merges, title, date1904 }) => {
      const rows: CellValue[][] = [...(title ? [["整改台账"]] : []), HEADER, ...body];
      // Merges may not overlap (Excel refuses it): keep the first of any overlapping pair.
      const kept: typeof merges = [];
      for (const m of merges)
        if (!kept.some((k) => k.left <= m.right && m.left <= k.right && k.top <= m.bottom && m.top <= k.bottom))
          kept.push(m);
      return { rows, merges: kept.filter((m) => m.bottom > m.top || m.right > m.left), date1904 };
    });

describe("property: random cells and merges under a ledger header", () => {
  it("evaluate() never throws, and every finding points into the sheet", () => {
    fc.assert(
      fc.property(ledgerArb(10), ({ rows, merges, date1904 }) => {
        const outcome = evaluate({
          ledger: gridFrom(rows, { sheet: SHEET, merges, date1904 }),
          today: TODAY,
          settings,
        });
        if (!outcome.ok) return outcome.message.zh.length > 0 && outcome.message.en.length > 0;
        for (const f of outcome.result.findings) if (f.row !== null && f.row < 1) return false;
        return planMarks(outcome.result).rows.every((r) => r.opinion.length <= 32_767);
      }),
      { numRuns: 400 },
    );
  });

  it("the Excel host never throws: a result that clear takes back, or a message", async () => {
    const scalar = (v: CellValue): string | number | boolean | null => {
      if (v === null || typeof v === "boolean") return v;
      if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
      if (typeof v === "string") return /^[=']/.test(v) ? `'${v}` : v;
      return "error" in v ? v.error : v.runs.join("");
    };
    await fc.assert(
      fc.asyncProperty(ledgerArb(HEADER.length), async ({ rows, merges, date1904 }) => {
        const { host, double } = harness({
          sheets: [
            {
              name: SHEET,
              rows: rows.map((r) => r.map(scalar)),
              merges: merges.map((m) => `${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom}`),
            },
          ],
          date1904,
        });
        const before = double.snapshot();
        const outcome = await host.evaluate({ source: { kind: "active" }, today: TODAY, settings });
        if (!outcome.ok) {
          // No ledger, or text right of the ledger where the owned columns would go (refused, SPEC §8).
          const occupied = outcome.error.message.zh.includes("已有内容，预警状态和评估意见列不能写在那里");
          expect({ code: outcome.error.code, occupied }).toEqual(
            occupied ? { code: "unknown", occupied } : { code: "no-ledger", occupied },
          );
          expectUserMessage(outcome.error);
        } else {
          expect((await host.writeSummary(outcome.value, settings)).ok).toBe(true);
          expect((await host.clearMarks()).ok).toBe(true);
        }
        expect(diffSnapshots(before, double.snapshot())).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
