/**
 * The command line's JSON document, SPEC §9: its fields, in its order, plus the two summary
 * fields listed below. Rows are 1-based sheet rows, dates `YYYY-MM-DD` (or null), rates fractions rounded to three
 * decimals (null when undefined, e.g. no finished items for `onTimeRate`), messages in Chinese.
 *
 * Choices where §9 is silent:
 * - `file` is the path as the user typed it (the example's `"ledger.xlsx"` is what was typed);
 * - `ledger.columns` lists the fields in the SPEC §2 table order, each as its column letter;
 * - `byStatus` and `byLight` always carry every key (zeros included), so a consumer can read
 *   `byLight.red` without a fallback; `byStatus` in the order closed, done, in_progress,
 *   not_started, ongoing, unknown; `byLight` in the order red, yellow, green, closed, none;
 * - an item's `type` is `"unknown"` for text that names no type, as `status` is for an
 *   unrecognised status; null only when the type cell is empty or there is no type column;
 * - every finding carries `sheet` (SPEC §9), placed with the other location members, before
 *   `row` and `cell`: the ledger's sheet, the survey's for `survey-unknown-answer`, the ledger's
 *   (with null row and cell) for a ledger-level finding;
 * - `survey.satisfiedRate` is a fraction rounded like the other rates; `score` stays as the engine
 *   gives it (one decimal);
 * - beyond §9: each item's `dueInDays` (days from today to its deadline, 0 on the day; null for
 *   finished, undated or overdue items — 临期 is `dueInDays ≤ dueSoonDays`), placed after `overdueDays`;
 *   `summary.onTimeRateOriginal` (onTimeRate against the deadline before any extension)
 *   and `summary.amounts` (the money columns' sums, null without money columns). Amounts are exact
 *   decimals of their unit (summed in 分), never rounded further;
 * - beyond §9: `comparison` (本期 vs 上期, `src/core/history/compare.ts`), the last member, so a
 *   document without one differs from before only by its closing `"comparison": null`. Its rows
 *   are this ledger's rows; its rates are rounded like the others.
 */
import { roundRate } from "../format";
import { columnLetter } from "../grid";
import { LIGHT_ORDER, STATUS_ORDER } from "../vocabulary";
import { FIELD_KEYS } from "../types";
import type { Comparison } from "../history/compare";
import type {
  AmountField,
  AmountGroup,
  AmountSummary,
  AmountUnit,
  EvaluationResult,
  FieldKey,
  IsoDate,
  ItemType,
  Light,
  RuleId,
  Severity,
  Status,
  DateReading,
} from "../types";

export interface CliJsonItem {
  readonly row: number;
  readonly seq: string | null;
  readonly status: Status;
  /** `"unknown"` for text that names no type (as `status`), null only when the cell is empty. */
  readonly type: ItemType | "unknown" | null;
  readonly light: Light;
  readonly overdueDays: number;
  /** Days from today to the deadline (0 on the day); null for finished, undated or overdue items. */
  readonly dueInDays: number | null;
  readonly deadline: IsoDate | null;
  readonly completed: IsoDate | null;
  readonly ongoing: boolean;
}

export interface CliJsonFinding {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** The sheet `row` and `cell` are on: the ledger's, or the survey's for `survey-unknown-answer`. */
  readonly sheet: string;
  readonly row: number | null;
  readonly cell: string | null;
  readonly field: FieldKey | null;
  readonly message: string;
}

export interface CliJsonSurvey {
  readonly sheet: string;
  readonly respondents: number;
  readonly valid: number;
  readonly invalid: number;
  readonly score: number | null;
  readonly satisfiedRate: number | null;
  readonly questions: readonly {
    readonly column: string;
    readonly title: string;
    readonly valid: number;
    readonly score: number | null;
  }[];
}

export interface CliJson {
  readonly file: string;
  readonly today: IsoDate;
  readonly ledger: {
    readonly sheet: string;
    readonly headerRow: number;
    readonly firstRow: number;
    readonly lastRow: number;
    readonly columns: Partial<Record<FieldKey, string>>;
  };
  readonly items: readonly CliJsonItem[];
  readonly findings: readonly CliJsonFinding[];
  readonly summary: {
    readonly items: number;
    readonly byStatus: Readonly<Record<Status, number>>;
    readonly byLight: Readonly<Record<Light, number>>;
    readonly overdue: number;
    readonly completionRate: number | null;
    readonly closeRate: number | null;
    readonly onTimeRate: number | null;
    readonly onTimeRateOriginal: number | null;
    readonly amounts: CliJsonAmounts | null;
  };
  readonly survey: CliJsonSurvey | null;
  /** Null when no earlier period was recorded or given (`--since`). */
  readonly comparison: Comparison | null;
}

/** A group's money in the JSON: 涉及金额, 已整改金额, 整改到位率 (in `amounts.unit`). */
export interface CliJsonAmountGroup {
  readonly items: number;
  readonly involved: number | null;
  readonly rectified: number | null;
  readonly rate: number | null;
}

export interface CliJsonAmounts {
  /** The unit of every sum below (元 or 万元). */
  readonly unit: AmountUnit;
  /** Some column was in the other unit and was converted. */
  readonly converted: boolean;
  /** Grand total of each money column the ledger has. */
  readonly totals: Partial<Record<AmountField, number>>;
  /** Each money column: its letter, its own unit, rows whose text is not an amount. */
  readonly columns: Partial<Record<AmountField, { column: string; unit: AmountUnit; unreadableRows: number[] }>>;
  /** `column` (整改金额) or `finished-items` (涉及金额 of finished items), null without either. */
  readonly rectifiedBasis: "column" | "finished-items" | null;
  readonly involved: number | null;
  readonly rectified: number | null;
  readonly rectifiedRate: number | null;
  readonly byStatus: Partial<Record<Status, CliJsonAmountGroup>>;
  readonly byUnit: readonly ({ readonly unit: string } & CliJsonAmountGroup)[];
}

function dateOf(reading: DateReading): IsoDate | null {
  return reading.kind === "date" ? reading.date : null;
}

function allKeys<K extends string>(
  order: readonly K[],
  counts: Readonly<Partial<Record<K, number>>>,
): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of order) out[key] = counts[key] ?? 0;
  return out;
}

function amountGroupJson(group: AmountGroup): CliJsonAmountGroup {
  return { items: group.items, involved: group.involved, rectified: group.rectified, rate: roundRate(group.rate) };
}

function amountsJson(amounts: AmountSummary): CliJsonAmounts {
  const totals: Partial<Record<AmountField, number>> = {};
  const columns: CliJsonAmounts["columns"] = {};
  for (const column of amounts.columns) {
    totals[column.field] = column.total;
    columns[column.field] = {
      column: columnLetter(column.col),
      unit: column.unit,
      unreadableRows: [...column.unreadableRows],
    };
  }
  const byStatus: Partial<Record<Status, CliJsonAmountGroup>> = {};
  for (const group of amounts.byStatus) byStatus[group.key as Status] = amountGroupJson(group);
  return {
    unit: amounts.unit,
    converted: amounts.converted,
    totals,
    columns,
    rectifiedBasis: amounts.rectifiedBasis,
    involved: amounts.total.involved,
    rectified: amounts.total.rectified,
    rectifiedRate: roundRate(amounts.total.rate),
    byStatus,
    byUnit: amounts.byUnit.map((group) => ({ unit: group.key, ...amountGroupJson(group) })),
  };
}

/** One item as the report lists it. */
export function cliJsonItem(item: EvaluationResult["items"][number]): CliJsonItem {
  return {
    row: item.row,
    seq: item.seq,
    status: item.status,
    type: item.type ?? (item.typeUnknown ? "unknown" : null),
    light: item.light,
    overdueDays: item.overdueDays,
    dueInDays: item.dueInDays,
    deadline: item.deadline.date,
    completed: dateOf(item.completed),
    ongoing: item.ongoing,
  };
}

/** One finding as the report lists it (its message in Chinese). */
export function cliJsonFinding(f: EvaluationResult["findings"][number]): CliJsonFinding {
  return {
    rule: f.rule,
    severity: f.severity,
    sheet: f.sheet,
    row: f.row,
    cell: f.cell,
    field: f.field,
    message: f.message.zh,
  };
}

/** The document with `items` and `findings` given by the caller, every member in the report's order. */
function cliJsonWith<I, F>(
  file: string,
  result: EvaluationResult,
  items: I,
  findings: F,
): Omit<CliJson, "items" | "findings"> & { readonly items: I; readonly findings: F } {
  const { layout, summary, survey } = result;
  const columns: Partial<Record<FieldKey, string>> = {};
  for (const field of FIELD_KEYS) {
    const col = layout.columns[field];
    if (col !== undefined) columns[field] = columnLetter(col);
  }
  return {
    file,
    today: result.today,
    ledger: {
      sheet: layout.sheet,
      headerRow: layout.headerRow,
      firstRow: layout.firstRow,
      lastRow: layout.lastRow,
      columns,
    },
    items,
    findings,
    summary: {
      items: summary.items,
      byStatus: allKeys(STATUS_ORDER, summary.byStatus),
      byLight: allKeys(LIGHT_ORDER, summary.byLight),
      overdue: summary.overdue,
      completionRate: roundRate(summary.completionRate),
      closeRate: roundRate(summary.closeRate),
      onTimeRate: roundRate(summary.onTimeRate),
      onTimeRateOriginal: roundRate(summary.onTimeRateOriginal),
      amounts: summary.amounts ? amountsJson(summary.amounts) : null,
    },
    survey: survey
      ? {
          sheet: survey.sheet,
          respondents: survey.respondents,
          valid: survey.valid,
          invalid: survey.invalid,
          score: survey.score,
          satisfiedRate: roundRate(survey.satisfiedRate),
          questions: survey.questions.map((q) => ({
            column: q.column,
            title: q.title,
            valid: q.valid,
            score: q.score,
          })),
        }
      : null,
    comparison: result.comparison ?? null,
  };
}

export function toCliJson(file: string, result: EvaluationResult): CliJson {
  return cliJsonWith(file, result, result.items.map(cliJsonItem), result.findings.map(cliJsonFinding));
}

/**
 * A long array of the report written straight from the engine's own list: each element is turned
 * into its report form only when its piece is written, so those forms die young instead of
 * living, all 100,000 of them, for as long as the report is being written.
 */
class MappedList<T> {
  constructor(
    private readonly source: readonly T[],
    private readonly toJson: (element: T) => unknown,
  ) {}
  get length(): number {
    return this.source.length;
  }
  slice(start: number, end: number): unknown[] {
    const out: unknown[] = [];
    for (let i = start; i < end && i < this.source.length; i++) out.push(this.toJson(this.source[i] as T));
    return out;
  }
}

/** `cliJsonPieces(toCliJson(file, result))`, byte for byte, without the whole document in memory. */
export function cliReportPieces(file: string, result: EvaluationResult): Generator<string> {
  return jsonPieces(
    cliJsonWith(
      file,
      result,
      new MappedList(result.items, cliJsonItem),
      new MappedList(result.findings, cliJsonFinding),
    ),
  );
}

/**
 * How many array elements go into one piece of `cliJsonPieces`. Small enough that a piece of
 * findings (Chinese messages: two bytes a character) stays a short-lived string of some 50 KB;
 * pieces of 500 were large objects V8 keeps until a full collection (100,000 items: ~14 MB more
 * peak RSS, `npm run bench`).
 */
const ELEMENTS_PER_PIECE = 100;

/** Members `JSON.stringify` leaves out of an object. */
const omitted = (value: unknown): boolean =>
  value === undefined || typeof value === "function" || typeof value === "symbol";

/**
 * `"key": value` as it stands at the top level of `JSON.stringify(doc, null, 2)`, its lines already
 * indented for that depth: stringifying the one-member object `{ key: value }` and dropping its
 * braces gives exactly the document's text for that member, with no re-indenting.
 */
function memberText(key: string, value: unknown): string {
  return JSON.stringify({ [key]: value }, null, 2).slice(2, -2);
}

/**
 * `JSON.stringify(doc, null, 2) + "\n"`, byte for byte, in pieces: each long top-level array
 * (`items`, `findings`) goes out a few hundred elements at a time, so a 100,000-item report never
 * exists as one string (nor as one buffer on its way to stdout). A run of elements is written by
 * `memberText` over that slice, its `"key": [` and `]` cut off, so the elements keep the
 * indentation they have in the whole document.
 */
export function cliJsonPieces(doc: CliJson): Generator<string> {
  return jsonPieces(doc);
}

/** `cliJsonPieces` over a document whose long arrays may be `MappedList`s. */
function* jsonPieces(doc: object): Generator<string> {
  const members = Object.entries(doc).filter(([, value]) => !omitted(value));
  let out = "{\n";
  for (let m = 0; m < members.length; m++) {
    const [key, member] = members[m] as [string, unknown];
    const end = m < members.length - 1 ? ",\n" : "\n";
    const value =
      member instanceof MappedList && member.length <= ELEMENTS_PER_PIECE ? member.slice(0, member.length) : member;
    if (!(Array.isArray(value) || value instanceof MappedList) || value.length <= ELEMENTS_PER_PIECE) {
      out += memberText(key, value) + end;
      continue;
    }
    const open = `  ${JSON.stringify(key)}: [\n`;
    yield out + open;
    for (let start = 0; start < value.length; start += ELEMENTS_PER_PIECE) {
      const elements = memberText(key, value.slice(start, start + ELEMENTS_PER_PIECE));
      const last = start + ELEMENTS_PER_PIECE >= value.length;
      yield elements.slice(open.length, -"\n  ]".length) + (last ? "\n" : ",\n");
    }
    out = `  ]${end}`;
  }
  yield `${out}}\n`;
}
