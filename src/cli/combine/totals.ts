/**
 * The consolidation's totals: SPEC §9's `summary` over every item of every file that could be
 * read. Counts are summed; the rates are recomputed from the summed counts (a unit with 3 items
 * must not weigh as much as one with 300), and rounded as `evaluate` rounds them.
 */
import { roundRate, type CliJson } from "../../core/report/json";
import type { Light, Status } from "../../core/types";
import type { FileOutcome } from "./evaluate-file";

export type CombinedTotals = CliJson["summary"];

const STATUSES: readonly Status[] = ["closed", "done", "in_progress", "not_started", "ongoing", "unknown"];
const LIGHTS: readonly Light[] = ["red", "yellow", "green", "closed", "none"];

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function combinedTotals(outcomes: readonly FileOutcome[]): CombinedTotals {
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const byLight = Object.fromEntries(LIGHTS.map((l) => [l, 0])) as Record<Light, number>;
  let items = 0;
  let overdue = 0;
  let onTime = 0;
  let dated = 0;
  for (const outcome of outcomes) {
    const summary = outcome.summary;
    if (!summary) continue;
    items += summary.items;
    overdue += summary.overdue;
    for (const s of STATUSES) byStatus[s] += summary.byStatus[s];
    for (const l of LIGHTS) byLight[l] += summary.byLight[l];
    onTime += outcome.onTime.onTime;
    dated += outcome.onTime.dated;
  }
  return {
    items,
    byStatus,
    byLight,
    overdue,
    completionRate: roundRate(ratio(byStatus.done + byStatus.closed, items)),
    closeRate: roundRate(ratio(byStatus.closed, items)),
    onTimeRate: roundRate(ratio(onTime, dated)),
  };
}
