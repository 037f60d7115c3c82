/**
 * One 各单位汇总 row's cells in `UNIT_HEADERS` order, before a writer gives them its form: the command
 * line's workbook (exceljs, src/cli/combine/workbook.ts) and the pane's sheet plan
 * (`./combined-sheets.ts`) both take them from here, so a column or a rate is defined once.
 */
import { columnLetter } from "../grid";
import { UNIT_HEADERS } from "./labels";
import type { UnitOutcome } from "./outcome";

export type UnitCell =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "count"; readonly value: number }
  | { readonly kind: "score"; readonly value: number }
  /** `IF(whole=0,"",part/whole)` on its own row (no leading `=`), with its value: "" when whole is 0. */
  | { readonly kind: "rate"; readonly formula: string; readonly value: number | "" }
  | null;

/** The counts a row's three rates divide. */
export interface UnitCounts {
  readonly items: number;
  readonly finished: number;
  readonly closed: number;
  readonly onTime: number;
  readonly dated: number;
}

const column = (header: (typeof UNIT_HEADERS)[number]): string => columnLetter(UNIT_HEADERS.indexOf(header) + 1);
const COLUMNS = {
  items: column("事项数"),
  finished: column(UNIT_HEADERS[3]),
  closed: column(UNIT_HEADERS[4]),
  onTime: column("按期完成数"),
  dated: column("可计按期数"),
};

/** 完成率, 销号率 and 按期完成率 of sheet row `row`, as formulas over that row's cells. */
export function unitRates(row: number, counts: UnitCounts): UnitCell[] {
  const rate = (part: keyof UnitCounts, whole: keyof UnitCounts): UnitCell => ({
    kind: "rate",
    formula: `IF(${COLUMNS[whole]}${row}=0,"",${COLUMNS[part]}${row}/${COLUMNS[whole]}${row})`,
    value: counts[whole] === 0 ? "" : counts[part] / counts[whole],
  });
  return [rate("finished", "items"), rate("closed", "items"), rate("onTime", "dated")];
}

/** A file read: its row at sheet row `row`. "已完成" counts the closed items too. */
export function unitRowCells(outcome: UnitOutcome<unknown>, row: number): UnitCell[] {
  const s = outcome.summary;
  if (!s) throw new Error("unitRowCells: only a file read has a row");
  const count = (value: number): UnitCell => ({ kind: "count", value });
  const finished = s.byStatus.done + s.byStatus.closed;
  const score = outcome.survey?.score ?? null;
  return [
    { kind: "text", text: outcome.unit },
    { kind: "text", text: outcome.file },
    count(s.items),
    count(finished),
    count(s.byStatus.closed),
    count(s.byLight.red),
    count(s.byLight.yellow),
    count(s.byLight.green),
    count(s.overdue),
    ...unitRates(row, {
      items: s.items,
      finished,
      closed: s.byStatus.closed,
      onTime: outcome.onTime.onTime,
      dated: outcome.onTime.dated,
    }),
    count(outcome.findings.error),
    count(outcome.findings.warning),
    score === null ? null : { kind: "score", value: score },
    count(outcome.onTime.onTime),
    count(outcome.onTime.dated),
  ];
}
