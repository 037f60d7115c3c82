/**
 * The numerator and denominator behind each rate the pane shows, so 按期完成率 100% beside three
 * overdue items reads as what it is (按期完成 2 / 有完成日期和时限的已完成 2). The definitions are the
 * engine's (src/core/summary.ts); a test holds each part ÷ whole equal to the engine's rate.
 */
import { isFinished, onTimeCounts } from "../core/summary";
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

/** The on-time counts the engine's own rate is built from (`onTimeCounts`), as a fraction. */
function onTimeOf(items: readonly EvaluatedItem[], against: "deadline" | "originalDeadline"): Fraction {
  const { onTime, dated } = onTimeCounts(items, against);
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
