/**
 * The pane's 合并多个单位台账 as sheets of the current workbook: 各单位汇总 and 红黄灯清单, planned as
 * `SheetPlan`s the Excel adapter renders like the summary. Their columns, order and labels are the
 * command line's `combine --out` ones (`./labels.ts`), so a consolidation reads the same from the pane
 * or from the command line:
 *
 * - **各单位汇总**: one row per file read, most red lights first (then yellow, then overdue); the rates
 *   and the totals row are formulas (the on-time rate's two counts sit in the last two columns, hidden
 *   as the command line hides them, so its formula can be recomputed too), each carrying the engine's
 *   value; red and yellow counts coloured; below it, the files that could not be read and why
 *   (未能读取); right of it, the command line's chart of red and yellow lights by unit
 *   (`./units-chart.ts`);
 * - **红黄灯清单**: every red and yellow item of every file, reds first, then by days overdue, with
 *   来源单位, 来源文件 and 原行号.
 *
 * Unlike `combine --out`, no 问题总台账: the current workbook is the user's, and a copy of every item
 * of every unit does not belong in it (the command line writes that workbook).
 */
import { columnLetter } from "../grid";
import { isoToExcelSerial } from "../parse/date";
import {
  a4OnePageWide,
  NUMBER_FORMATS,
  type PlanCell,
  type PlanTable,
  type PrintSetup,
  type SheetPlan,
} from "../plan/sheet-plan";
import type { IsoDate } from "../types";
import { LIGHT_LABELS } from "../vocabulary";
import {
  FAILED_HEADERS,
  filesCountText,
  SHEET_NAMES,
  TOTALS_LABEL,
  UNIT_HEADERS,
  UNIT_HIDDEN_COLUMNS,
  WARNING_HEADERS,
} from "./labels";
import type { UnitOutcome } from "./outcome";
import { byLightsDescending } from "./unit-order";
import { unitRates, unitRowCells, type UnitCell } from "./unit-row";
import { planUnitsLightsChart } from "./units-chart";

/** The names the two sheets get in this workbook. */
export interface CombinedSheetNames {
  readonly units: string;
  readonly warnings: string;
}

export interface CombinedSheetsOptions {
  readonly today: IsoDate;
  readonly sheetNames: CombinedSheetNames;
}

/** One of the two sheets: the date, and the name this sheet gets. */
export interface CombinedSheetOptions {
  readonly today: IsoDate;
  readonly sheetName: string;
}

/** The outcomes a consolidation needs: the files' lights and counts, and their red and yellow items. */
export type CombinedOutcome = UnitOutcome<unknown>;

const text = (value: string): PlanCell => ({ kind: "text", text: value });
const count = (value: number, style?: PlanCell["style"]): PlanCell => ({
  kind: "number",
  value,
  format: NUMBER_FORMATS.integer,
  ...(style ? { style } : {}),
});
const scoreCell = (score: number | null): PlanCell | null =>
  score === null ? null : { kind: "number", value: score, format: NUMBER_FORMATS.score };
const RED_COLUMN = UNIT_HEADERS.indexOf(LIGHT_LABELS.red);
const YELLOW_COLUMN = UNIT_HEADERS.indexOf(LIGHT_LABELS.yellow);

/** A 各单位汇总 cell (`./unit-row.ts`) in the plan's form; the red and yellow counts coloured when lit. */
function planCell(cell: UnitCell, column: number): PlanCell | null {
  if (cell === null) return null;
  switch (cell.kind) {
    case "text":
      return text(cell.text);
    case "score":
      return scoreCell(cell.value);
    case "rate":
      return { kind: "formula", formula: `=${cell.formula}`, value: cell.value, format: NUMBER_FORMATS.percent };
    case "count": {
      const lit =
        cell.value === 0 ? undefined : column === RED_COLUMN ? "bad" : column === YELLOW_COLUMN ? "warn" : undefined;
      return count(cell.value, lit);
    }
  }
}

const PRINT: PrintSetup = a4OnePageWide("landscape", { repeatRows: { first: 1, last: 1 } });

export function planUnitsSheet(outcomes: readonly CombinedOutcome[], options: CombinedSheetOptions): SheetPlan {
  const sheet = options.sheetName;
  const ordered = outcomes.filter((o) => o.ok && o.summary !== null).sort(byLightsDescending);
  const failed = outcomes.filter((o) => !o.ok);
  const firstRow = 2;
  const rows: (PlanCell | null)[][] = ordered.map((o, i) => unitRowCells(o, firstRow + i).map(planCell));
  // The totals row: a SUM per count column, carrying its value for readers that show cached results.
  const last = firstRow + rows.length - 1;
  const totalsRow = last + 1;
  const sumOf = (c: number): PlanCell => {
    const letter = columnLetter(c + 1);
    let value = 0;
    for (const row of rows) {
      const cell = row[c];
      if (cell?.kind === "number") value += cell.value;
    }
    return {
      kind: "formula",
      formula: rows.length > 0 ? `=SUM(${letter}${firstRow}:${letter}${last})` : "=0",
      value,
      format: NUMBER_FORMATS.integer,
    };
  };
  const sums = (c: number): number => {
    const cell = sumOf(c);
    return cell.kind === "formula" && typeof cell.value === "number" ? cell.value : 0;
  };
  const totalRates = unitRates(totalsRow, {
    items: sums(2),
    finished: sums(3),
    closed: sums(4),
    onTime: sums(15),
    dated: sums(16),
  });
  const totals: (PlanCell | null)[] = UNIT_HEADERS.map((_, c) => {
    if (c === 0) return { kind: "text", text: TOTALS_LABEL, style: "header" };
    if (c === 1) return text(filesCountText(ordered.length));
    if (c >= 9 && c <= 11) return planCell(totalRates[c - 9] ?? null, c);
    if (c === 14) return null;
    return sumOf(c);
  });
  const unitsTable: PlanTable = {
    id: "units",
    left: 1,
    titleRow: null,
    title: null,
    headerRow: 1,
    header: UNIT_HEADERS,
    firstRow,
    rows: [...rows, totals],
    lastRow: totalsRow + 1,
    notes: [
      `评估日期 ${options.today}；${filesCountText(outcomes.length)}，${failed.length} 个未能读取。比率按各单位事项合计重算，不是各单位比率的平均。`,
    ],
  };
  const tables: PlanTable[] = [unitsTable];
  const next = totalsRow + 3;
  if (failed.length > 0) {
    const top = next;
    tables.push({
      id: "failed",
      left: 1,
      titleRow: top,
      title: SHEET_NAMES.failed,
      headerRow: top + 1,
      header: FAILED_HEADERS,
      firstRow: top + 2,
      rows: failed.map((o) => [text(o.file), text(o.error ?? "")]),
      lastRow: top + 1 + failed.length,
      notes: [],
      // The reason is long: it spans the columns to the right of the file's.
      spans: [1, 12],
    });
  }
  // The command line's chart (red and yellow by unit, right of the table), over the same rows.
  const chart = planUnitsLightsChart(
    ordered.map((o) => ({ unit: o.unit, red: o.summary?.byLight.red ?? 0, yellow: o.summary?.byLight.yellow ?? 0 })),
    {
      sheet,
      firstRow,
      unitColumn: 1,
      redColumn: RED_COLUMN + 1,
      yellowColumn: YELLOW_COLUMN + 1,
      lastColumn: UNIT_HEADERS.length,
    },
  );
  const charts = chart ? [chart] : [];
  return {
    name: sheet,
    heading: [],
    tables,
    columnWidths: UNIT_HEADERS.map((_, c) => (c === 0 ? 24 : c === 1 ? 36 : c >= 9 && c <= 11 ? 11 : 9)),
    hiddenColumns: UNIT_HIDDEN_COLUMNS,
    print: PRINT,
    charts,
    rowHeights: [],
    freezeRows: 1,
  };
}

export function planWarningsSheet(outcomes: readonly CombinedOutcome[], options: CombinedSheetOptions): SheetPlan {
  const entries = outcomes.flatMap((o) => (o.ok ? (o.warnings ?? []).map((w) => ({ o, w })) : []));
  entries.sort(
    (a, b) => (a.w.light === "red" ? 0 : 1) - (b.w.light === "red" ? 0 : 1) || b.w.overdueDays - a.w.overdueDays,
  );
  const rows = entries.map(({ o, w }): (PlanCell | null)[] => [
    text(o.unit),
    text(o.file),
    count(w.row),
    w.seq === null ? null : text(w.seq),
    { kind: "text", text: LIGHT_LABELS[w.light], style: w.light === "red" ? "bad" : "warn" },
    count(w.overdueDays),
    text(w.description),
    text(w.unit),
    text(w.owner),
    w.deadline === null ? null : { kind: "number", value: isoToExcelSerial(w.deadline), format: NUMBER_FORMATS.date },
  ]);
  return {
    name: options.sheetName,
    heading: [],
    tables: [
      {
        id: "warnings",
        left: 1,
        titleRow: null,
        title: null,
        headerRow: 1,
        header: WARNING_HEADERS,
        firstRow: 2,
        rows,
        lastRow: 1 + rows.length,
        notes: [],
      },
    ],
    columnWidths: [18, 30, 8, 8, 8, 9, 48, 16, 12, 12],
    hiddenColumns: [],
    print: PRINT,
    charts: [],
    rowHeights: [],
    freezeRows: 1,
  };
}

/** Both sheets of a consolidation, 各单位汇总 first. */
export function planCombinedSheets(
  outcomes: readonly CombinedOutcome[],
  options: CombinedSheetsOptions,
): { readonly units: SheetPlan; readonly warnings: SheetPlan } {
  const { today, sheetNames } = options;
  return {
    units: planUnitsSheet(outcomes, { today, sheetName: sheetNames.units }),
    warnings: planWarningsSheet(outcomes, { today, sheetName: sheetNames.warnings }),
  };
}
