/**
 * Our conditional-format rules — the light colours, `=$J4="红灯"` with one of the four light fills:
 * telling them apart from a user's rules, reading the areas they cover, adding one back.
 */
import { localAddress, splitAreas } from "./address";
import type {
  XlConditionalFormat,
  XlConditionalFormatCollection,
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

/** A rule to add: its areas known. */
export type RuleToAdd = Omit<OwnedRule, "id"> & { readonly address: string };

/** Adds one of our rules; one on several areas (read with ExcelApi 1.9) goes back on all of them. */
export function queueAddRule(sheet: XlWorksheet, rule: RuleToAdd): void {
  const target = rule.address.includes(",") ? sheet.getRanges(rule.address) : sheet.getRange(rule.address);
  const cf = target.conditionalFormats.add("Custom");
  cf.custom.rule.formula = rule.formula;
  cf.custom.format.fill.color = rule.fill;
}
