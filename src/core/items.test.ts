import fc from "fast-check";
import { gridFrom, type GridOptions } from "../../test/support/grid-builder";
import { cellAddress } from "./grid";
import { MergeSweep, readItems } from "./items";
import { detectLayout } from "./layout";
import type { CellValue, Item, LedgerLayout, NonItemRow } from "./types";

const HEADER = ["序号", "问题描述", "整改措施", "整改类型", "责任单位", "责任人", "整改时限", "整改状态", "完成时间"];

function read(
  rows: CellValue[][],
  opts: GridOptions = {},
): { layout: LedgerLayout; items: Item[]; nonItems: NonItemRow[] } {
  const grid = gridFrom(rows, opts);
  const layout = detectLayout(grid, { headerRow: null, columns: {} });
  if ("reason" in layout) throw new Error(`no layout: ${JSON.stringify(layout)}`);
  return { layout, ...readItems(grid, layout) };
}

function kinds(rows: CellValue[][], opts: GridOptions = {}): Record<number, string> {
  const { items, nonItems } = read(rows, opts);
  const out: Record<number, string> = {};
  for (const item of items) out[item.row] = "item";
  for (const row of nonItems) out[row.row] = row.kind;
  return out;
}

describe("readItems — a realistic ledger", () => {
  // Row 1 title, 2 header, 3 section, 4–6 items of one unit (merged D… here E4:E6), 7 section, 8 item,
  // 9 blank, 10 合计, 11–13 填表说明 and its lines.
  const rows: CellValue[][] = [
    ["XX单位工程管理巡察整改问题整改台账"],
    HEADER,
    ["一、制度健全性"],
    [1, "招标管理制度缺失", "制定《招标管理办法》", "长效治理", "工程部", "张三", "2025年6月底", "整改中", null],
    [2, "合同审批流程不清", "修订合同审批流程", "限期整改", null, "李四", "2025-03-31", "已完成", 45731],
    [3, "验收资料缺失", "补齐验收资料", "立行立改", null, "王五", "立行立改，长期坚持", null, null],
    ["二、执行规范性"],
    [4, "未公开招标", "严格执行招投标法", "立即整改", "财务处", "赵六", null, "长期坚持", null],
    [],
    ["合计", null, null, null, null, null, null, "4项", null],
    ["填表说明：", null, null, null, null, null, null, null, null],
    ["1. 整改时限填写具体日期；"],
    ["2. 整改状态填写已完成、整改中或未整改。"],
  ];
  const opts: GridOptions = {
    merges: ["A1:I1", "A3:I3", "E4:E6", "A7:I7"],
    numberFormats: [[], [], [], [], [null, null, null, null, null, null, null, null, "yyyy-mm-dd"]],
  };

  it("classifies every row under the header", () => {
    expect(kinds(rows, opts)).toEqual({
      3: "section",
      4: "item",
      5: "item",
      6: "item",
      7: "section",
      8: "item",
      9: "blank",
      10: "total",
      11: "note",
      12: "note",
      13: "note",
    });
  });

  it("applies a vertically merged unit to every row it covers, pointing at the item's own cell", () => {
    const { items } = read(rows, opts);
    const units = items.map((item) => [
      item.row,
      item.cells.unit?.text,
      item.cells.unit && cellAddress(item.row, item.cells.unit.col),
    ]);
    expect(units).toEqual([
      [4, "工程部", "E4"],
      [5, "工程部", "E5"],
      [6, "工程部", "E6"],
      [8, "财务处", "E8"],
    ]);
  });

  it("reads each field into values", () => {
    const { items } = read(rows, opts);
    const [first, second, third, fourth] = items;
    expect(first).toMatchObject({
      row: 4,
      seq: "1",
      status: "in_progress",
      statusColumn: "in_progress",
      closedByColumn: false,
      type: "long_term",
      typeUnknown: false,
      deadline: { date: "2025-06-30", ongoing: false, invalid: false },
      completed: { kind: "empty" },
      assigned: { kind: "empty" },
      closedOn: { kind: "empty" },
      reviewed: { kind: "empty" },
      ongoing: false,
    });
    expect(second).toMatchObject({
      status: "done",
      completed: { kind: "date", date: "2025-03-15" },
      type: "time_limited",
    });
    expect(second?.cells.completed).toEqual({
      value: 45731,
      text: "45731",
      col: 9,
      numberFormat: "yyyy-mm-dd",
    });
    expect(third).toMatchObject({
      status: "not_started",
      statusColumn: null,
      deadline: { date: null, ongoing: true },
      ongoing: true,
    });
    expect(fourth).toMatchObject({
      row: 8,
      status: "ongoing",
      type: "immediate",
      deadline: { date: null, ongoing: false, invalid: false },
      ongoing: true,
    });
  });

  it("gives every mapped field a cell, blank ones included, so a finding can point at it", () => {
    const { items } = read(rows, opts);
    expect(items[2]?.cells.status).toEqual({ value: null, text: "", col: 8, numberFormat: null });
    expect(items[0]?.cells.leader).toBeUndefined();
  });
});

describe("readItems — row kinds", () => {
  const header = ["序号", "问题描述", "整改措施", "责任人", "整改时限"];
  const item: CellValue[] = [1, "问题", "措施", "张三", "2025-03-31"];
  const kindOf = (row: CellValue[], merges: string[] = []): string | undefined =>
    kinds([header, row, item], { merges })[2];

  it.each<[string, CellValue[], string[], string]>([
    ["blank", [], [], "blank"],
    ["whitespace only", [" ", "\u3000", null], [], "blank"],
    ["a pre-numbered empty row", [7], [], "blank"],
    ["a pre-numbered empty row with 、", ["7、"], [], "blank"],
    ["a section merged across the ledger", ["一、制度健全性"], ["A2:E2"], "section"],
    ["a heading alone in one unmerged cell", [null, "工程建设领域"], [], "section"],
    ["（一） with a count beside it", ["（一）招标采购", null, "共3项"], [], "section"],
    ["(一) half-width", ["(一)招标采购", "说明"], [], "section"],
    ["第一部分", ["第一部分 制度建设", "说明"], [], "section"],
    ["一是", ["一是制度建设", "说明"], [], "section"],
    ["a bare numeral in seq with the heading beside it", ["一", "制度健全性方面问题"], [], "section"],
    ["a numbered heading with an owner is an item", ["一、", "问题", null, "张三"], [], "item"],
    ["a numbered heading with a deadline is an item", ["（一）", "问题", null, null, "2025-03-31"], [], "item"],
    ["合计", ["合计", null, null, null, "5"], [], "total"],
    ["合 计 with spaces", ["合 计", "5项"], [], "total"],
    ["小计 in the second column", [null, "小计", "3"], [], "total"],
    ["总计：", ["总计：", "9"], [], "total"],
    ["总计划 is not a total", [3, "总计划投资超概算", "措施", "张三", "2025-03-31"], [], "item"],
    ["注：", ["注：本表每周五更新", "x"], [], "note"],
    ["注: half-width colon", ["注:本表", "x"], [], "note"],
    ["备注：", ["备注：略", "x"], [], "note"],
    ["填表说明", ["填表说明", "x"], [], "note"],
    ["注： not in the first column is not a note", [1, "注：问题", "措施", "张三", "2025-03-31"], [], "item"],
    ["an ordinary item", [2, "问题", "措施", "张三", "2025-03-31"], [], "item"],
    ["an item missing most fields", [2, "问题", "措施"], [], "item"],
  ])("%s", (_name, row, merges, kind) => {
    expect(kindOf(row, merges)).toBe(kind);
  });

  it("a row lying only under a value merged down from above is blank, not an item of someone else's unit", () => {
    const rows: CellValue[][] = [
      ["序号", "问题描述", "整改措施", "责任单位", "责任人"],
      [1, "问题", "措施", "工程部", "张三"],
      [2, "问题", "措施", null, "李四"],
      [],
    ];
    // The unit is merged over rows 2–4, but row 4 is otherwise empty.
    const grid = gridFrom(rows, { merges: ["D2:D4"] });
    const layout = detectLayout(grid, { headerRow: null, columns: {} });
    if ("reason" in layout) throw new Error("no layout");
    expect(layout.lastRow).toBe(3);
    expect(readItems(grid, layout).items.map((i) => i.cells.unit?.text)).toEqual(["工程部", "工程部"]);
  });

  it("hands each item to `finish` as it is read, and lists what `finish` made, in row order", () => {
    const rows: CellValue[][] = [HEADER, [1, "问题甲", "措施", "限期整改", "工程部"], ["小计"], [2, "问题乙", "措施"]];
    const grid = gridFrom(rows);
    const layout = detectLayout(grid, { headerRow: null, columns: {} });
    if ("reason" in layout) throw new Error("no layout");
    const seen: Item[] = [];
    const finished = readItems(grid, layout, (item) => {
      seen.push(item);
      return `${item.row}:${item.cells.description?.text ?? ""}`;
    });
    expect(finished.items).toEqual(["2:问题甲", "4:问题乙"]);
    expect(seen).toEqual(readItems(grid, layout).items);
    expect(finished.nonItems).toEqual(readItems(grid, layout).nonItems);
  });

  it("ignores values a host repeats into every cell of a merge (exceljs does)", () => {
    const rows: CellValue[][] = [
      ["序号", "问题描述", "整改措施", "责任人", "整改时限"],
      ["一、制度健全性", "一、制度健全性", "一、制度健全性", "一、制度健全性", "一、制度健全性"],
      [1, "问题", "措施", "张三", "2025-03-31"],
    ];
    const { items, nonItems } = read(rows, { merges: ["A2:E2"] });
    expect(nonItems).toEqual([{ row: 2, kind: "section" }]);
    expect(items.map((i) => i.row)).toEqual([3]);
  });

  it("a horizontally merged cell's value belongs to its left column only", () => {
    const rows: CellValue[][] = [
      ["序号", "问题描述", "整改措施", "责任人", "整改时限"],
      [1, "问题与措施写在一起", null, "张三", "2025-03-31"],
    ];
    const { items } = read(rows, { merges: ["B2:C2"] });
    expect(items[0]?.cells.description?.text).toBe("问题与措施写在一起");
    expect(items[0]?.cells.measures).toMatchObject({ value: null, text: "", col: 3 });
  });

  it("a note's continuation lines are notes; a full row after them is an item again", () => {
    expect(
      kinds([
        ["序号", "问题描述", "整改措施", "责任人"],
        [1, "问题", "措施", "张三"],
        ["注：", "本表按月更新"],
        ["1. 时限填写具体日期"],
        [],
        ["2. 状态填写已完成"],
        [2, "问题", "措施", "李四"],
      ]),
    ).toEqual({ 2: "item", 3: "note", 4: "note", 5: "blank", 6: "note", 7: "item" });
  });

  it("a 栏次 row under the header is the header's, and so is its copy under a repeated header", () => {
    expect(
      kinds([
        ["序号", "问题描述", "整改措施", "责任人", "整改时限"],
        ["栏次", 1, 2, 3, 4],
        [1, "问题", "措施", "张三", "2025-03-31"],
        ["序号", "问题描述", "整改措施", "责任人", "整改时限"],
        ["栏次", 1, 2, 3, 4],
        [2, "问题", "措施", "李四", "2025-06-30"],
      ]),
    ).toEqual({ 3: "item", 4: "header", 5: "header", 6: "item" });
  });

  it("the header repeated under itself (each printed page's, spacing aside) is a header row, not an item", () => {
    expect(
      kinds([
        ["序号", "问题描述", "整改措施", "责任人", "整改时限"],
        [1, "问题", "措施", "张三", "2025-03-31"],
        ["序号", "问题 描述", "整改措施", "责任人", "整改\n时限"],
        [2, "问题", "措施", "李四", "2025-06-30"],
        // Part of the header (a page that starts at a narrower print area) is still the header.
        ["序号", "问题描述", "整改措施"],
        [3, "问题", "措施", "王五", "2025-06-30"],
      ]),
    ).toEqual({ 2: "item", 3: "header", 4: "item", 5: "header", 6: "item" });
  });

  it("a two-row header repeated: its upper row (merged labels) and its lower row are header rows", () => {
    const header = [
      ["序号", "问题描述", "整改措施", "责任人", "整改情况", null],
      [null, null, null, null, "整改状态", "完成时间"],
    ];
    const { nonItems, items } = read(
      [...header, [1, "问题", "措施", "张三", "整改中", null], ...header, [2, "问题", "措施", "李四", "已完成", 45731]],
      { merges: ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:F1", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:F4"] },
    );
    expect(items.map((i) => i.row)).toEqual([3, 6]);
    expect(nonItems).toEqual([
      { row: 4, kind: "header" },
      { row: 5, kind: "header" },
    ]);
  });

  it("an item is not a header row for holding one header word among its values", () => {
    expect(
      kinds([
        ["序号", "问题描述", "整改措施", "责任人", "备注"],
        ["序号", "问题", "措施", "张三", null],
        [2, "责任人", "整改措施", "李四", "备注"],
      ]),
    ).toEqual({ 2: "item", 3: "item" });
  });
});

describe("readItems — reading values", () => {
  it("without a status column, a completion date makes the item done (SPEC §3)", () => {
    const { items } = read([
      ["序号", "问题描述", "整改措施", "完成时间", "是否销号", "销号时间", "佐证材料"],
      [1, "问题", "措施", "2025-03-01", "否", null, null],
      [2, "问题", "措施", null, null, null, null],
      [3, "问题", "措施", "2025-03-01", "是", "2025年3月10日", "纪要"],
    ]);
    expect(items.map((i) => [i.status, i.statusColumn, i.closedByColumn])).toEqual([
      ["done", null, false],
      ["not_started", null, false],
      ["closed", null, true],
    ]);
    expect(items[2]?.closedOn).toEqual({ kind: "date", date: "2025-03-10" });
  });

  it("an unknown type and an unknown status are kept as such; a blank seq is null", () => {
    const { items } = read([
      ["序号", "问题描述", "整改措施", "整改类型", "整改状态", "交办时间", "回头看时间"],
      [null, "问题", "措施", "马上就改", "快好了", "2025年1月", "3月底"],
    ]);
    expect(items[0]).toMatchObject({
      seq: null,
      type: null,
      typeUnknown: true,
      status: "unknown",
      assigned: { kind: "date", date: "2025-01-31" },
      reviewed: { kind: "invalid", text: "3月底" },
    });
  });

  it("a long_term type alone does not make an item ongoing; 长期坚持 in the status or deadline column does", () => {
    const { items } = read([
      ["序号", "问题描述", "整改措施", "整改类型", "整改时限", "整改状态"],
      [1, "问题", "措施", "长效治理", null, "整改中"],
      [2, "问题", "措施", "长效治理", null, "长期坚持"],
      [3, "问题", "措施", null, "2024年底前，并长期坚持", "整改中"],
    ]);
    expect(items.map((i) => [i.type, i.deadline.date, i.ongoing])).toEqual([
      ["long_term", null, false],
      ["long_term", null, true],
      [null, "2024-12-31", true],
    ]);
  });

  it("reads dates in the 1904 system when the workbook uses it", () => {
    const { items } = read(
      [
        ["序号", "问题描述", "整改措施", "完成时间"],
        [1, "问题", "措施", 44269],
      ],
      { date1904: true, numberFormats: [[], [null, null, null, "yyyy/m/d"]] },
    );
    expect(items[0]?.completed).toEqual({ kind: "date", date: "2025-03-15" });
  });

  it("never throws on odd values in any field", () => {
    const { items } = read([
      ["序号", "问题描述", "整改措施", "整改时限", "整改状态", "完成时间", "整改类型"],
      [{ error: "#REF!" }, { runs: ["问", "题"] }, true, { error: "#N/A" }, false, Number.NaN, { runs: [] }],
    ]);
    expect(items[0]).toMatchObject({ seq: "#REF!", deadline: { invalid: true }, completed: { kind: "invalid" } });
    expect(items[0]?.cells.description?.text).toBe("问题");
  });
});

describe("readItems — properties", () => {
  const cell: fc.Arbitrary<CellValue> = fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    fc.string({ maxLength: 6 }),
    fc.constantFrom(
      "序号",
      "问题描述",
      "整改措施",
      "责任人",
      "整改时限",
      "合计",
      "一、制度",
      "（二）",
      "注：",
      "填表说明",
      "长期坚持",
      "已完成",
      "2025-03-31",
    ),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant({ error: "#N/A" }),
    fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }).map((runs) => ({ runs })),
  );
  const merge = fc
    .tuple(
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 0, max: 4 }),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([top, left, h, w]) => ({ top, left, bottom: top + h, right: left + w }));
  const header = fc.shuffledSubarray(
    ["序号", "问题描述", "整改措施", "责任人", "整改时限", "整改状态", "完成时间", "是否销号"],
    {
      minLength: 3,
    },
  );

  it("never throws, and every row firstRow..lastRow is exactly one item or one classified non-item", () => {
    fc.assert(
      fc.property(
        header,
        fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 12 }),
        fc.array(merge, { maxLength: 4 }),
        (headerRow, body, merges) => {
          const grid = gridFrom([headerRow, ...body], { merges });
          const layout = detectLayout(grid, { headerRow: 1, columns: {} });
          if ("reason" in layout) return;
          const { items, nonItems } = readItems(grid, layout);
          const rows = [...items.map((i) => i.row), ...nonItems.map((n) => n.row)].sort((a, b) => a - b);
          const expected = Array.from({ length: layout.lastRow - layout.firstRow + 1 }, (_, i) => layout.firstRow + i);
          expect(rows).toEqual(expected);
          expect(items.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("readItems never throws for arbitrary grids with any detected layout", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 14 }),
        fc.array(merge, { maxLength: 5 }),
        (rows, merges) => {
          const grid = gridFrom(rows, { merges });
          const layout = detectLayout(grid, { headerRow: null, columns: {} });
          if ("reason" in layout) return;
          const { items, nonItems } = readItems(grid, layout);
          expect(items.length + nonItems.length).toBe(layout.lastRow - layout.firstRow + 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("MergeSweep", () => {
  it("gives the merges covering each ledger column, row by row, and restarts for an earlier row", () => {
    const merges = [
      { top: 2, left: 1, bottom: 4, right: 1 },
      { top: 3, left: 2, bottom: 3, right: 5 },
      { top: 1, left: 9, bottom: 9, right: 9 },
    ];
    const sweep = new MergeSweep(merges, 1, 3);
    const tops = (row: number): (number | null)[] => sweep.row(row).map((m) => (m ? m.top : null));
    expect(tops(1)).toEqual([null, null, null]);
    expect(tops(3)).toEqual([2, 3, 3]);
    expect(tops(4)).toEqual([2, null, null]);
    expect(tops(5)).toEqual([null, null, null]);
    expect(tops(2)).toEqual([2, null, null]);
  });
});

describe("readItems: cells of one column with the same value are one object", () => {
  const row = (seq: number, unit: CellValue, deadline: CellValue): CellValue[] => [
    seq,
    `问题${seq}`,
    "措施",
    "限期整改",
    unit,
    "张三",
    deadline,
    "整改中",
    null,
  ];

  it("shares equal values under one number format, keeps each cell's own value and format otherwise", () => {
    const rows: CellValue[][] = [HEADER, row(1, "财务科", 45000), row(2, "财务科", 45000), row(3, "财务科", 45000)];
    rows.push(row(4, 0, 0), row(5, -0, -0));
    const formats = rows.map((_, r) => rows[r]!.map((_, c) => (c === 6 && r !== 3 ? "yyyy/m/d" : null)));
    const { items } = read(rows, { numberFormats: formats });
    const [first, second, third, zero, negativeZero] = items as [Item, Item, Item, Item, Item];
    expect(second.cells.unit).toBe(first.cells.unit);
    expect(second.cells.deadline).toBe(first.cells.deadline);
    // Same value, another number format: its own cell, with its own format.
    expect(third.cells.deadline).not.toBe(first.cells.deadline);
    expect(third.cells.deadline).toEqual({ value: 45000, text: "45000", col: 7, numberFormat: null });
    expect(first.cells.deadline).toEqual({ value: 45000, text: "45000", col: 7, numberFormat: "yyyy/m/d" });
    // Unique texts are never mixed up.
    expect(items.map((item) => item.cells.description?.text)).toEqual(["问题1", "问题2", "问题3", "问题4", "问题5"]);
    // -0 is not taken for 0.
    expect(Object.is(negativeZero.cells.deadline?.value, -0)).toBe(true);
    expect(Object.is(zero.cells.deadline?.value, 0)).toBe(true);
  });

  it("keeps reading every value right after a column stops sharing (over 512 distinct values)", () => {
    const rows: CellValue[][] = [HEADER];
    for (let i = 1; i <= 600; i++) rows.push(row(i, `单位${i % 550}`, null));
    const { items } = read(rows);
    expect(items.map((item) => item.cells.unit?.text)).toEqual(rows.slice(1).map((r) => r[4]));
    expect(Object.keys(items[0]!.cells)).toEqual(Object.keys(items[599]!.cells));
  });
});

describe("readItems — extensions (原定时限 / 调整后时限)", () => {
  const header = ["序号", "问题描述", "整改措施", "责任单位", "责任人", "原定时限", "调整后时限", "延期原因"];
  const { items } = read([
    header,
    [1, "问题一", "措施一", "工程部", "张三", "2025-03-31", "2025-06-30", "资金未到位"],
    [2, "问题二", "措施二", "工程部", "李四", "2025-03-31", null, null],
    [3, "问题三", "措施三", "工程部", "王五", "2025-03-31", "2025-03-31", null],
    [4, "问题四", "措施四", "工程部", "赵六", null, "2025年底前", null],
    [5, "问题五", "措施五", "工程部", "钱七", null, null, null],
  ]);
  const brief = items.map((i) => [i.row, i.deadline.date, i.deadlineField, i.originalDeadline.date, i.extended]);

  it("follows 调整后时限 where filled, else 原定时限; extended only when the date moved", () => {
    expect(brief).toEqual([
      [2, "2025-06-30", "extendedDeadline", "2025-03-31", true],
      [3, "2025-03-31", "originalDeadline", "2025-03-31", false],
      [4, "2025-03-31", "extendedDeadline", "2025-03-31", false], // the same date copied over
      [5, "2025-12-31", "extendedDeadline", null, true],
      [6, null, "originalDeadline", null, false], // none: findings go to the first deadline column
    ]);
  });

  it("falls back to the ledger's 整改时限 when 原定时限 is empty on a row or absent", () => {
    const both = read([
      ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "原定时限", "调整后时限"],
      [1, "问题一", "措施一", "工程部", "张三", "2025-04-30", null, "2025-07-31"],
      [2, "问题二", "措施二", "工程部", "李四", "2025-04-30", "2025-03-31", null],
    ]).items.map((i) => [i.deadline.date, i.deadlineField, i.originalDeadline.date, i.extended]);
    expect(both).toEqual([
      ["2025-07-31", "extendedDeadline", "2025-04-30", true],
      ["2025-03-31", "originalDeadline", "2025-03-31", false],
    ]);
    const noOriginal = read([
      ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "延期后时限"],
      [1, "问题一", "措施一", "工程部", "张三", "2025-04-30", "2025-05-31"],
    ]).items.map((i) => [i.deadline.date, i.deadlineField, i.originalDeadline.date, i.extended]);
    expect(noOriginal).toEqual([["2025-05-31", "extendedDeadline", "2025-04-30", true]]);
  });

  it("keeps a ledger without extension columns exactly as before", () => {
    const plain = read([HEADER, [1, "问题", "措施", "限期整改", "工程部", "张三", "2025-03-31", "整改中", null]])
      .items[0];
    expect(plain?.deadlineField).toBe("deadline");
    expect(plain?.originalDeadline).toBe(plain?.deadline);
    expect(plain?.extended).toBe(false);
  });
});
