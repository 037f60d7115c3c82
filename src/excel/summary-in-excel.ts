/**
 * 生成汇总表: renders the summary `SheetPlan` on a sheet of its own (SPEC §6, §8), all or nothing.
 *
 *   sync 1  sheet names and ids, the summary mark (`MARK_NAMES.summary` → the summary's A1)
 *   sync 2  one batch: the old summary (ours, found by its mark) is renamed aside, the new sheet is
 *           added under the chosen name and filled, moved to the old one's place, the mark points at
 *           it, the old one is deleted last.
 *
 * The summary is not activated: the ledger stays the active sheet, so 评估 again reads the ledger, not
 * the summary; the pane offers a link (`selectCell`) to the new sheet.
 *
 * A sheet named 整改情况汇总 that the add-in did not make is never overwritten (`pickSummarySheetName`
 * picks `整改情况汇总 (2)`…). If the batch fails, the new sheet is removed and the old one renamed back.
 */
import { absoluteReference, parseAddress, REFERS_TO_NOTHING } from "./address";
import type { HostFeatures } from "./features";
import { failWith, HOST_MESSAGES, hostErrorFrom, HostErrorCarrier, refusedInCellEditMode } from "./host-errors";
import type { EvaluateOutcome, WriteSummaryOutcome } from "../core/host";
import type { XlContext } from "./office-api";
import { queueNameLoad } from "./owned-spans";
import { queueSheetPlan } from "./render-sheet-plan";
import { MARK_NAMES } from "../core/plan/marks-plan";
import { pickSummarySheetName, planSummarySheet } from "../core/plan/summary-sheet";
import type { Settings } from "../core/settings";

/** Syncs of writing the summary: look, then one batch. */
export const MAX_SYNCS_PER_SUMMARY = 2;

interface SheetInfo {
  readonly name: string;
  readonly id: string;
  readonly position: number;
}

function asideName(taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  for (let n = 1; ; n++) {
    const candidate = `_zgtz_old_${n}`;
    if (!lower.has(candidate)) return candidate;
  }
}

export async function writeSummaryInExcel(
  context: XlContext,
  evaluation: EvaluateOutcome,
  settings: Settings,
  features: HostFeatures,
): Promise<WriteSummaryOutcome> {
  const wb = context.workbook;
  wb.worksheets.load("items/name,items/id,items/position");
  // The mark may exist and refer to nothing: Excel keeps a name whose sheet the user deleted, as `=#REF!`.
  const mark = queueNameLoad(wb.names, MARK_NAMES.summary);
  const markRange = mark.range;
  if (features.readOnlyFlag) wb.load("readOnly");
  // Review → Protect Workbook forbids adding a sheet: refuse before anything is queued (below 1.7 the
  // batch fails with AccessDenied and is undone).
  if (features.workbookProtection) wb.protection.load("protected");
  await context.sync();
  if (features.readOnlyFlag && wb.readOnly) failWith("read-only", HOST_MESSAGES.readOnly());
  if (features.workbookProtection && wb.protection.protected) failWith("protected", HOST_MESSAGES.structureProtected());

  const sheets: SheetInfo[] = wb.worksheets.items.map((s) => ({ name: s.name, id: s.id, position: s.position }));
  const markSheet = markRange.isNullObject ? null : (parseAddress(markRange.address)?.sheet ?? null);
  const owned = sheets.find((s) => markSheet !== null && s.name.toLowerCase() === markSheet.toLowerCase()) ?? null;
  const { name, renamedFrom } = pickSummarySheetName(
    sheets.map((s) => s.name),
    owned?.name ?? null,
  );
  const plan = planSummarySheet(evaluation.result, {
    sheetName: name,
    ledgerSheet: evaluation.sheet,
    surveySheet: evaluation.surveySheet,
    settings,
  });

  const aside = owned ? asideName(sheets.map((s) => s.name)) : null;
  try {
    if (features.pageLayout) context.application.suspendScreenUpdatingUntilNextSync();
    const old = owned ? wb.worksheets.getItem(owned.id) : null;
    if (old && aside) old.name = aside;
    const sheet = wb.worksheets.add(name);
    queueSheetPlan(sheet, plan, features);
    if (!mark.item.isNullObject) wb.names.getItemOrNullObject(MARK_NAMES.summary).delete();
    wb.names.add(MARK_NAMES.summary, sheet.getRange("A1"));
    if (owned) sheet.position = owned.position;
    old?.delete();
    await context.sync();
  } catch (error) {
    // Refused whole because a cell is being edited: nothing was written, nothing to undo.
    if (refusedInCellEditMode(error)) failWith("cell-edit", HOST_MESSAGES.cellEdit());
    try {
      const markBefore = mark.item.isNullObject ? null : markRange.isNullObject ? REFERS_TO_NOTHING : markRange.address;
      const completed = await undoSummary(context, sheets, owned, markBefore, name);
      if (completed) return { sheetName: name, renamedFrom };
    } catch (undoError) {
      failWith("unknown", HOST_MESSAGES.undoFailed(undoError instanceof Error ? undoError.message : String(undoError)));
    }
    // Not the new sheet's name: a sheet just added cannot be protected; the workbook's structure or the old
    // summary can.
    throw error instanceof HostErrorCarrier ? error : new HostErrorCarrier(hostErrorFrom(error, null));
  }
  return { sheetName: name, renamedFrom };
}

/**
 * Removes a half-made summary and puts the old one (and its mark) back. Two syncs. Returns true, and
 * changes nothing, when the batch turns out to have been applied in full although its sync reported a
 * failure (the connection dropped after Excel ran it): the old summary is gone — deleting it is the
 * batch's last step and cannot be undone — so the new one is kept, as if the sync had succeeded.
 */
async function undoSummary(
  context: XlContext,
  before: readonly SheetInfo[],
  owned: SheetInfo | null,
  markAddress: string | null,
  newName: string,
): Promise<boolean> {
  const wb = context.workbook;
  wb.worksheets.load("items/name,items/id");
  const mark = wb.names.getItemOrNullObject(MARK_NAMES.summary);
  mark.load("name");
  await context.sync();
  if (owned && !wb.worksheets.items.some((s) => s.id === owned.id)) return true;
  const existed = new Set(before.map((s) => s.id));
  if (!mark.isNullObject) mark.delete();
  for (const sheet of wb.worksheets.items) {
    if (!existed.has(sheet.id) && sheet.name.toLowerCase() === newName.toLowerCase()) sheet.delete();
  }
  if (owned) {
    const old = wb.worksheets.items.find((s) => s.id === owned.id);
    if (old && old.name !== owned.name) old.name = owned.name;
    if (old) old.position = owned.position;
  }
  if (markAddress !== null) wb.names.add(MARK_NAMES.summary, absoluteReference(markAddress));
  await context.sync();
  return false;
}
