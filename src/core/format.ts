/**
 * How numbers and text are shown to people, in one place: the reports, the plans, the rule messages
 * and the pane all format through these, so the same rate never reads two ways.
 *
 * - `roundTo` is the one rounding rule (half away from zero on the decimal digits a user sees, as
 *   Excel's ROUND); `roundRate` applies it to the JSON's rates (three decimals).
 * - `percent` shows a measured rate with one decimal always (`50.0%`, `48.6%`), so rates listed
 *   together line up — the text report, the pane and the summary sheet's `0.0%` cells;
 *   `percentInProse` shows a rate inside a sentence the shortest way (`= 80%`, `目标 ≥ 90%`, `81.3%`),
 *   as a person writes a target or a worked sum in a 依据 text.
 * - `excerpt` shortens a cell's text by code points, so a character outside the BMP (rare CJK) is
 *   never cut in two.
 */

/** Rounds half away from zero on the decimal digits a user sees (like Excel's ROUND): 84.45 → 84.5. */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  // 15 significant digits, as Excel keeps them, so binary noise (4.35 = 4.34999…) does not decide.
  const shown = Math.abs(Number(value.toPrecision(15)));
  // Shift the decimal point in the text, never by multiplying (1.005 × 100 = 100.49999…).
  const shift = (x: number, places: number): number => {
    const [mantissa, exponent = "0"] = String(x).split("e");
    return Number(`${mantissa}e${Number(exponent) + places}`);
  };
  const rounded = shift(Math.round(shift(shown, decimals)), -decimals);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** A rate as SPEC §9 prints it: a fraction with three decimals, or null. */
export function roundRate(rate: number | null): number | null {
  if (rate === null || !Number.isFinite(rate)) return null;
  return roundTo(rate, 3);
}

/** `0.4862` → `48.6%`, `0.5` → `50.0%`; null → `—` (or `empty`). */
export function percent(rate: number | null, empty = "—"): string {
  if (rate === null || !Number.isFinite(rate)) return empty;
  return `${roundTo(rate * 100, 1).toFixed(1)}%`;
}

/** `0.8` → `80%`, `0.8125` → `81.3%` (one decimal at most, for a target or a sum written out in words). */
export function percentInProse(rate: number): string {
  return `${roundTo(rate * 100, 1)}%`;
}

/** How long a description excerpt in the text report is, in characters. */
export const EXCERPT_LENGTH = 24;

/** The first `max` characters (by code point), with `…` when cut; runs of whitespace become one space. */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max).join("")}…`;
}
