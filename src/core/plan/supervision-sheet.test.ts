import { evaluateRows, LEDGER_ROWS } from "../../../test/support/sample-ledger";
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from "../settings";
import type { CellValue, EvaluationResult } from "../types";
import { A4_PRINTED_POINTS, rowHeightsWithoutPageBreaks, sheetPlanCells, type PlanCell } from "./sheet-plan";
import { feedbackRequest, planSupervisionSheet, unitNotices, type SupervisionPlan } from "./supervision-sheet";

const plan = (result: EvaluationResult = evaluateRows(), settings: Settings = DEFAULT_SETTINGS): SupervisionPlan =>
  planSupervisionSheet(result, { sheetName: "督办单", settings });

/** The texts of a plan's free-standing lines, by row. */
const lines = (p: SupervisionPlan): Map<number, string> =>
  new Map(p.heading.map(({ row, cell }) => [row, cell.kind === "text" ? cell.text : ""]));

const textOf = (cell: PlanCell | null | undefined): string | number | null =>
  !cell ? null : cell.kind === "number" ? cell.value : cell.kind === "text" ? cell.text : null;

describe("planSupervisionSheet on the sample ledger (2025-03-31)", () => {
  const p = plan();

  it("has one block per unit with a red, yellow or 临期 item or a finding: most red first", () => {
    // 财务部: row 4 red. 工程部: row 5 yellow with findings. 办公室 (ongoing, no finding) gets none.
    expect(p.units).toEqual(["财务部", "工程部"]);
    expect(p.tables).toHaveLength(2);
    const text = lines(p);
    for (const [i, unit] of p.units.entries()) {
      const block = p.print.pageBlocks?.[i];
      expect(text.get(block?.first ?? 0)).toBe("整改督办单");
      expect(text.get((block?.first ?? 0) + 1)).toBe(`责任单位：${unit}`);
      expect(text.get((block?.first ?? 0) + 2)).toBe("督办日期：2025年3月31日");
    }
  });

  it("lists each unit's items: 序号, 问题描述, 整改时限, 逾期天数, 预警, what the ledger must correct", () => {
    const [finance, works] = p.tables;
    expect(finance?.header).toEqual(["序号", "问题描述", "整改时限", "逾期天数", "预警", "台账需补正"]);
    expect(finance?.rows.map((r) => r.map(textOf))).toEqual([
      ["2", "=SUM(A1:A9) 合同台账缺失", "2025-02-10", 49, "红灯", ""],
    ]);
    // A description beginning with "=" stays a text cell (SPEC §8).
    expect(finance?.rows[0]?.[1]).toEqual({ kind: "text", text: "=SUM(A1:A9) 合同台账缺失" });
    const row = works?.rows.map((r) => r.map(textOf))[0];
    expect(row?.slice(0, 5)).toEqual(["3", "资料归档不全", "2025-03-10", 21, "黄灯"]);
    expect(row?.[5]).toContain("【错误】责任人为空");
    expect(row?.[5]).toContain("【提醒】整改措施");
  });

  it("asks for feedback by today + feedbackDays, and leaves the signature lines", () => {
    const text = [...lines(p).values()];
    expect(text.filter((t) => t === "请于4月7日前反馈整改进展。")).toHaveLength(2);
    expect(text.filter((t) => t.startsWith("督办单位（盖章）："))).toHaveLength(2);
    expect(text.filter((t) => t.startsWith("签收人：") && t.includes("签收日期"))).toHaveLength(2);
    const settings = SettingsSchema.parse({ feedbackDays: 3 });
    expect([...lines(plan(evaluateRows(undefined, undefined, settings), settings)).values()]).toContain(
      "请于4月3日前反馈整改进展。",
    );
  });

  it("prints each unit on its own A4 portrait page, one page wide", () => {
    const blocks = p.print.pageBlocks ?? [];
    expect(p.print).toMatchObject({ orientation: "portrait", paperSize: "A4", fitToPagesWide: 1, fitToPagesTall: 0 });
    expect(p.print.pageBreaksBefore).toEqual(blocks.slice(1).map((b) => b.first));
    // Every cell of a block lies inside it; nothing lies between blocks.
    for (const { row } of sheetPlanCells(p)) expect(blocks.some((b) => b.first <= row && row <= b.last)).toBe(true);
    // Fits Excel's default A4 margins at 100 % (7 px a character unit + 5 px padding, 96 dpi).
    const points = p.columnWidths.reduce((sum, chars) => sum + (chars * 7 + 5) * 0.75, 0);
    expect(points).toBeLessThanOrEqual(595 - 2 * 0.7 * 72);
  });

  it("has a 临期 item in its unit's block when within dueSoonDays (row 6: 30 days left)", () => {
    const settings = SettingsSchema.parse({ dueSoonDays: 30 });
    const wide = plan(evaluateRows(undefined, undefined, settings), settings);
    const works = wide.tables[wide.units.indexOf("工程部")];
    expect(works?.rows.map((r) => [textOf(r[0]), textOf(r[4])])).toEqual([
      ["3", "黄灯"],
      ["4", "临期（还有30天）"],
    ]);
  });
});

describe("which items a unit's notice lists: the 临期 boundaries", () => {
  const HEADER = ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "整改状态", "完成时间"];
  const item = (seq: number, unit: string, deadline: string, status = "整改中", completed = ""): CellValue[] => [
    seq,
    `事项${seq}`,
    "修订制度2项",
    unit,
    "张三",
    deadline,
    status,
    completed,
  ];
  const rows: CellValue[][] = [
    ["甲乙单位整改台账"],
    HEADER,
    item(1, "甲单位", "2025-03-31"), // due today: 0 days
    item(2, "甲单位", "2025-04-07"), // dueSoonDays (7)
    item(3, "甲单位", "2025-04-08"), // dueSoonDays + 1
    item(4, "乙单位", "2025-03-30"), // overdue by a day: still green, not 临期
    item(5, "乙单位", "2025-04-02", "已完成", "2025-03-20"), // finished
    item(6, "乙单位", "长期坚持"), // undated
  ];
  const result = evaluateRows(rows, null);

  it("lists 0 and dueSoonDays days left, not dueSoonDays + 1, overdue-but-green, finished or undated items", () => {
    expect(result.findings.filter((f) => f.row !== null)).toEqual([]);
    const notices = unitNotices(result, DEFAULT_SETTINGS);
    expect(notices.map((n) => n.unit)).toEqual(["甲单位"]);
    expect(notices[0]?.items.map((i) => [i.seq, i.dueSoonDays])).toEqual([
      ["1", 0],
      ["2", 7],
    ]);
    const p = plan(result);
    expect(p.tables[0]?.rows.map((r) => textOf(r[4]))).toEqual(["临期（今天到期）", "临期（还有7天）"]);
  });

  it("with nothing to supervise, says so under the title, and prints one page", () => {
    const none = plan(evaluateRows(rows.slice(0, 2).concat(rows.slice(5)), null));
    expect(none.units).toEqual([]);
    expect(none.tables).toEqual([]);
    expect([...lines(none).values()][1]).toContain("无需督办");
    expect(none.print.pageBreaksBefore).toEqual([]);
  });
});

describe("items without a unit, and units in cells", () => {
  it("gathers items without a 责任单位 under （未填写）, and writes unit names as text", () => {
    const rows = LEDGER_ROWS.map((r, i) => (i === 3 ? r.map((c, j) => (j === 4 ? "" : c)) : r));
    const result = evaluateRows(rows, null);
    expect(plan(result).units).toContain("（未填写）");
    const odd = LEDGER_ROWS.map((r, i) => (i === 3 ? r.map((c, j) => (j === 4 ? '=HYPERLINK("x")' : c)) : r));
    const p = plan(evaluateRows(odd, null));
    expect(p.heading).toContainEqual({
      row: 2,
      col: 1,
      cell: { kind: "text", text: '责任单位：=HYPERLINK("x")', style: "emphasis" },
    });
  });
});

describe("feedbackRequest", () => {
  it.each([
    ["2025-03-31", 7, "请于4月7日前反馈整改进展。"],
    ["2025-03-31", 1, "请于4月1日前反馈整改进展。"],
    ["2025-12-29", 7, "请于2026年1月5日前反馈整改进展。"],
  ])("%s + %i days", (today, days, expected) => expect(feedbackRequest(today, days)).toBe(expected));
});

describe("rowHeightsWithoutPageBreaks: each block starts a page where breaks cannot be set", () => {
  /** The page each row starts on, flowing rows as a printer does (a row that does not fit starts a page). */
  function pagesOf(heights: readonly { row: number; points: number }[]): Map<number, number> {
    const pages = new Map<number, number>();
    let page = 1;
    let used = 0;
    for (const { row, points } of heights) {
      if (used + points > A4_PRINTED_POINTS) {
        page++;
        used = 0;
      }
      used += points;
      pages.set(row, page);
    }
    return pages;
  }

  it.each([
    ["the sample", evaluateRows()],
    [
      "a unit with 60 items (longer than a page)",
      evaluateRows(
        [
          ...LEDGER_ROWS,
          ...Array.from({ length: 60 }, (_, i): CellValue[] => [
            100 + i,
            `逾期事项${i}`,
            "修订制度2项",
            "限期整改",
            "综合部",
            "周八",
            "2024-12-31",
            "整改中",
            "",
            "",
          ]),
        ],
        null,
      ),
    ],
  ])("%s", (_label, result) => {
    const p = plan(result);
    const heights = rowHeightsWithoutPageBreaks(p);
    const pages = pagesOf(heights);
    const firstPages = (p.print.pageBlocks ?? []).map((b) => pages.get(b.first));
    const lastPages = (p.print.pageBlocks ?? []).map((b) => pages.get(b.last));
    // Each block starts on the page after the one its predecessor ended on.
    firstPages.slice(1).forEach((page, i) => expect(page).toBe((lastPages[i] ?? 0) + 1));
    expect(Math.max(...heights.map((h) => h.points))).toBeLessThanOrEqual(409);
    // The rows the plan sized keep their heights.
    for (const { row, points } of p.rowHeights) expect(heights.find((h) => h.row === row)?.points).toBe(points);
  });
});
