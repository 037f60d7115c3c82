/**
 * The rule registry (SPEC §5), ESLint-style: every rule is a module of its own with `meta` and
 * `check`; this file lists them, applies the workbook's severity settings and turns what the rules
 * report into `Finding`s that point at cells.
 *
 * `survey-unknown-answer` is not here: the survey module reports it while it scores the survey.
 */
import { cellAddress, columnNumber } from "../grid";
import { resolveSeverity } from "../settings-defaults";
import type { Finding, Message, RuleId } from "../types";
import type { Rule, RuleContext, RuleReport } from "./rule";
import { closedNotDone } from "./closed-not-done";
import { closedWithoutEvidence } from "./closed-without-evidence";
import { closedWithoutSigner } from "./closed-without-signer";
import { completedBeforeAssigned } from "./completed-before-assigned";
import { completedInFuture } from "./completed-in-future";
import { copiedEvidence } from "./copied-evidence";
import { deadlineMoved } from "./deadline-moved";
import { deadlineBeforeAssigned } from "./deadline-before-assigned";
import { deadlineTypeMismatch } from "./deadline-type-mismatch";
import { doneWithoutDate } from "./done-without-date";
import { duplicateSeq } from "./duplicate-seq";
import { extensionWithoutApproval } from "./extension-without-approval";
import { invalidDate } from "./invalid-date";
import { missingColumn } from "./missing-column";
import { ownerNotPerson } from "./owner-not-person";
import { requiredField } from "./required-field";
import { reviewOverdue } from "./review-overdue";
import { unknownStatus } from "./unknown-status";
import { unknownType } from "./unknown-type";
import { vagueMeasures } from "./vague-measures";

export type { Report, Rule, RuleContext, RuleMeta, RuleReport } from "./rule";
export { FIELD_LABELS, fieldEn, fieldZh } from "./field-labels";

/** Every ledger rule: SPEC §5's in its order, then those on extensions (延期), copied close-out evidence and a deadline moved since last period. */
export const RULES: readonly Rule[] = [
  missingColumn,
  requiredField,
  invalidDate,
  doneWithoutDate,
  completedInFuture,
  completedBeforeAssigned,
  deadlineBeforeAssigned,
  deadlineTypeMismatch,
  closedNotDone,
  closedWithoutEvidence,
  closedWithoutSigner,
  vagueMeasures,
  ownerNotPerson,
  duplicateSeq,
  unknownStatus,
  unknownType,
  reviewOverdue,
  extensionWithoutApproval,
  copiedEvidence,
  deadlineMoved,
];

/** The rules whose findings come from elsewhere (the survey module). */
export const RULES_REPORTED_ELSEWHERE: readonly RuleId[] = ["survey-unknown-answer"];

export function ruleById(id: RuleId): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}

/**
 * One rule's findings under the context's settings: none when the rule is turned off, each
 * finding's severity resolved (the settings' override, else the finding's or the rule's default).
 */
export function runRule(rule: Rule, ctx: RuleContext): Finding[] {
  return collectFindings(rule, ctx, { findings: [], cols: [] }).findings;
}

/**
 * Findings with the sheet column of each one's cell (0 for none) at the same index, for ordering
 * without re-parsing the address; two flat lists rather than a wrapper object per finding, which a
 * large ledger would make by the hundred thousand.
 */
interface PlacedFindings {
  readonly findings: Finding[];
  readonly cols: number[];
}

/**
 * One message object per distinct text within an evaluation. Many findings say the same words
 * (`整改类型“其他”无法识别…` on 20,000 rows of a large ledger, the same deadline limit for every item
 * assigned on one day), and each report builds its own strings: keeping only the first of equal
 * messages cuts what the findings hold to the distinct texts. Messages are immutable, so sharing
 * one is invisible to every reader.
 */
class MessagePool {
  private readonly byZh = new Map<string, Message>();

  intern(message: Message): Message {
    const known = this.byZh.get(message.zh);
    if (known === undefined) {
      flatten(message.zh);
      flatten(message.en);
      this.byZh.set(message.zh, message);
      return message;
    }
    return known.en === message.en ? known : message;
  }
}

/**
 * V8-specific: a text joined by a template literal is kept as a tree of its pieces (a rope: some ten
 * 32-byte nodes for a finding's message) until something reads it character by character; reading
 * one character makes V8 copy it into one flat string in place, and the pieces die young. The
 * messages a pool keeps live as long as the result: flat, the ~20,000 distinct messages of a
 * 100,000-item ledger hold ~8 MB less. The text itself is unchanged.
 */
function flatten(text: string): void {
  text.charCodeAt(0);
}

function collectFindings(
  rule: Rule,
  ctx: RuleContext,
  into: PlacedFindings,
  messages: MessagePool = new MessagePool(),
): PlacedFindings {
  const { id, defaultSeverity } = rule.meta;
  if (resolveSeverity(id, defaultSeverity, ctx.settings) === "off") return into;
  const { layout, settings } = ctx;
  const sheet = layout.sheet;
  rule.check(ctx, ({ item, field, message, severity }: RuleReport): void => {
    const resolved = resolveSeverity(id, severity ?? defaultSeverity, settings);
    if (resolved === "off") return;
    // The cell on the item's row (as `addressOf`), with its column kept for `runRules`' ordering.
    const col = item && field ? (item.cells[field]?.col ?? layout.columns[field]) : undefined;
    into.findings.push({
      rule: id,
      severity: resolved,
      row: item ? item.row : null,
      cell: item && col !== undefined ? cellAddress(item.row, col) : null,
      field,
      message: messages.intern(message),
      sheet,
    });
    into.cols.push(col ?? 0);
  });
  return into;
}

/**
 * Every enabled rule's findings, ledger-level first, then by row and column (rule order within a cell).
 * `ruleDone` is told after each rule how many of them have run (for a progress bar).
 */
export function runRules(ctx: RuleContext, ruleDone?: (done: number, total: number) => void): Finding[] {
  const placed: PlacedFindings = { findings: [], cols: [] };
  const messages = new MessagePool();
  RULES.forEach((rule, index) => {
    collectFindings(rule, ctx, placed, messages);
    ruleDone?.(index + 1, RULES.length);
  });
  // The same order as `sortFindings`, keyed by the columns already known.
  // The indexes sorted in a typed array and the result filled into a list of its final size: built
  // by `Array.from` and `map`, the 100,000-element lists of a large ledger grew (and were thrown
  // away) step by step, ~9 MB of garbage that outlived young collections.
  const { findings, cols } = placed;
  const order = new Uint32Array(findings.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => {
    const x = findings[a] as Finding;
    const y = findings[b] as Finding;
    return (x.row ?? 0) - (y.row ?? 0) || (cols[a] as number) - (cols[b] as number) || a - b;
  });
  const sorted = findings.slice();
  for (let i = 0; i < order.length; i++) sorted[i] = findings[order[i] as number] as Finding;
  return sorted;
}

function columnOfCell(cell: string | null): number {
  if (cell === null) return 0;
  const letters = /^[A-Za-z]+/.exec(cell)?.[0] ?? "";
  return columnNumber(letters) ?? 0;
}

/** Ledger-level findings (row null) first, then by row, then by column; stable otherwise. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index, row: finding.row ?? 0, col: columnOfCell(finding.cell) }))
    .sort((a, b) => a.row - b.row || a.col - b.col || a.index - b.index)
    .map(({ finding }) => finding);
}

/**
 * A finding's cell as a user reads it: `H7` on the ledger's sheet, `满意度测评!C14` on another sheet
 * (a survey finding), null for a ledger-level finding.
 */
export function findingCellLabel(finding: Finding, ledgerSheet: string): string | null {
  if (finding.cell === null) return null;
  return finding.sheet === ledgerSheet ? finding.cell : `${finding.sheet}!${finding.cell}`;
}

/** Findings grouped by sheet row (ledger-level findings left out), each group in the given order. */
export function findingsByRow(findings: readonly Finding[]): Map<number, Finding[]> {
  const byRow = new Map<number, Finding[]>();
  for (const finding of findings) {
    if (finding.row === null) continue;
    const group = byRow.get(finding.row);
    if (group) group.push(finding);
    else byRow.set(finding.row, [finding]);
  }
  return byRow;
}
