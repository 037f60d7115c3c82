import * as real from "../core/settings";
import { RULE_IDS } from "../core/types";
import * as lite from "./settings-without-zod";

describe("the CLI's zod-free settings", () => {
  it("has the defaults SettingsSchema.parse({}) gives", () => {
    expect(lite.DEFAULT_SETTINGS).toStrictEqual(real.DEFAULT_SETTINGS);
    expect(lite.DEFAULT_SURVEY_POINTS).toStrictEqual(real.DEFAULT_SURVEY_POINTS);
  });

  it("exports every value settings.ts exports, except zod's schemas and the parser", () => {
    const zodOnly = new Set(["ColumnMappingSchema", "CustomIndicatorSchema", "SettingsSchema", "parseSettings"]);
    const needed = Object.keys(real).filter((name) => !zodOnly.has(name));
    expect(Object.keys(lite).sort()).toEqual(needed.sort());
  });

  it("resolves severities as settings.ts does", () => {
    const overridden = real.parseSettings({ rules: { [RULE_IDS[0]]: "off", [RULE_IDS[1]]: "error" } });
    if (!overridden.ok) throw new Error("bad test settings");
    for (const settings of [real.DEFAULT_SETTINGS, overridden.settings])
      for (const rule of RULE_IDS)
        for (const fallback of ["error", "warning"] as const)
          expect(lite.resolveSeverity(rule, fallback, settings)).toBe(real.resolveSeverity(rule, fallback, settings));
  });
});
