/**
 * What the add-in may write into the user's ledger (SPEC §8), as data: both hosts (Excel, .xlsx)
 * render the same plan, so a ledger is marked identically in Excel and on the command line.
 */
import type { Light } from "../types";
import { LIGHT_LABELS } from "../vocabulary";

export const STATUS_HEADER = "预警状态";
export const OPINION_HEADER = "评估意见";
export const SUMMARY_SHEET_NAME = "整改情况汇总";

/** The words written in the 预警状态 column (the vocabulary's, re-exported for the hosts that write them). */
export { LIGHT_LABELS } from "../vocabulary";

/** Excel's own bad/neutral/good fills; `none` rows are not coloured. */
export const LIGHT_FILLS: Readonly<Record<Light, string | null>> = {
  red: "#FFC7CE",
  yellow: "#FFEB9C",
  green: "#C6EFCE",
  closed: "#D9D9D9",
  none: null,
};

export interface MarkedRow {
  readonly row: number;
  readonly light: Light;
  /** `LIGHT_LABELS[light]`. */
  readonly status: string;
  /** That row's findings in words, `；`-separated, "" when none. */
  readonly opinion: string;
}

export interface MarksPlan {
  readonly sheet: string;
  readonly headerRow: number;
  /** Sheet columns of 预警状态 and 评估意见 (right of the ledger, or where an earlier run put them). */
  readonly statusCol: number;
  readonly opinionCol: number;
  /** One entry per item row, in row order. Non-item rows get no status and no colour. */
  readonly rows: readonly MarkedRow[];
  /** The ledger's columns, coloured per row by light (conditional formats keyed on the status column). */
  readonly colourArea: {
    readonly firstRow: number;
    readonly lastRow: number;
    readonly firstCol: number;
    readonly lastCol: number;
  };
}

/**
 * Workbook-level defined names that mark what the add-in wrote (SPEC §8: "each is marked so it can
 * be found again"). Both hosts write them; a later run finds and replaces what they point at and
 * 清除标记 removes them with the things they mark.
 * - `summary` → the summary sheet's A1 (so a user sheet that merely has the same name is told apart);
 *   `supervision` → the 督办单's A1, for the same reason;
 * - `statusColumn` / `opinionColumn` → the cells the add-in wrote in each owned column on the ledger
 *   sheet: header row through the last item row (`writtenRows`), e.g. `'台账'!$K$2:$K$8`. Evaluating
 *   again and 清除标记 touch only that range, so a user's note above the header or under the ledger
 *   in those columns is never changed. A name on the header cell alone was written by earlier
 *   versions; its rows are inferred (`legacyWrittenRows`, written-rows.ts).
 */
export const MARK_NAMES = {
  summary: "_ZGTZ_Summary",
  /** The hidden sheet 评估记录 (its A1): the recorded periods, which 清除标记 keeps unless asked. */
  history: "_ZGTZ_History",
  /** The 督办单's A1, like the summary's. */
  supervision: "_ZGTZ_Supervision",
  /** 合并多个单位台账's two sheets (their A1), like the summary's. */
  combinedUnits: "_ZGTZ_CombinedUnits",
  combinedWarnings: "_ZGTZ_CombinedWarnings",
  statusColumn: "_ZGTZ_StatusColumn",
  opinionColumn: "_ZGTZ_OpinionColumn",
} as const;

/**
 * The marks of the add-in's own sheets (each name points at its sheet's A1): 整改情况汇总, 督办单, the
 * hidden 评估记录, and the consolidation's 各单位汇总 and 红黄灯清单. A sheet one of them points at is
 * never a ledger — 督办单 and 红黄灯清单 have a ledger's columns, yet evaluating them would write 预警状态
 * into our own sheet — so 评估 refuses it and the search for a ledger skips it.
 */
export const OWNED_SHEET_MARKS = [
  MARK_NAMES.summary,
  MARK_NAMES.supervision,
  MARK_NAMES.history,
  MARK_NAMES.combinedUnits,
  MARK_NAMES.combinedWarnings,
] as const;

/**
 * How many ledger sheets of one workbook can carry marks at once. Each marked sheet has its own pair
 * of column mark names (`columnMarkNames`), so evaluating a second ledger leaves the first one's
 * marks findable and 清除标记 takes away every sheet's (SPEC §8: "exactly as it was before the first
 * evaluation").
 */
export const MAX_MARKED_SHEETS = 8;

/**
 * The column mark names of pair `index` (1…MAX_MARKED_SHEETS): pair 1 is `MARK_NAMES`' own (what
 * earlier versions wrote for their one marked sheet), pair 2 `_ZGTZ_StatusColumn2` / `_ZGTZ_OpinionColumn2`…
 */
export function columnMarkNames(index: number): { readonly status: string; readonly opinion: string } {
  const suffix = index > 1 ? String(index) : "";
  return { status: `${MARK_NAMES.statusColumn}${suffix}`, opinion: `${MARK_NAMES.opinionColumn}${suffix}` };
}

/** Every pair of column mark names, pair 1 first. */
export const COLUMN_MARK_PAIRS = Array.from({ length: MAX_MARKED_SHEETS }, (_, i) => columnMarkNames(i + 1));

/** The lights that get a row colour, in the order their conditional-format rules are added. */
export const COLOURED_LIGHTS = ["red", "yellow", "green", "closed"] as const satisfies readonly Light[];

/**
 * The conditional-format formula for one light over `colourArea`, relative to its top-left cell:
 * `$J4="红灯"` (column absolute, row relative), so ONE rule per colour covers the whole area and
 * the user's own fills stay underneath (SPEC §8).
 */
export function colourRuleFormula(light: Light, statusColLetter: string, firstRow: number): string {
  return `$${statusColLetter}${firstRow}="${LIGHT_LABELS[light]}"`;
}
