/**
 * The summary sheet 整改情况汇总 (SPEC §6, §8) as a host-neutral `SheetPlan`.
 */
import { columnLetter, columnNumber } from "../grid";
import { percentText } from "../indicators";
import { isFinished, typeKey, UNFILLED_KEY } from "../summary";
import { surveyScaleLevels } from "../survey";
import { FEN_PER_UNIT } from "../parse/amount";
import { FIELD_LABELS } from "../rules/field-labels";
import type {
  AmountField,
  AmountGroup,
  BreakdownRow,
  EvaluatedItem,
  EvaluationResult,
  IndicatorResult,
  ItemType,
  Light,
  Status,
  SurveyResult,
} from "../types";
import { LIGHT_FILLS, LIGHT_LABELS, SUMMARY_SHEET_NAME } from "./marks";
import { ownedColumnPositions } from "./marks-builder";
import { NUMBER_FORMATS as FORMATS, type ChartPlan, type PlanCell, type PlanTable, type SheetPlan } from "./sheet-plan";
import type { Settings } from "../settings";

export type {
  CellStyle,
  CellStyleSpec,
  ChartPlan,
  PlacedCell,
  PlanCell,
  PlanTable,
  PrintSetup,
  RangeRef,
  SheetPlan,
} from "./sheet-plan";
export { NUMBER_FORMATS, SHEET_STYLES, sheetPlanCells, tableBodyArea } from "./sheet-plan";

export interface SummarySheetOptions {
  /** The name the sheet gets (see `pickSummarySheetName`). */
  readonly sheetName: string;
  /** The ledger's sheet, for links and formulas. */
  readonly ledgerSheet: string;
  /** The survey sheet the result's survey came from, or null. */
  readonly surveySheet: string | null;
  readonly settings: Settings;
}

// ───────────────────────────── The sheet's name ─────────────────────────────

/**
 * SPEC §8: the summary sheet is `整改情况汇总`; a sheet of that name the add-in did not make is never
 * overwritten — the add-in uses `整改情况汇总 (2)` or the next free number, and says so.
 * `ownedName` is the sheet an earlier run made (found by its mark); it is reused, so evaluating
 * again replaces the summary instead of adding another. Names compare case-insensitively, as Excel's do.
 */
export function pickSummarySheetName(
  existingNames: readonly string[],
  ownedName: string | null,
): { name: string; renamedFrom: string | null } {
  const taken = new Set(existingNames.map((n) => n.toLowerCase()));
  const result = (name: string) => ({ name, renamedFrom: name === SUMMARY_SHEET_NAME ? null : SUMMARY_SHEET_NAME });
  if (ownedName !== null && taken.has(ownedName.toLowerCase())) return result(ownedName);
  if (!taken.has(SUMMARY_SHEET_NAME.toLowerCase())) return result(SUMMARY_SHEET_NAME);
  for (let n = 2; ; n++) {
    const candidate = `${SUMMARY_SHEET_NAME} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return result(candidate);
  }
}

// ───────────────────────────── Cell helpers ─────────────────────────────

/** `'整改台账'` — a sheet name quoted for a formula (always quoted; `'` doubled). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** `'整改台账'!$J$4:$J$40` */
function columnRange(sheet: string, col: number, firstRow: number, lastRow: number): string {
  const letter = columnLetter(col);
  return `${quoteSheet(sheet)}!$${letter}$${firstRow}:$${letter}$${lastRow}`;
}

/** A string literal inside a formula (`"` doubled). */
function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

const text = (value: string): PlanCell => ({ kind: "text", text: value });
const basis = (value: string): PlanCell => ({ kind: "text", text: value, style: "basis" });
const num = (value: number, format: string | null = FORMATS.integer): PlanCell => ({ kind: "number", value, format });
/** A number the user may leave empty (an indicator input): empty when null. */
const input = (value: number | null): PlanCell | null => (value === null ? null : num(value, null));
const formula = (expr: string, value: number | string | boolean | null, format: string | null = null): PlanCell => ({
  kind: "formula",
  formula: `=${expr}`,
  value,
  format,
});

/** Builds tables top to bottom, one blank row between them; row addresses are known before placing. */
class Layout {
  readonly tables: PlanTable[] = [];
  constructor(public next: number) {}
  /** The first data row of the table that `place` will put next. */
  nextFirstRow(withTitle: boolean): number {
    return this.next + (withTitle ? 2 : 1);
  }
  place(spec: { id: string; title: string | null; header: string[]; rows: (PlanCell | null)[][]; notes?: string[] }) {
    const titleRow = spec.title === null ? null : this.next;
    const headerRow = titleRow === null ? this.next : titleRow + 1;
    const firstRow = headerRow + 1;
    const notes = spec.notes ?? [];
    const lastRow = firstRow + spec.rows.length + notes.length - 1;
    const table: PlanTable = {
      id: spec.id,
      left: 1,
      titleRow,
      title: spec.title,
      headerRow,
      header: spec.header,
      firstRow,
      rows: spec.rows,
      lastRow: Math.max(lastRow, headerRow),
      notes,
    };
    this.tables.push(table);
    this.next = table.lastRow + 2;
    return table;
  }
}

// ───────────────────────────── Labels ─────────────────────────────

const STATUS_ORDER: readonly Status[] = ["closed", "done", "in_progress", "not_started", "ongoing", "unknown"];
export const STATUS_LABELS: Readonly<Record<Status, string>> = {
  closed: "已销号",
  done: "已完成",
  in_progress: "整改中",
  not_started: "未开始",
  ongoing: "长期坚持",
  unknown: "状态不明",
};
const LIGHT_ORDER: readonly Light[] = ["red", "yellow", "green", "closed", "none"];
export const TYPE_LABELS: Readonly<Record<ItemType, string>> = {
  immediate: "立行立改",
  time_limited: "限期整改",
  long_term: "长效治理",
};

/** Sheet rows as compact text: `4–6、9、12–13`. */
export function rowRangesText(rows: readonly number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join("、");
}

// ───────────────────────────── Breakdowns ─────────────────────────────

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

// ───────────────────────────── The plan ─────────────────────────────

/**
 * The meeting-ready summary sheet (SPEC §6): title and date line; 总体情况; breakdowns by unit, type
 * and category; the red/yellow list linked to the ledger rows; the quantitative indicators with
 * their inputs as cells and the actuals as live formulas; the survey scored by live formulas over
 * the survey sheet. Every number is a formula or has a 依据 (过程留痕可溯); every formula carries
 * the engine's value.
 *
 * The light counts are `COUNTIF`s over the 预警状态 column, so the summary is meant to be written
 * together with the marks of the same result (both hosts do).
 */
export function planSummarySheet(result: EvaluationResult, opts: SummarySheetOptions): SheetPlan {
  const { layout, summary } = result;
  const ctx: PlanContext = { result, opts, sheet: new Layout(4), rowsText: `第${layout.firstRow}–${layout.lastRow}行` };
  const heading = [
    { row: 1, col: 1, cell: { kind: "text", text: SUMMARY_SHEET_NAME, style: "title" } as PlanCell },
    {
      row: 2,
      col: 1,
      cell: {
        kind: "text",
        text: `统计日期：${result.today}\u3000台账：${opts.ledgerSheet}（${ctx.rowsText}，${summary.items}项）\u3000由整改台账助手生成，数字均可追溯到台账行、公式或填写的数据`,
        style: "subtitle",
      } as PlanCell,
    },
  ];
  const overview = planOverview(ctx);
  const breakdowns = planBreakdowns(ctx);
  planWarnings(ctx);
  const linkSurveyScore = planIndicators(ctx, overview.closeRate);
  linkSurveyScore(planSurvey(ctx.sheet, result.survey, opts)?.scoreAddress ?? null);
  planAmounts(ctx);

  return {
    name: opts.sheetName,
    heading,
    tables: ctx.sheet.tables,
    columnWidths: [26, 12, 40, 12, 12, 14, 12, 12],
    print: {
      orientation: "landscape",
      paperSize: "A4",
      fitToPagesWide: 1,
      fitToPagesTall: 0,
      repeatRows: { first: 1, last: 2 },
    },
    charts: planLightsChart(ctx, breakdowns.byUnit, breakdowns.unitGreens),
    freezeRows: 2,
  };
}

interface PlanContext {
  readonly result: EvaluationResult;
  readonly opts: SummarySheetOptions;
  readonly sheet: Layout;
  /** `第3–40行`: the ledger's rows, for the 依据 texts. */
  readonly rowsText: string;
}

/** 一、总体情况: rows of [项目, 数值, 依据]. Returns the close rate's address (the indicators use it). */
function planOverview({ result, opts, sheet, rowsText }: PlanContext): { closeRate: string } {
  const { layout, summary, items } = result;
  const ledger = opts.ledgerSheet;
  const { statusCol } = ownedColumnPositions(layout);
  const statusRange = columnRange(ledger, statusCol, layout.firstRow, layout.lastRow);
  const statusColumnName = `台账“${ledger}”的${columnLetter(statusCol)}列（预警状态）`;
  const overviewRows: (PlanCell | null)[][] = [];
  const at: Record<string, string> = {};
  const first = sheet.nextFirstRow(true);
  const addOverview = (key: string, label: string, value: PlanCell, why: string) => {
    at[key] = `B${first + overviewRows.length}`;
    overviewRows.push([text(label), value, basis(why)]);
  };
  addOverview(
    "items",
    "整改事项总数",
    num(summary.items),
    `台账${rowsText}中的整改事项（不含空行、分节行、合计行和说明行）`,
  );
  const statusBasis = layout.columns.status
    ? `整改状态列（${columnLetter(layout.columns.status)}列）${layout.columns.closed ? `与是否销号列（${columnLetter(layout.columns.closed)}列）` : ""}`
    : "无整改状态列：有完成日期的为已完成，其余为未开始";
  for (const status of STATUS_ORDER) {
    addOverview(`status-${status}`, `其中：${STATUS_LABELS[status]}`, num(summary.byStatus[status]), statusBasis);
  }
  for (const light of LIGHT_ORDER) {
    addOverview(
      `light-${light}`,
      `预警：${LIGHT_LABELS[light]}`,
      formula(`COUNTIF(${statusRange},${formulaString(LIGHT_LABELS[light])})`, summary.byLight[light], FORMATS.integer),
      statusColumnName,
    );
  }
  addOverview("overdue", "逾期未完成", num(summary.overdue), `未完成且已过整改时限的事项（截至${result.today}）`);
  const withBothDates = items.filter((i) => isFinished(i) && i.completed.kind === "date" && i.deadline.date !== null);
  const onTime = withBothDates.filter(
    (i) => i.completed.kind === "date" && i.deadline.date !== null && i.completed.date <= i.deadline.date,
  );
  addOverview(
    "dated",
    "有完成日期和时限的已完成事项",
    num(withBothDates.length),
    `台账第${rowRangesText(withBothDates.map((i) => i.row)) || "—"}行`,
  );
  addOverview(
    "on-time",
    "其中按期完成",
    num(onTime.length),
    `完成日期不晚于整改时限：第${rowRangesText(onTime.map((i) => i.row)) || "—"}行`,
  );
  const extensions = layout.columns.extendedDeadline !== undefined;
  if (extensions) {
    const withOriginal = items.filter(
      (i) => isFinished(i) && i.completed.kind === "date" && i.originalDeadline.date !== null,
    );
    const onTimeOriginal = withOriginal.filter(
      (i) =>
        i.completed.kind === "date" && i.originalDeadline.date !== null && i.completed.date <= i.originalDeadline.date,
    );
    addOverview(
      "dated-original",
      "有完成日期和原定时限的已完成事项",
      num(withOriginal.length),
      `台账第${rowRangesText(withOriginal.map((i) => i.row)) || "—"}行`,
    );
    addOverview(
      "on-time-original",
      "其中按原定时限完成",
      num(onTimeOriginal.length),
      `完成日期不晚于原定时限（不计延期）：第${rowRangesText(onTimeOriginal.map((i) => i.row)) || "—"}行`,
    );
  }
  addOverview(
    "completion-rate",
    "整改完成率",
    formula(
      `IF(${at.items}>0,(${at["status-done"]}+${at["status-closed"]})/${at.items},"")`,
      summary.completionRate ?? "",
      FORMATS.percent,
    ),
    "（已完成 + 已销号）÷ 整改事项总数",
  );
  addOverview(
    "close-rate",
    "销号率",
    formula(`IF(${at.items}>0,${at["status-closed"]}/${at.items},"")`, summary.closeRate ?? "", FORMATS.percent),
    `已销号 ÷ 整改事项总数（目标 ≥ ${percentText(opts.settings.targets.closeRate)}）`,
  );
  addOverview(
    "on-time-rate",
    "按期完成率",
    formula(`IF(${at.dated}>0,${at["on-time"]}/${at.dated},"")`, summary.onTimeRate ?? "", FORMATS.percent),
    extensions
      ? "按期完成 ÷ 有完成日期和时限的已完成事项（时限以调整后时限为准）"
      : "按期完成 ÷ 有完成日期和时限的已完成事项",
  );
  if (extensions) {
    addOverview(
      "on-time-rate-original",
      "按原定时限按期完成率",
      formula(
        `IF(${at["dated-original"]}>0,${at["on-time-original"]}/${at["dated-original"]},"")`,
        summary.onTimeRateOriginal ?? "",
        FORMATS.percent,
      ),
      "按原定时限完成 ÷ 有完成日期和原定时限的已完成事项",
    );
  }
  sheet.place({ id: "overview", title: "一、总体情况", header: ["项目", "数值", "依据"], rows: overviewRows });

  return { closeRate: at["close-rate"] ?? "" };
}

/** 二～四、按责任单位 / 整改类型 / 问题类别, with a green count per group (for the chart). */
function planBreakdowns({ result, sheet, rowsText }: PlanContext): { byUnit: PlanTable; unitGreens: number[] } {
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
      header: [FIELD_NAMES[field], "事项数", "已完成", "已销号", "红灯", "黄灯", "绿灯", "逾期"],
      rows,
      notes,
    });
  });

  return { byUnit: breakdownTables.unit, unitGreens: greens.unit };
}

/** 五、红黄灯事项清单, each row linked to its ledger row. */
function planWarnings({ result, opts, sheet }: PlanContext): void {
  const { layout, summary } = result;
  const ledger = opts.ledgerSheet;
  const anchorCol = columnLetter(layout.firstCol);
  const warningRows = summary.warnings.map((w) => [
    { kind: "link", text: `第${w.row}行`, sheet: ledger, address: `${anchorCol}${w.row}` } as PlanCell,
    text(w.seq ?? ""),
    text(w.description),
    text(w.unit),
    text(w.owner),
    text(w.deadline ?? ""),
    num(w.overdueDays),
    { kind: "text", text: LIGHT_LABELS[w.light], style: w.light === "red" ? "bad" : "warn" } as PlanCell,
  ]);
  sheet.place({
    id: "warnings",
    title: "五、红黄灯事项清单",
    header: ["台账行", "序号", "问题描述", "责任单位", "责任人", "整改时限", "逾期天数", "预警"],
    rows: warningRows,
    notes: [
      warningRows.length === 0
        ? "无红灯、黄灯事项。"
        : `依据：预警状态为红灯或黄灯的事项；点击“台账行”可跳到台账中的该行。逾期${opts.settings.yellowAfterDays}天及以上亮黄灯，超过整改时限${opts.settings.redAfterMonths}个月亮红灯。`,
    ],
  });
}

/**
 * 六、量化指标 and 七、指标输入. The indicator table comes first and its inputs table follows, so the
 * inputs' rows are computed ahead. The survey score's formula needs the survey table, placed after
 * both: the returned function puts it in once that address is known.
 */
function planIndicators(
  { result, opts, sheet }: PlanContext,
  closeRateAddress: string,
): (surveyScore: string | null) => void {
  const { summary } = result;
  const indicators = summary.indicators;
  const indicatorsFirst = sheet.nextFirstRow(true);
  const indicatorsNotes = [
    "依据：实际值由下方“指标输入”中的数据或本表其他单元格的公式算出；修改输入后实际值自动重算。",
  ];
  const inputsFirst = indicatorsFirst + indicators.length + indicatorsNotes.length + 1 + 2;
  const inputRows: (PlanCell | null)[][] = [];
  const inputAt = (label: string, value: PlanCell | null, why: string): string => {
    const address = `B${inputsFirst + inputRows.length}`;
    inputRows.push([text(label), value, basis(why)]);
    return address;
  };
  const ii = opts.settings.indicatorInputs;
  const indicatorRows: (PlanCell | null)[][] = [];
  const surveyFormulaRefs: { row: number; indicator: IndicatorResult }[] = [];
  indicators.forEach((indicator, index) => {
    const row = indicatorsFirst + index;
    const format = indicator.unit === "rate" ? FORMATS.percent : indicator.unit === "points" ? FORMATS.score : null;
    let actual: PlanCell;
    const value = indicator.actual ?? "";
    switch (indicator.id) {
      case "institution-revisions": {
        const override = inputAt(
          "制度修订数量（手工填写）",
          input(ii.institutionRevisions),
          "填写后采用此数；留空则采用下一行台账统计数",
        );
        const found = inputAt(
          "台账中统计的制度修订数",
          num(indicator.evidence.length),
          indicator.evidence.join("；") || "台账中未找到《》标题",
        );
        actual = formula(`IF(ISNUMBER(${override}),${override},${found})`, value, FORMATS.integer);
        break;
      }
      case "rotation-rate": {
        const due = inputAt("应轮岗关键岗位数", input(ii.rotationDue), "填写的数据");
        const done = inputAt("已轮岗岗位数", input(ii.rotationDone), "填写的数据");
        actual = formula(`IF(AND(ISNUMBER(${due}),ISNUMBER(${done}),${due}>0),${done}/${due},"")`, value, format);
        break;
      }
      case "close-rate":
        actual = formula(closeRateAddress, value, format);
        break;
      case "survey-score":
        // Replaced below once the survey table's position is known (it comes after).
        actual = text("");
        surveyFormulaRefs.push({ row: index, indicator });
        break;
      case "audit-drop": {
        const last = inputAt("上年度审计发现问题数", input(ii.auditLastYear), "填写的数据");
        const now = inputAt("本年度审计发现问题数", input(ii.auditThisYear), "填写的数据");
        actual = formula(
          `IF(AND(ISNUMBER(${last}),ISNUMBER(${now}),${last}>0),(${last}-${now})/${last},"")`,
          value,
          format,
        );
        break;
      }
      default: {
        const custom = opts.settings.customIndicators[Number(/^custom-(\d+)$/.exec(indicator.id)?.[1] ?? 0) - 1];
        if (!custom) {
          actual = indicator.actual === null ? text("") : num(indicator.actual, format);
          break;
        }
        const given = inputAt(`${custom.name}：实际值`, input(custom.actual), "填写后优先采用");
        const numerator = inputAt(
          `${custom.name}：分子`,
          input(custom.numerator),
          "未填实际值时，实际值 = 分子 ÷ 分母",
        );
        const denominator = inputAt(`${custom.name}：分母`, input(custom.denominator), "填写的数据");
        actual = formula(
          `IF(ISNUMBER(${given}),${given},IF(AND(ISNUMBER(${numerator}),ISNUMBER(${denominator}),${denominator}<>0),${numerator}/${denominator},""))`,
          value,
          format,
        );
      }
    }
    const actualRef = `C${row}`;
    const op = indicator.comparator;
    indicatorRows.push([
      text(indicator.name.zh),
      num(indicator.target, format),
      actual,
      formula(
        `IF(ISNUMBER(${actualRef}),IF(${actualRef}${op}B${row},"达标","未达标"),"")`,
        indicator.met === null ? "" : indicator.met ? "达标" : "未达标",
      ),
      basis(indicator.basis.zh),
    ]);
  });
  sheet.place({
    id: "indicators",
    title: "六、量化指标",
    header: ["指标", "目标", "实际", "是否达标", "依据"],
    rows: indicatorRows,
    notes: indicatorsNotes,
  });
  sheet.place({
    id: "indicator-inputs",
    title: "七、指标输入（可直接修改）",
    header: ["输入项", "数值", "说明"],
    rows: inputRows,
  });

  return (surveyScoreCell) => {
    const indicatorTable = sheet.tables.find((t) => t.id === "indicators");
    if (indicatorTable) {
      const rows = indicatorTable.rows.map((r) => [...r]);
      for (const { row, indicator } of surveyFormulaRefs) {
        const cells = rows[row];
        if (!cells) continue;
        cells[2] =
          surveyScoreCell === null
            ? text("")
            : formula(`IF(ISNUMBER(${surveyScoreCell}),${surveyScoreCell},"")`, indicator.actual ?? "", FORMATS.score);
      }
      sheet.tables[sheet.tables.indexOf(indicatorTable)] = { ...indicatorTable, rows };
    }
  };
}

/** The chart spec: red/yellow/green counts by unit, over the by-unit table (drawn by the Excel adapter). */
function planLightsChart({ result, opts }: PlanContext, byUnit: PlanTable, greens: readonly number[]): ChartPlan[] {
  const { summary } = result;
  const charts: ChartPlan[] = [];
  if (byUnit.rows.length > 0) {
    const last = byUnit.firstRow + byUnit.rows.length - 1;
    const seriesCol = (name: string) => byUnit.header.indexOf(name) + byUnit.left;
    const lights: { light: Light; name: string; data: number[] }[] = [
      { light: "red", name: "红灯", data: summary.byUnit.map((b) => b.red) },
      { light: "yellow", name: "黄灯", data: summary.byUnit.map((b) => b.yellow) },
      { light: "green", name: "绿灯", data: [...greens] },
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
      anchor: {
        top: byUnit.titleRow ?? byUnit.headerRow,
        left: 10,
        bottom: (byUnit.titleRow ?? byUnit.headerRow) + 15,
        right: 17,
      },
    });
  }

  return charts;
}

/**
 * 八、满意度调查: one row per question with live formulas over the survey sheet (valid answers,
 * satisfied answers, mean points), then the overall score and satisfied rate as formulas over
 * those rows. The formulas follow `surveyScaleLevels` (src/core/survey.ts): COUNTIF per answer word
 * × its points for word scales, AVERAGEIFS with the linear transform for numeric ones.
 */
function planSurvey(
  sheet: Layout,
  survey: SurveyResult | null,
  opts: SummarySheetOptions,
): { scoreAddress: string } | null {
  if (survey === null) {
    sheet.place({
      id: "survey",
      title: "八、满意度调查",
      header: [],
      rows: [],
      notes: ["未找到满意度调查表（工作表名称含“满意度”“问卷”“测评”或“调查”），本节从略。"],
    });
    return null;
  }
  const surveySheet = opts.surveySheet ?? survey.sheet;
  const levels = surveyScaleLevels(survey.scale, opts.settings);
  const first = sheet.nextFirstRow(true);
  const rows = survey.questions.map((q, i) => {
    const row = first + i;
    const col = columnNumber(q.column) ?? 1;
    const range = columnRange(surveySheet, col, survey.firstRow, Math.max(survey.lastRow, survey.firstRow));
    const countOf = (answer: string) => `COUNTIF(${range},${formulaString(answer)})`;
    let valid: string;
    let satisfied: string;
    let mean: string;
    if (levels) {
      valid = levels.map((l) => countOf(l.answer)).join("+");
      satisfied =
        levels
          .filter((l) => l.points >= 60)
          .map((l) => countOf(l.answer))
          .join("+") || "0";
      mean = `IF(D${row}>0,(${levels.map((l) => `${countOf(l.answer)}*${l.points}`).join("+")})/D${row},"")`;
    } else {
      const [low, high, satisfiedFrom, transform] =
        survey.scale === "numeric-5"
          ? [1, 5, 3.4, (avg: string) => `(${avg}-1)/4*100`]
          : survey.scale === "numeric-10"
            ? [1, 10, 6.4, (avg: string) => `(${avg}-1)/9*100`]
            : [0, 100, 60, (avg: string) => avg];
      valid = `COUNTIFS(${range},">=${low}",${range},"<=${high}")`;
      satisfied = `COUNTIFS(${range},">=${satisfiedFrom}",${range},"<=${high}")`;
      mean = `IF(D${row}>0,${transform(`AVERAGEIFS(${range},${range},">=${low}",${range},"<=${high}")`)},"")`;
    }
    const satisfiedCount = Object.entries(q.distribution).reduce(
      (sum, [answer, count]) => sum + (pointsOfAnswer(answer, survey, levels) >= 60 ? count : 0),
      0,
    );
    // A live formula only where it counts what the engine counted (see `countedDifferently`).
    const live = (expr: string, value: number | null, format: string): PlanCell =>
      q.countedDifferently > 0 ? (value === null ? text("") : num(value, format)) : formula(expr, value ?? "", format);
    return [
      text(q.title),
      text(q.column),
      num(q.weight, null),
      live(valid, q.valid, FORMATS.integer),
      live(satisfied, satisfiedCount, FORMATS.integer),
      live(mean, q.score, FORMATS.score),
      basis(`${quoteSheet(surveySheet)}!${q.column}${survey.firstRow}:${q.column}${survey.lastRow}`),
    ];
  });
  const last = first + Math.max(rows.length, 1) - 1;
  const weights = `C${first}:C${last}`;
  const validRange = `D${first}:D${last}`;
  const satisfiedRange = `E${first}:E${last}`;
  const scores = `F${first}:F${last}`;
  sheet.place({
    id: "survey",
    title: "八、满意度调查",
    header: ["题目", "列", "权重", "有效答案", "满意答案（≥60分）", "得分", "依据"],
    rows,
    notes: [
      `依据：工作表“${surveySheet}”第${survey.firstRow}–${survey.lastRow}行，量表${levels ? "：" + levels.map((l) => `${l.answer}${l.points}分`).join("、") : "为数字打分"}；空白和“不了解”不计入。`,
      ...valuesNote(survey.questions),
    ],
  });
  const overallFirst = sheet.nextFirstRow(false);
  const scoreAddress = `B${overallFirst + 3}`;
  const targetAddress = `B${overallFirst + 5}`;
  sheet.place({
    id: "survey-overall",
    title: null,
    header: ["满意度汇总", "数值", "依据"],
    rows: [
      [text("答卷数"), num(survey.respondents), basis("填写了序号以外内容的答卷（仅有序号的空行不计）")],
      [text("有效答卷"), num(survey.valid), basis("至少一题可计分的答卷")],
      [text("无效答卷"), num(survey.invalid), basis("没有任何可计分答案的答卷")],
      [
        text("综合得分"),
        formula(
          `IFERROR(ROUND(SUMPRODUCT(${weights},${scores})/SUMIFS(${weights},${validRange},">0"),1),"")`,
          survey.score ?? "",
          FORMATS.score,
        ),
        basis("各题得分按权重加权平均（只计有有效答案的题目），保留一位小数"),
      ],
      [
        text("满意率"),
        formula(
          `IF(SUM(${validRange})>0,SUM(${satisfiedRange})/SUM(${validRange}),"")`,
          survey.satisfiedRate ?? "",
          FORMATS.percent,
        ),
        basis("≥60分的答案 ÷ 全部有效答案"),
      ],
      [text("目标"), num(survey.target, FORMATS.score), basis("群众满意度调查得分目标")],
      [
        text("是否达标"),
        formula(
          `IF(ISNUMBER(${scoreAddress}),IF(${scoreAddress}>=${targetAddress},"达标","未达标"),"")`,
          survey.met === null ? "" : survey.met ? "达标" : "未达标",
        ),
        basis("综合得分 ≥ 目标"),
      ],
    ],
  });
  return { scoreAddress };
}

// ───────────────────────────── Amounts ─────────────────────────────

/** Money cells: two decimals (分 for 元; a 万元 sum keeps its exact value, shown to the hundredth). */
const AMOUNT_FORMAT = "#,##0.00";
/** More pieces than this and a SUM over the rows is no longer a formula a person can check: a value instead. */
const MAX_SUM_PIECES = 30;

/**
 * `SUM('台账'!$J$5:$J$9,'台账'!$J$12)`, over exactly the given rows (so a 合计 row or a section's
 * subtotal between them is never summed), scaled from the column's unit to the summary's; null
 * when the rows make too many pieces.
 */
function sumOfRows(ledger: string, col: number, rows: readonly number[], divisor: number): string | null {
  if (rows.length === 0) return "0";
  const letter = columnLetter(col);
  const sheet = quoteSheet(ledger);
  const pieces: string[] = [];
  const sorted = [...rows].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    pieces.push(
      i === j ? `${sheet}!$${letter}$${sorted[i]}` : `${sheet}!$${letter}$${sorted[i]}:$${letter}$${sorted[j]}`,
    );
    if (pieces.length > MAX_SUM_PIECES) return null;
    i = j + 1;
  }
  const sum = `SUM(${pieces.join(",")})`;
  return divisor === 1 ? sum : `${sum}/${divisor}`;
}

/**
 * 九、金额情况: each money column's total, then 涉及金额 / 已整改金额 / 整改到位率 in total, by status
 * and by 责任单位. A sum is a live SUM over the ledger's item rows where every cell it adds is a
 * number in its column's unit (`allNumbers`); otherwise (amounts typed as text, `12.3万元`) the
 * engine's value, and the note says why.
 */
function planAmounts({ result, opts, sheet }: PlanContext): void {
  const amounts = result.summary.amounts;
  if (amounts === null) return;
  const ledger = opts.ledgerSheet;
  const unit = amounts.unit;
  const byField = new Map(amounts.columns.map((column) => [column.field, column]));
  const finishedRows = new Set(result.items.filter(isFinished).map((item) => item.row));
  const money = (value: number | null, expr: string | null): PlanCell =>
    value === null ? text("") : expr === null ? num(value, AMOUNT_FORMAT) : formula(expr, value, AMOUNT_FORMAT);
  /** The live sum of a money column over `rows`, or null where it must be a value. */
  const liveSum = (field: AmountField, rows: readonly number[]): string | null => {
    const column = byField.get(field);
    if (!column || !column.allNumbers) return null;
    return sumOfRows(ledger, column.col, rows, FEN_PER_UNIT[unit] / FEN_PER_UNIT[column.unit]);
  };

  const totalRows = amounts.columns.map((column) => {
    const label = `${FIELD_LABELS[column.field].zh}（${columnLetter(column.col)}列）`;
    const why = [
      `台账${columnLetter(column.col)}列的事项行（不含合计、小计行），原单位${column.unit}${column.unit === unit ? "" : `，已换算为${unit}`}`,
      column.allNumbers ? "" : "；含文本形式的金额，按识别出的数值汇总",
      column.unreadableRows.length > 0 ? `；第${rowRangesText(column.unreadableRows)}行的金额无法识别，未计入` : "",
    ].join("");
    // Over every item row (a blank cell adds nothing, and one filled in later is counted).
    return [text(label), money(column.total, liveSum(column.field, amounts.total.rows)), basis(why)];
  });
  sheet.place({
    id: "amount-totals",
    title: `九、金额情况（单位：${unit}）`,
    header: ["金额列", "合计", "依据"],
    rows: totalRows,
    notes: amounts.converted ? [`各列单位不同，均换算为${unit}（1万元 = 10000元）。`] : [],
  });
  if (amounts.rectifiedBasis === null) return;

  const groupRow = (label: string, group: AmountGroup, rowRef: number): (PlanCell | null)[] => {
    const involvedExpr = liveSum("amountInvolved", group.rows);
    const rectifiedExpr =
      amounts.rectifiedBasis === "column"
        ? liveSum("amountRectified", group.rows)
        : liveSum(
            "amountInvolved",
            group.rows.filter((row) => finishedRows.has(row)),
          );
    return [
      text(label),
      num(group.items),
      money(group.involved, involvedExpr),
      money(group.rectified, rectifiedExpr),
      formula(`IF(N(C${rowRef})>0,D${rowRef}/C${rowRef},"")`, group.rate ?? "", FORMATS.percent),
    ];
  };
  const rectifiedWhy =
    amounts.rectifiedBasis === "column"
      ? `已整改金额取台账${columnLetter(byField.get("amountRectified")?.col ?? 1)}列（整改金额）`
      : "台账没有整改金额列：已整改金额为已完成、已销号事项的涉及金额";
  const header = ["分组", "事项数", `涉及金额（${unit}）`, `已整改金额（${unit}）`, "整改到位率"];
  const statusFirst = sheet.nextFirstRow(true);
  const statusGroups = [
    { label: "合计", group: amounts.total },
    ...amounts.byStatus.map((group) => ({ label: STATUS_LABELS[group.key as Status], group })),
  ];
  sheet.place({
    id: "amounts-by-status",
    title: "按整改状态",
    header: ["整改状态", ...header.slice(1)],
    rows: statusGroups.map(({ label, group }, i) => groupRow(label, group, statusFirst + i)),
    notes: [`依据：${rectifiedWhy}；整改到位率 = 已整改金额 ÷ 涉及金额。`],
  });
  if (amounts.byUnit.length === 0) return;
  const unitFirst = sheet.nextFirstRow(true);
  sheet.place({
    id: "amounts-by-unit",
    title: "按责任单位",
    header: ["责任单位", ...header.slice(1)],
    rows: amounts.byUnit.map((group, i) => groupRow(group.key, group, unitFirst + i)),
    notes: [`依据：按台账${columnLetter(result.layout.columns.unit ?? 1)}列（责任单位）分组；${rectifiedWhy}。`],
  });
}

/**
 * Why some questions' counts are values, not formulas: answers typed loosely (`满意 `, full-width,
 * numbers as text) that the engine reads and COUNTIF would miss, or answers on a total row among the
 * respondents that COUNTIF would count (`countedDifferently`).
 */
function valuesNote(questions: readonly SurveyResult["questions"][number][]): string[] {
  const asValues = questions.filter((q) => q.countedDifferently > 0);
  if (asValues.length === 0) return [];
  const total = asValues.reduce((sum, q) => sum + q.countedDifferently, 0);
  return [
    `${asValues.map((q) => `${q.column}列`).join("、")}有${total}个答案带空格、全角字符、为文本形式的数字或位于合计行，公式无法逐一对应统计，这些题目的数值为评估时的计数（不随调查表自动更新）；统一答案写法、移出合计行后重新评估即可恢复公式。`,
  ];
}

/** Points of one distribution key (an answer word, or a number as text on numeric scales). */
function pointsOfAnswer(
  answer: string,
  survey: SurveyResult,
  levels: readonly { answer: string; points: number }[] | null,
): number {
  if (levels) return levels.find((l) => l.answer === answer)?.points ?? 0;
  const x = Number(answer);
  if (survey.scale === "numeric-5") return ((x - 1) / 4) * 100;
  if (survey.scale === "numeric-10") return ((x - 1) / 9) * 100;
  return x;
}
