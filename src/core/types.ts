/**
 * The shared vocabulary of the engine. Everything in `src/core` speaks these types; the hosts
 * (`src/excel`, `src/xlsx`) produce a `Grid` and consume an `EvaluationResult`.
 *
 * Conventions used everywhere:
 * - rows and columns are 1-based *sheet* coordinates (row 1 is the sheet's first row, column 1 is A),
 *   never indexes into an array, so a finding can always be shown as a cell address;
 * - dates are `IsoDate` strings (`YYYY-MM-DD`): they have no time zone, compare with `<`, and
 *   serialise as SPEC §9 wants. `src/core/dates.ts` does the calendar arithmetic.
 */

import type { Comparison } from "./history/compare";
import type { KeyedPeriod } from "./history/identity";

/** `YYYY-MM-DD`. */
export type IsoDate = string;

// ───────────────────────────── The grid: what a host hands the engine ─────────────────────────────

/** An Excel error value such as `#N/A` or `#REF!`. */
export interface CellError {
  readonly error: string;
}

/** Text made of formatted runs (exceljs `richText`, LibreOffice-written cells); the runs join to the text. */
export interface RichText {
  readonly runs: readonly string[];
}

/**
 * One cell as the host gives it. Dates arrive as serial numbers (as in Excel); `Grid.numberFormats`
 * tells a date serial from a plain number.
 */
export type CellValue = string | number | boolean | null | CellError | RichText;

/** A merged area, in sheet coordinates, inclusive. Only its top-left cell holds the value. */
export interface MergeArea {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/**
 * A rectangle of one sheet. `values[r][c]` is the cell at sheet row `origin.row + r`, column
 * `origin.col + c`. Rows may be ragged or shorter than the rectangle: a missing cell is `null`.
 */
export interface Grid {
  readonly sheet: string;
  readonly origin: { readonly row: number; readonly col: number };
  readonly values: readonly (readonly CellValue[])[];
  /** Same shape as `values` where known; `null`/missing = General. Used to tell dates from numbers. */
  readonly numberFormats?: readonly (readonly (string | null)[])[];
  readonly merges: readonly MergeArea[];
  /** The workbook uses the 1904 date system (old Mac workbooks). */
  readonly date1904: boolean;
}

// ───────────────────────────── Fields and the ledger's layout ─────────────────────────────

export const FIELD_KEYS = [
  "seq",
  "source",
  "category",
  "description",
  "measures",
  "type",
  "leader",
  "unit",
  "owner",
  "assigned",
  "deadline",
  "progress",
  "status",
  "completed",
  "closed",
  "closedOn",
  "evidence",
  "signer",
  "reviewed",
  "note",
  // Optional columns audit and inspection ledgers carry (documented beside SPEC §2's table in
  // docs/DECISIONS.md): extensions (延期), then amounts (金额).
  "originalDeadline",
  "extendedDeadline",
  "extensionReason",
  "extensionApprover",
  "extensionApprovalRef",
  "amountInvolved",
  "amountRectified",
  "amountRecovered",
  "amountRemitted",
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/** The deadline columns: the ledger's 整改时限, and an extension's 原定时限 / 调整后时限. */
export type DeadlineField = "deadline" | "originalDeadline" | "extendedDeadline";

/** The money columns (涉及金额, 整改金额, 追回金额, 上缴金额), in report order. */
export const AMOUNT_FIELDS = ["amountInvolved", "amountRectified", "amountRecovered", "amountRemitted"] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];

/** Where the ledger is on its sheet and which column holds which field. */
export interface LedgerLayout {
  readonly sheet: string;
  /** The lowest header row (the one that names the columns). */
  readonly headerRow: number;
  /** The first row of the header block (== headerRow for a one-row header). */
  readonly headerTop: number;
  readonly firstRow: number;
  /** The last non-empty row of the ledger (notes under the table included; they are classified). */
  readonly lastRow: number;
  readonly firstCol: number;
  /** The last column that has a header text. The owned columns go right of it. */
  readonly lastCol: number;
  /** Field → sheet column. */
  readonly columns: Partial<Record<FieldKey, number>>;
  /** Sheet column → the header text as the user wrote it (for the pane's mapping editor). */
  readonly headers: Readonly<Record<number, string>>;
  /** Fields whose column came from the user's own mapping rather than detection. */
  readonly userMapped: readonly FieldKey[];
  /**
   * The add-in's own columns (headers 预警状态 / 评估意见) found right of the ledger from an earlier
   * evaluation: never read as ledger data, and replaced in place by the next evaluation.
   */
  readonly ownedColumns: { readonly status: number | null; readonly opinion: number | null };
}

export type LayoutFailure =
  | { readonly reason: "empty-sheet" }
  /** No row in the scanned area names three fields including description or measures. */
  | { readonly reason: "no-header"; readonly bestRow: number | null; readonly fieldsFound: readonly FieldKey[] }
  /** A header was found but no item rows under it. */
  | { readonly reason: "no-items"; readonly headerRow: number };

/** `header`: the header repeated under itself (a printed page's header, or a second table pasted below). */
export type RowKind = "item" | "blank" | "section" | "total" | "note" | "header";

/** A non-item row under the header, with why it is not an item (for the pane and for tests). */
export interface NonItemRow {
  readonly row: number;
  readonly kind: Exclude<RowKind, "item">;
}

// ───────────────────────────── Items ─────────────────────────────

export type Status = "closed" | "done" | "in_progress" | "not_started" | "ongoing" | "unknown";
export type ItemType = "immediate" | "time_limited" | "long_term";
export type Light = "red" | "yellow" | "green" | "closed" | "none";

/**
 * One field's cell on one item row (after vertical merges are applied). Kept lean — a ledger has one
 * per field per item — so it holds no address: the cell findings point at is on the item's own row
 * (even when the value came from a merge), `cellAddress(item.row, cell.col)`, e.g. `H7`.
 */
export interface FieldCell {
  readonly value: CellValue;
  /** The value as text, trimmed ("" for blank). Dates serials stay as their number text. */
  readonly text: string;
  /** The sheet column; with the item's row, the cell's address. */
  readonly col: number;
  readonly numberFormat: string | null;
}

/** The result of reading a date-ish cell. */
export type DateReading =
  | { readonly kind: "empty" }
  | { readonly kind: "date"; readonly date: IsoDate }
  | { readonly kind: "invalid"; readonly text: string };

/** A deadline cell: a date, a long-term phrase, both (`2024年底前，并长期坚持`), or neither. */
export interface DeadlineReading {
  readonly date: IsoDate | null;
  readonly ongoing: boolean;
  /** Non-empty, yet neither a date nor a long-term phrase. */
  readonly invalid: boolean;
  readonly text: string;
}

/** A ledger row that is an item, read and parsed, before rules and lights. */
export interface Item {
  readonly row: number;
  readonly cells: Partial<Record<FieldKey, FieldCell>>;
  /** Text of a field's cell, "" when the column is absent or the cell blank. */
  readonly seq: string | null;
  readonly status: Status;
  /** The `status` column's own reading (before the `closed` column overrides it); null without that column or when blank. */
  readonly statusColumn: Status | null;
  /** Closed per the `closed` column (是/已销号/√/✓). */
  readonly closedByColumn: boolean;
  readonly type: ItemType | null;
  /** The type cell is non-empty and matches no known type. */
  readonly typeUnknown: boolean;
  readonly assigned: DateReading;
  /**
   * The current deadline: 调整后时限 where filled, else 原定时限, else the 整改时限 column. The light
   * and every rule follow it.
   */
  readonly deadline: DeadlineReading;
  /** The column the current deadline is read from (where its findings point). */
  readonly deadlineField: DeadlineField;
  /** The deadline before any extension: 原定时限, else the 整改时限 column (for `onTimeRateOriginal`). */
  readonly originalDeadline: DeadlineReading;
  /** 调整后时限 is filled with something other than the original deadline. */
  readonly extended: boolean;
  readonly completed: DateReading;
  readonly closedOn: DateReading;
  readonly reviewed: DateReading;
  readonly ongoing: boolean;
}

export interface EvaluatedItem extends Item {
  readonly light: Light;
  readonly overdueDays: number;
  /** Days from today to a dated deadline not yet passed (0 on the day); null when finished, undated or overdue. */
  readonly dueInDays: number | null;
}

// ───────────────────────────── Findings (rules) ─────────────────────────────

export type Severity = "error" | "warning";
export type SeveritySetting = Severity | "off";

export const RULE_IDS = [
  "missing-column",
  "required-field",
  "invalid-date",
  "done-without-date",
  "completed-in-future",
  "completed-before-assigned",
  "deadline-before-assigned",
  "deadline-type-mismatch",
  "closed-not-done",
  "closed-without-evidence",
  "closed-without-signer",
  "vague-measures",
  "owner-not-person",
  "duplicate-seq",
  "unknown-status",
  "unknown-type",
  "review-overdue",
  "extension-without-approval",
  "copied-evidence",
  "deadline-moved",
  "survey-unknown-answer",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** A message in both languages; the UI picks one, the CLI's JSON uses Chinese. */
export interface Message {
  readonly zh: string;
  readonly en: string;
}

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** Sheet row, or null for a ledger-level finding. */
  readonly row: number | null;
  /** Cell address such as `H7`, or null. */
  readonly cell: string | null;
  readonly field: FieldKey | null;
  readonly message: Message;
  /** The sheet the finding is on (the ledger's, or the survey's for survey findings). */
  readonly sheet: string;
}

// ───────────────────────────── Summary, indicators, survey ─────────────────────────────

export interface BreakdownRow {
  readonly key: string;
  readonly items: number;
  readonly finished: number;
  readonly closed: number;
  readonly red: number;
  readonly yellow: number;
  readonly overdue: number;
}

export interface WarningListEntry {
  readonly row: number;
  readonly seq: string | null;
  readonly description: string;
  readonly unit: string;
  readonly owner: string;
  readonly deadline: IsoDate | null;
  readonly overdueDays: number;
  readonly light: "red" | "yellow";
}

/** 临期: an unfinished item whose dated deadline is at most `dueSoonDays` days away. */
export interface DueSoonEntry {
  readonly row: number;
  readonly seq: string | null;
  readonly description: string;
  readonly unit: string;
  readonly owner: string;
  readonly deadline: IsoDate;
  /** 0 on the day of the deadline. */
  readonly dueInDays: number;
}

export interface IndicatorResult {
  readonly id: string;
  readonly name: Message;
  /** `>=` or `<=` the target. */
  readonly comparator: ">=" | "<=";
  readonly target: number;
  readonly unit: "count" | "rate" | "points";
  /** null when the inputs it needs were not given. */
  readonly actual: number | null;
  readonly met: boolean | null;
  /** How the actual was reached, in words (过程留痕可溯). */
  readonly basis: Message;
  /** Evidence, e.g. the distinct 《…》 titles counted for 制度修订数量. */
  readonly evidence: readonly string[];
}

export interface Summary {
  readonly items: number;
  readonly byStatus: Readonly<Record<Status, number>>;
  readonly byLight: Readonly<Record<Light, number>>;
  readonly overdue: number;
  readonly completionRate: number | null;
  readonly closeRate: number | null;
  readonly onTimeRate: number | null;
  /** `onTimeRate` against the deadline before any extension (原定时限). */
  readonly onTimeRateOriginal: number | null;
  readonly byUnit: readonly BreakdownRow[];
  readonly byType: readonly BreakdownRow[];
  readonly byCategory: readonly BreakdownRow[];
  readonly warnings: readonly WarningListEntry[];
  /** 临期 items, soonest first (`settings.dueSoonDays`). */
  readonly dueSoon: readonly DueSoonEntry[];
  readonly indicators: readonly IndicatorResult[];
  /** Sums of the money columns; null when the ledger has none. */
  readonly amounts: AmountSummary | null;
}

export type AmountUnit = "元" | "万元";

/** One money column: where it is, the unit its cells are in, and its total (in the summary's unit). */
export interface AmountColumnSummary {
  readonly field: AmountField;
  readonly col: number;
  /** The column's own unit (from its header, a units row, its number format, else 元). */
  readonly unit: AmountUnit;
  readonly unitSource: "header" | "units-row" | "number-format" | "default";
  readonly total: number;
  /** Item rows whose amount was read (numbers, or text such as `12.3万元`). */
  readonly rows: readonly number[];
  /** Item rows whose cell holds text that is not an amount (left out of the sums). */
  readonly unreadableRows: readonly number[];
  /** Every read cell is a number cell in the column's unit, so a SUM over the rows gives the total. */
  readonly allNumbers: boolean;
}

/** A group's money: 涉及金额, 已整改金额 and 整改到位率 by amount. */
export interface AmountGroup {
  readonly key: string;
  readonly items: number;
  readonly involved: number | null;
  readonly rectified: number | null;
  /** rectified ÷ involved; null when either is unknown or involved is 0. */
  readonly rate: number | null;
  readonly rows: readonly number[];
}

export interface AmountSummary {
  /** The unit every sum is in: the columns' common unit, else 万元 (mixed units converted). */
  readonly unit: AmountUnit;
  /** True when some column was in another unit and was converted. */
  readonly converted: boolean;
  readonly columns: readonly AmountColumnSummary[];
  /**
   * How 已整改金额 is reached: the 整改金额 column's sum (`column`), or, without one, the 涉及金额 of
   * finished items (`finished-items`); null without either column.
   */
  readonly rectifiedBasis: "column" | "finished-items" | null;
  readonly total: AmountGroup;
  readonly byStatus: readonly AmountGroup[];
  readonly byUnit: readonly AmountGroup[];
}

export type SurveyScale = "five-a" | "five-b" | "three" | "numeric-5" | "numeric-10" | "numeric-100";

export interface SurveyQuestion {
  /** Column letter. */
  readonly column: string;
  readonly title: string;
  readonly weight: number;
  readonly valid: number;
  /** Mean points, one decimal; null with no valid answer. */
  readonly score: number | null;
  /** Answer text (or number as text) → count. */
  readonly distribution: Readonly<Record<string, number>>;
  /**
   * Answers Excel's COUNTIF over the question's rows would count differently from the engine: valid
   * answers read only after normalising (`满意 `, `满 意`, full-width text, numbers typed as text such
   * as `4` or `85分`), which it would miss, and answers on a total row among the respondents (小计,
   * 平均分…), which it would count. When any exist the summary writes this question's counts as values
   * rather than live formulas.
   */
  readonly countedDifferently: number;
}

export interface SurveyResult {
  readonly sheet: string;
  readonly scale: SurveyScale;
  readonly headerRow: number;
  readonly firstRow: number;
  readonly lastRow: number;
  /** The row labelled 权重, if any. */
  readonly weightsRow: number | null;
  readonly respondents: number;
  readonly valid: number;
  readonly invalid: number;
  readonly score: number | null;
  readonly satisfiedRate: number | null;
  readonly target: number;
  readonly met: boolean | null;
  readonly questions: readonly SurveyQuestion[];
  readonly findings: readonly Finding[];
}

// ───────────────────────────── The whole result ─────────────────────────────

export interface EvaluationResult {
  readonly today: IsoDate;
  /**
   * This period keyed against the recorded periods (`src/core/history`). Present only when the
   * evaluation was given a history (possibly empty): what a host records into 评估记录.
   */
  readonly period?: KeyedPeriod;
  /** 本期 vs 上期; null when no period was recorded before today; absent when no history was given. */
  readonly comparison?: Comparison | null;
  readonly layout: LedgerLayout;
  readonly items: readonly EvaluatedItem[];
  readonly nonItems: readonly NonItemRow[];
  /** Ledger findings (every rule, severity from settings, `off` rules dropped) then survey findings. */
  readonly findings: readonly Finding[];
  readonly summary: Summary;
  readonly survey: SurveyResult | null;
}
