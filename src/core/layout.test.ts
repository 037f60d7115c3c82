import fc from "fast-check";
import { gridFrom } from "../../test/support/grid-builder";
import { detectLayout, HEADER_SCAN_ROWS } from "./layout";
import type { ColumnMapping } from "./settings";
import type { CellValue, LayoutFailure, LedgerLayout } from "./types";

const NO_MAPPING: ColumnMapping = { headerRow: null, columns: {} };

const HEADER = ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "整改状态", "完成时间"];
const ITEM = (n: number): CellValue[] => [
  n,
  `问题${n}`,
  `修订《制度${n}》`,
  "工程部",
  "张三",
  "2025-03-31",
  "整改中",
  null,
];

function layoutOf(rows: CellValue[][], opts: Parameters<typeof gridFrom>[1] = {}, mapping = NO_MAPPING): LedgerLayout {
  const result = detectLayout(gridFrom(rows, opts), mapping);
  if ("reason" in result) throw new Error(`expected a layout, got ${JSON.stringify(result)}`);
  return result;
}

function failureOf(
  rows: CellValue[][],
  opts: Parameters<typeof gridFrom>[1] = {},
  mapping = NO_MAPPING,
): LayoutFailure {
  const result = detectLayout(gridFrom(rows, opts), mapping);
  if (!("reason" in result)) throw new Error(`expected a failure, got header row ${result.headerRow}`);
  return result;
}

describe("detectLayout — one header row", () => {
  it("finds the header under a merged title and a date line, and maps every column", () => {
    const layout = layoutOf(
      [
        ["XX单位巡察整改问题整改台账"],
        ["填报单位：工程部", null, null, null, null, "2025年3月31日"],
        HEADER,
        ITEM(1),
        ITEM(2),
        ITEM(3),
      ],
      { sheet: "整改台账", merges: ["A1:H1"] },
    );
    expect(layout).toEqual({
      sheet: "整改台账",
      headerRow: 3,
      headerTop: 3,
      firstRow: 4,
      lastRow: 6,
      firstCol: 1,
      lastCol: 8,
      columns: { seq: 1, description: 2, measures: 3, unit: 4, owner: 5, deadline: 6, status: 7, completed: 8 },
      headers: {
        1: "序号",
        2: "问题描述",
        3: "整改措施",
        4: "责任单位",
        5: "责任人",
        6: "整改时限",
        7: "整改状态",
        8: "完成时间",
      },
      userMapped: [],
      ownedColumns: { status: null, opinion: null },
    });
  });

  it("reads full-width, space-laden headers with notes, and keeps the texts as written", () => {
    const layout = layoutOf([
      [
        "序 号",
        "存在问题",
        "整改措施",
        "责任\n单位",
        "责 任 人",
        "整改时限（完成时间）",
        "完成情况",
        "佐证材料清单",
        "备  注",
      ],
      [1, "问题", "措施", "工程部", "张三", "2025年3月", "已完成", "会议纪要", null],
    ]);
    expect(layout.columns).toEqual({
      seq: 1,
      description: 2,
      measures: 3,
      unit: 4,
      owner: 5,
      deadline: 6,
      status: 7,
      evidence: 8,
      note: 9,
    });
    expect(layout.headers[5]).toBe("责 任 人");
    expect(layout.headers[4]).toBe("责任\n单位");
    expect(layout.headers[6]).toBe("整改时限（完成时间）");
  });

  it("keeps the leftmost of two columns naming one field; the other stays a ledger column", () => {
    const layout = layoutOf([
      ["序号", "问题描述", "整改措施", "责任人", "整改责任人", "整改时限"],
      [1, "问题", "措施", "张三", "李四", "2025-03-31"],
    ]);
    expect(layout.columns.owner).toBe(4);
    expect(layout.lastCol).toBe(6);
    expect(layout.headers[5]).toBe("整改责任人");
  });

  it("gives a field the column that names it best: exact > contains > meaning, whatever the order", () => {
    const layout = layoutOf([
      [
        "序号",
        "问题描述",
        "整改计划及措施",
        "所属责任公司",
        "整改责任单位",
        "是否整改完成",
        "整改状态",
        "目标完成时间",
        "整改完成时间",
        "验收人",
      ],
      [1, "问题", "措施", "一公司", "二公司", "是", "已完成", "2025-03-31", "2025-03-20", "王五"],
    ]);
    expect(layout.columns).toEqual({
      seq: 1,
      description: 2,
      measures: 3, // 整改计划及措施: …措施
      unit: 5, // 整改责任单位 contains 责任单位; 所属责任公司 only means it
      status: 7, // 整改状态 is exact; 是否整改完成 only means it
      deadline: 8, // 目标完成时间: a target date, not the contained 完成时间
      completed: 9, // 整改完成时间
      signer: 10,
    });
  });

  it("reads the group ledgers' own words when nothing better names the field", () => {
    const layout = layoutOf([
      ["序号", "问题描述", "整改计划及措施", "所属责任公司", "责任人", "目标完成时间", "是否整改完成", "验收责任人"],
      [1, "问题", "措施", "一公司", "张三", "2025-03-31", "否", "王五"],
    ]);
    expect(layout.columns).toMatchObject({ measures: 3, unit: 4, owner: 5, deadline: 6, status: 7, signer: 8 });
  });

  it("puts a header with more fields ahead of a partial one above it", () => {
    const layout = layoutOf([["序号", "问题", "整改措施"], [...HEADER], ITEM(1)]);
    expect(layout.headerRow).toBe(2);
  });

  it("takes the upper of two equally good header rows (a repeated header is not the ledger's)", () => {
    const layout = layoutOf([["整改台账"], HEADER, ITEM(1), ITEM(2), HEADER, ITEM(3)]);
    expect(layout.headerRow).toBe(2);
    expect(layout.lastRow).toBe(6);
  });

  it("counts a merged header cell once", () => {
    // 问题描述 merged over B:C names one field; with only 序号 beside it there is no ledger.
    const failure = failureOf(
      [
        ["序号", "问题描述", null, "其他"],
        [1, "问题", "细节", "x"],
      ],
      { merges: ["B1:C1"] },
    );
    expect(failure).toEqual({ reason: "no-header", bestRow: 1, fieldsFound: ["seq", "description"] });
  });

  it("stretches the ledger over a merged header cell at the right end", () => {
    const layout = layoutOf(
      [
        ["序号", "问题描述", "整改措施", "责任人", "备注", null],
        [1, "问题", "措施", "张三", "a", "b"],
      ],
      { merges: ["E1:F1"] },
    );
    expect(layout.lastCol).toBe(6);
  });

  it("uses sheet coordinates when the grid starts away from A1 (a selected range)", () => {
    const layout = layoutOf([HEADER, ITEM(1), ITEM(2)], { origin: { row: 5, col: 3 } });
    expect(layout).toMatchObject({ headerRow: 5, firstRow: 6, lastRow: 7, firstCol: 3, lastCol: 10 });
    expect(layout.columns.seq).toBe(3);
    expect(layout.columns.completed).toBe(10);
  });

  it("ends the ledger at the last row with a value in its columns (notes included, blanks not)", () => {
    const layout = layoutOf([HEADER, ITEM(1), [], ITEM(2), ["填表说明：整改时限填写具体日期。"], [], [null]]);
    expect(layout.lastRow).toBe(5);
  });
});

describe("detectLayout — grouped headers", () => {
  it("two rows with vertical merges: the lower row names the columns, merged parents give theirs", () => {
    const layout = layoutOf(
      [
        ["XX公司巡察反馈问题整改台账"],
        [],
        ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "完成情况", null],
        [null, null, null, null, null, null, "是否完成", "完成时间"],
        [1, "问题", "措施", "工程部", "张三", "2025-03-31", "是", 45731],
      ],
      { merges: ["A1:H1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:H3"] },
    );
    expect(layout).toMatchObject({ headerRow: 4, headerTop: 3, firstRow: 5, lastRow: 5, firstCol: 1, lastCol: 8 });
    expect(layout.columns).toEqual({
      seq: 1,
      description: 2,
      measures: 3,
      unit: 4,
      owner: 5,
      deadline: 6,
      status: 7,
      completed: 8,
    });
    expect(layout.headers).toMatchObject({ 1: "序号", 6: "整改时限", 7: "是否完成", 8: "完成时间" });
  });

  it("two rows where only the parent is merged: the child row joins the header block", () => {
    const layout = layoutOf(
      [
        ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "销号情况", null],
        [null, null, null, null, null, null, "是否销号", "销号时间"],
        [1, "问题", "措施", "工程部", "张三", "2025-03-31", "是", "2025-03-20"],
      ],
      { merges: ["G1:H1"] },
    );
    expect(layout).toMatchObject({ headerRow: 2, headerTop: 1, firstRow: 3 });
    expect(layout.columns).toMatchObject({ seq: 1, deadline: 6, closed: 7, closedOn: 8 });
    expect(layout.headers[1]).toBe("序号");
  });

  it("three rows: 整改落实情况 over 完成情况 / 销号情况 over four child columns", () => {
    const layout = layoutOf(
      [
        ["序号", "问题描述", "整改措施", "责任人", "整改时限", "整改落实情况", null, null, null],
        [null, null, null, null, null, "完成情况", null, "销号情况", null],
        [null, null, null, null, null, "是否完成", "完成时间", "是否销号", "销号时间"],
        [1, "问题", "措施", "张三", "2025年底前", "否", null, "否", null],
      ],
      { merges: ["A1:A3", "B1:B3", "C1:C3", "D1:D3", "E1:E3", "F1:I1", "F2:G2", "H2:I2"] },
    );
    expect(layout).toMatchObject({ headerRow: 3, headerTop: 1, firstRow: 4, lastCol: 9 });
    expect(layout.columns).toMatchObject({ seq: 1, deadline: 5, status: 6, completed: 7, closed: 8, closedOn: 9 });
  });

  it("reads a child label with its parent's text when the child alone names nothing (计划 / 实际 under 完成时间)", () => {
    const layout = layoutOf(
      [
        ["序号", "问题描述", "整改措施", "责任人", "完成时间", null],
        [null, null, null, null, "计划", "实际"],
        [1, "问题", "措施", "张三", "2025-03-31", null],
      ],
      { merges: ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:F1"] },
    );
    expect(layout.headerRow).toBe(2);
    expect(layout.columns).toMatchObject({ deadline: 5, completed: 6 });
    expect(layout.headers).toMatchObject({ 5: "计划", 6: "实际" });
  });

  it("does not take a title merged across the whole table for a parent label", () => {
    const layout = layoutOf([["巡察整改台账"], HEADER, ITEM(1)], { merges: ["A1:H1"] });
    expect(layout).toMatchObject({ headerRow: 2, headerTop: 2 });
    const narrowTitle = layoutOf([["巡察整改台账"], HEADER, ITEM(1)], { merges: ["A1:F1"] });
    expect(narrowTitle).toMatchObject({ headerRow: 2, headerTop: 2 });
  });

  it("does not make a first item row a child row when it has values outside the parents", () => {
    const layout = layoutOf(
      [
        ["序号", "问题描述", "整改措施", null, "责任人", "整改时限"],
        [1, "问题", "措施一", "措施二", "张三", "2025-03-31"],
      ],
      { merges: ["C1:D1"] },
    );
    expect(layout).toMatchObject({ headerRow: 1, firstRow: 2, lastRow: 2 });
  });
});

describe("detectLayout — the user's mapping wins", () => {
  const rows: CellValue[][] = [
    ["序号", "问题描述", "整改措施", "责任单位", "经办人", "整改时限", "联系人"],
    [1, "问题", "措施", "工程部", "张三", "2025-03-31", "李四"],
    [2, "问题", "措施", "工程部", "王五", "长期坚持", "赵六"],
  ];

  it("a hand-mapped column takes its field, is taken from the field detection gave it, and is listed", () => {
    const layout = layoutOf(rows, {}, { headerRow: null, columns: { owner: "G", deadline: null } });
    expect(layout.columns.owner).toBe(7);
    expect(layout.columns.deadline).toBeUndefined();
    expect(layout.userMapped).toEqual(["owner", "deadline"]);
  });

  it("a field whose column the user gave away falls back to its next candidate", () => {
    const layout = layoutOf(
      [
        ["序号", "问题描述", "整改措施", "责任人", "整改责任人", "整改时限"],
        [1, "问题", "措施", "张三", "李四", "2025-03-31"],
      ],
      {},
      { headerRow: null, columns: { leader: "D" } },
    );
    expect(layout.columns).toMatchObject({ leader: 4, owner: 5 });
  });

  it("a hand-mapped column right of the header widens the ledger", () => {
    const layout = layoutOf(
      [
        ["序号", "问题描述", "整改措施", "责任人", null],
        [1, "问题", "措施", "张三", "2025-03-31"],
      ],
      {},
      { headerRow: null, columns: { deadline: "e" } },
    );
    expect(layout).toMatchObject({ lastCol: 5, columns: { deadline: 5 } });
  });

  it("a forced header row is used even when detection would pick another", () => {
    const grid: CellValue[][] = [
      ["问题", "整改措施", "责任人", "整改时限"],
      ["描述", "措施", "人员", "时间"],
      ["a", "b", "c", "2025-01-01"],
    ];
    expect(layoutOf(grid).headerRow).toBe(1);
    const forced = layoutOf(grid, {}, { headerRow: 2, columns: { description: "A", measures: "B" } });
    expect(forced).toMatchObject({ headerRow: 2, headerTop: 2, firstRow: 3, lastRow: 3 });
    expect(forced.columns).toMatchObject({ description: 1, measures: 2 });
  });

  it("hand-mapped columns count towards the three fields a header needs", () => {
    const rows2: CellValue[][] = [
      ["编号", "内容", "负责人"],
      [1, "问题", "张三"],
    ];
    expect(failureOf(rows2)).toEqual({ reason: "no-header", bestRow: 1, fieldsFound: ["seq", "owner"] });
    expect(layoutOf(rows2, {}, { headerRow: null, columns: { description: "B" } }).columns).toEqual({
      seq: 1,
      description: 2,
      owner: 3,
    });
  });

  it("a header row beyond the first 30 is found only when the user picks it", () => {
    const blanks: CellValue[][] = Array.from({ length: HEADER_SCAN_ROWS }, () => []);
    const grid = [...blanks, HEADER, ITEM(1)];
    grid[0] = ["说明文字"];
    expect(failureOf(grid)).toEqual({ reason: "no-header", bestRow: null, fieldsFound: [] });
    expect(layoutOf(grid, {}, { headerRow: 31, columns: {} }).firstRow).toBe(32);
  });
});

describe("detectLayout — owned columns from an earlier evaluation", () => {
  it("reports 预警状态 / 评估意见 right of the ledger and keeps them out of it", () => {
    const layout = layoutOf(
      [
        [...HEADER, "预警状态", "评估意见"],
        [...ITEM(1), "黄灯", "责任人为空"],
        [...ITEM(2), "绿灯", null],
      ],
      { merges: [] },
    );
    expect(layout.ownedColumns).toEqual({ status: 9, opinion: 10 });
    expect(layout.lastCol).toBe(8);
    expect(layout.columns.status).toBe(7);
    expect(layout.headers[9]).toBeUndefined();
  });

  it("finds them after a later run on a ledger without a status column", () => {
    const layout = layoutOf([
      ["序号", "问题描述", "整改措施", "责任人", "整改时限", "预 警 状 态", "评估意见"],
      [1, "问题", "措施", "张三", "2025-03-31", "红灯", "已逾期"],
    ]);
    expect(layout.ownedColumns).toEqual({ status: 6, opinion: 7 });
    expect(layout.columns.status).toBeUndefined();
    expect(layout.lastCol).toBe(5);
  });

  it("does not end the ledger at an owned column's last value", () => {
    const layout = layoutOf([
      [...HEADER, "预警状态", "评估意见"],
      [...ITEM(1), "黄灯", null],
      [null, null, null, null, null, null, null, null, "绿灯", "stale"],
    ]);
    expect(layout.lastRow).toBe(2);
  });

  it("a hand-mapped column right of them puts them inside the ledger, where they are the user's", () => {
    const layout = layoutOf(
      [
        ["序号", "问题描述", "整改措施", "责任人", "预警状态", "评估意见", null],
        [1, "问题", "措施", "张三", "红灯", null, "2025-03-31"],
      ],
      {},
      { headerRow: null, columns: { deadline: "G" } },
    );
    expect(layout.ownedColumns).toEqual({ status: null, opinion: null });
    expect(layout).toMatchObject({ lastCol: 7, headers: { 5: "预警状态", 6: "评估意见" } });
  });

  it("a column named 预警状态 among the user's own columns is the user's", () => {
    const layout = layoutOf([
      ["序号", "问题描述", "预警状态", "整改措施", "责任人"],
      [1, "问题", "红", "措施", "张三"],
    ]);
    expect(layout.ownedColumns).toEqual({ status: null, opinion: null });
    expect(layout.lastCol).toBe(5);
  });
});

describe("detectLayout — no ledger", () => {
  it("an empty grid, or one of blanks, is an empty sheet", () => {
    expect(failureOf([])).toEqual({ reason: "empty-sheet" });
    expect(failureOf([[null, "  "], [], ["\u3000"]])).toEqual({ reason: "empty-sheet" });
  });

  it("a sheet with text but no header names the best row and what it found", () => {
    expect(failureOf([["工作总结"], ["本季度完成了以下工作"]])).toEqual({
      reason: "no-header",
      bestRow: null,
      fieldsFound: [],
    });
    expect(
      failureOf([
        ["序号", "责任单位", "责任人", "电话"],
        [1, "工程部", "张三", "123"],
      ]),
    ).toEqual({
      reason: "no-header",
      bestRow: 1,
      fieldsFound: ["seq", "unit", "owner"],
    });
  });

  it("a header with nothing under it has no items", () => {
    expect(failureOf([["整改台账"], HEADER])).toEqual({ reason: "no-items", headerRow: 2 });
    expect(failureOf([HEADER, [], []])).toEqual({ reason: "no-items", headerRow: 1 });
  });

  it("a header with only a total, a section and notes under it has no items", () => {
    expect(
      failureOf([
        HEADER,
        ["一、制度健全性"],
        ["合计", null, null, null, null, null, null, null],
        ["填表说明：…"],
        ["1. 时限"],
      ]),
    ).toEqual({ reason: "no-items", headerRow: 1 });
  });
});

describe("detectLayout — properties", () => {
  const cell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 6 }),
    fc.constantFrom(
      "序号",
      "问题描述",
      "整改措施",
      "责任人",
      "整改时限",
      "预警状态",
      "评估意见",
      "合计",
      "一、制度",
      "注：",
      "是",
    ),
    fc.double({ noNaN: false }),
    fc.integer(),
    fc.boolean(),
    fc.constant({ error: "#N/A" }),
    fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }).map((runs) => ({ runs })),
  );
  const merge = fc
    .tuple(
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([top, left, h, w]) => ({ top, left, bottom: top + h, right: left + w }));

  it("never throws, and a layout it returns is consistent", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 10 }),
        fc.array(merge, { maxLength: 4 }),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
        fc.dictionary(
          fc.constantFrom("seq", "description", "measures", "owner", "deadline", "status"),
          fc.option(fc.constantFrom("A", "C", "F", "K"), { nil: null }),
        ),
        (rows, merges, headerRow, columns) => {
          const result = detectLayout(gridFrom(rows, { merges }), { headerRow, columns });
          if ("reason" in result) return;
          expect(result.headerTop).toBeLessThanOrEqual(result.headerRow);
          expect(result.firstRow).toBe(result.headerRow + 1);
          expect(result.lastRow).toBeGreaterThanOrEqual(result.firstRow);
          expect(result.firstCol).toBeLessThanOrEqual(result.lastCol);
          for (const col of Object.values(result.columns)) {
            expect(col).toBeGreaterThanOrEqual(result.firstCol);
            expect(col).toBeLessThanOrEqual(result.lastCol);
          }
          for (const owned of [result.ownedColumns.status, result.ownedColumns.opinion]) {
            if (owned !== null) expect(owned).toBeGreaterThan(result.lastCol);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("detectLayout — 栏次 and units rows under the header belong to the header (SPEC §2)", () => {
  const cols = HEADER.length;
  const numbers = (from: number): CellValue[] => Array.from({ length: cols }, (_, i) => i + from);
  it.each<[string, CellValue[][], number]>([
    ["numbers 1…8 as numbers", [numbers(1)], 3],
    ["numbers as text", [numbers(1).map(String)], 3],
    ["（1）…（8）", [numbers(1).map((n) => `（${String(n)}）`)], 3],
    ["栏次 | 甲 | 乙 | 1 …", [["栏次", "甲", "乙", 1, 2, 3, 4, 5]], 3],
    ["a sparse 栏次 row (two numbers)", [[null, null, null, null, 1, 2, null, null]], 3],
    ["a units row alone (单位：万元)", [[null, null, null, null, null, null, null, "单位： 万元"]], 3],
    ["（元） under two columns", [[null, null, null, "（元）", "(万元)", null, null, null]], 3],
    ["units row then 栏次 row", [[null, null, null, null, null, null, null, "（元）"], numbers(1)], 4],
    ["栏次 row then units row", [numbers(1), [null, null, null, null, null, null, null, "单位：元"]], 4],
    // not annex rows: an item, a pre-numbered empty row, a third annex-like row
    ["an item numbered 1", [], 2],
    ["a lone 序号 (a pre-numbered empty row stays a blank row)", [[1]], 2],
    ["three annex-like rows: only two are the header's", [numbers(1), numbers(1), ["单位：元"]], 4],
  ])("%s", (_, annex, firstRow) => {
    const layout = layoutOf([HEADER, ...annex, ITEM(1), ITEM(2)]);
    expect(layout.headerRow).toBe(1);
    expect(layout.firstRow).toBe(firstRow);
  });

  it("is not fooled by a row of numbers further down (only rows right under the header)", () => {
    const layout = layoutOf([HEADER, ITEM(1), numbers(1), ITEM(2)]);
    expect(layout.firstRow).toBe(2);
  });
});
