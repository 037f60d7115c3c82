/**
 * The command line's JSON document, exactly SPEC §9: the same fields, in the same order, nothing
 * added. Rows are 1-based sheet rows, dates `YYYY-MM-DD` (or null), rates fractions rounded to three
 * decimals (null when undefined, e.g. no finished items for `onTimeRate`), messages in Chinese.
 *
 * Choices where §9 is silent:
 * - `file` is the path as the user typed it (the example's `"ledger.xlsx"` is what was typed);
 * - `ledger.columns` lists the fields in the SPEC §2 table order, each as its column letter;
 * - `byStatus` and `byLight` always carry every key (zeros included), so a consumer can read
 *   `byLight.red` without a fallback; `byStatus` in the order closed, done, in_progress,
 *   not_started, ongoing, unknown; `byLight` in the order red, yellow, green, closed, none;
 * - a survey finding's `cell` is on the survey sheet (`rule` = `survey-unknown-answer` says so);
 * - `survey.satisfiedRate` is a fraction rounded like the other rates; `score` stays as the engine
 *   gives it (one decimal).
 */
import { columnLetter } from "../grid";
import { FIELD_KEYS } from "../types";
import type {
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
  readonly type: ItemType | null;
  readonly light: Light;
  readonly overdueDays: number;
  readonly deadline: IsoDate | null;
  readonly completed: IsoDate | null;
  readonly ongoing: boolean;
}

export interface CliJsonFinding {
  readonly rule: RuleId;
  readonly severity: Severity;
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
  };
  readonly survey: CliJsonSurvey | null;
}

const STATUS_ORDER: readonly Status[] = ["closed", "done", "in_progress", "not_started", "ongoing", "unknown"];
const LIGHT_ORDER: readonly Light[] = ["red", "yellow", "green", "closed", "none"];

/** A rate as SPEC §9 prints it: a fraction with three decimals, or null. */
export function roundRate(rate: number | null): number | null {
  if (rate === null || !Number.isFinite(rate)) return null;
  return Math.round(rate * 1000) / 1000;
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

export function toCliJson(file: string, result: EvaluationResult): CliJson {
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
    items: result.items.map((item) => ({
      row: item.row,
      seq: item.seq,
      status: item.status,
      type: item.type,
      light: item.light,
      overdueDays: item.overdueDays,
      deadline: item.deadline.date,
      completed: dateOf(item.completed),
      ongoing: item.ongoing,
    })),
    findings: result.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      row: f.row,
      cell: f.cell,
      field: f.field,
      message: f.message.zh,
    })),
    summary: {
      items: summary.items,
      byStatus: allKeys(STATUS_ORDER, summary.byStatus),
      byLight: allKeys(LIGHT_ORDER, summary.byLight),
      overdue: summary.overdue,
      completionRate: roundRate(summary.completionRate),
      closeRate: roundRate(summary.closeRate),
      onTimeRate: roundRate(summary.onTimeRate),
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
  };
}

/** How many array elements go into one piece of `cliJsonPieces`. */
const ELEMENTS_PER_PIECE = 500;

/**
 * `JSON.stringify(doc, null, 2) + "\n"`, byte for byte, in pieces of a few hundred array elements:
 * the command line writes each piece as it comes, so a 100,000-item report never exists as one
 * string (nor as one buffer on its way to stdout). Top-level arrays are split; every other value is
 * stringified whole. Line breaks inside a stringified value only ever separate JSON tokens (a
 * string's own line breaks are escaped), so re-indenting by replacing "\n" is exact.
 */
export function* cliJsonPieces(doc: CliJson): Generator<string> {
  const indent = (text: string, by: string): string => text.replace(/\n/g, `\n${by}`);
  const entries = Object.entries(doc).filter(([, value]) => value !== undefined);
  let piece = "{\n";
  for (let e = 0; e < entries.length; e++) {
    const [key, value] = entries[e] as [string, unknown];
    const comma = e < entries.length - 1 ? "," : "";
    if (Array.isArray(value) && value.length > 0) {
      piece += `  ${JSON.stringify(key)}: [\n`;
      for (let i = 0; i < value.length; i++) {
        const element = JSON.stringify(value[i], null, 2) ?? "null";
        piece += `    ${indent(element, "    ")}${i < value.length - 1 ? ",\n" : "\n"}`;
        if ((i + 1) % ELEMENTS_PER_PIECE === 0) {
          yield piece;
          piece = "";
        }
      }
      piece += `  ]${comma}\n`;
    } else {
      piece += `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), "  ")}${comma}\n`;
    }
  }
  yield `${piece}}\n`;
}
