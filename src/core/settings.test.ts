import { DEFAULT_SETTINGS, parseSettings, resolveSeverity } from "./settings";

test("defaults are the seed's numbers", () => {
  expect(DEFAULT_SETTINGS.yellowAfterDays).toBe(14);
  expect(DEFAULT_SETTINGS.redAfterMonths).toBe(1);
  expect(DEFAULT_SETTINGS.reviewAfterMonths).toBe(3);
  expect(DEFAULT_SETTINGS.dueSoonDays).toBe(7);
  expect(DEFAULT_SETTINGS.feedbackDays).toBe(7);
  expect(DEFAULT_SETTINGS.targets).toEqual({
    institutionRevisions: 5,
    rotationRate: 0.8,
    closeRate: 0.95,
    surveyScore: 90,
    auditDrop: 0.3,
  });
  expect(DEFAULT_SETTINGS.surveyPoints["five-a"]["非常满意"]).toBe(100);
});

test("partial input keeps the other defaults; column letters are upper-cased", () => {
  const parsed = parseSettings({ yellowAfterDays: 7, mapping: { columns: { owner: "h", evidence: null } } });
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  expect(parsed.settings.yellowAfterDays).toBe(7);
  expect(parsed.settings.redAfterMonths).toBe(1);
  expect(parsed.settings.mapping.columns).toEqual({ owner: "H", evidence: null });
  expect(parsed.settings.mapping.headerRow).toBeNull();
});

test.each([
  [{ yellowAfterDays: -1 }, "yellowAfterDays"],
  [{ rules: { "no-such-rule": "off" } }, "rules"],
  [{ rules: { "vague-measures": "loud" } }, "rules.vague-measures"],
  [{ mapping: { columns: { owner: "H7" } } }, "mapping.columns.owner"],
  [{ targets: { closeRate: 1.5 } }, "targets.closeRate"],
  [{ dueSoonDays: 1.5 }, "dueSoonDays"],
  [{ feedbackDays: 0 }, "feedbackDays"],
])("rejects %j, naming %s", (input, path) => {
  const parsed = parseSettings(input);
  expect(parsed.ok).toBe(false);
  if (parsed.ok) return;
  expect(parsed.problems.join("\n")).toContain(path);
});

test("null and undefined mean defaults", () => {
  expect(parseSettings(null)).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  expect(parseSettings(undefined)).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
});

test("resolveSeverity: settings override the rule's default", () => {
  const parsed = parseSettings({ rules: { "vague-measures": "off", "owner-not-person": "error" } });
  if (!parsed.ok) throw new Error("settings should parse");
  expect(resolveSeverity("vague-measures", "warning", parsed.settings)).toBe("off");
  expect(resolveSeverity("owner-not-person", "warning", parsed.settings)).toBe("error");
  expect(resolveSeverity("required-field", "error", parsed.settings)).toBe("error");
});
