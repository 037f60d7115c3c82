/**
 * Which sheet of a workbook read from a file is its ledger, and its evaluation — the command line's
 * choice (SPEC §9), shared with the pane's 合并多个单位台账, which evaluates picked files the same way.
 * Free of Node and of the DOM: the workbook is whatever reader's grids (`src/xlsx`).
 *
 * Without a named sheet, the ledger is the first *visible* sheet, in workbook order, that holds one;
 * survey sheets (SPEC §7 names) and the add-in's own sheets (整改情况汇总, 督办单, 评估记录, and the
 * consolidation's 各单位汇总 and 红黄灯清单 — each also as `name (2)`…, or by its mark under any name)
 * are skipped. A sheet named that one of the add-in's marks points at is refused: it is no ledger.
 */
import { evaluate, isSurveySheetName, pickSurveySheet, type EvaluateInput } from "./evaluate";
import { isHistorySheetName } from "./history/sheet";
import { OWNED_SHEET_MARKS, SUMMARY_SHEET_NAME } from "./plan/marks-plan";
import { SUPERVISION_SHEET_NAME } from "./plan/supervision-sheet";
import { SHEET_NAMES } from "./combine/labels";
import { ownedSheetMessage, printable } from "./messages";
import type { Settings } from "./settings";
import type { EvaluationResult, Grid, Message } from "./types";

/** A failure the user can act on (exit 2 on the command line; a file's reason in a consolidation). */
export class UsageFailure extends Error {
  constructor(readonly userMessage: Message) {
    super(userMessage.en);
  }
}

/**
 * The message on one line, whatever it holds (an exception's text may carry line breaks or a stack),
 * and nothing in it that a terminal would act on: sheet names, file names and cell text echoed in a
 * message are the file's, not ours (`printable`).
 */
export const oneLine = (message: Message): string =>
  printable(`${message.zh} / ${message.en}`.replace(/\s*\n\s*/g, " "));

/** `base`, or `base (2)`, `base (3)`… — the names an owned sheet gets when a user's sheet had `base`. */
function isOwnedName(base: string, name: string): boolean {
  return name === base || (name.startsWith(`${base} (`) && /^ \(\d+\)$/.test(name.slice(base.length)));
}

/** The add-in's own summary sheet (`整改情况汇总`, or `整改情况汇总 (2)` when the name was taken). */
export function isSummarySheetName(name: string): boolean {
  return isOwnedName(SUMMARY_SHEET_NAME, name);
}

/** The add-in's 督办单 (`督办单`, `督办单 (2)`…): its item table has a ledger's header words, yet it is no ledger. */
export function isSupervisionSheetName(name: string): boolean {
  return isOwnedName(SUPERVISION_SHEET_NAME, name);
}

/** A consolidation's 各单位汇总 or 红黄灯清单 (the latter's columns read as a ledger's, yet it holds only some items). */
export function isCombinedSheetName(name: string): boolean {
  return isOwnedName(SHEET_NAMES.units, name) || isOwnedName(SHEET_NAMES.warnings, name);
}

/** A workbook-level defined name and what it refers to, as a file holds it (`'整改情况汇总'!$A$1`). */
export interface DefinedNameEntry {
  readonly name: string;
  readonly formula: string;
}

/** The sheet a reference names: `'It''s'!$A$1` → `It's`, `Sheet1!$A$1` → `Sheet1`; null without one. */
export function sheetOfReference(formula: string): string | null {
  const match = /^\s*(?:'((?:[^']|'')+)'|([^'!]+))!/.exec(formula);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/''/g, "'") : (match[2] ?? null);
}

/**
 * The sheets of `sheetNames` the add-in's marks (`OWNED_SHEET_MARKS`) point at — its summary, 督办单,
 * 评估记录, 各单位汇总, 红黄灯清单 under whatever name they now have — compared ignoring case, as Excel does.
 */
export function markedOwnSheets(names: readonly DefinedNameEntry[], sheetNames: readonly string[]): Set<string> {
  const marks = new Set<string>(OWNED_SHEET_MARKS);
  const marked = new Set(
    names.flatMap((n) => {
      const sheet = marks.has(n.name) ? sheetOfReference(n.formula) : null;
      return sheet ? [sheet.toLowerCase()] : [];
    }),
  );
  return new Set(sheetNames.filter((name) => marked.has(name.toLowerCase())));
}

/**
 * The sheets a reader needs to read cell by cell for a choice: the named sheet, else every visible
 * one; and the survey and history sheets (hidden or not) the evaluation may use.
 */
export function sheetsToRead(sheet: string | null): (name: string, hidden: boolean) => boolean {
  return (name, hidden) =>
    (sheet === null ? !hidden : name === sheet) || isSurveySheetName(name) || isHistorySheetName(name);
}

/** A sheet as a choice sees it; `owned`: one of the add-in's marks points at it (`markedOwnSheets`). */
export interface ListedSheet {
  readonly name: string;
  readonly hidden: boolean;
  readonly owned?: boolean;
}

/** The sheets to try, in order, when the user did not name one. */
export function ledgerCandidates(sheets: readonly ListedSheet[]): string[] {
  return sheets
    .filter(
      (s) =>
        !s.hidden &&
        !s.owned &&
        !isSurveySheetName(s.name) &&
        !isSummarySheetName(s.name) &&
        !isHistorySheetName(s.name) &&
        !isSupervisionSheetName(s.name) &&
        !isCombinedSheetName(s.name),
    )
    .map((s) => s.name);
}

/**
 * One sheet tried as the ledger: its result, or why it is not one. `blocked`: the sheet could not be
 * looked at (the add-in cannot evaluate a protected sheet), so whether it holds the ledger is unknown.
 */
export type SheetAttempt =
  | { readonly ok: true; readonly result: EvaluationResult }
  | { readonly ok: false; readonly message: Message; readonly blocked?: boolean };

/** What the user asked for: a sheet by name (null: find it), and the file as they named it. */
export interface SheetChoice {
  readonly sheet: string | null;
  readonly file: string;
}

/**
 * The ledger to evaluate: `choice.sheet`'s, or the first candidate (`ledgerCandidates`) that holds
 * one. `tryEvaluate` evaluates one existing sheet; the messages for a missing sheet or no ledger are
 * the same whichever backend evaluates. Throws `UsageFailure`.
 */
export async function evaluateChosenSheet(
  sheets: readonly ListedSheet[],
  choice: SheetChoice,
  tryEvaluate: (sheet: string) => SheetAttempt | Promise<SheetAttempt>,
): Promise<EvaluationResult> {
  const names = sheets.map((s) => s.name);
  if (choice.sheet !== null) {
    if (!names.includes(choice.sheet)) {
      throw new UsageFailure({
        zh: `工作簿中没有名为“${choice.sheet}”的工作表（现有：${names.join("、")}）`,
        en: `No sheet named "${choice.sheet}" in the workbook (sheets: ${names.join(", ")})`,
      });
    }
    // Our own sheet (a summary or 督办单 a copy got from --out): no ledger, whatever it reads as.
    if (sheets.some((s) => s.name === choice.sheet && s.owned)) throw new UsageFailure(ownedSheetMessage(choice.sheet));
    const attempt = await tryEvaluate(choice.sheet);
    if (!attempt.ok) throw new UsageFailure(attempt.message);
    return attempt.result;
  }

  const candidates = ledgerCandidates(sheets);
  let firstFailure: Message | null = null;
  let firstBlocked: Message | null = null;
  for (const name of candidates) {
    const attempt: SheetAttempt = await tryEvaluate(name);
    if (attempt.ok) return attempt.result;
    firstFailure ??= attempt.message;
    if (attempt.blocked) firstBlocked ??= attempt.message;
  }
  // A sheet that could not be looked at may be the ledger: say why, rather than "no ledger".
  if (firstBlocked) throw new UsageFailure(firstBlocked);
  if (candidates.length === 1 && firstFailure) throw new UsageFailure(firstFailure);
  throw new UsageFailure({
    zh: `没有找到台账：${choice.file} 的工作表（${names.join("、")}）中都没有可识别的台账表头（至少三个可识别的列，其中包括“问题描述”或“整改措施”）；可用 --sheet 指定工作表`,
    en: `No ledger found: none of the sheets of ${choice.file} (${names.join(", ")}) has a recognisable ledger header (three known columns including 问题描述 or 整改措施); use --sheet to name the sheet`,
  });
}

/** A workbook as a reader gives it: its sheets in order, each read on demand. */
export interface WorkbookOfGrids {
  readonly sheets: readonly { readonly name: string; readonly hidden: boolean; grid(): Grid }[];
  /** Its workbook-level defined names, where the add-in's marks are (none: no sheet is known as ours). */
  readonly names?: readonly DefinedNameEntry[];
}

/** Evaluates the chosen ledger of a workbook read from a file, with its survey sheet when it has one. */
export function evaluateWorkbook(
  workbook: WorkbookOfGrids,
  choice: SheetChoice,
  today: string,
  settings: Settings,
  history: EvaluateInput["history"] = null,
): Promise<EvaluationResult> {
  const names = workbook.sheets.map((s) => s.name);
  const gridOf = (name: string): Grid | null => workbook.sheets.find((s) => s.name === name)?.grid() ?? null;
  const surveyFor = (ledgerSheet: string): Grid | null => {
    const surveyName = pickSurveySheet(names, settings, ledgerSheet);
    return surveyName ? gridOf(surveyName) : null;
  };
  const owned = markedOwnSheets(workbook.names ?? [], names);
  const sheets = workbook.sheets.map((s) => ({ name: s.name, hidden: s.hidden, owned: owned.has(s.name) }));
  return evaluateChosenSheet(sheets, choice, (name) => {
    // Every sheet listed was read, except hidden ones a named sheet did not name (never tried).
    const ledger = gridOf(name);
    if (!ledger) throw new Error(`sheet ${name} was not read`);
    return evaluate({ ledger, survey: surveyFor(name), today, settings, history });
  });
}
