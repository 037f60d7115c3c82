/**
 * One write to the workbook at a time (保存设置, 生成汇总表, 清除标记): which one is under way, and its
 * outcome with a throw turned into a host error, so that every caller handles one shape and the
 * pane is never left busy by an exception.
 */
import { useCallback, useState } from "react";
import type { HostError, HostOutcome } from "../core/host";

/** A throw from the host (Office.js rejects with plain errors) as the message the pane shows. */
export function unexpectedError(error: unknown): HostError {
  const detail = error instanceof Error ? error.message : String(error);
  return { code: "unknown", message: { zh: `出现意外错误：${detail}`, en: `Unexpected error: ${detail}` } };
}

export interface HostAction<Name extends string> {
  /** The action under way, or null when none is. */
  readonly pending: Name | null;
  /**
   * Runs one host call as `name` and hands its outcome to `settle`, whose result it resolves to.
   * The action stays pending until `settle` has run, so the pane shows what came of it in the
   * same render that ends the wait.
   */
  readonly perform: <T, R>(
    name: Name,
    call: () => Promise<HostOutcome<T>>,
    settle: (outcome: HostOutcome<T>) => R,
  ) => Promise<R>;
}

export function useHostAction<Name extends string>(): HostAction<Name> {
  const [pending, setPending] = useState<Name | null>(null);
  const perform = useCallback(
    async <T, R>(name: Name, call: () => Promise<HostOutcome<T>>, settle: (outcome: HostOutcome<T>) => R) => {
      setPending(name);
      try {
        let outcome: HostOutcome<T>;
        try {
          outcome = await call();
        } catch (error) {
          outcome = { ok: false, error: unexpectedError(error) };
        }
        return settle(outcome);
      } finally {
        setPending(null);
      }
    },
    [],
  );
  return { pending, perform };
}
