import { gridFrom, type GridOptions } from "../../test/support/grid-builder";
import { amountColumnUnits } from "./amounts";
import { evaluate } from "./evaluate";
import type { AmountSummary, CellValue } from "./types";

const TODAY = "2025-03-31";

function amountsOf(rows: CellValue[][], opts: GridOptions = {}): AmountSummary | null {
  const evaluation = evaluate({ ledger: gridFrom(rows, opts), today: TODAY });
  if (!evaluation.ok) throw new Error(evaluation.message.en);
  return evaluation.result.summary.amounts;
}

const HEAD = ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "整改状态"];
const item = (seq: number, unit: string, status: string, ...amounts: CellValue[]): CellValue[] => [
  seq,
  `问题${seq}`,
  `修订《制度${seq}》`,
  unit,
  "张三",
  "2025-06-30",
  status,
  ...amounts,
];

describe("amountColumnUnits", () => {
  const units = (rows: CellValue[][], opts: GridOptions = {}) => {
    const evaluation = evaluate({ ledger: gridFrom(rows, opts), today: TODAY });
    if (!evaluation.ok) throw new Error(evaluation.message.en);
    return amountColumnUnits(gridFrom(rows, opts), evaluation.result.layout).map((c) => [
      c.field,
      c.unit,
      c.unitSource,
    ]);
  };

  it("reads the unit from the header text", () => {
    expect(units([[...HEAD, "涉及金额（万元）", "追回金额(元)"], item(1, "工程部", "整改中", 1, 2)])).toEqual([
      ["amountInvolved", "万元", "header"],
      ["amountRecovered", "元", "header"],
    ]);
  });

  it("reads a 单位：万元 note above the header for every column without a unit of its own", () => {
    expect(
      units([
        ["", "", "", "", "", "", "", "单位：万元"],
        [...HEAD, "涉及金额", "整改金额（元）"],
        item(1, "工程部", "整改中", 1, 2),
      ]),
    ).toEqual([
      ["amountInvolved", "万元", "units-row"],
      ["amountRectified", "元", "header"],
    ]);
  });

  it("reads a parent label over the money columns (金额（万元） over 涉及金额 | 整改金额)", () => {
    const top = ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "整改状态", "金额（万元）", null];
    expect(
      units(
        [top, [null, null, null, null, null, null, null, "涉及金额", "整改金额"], item(1, "工程部", "整改中", 1, 2)],
        {
          merges: ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:F2", "G1:G2", "H1:I1"],
        },
      ),
    ).toEqual([
      ["amountInvolved", "万元", "units-row"],
      ["amountRectified", "万元", "units-row"],
    ]);
  });

  it("leaves the unit to the number format, else 元, when the header says nothing", () => {
    expect(units([[...HEAD, "涉及金额"], item(1, "工程部", "整改中", 5)])).toEqual([
      ["amountInvolved", "元", "default"],
    ]);
    const summary = amountsOf([[...HEAD, "涉及金额"], item(1, "工程部", "整改中", 5)], {
      numberFormats: [[], [null, null, null, null, null, null, null, '#,##0.00"万元"']],
    });
    expect(summary?.columns.map((c) => [c.unit, c.unitSource, c.total])).toEqual([["万元", "number-format", 5]]);
  });
});

describe("summarizeAmounts (through evaluate)", () => {
  it("is null on a ledger without money columns", () => {
    expect(amountsOf([HEAD, item(1, "工程部", "整改中")])).toBeNull();
  });

  it("sums numbers and text amounts exactly, in total, by status and by unit", () => {
    const summary = amountsOf([
      [...HEAD, "涉及金额（万元）", "整改金额（万元）"],
      item(1, "工程部", "已完成", 10.5, 10.5),
      item(2, "工程部", "整改中", "1,234.5", 200),
      item(3, "财务部", "已完成", "0.1", "0.2"),
      item(4, "财务部", "未整改", "待核实", null),
      ["合计", null, null, null, null, null, null, 9999, 9999],
    ]);
    expect(summary).toMatchObject({ unit: "万元", converted: false, rectifiedBasis: "column" });
    expect(summary?.columns.map((c) => [c.field, c.total, c.rows, c.unreadableRows, c.allNumbers])).toEqual([
      ["amountInvolved", 1245.1, [2, 3, 4], [5], false],
      ["amountRectified", 210.7, [2, 3, 4], [], false],
    ]);
    expect(summary?.total).toMatchObject({ items: 4, involved: 1245.1, rectified: 210.7 });
    expect(summary?.total.rate).toBeCloseTo(210.7 / 1245.1, 12);
    expect(summary?.byStatus.map((g) => [g.key, g.items, g.involved, g.rectified])).toEqual([
      ["done", 2, 10.6, 10.7],
      ["in_progress", 1, 1234.5, 200],
      ["not_started", 1, 0, 0],
    ]);
    expect(summary?.byUnit.map((g) => [g.key, g.items, g.involved, g.rectified, g.rows])).toEqual([
      ["工程部", 2, 1245, 210.5, [2, 3]],
      ["财务部", 2, 0.1, 0.2, [4, 5]],
    ]);
  });

  it("converts mixed units to 万元 and says so", () => {
    const summary = amountsOf([
      [...HEAD, "涉及金额（元）", "追回金额（万元）"],
      item(1, "工程部", "已完成", 125000, 1.5),
      item(2, "工程部", "整改中", "3万元", 0.25),
    ]);
    expect(summary).toMatchObject({ unit: "万元", converted: true });
    expect(summary?.columns.map((c) => [c.field, c.unit, c.total, c.allNumbers])).toEqual([
      ["amountInvolved", "元", 15.5, false], // 12.5 万 + 3 万 (text with its own unit)
      ["amountRecovered", "万元", 1.75, true],
    ]);
  });

  it("keeps 元 when every column is in 元", () => {
    const summary = amountsOf([[...HEAD, "涉及金额", "上缴金额"], item(1, "工程部", "整改中", 100, 50.25)]);
    expect(summary).toMatchObject({ unit: "元", converted: false });
    expect(summary?.columns.map((c) => [c.total, c.allNumbers])).toEqual([
      [100, true],
      [50.25, true],
    ]);
  });

  it("takes 已整改金额 from finished items' 涉及金额 without a 整改金额 column", () => {
    const summary = amountsOf([
      [...HEAD, "涉及金额"],
      item(1, "工程部", "已完成", 300),
      item(2, "工程部", "整改中", 100),
      item(3, "工程部", "已销号", 100),
    ]);
    expect(summary?.rectifiedBasis).toBe("finished-items");
    expect(summary?.total).toMatchObject({ involved: 500, rectified: 400, rate: 0.8 });
  });

  it("has no rate where nothing is involved", () => {
    const summary = amountsOf([[...HEAD, "追回金额"], item(1, "工程部", "整改中", 10)]);
    expect(summary).toMatchObject({ rectifiedBasis: null, total: { involved: null, rectified: null, rate: null } });
  });
});
