/** 二～四、按责任单位 / 整改类型 / 问题类别, and the chart of lights by unit drawn from the first (placed under the three). */
import { columnLetter } from "../../grid";
import { typeKey, UNFILLED_KEY } from "../../summary";
import type { BreakdownRow, EvaluatedItem, ItemType, Light } from "../../types";
import { LIGHT_LABELS, STATUS_LABELS, TYPE_LABELS } from "../../vocabulary";
import { LIGHT_FILLS } from "../marks";
import type { ChartPlan, PlanTable } from "../sheet-plan";
import { num, text, type PlanContext } from "./cells";

type BreakdownField = "unit" | "type" | "category";

/** The key the summary groups a breakdown by (the same functions as `summarize`, so the counts agree). */
function breakdownKeyOf(field: BreakdownField): (item: EvaluatedItem) => string {
  if (field === "type") return typeKey;
  return (item) => item.cells[field]?.text || UNFILLED_KEY;
}

function groupLabel(field: BreakdownField, key: string): string {
  return field === "type" && key in TYPE_LABELS ? TYPE_LABELS[key as ItemType] : key;
}

const FIELD_NAMES: Readonly<Record<BreakdownField, string>> = {
  unit: "责任单位",
  type: "整改类型",
  category: "问题类别",
};

/** 二～四、按责任单位 / 整改类型 / 问题类别, with a green count per group (for the chart). */
export function planBreakdowns({ result, sheet, rowsText }: PlanContext): { byUnit: PlanTable; unitGreens: number[] } {
  const { layout, summary, items } = result;
  const breakdownTables: Record<BreakdownField, PlanTable> = {} as Record<BreakdownField, PlanTable>;
  const breakdownSource: Record<BreakdownField, readonly BreakdownRow[]> = {
    unit: summary.byUnit,
    type: summary.byType,
    category: summary.byCategory,
  };
  const greens: Record<BreakdownField, number[]> = { unit: [], type: [], category: [] };
  const sectionNumbers = ["二", "三", "四"];
  (["unit", "type", "category"] as const).forEach((field, index) => {
    const col = layout.columns[field];
    const keyOf = breakdownKeyOf(field);
    const rows = breakdownSource[field].map((b) => {
      const green = items.filter((i) => keyOf(i) === b.key && i.light === "green").length;
      greens[field].push(green);
      return [
        text(groupLabel(field, b.key)),
        num(b.items),
        num(b.finished),
        num(b.closed),
        num(b.red),
        num(b.yellow),
        num(green),
        num(b.overdue),
      ];
    });
    const notes =
      col === undefined
        ? [`依据：台账没有“${FIELD_NAMES[field]}”列，无法分组。`]
        : [
            `依据：按台账${columnLetter(col)}列（${FIELD_NAMES[field]}）分组统计${rowsText}的事项；已完成含已销号，逾期指未完成且已过整改时限。`,
          ];
    breakdownTables[field] = sheet.place({
      id: `by-${field}`,
      title: `${sectionNumbers[index]}、按${FIELD_NAMES[field]}`,
      header: [
        FIELD_NAMES[field],
        "事项数",
        STATUS_LABELS.done,
        STATUS_LABELS.closed,
        LIGHT_LABELS.red,
        LIGHT_LABELS.yellow,
        LIGHT_LABELS.green,
        "逾期",
      ],
      rows,
      notes,
    });
  });

  return { byUnit: breakdownTables.unit, unitGreens: greens.unit };
}

/** The chart spec: red/yellow/green counts by unit, on the `rows` rows from `top`, as wide as the by-unit table. */
export function planLightsChart(
  { result, opts }: PlanContext,
  byUnit: PlanTable,
  greens: readonly number[],
  top: number,
  rows: number,
): ChartPlan[] {
  const { summary } = result;
  const charts: ChartPlan[] = [];
  if (byUnit.rows.length > 0) {
    const last = byUnit.firstRow + byUnit.rows.length - 1;
    const seriesCol = (name: string) => byUnit.header.indexOf(name) + byUnit.left;
    const lights: { light: Light; name: string; data: number[] }[] = [
      { light: "red", name: LIGHT_LABELS.red, data: summary.byUnit.map((b) => b.red) },
      { light: "yellow", name: LIGHT_LABELS.yellow, data: summary.byUnit.map((b) => b.yellow) },
      { light: "green", name: LIGHT_LABELS.green, data: [...greens] },
    ];
    charts.push({
      id: "lights-by-unit",
      type: "stackedColumn",
      title: "各责任单位红黄绿灯情况",
      categories: { sheet: opts.sheetName, address: `A${byUnit.firstRow}:A${last}` },
      categoryLabels: summary.byUnit.map((b) => groupLabel("unit", b.key)),
      series: lights.map(({ light, name, data }) => {
        const letter = columnLetter(seriesCol(name));
        return {
          name,
          values: { sheet: opts.sheetName, address: `${letter}${byUnit.firstRow}:${letter}${last}` },
          data,
          color: LIGHT_FILLS[light] ?? "#FFFFFF",
        };
      }),
      anchor: { top, left: 1, bottom: top + rows - 1, right: byUnit.left + byUnit.header.length - 1 },
    });
  }

  return charts;
}
