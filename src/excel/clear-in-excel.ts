/**
 * 清除标记: removes exactly what the add-in wrote — the owned columns' cells the mark names record
 * (header through the last item; a user's value above or under them stays), our conditional-format
 * rules (or, below ExcelApi 1.6, the direct fills, restored to the user's originals), the summary
 * sheet, the mark names and the settings marker — and nothing else (SPEC §8: "leaves the workbook
 * exactly as it was before the first evaluation").
 *
 *   sync 1  the marks: names (owned columns, summary), the settings marker, sheet ids
 *   sync 2  the ledger sheet: protection, the owned columns' cells the marks record, our rules
 *   sync 3  our rules' ranges and fills (to put them back if the batch fails); fallback: current fills
 *   sync 4  one batch: clear, delete, restore; the summary sheet is deleted last
 */
import { contains, parseAddress, rectAddress } from "./address";
import { decodeFills, type FillMap } from "./fills";
import type { HostFeatures } from "./features";
import { failWith, HOST_MESSAGES, hostErrorFrom, HostErrorCarrier } from "./host-errors";
import { MARKS_SETTING_KEY, parseMarker } from "./marker";
import {
  isOwnedRuleFormula,
  localAddress,
  queueFills,
  restoreMarks,
  type MarksBefore,
  type OwnedRule,
} from "./marks-state";
import type { XlContext, XlRange } from "./office-api";
import { previousOwnedSpans, spanRect } from "./owned-marks";
import { rectOf } from "./read-ledger";
import { readFillsOf } from "./read-fills";
import { columnLetter } from "../core/grid";
import { MARK_NAMES } from "../core/plan/marks";

/** Syncs of one clear with conditional formats (marks, ledger sheet, rule ranges, the batch). */
export const MAX_SYNCS_PER_CLEAR = 4;

export async function clearMarksInExcel(context: XlContext, features: HostFeatures): Promise<void> {
  const wb = context.workbook;
  wb.worksheets.load("items/name,items/id");
  const nameRanges = [MARK_NAMES.statusColumn, MARK_NAMES.opinionColumn, MARK_NAMES.summary].map((name) => {
    const range = wb.names.getItemOrNullObject(name).getRangeOrNullObject();
    range.load("address");
    return range;
  });
  const markerSetting = wb.settings.getItemOrNullObject(MARKS_SETTING_KEY);
  markerSetting.load("value");
  if (features.readOnlyFlag) wb.load("readOnly");
  await context.sync();
  // Like evaluate and the summary: a read-only workbook is refused before anything is queued.
  if (features.readOnlyFlag && wb.readOnly) failWith("read-only", HOST_MESSAGES.readOnly());

  const addressOf = (range: XlRange | undefined): string | null =>
    range && !range.isNullObject ? range.address : null;
  const statusAddress = addressOf(nameRanges[0]);
  const opinionAddress = addressOf(nameRanges[1]);
  const summaryAddress = addressOf(nameRanges[2]);
  const marker = markerSetting.isNullObject ? null : parseMarker(markerSetting.value);
  const sheets = wb.worksheets.items.map((s) => ({ name: s.name, id: s.id }));
  // [status, opinion], null where absent.
  const columnMarks = [statusAddress, opinionAddress].map((a) => (a === null ? null : parseAddress(a)));
  const ledgerName = (columnMarks[0] ?? columnMarks[1])?.sheet ?? null;
  const ledger =
    sheets.find((s) => ledgerName !== null && s.name.toLowerCase() === ledgerName.toLowerCase()) ??
    sheets.find((s) => marker !== null && s.id === marker.sheetId) ??
    null;
  const summaryName = summaryAddress !== null ? (parseAddress(summaryAddress)?.sheet ?? null) : null;
  const summary =
    sheets.find((s) => summaryName !== null && s.name.toLowerCase() === summaryName.toLowerCase()) ?? null;
  if (!ledger && !summary && markerSetting.isNullObject) return;

  // sync 2: the ledger sheet's owned cells and rules.
  const sheet = ledger ? wb.worksheets.getItem(ledger.id) : null;
  sheet?.protection.load("protected");
  // A mark naming the written rows is loaded as it is; one on the header cell alone (an earlier
  // version's) with its column down to the used range's bottom, to infer its rows (owned-marks.ts).
  const ownedMarks = columnMarks.map((m) =>
    m && ledger && m.sheet?.toLowerCase() === ledger.name.toLowerCase() ? m.rect : null,
  );
  const columnRanges = sheet
    ? ownedMarks.map((mark) => {
        if (!mark) return null;
        const col = columnLetter(mark.left);
        const range =
          mark.top !== mark.bottom
            ? sheet.getRange(rectAddress(mark))
            : sheet.getRange(`${col}${mark.top}:${columnLetter(mark.right)}1048576`).getUsedRangeOrNullObject(true);
        range.load("address,values");
        return range;
      })
    : [];
  const rules = sheet && features.conditionalFormats ? sheet.getRange().conditionalFormats : null;
  rules?.load("items/id,items/type,items/custom/rule/formula");
  await context.sync();
  if (sheet?.protection.protected) failWith("protected", HOST_MESSAGES.protected(ledger?.name ?? null));

  // sync 3: our rules' ranges; the current fills of what the fallback coloured.
  const ours = (rules?.items ?? []).filter((cf) => cf.type === "Custom" && isOwnedRuleFormula(cf.custom.rule.formula));
  const ruleParts = ours.map((cf) => {
    const range = cf.getRange();
    range.load("address");
    cf.custom.format.fill.load("color");
    return { cf, range };
  });
  const originals: FillMap | null =
    sheet && marker && marker.sheetId === ledger?.id ? decodeFills(marker.originalFills) : null;
  let currentFills: FillMap | null = null;
  if (sheet && originals) currentFills = await readFillsOf(context, sheet, originals.keys());
  else if (ruleParts.length) await context.sync();
  const oldRules: OwnedRule[] = ruleParts.map(({ cf, range }) => ({
    id: cf.id,
    address: localAddress(range.address),
    formula: cf.custom.rule.formula,
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
    { status: ownedMarks[0] ?? null, opinion: ownedMarks[1] ?? null },
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
    names: { status: statusAddress, opinion: opinionAddress },
    rules: oldRules,
    fills: currentFills,
    marker: markerSetting.isNullObject ? null : markerSetting.value,
  };
  try {
    if (features.pageLayout) context.application.suspendScreenUpdatingUntilNextSync();
    if (sheet) {
      for (const piece of owned)
        sheet.getRange(rectAddress(piece.rect)).values = piece.values.map((row) => row.map(() => ""));
      if (originals) queueFills(sheet, originals);
      for (const { cf } of ruleParts) cf.delete();
    }
    if (statusAddress !== null) wb.names.getItemOrNullObject(MARK_NAMES.statusColumn).delete();
    if (opinionAddress !== null) wb.names.getItemOrNullObject(MARK_NAMES.opinionColumn).delete();
    if (!markerSetting.isNullObject) markerSetting.delete();
    if (summaryAddress !== null) wb.names.getItemOrNullObject(MARK_NAMES.summary).delete();
    if (summary) wb.worksheets.getItem(summary.id).delete();
    await context.sync();
  } catch (error) {
    // Deleting the summary sheet is the batch's last step: if it is gone, Excel ran the whole batch and
    // only the answer was lost — the clear is complete, and undoing it could not bring the sheet back.
    if (summary && (await sheetIsGone(context, summary.id))) return;
    try {
      if (ledger) await restoreMarks(context, ledger.id, before, features);
      if (summary && summaryAddress !== null) await restoreSummaryMark(context, summaryAddress);
    } catch (undoError) {
      failWith("unknown", HOST_MESSAGES.undoFailed(undoError instanceof Error ? undoError.message : String(undoError)));
    }
    throw error instanceof HostErrorCarrier ? error : new HostErrorCarrier(hostErrorFrom(error, ledger?.name ?? null));
  }
}

async function restoreSummaryMark(context: XlContext, address: string): Promise<void> {
  const mark = context.workbook.names.getItemOrNullObject(MARK_NAMES.summary);
  mark.load("name");
  await context.sync();
  if (mark.isNullObject) {
    context.workbook.names.add(MARK_NAMES.summary, `=${address}`);
    await context.sync();
  }
}

/** True when the sheet no longer exists; false when it does or when Excel cannot say. */
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
