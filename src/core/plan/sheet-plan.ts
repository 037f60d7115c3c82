/**
 * A host-neutral description of a sheet the add-in writes (the summary sheet, SPEC §6 and §8).
 *
 * Both hosts render the same `SheetPlan`: `src/xlsx/write.ts` as package parts, `src/excel` with
 * Office.js. The plan therefore says everything explicitly — where each table starts, what every
 * cell is (text, number, live formula, link), widths, print setup, chart — and the hosts decide
 * nothing. Coordinates are 1-based sheet rows/columns like everywhere else.
 */

/** Named cell looks; `SHEET_STYLES` says what each means so both hosts draw the same thing. */
export type CellStyle =
  | "title"
  | "subtitle"
  | "sectionTitle"
  | "header"
  | "body"
  /** A 依据 (basis) cell: wrapped inside its column, so long text never runs past the table's edge. */
  | "basis"
  | "note"
  /** A line to read first outside a table (the 督办单's feedback request): bold, 11 pt. */
  | "emphasis"
  /** A line of a form outside a table (the 督办单's unit and signature lines): 11 pt. */
  | "line"
  | "good"
  | "warn"
  | "bad";

export interface CellStyleSpec {
  readonly bold: boolean;
  readonly fontSize: number;
  /** `#RRGGBB` or null for no fill. */
  readonly fill: string | null;
  readonly fontColor: string | null;
  readonly wrap: boolean;
  /** Thin border all round (table cells). */
  readonly border: boolean;
}

export const SHEET_STYLES: Readonly<Record<CellStyle, CellStyleSpec>> = {
  title: { bold: true, fontSize: 16, fill: null, fontColor: null, wrap: false, border: false },
  subtitle: { bold: false, fontSize: 10, fill: null, fontColor: "#595959", wrap: false, border: false },
  sectionTitle: { bold: true, fontSize: 12, fill: null, fontColor: "#1F4E79", wrap: false, border: false },
  header: { bold: true, fontSize: 10, fill: "#DDEBF7", fontColor: null, wrap: true, border: true },
  body: { bold: false, fontSize: 10, fill: null, fontColor: null, wrap: true, border: true },
  basis: { bold: false, fontSize: 9, fill: null, fontColor: "#595959", wrap: true, border: true },
  note: { bold: false, fontSize: 9, fill: null, fontColor: "#595959", wrap: false, border: false },
  emphasis: { bold: true, fontSize: 11, fill: null, fontColor: null, wrap: false, border: false },
  line: { bold: false, fontSize: 11, fill: null, fontColor: null, wrap: false, border: false },
  good: { bold: false, fontSize: 10, fill: "#C6EFCE", fontColor: "#006100", wrap: false, border: true },
  warn: { bold: false, fontSize: 10, fill: "#FFEB9C", fontColor: "#9C5700", wrap: false, border: true },
  bad: { bold: false, fontSize: 10, fill: "#FFC7CE", fontColor: "#9C0006", wrap: false, border: true },
};

/** Number formats used on the sheet (Excel format codes, understood by both hosts). */
export const NUMBER_FORMATS = {
  integer: "0",
  percent: "0.0%",
  score: "0.0",
  date: "yyyy-mm-dd",
} as const;

/**
 * One cell's content.
 * - `text` is ALWAYS written as a string value, never as a formula, even when it begins with
 *   `=`, `+`, `-` or `@` (SPEC §8: text copied from the ledger is not evaluated).
 * - `number` is a plain number with an Excel number format (dates are serials with a date format).
 * - `formula` is A1 syntax with English function names and a leading `=`; `value` is the engine's
 *   own result, which writers cache and tests compare with a real recalculation.
 * - `link` is text that jumps to a cell of the workbook (`sheet` + `address`, e.g. `A12`).
 */
export type PlanCell =
  | { readonly kind: "text"; readonly text: string; readonly style?: CellStyle }
  | { readonly kind: "number"; readonly value: number; readonly format: string | null; readonly style?: CellStyle }
  | {
      readonly kind: "formula";
      readonly formula: string;
      readonly value: number | string | boolean | null;
      readonly format: string | null;
      readonly style?: CellStyle;
    }
  | {
      readonly kind: "link";
      readonly text: string;
      readonly sheet: string;
      readonly address: string;
      readonly style?: CellStyle;
    };

/** A cell in place. `null` cells of a table row are left empty (but still get the table's border). */
export interface PlacedCell {
  readonly row: number;
  readonly col: number;
  readonly cell: PlanCell;
}

/**
 * A table on the sheet: an optional section title, a header row and data rows, then note lines.
 * Positions are given explicitly (and are consistent: header = title + 1, first data row = header + 1).
 */
export interface PlanTable {
  /** Stable id, e.g. `overview`, `by-unit`, `warnings`, `indicators`, `indicator-inputs`, `survey`. */
  readonly id: string;
  readonly left: number;
  /** Row of the section title, null when the table has none. */
  readonly titleRow: number | null;
  readonly title: string | null;
  readonly headerRow: number;
  readonly header: readonly string[];
  /** First data row (`headerRow + 1`); `rows[i]` is on sheet row `firstRow + i`. */
  readonly firstRow: number;
  readonly rows: readonly (readonly (PlanCell | null)[])[];
  /** The last row the table uses, notes included. */
  readonly lastRow: number;
  /** Lines under the table (依据, explanations); `notes[i]` is on row `firstRow + rows.length + i`. */
  readonly notes: readonly string[];
  /**
   * How many sheet columns each table column covers (merged across, header and data rows); missing
   * entries are 1. Lets a section's long text (依据, 问题描述) take several narrow grid columns, so no
   * section forces a column wide for the others.
   */
  readonly spans?: readonly number[];
}

/** The sheet column each table column starts at and how many columns it covers. */
export function tableColumns(table: PlanTable): { col: number; span: number }[] {
  let col = table.left;
  return table.header.map((_, i) => {
    const span = Math.max(1, table.spans?.[i] ?? 1);
    const placed = { col, span };
    col += span;
    return placed;
  });
}

/** The merged cells of a table: every header and data cell of a column covering several sheet columns. */
export function tableMerges(table: PlanTable): { top: number; left: number; bottom: number; right: number }[] {
  const wide = tableColumns(table).filter((c) => c.span > 1);
  const merges: { top: number; left: number; bottom: number; right: number }[] = [];
  for (let row = table.headerRow; row < table.firstRow + table.rows.length; row++)
    for (const { col, span } of wide) merges.push({ top: row, left: col, bottom: row, right: col + span - 1 });
  return merges;
}

/** A cell range on a sheet, e.g. `{ sheet: "整改情况汇总", address: "A20:A24" }`. */
export interface RangeRef {
  readonly sheet: string;
  readonly address: string;
}

/**
 * A chart on the sheet: the Excel adapter draws it, the .xlsx writer writes it as DrawingML.
 * `stackedColumn` for counts by group, `line` (with markers) for a trend over periods.
 */
export interface ChartPlan {
  readonly id: string;
  readonly type: "stackedColumn" | "line";
  readonly title: string;
  /** The category labels on the sheet, and the same labels as data. */
  readonly categories: RangeRef;
  readonly categoryLabels: readonly string[];
  readonly series: readonly {
    readonly name: string;
    readonly values: RangeRef;
    readonly data: readonly number[];
    /** `#RRGGBB`. */
    readonly color: string;
  }[];
  /** Cells the chart covers: top-left and bottom-right (inclusive). */
  readonly anchor: { readonly top: number; readonly left: number; readonly bottom: number; readonly right: number };
}

export interface PrintSetup {
  readonly orientation: "portrait" | "landscape";
  readonly paperSize: "A4";
  /** Fit to one page wide, as many pages tall as needed. */
  readonly fitToPagesWide: 1;
  readonly fitToPagesTall: 0;
  /** Rows repeated at the top of every printed page (the title block). */
  readonly repeatRows: { readonly first: number; readonly last: number } | null;
  /** Manual page breaks: a new printed page starts at each of these rows. */
  readonly pageBreaksBefore: readonly number[];
  /**
   * Blocks that each belong on a page of their own (the 督办单's units), each followed by
   * `PAGE_FILL_ROWS` empty rows: where a host cannot set page breaks, those rows are made tall enough
   * to push the next block onto a new page (`rowHeightsWithoutPageBreaks`).
   */
  readonly pageBlocks?: readonly { readonly first: number; readonly last: number }[];
}

/** Every sheet of ours prints on A4, one page wide: the print setup from what differs between them. */
export function a4OnePageWide(
  orientation: PrintSetup["orientation"],
  rest: Partial<Pick<PrintSetup, "repeatRows" | "pageBreaksBefore" | "pageBlocks">> = {},
): PrintSetup {
  return {
    orientation,
    paperSize: "A4",
    fitToPagesWide: 1,
    fitToPagesTall: 0,
    repeatRows: rest.repeatRows ?? null,
    pageBreaksBefore: rest.pageBreaksBefore ?? [],
    ...(rest.pageBlocks ? { pageBlocks: rest.pageBlocks } : {}),
  };
}

export interface SheetPlan {
  readonly name: string;
  /** Free-standing cells: the title and the date line. */
  readonly heading: readonly PlacedCell[];
  readonly tables: readonly PlanTable[];
  /** Widths in Excel character units; `columnWidths[0]` is column A. */
  readonly columnWidths: readonly number[];
  /**
   * Sheet columns (1-based, like every coordinate of the plan) hidden whole: helper columns a
   * formula needs but a reader does not (各单位汇总's on-time counts). Empty when none is.
   */
  readonly hiddenColumns: readonly number[];
  readonly print: PrintSetup;
  readonly charts: readonly ChartPlan[];
  /** Row heights in points where the default would clip (the 16 pt title). */
  readonly rowHeights: readonly { readonly row: number; readonly points: number }[];
  /** Rows frozen at the top when the sheet is viewed (0 = none). */
  readonly freezeRows: number;
}

/** Every cell of a plan in place: heading, then each table's title, header, rows and notes. */
export function sheetPlanCells(plan: SheetPlan): PlacedCell[] {
  const out: PlacedCell[] = [...plan.heading];
  for (const table of plan.tables) {
    const columns = tableColumns(table);
    const colOf = (i: number) => columns[i]?.col ?? table.left + i;
    if (table.titleRow !== null && table.title !== null) {
      out.push({
        row: table.titleRow,
        col: table.left,
        cell: { kind: "text", text: table.title, style: "sectionTitle" },
      });
    }
    table.header.forEach((text, i) =>
      out.push({ row: table.headerRow, col: colOf(i), cell: { kind: "text", text, style: "header" } }),
    );
    table.rows.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        if (cell) out.push({ row: table.firstRow + r, col: colOf(c), cell: { style: "body", ...cell } });
      }),
    );
    table.notes.forEach((text, i) =>
      out.push({
        row: table.firstRow + table.rows.length + i,
        col: table.left,
        cell: { kind: "text", text, style: "note" },
      }),
    );
  }
  return out;
}

/** The body cells (header and data rows, full table width) that get the table's border. */
export function tableBodyArea(table: PlanTable): { top: number; left: number; bottom: number; right: number } {
  return {
    top: table.headerRow,
    left: table.left,
    bottom: table.firstRow + table.rows.length - 1,
    right: tableColumns(table).reduce((right, c) => Math.max(right, c.col + c.span - 1), table.left),
  };
}

/** Points per printed line of a wrapped cell at the sheet's 9–10 pt body fonts (with cell padding). */
const LINE_POINTS = 13;
/** The default row height both hosts use for one line. */
const DEFAULT_ROW_POINTS = 15;

/** A text's width in Excel character units: CJK and full-width characters count two. */
export function textWidthInChars(value: string): number {
  let width = 0;
  for (const ch of value) width += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/.test(ch) ? 2 : 1;
  return width;
}

/**
 * Row heights for table rows whose wrapped text needs more than one line. Neither Excel nor
 * LibreOffice grows a row to fit a merged cell's wrapped text, so the plan says how tall each row is.
 */
export function wrappedRowHeights(
  tables: readonly PlanTable[],
  columnWidths: readonly number[],
): { row: number; points: number }[] {
  const widthOf = (col: number, span: number) => {
    let width = 0;
    for (let c = col; c < col + span; c++) width += columnWidths[c - 1] ?? 8.43;
    return width;
  };
  const heights = new Map<number, number>();
  for (const table of tables) {
    const columns = tableColumns(table);
    const rows: { row: number; cells: readonly (PlanCell | string | null)[] }[] = [
      { row: table.headerRow, cells: table.header },
      ...table.rows.map((cells, i) => ({ row: table.firstRow + i, cells })),
    ];
    for (const { row, cells } of rows) {
      cells.forEach((cell, i) => {
        const column = columns[i];
        if (!cell || !column) return;
        const value = typeof cell === "string" ? cell : cell.kind === "text" || cell.kind === "link" ? cell.text : "";
        const style = typeof cell === "string" ? "header" : (cell.style ?? "body");
        if (!SHEET_STYLES[style].wrap || value === "") return;
        // One character unit of slack for the cell's padding.
        const lines = Math.ceil(textWidthInChars(value) / Math.max(1, widthOf(column.col, column.span) - 1));
        if (lines > 1) heights.set(row, Math.max(heights.get(row) ?? 0, lines * LINE_POINTS + 2));
      });
    }
  }
  return [...heights]
    .filter(([, points]) => points > DEFAULT_ROW_POINTS)
    .sort((a, b) => a[0] - b[0])
    .map(([row, points]) => ({ row, points }));
}

/** Empty rows after each of `PrintSetup.pageBlocks`, made tall where a host cannot set page breaks. */
export const PAGE_FILL_ROWS = 2;
/** Excel's tallest row. */
const MAX_ROW_POINTS = 409;
/** A4 portrait at 100 % with Excel's default margins (0.75 in top and bottom): the printed height, in points. */
export const A4_PRINTED_POINTS = 842 - 2 * 54;
/**
 * Height left free under the fill rows: more than a host's rounding of row heights (to whole pixels),
 * less than any block's first row (the 26 pt title), so that row cannot fit and starts the next page.
 */
const PAGE_SLACK_POINTS = 18;

/**
 * Where a host cannot set page breaks (Excel below ExcelApi 1.9: no page layout at all, so the sheet
 * prints at 100 % on the default paper), each page block still starts a page: every row of the
 * sheet gets an explicit height (the plan's, else the default), and the fill rows after a block take
 * up what is left of its last page. Rows flow as printers flow them: a row that does not fit on the
 * rest of a page starts the next one.
 */
export function rowHeightsWithoutPageBreaks(
  plan: SheetPlan,
  pagePoints: number = A4_PRINTED_POINTS,
): { row: number; points: number }[] {
  const planned = new Map(plan.rowHeights.map(({ row, points }) => [row, points]));
  const out: { row: number; points: number }[] = [];
  let used = 0;
  let row = 1;
  for (const block of plan.print.pageBlocks ?? []) {
    for (; row <= block.last; row++) {
      const points = planned.get(row) ?? DEFAULT_ROW_POINTS;
      used = used + points > pagePoints ? points : used + points;
      out.push({ row, points });
    }
    // Whole pixels (0.75 pt at 96 dpi), rounded down, so the fill never runs over the page.
    let fill = Math.max(0, Math.floor((pagePoints - used - PAGE_SLACK_POINTS) / 0.75) * 0.75);
    for (let i = 0; i < PAGE_FILL_ROWS; i++, row++) {
      const points = Math.min(MAX_ROW_POINTS, fill);
      fill -= points;
      out.push({ row, points });
    }
    used = 0;
  }
  return out;
}
