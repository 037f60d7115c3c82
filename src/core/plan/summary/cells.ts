/**
 * The summary sheet's building blocks: cells, formula pieces, and `TableStack`, which places the
 * tables top to bottom so every row address is known before a formula refers to it.
 */
import { columnLetter } from "../../grid";
import type { EvaluationResult } from "../../types";
import type { Settings } from "../../settings";
import { NUMBER_FORMATS, type PlanCell, type PlanTable } from "../sheet-plan";

export interface SummarySheetOptions {
  /** The name the sheet gets (see `pickSummarySheetName`). */
  readonly sheetName: string;
  /** The ledger's sheet, for links and formulas. */
  readonly ledgerSheet: string;
  /** The survey sheet the result's survey came from, or null. */
  readonly surveySheet: string | null;
  readonly settings: Settings;
}

/** What every section of the plan reads, and the stack it places its tables on. */
export interface PlanContext {
  readonly result: EvaluationResult;
  readonly opts: SummarySheetOptions;
  readonly sheet: TableStack;
  /** `第3–40行`: the ledger's rows, for the 依据 texts. */
  readonly rowsText: string;
}

/** `'整改台账'` — a sheet name quoted for a formula (always quoted; `'` doubled). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** `'整改台账'!$J$4:$J$40` */
export function columnRange(sheet: string, col: number, firstRow: number, lastRow: number): string {
  const letter = columnLetter(col);
  return `${quoteSheet(sheet)}!$${letter}$${firstRow}:$${letter}$${lastRow}`;
}

/** A string literal inside a formula (`"` doubled). */
export function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

export const text = (value: string): PlanCell => ({ kind: "text", text: value });
export const basis = (value: string): PlanCell => ({ kind: "text", text: value, style: "basis" });
export const num = (value: number, format: string | null = NUMBER_FORMATS.integer): PlanCell => ({
  kind: "number",
  value,
  format,
});
/** A number the user may leave empty (an indicator input): empty when null. */
export const input = (value: number | null): PlanCell | null => (value === null ? null : num(value, null));
export const formula = (
  expr: string,
  value: number | string | boolean | null,
  format: string | null = null,
): PlanCell => ({
  kind: "formula",
  formula: `=${expr}`,
  value,
  format,
});

/** Sorted, distinct rows as runs of consecutive rows: `[4,5,6,9]` → `[[4,6],[9,9]]`. */
export function consecutiveRuns(rows: readonly number[]): [number, number][] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const row of sorted) {
    const last = runs[runs.length - 1];
    if (last && row === last[1] + 1) last[1] = row;
    else runs.push([row, row]);
  }
  return runs;
}

/** Sheet rows as compact text: `4–6、9、12–13`. */
export function rowRangesText(rows: readonly number[]): string {
  return consecutiveRuns(rows)
    .map(([first, last]) => (first === last ? `${first}` : `${first}–${last}`))
    .join("、");
}

/** What decides a table's height: a title row or not, its rows and its note rows. */
export interface TableShape {
  readonly title: string | null;
  readonly rows: readonly unknown[];
  readonly notes?: readonly string[];
}

/** Where a table of `shape` goes when its top is row `top`. */
function placement(top: number, shape: TableShape) {
  const titleRow = shape.title === null ? null : top;
  const headerRow = titleRow === null ? top : titleRow + 1;
  const firstRow = headerRow + 1;
  const lastRow = Math.max(firstRow + shape.rows.length + (shape.notes?.length ?? 0) - 1, headerRow);
  return { titleRow, headerRow, firstRow, lastRow, nextTop: lastRow + 2 };
}

/**
 * The summary sheet's tables, stacked top to bottom with one blank row between them. (Not the
 * ledger's `LedgerLayout`: this only knows the rows of the sheet it builds.)
 */
export class TableStack {
  readonly tables: PlanTable[] = [];
  constructor(private top: number) {}

  /** The first data row of the table that `place` will put next. */
  nextFirstRow(withTitle: boolean): number {
    return this.top + (withTitle ? 2 : 1);
  }

  /** The first data row of a table placed after tables of these shapes (which are not placed). */
  firstRowAfter(shapes: readonly TableShape[], withTitle: boolean): number {
    let top = this.top;
    for (const shape of shapes) top = placement(top, shape).nextTop;
    return top + (withTitle ? 2 : 1);
  }

  /** Keeps `rows` blank rows (room for a chart) and returns the first of them. */
  reserve(rows: number): number {
    const first = this.top;
    this.top += rows + 1;
    return first;
  }

  /** The row the next table (or reserved block) starts at. */
  get nextTop(): number {
    return this.top;
  }

  place(spec: {
    id: string;
    title: string | null;
    header: string[];
    rows: (PlanCell | null)[][];
    notes?: string[];
    spans?: number[];
  }): PlanTable {
    const { titleRow, headerRow, firstRow, lastRow, nextTop } = placement(this.top, spec);
    const table: PlanTable = {
      id: spec.id,
      left: 1,
      titleRow,
      title: spec.title,
      headerRow,
      header: spec.header,
      firstRow,
      rows: spec.rows,
      lastRow,
      notes: spec.notes ?? [],
      ...(spec.spans ? { spans: spec.spans } : {}),
    };
    this.tables.push(table);
    this.top = nextTop;
    return table;
  }
}

/** The summary's grid: column A for labels, then narrow columns up to `GRID_RIGHT` (H). */
export const GRID_RIGHT = 8;

/** Spans that stretch a table's last column to the grid's right edge (its 依据 or long text). */
export function lastColumnToGridRight(columns: number): number[] {
  return Array.from({ length: columns }, (_, i) => (i === columns - 1 ? Math.max(1, GRID_RIGHT - i) : 1));
}
