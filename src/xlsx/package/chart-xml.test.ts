/**
 * The charts' DrawingML carries each series' colour: a line's stroke and its markers, a bar's fill —
 * the same looks the Excel adapter sets through Office.js (src/excel/render-sheet-plan.ts).
 */
import type { ChartPlan } from "../../core/plan/sheet-plan";
import { chartXml, TRANSITIONAL_DRAWING } from "./chart-xml";

const SHEET = "整改情况汇总";

function chart(type: ChartPlan["type"], colors: readonly string[]): ChartPlan {
  return {
    id: type,
    type,
    title: "t",
    categories: { sheet: SHEET, address: "A2:A3" },
    categoryLabels: ["2025-03-03", "2025-03-10"],
    series: colors.map((color, i) => ({
      name: `s${i}`,
      values: { sheet: SHEET, address: `${String.fromCharCode(66 + i)}2:${String.fromCharCode(66 + i)}3` },
      data: [i, i + 1],
      color,
    })),
    anchor: { top: 5, left: 1, bottom: 20, right: 6 },
  };
}

/** Each `<c:ser>` of the chart part, in order. */
function seriesOf(xml: string): string[] {
  return [...xml.matchAll(/<c:ser>.*?<\/c:ser>/g)].map((m) => m[0]);
}

describe("chartXml: series colours", () => {
  it("draws each line and its circle markers in the series' colour", () => {
    const colors = ["#70ad47", "#C00000"];
    const series = seriesOf(chartXml(chart("line", colors), TRANSITIONAL_DRAWING));
    expect(series).toHaveLength(2);
    series.forEach((ser, i) => {
      const rgb = (colors[i] ?? "").slice(1).toUpperCase();
      const solid = `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;
      expect(ser).toContain(`<c:spPr><a:ln w="28575" cap="rnd">${solid}`);
      expect(ser).toContain(`<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr>${solid}<a:ln>${solid}</a:ln>`);
    });
  });

  it("fills each bar of a stacked column chart with its series' colour", () => {
    const series = seriesOf(chartXml(chart("stackedColumn", ["#FFC7CE", "#FFEB9C"]), TRANSITIONAL_DRAWING));
    expect(series.map((ser) => /<c:spPr><a:solidFill><a:srgbClr val="(\w+)"\/>/.exec(ser)?.[1])).toEqual([
      "FFC7CE",
      "FFEB9C",
    ]);
    expect(series.every((ser) => !ser.includes("<a:ln"))).toBe(true);
  });
});
