/**
 * The shape of a rule, modelled on ESLint's `lib/rules/*`: a `meta` block (id, default severity,
 * what it checks, the seed line it enforces, the fields it reads) and a `check` that reports
 * findings against items and fields. The registry (`./index.ts`) turns reports into `Finding`s:
 * it resolves the severity from the settings, fills in the row, cell address and sheet.
 */
import type { PeriodRecord } from "../history/record";
import type { Settings } from "../settings";
import type { EvaluatedItem, FieldKey, IsoDate, LedgerLayout, Message, RuleId, Severity } from "../types";

export interface RuleContext {
  readonly layout: LedgerLayout;
  readonly items: readonly EvaluatedItem[];
  readonly today: IsoDate;
  readonly settings: Settings;
  /**
   * Each item's record in the last recorded period (by the item's sheet row now), when the
   * evaluation was given the recorded periods; rules comparing with last period read it.
   */
  readonly lastPeriod?: ReadonlyMap<number, PeriodRecord>;
}

export interface RuleMeta {
  readonly id: RuleId;
  readonly defaultSeverity: Severity;
  /** What the rule checks, for the pane's rule list and the docs. */
  readonly description: Message;
  /** The line of the seed article the rule enforces, quoted. */
  readonly seed?: string;
  /** The fields the rule reads. */
  readonly fields: readonly FieldKey[];
}

/** What a rule reports; the registry completes it into a `Finding`. */
export interface RuleReport {
  /** The item the finding is about; omitted for a ledger-level finding. */
  readonly item?: EvaluatedItem;
  /** The field (and so the cell on the item's row) the finding is about. */
  readonly field: FieldKey | null;
  readonly message: Message;
  /**
   * This finding's own default severity, for a rule whose findings differ (`missing-column`: error
   * for some fields, warning for others). A severity set in the settings still overrides it.
   */
  readonly severity?: Severity;
}

export type Report = (report: RuleReport) => void;

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext, report: Report): void;
}
