/**
 * The money on a ledger (涉及金额, 整改金额, 追回金额, 上缴金额): each column's unit, its total, and
 * 涉及金额 / 已整改金额 / 整改到位率 by amount in total, by status and by 责任单位.
 *
 * Choices (docs/DECISIONS.md, "Amounts"):
 * - **A column's unit** comes from, in order: its header text (`涉及金额（万元）`); a cell of the
 *   header block above or below the header in that column (a parent `金额（万元）`, a units row
 *   `（万元）`); a `单位：万元` note anywhere in the header block or in the three rows above it (it
 *   applies to every money column without a unit of its own); the number format of its first
 *   number cell (`#,##0.00"万元"`); else 元, the accounting default.
 * - **A cell's own unit** wins over its column's: `12.3万元` typed into a 元 column is 123,000 元.
 * - **The summary's unit** is the columns' common unit; when columns differ, everything is converted
 *   to 万元 (the unit meeting reports use) and `converted` says so.
 * - **已整改金额** is the 整改金额 column's sum where the ledger has one; otherwise the 涉及金额 of
 *   finished items (done or closed). 整改到位率 = 已整改金额 ÷ 涉及金额.
 * - Text that is not an amount (`待核实`) is left out of the sums and its row listed.
 * - Only item rows are summed: a 合计/小计 row, a section's subtotal and a units row are not items.
 */
import { cellAt, MergeIndex } from "./grid";
import { FEN_PER_UNIT, toFen, unitInText, unitOfNumberFormat } from "./parse/amount";
import { cellText } from "./text";
import {
  AMOUNT_FIELDS,
  type AmountColumnSummary,
  type AmountField,
  type AmountGroup,
  type AmountSummary,
  type AmountUnit,
  type EvaluatedItem,
  type Grid,
  type LedgerLayout,
  type Status,
} from "./types";

/** Where a money column's unit came from. */
export interface AmountColumnUnit {
  readonly field: AmountField;
  readonly col: number;
  readonly unit: AmountUnit;
  readonly unitSource: AmountColumnSummary["unitSource"];
}

/** Rows above the header searched for a `单位：万元` note. */
const ROWS_ABOVE_FOR_UNIT_NOTE = 3;
/** A header-block cell longer than this is a title or a note, not a unit label. */
const MAX_UNIT_LABEL_LENGTH = 16;
const UNIT_NOTE = /单位[:：]\s*(万元|元)/u;

/** The text a header-block cell shows at (row, col), merged cells included. */
function shownText(grid: Grid, merges: MergeIndex, row: number, col: number): string {
  const merge = merges.at(row, col);
  return cellText(merge ? cellAt(grid, merge.top, merge.left) : cellAt(grid, row, col));
}

/**
 * Each money column of the ledger with its unit, from the header and the rows around it (see the
 * module comment; the number-format fallback needs the items and is applied by `summarizeAmounts`).
 * Empty when the ledger has no money column.
 */
export function amountColumnUnits(grid: Grid, layout: LedgerLayout): AmountColumnUnit[] {
  const fields = AMOUNT_FIELDS.filter((field) => layout.columns[field] !== undefined);
  if (fields.length === 0) return [];
  const merges = new MergeIndex(grid.merges);
  const top = Math.max(1, layout.headerTop - ROWS_ABOVE_FOR_UNIT_NOTE);
  let tableUnit: AmountUnit | null = null;
  for (let row = top; row < layout.firstRow && tableUnit === null; row++) {
    for (let col = layout.firstCol; col <= layout.lastCol + 2 && tableUnit === null; col++) {
      const found = UNIT_NOTE.exec(shownText(grid, merges, row, col));
      if (found) tableUnit = found[1] === "万元" ? "万元" : "元";
    }
  }
  return fields.map((field) => {
    const col = layout.columns[field] as number;
    const fromHeader = unitInText(layout.headers[col] ?? "");
    if (fromHeader) return { field, col, unit: fromHeader, unitSource: "header" };
    for (let row = layout.headerTop; row < layout.firstRow; row++) {
      const text = shownText(grid, merges, row, col);
      const unit = text.length <= MAX_UNIT_LABEL_LENGTH ? unitInText(text) : null;
      if (unit) return { field, col, unit, unitSource: row === layout.headerRow ? "header" : "units-row" };
    }
    if (tableUnit) return { field, col, unit: tableUnit, unitSource: "units-row" };
    return { field, col, unit: "元", unitSource: "default" };
  });
}

const STATUS_ORDER: readonly Status[] = ["closed", "done", "in_progress", "not_started", "ongoing", "unknown"];

const isFinished = (item: EvaluatedItem): boolean => item.status === "done" || item.status === "closed";

/** A group being summed, in 分. */
interface GroupSums {
  readonly key: string;
  items: number;
  involved: number;
  rectified: number;
  readonly rows: number[];
}

function addTo(group: GroupSums, row: number, involved: number, rectified: number): void {
  group.items++;
  group.involved += involved;
  group.rectified += rectified;
  group.rows.push(row);
}

export interface AmountSummaryInput {
  readonly items: readonly EvaluatedItem[];
  readonly columns: readonly AmountColumnUnit[];
  /** The 责任单位 key of an item (as the summary's breakdown), or null without that column. */
  readonly unitKeyOf: ((item: EvaluatedItem) => string) | null;
}

/**
 * Sums the money columns over the items. One pass per column over the items, reading each cell
 * once into 分 (integers: exact), no allocation per cell.
 */
export function summarizeAmounts({ items, columns, unitKeyOf }: AmountSummaryInput): AmountSummary | null {
  if (columns.length === 0) return null;
  const resolved = columns.map((column) => withNumberFormatUnit(column, items));
  const units = new Set(resolved.map((column) => column.unit));
  const unit: AmountUnit = units.size === 1 ? (resolved[0] as AmountColumnUnit).unit : "万元";
  const perFen = FEN_PER_UNIT[unit];

  const fenByField = new Map<AmountField, Float64Array>();
  const columnSummaries: AmountColumnSummary[] = resolved.map((column) => {
    const fen = new Float64Array(items.length);
    const rows: number[] = [];
    const unreadableRows: number[] = [];
    let total = 0;
    let allNumbers = true;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as EvaluatedItem;
      const cell = item.cells[column.field];
      if (cell === undefined) continue;
      const value = toFen(cell.value, cell.numberFormat, column.unit);
      if (value === null) continue;
      if (Number.isNaN(value)) {
        unreadableRows.push(item.row);
        continue;
      }
      fen[i] = value;
      total += value;
      rows.push(item.row);
      if (typeof cell.value !== "number" || (unitOfNumberFormat(cell.numberFormat) ?? column.unit) !== column.unit) {
        allNumbers = false;
      }
    }
    fenByField.set(column.field, fen);
    return { ...column, total: total / perFen, rows, unreadableRows, allNumbers };
  });

  const involved = fenByField.get("amountInvolved") ?? null;
  const rectifiedColumn = fenByField.get("amountRectified") ?? null;
  const rectifiedBasis = rectifiedColumn ? "column" : involved ? "finished-items" : null;
  const rectifiedFen = (i: number, item: EvaluatedItem): number =>
    rectifiedColumn ? (rectifiedColumn[i] as number) : involved && isFinished(item) ? (involved[i] as number) : 0;

  const total: GroupSums = { key: "total", items: 0, involved: 0, rectified: 0, rows: [] };
  const byStatus = new Map<string, GroupSums>();
  const byUnit = new Map<string, GroupSums>();
  const add = (groups: Map<string, GroupSums>, key: string): GroupSums => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, items: 0, involved: 0, rectified: 0, rows: [] }));
    return group;
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as EvaluatedItem;
    const inv = involved ? (involved[i] as number) : 0;
    const rec = rectifiedFen(i, item);
    addTo(total, item.row, inv, rec);
    addTo(add(byStatus, item.status), item.row, inv, rec);
    if (unitKeyOf) addTo(add(byUnit, unitKeyOf(item)), item.row, inv, rec);
  }
  const toGroup = (sums: GroupSums): AmountGroup => {
    const inv = involved ? sums.involved / perFen : null;
    const rec = rectifiedBasis ? sums.rectified / perFen : null;
    return {
      key: sums.key,
      items: sums.items,
      involved: inv,
      rectified: rec,
      rate: inv === null || rec === null || sums.involved === 0 ? null : sums.rectified / sums.involved,
      rows: sums.rows,
    };
  };
  return {
    unit,
    converted: units.size > 1,
    columns: columnSummaries,
    rectifiedBasis,
    total: toGroup(total),
    byStatus: STATUS_ORDER.flatMap((status) => {
      const sums = byStatus.get(status);
      return sums ? [toGroup(sums)] : [];
    }),
    byUnit: [...byUnit.values()]
      .map(toGroup)
      .sort(
        (a, b) =>
          (b.involved ?? 0) - (a.involved ?? 0) || b.items - a.items || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
      ),
  };
}

/** A column with no unit from its header gets the one its first number cell's format shows, if any. */
function withNumberFormatUnit(column: AmountColumnUnit, items: readonly EvaluatedItem[]): AmountColumnUnit {
  if (column.unitSource !== "default") return column;
  for (const item of items) {
    const cell = item.cells[column.field];
    if (cell === undefined || typeof cell.value !== "number") continue;
    const unit = unitOfNumberFormat(cell.numberFormat);
    return unit ? { ...column, unit, unitSource: "number-format" } : column;
  }
  return column;
}
