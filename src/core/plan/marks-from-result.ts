/**
 * The marks plan for one evaluation (SPEC §8): the 预警状态 / 评估意见 columns and the row colours.
 * A 临期 item's 评估意见 also counts down to its deadline (`【临期】距整改时限还有N天`).
 */
import type { EvaluationResult, Finding, Severity } from "../types";
import { dueSoonWords } from "../vocabulary";
import { LIGHT_LABELS, type MarkedRow, type MarksPlan } from "./marks-plan";

/** How a finding's severity is shown in the 评估意见 column. */
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { error: "【错误】", warning: "【提醒】" };

/** How a 临期 item's countdown is marked in the 评估意见 column, like a finding's severity. */
export const DUE_SOON_LABEL = "【临期】";

/** `【临期】距整改时限还有3天`; on the day itself `【临期】整改时限为今天`. */
export function dueSoonText(dueInDays: number): string {
  return `${DUE_SOON_LABEL}${dueSoonWords(dueInDays).zh}`;
}

/** The separator between findings in one 评估意见 cell. */
export const OPINION_SEPARATOR = "；";

/**
 * One row's findings in words: `【错误】责任人为空；【提醒】整改措施较笼统`. The severity is shown
 * because the column is read on paper at the meeting, where the pane's icons are not there.
 * Findings keep the engine's order; an identical message is written once.
 */
export function opinionText(findings: readonly Finding[], dueInDays: number | null = null): string {
  const parts = findings.map((f) => `${SEVERITY_LABELS[f.severity]}${f.message.zh}`);
  // The countdown first: it is about the item's progress, the findings about how the row is filled in.
  if (dueInDays !== null) parts.unshift(dueSoonText(dueInDays));
  return [...new Set(parts)].join(OPINION_SEPARATOR);
}

/**
 * Where the owned columns go: where an earlier run left them (`layout.ownedColumns`), else right of
 * the ledger's last column. A missing one of the pair goes right of everything already there, so it
 * never lands on a user column.
 */
export function ownedColumnPositions(layout: EvaluationResult["layout"]): { statusCol: number; opinionCol: number } {
  const { status, opinion } = layout.ownedColumns;
  let next = Math.max(layout.lastCol, status ?? 0, opinion ?? 0) + 1;
  const statusCol = status ?? next++;
  const opinionCol = opinion ?? next;
  return { statusCol, opinionCol };
}

export function planMarks(result: EvaluationResult): MarksPlan {
  const { layout } = result;
  const byRow = new Map<number, Finding[]>();
  for (const finding of result.findings) {
    if (finding.row === null || finding.sheet !== layout.sheet) continue;
    const list = byRow.get(finding.row) ?? [];
    list.push(finding);
    byRow.set(finding.row, list);
  }
  const dueSoon = new Map(result.summary.dueSoon.map((entry) => [entry.row, entry.dueInDays]));
  const rows: MarkedRow[] = [...result.items]
    .sort((a, b) => a.row - b.row)
    .map((item) => ({
      row: item.row,
      light: item.light,
      status: LIGHT_LABELS[item.light],
      opinion: opinionText(byRow.get(item.row) ?? [], dueSoon.get(item.row) ?? null),
    }));
  return {
    sheet: layout.sheet,
    headerRow: layout.headerRow,
    ...ownedColumnPositions(layout),
    rows,
    colourArea: {
      firstRow: layout.firstRow,
      lastRow: layout.lastRow,
      firstCol: layout.firstCol,
      lastCol: layout.lastCol,
    },
  };
}
