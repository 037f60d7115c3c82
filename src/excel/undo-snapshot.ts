/**
 * Everything the add-in owns on a ledger sheet, as it was before a write — so a write that fails
 * half-way (Office.js batches are not transactions: the operations before a failure stay applied)
 * can be put back exactly. Used by evaluate and by 清除标记.
 */
import { absoluteReference, rectAddress, type Rect } from "./address";
import { fillRects, NO_FILL, type FillMap } from "./fills";
import { MARKS_SETTING_KEY } from "./fill-record";
import type { XlContext, XlWorksheet } from "./office-api";
import type { HostFeatures } from "./features";
import { isOwnedRule, queueAddRule, queueRulesLoad, type OwnedRule } from "./owned-rules";

export interface MarksBefore {
  /** The rectangles of the owned columns that the write touches, with their values before. */
  readonly owned: readonly { readonly rect: Rect; readonly values: unknown[][] }[];
  /** The full address (`'台账'!K3`) each mark name referred to before (null = absent, `REFERS_TO_NOTHING` = `#REF!`). */
  readonly names: { readonly status: string | null; readonly opinion: string | null };
  /** The sheet's pair of column mark names (`columnMarkNames`); null when no names mark it (only a fill record). */
  readonly markNames: { readonly status: string; readonly opinion: string } | null;
  /** Our rules before (empty without ExcelApi 1.6). */
  readonly rules: readonly OwnedRule[];
  /**
   * The ids of every rule on the sheet before a write that adds rules (null otherwise): a rule the
   * write added is removed even when the failure came before its formula was set (a half-made rule).
   */
  readonly ruleIdsBefore: readonly string[] | null;
  /** Fills of every cell the write may change (fallback path), before. */
  readonly fills: FillMap | null;
  /** The settings marker before (raw), null = absent. */
  readonly marker: unknown;
}

/** Applies fills from a map: one operation per colour rectangle. */
export function queueFills(sheet: XlWorksheet, fills: FillMap): void {
  for (const [colour, rects] of fillRects(fills)) {
    for (const rect of rects) {
      const fill = sheet.getRange(rectAddress(rect)).format.fill;
      if (colour === NO_FILL) fill.clear();
      else fill.color = colour;
    }
  }
}

/**
 * Puts the sheet's owned things back to `before`, in two syncs: look at what is there now, then
 * restore. Throws when Excel refuses (the caller reports that the workbook may be partly written).
 */
export async function restoreMarks(
  context: XlContext,
  sheetId: string,
  before: MarksBefore,
  features: HostFeatures,
): Promise<void> {
  const wb = context.workbook;
  const sheet = wb.worksheets.getItem(sheetId);
  sheet.load("name");
  const { markNames } = before;
  const names = markNames
    ? [
        { name: markNames.status, address: before.names.status },
        { name: markNames.opinion, address: before.names.opinion },
      ].map((n) => ({ ...n, item: wb.names.getItemOrNullObject(n.name) }))
    : [];
  for (const { item } of names) item.load("name");
  const marker = wb.settings.getItemOrNullObject(MARKS_SETTING_KEY);
  marker.load("value");
  const rules = features.conditionalFormats ? queueRulesLoad(sheet) : null;
  await context.sync();

  for (const piece of before.owned) sheet.getRange(rectAddress(piece.rect)).values = piece.values;
  if (before.fills) queueFills(sheet, before.fills);
  if (rules) {
    // Delete every rule of ours and add the old ones back in their order, so even their priority
    // among themselves is as before.
    const existedBefore = before.ruleIdsBefore === null ? null : new Set(before.ruleIdsBefore);
    for (const cf of rules.items) {
      if (isOwnedRule(cf) || (existedBefore !== null && !existedBefore.has(cf.id))) cf.delete();
    }
    for (const rule of before.rules) if (rule.address !== null) queueAddRule(sheet, { ...rule, address: rule.address });
  }
  for (const { name, address, item } of names) {
    if (!item.isNullObject) item.delete();
    if (address !== null) wb.names.add(name, absoluteReference(address));
  }
  if (before.marker !== null) wb.settings.add(MARKS_SETTING_KEY, before.marker);
  else if (!marker.isNullObject) marker.delete();
  await context.sync();
  // Below ExcelApi 1.9 a rule on several areas could not be read, so it cannot be put back: say so
  // rather than report the workbook unchanged.
  if (rules && before.rules.some((rule) => rule.address === null))
    throw new Error("a colour rule on several areas could not be put back (it needs ExcelApi 1.9 to be read)");
}
