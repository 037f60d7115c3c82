import fc from "fast-check";
import { FIELD_KEYS, RULE_IDS, type FieldKey, type Finding, type ItemType, type RuleId, type Status } from "../types";
import { SettingsSchema, type Settings } from "../settings";
import { contextFrom, itemFrom, lastPeriodRecord, type ContextSpec } from "../../../test/support/item-factory";
import {
  findingCellLabel,
  findingsByRow,
  RULES,
  RULES_REPORTED_ELSEWHERE,
  ruleById,
  runRule,
  runRules,
  sortFindings,
} from "./index";
import type { RuleContext } from "./rule";

type LedgerRuleId = Exclude<RuleId, "survey-unknown-answer">;

/** For every ledger rule, a ledger on which it fires. */
const FIRES_ON: Readonly<Record<LedgerRuleId, ContextSpec>> = {
  "missing-column": { fields: ["seq", "description"] },
  "required-field": { items: [itemFrom({ cells: { owner: "" } })] },
  "invalid-date": { items: [itemFrom({ cells: { deadline: "3月底" } })] },
  "done-without-date": { items: [itemFrom({ status: "done", cells: { completed: "" } })] },
  "completed-in-future": { items: [itemFrom({ cells: { completed: "2099-01-01" } })] },
  "completed-before-assigned": { items: [itemFrom({ cells: { assigned: "2025-02-01", completed: "2025-01-01" } })] },
  "deadline-before-assigned": { items: [itemFrom({ cells: { assigned: "2025-02-01", deadline: "2025-01-01" } })] },
  "deadline-type-mismatch": {
    items: [itemFrom({ type: "immediate", cells: { assigned: "2025-01-01", deadline: "2025-03-01" } })],
  },
  "closed-not-done": { items: [itemFrom({ status: "closed", closedByColumn: true, statusColumn: "in_progress" })] },
  "closed-without-evidence": { items: [itemFrom({ status: "closed", cells: { evidence: "" } })] },
  "closed-without-signer": { items: [itemFrom({ status: "closed", cells: { signer: "" } })] },
  "vague-measures": { items: [itemFrom({ cells: { measures: "加强管理，提高意识" } })] },
  "owner-not-person": { items: [itemFrom({ cells: { owner: "相关人员" } })] },
  "duplicate-seq": { items: [itemFrom({ row: 3, seq: "1" }), itemFrom({ row: 4, seq: "1" })] },
  "unknown-status": { items: [itemFrom({ status: "unknown", statusColumn: "unknown", cells: { status: "？" } })] },
  "unknown-type": { items: [itemFrom({ typeUnknown: true, cells: { type: "马上改" } })] },
  "review-overdue": { items: [itemFrom({ type: "long_term", cells: { reviewed: "2020-01-01" } })] },
  "extension-without-approval": {
    items: [itemFrom({ cells: { deadline: "2025-03-31", extendedDeadline: "2025-06-30", extensionReason: "" } })],
  },
  "copied-evidence": {
    items: [
      itemFrom({ row: 3, status: "closed", cells: { evidence: "党委会会议纪要及整改报告" } }),
      itemFrom({ row: 4, status: "closed", cells: { evidence: "党委会会议纪要及整改报告" } }),
    ],
  },
  "deadline-moved": {
    items: [itemFrom({ row: 5, cells: { deadline: "2025-04-30" } })],
    lastPeriod: new Map([[5, lastPeriodRecord({ deadline: "2025-03-10" })]]),
  },
};

const LEDGER_RULE_IDS = RULE_IDS.filter((id): id is LedgerRuleId => id !== "survey-unknown-answer");
const withRules = (rules: Settings["rules"]): Settings => SettingsSchema.parse({ rules });
const hasHan = (text: string) => /\p{Script=Han}/u.test(text);
const hasLatin = (text: string) => /[A-Za-z]{3}/.test(text);

describe("the rule registry", () => {
  it("holds every ledger rule once, and leaves survey-unknown-answer to the survey", () => {
    expect(RULES.map((rule) => rule.meta.id).sort()).toEqual([...LEDGER_RULE_IDS].sort());
    expect(RULES_REPORTED_ELSEWHERE).toEqual(["survey-unknown-answer"]);
    expect(ruleById("survey-unknown-answer")).toBeUndefined();
    expect(ruleById("vague-measures")?.meta.id).toBe("vague-measures");
  });

  it.each(LEDGER_RULE_IDS)("%s describes itself in both languages and lists the fields it reads", (id) => {
    const meta = ruleById(id)?.meta;
    expect(meta).toBeDefined();
    expect(hasHan(meta?.description.zh ?? "")).toBe(true);
    expect(hasLatin(meta?.description.en ?? "")).toBe(true);
    expect(meta?.fields.length).toBeGreaterThan(0);
    for (const field of meta?.fields ?? []) expect(FIELD_KEYS).toContain(field);
  });

  it.each(LEDGER_RULE_IDS)("%s quotes a line of the seed article", (id) => {
    const seed = ruleById(id)?.meta.seed ?? "";
    expect(hasHan(seed)).toBe(true);
  });

  it.each(LEDGER_RULE_IDS)("%s fires on its example with a message in both languages", (id) => {
    const findings = runRules(contextFrom(FIRES_ON[id])).filter((finding) => finding.rule === id);
    expect(findings.length).toBeGreaterThan(0);
    for (const { message } of findings) {
      expect(hasHan(message.zh)).toBe(true);
      expect(hasLatin(message.en)).toBe(true);
      // Findings are joined with ； in the 评估意见 column, so a message holds none and does not end a sentence.
      expect(message.zh).not.toMatch(/[；;]|。$/);
    }
  });
});

describe("runRules", () => {
  it("turns a rule off with the setting 'off'", () => {
    for (const id of LEDGER_RULE_IDS) {
      const ctx = { ...contextFrom(FIRES_ON[id]), settings: withRules({ [id]: "off" }) };
      expect(runRules(ctx).filter((finding) => finding.rule === id)).toEqual([]);
    }
  });

  it.each([
    ["required-field", "warning"],
    ["vague-measures", "error"],
    ["missing-column", "warning"],
  ] as const)("overrides the severity of %s to %s", (id, severity) => {
    const ctx = { ...contextFrom(FIRES_ON[id]), settings: withRules({ [id]: severity }) };
    const findings = runRules(ctx).filter((finding) => finding.rule === id);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.severity === severity)).toBe(true);
  });

  it("keeps the defaults of SPEC §5 without settings", () => {
    const severities = Object.fromEntries(RULES.map((rule) => [rule.meta.id, rule.meta.defaultSeverity]));
    expect(severities).toEqual({
      "missing-column": "error",
      "required-field": "error",
      "invalid-date": "error",
      "done-without-date": "warning",
      "completed-in-future": "error",
      "completed-before-assigned": "error",
      "deadline-before-assigned": "error",
      "deadline-type-mismatch": "warning",
      "closed-not-done": "error",
      "closed-without-evidence": "error",
      "closed-without-signer": "warning",
      "vague-measures": "warning",
      "owner-not-person": "warning",
      "duplicate-seq": "error",
      "unknown-status": "warning",
      "unknown-type": "warning",
      "review-overdue": "warning",
      "extension-without-approval": "warning",
      "copied-evidence": "warning",
      "deadline-moved": "warning",
    });
  });

  it("stamps the ledger's sheet on every finding", () => {
    const ctx: RuleContext = {
      ...contextFrom(FIRES_ON["required-field"]),
      layout: { ...contextFrom().layout, sheet: "台账" },
    };
    expect(runRules(ctx).every((finding) => finding.sheet === "台账")).toBe(true);
  });

  it("sorts ledger-level findings first, then by row, then by column", () => {
    const items = [
      itemFrom({ row: 9, cells: { owner: "相关人员", measures: "加强管理" } }),
      itemFrom({ row: 4, cells: { deadline: "尽快", description: "" } }),
    ];
    const findings = runRules(contextFrom({ items, fields: FIELD_KEYS.filter((field) => field !== "unit") }));
    expect(findings.map((finding) => [finding.row, finding.cell, finding.rule])).toEqual([
      [null, null, "missing-column"],
      [4, "D4", "required-field"],
      [4, "E4", "required-field"],
      [4, "I4", "required-field"],
      [4, "K4", "invalid-date"],
      [9, "D9", "required-field"],
      [9, "E9", "vague-measures"],
      [9, "I9", "owner-not-person"],
      [9, "K9", "required-field"],
    ]);
  });

  it("sorts two-letter columns after one-letter ones", () => {
    const finding = (cell: string | null, row: number | null): Finding => ({
      rule: "required-field",
      severity: "error",
      row,
      cell,
      field: null,
      message: { zh: "x", en: "x" },
      sheet: "s",
    });
    const sorted = sortFindings([
      finding("AA3", 3),
      finding("Z3", 3),
      finding(null, 3),
      finding("B2", 2),
      finding(null, null),
    ]);
    expect(sorted.map((f) => f.cell)).toEqual([null, "B2", null, "Z3", "AA3"]);
  });

  it("runs a single rule with runRule, honouring 'off'", () => {
    const rule = ruleById("owner-not-person");
    if (!rule) throw new Error("owner-not-person is registered");
    const ctx = contextFrom(FIRES_ON["owner-not-person"]);
    expect(runRule(rule, ctx)).toHaveLength(1);
    expect(runRule(rule, { ...ctx, settings: withRules({ "owner-not-person": "off" }) })).toEqual([]);
  });

  it("never throws on odd items", () => {
    const statuses: Status[] = ["closed", "done", "in_progress", "not_started", "ongoing", "unknown"];
    const types: (ItemType | null)[] = ["immediate", "time_limited", "long_term", null];
    const isoDate = fc
      .date({ min: new Date(1900, 0, 1), max: new Date(9999, 11, 31), noInvalidDate: true })
      .map(
        (d) =>
          `${String(d.getFullYear()).padStart(4, "0")}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`,
      );
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: "grapheme" }),
      fc.constantFrom("", " ", "加强", "1、2", "和及", "《》", "%"),
    );
    const cells = fc.dictionary(fc.constantFrom(...FIELD_KEYS), text) as fc.Arbitrary<
      Partial<Record<FieldKey, string>>
    >;
    const item = fc.record({
      row: fc.integer({ min: 1, max: 1_048_576 }),
      cells,
      status: fc.constantFrom(...statuses),
      statusColumn: fc.constantFrom(...statuses, null),
      closedByColumn: fc.boolean(),
      type: fc.constantFrom(...types),
      typeUnknown: fc.boolean(),
      ongoing: fc.boolean(),
      seq: fc.option(text, { nil: null }),
      assignedDate: fc.option(isoDate, { nil: undefined }),
      deadlineDate: fc.option(isoDate, { nil: null }),
    });
    const settings = fc.record({
      reviewAfterMonths: fc.integer({ min: 1, max: 36 }),
      immediateMaxDays: fc.integer({ min: 0, max: 366 }),
      longTermMinMonths: fc.integer({ min: 0, max: 120 }),
    });
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 8 }),
        fc.subarray([...FIELD_KEYS]),
        isoDate,
        settings,
        (specs, fields, today, overrides) => {
          const items = specs.map(({ assignedDate, deadlineDate, ...spec }) =>
            itemFrom({
              ...spec,
              ...(assignedDate ? { assigned: { kind: "date" as const, date: assignedDate } } : {}),
              deadline: { date: deadlineDate, ongoing: spec.ongoing, invalid: false, text: spec.cells.deadline ?? "" },
            }),
          );
          const findings = runRules({
            ...contextFrom({ items, fields, today }),
            settings: SettingsSchema.parse(overrides),
          });
          for (const finding of findings) {
            expect(RULE_IDS).toContain(finding.rule);
            expect(finding.message.zh.length).toBeGreaterThan(0);
            expect(finding.message.en.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("findingsByRow", () => {
  it("groups item findings by row in order and leaves ledger-level ones out", () => {
    const items = [
      itemFrom({ row: 7, cells: { owner: "", deadline: "" } }),
      itemFrom({ row: 3, cells: { owner: "" } }),
    ];
    const byRow = findingsByRow(runRules(contextFrom({ items, fields: ["description", "owner", "deadline"] })));
    expect([...byRow.keys()]).toEqual([3, 7]);
    expect(byRow.get(7)?.map((finding) => finding.cell)).toEqual(["D7", "I7", "K7"]);
    expect(byRow.get(3)?.map((finding) => finding.cell)).toEqual(["D3", "I3", "K3"]);
  });
});

describe("findingCellLabel", () => {
  const finding = (sheet: string, cell: string | null): Finding => ({
    rule: "required-field",
    severity: "error",
    row: cell === null ? null : 7,
    cell,
    field: "owner",
    message: { zh: "", en: "" },
    sheet,
  });
  it.each<[Finding, string | null]>([
    [finding("整改台账", "H7"), "H7"],
    [finding("满意度测评", "D14"), "满意度测评!D14"],
    [finding("整改台账", null), null],
  ])("%j → %s", (f, label) => expect(findingCellLabel(f, "整改台账")).toBe(label));
});
