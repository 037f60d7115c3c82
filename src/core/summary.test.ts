import { itemFrom, layoutWith } from "../../test/support/item-factory";
import { DEFAULT_SETTINGS } from "./settings";
import { roundRate } from "./format";
import { breakdown, summarize, typeKey, warningList } from "./summary";
import { FIELD_KEYS, type EvaluatedItem } from "./types";

/**
 * Nine items with every status and light; the expected numbers below are counted by hand from this
 * table, not by calling the code under test.
 *
 * row seq unit   category type          status       light   overdue deadline    completed
 *  3   1  工程部 制度建设 time_limited  closed       closed   0      2025-02-28  2025-02-20  (on time)
 *  4   2  工程部 执行规范 immediate     done         green    0      2025-01-10  2025-01-20  (late)
 *  5   3  财务部 制度建设 time_limited  in_progress  red     59      2025-01-31
 *  6   4  财务部 风险防控 long_term     not_started  yellow  20      2025-03-11
 *  7   5  (empty) (empty) 随时整改(?)   in_progress  green    5      2025-03-26
 *  8   6  审计科 风险防控 long_term     ongoing      green    0      长期坚持
 *  9   7  审计科 制度建设 (empty)       closed       closed   0      2025-03-31  (none)
 * 10   8  工程部 执行规范 immediate     unknown      red     45      2025-02-14
 * 11   9  财务部 执行规范 time_limited  done         green    0      2025-03-31  2025-03-31  (on time)
 */
const ITEMS: EvaluatedItem[] = [
  itemFrom({
    row: 3,
    cells: {
      seq: "1",
      description: "未按规定公开招标",
      unit: "工程部",
      owner: "张三",
      category: "制度建设",
      type: "限期整改",
      measures: "修订《工程建设项目管理办法》《招投标实施细则》",
      progress: "已印发《EPC项目管理规定》",
      deadline: "2025-02-28",
      completed: "2025-02-20",
    },
    type: "time_limited",
    status: "closed",
    light: "closed",
  }),
  itemFrom({
    row: 4,
    cells: {
      seq: "2",
      description: "资料缺失",
      unit: "工程部",
      owner: "李四",
      category: "执行规范",
      type: "立行立改",
      progress: "已印发《招投标实施细则》，形成《 工程管理标准化手册 》",
      deadline: "2025-01-10",
      completed: "2025-01-20",
    },
    type: "immediate",
    status: "done",
    light: "green",
  }),
  itemFrom({
    row: 5,
    cells: {
      seq: "3",
      description: "资金拨付滞后",
      unit: "财务部",
      owner: "王五",
      category: "制度建设",
      type: "限期整改",
      measures: "制定《资金拨付管理办法》",
      deadline: "2025-01-31",
    },
    type: "time_limited",
    status: "in_progress",
    light: "red",
    overdueDays: 59,
  }),
  itemFrom({
    row: 6,
    cells: {
      seq: "4",
      description: "风险清单未更新",
      unit: "财务部",
      owner: "赵六",
      category: "风险防控",
      type: "长效治理",
      deadline: "2025-03-11",
    },
    type: "long_term",
    status: "not_started",
    light: "yellow",
    overdueDays: 20,
  }),
  itemFrom({
    row: 7,
    cells: {
      seq: "5",
      description: "监理缺位",
      unit: "",
      owner: "",
      category: "",
      type: "随时整改",
      deadline: "2025-03-26",
    },
    typeUnknown: true,
    status: "in_progress",
    light: "green",
    overdueDays: 5,
  }),
  itemFrom({
    row: 8,
    cells: {
      seq: "6",
      description: "廉洁教育不足",
      unit: "审计科",
      category: "风险防控",
      type: "长效治理",
      deadline: "长期坚持",
    },
    type: "long_term",
    status: "ongoing",
    light: "green",
  }),
  itemFrom({
    row: 9,
    cells: {
      seq: "7",
      description: "制度汇编未更新",
      unit: "审计科",
      category: "制度建设",
      type: "",
      measures: "修订《ＥＰＣ项目管理规定》",
      deadline: "2025-03-31",
      completed: "",
    },
    status: "closed",
    light: "closed",
  }),
  itemFrom({
    row: 10,
    cells: {
      seq: "8",
      description: "=SUM(A1)",
      unit: "工程部",
      owner: "钱七",
      category: "执行规范",
      type: "立行立改",
      deadline: "2025-02-14",
    },
    type: "immediate",
    status: "unknown",
    light: "red",
    overdueDays: 45,
  }),
  itemFrom({
    row: 11,
    cells: {
      seq: "9",
      description: "验收不规范",
      unit: "财务部",
      category: "执行规范",
      type: "限期整改",
      deadline: "2025-03-31",
      completed: "2025-03-31",
    },
    type: "time_limited",
    status: "done",
    light: "green",
  }),
];

const summary = summarize({ items: ITEMS, layout: layoutWith(), settings: DEFAULT_SETTINGS, survey: null });

describe("summarize: totals and rates (SPEC §6)", () => {
  it("counts every status and every light, with 0 for those absent", () => {
    expect(summary.items).toBe(9);
    expect(summary.byStatus).toEqual({ closed: 2, done: 2, in_progress: 2, not_started: 1, ongoing: 1, unknown: 1 });
    expect(summary.byLight).toEqual({ red: 2, yellow: 1, green: 4, closed: 2, none: 0 });
  });

  it("overdue = not finished with overdueDays > 0, including the green item 5 days late", () => {
    expect(summary.overdue).toBe(4); // rows 5, 6, 7, 10
  });

  it("completionRate = (done + closed) / items; closeRate = closed / items", () => {
    expect(summary.completionRate).toBe(4 / 9);
    expect(summary.closeRate).toBe(2 / 9);
  });

  it("onTimeRate counts finished items with both dates only (row 9 has no completion date)", () => {
    expect(summary.onTimeRate).toBe(2 / 3); // rows 3 and 11 on time (11 on the day), row 4 late
  });

  it("rounds rates to three decimals for the JSON output only", () => {
    expect([summary.completionRate, summary.closeRate, summary.onTimeRate].map(roundRate)).toEqual([
      0.444, 0.222, 0.667,
    ]);
    expect(roundRate(18 / 37)).toBe(0.486); // the CLI example of SPEC §9
    expect(roundRate(null)).toBeNull();
  });

  it("has null rates and all-zero counts without items", () => {
    const empty = summarize({ items: [], layout: layoutWith(), settings: DEFAULT_SETTINGS, survey: null });
    expect(empty).toMatchObject({ items: 0, overdue: 0, completionRate: null, closeRate: null, onTimeRate: null });
    expect(Object.values(empty.byStatus)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Object.values(empty.byLight)).toEqual([0, 0, 0, 0, 0]);
    expect([empty.byUnit, empty.byType, empty.byCategory, empty.warnings]).toEqual([[], [], [], []]);
  });

  it("onTimeRateOriginal equals onTimeRate on a ledger without extensions", () => {
    expect(summary.onTimeRateOriginal).toBe(summary.onTimeRate);
  });

  it("onTimeRate follows the extended deadline; onTimeRateOriginal the one before", () => {
    const finished = (row: number, deadline: string, extendedDeadline: string, completed: string) =>
      itemFrom({ row, status: "done", light: "green", cells: { deadline, extendedDeadline, completed } });
    const items = [
      finished(3, "2025-03-31", "2025-06-30", "2025-05-20"), // late by the original, on time as extended
      finished(4, "2025-03-31", "", "2025-03-15"), // on time, not extended
      finished(5, "2025-03-31", "2025-04-30", "2025-05-10"), // late either way
    ];
    const result = summarize({ items, layout: layoutWith(), settings: DEFAULT_SETTINGS, survey: null });
    expect(result.onTimeRate).toBe(2 / 3);
    expect(result.onTimeRateOriginal).toBe(1 / 3);
  });

  it("has a null onTimeRate when no finished item has both dates", () => {
    const items = [itemFrom({ status: "done", light: "green", cells: { deadline: "2025-03-01" } })];
    const result = summarize({ items, layout: layoutWith(), settings: DEFAULT_SETTINGS, survey: null });
    expect(result.completionRate).toBe(1);
    expect(result.onTimeRate).toBeNull();
  });
});

describe("summarize: breakdowns (items desc, then key)", () => {
  it("by unit, with （未填写） for an empty cell", () => {
    expect(summary.byUnit).toEqual([
      { key: "工程部", items: 3, finished: 2, closed: 1, red: 1, yellow: 0, overdue: 1 },
      { key: "财务部", items: 3, finished: 1, closed: 0, red: 1, yellow: 1, overdue: 2 },
      { key: "审计科", items: 2, finished: 1, closed: 1, red: 0, yellow: 0, overdue: 0 },
      { key: "（未填写）", items: 1, finished: 0, closed: 0, red: 0, yellow: 0, overdue: 1 },
    ]);
  });

  it("by type: the ItemType, （其他） for unrecognised text, （未填写） for an empty cell", () => {
    expect(summary.byType).toEqual([
      { key: "time_limited", items: 3, finished: 2, closed: 1, red: 1, yellow: 0, overdue: 1 },
      { key: "immediate", items: 2, finished: 1, closed: 0, red: 1, yellow: 0, overdue: 1 },
      { key: "long_term", items: 2, finished: 0, closed: 0, red: 0, yellow: 1, overdue: 1 },
      { key: "（其他）", items: 1, finished: 0, closed: 0, red: 0, yellow: 0, overdue: 1 },
      { key: "（未填写）", items: 1, finished: 1, closed: 1, red: 0, yellow: 0, overdue: 0 },
    ]);
  });

  it("by category", () => {
    expect(summary.byCategory).toEqual([
      { key: "制度建设", items: 3, finished: 2, closed: 2, red: 1, yellow: 0, overdue: 1 },
      { key: "执行规范", items: 3, finished: 2, closed: 0, red: 1, yellow: 0, overdue: 1 },
      { key: "风险防控", items: 2, finished: 0, closed: 0, red: 0, yellow: 1, overdue: 1 },
      { key: "（未填写）", items: 1, finished: 0, closed: 0, red: 0, yellow: 0, overdue: 1 },
    ]);
  });

  it("is empty for a field the ledger has no column for", () => {
    const noTypeOrCategory = FIELD_KEYS.filter((f) => f !== "type" && f !== "category");
    const result = summarize({
      items: ITEMS,
      layout: layoutWith(noTypeOrCategory),
      settings: DEFAULT_SETTINGS,
      survey: null,
    });
    expect(result.byType).toEqual([]);
    expect(result.byCategory).toEqual([]);
    expect(result.byUnit).toHaveLength(4);
  });

  it("orders ties by key in code-point order, whatever the input order", () => {
    const keys = ["b", "a", "c", "a", "（未填写）", "b"];
    const items = keys.map((unit, i) => itemFrom({ row: i + 3, cells: { unit } }));
    const rows = breakdown(items, (item) => item.cells.unit?.text ?? "");
    expect(rows.map((r) => [r.key, r.items])).toEqual([
      ["a", 2],
      ["b", 2],
      ["c", 1],
      ["（未填写）", 1],
    ]);
  });

  it.each([
    [{ type: "immediate" as const }, "immediate"],
    [{ typeUnknown: true, cells: { type: "随时整改" } }, "（其他）"],
    [{ cells: { type: "随时整改" } }, "（其他）"],
    [{ cells: { type: "" } }, "（未填写）"],
    [{}, "（未填写）"],
  ])("typeKey(%j) = %s", (spec, key) => {
    expect(typeKey(itemFrom(spec))).toBe(key);
  });
});

describe("summarize: the red and yellow list", () => {
  it("lists red first, then by overdue days (most first), with the row and the cells' text", () => {
    expect(summary.warnings).toEqual([
      {
        row: 5,
        seq: "3",
        description: "资金拨付滞后",
        unit: "财务部",
        owner: "王五",
        deadline: "2025-01-31",
        overdueDays: 59,
        light: "red",
      },
      {
        row: 10,
        seq: "8",
        description: "=SUM(A1)",
        unit: "工程部",
        owner: "钱七",
        deadline: "2025-02-14",
        overdueDays: 45,
        light: "red",
      },
      {
        row: 6,
        seq: "4",
        description: "风险清单未更新",
        unit: "财务部",
        owner: "赵六",
        deadline: "2025-03-11",
        overdueDays: 20,
        light: "yellow",
      },
    ]);
  });

  it("keeps sheet order among equally overdue items, and a yellow item after a less overdue red one", () => {
    const items = [
      itemFrom({ row: 9, light: "yellow", overdueDays: 40 }),
      itemFrom({ row: 8, light: "red", overdueDays: 31 }),
      itemFrom({ row: 4, light: "red", overdueDays: 31 }),
      itemFrom({ row: 3, light: "green", overdueDays: 3 }),
    ];
    expect(warningList(items).map((w) => w.row)).toEqual([4, 8, 9]);
  });
});

describe("summarize: indicators", () => {
  it("lists the five indicators of SPEC §6, the close rate being the summary's", () => {
    expect(summary.indicators.map((i) => i.id)).toEqual([
      "institution-revisions",
      "rotation-rate",
      "close-rate",
      "survey-score",
      "audit-drop",
    ]);
    expect(summary.indicators[2]).toMatchObject({ actual: 2 / 9, met: false });
  });

  it("counts the distinct 《…》 titles of finished items only, normalised for width and spaces", () => {
    // Row 5's 《资金拨付管理办法》 is not finished; 《ＥＰＣ…》 (row 9) is 《EPC…》 (row 3).
    expect(summary.indicators[0]).toMatchObject({ actual: 4, target: 5, met: false });
    expect(summary.indicators[0]?.evidence).toEqual([
      "《工程建设项目管理办法》（第 3 行）",
      "《招投标实施细则》（第 3、4 行）",
      "《EPC项目管理规定》（第 3、9 行）",
      "《工程管理标准化手册》（第 4 行）",
    ]);
  });
});
