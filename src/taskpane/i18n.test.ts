import { DICTIONARIES, format, pickLanguage, RULE_TITLES, translate } from "./i18n";
import { RULE_IDS } from "../core/types";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("pane strings", () => {
  it("has the same keys in Chinese and English, none empty", () => {
    expect(Object.keys(DICTIONARIES.en).sort()).toEqual(Object.keys(DICTIONARIES.zh).sort());
    for (const dict of Object.values(DICTIONARIES))
      for (const text of Object.values(dict)) expect(text.trim()).not.toBe("");
  });

  it("uses the same placeholders in both languages", () => {
    for (const key of Object.keys(DICTIONARIES.zh) as (keyof typeof DICTIONARIES.zh)[]) {
      expect([key, placeholders(DICTIONARIES.en[key])]).toEqual([key, placeholders(DICTIONARIES.zh[key])]);
    }
  });

  it("names every rule in both languages", () => {
    for (const rule of RULE_IDS) {
      expect(RULE_TITLES[rule].zh).toMatch(/\p{Script=Han}/u);
      expect(RULE_TITLES[rule].en).toMatch(/^[A-Z]/);
    }
  });

  it("fills placeholders and leaves an unknown one visible", () => {
    expect(format("第 {row} 行：{texts}", { row: 3, texts: "序号" })).toBe("第 3 行：序号");
    expect(format("{missing} 项")).toBe("{missing} 项");
    expect(translate("zh", "headerRowIs", { row: 2 })).toBe("表头在第 2 行");
    expect(translate("en", "headerRowIs", { row: 2 })).toBe("Header on row 2");
  });

  it.each([
    ["zh-CN", "zh"],
    ["zh-TW", "zh"],
    ["en-US", "en"],
    ["en-GB", "en"],
    ["EN-us", "en"],
    ["fr-FR", "zh"],
    ["", "zh"],
    [undefined, "zh"],
  ] as const)("picks %p → %p", (display, lang) => {
    expect(pickLanguage(display)).toBe(lang);
  });
});
