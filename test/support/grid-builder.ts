/**
 * Test helper: build a `Grid` from a 2-D array, the way a host would hand one to the engine.
 *
 *     gridFrom(
 *       [
 *         ["XX单位巡察整改问题整改台账"],
 *         ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限"],
 *         [1, "制度不健全", "修订《采购管理办法》", "工程部", "张三", "2025-03-31"],
 *       ],
 *       { merges: ["A1:F1"] },
 *     );
 *
 * Merges may be written as A1-style ranges (`"A1:F1"`, in sheet coordinates) or as `MergeArea`s.
 * `origin` is the sheet cell of `rows[0][0]` (default A1), so a grid read from a selected range or
 * an Excel table can be reproduced; merge ranges are always sheet addresses, never array indexes.
 */
import { columnNumber } from "../../src/core/grid";
import type { CellValue, Grid, MergeArea } from "../../src/core/types";

export interface GridOptions {
  sheet?: string;
  origin?: { row: number; col: number };
  merges?: readonly (MergeArea | string)[];
  numberFormats?: readonly (readonly (string | null)[])[];
  date1904?: boolean;
}

/** `"B3:D5"` (or a single cell `"B3"`) → the merge area it names. Throws on a malformed range: it is a test bug. */
export function mergeFromRange(range: string): MergeArea {
  const match = /^([A-Za-z]{1,3})(\d+)(?::([A-Za-z]{1,3})(\d+))?$/.exec(range.trim());
  if (!match) throw new Error(`gridFrom: not an A1 range: ${range}`);
  const [, c1, r1, c2 = c1, r2 = r1] = match;
  const left = columnNumber(c1 ?? "");
  const right = columnNumber(c2 ?? "");
  if (left === null || right === null) throw new Error(`gridFrom: bad column in ${range}`);
  const top = Number(r1);
  const bottom = Number(r2);
  return {
    top: Math.min(top, bottom),
    bottom: Math.max(top, bottom),
    left: Math.min(left, right),
    right: Math.max(left, right),
  };
}

export function gridFrom(rows: readonly (readonly CellValue[])[], opts: GridOptions = {}): Grid {
  return {
    sheet: opts.sheet ?? "Sheet1",
    origin: opts.origin ?? { row: 1, col: 1 },
    values: rows.map((row) => [...row]),
    ...(opts.numberFormats ? { numberFormats: opts.numberFormats.map((row) => [...row]) } : {}),
    merges: (opts.merges ?? []).map((m) => (typeof m === "string" ? mergeFromRange(m) : m)),
    date1904: opts.date1904 ?? false,
  };
}
