/**
 * The consolidation's totals: SPEC §9's `summary` over every item of every file that could be
 * read. Counts are summed; the rates are recomputed from the summed counts (a unit with 3 items
 * must not weigh as much as one with 300), and rounded as `evaluate` rounds them.
 *
 * Money (`amounts`): each file's 涉及金额 and 已整改金额 in one unit — 元 when every file with money
 * columns counts in 元, else 万元 (converted) — summed; the rate is recomputed from the files that
 * have both. Null when no file has money columns. Per-column and per-group details stay in each
 * file's own summary.
 */
import { roundRate } from "../format";
import type { CliJson } from "../report/json";
import type { AmountUnit, Light, Status } from "../types";
import { LIGHT_ORDER, STATUS_ORDER } from "../vocabulary";
import type { UnitOutcome } from "./outcome";

export interface CombinedAmounts {
  readonly unit: AmountUnit;
  /** Some file counted in the other unit and was converted. */
  readonly converted: boolean;
  readonly involved: number | null;
  readonly rectified: number | null;
  readonly rectifiedRate: number | null;
}

export type CombinedTotals = Omit<CliJson["summary"], "amounts"> & { readonly amounts: CombinedAmounts | null };

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function combinedTotals(outcomes: readonly UnitOutcome<unknown>[]): CombinedTotals {
  const byStatus = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<Status, number>;
  const byLight = Object.fromEntries(LIGHT_ORDER.map((l) => [l, 0])) as Record<Light, number>;
  let items = 0;
  let overdue = 0;
  let onTime = 0;
  let dated = 0;
  let onTimeOriginal = 0;
  let datedOriginal = 0;
  for (const outcome of outcomes) {
    const summary = outcome.summary;
    if (!summary) continue;
    items += summary.items;
    overdue += summary.overdue;
    for (const s of STATUS_ORDER) byStatus[s] += summary.byStatus[s];
    for (const l of LIGHT_ORDER) byLight[l] += summary.byLight[l];
    onTime += outcome.onTime.onTime;
    dated += outcome.onTime.dated;
    onTimeOriginal += outcome.onTimeOriginal.onTime;
    datedOriginal += outcome.onTimeOriginal.dated;
  }
  return {
    items,
    byStatus,
    byLight,
    overdue,
    completionRate: roundRate(ratio(byStatus.done + byStatus.closed, items)),
    closeRate: roundRate(ratio(byStatus.closed, items)),
    onTimeRate: roundRate(ratio(onTime, dated)),
    onTimeRateOriginal: roundRate(ratio(onTimeOriginal, datedOriginal)),
    amounts: combinedAmounts(outcomes),
  };
}

/** An amount in `from` expressed in `to`. */
export const inUnit = (amount: number, from: AmountUnit, to: AmountUnit): number =>
  from === to ? amount : to === "万元" ? amount / 10_000 : amount * 10_000;

/** The unit money is consolidated in: 元 when every file's money columns count in 元, else 万元. */
export function consolidatedMoneyUnit(outcomes: readonly UnitOutcome<unknown>[]): AmountUnit {
  return outcomes.every((o) => Object.values(o.moneyUnits).every((unit) => unit === "元")) ? "元" : "万元";
}

function combinedAmounts(outcomes: readonly UnitOutcome<unknown>[]): CombinedAmounts | null {
  const withMoney = outcomes.flatMap((o) => (o.summary?.amounts ? [o.summary.amounts] : []));
  if (withMoney.length === 0) return null;
  const unit = consolidatedMoneyUnit(outcomes);
  let involved: number | null = null;
  let rectified: number | null = null;
  let bothInvolved = 0;
  let bothRectified = 0;
  for (const a of withMoney) {
    if (a.involved !== null) involved = (involved ?? 0) + inUnit(a.involved, a.unit, unit);
    if (a.rectified !== null) rectified = (rectified ?? 0) + inUnit(a.rectified, a.unit, unit);
    if (a.involved !== null && a.rectified !== null) {
      bothInvolved += inUnit(a.involved, a.unit, unit);
      bothRectified += inUnit(a.rectified, a.unit, unit);
    }
  }
  return {
    unit,
    converted: withMoney.some((a) => a.converted || a.unit !== unit),
    involved,
    rectified,
    rectifiedRate: roundRate(ratio(bothRectified, bothInvolved)),
  };
}
