/**
 * 生成汇总表: renders the summary `SheetPlan` on a sheet of its own (SPEC §6, §8), and records the
 * period in the hidden sheet 评估记录 (the history read by 评估 with this period recorded, replacing a
 * period of the same date), all or nothing.
 *
 *   sync 1  sheet names and ids, the summary mark (`MARK_NAMES.summary` → the summary's A1), the
 *           history mark (`MARK_NAMES.history` → 评估记录's A1)
 *   sync 2  one batch: for the summary, then the history: the old sheet (ours, found by its mark) is
 *           renamed aside, the new sheet is added under the chosen name and filled (the history's then
 *           hidden), moved to the old one's place, the mark points at it; the old history is deleted,
 *           then the old summary last.
 *   (a sheet whose cells weigh over `INLINE_CELLS_BYTES` — the history or the summary of a ledger of
 *   many thousand items: its new sheet is added and its cells written first, one sync per band of rows
 *   under `BAND_BYTES` (./value-bands.ts), hyperlinks with their rows; the batch then styles, hides and
 *   marks it)
 *
 * The summary is not activated: the ledger stays the active sheet, so 评估 again reads the ledger, not
 * the summary; the pane offers a link (`selectCell`) to the new sheet.
 *
 * A sheet named 整改情况汇总 (评估记录) that the add-in did not make is never overwritten
 * (`pickSummarySheetName`, `pickHistorySheetName` pick `整改情况汇总 (2)`…). If the batch fails, the new
 * sheets are removed and the old ones renamed back — except when only the old summary's delete was left
 * (the old history already deleted, so it cannot come back): then that delete is done, completing the batch.
 */
import { absoluteReference, parseAddress, REFERS_TO_NOTHING } from "./address";
import type { HostFeatures } from "./features";
import { failWith, HOST_MESSAGES, hostErrorFrom, HostErrorCarrier, refusedInCellEditMode } from "./host-errors";
import type { EvaluateOutcome, WriteSummaryOutcome } from "../core/host";
import type { XlContext } from "./office-api";
import { queueNameLoad, type QueuedName } from "./owned-spans";
import { queueCells, queueSheetPlan, sheetPlanGrid } from "./render-sheet-plan";
import { pickHistorySheetName } from "./history-in-excel";
import { DEFAULT_BAND_LIMITS, valueBands, type BandLimits, type ValueBand } from "./value-bands";
import { historyAfter, planHistorySheet } from "../core/history";
import { MARK_NAMES } from "../core/plan/marks-plan";
import type { SheetPlan } from "../core/plan/sheet-plan";
import { pickOwnedSheetNames, pickSummarySheetName, planSummarySheet } from "../core/plan/summary-sheet";
import type { Settings } from "../core/settings";

/** Syncs of writing the summary: look, then one batch (plus one per band of a heavy sheet's cells). */
export const MAX_SYNCS_PER_SUMMARY = 2;

interface SheetInfo {
  readonly name: string;
  readonly id: string;
  readonly position: number;
}

/** One owned sheet the batch replaces: the summary or the history. */
interface Replacement {
  readonly markName: string;
  /** The sheet an earlier run made (found by the mark), null when there is none. */
  readonly owned: SheetInfo | null;
  /** What the mark referred to before: its address, `=#REF!` when it referred to nothing, null when absent. */
  readonly markBefore: string | null;
  readonly markExisted: boolean;
  readonly name: string;
  readonly plan: SheetPlan;
  readonly aside: string | null;
  readonly hidden: boolean;
  /** The cells, written before the batch in these bands (a heavy sheet); null: with the batch. */
  readonly bands: readonly ValueBand[] | null;
}

function asideName(taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  for (let n = 1; ; n++) {
    const candidate = `_zgtz_old_${n}`;
    if (!lower.has(candidate)) return candidate;
  }
}

/** The workbook as the first sync sees it: its sheets and, per mark name, the queued mark. */
interface WorkbookLook {
  readonly sheets: readonly SheetInfo[];
  readonly marks: ReadonlyMap<string, QueuedName>;
}

/**
 * Sync 1: the sheets, the marks of the sheets about to be replaced, and whether the workbook may take
 * a new sheet (read-only, or Review → Protect Workbook: refused before anything is queued; below 1.7
 * the batch fails with AccessDenied and is undone).
 */
async function lookAtWorkbook(
  context: XlContext,
  markNames: readonly string[],
  features: HostFeatures,
): Promise<WorkbookLook> {
  const wb = context.workbook;
  wb.worksheets.load("items/name,items/id,items/position");
  // A mark may exist and refer to nothing: Excel keeps a name whose sheet the user deleted, as `=#REF!`.
  const marks = new Map(markNames.map((markName) => [markName, queueNameLoad(wb.names, markName)] as const));
  if (features.readOnlyFlag) wb.load("readOnly");
  if (features.workbookProtection) wb.protection.load("protected");
  await context.sync();
  if (features.readOnlyFlag && wb.readOnly) failWith("read-only", HOST_MESSAGES.readOnly());
  if (features.workbookProtection && wb.protection.protected) failWith("protected", HOST_MESSAGES.structureProtected());
  const sheets = wb.worksheets.items.map((s) => ({ name: s.name, id: s.id, position: s.position }));
  return { sheets, marks };
}

/** The sheet of ours a mark points at, if it still exists. */
function sheetMarkedBy(look: WorkbookLook, queued: QueuedName): SheetInfo | null {
  const markSheet = queued.range.isNullObject ? null : (parseAddress(queued.range.address)?.sheet ?? null);
  return look.sheets.find((s) => markSheet !== null && s.name.toLowerCase() === markSheet.toLowerCase()) ?? null;
}

/** What a mark referred to before the write: its address, `=#REF!` when it referred to nothing, null when absent. */
function markBefore(queued: QueuedName): string | null {
  return queued.item.isNullObject ? null : queued.range.isNullObject ? REFERS_TO_NOTHING : queued.range.address;
}

/**
 * The batch, all or nothing: a large sheet's bands first, then every replacement queued and the old
 * sheets deleted last (the first replacement's the very last: once it is gone, everything before it
 * ran). On failure the half-made sheets are removed and the old ones put back, unless the batch turns
 * out complete (see `undoReplacements`).
 */
async function commitReplacements(
  context: XlContext,
  look: WorkbookLook,
  replacements: readonly Replacement[],
  features: HostFeatures,
): Promise<void> {
  const wb = context.workbook;
  /** Whether a sync of this write went through (only a heavy sheet's bands come before the batch). */
  let wrote = false;
  try {
    for (const r of replacements) {
      if (!r.bands) continue;
      await writeBands(context, r, r.bands);
      wrote = true;
    }
    if (features.pageLayout) context.application.suspendScreenUpdatingUntilNextSync();
    for (const r of replacements) queueReplacement(context, r, features);
    for (const r of [...replacements].reverse()) if (r.owned) wb.worksheets.getItem(r.owned.id).delete();
    await context.sync();
  } catch (error) {
    // Refused whole because a cell is being edited: nothing was written, nothing to undo.
    if (!wrote && refusedInCellEditMode(error)) failWith("cell-edit", HOST_MESSAGES.cellEdit());
    try {
      if (await undoReplacements(context, look.sheets, replacements)) return;
    } catch (undoError) {
      failWith("unknown", HOST_MESSAGES.undoFailed(undoError instanceof Error ? undoError.message : String(undoError)));
    }
    // Not the new sheet's name: a sheet just added cannot be protected; the workbook's structure or the old
    // sheet can.
    throw error instanceof HostErrorCarrier ? error : new HostErrorCarrier(hostErrorFrom(error, null));
  }
}

/** The plan's cells in bands when they are too heavy to ride in the batch, else null. */
function cellBands(plan: SheetPlan, features: HostFeatures, limits: BandLimits): ValueBand[] | null {
  const grid = sheetPlanGrid(plan, features);
  return grid ? valueBands(grid, limits) : null;
}

/** A visible sheet of ours replaced whole in the batch: the summary, the 督办单. */
function visibleReplacement(
  look: WorkbookLook,
  markName: string,
  name: string,
  plan: SheetPlan,
  aside: string | null,
  bands: readonly ValueBand[] | null,
): Replacement {
  const queued = look.marks.get(markName);
  if (!queued) throw new Error(`mark ${markName} was not looked at`);
  return {
    markName,
    owned: sheetMarkedBy(look, queued),
    markBefore: markBefore(queued),
    markExisted: !queued.item.isNullObject,
    name,
    plan,
    aside,
    hidden: false,
    bands,
  };
}

export async function writeSummaryInExcel(
  context: XlContext,
  evaluation: EvaluateOutcome,
  settings: Settings,
  features: HostFeatures,
  limits: BandLimits = DEFAULT_BAND_LIMITS,
): Promise<WriteSummaryOutcome> {
  const look = await lookAtWorkbook(context, [MARK_NAMES.summary, MARK_NAMES.history], features);
  const names = look.sheets.map((s) => s.name);
  const summaryMark = look.marks.get(MARK_NAMES.summary);
  const historyMark = look.marks.get(MARK_NAMES.history);
  if (!summaryMark || !historyMark) throw new Error("the summary's marks were not looked at");
  const owned = sheetMarkedBy(look, summaryMark);
  const { name, renamedFrom } = pickSummarySheetName(names, owned?.name ?? null);
  const plan = planSummarySheet(evaluation.result, {
    sheetName: name,
    ledgerSheet: evaluation.sheet,
    surveySheet: evaluation.surveySheet,
    settings,
  });
  const aside = owned ? asideName(names) : null;
  const summary = visibleReplacement(look, MARK_NAMES.summary, name, plan, aside, cellBands(plan, features, limits));
  // An evaluation read without a history (none in the workbook is an empty one) records no period.
  const history = evaluation.result.period
    ? historyReplacement(evaluation, historyMark, sheetMarkedBy(look, historyMark), names, aside, features, limits)
    : null;
  await commitReplacements(context, look, history ? [summary, history] : [summary], features);
  return { sheetName: name, renamedFrom };
}

/**
 * A sheet the add-in owns: the defined name that marks it, its name, and its plan under the name it
 * gets. `pickNames` chooses every spec's name at once (given the workbook's names and, per spec, the
 * name of the sheet its mark points at); by default each spec's own `baseName`, or `baseName (2)`….
 */
export interface OwnedSheetSpec {
  readonly markName: string;
  readonly baseName: string;
  readonly plan: (sheetName: string) => SheetPlan;
}

/** The names the written sheets got, in the specs' order, and the wanted names a user's sheet already had. */
export interface OwnedSheetsWritten {
  readonly sheetNames: readonly string[];
  readonly renamedFrom: readonly (string | null)[];
}

/**
 * Writes (or replaces) visible sheets of ours — the 督办单; 各单位汇总 with 红黄灯清单 — in the summary's
 * two syncs, all or nothing: if any of them fails, none is written and the earlier ones stay.
 */
export async function writeOwnedSheetsInExcel(
  context: XlContext,
  specs: readonly OwnedSheetSpec[],
  features: HostFeatures,
): Promise<OwnedSheetsWritten> {
  const look = await lookAtWorkbook(
    context,
    specs.map((s) => s.markName),
    features,
  );
  const names = look.sheets.map((s) => s.name);
  const owned = specs.map((spec) => {
    const queued = look.marks.get(spec.markName);
    if (!queued) throw new Error(`mark ${spec.markName} was not looked at`);
    return sheetMarkedBy(look, queued);
  });
  const picked = pickOwnedSheetNames(
    specs.map((s) => s.baseName),
    names,
    owned.map((o) => o?.name ?? null),
  );
  // Each old sheet renamed aside under a name of its own: the names taken so far grow with each.
  const asides: string[] = [];
  const replacements = specs.map((spec, i) => {
    const name = picked[i]?.name ?? spec.baseName;
    const aside = owned[i] ? asideName([...names, ...asides]) : null;
    if (aside !== null) asides.push(aside);
    const plan = spec.plan(name);
    return visibleReplacement(look, spec.markName, name, plan, aside, cellBands(plan, features, DEFAULT_BAND_LIMITS));
  });
  await commitReplacements(context, look, replacements, features);
  return { sheetNames: picked.map((p) => p.name), renamedFrom: picked.map((p) => p.renamedFrom) };
}

/** Writes (or replaces) one visible sheet of ours (the 督办单): `writeOwnedSheetsInExcel` with one spec. */
export async function writeOwnedSheetInExcel(
  context: XlContext,
  spec: OwnedSheetSpec,
  features: HostFeatures,
): Promise<WriteSummaryOutcome> {
  const written = await writeOwnedSheetsInExcel(context, [spec], features);
  return { sheetName: written.sheetNames[0] ?? spec.baseName, renamedFrom: written.renamedFrom[0] ?? null };
}

/** The history sheet's replacement: the periods read by 评估, with this one recorded. */
function historyReplacement(
  evaluation: EvaluateOutcome,
  mark: QueuedName,
  owned: SheetInfo | null,
  names: readonly string[],
  summaryAside: string | null,
  features: HostFeatures,
  limits: BandLimits,
): Replacement {
  const name = pickHistorySheetName(names, owned?.name ?? null);
  const plan = planHistorySheet(historyAfter(evaluation.history, evaluation.result), name);
  return {
    markName: MARK_NAMES.history,
    owned,
    markBefore: markBefore(mark),
    markExisted: !mark.item.isNullObject,
    name,
    plan,
    aside: owned === null ? null : asideName(summaryAside === null ? names : [...names, summaryAside]),
    hidden: true,
    bands: cellBands(plan, features, limits),
  };
}

/**
 * A large sheet's cells before the batch: the old sheet renamed aside and the new one added with the
 * first band, then one sync per further band. The undo (`undoReplacements`) removes a half-written
 * new sheet like any other.
 */
async function writeBands(context: XlContext, r: Replacement, bands: readonly ValueBand[]): Promise<void> {
  const wb = context.workbook;
  if (r.owned && r.aside) wb.worksheets.getItem(r.owned.id).name = r.aside;
  const sheet = wb.worksheets.add(r.name);
  for (const band of bands) {
    queueCells(sheet, band);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per band: the 5 MB request cap
    await context.sync();
  }
}

/** Queues one replacement: the old sheet renamed aside, the new one added, filled (hidden), placed and marked. */
function queueReplacement(context: XlContext, r: Replacement, features: HostFeatures): void {
  const wb = context.workbook;
  let sheet;
  if (r.bands) sheet = wb.worksheets.getItem(r.name);
  else {
    const old = r.owned ? wb.worksheets.getItem(r.owned.id) : null;
    if (old && r.aside) old.name = r.aside;
    sheet = wb.worksheets.add(r.name);
  }
  queueSheetPlan(sheet, r.plan, features, { values: r.bands === null });
  // Hidden, not very hidden: the user can unhide 评估记录 to read it or delete a period.
  if (r.hidden) sheet.visibility = "Hidden";
  if (r.markExisted) wb.names.getItemOrNullObject(r.markName).delete();
  wb.names.add(r.markName, sheet.getRange("A1"));
  if (r.owned) sheet.position = r.owned.position;
}

/**
 * Removes the half-made sheets and puts the old ones (and their marks) back. Two syncs. Returns true
 * when the batch is complete after all: its sync reported a failure yet the old summary — deleted last,
 * which cannot be undone — is gone (the connection dropped after Excel ran it), so the new sheets are
 * kept, as if the sync had succeeded; or only the old summary's delete was left undone while the old
 * history is gone (it cannot be put back), so that delete is done now, completing the batch.
 */
async function undoReplacements(
  context: XlContext,
  before: readonly SheetInfo[],
  replacements: readonly Replacement[],
): Promise<boolean> {
  const wb = context.workbook;
  wb.worksheets.load("items/name,items/id");
  const marks = replacements.map((r) => {
    const mark = wb.names.getItemOrNullObject(r.markName);
    mark.load("name");
    return mark;
  });
  await context.sync();
  const gone = (r: Replacement): boolean => r.owned !== null && !wb.worksheets.items.some((s) => s.id === r.owned?.id);
  const [summary, ...others] = replacements;
  if (summary && gone(summary)) return true;
  if (others.some(gone)) {
    if (summary?.owned) wb.worksheets.getItem(summary.owned.id).delete();
    await context.sync();
    return true;
  }
  const existed = new Set(before.map((s) => s.id));
  const newNames = new Set(replacements.map((r) => r.name.toLowerCase()));
  for (const mark of marks) if (!mark.isNullObject) mark.delete();
  for (const sheet of wb.worksheets.items) {
    if (!existed.has(sheet.id) && newNames.has(sheet.name.toLowerCase())) sheet.delete();
  }
  const olds = replacements
    .flatMap((r) => (r.owned ? [r.owned] : []))
    .sort((a, b) => a.position - b.position)
    .map((owned) => ({ owned, sheet: wb.worksheets.items.find((s) => s.id === owned.id) }));
  for (const { owned, sheet } of olds) if (sheet && sheet.name !== owned.name) sheet.name = owned.name;
  for (const { owned, sheet } of olds) if (sheet) sheet.position = owned.position;
  for (const r of replacements) if (r.markBefore !== null) wb.names.add(r.markName, absoluteReference(r.markBefore));
  await context.sync();
  return false;
}
