/**
 * 清除标记: removes exactly what the add-in wrote, on every ledger sheet it marked — the owned
 * columns' cells each sheet's pair of mark names records (header through the last item; a user's
 * value above or under them stays), our conditional-format rules (or, below ExcelApi 1.6, the direct
 * fills, restored to the user's originals), the summary sheet, the 督办单, the consolidation's 各单位汇总 and
 * 红黄灯清单, the mark names and the settings
 * marker — and nothing else (SPEC §8: "leaves the workbook exactly as it was before the first
 * evaluation"). The recorded periods (the hidden sheet 评估记录 and its mark) are kept unless the user
 * asks for them to go too: they are the memory of earlier meetings, not a mark on the ledger.
 *
 *   sync 1  the marks: every pair of column mark names, the summary's, the history's, the settings
 *           marker, sheet ids
 *   sync 2  each marked sheet: protection, the owned columns' cells the marks record, our rules
 *   sync 3  our rules' ranges and fills (to put them back if the batch fails); fallback: current fills,
 *           one read per marked sheet
 *   sync 4  one batch: clear, delete, restore; the 督办单 and then the summary sheet are deleted last
 */
import { absoluteReference, contains, parseAddress, rectAddress, REFERS_TO_NOTHING } from "./address";
import { decodeFills, type FillMap } from "./fills";
import type { HostFeatures } from "./features";
import { failWith, HOST_MESSAGES, hostErrorFrom, HostErrorCarrier, refusedInCellEditMode } from "./host-errors";
import { MARKS_SETTING_KEY, parseMarker } from "./fill-record";
import { queueFills, restoreMarks, type MarksBefore } from "./undo-snapshot";
import { isOwnedRule, queueRuleAreas, queueRulesLoad, ruleAreasAddress, type OwnedRule } from "./owned-rules";
import type { ClearOutcome } from "../core/host";
import type {
  XlConditionalFormat,
  XlConditionalFormatCollection,
  XlContext,
  XlRange,
  XlSetting,
  XlWorksheet,
} from "./office-api";
import type { Rect } from "./address";
import { previousOwnedSpans, queueNameLoad, spanRect, type QueuedName } from "./owned-spans";
import { rectOf } from "./read-ledger";
import { readFillsOfSheets } from "./read-fills";
import { columnLetter } from "../core/grid";
import { COLUMN_MARK_PAIRS, MARK_NAMES } from "../core/plan/marks-plan";

/** The marks of the consolidation's sheets (各单位汇总, 红黄灯清单). */
const COMBINED_MARKS = [MARK_NAMES.combinedUnits, MARK_NAMES.combinedWarnings] as const;

/** Syncs of one clear with conditional formats (marks, ledger sheets, rule ranges, the batch), however many sheets are marked. */
export const MAX_SYNCS_PER_CLEAR = 4;

interface SheetRef {
  readonly name: string;
  readonly id: string;
}

/** One marked ledger sheet: its pair of mark names, what they refer to, the fills recorded for it. */
interface MarkedLedger {
  readonly sheet: SheetRef;
  /** Its pair of mark names; null for a sheet found only through the fill record. */
  readonly pair: { readonly status: string; readonly opinion: string } | null;
  readonly addresses: { readonly status: string | null; readonly opinion: string | null };
  /** The marks' rectangles on this sheet (null when absent or on another sheet). */
  readonly rects: { readonly status: Rect | null; readonly opinion: Rect | null };
  /** Below ExcelApi 1.6: the user's fills before the add-in coloured cells of this sheet. */
  readonly originals: FillMap | null;
}

export async function clearMarksInExcel(
  context: XlContext,
  features: HostFeatures,
  clearHistory: boolean,
): Promise<ClearOutcome> {
  const found = await readMarks(context, features, clearHistory);
  if (isNothingToClear(found)) return found.removed;
  const sheets = await readMarkedSheets(context, features, found.ledgers);
  const withRules = await readRulesAndFills(context, features, sheets);
  const plans = planClear(withRules, found.markerSetting);
  await commitClearWithUndo(context, features, found, plans);
  return found.removed;
}

/** What sync 1 found: every mark of ours in the workbook. */
interface MarksFound {
  readonly ledgers: readonly MarkedLedger[];
  /** Every name of ours that exists, also one referring to nothing. */
  readonly names: readonly QueuedName[];
  /** The names of ours that refer to nothing (`=#REF!`), to put back as they were if the clear fails. */
  readonly orphans: readonly string[];
  readonly summary: SheetRef | null;
  readonly summaryAddress: string | null;
  /** The 督办单, found like the summary by its mark. */
  readonly supervision: SheetRef | null;
  readonly supervisionAddress: string | null;
  /** 各单位汇总 and 红黄灯清单, found by their marks, with each mark's address to put back if the clear fails. */
  readonly combined: readonly { readonly sheet: SheetRef; readonly mark: string; readonly address: string }[];
  /** The history sheet to delete (only when asked), and its mark's address to put back if the clear fails. */
  readonly history: SheetRef | null;
  readonly historyAddress: string | null;
  readonly markerSetting: XlSetting;
  /** What the clear removes, as the outcome reports it. */
  readonly removed: ClearOutcome;
}

/** True when the workbook holds nothing of ours (before the first evaluation). */
function isNothingToClear(found: MarksFound): boolean {
  return (
    found.ledgers.length === 0 &&
    !found.summary &&
    !found.supervision &&
    found.combined.length === 0 &&
    !found.history &&
    found.names.length === 0 &&
    found.markerSetting.isNullObject
  );
}

/**
 * Sync 1: every pair of column mark names, the summary's, the settings marker, sheet ids — and from them
 * every marked ledger sheet, once. A read-only workbook is refused here, before anything is queued.
 */
async function readMarks(context: XlContext, features: HostFeatures, clearHistory: boolean): Promise<MarksFound> {
  const wb = context.workbook;
  wb.worksheets.load("items/name,items/id");
  const pairs = COLUMN_MARK_PAIRS.map((pair) => ({
    pair,
    status: queueNameLoad(wb.names, pair.status),
    opinion: queueNameLoad(wb.names, pair.opinion),
  }));
  const summaryMark = queueNameLoad(wb.names, MARK_NAMES.summary);
  const historyMark = queueNameLoad(wb.names, MARK_NAMES.history);
  const supervisionMark = queueNameLoad(wb.names, MARK_NAMES.supervision);
  const combinedMarks = COMBINED_MARKS.map((name) => queueNameLoad(wb.names, name));
  const markerSetting = wb.settings.getItemOrNullObject(MARKS_SETTING_KEY);
  markerSetting.load("value");
  if (features.readOnlyFlag) wb.load("readOnly");
  await context.sync();
  // Like evaluate and the summary: a read-only workbook is refused before anything is queued.
  if (features.readOnlyFlag && wb.readOnly) failWith("read-only", HOST_MESSAGES.readOnly());

  const addressOf = (range: XlRange): string | null => (range.isNullObject ? null : range.address);
  const summaryAddress = addressOf(summaryMark.range);
  const supervisionAddress = addressOf(supervisionMark.range);
  const marker = markerSetting.isNullObject ? null : parseMarker(markerSetting.value);
  const sheets: SheetRef[] = wb.worksheets.items.map((s) => ({ name: s.name, id: s.id }));
  const sheetNamed = (name: string | null): SheetRef | null =>
    name === null ? null : (sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null);

  // Every marked ledger sheet, once: from its pair of names, or (below 1.6) from the fills recorded for it.
  const ledgers: MarkedLedger[] = [];
  for (const { pair, status, opinion } of pairs) {
    const addresses = { status: addressOf(status.range), opinion: addressOf(opinion.range) };
    const parsed = [addresses.status, addresses.opinion].map((a) => (a === null ? null : parseAddress(a)));
    const sheet = sheetNamed((parsed[0] ?? parsed[1])?.sheet ?? null);
    if (!sheet || ledgers.some((l) => l.sheet.id === sheet.id)) continue;
    const on = (p: ReturnType<typeof parseAddress>): Rect | null =>
      p && p.sheet?.toLowerCase() === sheet.name.toLowerCase() ? p.rect : null;
    const recorded = marker?.sheets[sheet.id];
    ledgers.push({
      sheet,
      pair,
      addresses,
      rects: { status: on(parsed[0] ?? null), opinion: on(parsed[1] ?? null) },
      originals: recorded ? decodeFills(recorded) : null,
    });
  }
  for (const [id, recorded] of Object.entries(marker?.sheets ?? {})) {
    const sheet = sheets.find((s) => s.id === id);
    if (!sheet || ledgers.some((l) => l.sheet.id === id)) continue;
    ledgers.push({
      sheet,
      pair: null,
      addresses: { status: null, opinion: null },
      rects: { status: null, opinion: null },
      originals: decodeFills(recorded),
    });
  }
  // Every name of ours, also one left referring to nothing (`=#REF!`: Excel keeps a name whose sheet the
  // user deleted) — before the first evaluation there was none.
  // The history's mark goes with its sheet, only when the user asked.
  const names = [
    ...pairs.flatMap((p) => [p.status, p.opinion]),
    summaryMark,
    supervisionMark,
    ...combinedMarks,
    ...(clearHistory ? [historyMark] : []),
  ].filter((n) => !n.item.isNullObject);
  const orphans = names.filter((n) => n.range.isNullObject).map((n) => n.name);
  const summary = summaryAddress !== null ? sheetNamed(parseAddress(summaryAddress)?.sheet ?? null) : null;
  const markedSupervision =
    supervisionAddress !== null ? sheetNamed(parseAddress(supervisionAddress)?.sheet ?? null) : null;
  // Both marks on one sheet (a hand-edited name): it is deleted once, as the summary.
  const supervision = markedSupervision && markedSupervision.id !== summary?.id ? markedSupervision : null;
  // The consolidation's sheets, each once and never one already deleted as the summary or the 督办单.
  const combined: { sheet: SheetRef; mark: string; address: string }[] = [];
  for (const mark of combinedMarks) {
    const address = addressOf(mark.range);
    const sheet = address === null ? null : sheetNamed(parseAddress(address)?.sheet ?? null);
    if (!sheet || address === null) continue;
    if ([summary, supervision, ...combined.map((c) => c.sheet)].some((s) => s?.id === sheet.id)) continue;
    combined.push({ sheet, mark: mark.name, address });
  }
  const historyAddress = addressOf(historyMark.range);
  const historySheet = historyAddress !== null ? sheetNamed(parseAddress(historyAddress)?.sheet ?? null) : null;
  const removed: ClearOutcome = {
    ledgerSheets: ledgers.map((l) => l.sheet.name),
    summarySheet: summary?.name ?? null,
    supervisionSheet: supervision?.name ?? null,
    combinedSheets: combined.map((c) => c.sheet.name),
    history: historySheet ? { sheet: historySheet.name, removed: clearHistory } : null,
  };
  const history = clearHistory ? historySheet : null;
  return {
    ledgers,
    names,
    orphans,
    summary,
    summaryAddress,
    supervision,
    supervisionAddress,
    combined,
    history,
    historyAddress,
    markerSetting,
    removed,
  };
}

/** One marked sheet as sync 2 loaded it. */
interface MarkedSheetRead {
  readonly ledger: MarkedLedger;
  readonly sheet: XlWorksheet;
  /** The cells each mark covers (status, opinion), null where there is no mark. */
  readonly columnRanges: readonly (XlRange | null)[];
  readonly rules: XlConditionalFormatCollection | null;
}

/** Sync 2: each marked sheet's protection, owned cells and rules. A protected sheet is refused. */
async function readMarkedSheets(
  context: XlContext,
  features: HostFeatures,
  ledgers: readonly MarkedLedger[],
): Promise<MarkedSheetRead[]> {
  const reads = ledgers.map((ledger) => {
    const sheet = context.workbook.worksheets.getItem(ledger.sheet.id);
    sheet.protection.load("protected");
    // A mark naming the written rows is loaded as it is; one on the header cell alone (an earlier
    // version's) with its column down to the used range's bottom, to infer its rows (owned-spans.ts).
    const columnRanges = [ledger.rects.status, ledger.rects.opinion].map((mark) => {
      if (!mark) return null;
      const col = columnLetter(mark.left);
      const range =
        mark.top !== mark.bottom
          ? sheet.getRange(rectAddress(mark))
          : sheet.getRange(`${col}${mark.top}:${columnLetter(mark.right)}1048576`).getUsedRangeOrNullObject(true);
      range.load("address,values");
      return range;
    });
    const rules = features.conditionalFormats ? queueRulesLoad(sheet) : null;
    return { ledger, sheet, columnRanges, rules };
  });
  if (reads.length > 0) await context.sync();
  for (const { ledger, sheet } of reads)
    if (sheet.protection.protected) failWith("protected", HOST_MESSAGES.protected(ledger.sheet.name));
  return reads;
}

/** One marked sheet with our rules' ranges and colours, and (fallback) the current fills of what was coloured. */
interface MarkedSheetWithRules extends MarkedSheetRead {
  readonly ruleParts: readonly {
    readonly cf: XlConditionalFormat;
    readonly areas: ReturnType<typeof queueRuleAreas>;
  }[];
  readonly currentFills: FillMap | null;
}

/** Sync 3: our rules' ranges; the current fills of what the fallback coloured, one read per marked sheet. */
async function readRulesAndFills(
  context: XlContext,
  features: HostFeatures,
  reads: readonly MarkedSheetRead[],
): Promise<MarkedSheetWithRules[]> {
  const withRules = reads.map((read) => {
    const ours = (read.rules?.items ?? []).filter(isOwnedRule);
    const ruleParts = ours.map((cf) => {
      cf.custom.format.fill.load("color");
      return { cf, areas: queueRuleAreas(cf, features) };
    });
    return { ...read, ruleParts };
  });
  // The rules' loads ride in the first sync of the fill reads when there are any (marks from the fallback).
  const withFills = withRules.filter((r) => r.ledger.originals !== null);
  const fillsRead = await readFillsOfSheets(
    context,
    withFills.map(({ sheet, ledger }) => ({ sheet, cells: ledger.originals?.keys() ?? [] })),
  );
  const currentFills = new Map(withFills.map((r, i) => [r.ledger.sheet.id, fillsRead.fills[i] ?? new Map()]));
  if (!fillsRead.synced && withRules.some((r) => r.ruleParts.length > 0)) await context.sync();
  return withRules.map((r) => ({ ...r, currentFills: currentFills.get(r.ledger.sheet.id) ?? null }));
}

/** One marked sheet's clear: the owned cells to empty (with their values before) and the undo snapshot. */
interface SheetClear {
  readonly ledger: MarkedLedger;
  readonly sheet: XlWorksheet;
  readonly ruleParts: MarkedSheetWithRules["ruleParts"];
  readonly owned: MarksBefore["owned"];
  readonly before: MarksBefore;
}

/** Plans each sheet's clear from what was read (no sync): only the rows each mark covers are emptied. */
function planClear(sheets: readonly MarkedSheetWithRules[], markerSetting: XlSetting): SheetClear[] {
  return sheets.map(({ ledger, sheet, columnRanges, ruleParts, currentFills }) => {
    const oldRules: OwnedRule[] = ruleParts.map(({ cf, areas }) => ({
      id: cf.id,
      address: ruleAreasAddress(areas),
      formula: cf.customOrNullObject.rule.formula,
      fill: (cf.custom.format.fill.color ?? "").toUpperCase(),
    }));
    const loaded = columnRanges
      .filter((r): r is XlRange => r !== null && !r.isNullObject)
      .map((r) => ({ rect: rectOf(r.address), values: r.values as unknown[][] }));
    const valueAt = (row: number, col: number): unknown => {
      const piece = loaded.find((l) => contains(l.rect, { top: row, bottom: row, left: col, right: col }));
      return piece ? piece.values[row - piece.rect.top]?.[col - piece.rect.left] : null;
    };
    const spans = previousOwnedSpans(
      ledger.rects,
      loaded.reduce((max, l) => Math.max(max, l.rect.bottom), 0),
      valueAt,
    );
    // Only the rows each mark covers: a user's value under the ledger in those columns stays.
    const owned = [...spans.status, ...spans.opinion].map((span) => {
      const rect = spanRect(span);
      const values: unknown[][] = [];
      for (let row = rect.top; row <= rect.bottom; row++) values.push([valueAt(row, span.col) ?? ""]);
      return { rect, values };
    });
    const before: MarksBefore = {
      owned,
      names: ledger.addresses,
      markNames: ledger.pair,
      rules: oldRules,
      ruleIdsBefore: null,
      fills: currentFills,
      marker: markerSetting.isNullObject ? null : markerSetting.value,
    };
    return { ledger, sheet, ruleParts, owned, before };
  });
}

/**
 * Sync 4, one batch: clear, delete, restore; the summary sheet is deleted last. A failure is undone
 * (`restoreMarks`, the summary's mark, names referring to nothing) so the workbook is as before.
 */
async function commitClearWithUndo(
  context: XlContext,
  features: HostFeatures,
  found: MarksFound,
  plans: readonly SheetClear[],
): Promise<void> {
  const wb = context.workbook;
  const { names, orphans, summary, summaryAddress, supervision, supervisionAddress, history, historyAddress } = found;
  const { markerSetting, combined } = found;
  // Our sheets are deleted last, in this order, the summary the very last: once it is gone, everything
  // before it ran.
  const deleted = [history, ...[...combined].reverse().map((c) => c.sheet), supervision, summary].filter(
    (s): s is SheetRef => s !== null,
  );
  try {
    if (features.pageLayout) context.application.suspendScreenUpdatingUntilNextSync();
    for (const { ledger, sheet, ruleParts, owned } of plans) {
      for (const piece of owned)
        sheet.getRange(rectAddress(piece.rect)).values = piece.values.map((row) => row.map(() => ""));
      if (ledger.originals) queueFills(sheet, ledger.originals);
      for (const { cf } of ruleParts) cf.delete();
    }
    for (const { name } of names) wb.names.getItemOrNullObject(name).delete();
    if (!markerSetting.isNullObject) markerSetting.delete();
    for (const owned of deleted) wb.worksheets.getItem(owned.id).delete();
    await context.sync();
  } catch (error) {
    // Deleting our sheets is the batch's last step: if the last one is gone, Excel ran the whole batch and
    // only the answer was lost — the clear is complete, and undoing it could not bring the sheet back.
    if (await clearCompletedAnyway(context, deleted)) return;
    // Refused whole because a cell is being edited: nothing was cleared, nothing to undo.
    if (refusedInCellEditMode(error)) failWith("cell-edit", HOST_MESSAGES.cellEdit());
    try {
      for (const { ledger, before } of plans) await restoreMarks(context, ledger.sheet.id, before, features);
      if (summaryAddress !== null) await restoreMark(context, MARK_NAMES.summary, summaryAddress);
      if (supervisionAddress !== null) await restoreMark(context, MARK_NAMES.supervision, supervisionAddress);
      for (const { mark, address } of combined) await restoreMark(context, mark, address);
      if (history && historyAddress !== null) await restoreMark(context, MARK_NAMES.history, historyAddress);
      await restoreOrphanNames(context, orphans);
    } catch (undoError) {
      failWith("unknown", HOST_MESSAGES.undoFailed(undoError instanceof Error ? undoError.message : String(undoError)));
    }
    const first = plans[0]?.ledger.sheet.name ?? null;
    throw error instanceof HostErrorCarrier ? error : new HostErrorCarrier(hostErrorFrom(error, first));
  }
}

async function restoreMark(context: XlContext, name: string, address: string): Promise<void> {
  const mark = context.workbook.names.getItemOrNullObject(name);
  mark.load("name");
  await context.sync();
  if (mark.isNullObject) {
    context.workbook.names.add(name, absoluteReference(address));
    await context.sync();
  }
}

/** Puts back, as `=#REF!`, the names of ours that referred to nothing and are gone. Two syncs when there are any. */
async function restoreOrphanNames(context: XlContext, orphans: readonly string[]): Promise<void> {
  if (orphans.length === 0) return;
  const items = orphans.map((name) => {
    const item = context.workbook.names.getItemOrNullObject(name);
    item.load("name");
    return { name, item };
  });
  await context.sync();
  for (const { name, item } of items) if (item.isNullObject) context.workbook.names.add(name, REFERS_TO_NOTHING);
  await context.sync();
}

/** True when the sheet no longer exists; false when it does or when Excel cannot say. */
/**
 * Whether the failed batch is complete after all: the last of our sheets to delete is gone (only the
 * answer was lost), or an earlier one is gone and cannot come back — then the deletes left are done
 * now, completing the clear.
 */
async function clearCompletedAnyway(context: XlContext, deleted: readonly SheetRef[]): Promise<boolean> {
  const last = deleted[deleted.length - 1];
  if (!last) return false;
  if (await sheetIsGone(context, last.id)) return true;
  const gone: boolean[] = [];
  // One sync per sheet, at most two, and only after a failure.

  for (const owned of deleted.slice(0, -1)) gone.push(await sheetIsGone(context, owned.id));
  if (!gone.some(Boolean)) return false;
  deleted.forEach((owned, i) => {
    if (!gone[i]) context.workbook.worksheets.getItem(owned.id).delete();
  });
  await context.sync();
  return true;
}

async function sheetIsGone(context: XlContext, id: string): Promise<boolean> {
  try {
    const sheet = context.workbook.worksheets.getItemOrNullObject(id);
    sheet.load("id");
    await context.sync();
    return sheet.isNullObject;
  } catch {
    return false;
  }
}
