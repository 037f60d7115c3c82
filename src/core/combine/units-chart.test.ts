/**
 * 各单位汇总's chart plan: the lit units (the sheet's first rows), at most 30 with the title saying
 * so, in the colours of the summary's lights-by-unit chart, right of the table.
 */
import { LIGHT_FILLS } from "../plan/marks-plan";
import { byLightsDescending } from "./unit-order";
import { planUnitsLightsChart, UNITS_CHART_MAX_UNITS, type UnitLightsRow, type UnitsSheetLayout } from "./units-chart";

const LAYOUT: UnitsSheetLayout = {
  sheet: "各单位汇总",
  firstRow: 2,
  unitColumn: 1,
  redColumn: 6,
  yellowColumn: 7,
  lastColumn: 17,
};

/** Units as the sheet orders them: `counts` are [red, yellow] per unit, in any order. */
function sheetRows(counts: readonly (readonly [number, number])[]): UnitLightsRow[] {
  return counts
    .map(([red, yellow], i) => ({ unit: `单位${i + 1}`, summary: { byLight: { red, yellow }, overdue: 0 } }))
    .sort(byLightsDescending)
    .map((u) => ({ unit: u.unit, red: u.summary.byLight.red, yellow: u.summary.byLight.yellow }));
}

describe("planUnitsLightsChart", () => {
  it("draws every unit with a red or yellow item: red and yellow stacked, from the sheet's own cells", () => {
    const rows = sheetRows([
      [0, 2],
      [3, 1],
      [0, 0],
      [1, 0],
    ]);
    const chart = planUnitsLightsChart(rows, LAYOUT);
    expect(chart).toMatchObject({
      type: "stackedColumn",
      title: "各单位红黄灯",
      categories: { sheet: "各单位汇总", address: "A2:A4" },
      categoryLabels: ["单位2", "单位4", "单位1"],
    });
    expect(chart?.series).toEqual([
      { name: "红灯", values: { sheet: "各单位汇总", address: "F2:F4" }, data: [3, 1, 0], color: LIGHT_FILLS.red },
      { name: "黄灯", values: { sheet: "各单位汇总", address: "G2:G4" }, data: [1, 0, 2], color: LIGHT_FILLS.yellow },
    ]);
  });

  it("with many units, shows the 30 with most red lights and says so in its title", () => {
    const counts = Array.from({ length: 200 }, (_, i) => [(i * 7) % 13, i % 5] as const);
    const rows = sheetRows(counts);
    const lit = rows.filter((r) => r.red + r.yellow > 0).length;
    expect(lit).toBeGreaterThan(UNITS_CHART_MAX_UNITS);
    const chart = planUnitsLightsChart(rows, LAYOUT);
    expect(chart?.title).toBe("各单位红黄灯（红灯最多的前30个单位）");
    expect(chart?.categories.address).toBe("A2:A31");
    expect(chart?.categoryLabels).toEqual(rows.slice(0, 30).map((r) => r.unit));
    expect(chart?.series[0]?.data).toEqual(rows.slice(0, 30).map((r) => r.red));
    const fewestRedShown = Math.min(...(chart?.series[0]?.data ?? []));
    expect(rows.slice(30).every((r) => r.red <= fewestRedShown)).toBe(true);
  });

  it("covers no cell of the table: right of its last column, from the first unit's row; wider with more units", () => {
    const few = planUnitsLightsChart(sheetRows([[1, 1]]), LAYOUT);
    const many = planUnitsLightsChart(sheetRows(Array.from({ length: 40 }, () => [1, 0] as const)), LAYOUT);
    expect(few?.anchor.left).toBeGreaterThan(LAYOUT.lastColumn);
    expect(few?.anchor.top).toBe(LAYOUT.firstRow);
    const width = (c: typeof few) => (c ? c.anchor.right - c.anchor.left + 1 : 0);
    expect(width(many)).toBeGreaterThan(width(few));
  });

  it("is not drawn when no unit has a red or yellow item, nor when there is no unit", () => {
    expect(planUnitsLightsChart(sheetRows([[0, 0]]), LAYOUT)).toBeNull();
    expect(planUnitsLightsChart([], LAYOUT)).toBeNull();
  });
});
