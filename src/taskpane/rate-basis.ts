/**
 * The numerator and denominator behind each rate the pane shows, so 按期完成率 100% beside three
 * overdue items reads as what it is (按期完成 2 / 有完成日期和时限的已完成 2). The definitions are the
 * engine's (src/core/summary.ts); a test holds each part ÷ whole equal to the engine's rate.
 */
import { isFinished } from "../core/summary";
import type { EvaluatedItem } from "../core/types";

export interface Fraction {
  readonly part: number;
  readonly whole: number;
}

export interface RateBasis {
  /** Finished (done or closed) / items. */
  readonly completion: Fraction;
  /** Closed / items. */
  readonly close: Fraction;
  /** Finished on or before the deadline / finished with both a completion date and a dated deadline. */
  readonly onTime: Fraction;
  /** The same against the deadline before any extension (原定时限). */
  readonly onTimeOriginal: Fraction;
}

/** Finished items done by `against` / finished items with a completion date and that deadline. */
function onTimeOf(items: readonly EvaluatedItem[], against: "deadline" | "originalDeadline"): Fraction {
  let dated = 0;
  let onTime = 0;
  for (const item of items) {
    const deadline = item[against].date;
    if (!isFinished(item) || item.completed.kind !== "date" || deadline === null) continue;
    dated++;
    if (item.completed.date <= deadline) onTime++;
  }
  return { part: onTime, whole: dated };
}

export function rateBasis(items: readonly EvaluatedItem[]): RateBasis {
  const finished = items.filter(isFinished).length;
  const closed = items.filter((item) => item.status === "closed").length;
  return {
    completion: { part: finished, whole: items.length },
    close: { part: closed, whole: items.length },
    onTime: onTimeOf(items, "deadline"),
    onTimeOriginal: onTimeOf(items, "originalDeadline"),
  };
}
