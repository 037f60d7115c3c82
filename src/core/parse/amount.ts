/**
 * Reading money cells (涉及金额, 整改金额, 追回金额, 上缴金额) and their units.
 *
 * A money cell is a number, or text a clerk typed: `1,234.5`, `12.3万元`, `１２３`（full-width),
 * `￥2,000`, `-`. Text amounts may carry their own unit (`12.3万元` in a column headed 元); a number
 * cell's unit may be in its number format (`#,##0.00"万元"`). Values are returned in 分 (hundredths
 * of a 元), integers, so sums are exact whatever the mix of units: 万元 and 元 are decimal scalings,
 * and a sum of floats would show `0.30000000000000004`. Fractions of a 分 are rounded (no ledger
 * records them).
 */
import { Memo } from "../memo";
import { normalizeText } from "../text";
import type { AmountUnit, CellValue } from "../types";

/** 分 per unit. */
export const FEN_PER_UNIT: Readonly<Record<AmountUnit, number>> = { 元: 100, 万元: 1_000_000 };

/** A text amount's reading: 分 and the unit it named, or why it is none. */
export type TextAmount =
  | { readonly kind: "empty" }
  | { readonly kind: "invalid" }
  | { readonly kind: "amount"; readonly value: number; readonly unit: AmountUnit | null };

const EMPTY: TextAmount = { kind: "empty" };
const INVALID: TextAmount = { kind: "invalid" };

/** What clerks type for "no amount": a dash, a slash, 无, 不涉及. */
const NO_AMOUNT = /^(?:[-—–―/／\\]+|无|不涉及|\/)$/u;
/**
 * `¥1,234.50`, `12.3万元`, `-5元`, `1.2亿元` (after `normalizeText`: no spaces, full-width digits and
 * commas half-width): sign, digits with optional thousands commas, decimals, unit.
 */
const AMOUNT_TEXT = /^(?:¥|￥|rmb|人民币)?([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(亿元|万元|亿|万|元)?$/u;

const textAmounts = new Memo<string, TextAmount>((text) => {
  const normalized = normalizeText(text);
  if (normalized === "" || NO_AMOUNT.test(normalized)) return EMPTY;
  const found = AMOUNT_TEXT.exec(normalized);
  if (!found) return INVALID;
  const number = Number(`${found[1] ?? ""}${(found[2] ?? "").replace(/,/g, "")}${found[3] ?? ""}`);
  if (!Number.isFinite(number)) return INVALID;
  const word = found[4];
  if (word === "亿元" || word === "亿")
    return { kind: "amount", value: Math.round(number * 1e4 * FEN_PER_UNIT.万元), unit: "万元" };
  const unit: AmountUnit | null = word === "万元" || word === "万" ? "万元" : word === "元" ? "元" : null;
  return { kind: "amount", value: unit === null ? number : Math.round(number * FEN_PER_UNIT[unit]), unit };
});

/**
 * A text cell's amount. With a unit in the text, `value` is in 分; without one, `value` is the
 * number as typed (the column's unit applies: see `toFen`).
 */
export function readAmountText(text: string): TextAmount {
  return textAmounts.get(text);
}

/**
 * The unit a number format shows: `"万元"` in quotes → 万元, `元`/`¥`/`￥`/`[$¥-804]` → 元, else null.
 * A format that prints a literal point to show 元 as 万元 (`0!.0000"万元"`, `0\.0000"万元"`) stores
 * 元: the cell holds 123456 and shows 12.3456万元.
 */
export const unitOfNumberFormat = (() => {
  const memo = new Memo<string, AmountUnit | null>((format) => {
    if (format.includes("万")) return /!\.|\\\./.test(format) ? "元" : "万元";
    if (/元|¥|￥/.test(format)) return "元";
    return null;
  }, 256);
  return (format: string | null): AmountUnit | null => (format === null ? null : memo.get(format));
})();

/** The unit a header or units-row text names: `涉及金额（万元）`, `单位：万元`, `(元)` — else null. */
export function unitInText(text: string): AmountUnit | null {
  const normalized = normalizeText(text);
  if (normalized.includes("万元")) return "万元";
  if (/(?:^|[(:：单位])元(?:\)|$)/u.test(normalized)) return "元";
  return null;
}

/**
 * A cell's amount in 分, or null for a blank / no-amount cell, or NaN for text that is not an
 * amount. `columnUnit` applies where neither the text nor the number format names a unit.
 * Allocates nothing for number cells.
 */
export function toFen(value: CellValue, numberFormat: string | null, columnUnit: AmountUnit): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return Number.NaN;
    return Math.round(value * FEN_PER_UNIT[unitOfNumberFormat(numberFormat) ?? columnUnit]);
  }
  if (typeof value === "boolean") return Number.NaN;
  let text: string;
  if (typeof value === "string") text = value;
  else if ("error" in value) return Number.NaN;
  else text = value.runs.join("");
  const reading = readAmountText(text);
  if (reading.kind === "empty") return null;
  if (reading.kind === "invalid") return Number.NaN;
  return reading.unit === null ? Math.round(reading.value * FEN_PER_UNIT[columnUnit]) : reading.value;
}
