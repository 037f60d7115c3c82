import { gridFrom } from "../../../test/support/grid-builder";
import { lastPeriodRecord } from "../../../test/support/item-factory";
import { sheetPlanCells, type PlanCell } from "../plan/sheet-plan";
import type { CellValue } from "../types";
import type { PeriodRecord } from "./record";
import {
  HISTORY_COLUMNS,
  HISTORY_SHEET_NAME,
  isHistorySheetName,
  pickHistorySheet,
  planHistorySheet,
  readHistorySheet,
} from "./sheet";

const records: PeriodRecord[] = [
  lastPeriodRecord({
    period: "2025-03-17",
    key: "2025-03-17#1",
    seq: "1",
    description: '=HYPERLINK("x")合同滞后',
    light: "red",
    overdueDays: 40,
    deadline: "2025-02-05",
  }),
  lastPeriodRecord({
    period: "2025-03-17",
    key: "2025-03-17#2",
    seq: "2",
    status: "closed",
    light: "closed",
    completed: "2025-03-01",
    closed: true,
  }),
  lastPeriodRecord({
    period: "2025-03-24",
    key: "2025-03-17#1",
    seq: "1",
    light: "red",
    overdueDays: 47,
    deadline: "2025-02-05",
    unit: "+工程部",
  }),
];

/** The plan's cells as the 2-D values a host would read back (text as text, numbers as numbers). */
function valuesOf(plan: ReturnType<typeof planHistorySheet>): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const { row, col, cell } of sheetPlanCells(plan)) {
    const line = (rows[row - 1] ??= []);
    line[col - 1] = cellValue(cell);
  }
  return Array.from(rows, (line) => Array.from(line ?? [], (value) => value ?? null));
}

function cellValue(cell: PlanCell): CellValue {
  if (cell.kind === "number") return cell.value;
  if (cell.kind === "text") return cell.text;
  throw new Error(`the history sheet writes only text and numbers, not ${cell.kind}`);
}

describe("the 评估记录 sheet", () => {
  it("is one table under a frozen header row, every text a text cell", () => {
    const plan = planHistorySheet(records);
    expect(plan.name).toBe(HISTORY_SHEET_NAME);
    expect(plan.freezeRows).toBe(1);
    expect(plan.tables[0]?.header).toEqual(HISTORY_COLUMNS.map((c) => c.header));
    const cells = sheetPlanCells(plan);
    expect(cells.some((c) => c.cell.kind === "formula" || c.cell.kind === "link")).toBe(false);
    expect(cells.find((c) => c.row === 2 && c.col === 4)?.cell).toEqual({
      kind: "text",
      text: '=HYPERLINK("x")合同滞后',
      style: "body",
    });
    expect(cells.find((c) => c.row === 3 && c.col === 6)?.cell).toMatchObject({ text: "已销号" });
  });

  it("reads back exactly what it wrote", () => {
    const reading = readHistorySheet(gridFrom(valuesOf(planHistorySheet(records)), { sheet: HISTORY_SHEET_NAME }));
    expect(reading).toEqual({ headerFound: true, records, skippedRows: [] });
  });

  it("finds its columns by header in any order, below a note, and reads date serials and codes", () => {
    const grid = gridFrom([
      ["用户加的说明"],
      ["项目标识", "评估日期", "预警状态", "整改状态", "是否销号", "整改时限"],
      ["k1", 45740, "red", "in_progress", "", "2025/2/5"],
    ]);
    expect(readHistorySheet(grid).records).toEqual([
      {
        period: "2025-03-24",
        key: "k1",
        seq: "",
        description: "",
        unit: "",
        status: "in_progress",
        light: "red",
        overdueDays: 0,
        deadline: "2025-02-05",
        completed: null,
        closed: false,
      },
    ]);
  });

  it("skips rows a user broke, lists them, and ignores blank rows", () => {
    const grid = gridFrom([
      ["评估日期", "项目标识", "整改状态", "预警状态", "逾期天数"],
      ["2025-03-24", "k1", "整改中", "红灯", "x"],
      ["不是日期", "k2", "整改中", "绿灯", 0],
      [null, null, null, null, null],
      ["2025-03-24", "", "整改中", "绿灯", 0],
      ["2025-03-24", "k1", "已完成", "绿灯", 0],
      ["2025-03-24", "k3", "随便写", "紫灯", -3],
    ]);
    const reading = readHistorySheet(grid);
    expect(reading.skippedRows).toEqual([3, 5, 6]);
    expect(reading.records.map((r) => [r.key, r.status, r.light, r.overdueDays])).toEqual([
      ["k1", "in_progress", "red", 0],
      ["k3", "unknown", "none", 0],
    ]);
  });

  it("says when the sheet has no header it can read", () => {
    expect(readHistorySheet(gridFrom([["随便什么"], ["2025-03-24", "k1"]]))).toEqual({
      headerFound: false,
      records: [],
      skippedRows: [],
    });
  });
});

describe("pickHistorySheet", () => {
  it("uses 评估记录 when free or ours, and never a user's sheet of that name", () => {
    expect(pickHistorySheet([{ name: "台账", ours: false }])).toEqual({ name: "评估记录", exists: false });
    expect(pickHistorySheet([{ name: "评估记录", ours: true }])).toEqual({ name: "评估记录", exists: true });
    expect(pickHistorySheet([{ name: "评估记录", ours: false }])).toEqual({ name: "评估记录 (2)", exists: false });
    expect(
      pickHistorySheet([
        { name: "评估记录", ours: false },
        { name: "评估记录 (2)", ours: true },
      ]),
    ).toEqual({ name: "评估记录 (2)", exists: true });
    expect(isHistorySheetName("评估记录 (2)")).toBe(true);
    expect(isHistorySheetName("评估记录表")).toBe(false);
  });
});
