/** 九、金额情况: the money columns' totals, then 涉及 / 已整改 / 整改到位率 in total, by status and by unit. */
import { columnLetter } from "../../grid";
import { FEN_PER_UNIT } from "../../parse/amount";
import { FIELD_LABELS } from "../../rules/field-labels";
import { isFinished } from "../../summary";
import type { AmountField, AmountGroup, Status } from "../../types";
import { STATUS_LABELS } from "../../vocabulary";
import { NUMBER_FORMATS as FORMATS, type PlanCell } from "../sheet-plan";
import {
  basis,
  consecutiveRuns,
  formula,
  lastColumnToGridRight,
  num,
  quoteSheet,
  rowRangesText,
  text,
  type PlanContext,
} from "./cells";

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
  const runs = consecutiveRuns(rows);
  if (runs.length > MAX_SUM_PIECES) return null;
  const pieces = runs.map(([first, last]) =>
    first === last ? `${sheet}!$${letter}$${first}` : `${sheet}!$${letter}$${first}:$${letter}$${last}`,
  );
  const sum = `SUM(${pieces.join(",")})`;
  return divisor === 1 ? sum : `${sum}/${divisor}`;
}

/**
 * 九、金额情况: each money column's total, then 涉及金额 / 已整改金额 / 整改到位率 in total, by status
 * and by 责任单位. A sum is a live SUM over the ledger's item rows where every cell it adds is a
 * number in its column's unit (`allNumbers`); otherwise (amounts typed as text, `12.3万元`) the
 * engine's value, and the note says why.
 */
export function planAmounts({ result, opts, sheet }: PlanContext): void {
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
    spans: lastColumnToGridRight(3),
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
