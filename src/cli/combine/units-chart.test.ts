/**
 * `combine --out` with many units, or none to draw: the chart the consolidated workbook gets (the
 * top 30 lit units, the sheet's first rows), and none when every file failed or no unit has a red or
 * yellow item — read back from the package the writer saved.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chartSeries, rawCells, readPart, sheetCharts } from "../../../test/support/xlsx-package";
import type { FileOutcome } from "./evaluate-file";
import { writeCombinedWorkbook } from "./workbook";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "combine-chart-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file read with `red` red, `yellow` yellow and 10 green items (no rows kept: 问题总台账 stays empty). */
function unitFile(unit: string, red: number, yellow: number): FileOutcome {
  const items = red + yellow + 10;
  return {
    file: `${unit}.xlsx`,
    unit,
    unitFrom: "title",
    ok: true,
    summary: {
      items,
      byStatus: { closed: 0, done: 0, in_progress: items, not_started: 0, ongoing: 0, unknown: 0 },
      byLight: { red, yellow, green: 10, closed: 0, none: 0 },
      overdue: red,
      completionRate: 0,
      closeRate: 0,
      onTimeRate: null,
      onTimeRateOriginal: null,
      amounts: null,
    },
    survey: null,
    findings: { error: 0, warning: 0 },
    error: null,
    onTime: { onTime: 0, dated: 0 },
    onTimeOriginal: { onTime: 0, dated: 0 },
    moneyUnits: {},
    fields: [],
    rows: null,
    warnings: [],
  };
}

function failedFile(name: string): FileOutcome {
  return {
    ...unitFile(name, 0, 0),
    ok: false,
    summary: null,
    error: "不是有效的 .xlsx 文件",
  };
}

describe("the chart of lights by unit in combine --out's workbook", () => {
  it("with 200 units shows the 30 with most red lights, from 各单位汇总's first rows, and says so", async () => {
    // Units with red from 0 to 19 and yellow from 0 to 9, in no particular order; some with neither.
    const outcomes = Array.from({ length: 200 }, (_, i) => unitFile(`单位${i}`, (i * 7) % 20, (i * 3) % 10));
    const path = join(dir, "many.xlsx");
    await writeCombinedWorkbook(path, outcomes);

    const chart = sheetCharts(path, "各单位汇总")?.charts[0]?.xml ?? "";
    expect(chart).toContain("<a:t>各单位红黄灯（红灯最多的前30个单位）</a:t>");
    const series = chartSeries(chart);
    expect(series.map((s) => [s.name, s.categoriesRef, s.valuesRef])).toEqual([
      ["红灯", "各单位汇总!$A$2:$A$31", "各单位汇总!$F$2:$F$31"],
      ["黄灯", "各单位汇总!$A$2:$A$31", "各单位汇总!$G$2:$G$31"],
    ]);
    const cells = rawCells(path, "各单位汇总");
    const column = (letter: string) => Array.from({ length: 30 }, (_, i) => cells.get(`${letter}${i + 2}`)?.value);
    expect(series[0]?.categories).toEqual(column("A"));
    expect(series[0]?.values).toEqual(column("F"));
    expect(series[1]?.values).toEqual(column("G"));
    // The 30 drawn have the most red lights of all 200.
    const reds = outcomes.map((o) => o.summary?.byLight.red ?? 0).sort((a, b) => b - a);
    expect(series[0]?.values).toEqual(reds.slice(0, 30));
  });

  it("draws nothing when every file failed, or when no unit has a red or yellow item", async () => {
    const cases: [string, FileOutcome[]][] = [
      ["failed.xlsx", [failedFile("甲"), failedFile("乙")]],
      ["green.xlsx", [unitFile("甲", 0, 0), unitFile("乙", 0, 0), failedFile("丙")]],
    ];
    for (const [name, outcomes] of cases) {
      const path = join(dir, name);
      await writeCombinedWorkbook(path, outcomes);
      expect({ name, charts: sheetCharts(path, "各单位汇总") }).toEqual({ name, charts: null });
      expect(readPart(path, "[Content_Types].xml")).not.toContain("drawing");
    }
  });
});
