import { DEFAULT_SETTINGS, SettingsSchema } from "../core/settings";
import { defaultSeverity, fromForm, toForm } from "./settings-form";
import { pickThemeName, luminance } from "./theme";

describe("settings form", () => {
  it("shows the defaults as a person would type them (rates as percentages, blank inputs)", () => {
    const form = toForm(DEFAULT_SETTINGS);
    expect(form.yellowAfterDays).toBe("14");
    expect(form.redAfterMonths).toBe("1");
    expect(form.escalateAfterReds).toBe("2");
    expect(form.targets).toEqual({
      institutionRevisions: "5",
      rotationRate: "80",
      closeRate: "95",
      surveyScore: "90",
      auditDrop: "30",
    });
    expect(form.inputs.rotationDue).toBe("");
    expect(form.rules["required-field"]).toBe("error");
    expect(form.rules["vague-measures"]).toBe("warning");
    expect(form.surveySheet).toBe("");
  });

  it("round-trips the defaults unchanged", () => {
    expect(fromForm(toForm(DEFAULT_SETTINGS), DEFAULT_SETTINGS)).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  it("stores only the rules changed from their default, percentages as fractions, blanks as null", () => {
    const base = SettingsSchema.parse({ mapping: { headerRow: 3, columns: { owner: "E" } } });
    const form = toForm(base);
    form.rules["vague-measures"] = "off";
    form.rules["duplicate-seq"] = "error"; // its default: not stored
    form.targets.closeRate = "90%";
    form.inputs.rotationDue = "10";
    form.inputs.rotationDone = " 8 ";
    form.surveySheet = "满意度调查";
    const result = fromForm(form, base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.rules).toEqual({ "vague-measures": "off" });
    expect(result.settings.targets.closeRate).toBeCloseTo(0.9);
    expect(result.settings.indicatorInputs).toMatchObject({ rotationDue: 10, rotationDone: 8, auditLastYear: null });
    expect(result.settings.surveySheet).toBe("满意度调查");
    expect(result.settings.mapping).toEqual(base.mapping); // what the form does not show is kept
  });

  it("reports unreadable, blank or out-of-range numbers by form field, in both languages, in form order", () => {
    const form = toForm(DEFAULT_SETTINGS);
    form.yellowAfterDays = "0";
    form.redAfterMonths = "";
    form.escalateAfterReds = "1";
    form.targets.closeRate = "150";
    form.targets.surveyScore = "";
    form.inputs.auditLastYear = "many";
    form.inputs.rotationDue = ""; // blank: "not given", not a problem
    const result = fromForm(form, DEFAULT_SETTINGS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { field: "yellowAfterDays", message: { zh: "不能小于 1。", en: "Must be at least 1." } },
      { field: "redAfterMonths", message: { zh: "请填写一个数字。", en: "Enter a number." } },
      { field: "escalateAfterReds", message: { zh: "不能小于 2。", en: "Must be at least 2." } },
      { field: "targets.closeRate", message: { zh: "不能大于 100%。", en: "Must be at most 100%." } },
      { field: "targets.surveyScore", message: { zh: "请填写一个数字。", en: "Enter a number." } },
      { field: "inputs.auditLastYear", message: { zh: "“many”不是数字。", en: '"many" is not a number.' } },
    ]);
    expect(JSON.stringify(result.problems)).not.toMatch(/Invalid input|Too big|expected/);
  });

  it("asks for a whole number of days and reads full-width digits", () => {
    const form = toForm(DEFAULT_SETTINGS);
    form.yellowAfterDays = "7.5";
    form.redAfterMonths = "２";
    const result = fromForm(form, DEFAULT_SETTINGS);
    expect(result).toEqual({
      ok: false,
      problems: [{ field: "yellowAfterDays", message: { zh: "请填写整数。", en: "Enter a whole number." } }],
    });
  });

  it("knows each rule's default severity, the survey's included", () => {
    expect(defaultSeverity("missing-column")).toBe("error");
    expect(defaultSeverity("review-overdue")).toBe("warning");
    expect(defaultSeverity("survey-unknown-answer")).toBe("warning");
  });
});

describe("theme", () => {
  it.each([
    [{ bodyBackgroundColor: "#FFFFFF" }, false, "light"],
    [{ bodyBackgroundColor: "#262626" }, false, "dark"], // Office Dark Gray
    [{ bodyBackgroundColor: "#000000" }, false, "dark"], // Office Black
    [{ isDarkTheme: true }, false, "dark"],
    [{ bodyBackgroundColor: "#E6E6E6" }, false, "light"], // Office Colorful
    [null, false, "light"],
    [{ bodyBackgroundColor: "not a colour" }, false, "light"],
    [{ bodyBackgroundColor: "#FFFFFF" }, true, "highContrast"],
  ] as const)("Office theme %p, forced colours %p → %p", (officeTheme, forced, name) => {
    expect(pickThemeName(officeTheme, forced)).toBe(name);
  });

  it("computes relative luminance", () => {
    expect(luminance("#000000")).toBe(0);
    expect(luminance("#FFFFFF")).toBeCloseTo(1);
    expect(luminance("#262626")).toBeLessThan(0.05);
    expect(luminance("red")).toBeNull();
  });
});

describe("临期 and 督办单 days", () => {
  it("shows dueSoonDays and feedbackDays, reads them back, and reports bad ones beside their fields", () => {
    const form = toForm(DEFAULT_SETTINGS);
    expect(form.supervision).toEqual({ dueSoonDays: "7", feedbackDays: "7" });
    form.supervision.dueSoonDays = "10";
    form.supervision.feedbackDays = "３";
    const read = fromForm(form, DEFAULT_SETTINGS);
    expect(read.ok && [read.settings.dueSoonDays, read.settings.feedbackDays]).toEqual([10, 3]);
    form.supervision.dueSoonDays = "2.5";
    form.supervision.feedbackDays = "0";
    const bad = fromForm(form, DEFAULT_SETTINGS);
    expect(bad).toEqual({
      ok: false,
      problems: [
        { field: "dueSoonDays", message: { zh: "请填写整数。", en: "Enter a whole number." } },
        { field: "feedbackDays", message: { zh: "不能小于 1。", en: "Must be at least 1." } },
      ],
    });
  });
});
