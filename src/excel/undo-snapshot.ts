/**
 * Everything the add-in owns on a ledger sheet, as it was before a write — so a write that fails
 * half-way (Office.js batches are not transactions: the operations before a failure stay applied)
 * can be put back exactly. Used by evaluate and by 清除标记.
 */
import { absoluteReference, rectAddress, sheetAddress, splitAreas, type Rect } from "./address";
import { fillRects, NO_FILL, type FillMap } from "./fills";
import { MARKS_SETTING_KEY } from "./fill-record";
import type {
  XlConditionalFormat,
  XlConditionalFormatCollection,
  XlContext,
  XlLoadable,
  XlNullable,
  XlWorksheet,
} from "./office-api";
import { LIGHT_LABELS, COLOURED_LIGHTS } from "../core/plan/marks-plan";
import type { HostFeatures } from "./features";

/** One of our conditional-format rules: `=$J4="红灯"` with one of the four light fills. */
export interface OwnedRule {
  readonly id: string | null;
  /**
   * The sheet-local address of the areas it applies to (`A3:I4,A6:I8` after a user cut or inserted rows
   * inside it); null when they cannot be read (several areas below ExcelApi 1.9).
   */
  readonly address: string | null;
  readonly formula: string;
  readonly fill: string;
}

const LABELS = COLOURED_LIGHTS.map((light) => LIGHT_LABELS[light]).join("|");
/** `colourRuleFormula` with Office.js's leading `=`; column absolute, row relative. */
export const OWNED_RULE_FORMULA = new RegExp(`^=\\$[A-Z]{1,3}\\d+="(${LABELS})"$`);

export function isOwnedRuleFormula(formula: string): boolean {
  return OWNED_RULE_FORMULA.test(formula);
}

/**
 * Queues the load of every conditional format of a sheet so that ours can be told apart: `type` and,
 * through `customOrNullObject`, a Custom rule's formula. Loading `custom/…` instead fails the whole batch
 * as soon as the sheet holds a rule of another type (a user's data bar, colour scale, icon set…).
 */
export function queueRulesLoad(sheet: XlWorksheet): XlConditionalFormatCollection {
  const rules = sheet.getRange().conditionalFormats;
  rules.load("items/id,items/type,items/customOrNullObject/rule/formula");
  return rules;
}

/** True for one of our rules (after `queueRulesLoad` and a sync); never touches another type's properties. */
export function isOwnedRule(cf: XlConditionalFormat): boolean {
  return (
    cf.type === "Custom" &&
    !cf.customOrNullObject.isNullObject &&
    isOwnedRuleFormula(cf.customOrNullObject.rule.formula)
  );
}

/** A rule's areas, queued for loading: `getRanges()` (1.9), else `getRangeOrNullObject()`, null for several areas. */
export function queueRuleAreas(
  cf: XlConditionalFormat,
  features: HostFeatures,
): XlLoadable & XlNullable & { readonly address: string } {
  const areas = features.rangeAreas ? cf.getRanges() : cf.getRangeOrNullObject();
  areas.load("address");
  return areas;
}

/** The loaded areas' sheet-local address (`A3:I4,A6:I8`), null when Excel could not give them. */
export function ruleAreasAddress(areas: XlNullable & { readonly address: string }): string | null {
  return areas.isNullObject ? null : splitAreas(areas.address).map(localAddress).join(",");
}

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

/** A rule to add: its areas known. */
export type RuleToAdd = Omit<OwnedRule, "id"> & { readonly address: string };

/** Adds one of our rules; one on several areas (read with ExcelApi 1.9) goes back on all of them. */
export function queueAddRule(sheet: XlWorksheet, rule: RuleToAdd): void {
  const target = rule.address.includes(",") ? sheet.getRanges(rule.address) : sheet.getRange(rule.address);
  const cf = target.conditionalFormats.add("Custom");
  cf.custom.rule.formula = rule.formula;
  cf.custom.format.fill.color = rule.fill;
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

/** `Sheet!$K$3` → `K3` on that sheet (a mark name's range address, made sheet-local). */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  return (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "");
}

export { sheetAddress };
