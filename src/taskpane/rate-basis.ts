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
}

export function rateBasis(items: readonly EvaluatedItem[]): RateBasis {
  let finished = 0;
  let closed = 0;
  let dated = 0;
  let onTime = 0;
  for (const item of items) {
    if (item.status === "closed") closed++;
    if (!isFinished(item)) continue;
    finished++;
    if (item.completed.kind !== "date" || item.deadline.date === null) continue;
    dated++;
    if (item.completed.date <= item.deadline.date) onTime++;
  }
  return {
    completion: { part: finished, whole: items.length },
    close: { part: closed, whole: items.length },
    onTime: { part: onTime, whole: dated },
  };
}
