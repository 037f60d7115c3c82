/**
 * 与上期对比 and 近期趋势, when the result has a comparison: on page one under the red/yellow list,
 * because they are what the meeting asks ("what changed since last time").
 *
 * - 与上期对比: the three rates now, last period and the change in percentage points; then one
 *   row per entry of each non-empty list (连续亮红灯 first, `COMPARISON_LISTS`' order), each linked
 *   to its ledger row (a removed item has no row);
 * - 近期趋势: items, finished, closed, red and yellow per recorded period (the last
 *   `TREND_PERIODS`, this one last) and a line chart of it under the table.
 *
 * The numbers of earlier periods come from the hidden sheet 评估记录, not from the ledger, so they are
 * values with a 依据 note rather than formulas.
 */
import { columnLetter } from "../../grid";
import type { Comparison } from "../../history/compare";
import { comparisonSections, pointsText, RATE_NAMES, rateChangePoints } from "../../history/sections";
import { HISTORY_SHEET_NAME } from "../../history/sheet";
import { NUMBER_FORMATS, type ChartPlan, type PlanCell, type PlanTable } from "../sheet-plan";
import { num, text, type PlanContext } from "./cells";

export const COMPARISON_TITLE = "与上期对比";
export const TREND_TITLE = "近期趋势";

/** Rows kept under the trend table for its chart. */
export const TREND_CHART_ROWS = 14;

const rate = (value: number | null): PlanCell | null => (value === null ? null : num(value, NUMBER_FORMATS.percent));

/** The comparison's tables; returns the trend table (for the chart) or null without a comparison. */
export function planComparison(ctx: PlanContext): PlanTable | null {
  const { result, opts, sheet } = ctx;
  const comparison = result.comparison;
  if (!comparison) return null;
  const from =
    comparison.source === "file" ? "上期取自另行指定的台账文件" : `上期取自本工作簿隐藏工作表“${HISTORY_SHEET_NAME}”`;
  sheet.place({
    id: "comparison-rates",
    title: `${COMPARISON_TITLE}（本期 ${result.today}，上期 ${comparison.since}）`,
    header: ["指标", "本期", "上期", "变化"],
    rows: (["completionRate", "closeRate", "onTimeRate"] as const).map((name) => {
      const change = comparison.rates[name];
      const points = rateChangePoints(change);
      return [
        text(RATE_NAMES[name].zh),
        rate(change.now),
        rate(change.before),
        {
          kind: "text",
          text: pointsText(points, "zh"),
          style: points === null || points === 0 ? "body" : points > 0 ? "good" : "bad",
        },
      ];
    }),
    notes: [`依据：本期为本表数字；${from}，事项按问题描述（其次序号）逐项对应。`],
  });

  const ledger = opts.ledgerSheet;
  const anchorCol = columnLetter(result.layout.firstCol);
  const rows: (PlanCell | null)[][] = [];
  for (const section of comparisonSections(result, comparison)) {
    for (const entry of section.entries) {
      rows.push([
        text(section.title.zh),
        entry.row === null
          ? text("（已删除）")
          : { kind: "link", text: `第${entry.row}行`, sheet: ledger, address: `${anchorCol}${entry.row}` },
        text(entry.seq ?? ""),
        text(entry.description),
        text(entry.unit),
        entry.detail ? text(entry.detail.zh) : null,
      ]);
    }
  }
  sheet.place({
    id: "comparison",
    title: null,
    header: ["变化", "台账行", "序号", "问题描述", "责任单位", "说明"],
    spans: [1, 1, 1, 3, 1, 1],
    rows,
    notes: [
      rows.length === 0
        ? "各事项状态与上期相同。"
        : "连续亮红灯：本期及之前连续各期均为红灯（问责/约谈对象）；状态倒退：上期已完成或已销号、本期不再是；整改时限推迟：本期时限晚于上期记录。点击“台账行”可跳到台账中的该行。",
    ],
  });

  return sheet.place({
    id: "trend",
    title: TREND_TITLE,
    header: ["评估日期", "事项数", "已完成", "已销号", "红灯", "黄灯"],
    rows: comparison.trend.map((point) => [
      text(point.period),
      num(point.items),
      num(point.done),
      num(point.closed),
      num(point.red),
      num(point.yellow),
    ]),
    notes: [`依据：“${HISTORY_SHEET_NAME}”中各期的记录与本期评估；已完成含已销号。`],
  });
}

const TREND_SERIES = [
  { header: "已完成", color: "#70AD47", data: (p: Comparison["trend"][number]) => p.done },
  { header: "已销号", color: "#7F7F7F", data: (p: Comparison["trend"][number]) => p.closed },
  // A line needs a strong colour: the red light's pale cell fill (#FFC7CE) barely shows as a line or in print.
  { header: "红灯", color: "#C00000", data: (p: Comparison["trend"][number]) => p.red },
  { header: "黄灯", color: "#FFC000", data: (p: Comparison["trend"][number]) => p.yellow },
] as const;

/** The trend as a line chart over the `rows` rows from `top`, its series reading the trend table's cells. */
export function planTrendChart(
  { result, opts }: PlanContext,
  trend: PlanTable,
  top: number,
  rows: number,
): ChartPlan | null {
  const points = result.comparison?.trend ?? [];
  if (points.length === 0) return null;
  const last = trend.firstRow + points.length - 1;
  const columnOf = (header: string) => columnLetter(trend.left + trend.header.indexOf(header));
  return {
    id: "trend",
    type: "line",
    title: "近期趋势（各期事项数）",
    categories: { sheet: opts.sheetName, address: `A${trend.firstRow}:A${last}` },
    categoryLabels: points.map((p) => p.period),
    series: TREND_SERIES.map((series) => {
      const letter = columnOf(series.header);
      return {
        name: series.header,
        values: { sheet: opts.sheetName, address: `${letter}${trend.firstRow}:${letter}${last}` },
        data: points.map(series.data),
        color: series.color,
      };
    }),
    anchor: { top, left: 1, bottom: top + rows - 1, right: trend.left + trend.header.length - 1 },
  };
}
