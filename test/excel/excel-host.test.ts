/**
 * The Excel adapter against the strict double: what it reads, exactly what it writes (snapshot
 * diffs), all-or-nothing under injected failures, and a constant number of syncs.
 */
import {
  diffSnapshots,
  PAYLOAD_LIMIT_BYTES,
  serialFromYmd,
  type SheetDescription,
  type WorkbookSnapshot,
} from "../../src/excel-double";
import { MAX_SYNCS_PER_EVALUATION } from "../../src/excel/excel-host";
import { MAX_SYNCS_PER_LEDGER_SEARCH } from "../../src/excel/find-ledger-sheet";
import type { EvaluateRequest, LedgerHost } from "../../src/core/host";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { MARK_NAMES } from "../../src/core/plan/marks-plan";
import {
  bigLedgerSheet,
  harness,
  HEADER,
  LEDGER_SHEET,
  ledgerSheet,
  realisticLedger,
  sheetOfGrid,
  TODAY,
} from "../support/excel-harness";
import { BENCH_TODAY } from "../support/ledger-generator";
import { evaluate } from "../../src/core/evaluate";
import type { EvaluationResult, Grid } from "../../src/core/types";

const active: EvaluateRequest = { source: { kind: "active" }, today: TODAY, settings: DEFAULT_SETTINGS };

async function evaluateOk(host: LedgerHost, request: EvaluateRequest = active) {
  const outcome = await host.evaluate(request);
  if (!outcome.ok) throw new Error(`evaluate failed: ${outcome.error.code} ${outcome.error.message.en}`);
  return outcome.value;
}

/** The adapter's result is the engine's on the whole grid (number formats read only where needed). */
function expectSameAsEngine(result: EvaluationResult, grid: Grid): void {
  const direct = evaluate({ ledger: grid, today: BENCH_TODAY, settings: DEFAULT_SETTINGS });
  if (!direct.ok) throw new Error("the grid has no layout");
  expect(result.layout).toEqual(direct.result.layout);
  expect(result.items.map((i) => [i.row, i.light, i.deadline.date])).toEqual(
    direct.result.items.map((i) => [i.row, i.light, i.deadline.date]),
  );
  expect(result.summary).toEqual(direct.result.summary);
  expect(result.findings).toEqual(direct.result.findings);
}

const basic = () => harness({ sheets: [ledgerSheet(), { name: "Other", rows: [["x"]] }] });

describe("reading the ledger", () => {
  it("reads values, merged cells and dates told apart by their number format", async () => {
    const { host } = basic();
    const { result, sheet } = await evaluateOk(host);
    expect(sheet).toBe(LEDGER_SHEET);
    expect(result.layout.headerRow).toBe(2);
    expect(result.items.map((i) => [i.row, i.light])).toEqual([
      [3, "yellow"],
      [4, "red"],
      [5, "green"],
      [6, "closed"],
    ]);
    // D3:D4 is merged: row 4's unit comes from the merge's top-left cell.
    expect(result.items[1]?.cells.unit?.text).toBe("工程部");
    expect(result.items[0]?.deadline.date).toBe("2025-03-10");
    expect(result.items[0]?.overdueDays).toBe(21);
  });

  it("reads serials in the 1904 date system when the workbook uses it", async () => {
    const { host } = harness({ sheets: [ledgerSheet({ date1904: true })], date1904: true });
    const { result } = await evaluateOk(host);
    expect(result.items.map((i) => i.deadline.date)).toEqual(["2025-03-10", "2025-02-10", "2025-04-30", "2025-01-31"]);
  });

  it("without ExcelApi 1.13 merges are unknown: a vertically merged value reaches only its top row", async () => {
    const { host } = harness({ sheets: [ledgerSheet()] }, "1.12");
    const { result } = await evaluateOk(host);
    expect(result.items[1]?.cells.unit?.text).toBe("");
  });

  it("reads the Excel table the selection is in", async () => {
    const rows = [["备注：本页另有说明"], [], ...[HEADER, ...ledgerRows()].map((r) => [null, ...r])];
    const { host } = harness({
      sheets: [{ name: "台账", rows, tables: [{ name: "Ledger", address: "B3:J7" }] }],
      selection: "台账!C5",
    });
    const { result } = await evaluateOk(host, { ...active, source: { kind: "selection" } });
    expect(result.layout.firstCol).toBe(2);
    expect(result.layout.headerRow).toBe(3);
    expect(result.items).toHaveLength(4);
  });

  it("reads a named sheet, and says so when it does not exist", async () => {
    const { host } = harness({ sheets: [{ name: "封面", rows: [["封面"]] }, ledgerSheet()] });
    const { sheet } = await evaluateOk(host, { ...active, source: { kind: "sheet", name: LEDGER_SHEET } });
    expect(sheet).toBe(LEDGER_SHEET);
    const missing = await host.evaluate({ ...active, source: { kind: "sheet", name: "没有" } });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: "no-ledger", message: { zh: expect.stringContaining("没有") } },
    });
  });

  it("finds the sheet that holds a ledger, other than the one named, in two syncs and without writing", async () => {
    const { host, double } = harness({
      sheets: [{ name: "封面", rows: [["XX公司巡察整改"], ["2025年3月"]] }, { name: "空白", rows: [] }, ledgerSheet()],
    });
    const before = double.snapshot();
    const syncsBefore = double.syncCount;
    expect(await host.findLedgerSheet("封面")).toEqual({ ok: true, value: LEDGER_SHEET });
    expect(double.syncCount - syncsBefore).toBeLessThanOrEqual(MAX_SYNCS_PER_LEDGER_SEARCH);
    expect(await host.findLedgerSheet(LEDGER_SHEET)).toEqual({ ok: true, value: null });
    expect(double.snapshot()).toEqual(before);
  });

  it("a sheet without a ledger gives no-ledger with the first rows to pick a header by hand", async () => {
    const { host, double } = harness({ sheets: [{ name: "杂项", rows: [["会议纪要"], ["时间", "地点"]] }] });
    const before = double.snapshot();
    const outcome = await host.evaluate(active);
    expect(outcome).toMatchObject({ ok: false, error: { code: "no-ledger", failure: { reason: "no-header" } } });
    if (!outcome.ok) expect(outcome.error.preview?.rows[1]).toEqual({ row: 2, texts: ["时间", "地点"] });
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });
});

function ledgerRows(): NonNullable<SheetDescription["rows"]> {
  return (ledgerSheet().rows ?? []).slice(2);
}

describe("writing the marks", () => {
  it("writes only the owned columns, one rule per colour and the mark names", async () => {
    const { host, double } = basic();
    const before = double.snapshot();
    await evaluateOk(host);
    const after = double.snapshot();
    const changed = diffSnapshots(before, after);
    const ownedCells = ["J2", "K2", "J3", "J4", "J5", "J6", "K3", "K4", "K5", "K6"].filter(
      (a) => after.sheets[0]?.cells[a],
    );
    expect(changed.sort()).toEqual(
      [
        ...ownedCells.map((a) => `sheets[${LEDGER_SHEET}].cells.${a}`),
        `sheets[${LEDGER_SHEET}].conditionalFormats`,
        "names",
      ].sort(),
    );
    const sheet = after.sheets[0];
    expect(sheet?.cells.J2).toEqual({ value: "预警状态" });
    expect(sheet?.cells.K2).toEqual({ value: "评估意见" });
    expect([3, 4, 5, 6].map((r) => sheet?.cells[`J${r}`]?.value)).toEqual(["黄灯", "红灯", "绿灯", "已销号"]);
    expect(sheet?.conditionalFormats).toEqual([
      { address: "A3:I6", formula: '=$J3="红灯"', fill: "#FFC7CE", fontColor: null },
      { address: "A3:I6", formula: '=$J3="黄灯"', fill: "#FFEB9C", fontColor: null },
      { address: "A3:I6", formula: '=$J3="绿灯"', fill: "#C6EFCE", fontColor: null },
      { address: "A3:I6", formula: '=$J3="已销号"', fill: "#D9D9D9", fontColor: null },
    ]);
    // The mark names record exactly the cells written: header through the last item.
    expect(after.names).toEqual([
      { name: MARK_NAMES.opinionColumn, sheet: LEDGER_SHEET, address: "K2:K6", comment: "" },
      { name: MARK_NAMES.statusColumn, sheet: LEDGER_SHEET, address: "J2:J6", comment: "" },
    ]);
  });

  it("evaluating twice adds nothing the second time", async () => {
    const { host, double } = basic();
    await evaluateOk(host);
    const once = double.snapshot();
    await evaluateOk(host);
    expect(diffSnapshots(once, double.snapshot())).toEqual([]);
  });

  it("replaces, not adds, when the ledger shrank between runs", async () => {
    const { host, double } = basic();
    await evaluateOk(host);
    double.model.sheets[0]?.cells.forEach((cell, key) => {
      if (key.startsWith("6:") && !key.endsWith(":10") && !key.endsWith(":11")) cell.value = null;
    });
    await evaluateOk(host);
    const sheet = double.snapshot().sheets[0];
    expect(sheet?.cells.J6).toBeUndefined();
    expect(sheet?.conditionalFormats.map((cf) => cf.address)).toEqual(["A3:I5", "A3:I5", "A3:I5", "A3:I5"]);
  });

  it("evaluate then clear leaves the workbook exactly as before", async () => {
    const { host, double } = harness({
      sheets: [
        { ...ledgerSheet(), fills: { "B3:C4": "#FFFF00" }, columnWidths: { 2: 120 } },
        { name: "Other", rows: [["x"]] },
      ],
    });
    const before = double.snapshot();
    await evaluateOk(host);
    expect(await host.clearMarks()).toEqual({
      ok: true,
      value: {
        ledgerSheets: ["整改台账"],
        summarySheet: null,
        supervisionSheet: null,
        combinedSheets: [],
        history: null,
      },
    });
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });

  it("evaluate, write the summary, then clear with the history leaves the workbook exactly as before", async () => {
    const { host, double } = basic();
    const before = double.snapshot();
    const evaluation = await evaluateOk(host);
    expect((await host.writeSummary(evaluation, DEFAULT_SETTINGS)).ok).toBe(true);
    expect(await host.clearMarks({ history: true })).toEqual({
      ok: true,
      value: {
        ledgerSheets: ["整改台账"],
        summarySheet: "整改情况汇总",
        supervisionSheet: null,
        combinedSheets: [],
        history: { sheet: "评估记录", removed: true },
      },
    });
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
    // A second clear finds nothing to remove, and says so.
    expect(await host.clearMarks({ history: true })).toEqual({
      ok: true,
      value: { ledgerSheets: [], summarySheet: null, supervisionSheet: null, combinedSheets: [], history: null },
    });
  });

  it("refuses to write over user cells right of the ledger", async () => {
    const sheet = ledgerSheet();
    const rows = (sheet.rows ?? []).map((r, i) => (i === 3 ? [...r, null, "用户的备注"] : r));
    const { host, double } = harness({ sheets: [{ ...sheet, rows }] });
    const before = double.snapshot();
    const outcome = await host.evaluate(active);
    expect(outcome).toMatchObject({ ok: false, error: { message: { zh: expect.stringContaining("已有内容") } } });
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });
});

describe("syncs and payloads", () => {
  it.each([100, 1000, 20000])(
    "evaluates %i rows in exactly MAX_SYNCS_PER_EVALUATION syncs, every payload under 5 MB",
    async (rows) => {
      const { host, double } = harness({ sheets: [bigLedgerSheet(rows)] });
      const { result } = await evaluateOk(host);
      expect(result.items).toHaveLength(rows);
      expect(double.syncCount).toBe(MAX_SYNCS_PER_EVALUATION);
      expect(MAX_SYNCS_PER_EVALUATION).toBe(3);
      for (const sync of double.runtime.syncs) {
        expect(sync.requestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
        expect(sync.responseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      }
    },
  );

  it("evaluates a realistic 20,000-row ledger (test/support/ledger-generator.ts) in exactly 3 syncs, each payload under 5 MB, as the engine does on the whole grid", async () => {
    const { sheet, grid } = realisticLedger(20_000);
    const { host, double } = harness({ sheets: [sheet] });
    const { result } = await evaluateOk(host, { ...active, today: BENCH_TODAY });
    expect(double.syncCount).toBe(3);
    for (const sync of double.runtime.syncs) {
      expect(sync.requestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      expect(sync.responseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    }
    // Number formats were read only for the date columns: the result is the engine's on the full grid.
    const direct = evaluate({ ledger: grid, today: BENCH_TODAY, settings: DEFAULT_SETTINGS });
    if (!direct.ok) throw new Error("the generated ledger has no layout");
    expect(result.items.map((i) => [i.row, i.light, i.deadline.date])).toEqual(
      direct.result.items.map((i) => [i.row, i.light, i.deadline.date]),
    );
    expect(result.summary).toEqual(direct.result.summary);
    expect(result.findings).toHaveLength(direct.result.findings.length);
  });

  it("takes one more sync per further block: 50,000 realistic rows in MAX_SYNCS_PER_EVALUATION + 5 (3 more read blocks, 2 more write requests)", async () => {
    const { host, double } = harness({ sheets: [realisticLedger(50_000).sheet] });
    const { result } = await evaluateOk(host, { ...active, today: BENCH_TODAY });
    expect(result.items).toHaveLength(50_000);
    // The probe prefetches rows 1…8,192; the other 41,816 rows' values (about 255 bytes a row) and the
    // formats of 4 columns for all 50,008 rows are about 12.5 MB, estimated with the 25% margin at 15.1 MB:
    // 4 read blocks of at most 4.75 MB. The write (预警状态 and 评估意见, 8.6 MB) takes 3 requests of at most 4 MB.
    expect(double.syncCount).toBe(MAX_SYNCS_PER_EVALUATION + 5);
    const syncs = double.runtime.syncs;
    // A read request asks for its values, formats and the merged areas of its rows in tiles of 512 cells
    // (one tile per ~34 rows of 15 columns): small requests.
    expect(syncs.slice(1, 5).every((s) => s.responseBytes > 1024 * 1024 && s.requestBytes < 64 * 1024)).toBe(true);
    expect(syncs.slice(5).every((s) => s.responseBytes === 0 && s.requestBytes > 512 * 1024)).toBe(true);
    for (const sync of syncs) {
      expect(sync.failed).toBeNull();
      expect(sync.requestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      expect(sync.responseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    }
  });

  it("keeps the probe under 5 MB on a sheet 300 columns wide: header sample of columns A…BL, prefetch of A…P, the read the rest", async () => {
    // The realistic ledger moved right of 10 filler columns and followed by 275 more: its columns are K…Y,
    // so the prefetch (A…P) holds part of each row and the read the rest, date columns (R, S, U) included.
    const base = realisticLedger(500).grid;
    const note = "备用字段的补充说明文字".repeat(3);
    const filler = (n: number, row: number) => Array.from({ length: n }, (_, i) => `${note}${row % 7}${i % 10}`);
    const shift = 10;
    const grid = {
      ...base,
      values: base.values.map((row, r) => [...filler(shift, r), ...row, ...filler(275, r)]),
      numberFormats: base.numberFormats?.map((row) => [...new Array<null>(shift).fill(null), ...row]),
      merges: base.merges.map((m) => ({ ...m, left: m.left + shift, right: m.right + shift })),
    };
    expect(grid.values[0]).toHaveLength(300);
    const { host, double } = harness({ sheets: [sheetOfGrid(grid)] });
    const { result } = await evaluateOk(host, { ...active, today: BENCH_TODAY });
    const syncs = double.runtime.syncs;
    for (const sync of syncs) {
      expect(sync.failed).toBeNull();
      expect(sync.responseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    }
    // All 300 columns of the prefetched rows would be about 15 MB; the header sample's 64 (values and
    // formats) and the prefetch's 16 are well under 5 MB.
    const probe = syncs[0]?.responseBytes ?? 0;
    expect(probe).toBeGreaterThan(500 * (10 * 100 + 6 * 10));
    expect(probe).toBeLessThan(2 * 1024 * 1024);
    expectSameAsEngine(result, grid);
  });

  it("probes again without the prefetch when Excel finds its first rows too long for one response", async () => {
    // 问题描述 of 700 Chinese characters: 2,100 bytes a row, 3,000 rows = 6.3 MB in the prefetch alone.
    const base = realisticLedger(3000).grid;
    const long = "巡察反馈问题整改落实情况说明".repeat(50);
    const grid = {
      ...base,
      values: base.values.map((row, r) => (r < 3 ? row : row.map((v, c) => (c === 2 ? long : v)))),
    };
    const { host, double } = harness({ sheets: [sheetOfGrid(grid)] });
    const { result } = await evaluateOk(host, { ...active, today: BENCH_TODAY });
    const syncs = double.runtime.syncs;
    expect(syncs[0]?.failed).toBe("ResponsePayloadSizeLimitExceeded");
    expect(syncs.slice(1).every((s) => s.failed === null && s.responseBytes < PAYLOAD_LIMIT_BYTES)).toBe(true);
    // The second probe carries the header sample (60 long rows) and the merges, not the prefetch.
    expect(syncs[1]?.responseBytes).toBeLessThan(512 * 1024);
    expectSameAsEngine(result, grid);
  });

  it("reads the formats of a date column the header sample did not show in one more sync (a selected ledger lower down)", async () => {
    const top = ledgerSheet();
    const lower = [
      ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改状态", "佐证材料", "备注", "验收人", "整改时限"],
      [1, "问题甲", "措施甲", "办公室", "张三", "整改中", null, null, null, serialFromYmd(1949, 12, 31, false)],
      [2, "问题乙", "措施乙", "办公室", "李四", "整改中", null, null, null, "2025年6月底"],
    ];
    const rows = [...(top.rows ?? []), ...Array.from({ length: 63 }, () => [] as null[]), ...lower];
    const formats = [...(top.numberFormats ?? [])];
    formats[70] = [null, null, null, null, null, null, null, null, null, "yyyy-mm-dd"];
    const { host, double } = harness({
      sheets: [{ ...top, rows, numberFormats: formats }],
      selection: `${LEDGER_SHEET}!A70:J72`,
    });
    const { result } = await evaluateOk(host, { ...active, source: { kind: "selection" } });
    expect(result.layout.headerRow).toBe(70);
    // 1949 is a date only under its date format (an unformatted serial must fall in 1950…2099).
    expect(result.items.map((i) => [i.row, i.deadline.date])).toEqual([
      [71, "1949-12-31"],
      [72, "2025-06-30"],
    ]);
    expect(double.syncCount).toBe(MAX_SYNCS_PER_EVALUATION + 1);
  });

  it("evaluates a ledger without any date column in MAX_SYNCS_PER_EVALUATION syncs: the prefetch holds every value, the read loads nothing", async () => {
    // Its read planned a cost of 0 and never returned (src/excel/read-plan.ts `planReadBlocks`).
    const rows = [
      ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改状态"],
      [1, "问题甲", "措施甲", "办公室", "张三", "整改中"],
      [2, "问题乙", "措施乙", "工程部", "李四", "已完成"],
    ];
    const { host, double } = harness({ sheets: [{ name: LEDGER_SHEET, rows }] });
    const before = double.snapshot();
    const { result } = await evaluateOk(host);
    expect(result.items.map((i) => i.row)).toEqual([2, 3]);
    expect(result.layout.columns.deadline).toBeUndefined();
    expect(double.syncCount).toBe(MAX_SYNCS_PER_EVALUATION);
    expect((await host.clearMarks()).ok).toBe(true);
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });

  it("reads a ledger too large for one response in blocks, never failing the user", async () => {
    const long = "整改措施的具体内容".repeat(40);
    const sheet = bigLedgerSheet(6000);
    const rows = (sheet.rows ?? []).map((r, i) => (i === 0 ? r : [...r.slice(0, 2), long, ...r.slice(3)]));
    const { host, double } = harness({ sheets: [{ ...sheet, rows }] });
    const { result } = await evaluateOk(host);
    expect(result.items).toHaveLength(6000);
    const ok = double.runtime.syncs.filter((s) => s.failed === null);
    for (const sync of ok) expect(sync.responseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });
});

describe("refusals leave the workbook unchanged", () => {
  const cases: [string, () => ReturnType<typeof harness>, string][] = [
    ["a protected sheet", () => harness({ sheets: [{ ...ledgerSheet(), protected: true }] }), "protected"],
    [
      "cell-edit mode",
      () => {
        const h = basic();
        h.double.runtime.cellEditMode = true;
        return h;
      },
      "cell-edit",
    ],
    ["a host below ExcelApi 1.4", () => harness({ sheets: [ledgerSheet()] }, "1.3"), "api-missing"],
    ["a read-only workbook", () => harness({ sheets: [ledgerSheet()], readOnly: true }), "read-only"],
    ["an empty sheet", () => harness({ sheets: [{ name: "空" }] }), "no-ledger"],
  ];
  it.each(cases)("%s", async (_label, make, code) => {
    const { host, double } = make();
    const before = double.snapshot();
    const outcome = await host.evaluate(active);
    expect(outcome).toMatchObject({ ok: false, error: { code } });
    if (!outcome.ok) {
      expect(outcome.error.message.zh).not.toEqual("");
      expect(outcome.error.message.en).not.toEqual("");
    }
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });

  it("each refusal has its own message", async () => {
    const messages = new Set<string>();
    for (const [, make] of cases) {
      const outcome = await make().host.evaluate(active);
      if (!outcome.ok) messages.add(outcome.error.message.zh);
    }
    expect(messages.size).toBe(cases.length);
  });
});

/**
 * SPEC §8: the add-in owns the owned columns' cells it wrote "and nothing else". A user's note typed in
 * those columns above the header or under the ledger — even one worded like an opinion — survives
 * evaluating, evaluating again and 清除标记; a ledger that shrinks or grows leaves no stale marks.
 */
describe("the user's cells in the owned columns outside the rows written", () => {
  const USER_CELLS: Record<string, string> = {
    J1: "填报日期：2025年3月31日",
    K1: "备注",
    J9: "审核人：李四",
    K10: "【提醒】用户自己写的，不是评估意见",
  };
  const at = (address: string): [number, number] => {
    const match = /^([A-Z])(\d+)$/.exec(address);
    return [Number(match?.[2]) - 1, (match?.[1] ?? "A").charCodeAt(0) - 65];
  };
  /** The basic ledger with the user's notes, plus `extraRows` under its items. */
  const userSheet = (extraRows: (string | number | null)[][] = []): SheetDescription => {
    const base = ledgerSheet();
    const rows = (base.rows ?? []).map((r) => [...r]);
    rows.push(...extraRows);
    for (const [address, value] of Object.entries(USER_CELLS)) {
      const [r, c] = at(address);
      while (rows.length <= r) rows.push([]);
      const row = rows[r] ?? [];
      while (row.length < c) row.push(null);
      row[c] = value;
      rows[r] = row;
    }
    return { ...base, rows };
  };
  const userCellsOf = (snapshot: WorkbookSnapshot) =>
    Object.fromEntries(Object.keys(USER_CELLS).map((a) => [a, snapshot.sheets[0]?.cells[a]?.value]));
  const setup = (sheet: SheetDescription) => harness({ sheets: [sheet, { name: "Other", rows: [["x"]] }] });
  /** Empties the ledger's cells of `row` in the double (the user deleted that item's text). */
  const emptyRow = (double: ReturnType<typeof harness>["double"], row: number) =>
    double.model.sheets[0]?.cells.forEach((cell, key) => {
      const [r, c] = key.split(":").map(Number);
      if (r === row && (c ?? 0) <= 9) cell.value = null;
    });

  it("survive evaluate → evaluate → clear, which restores the workbook exactly", async () => {
    const { host, double } = setup(userSheet());
    const before = double.snapshot();
    await evaluateOk(host);
    const once = double.snapshot();
    expect(userCellsOf(once)).toEqual(USER_CELLS);
    expect(once.names.map((n) => n.address).sort()).toEqual(["J2:J6", "K2:K6"]);
    await evaluateOk(host);
    expect(diffSnapshots(once, double.snapshot())).toEqual([]);
    expect((await host.clearMarks()).ok).toBe(true);
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });

  it("a ledger that shrank: the rows it left are emptied, and the sheet is what evaluating it fresh gives", async () => {
    const { host, double } = setup(userSheet());
    await evaluateOk(host);
    emptyRow(double, 6);
    const syncs = double.syncCount;
    await evaluateOk(host);
    expect(double.syncCount - syncs).toBe(MAX_SYNCS_PER_EVALUATION);
    const again = double.snapshot();
    expect([again.sheets[0]?.cells.J6, again.sheets[0]?.cells.K6]).toEqual([undefined, undefined]);
    expect(again.names.map((n) => n.address).sort()).toEqual(["J2:J5", "K2:K5"]);
    expect(userCellsOf(again)).toEqual(USER_CELLS);

    const fresh = setup(userSheet());
    emptyRow(fresh.double, 6);
    const shrunkBefore = fresh.double.snapshot();
    await evaluateOk(fresh.host);
    expect(diffSnapshots(fresh.double.snapshot(), again)).toEqual([]);
    expect((await host.clearMarks()).ok).toBe(true);
    expect(diffSnapshots(shrunkBefore, double.snapshot())).toEqual([]);
  });

  it("a ledger that grew: the new row is marked, the user's cell under it is not touched", async () => {
    const newItem = [5, "新增问题", "修订制度", "工程部", "孙八", "2025年6月底", "整改中"];
    const { host, double } = setup(userSheet());
    await evaluateOk(host);
    newItem.forEach((value, i) => double.model.sheets[0]?.cells.set(`7:${i + 1}`, { value } as never));
    await evaluateOk(host);
    const again = double.snapshot();
    expect(again.names.map((n) => n.address).sort()).toEqual(["J2:J7", "K2:K7"]);
    expect(userCellsOf(again)).toEqual(USER_CELLS);
    const fresh = setup(userSheet([newItem]));
    await evaluateOk(fresh.host);
    expect(diffSnapshots(fresh.double.snapshot(), again)).toEqual([]);
  });

  it("a value the user typed in an owned cell of a new row is refused, nothing written", async () => {
    const { host, double } = setup(userSheet());
    await evaluateOk(host);
    const newItem = [5, "新增问题", "修订制度", "工程部", "孙八", "2025年6月底", "整改中"];
    newItem.forEach((value, i) => double.model.sheets[0]?.cells.set(`7:${i + 1}`, { value } as never));
    double.model.sheets[0]?.cells.set("7:11", { value: "用户的意见" } as never);
    const before = double.snapshot();
    const outcome = await host.evaluate(active);
    expect(outcome).toMatchObject({ ok: false, error: { message: { zh: expect.stringContaining("K3:K7 已有内容") } } });
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });

  describe("marks written before the rows were recorded (a name on the header cell only)", () => {
    /** Points the owned columns' names at their header cells, as earlier versions wrote them. */
    const legacy = (double: ReturnType<typeof harness>["double"], keep = ["J", "K"]) => {
      const names = double.model.names;
      for (const [mark, col] of [
        [MARK_NAMES.statusColumn, 10],
        [MARK_NAMES.opinionColumn, 11],
      ] as const) {
        const name = names.find((n) => n.name === mark);
        if (!name) throw new Error(`no ${mark}`);
        if (keep.includes(String.fromCharCode(64 + col))) name.rect = { top: 2, bottom: 2, left: col, right: col };
        else names.splice(names.indexOf(name), 1);
      }
    };

    it("clear empties the rows down to the last status label and keeps the user's cells under them", async () => {
      const { host, double } = setup(userSheet());
      const before = double.snapshot();
      await evaluateOk(host);
      legacy(double);
      expect((await host.clearMarks()).ok).toBe(true);
      expect(diffSnapshots(before, double.snapshot())).toEqual([]);
    });

    it("evaluating again replaces them with recorded rows, as a first evaluation writes them", async () => {
      const { host, double } = setup(userSheet());
      await evaluateOk(host);
      const once = double.snapshot();
      legacy(double);
      await evaluateOk(host);
      expect(diffSnapshots(once, double.snapshot())).toEqual([]);
    });

    it("with only the 评估意见 mark left, its rows are read from its own column", async () => {
      const { host, double } = setup(userSheet());
      await evaluateOk(host);
      legacy(double, ["K"]);
      expect((await host.clearMarks()).ok).toBe(true);
      const cells = double.snapshot().sheets[0]?.cells ?? {};
      // Emptied down to the last cell worded like an opinion: K10 (the user's, but worded like one, with
      // only empty cells above it) is taken too — the documented cost of `legacyWrittenRows`.
      expect(["K1", "K2", "K4", "K10"].map((a) => cells[a]?.value)).toEqual(["备注", undefined, undefined, undefined]);
      expect(cells.J2?.value).toBe("预警状态"); // unmarked now: the user's to delete
    });
  });
});

/** Runs `act` once to count its syncs, then again with a failure injected at each of them. */
async function eachSyncFailure(
  setup: () => Promise<{ host: LedgerHost; double: ReturnType<typeof harness>["double"] }>,
  act: (host: LedgerHost) => Promise<{ ok: boolean }>,
): Promise<number> {
  const probe = await setup();
  const start = probe.double.syncCount;
  expect((await act(probe.host)).ok).toBe(true);
  const syncs = probe.double.syncCount - start;
  for (let k = 1; k <= syncs; k++) {
    for (const afterOps of [0, 1, undefined]) {
      const { host, double } = await setup();
      const before: WorkbookSnapshot = double.snapshot();
      double.runtime.failOnSync({ sync: double.syncCount + k, ...(afterOps === undefined ? {} : { afterOps }) });
      const outcome = await act(host);
      expect({ k, afterOps, ok: outcome.ok }).toEqual({ k, afterOps, ok: false });
      expect({ k, afterOps, diff: diffSnapshots(before, double.snapshot()) }).toEqual({ k, afterOps, diff: [] });
    }
  }
  return syncs;
}

describe("all or nothing", () => {
  it("a failure at any sync of evaluate leaves the workbook as before (first run)", async () => {
    const syncs = await eachSyncFailure(
      async () => basic(),
      (host) => host.evaluate(active),
    );
    expect(syncs).toBe(MAX_SYNCS_PER_EVALUATION);
  });

  it("a failure after any number of the write's operations leaves the workbook as before (no half-made rule)", async () => {
    const probe = basic();
    await evaluateOk(probe.host);
    const writeOps = probe.double.runtime.syncs[probe.double.syncCount - 1]?.operations ?? 0;
    expect(writeOps).toBeGreaterThan(10);
    for (let afterOps = 0; afterOps < writeOps; afterOps++) {
      const { host, double } = basic();
      const before = double.snapshot();
      double.runtime.failOnSync({ sync: MAX_SYNCS_PER_EVALUATION, afterOps });
      const outcome = await host.evaluate(active);
      expect({ afterOps, ok: outcome.ok }).toEqual({ afterOps, ok: false });
      expect({ afterOps, diff: diffSnapshots(before, double.snapshot()) }).toEqual({ afterOps, diff: [] });
    }
  });

  it("…and on a re-evaluation after the ledger changed", async () => {
    await eachSyncFailure(
      async () => {
        const h = basic();
        await evaluateOk(h.host);
        h.double.model.sheets[0]?.cells.set("2:1", { value: "编号" });
        h.double.model.sheets[0]?.cells.delete("6:1");
        return h;
      },
      (host) => host.evaluate(active),
    );
  });

  it("a failure at any sync of writeSummary leaves the workbook as before (new and replaced summary)", async () => {
    for (const summaries of [0, 1]) {
      await eachSyncFailure(
        async () => {
          const h = basic();
          const evaluation = await evaluateOk(h.host);
          if (summaries) await h.host.writeSummary(evaluation, DEFAULT_SETTINGS);
          return h;
        },
        async (host) => {
          const evaluation = await host.evaluate(active);
          if (!evaluation.ok) return evaluation;
          return host.writeSummary(evaluation.value, DEFAULT_SETTINGS);
        },
      );
    }
  });

  it("a failure after any number of the summary's final operations leaves the workbook as before", async () => {
    for (const summaries of [0, 1]) {
      const setup = async () => {
        const h = basic();
        const evaluation = await evaluateOk(h.host);
        if (summaries) await h.host.writeSummary(evaluation, DEFAULT_SETTINGS);
        return { ...h, evaluation };
      };
      const probe = await setup();
      expect((await probe.host.writeSummary(probe.evaluation, DEFAULT_SETTINGS)).ok).toBe(true);
      const last = probe.double.syncCount;
      const ops = probe.double.runtime.syncs[last - 1]?.operations ?? 0;
      // Every 7th count but the last (all of them ran: the summary is complete, as a lost answer is treated)
      // and the one before it: with a period recorded, only the old summary's delete is then left, after
      // the old history's, and the undo completes the batch (test/excel/periods.test.ts checks that case).
      for (let afterOps = 0; afterOps < ops - 1; afterOps += 7) {
        const { host, double, evaluation } = await setup();
        const before = double.snapshot();
        double.runtime.failOnSync({ sync: last, afterOps });
        const outcome = await host.writeSummary(evaluation, DEFAULT_SETTINGS);
        expect({ summaries, afterOps, ok: outcome.ok }).toEqual({ summaries, afterOps, ok: false });
        expect({ summaries, afterOps, diff: diffSnapshots(before, double.snapshot()) }).toEqual({
          summaries,
          afterOps,
          diff: [],
        });
      }
    }
  });

  it("a failure at any sync of clear leaves the workbook as before", async () => {
    await eachSyncFailure(
      async () => {
        const h = basic();
        const evaluation = await evaluateOk(h.host);
        await h.host.writeSummary(evaluation, DEFAULT_SETTINGS);
        return h;
      },
      (host) => host.clearMarks(),
    );
  });
});
