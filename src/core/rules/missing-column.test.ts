import { FIELD_KEYS, type FieldKey } from "../types";
import { SettingsSchema } from "../settings";
import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { missingColumn } from "./missing-column";

const DEADLINE_FIELDS: FieldKey[] = ["deadline", "originalDeadline", "extendedDeadline"];
/** Every field but `missing`; without `deadline` means without any deadline column (原定/调整后时限 are ones). */
const without = (...missing: FieldKey[]): FieldKey[] =>
  FIELD_KEYS.filter(
    (field) => !missing.includes(field) && !(missing.includes("deadline") && DEADLINE_FIELDS.includes(field)),
  );

describe("missing-column", () => {
  it("is silent when every needed column is there", () => {
    const items = [itemFrom({ status: "closed" })];
    expect(runRule(missingColumn, contextFrom({ items }))).toEqual([]);
  });

  it.each([
    ["description", "error"],
    ["unit", "error"],
    ["owner", "error"],
    ["deadline", "error"],
    ["measures", "warning"],
    ["status", "warning"],
  ] as const)("reports a missing %s column once, as %s, at ledger level", (field, severity) => {
    const items = [itemFrom({ row: 3 }), itemFrom({ row: 4 })];
    const findings = runRule(missingColumn, contextFrom({ items, fields: without(field) }));
    expect(findings).toEqual([
      expect.objectContaining({ rule: "missing-column", severity, row: null, cell: null, field, sheet: "整改台账" }),
    ]);
  });

  it.each<FieldKey>(["originalDeadline", "extendedDeadline"])(
    "takes a %s column for the deadline column (an extension ledger has no 整改时限 of its own)",
    (field) => {
      const fields = [...without("deadline"), field];
      expect(runRule(missingColumn, contextFrom({ items: [itemFrom()], fields }))).toEqual([]);
    },
  );

  it("names the column in both languages", () => {
    const [finding] = runRule(missingColumn, contextFrom({ fields: without("owner") }));
    expect(finding?.message).toEqual({ zh: "台账缺少“责任人”列", en: "The ledger has no Owner (责任人) column" });
  });

  it("wants an evidence column only once an item is closed", () => {
    const open = [itemFrom({ status: "done" }), itemFrom({ status: "in_progress" })];
    expect(runRule(missingColumn, contextFrom({ items: open, fields: without("evidence") }))).toEqual([]);

    const closed = [...open, itemFrom({ status: "closed" })];
    const findings = runRule(missingColumn, contextFrom({ items: closed, fields: without("evidence") }));
    expect(findings).toEqual([expect.objectContaining({ field: "evidence", severity: "warning", row: null })]);
    expect(findings[0]?.message.zh).toContain("已有 1 项销号");
  });

  it("does not ask for columns no rule needs (type, signer, reviewed, seq…)", () => {
    const fields = ["description", "measures", "unit", "owner", "deadline", "status"] as const;
    expect(runRule(missingColumn, contextFrom({ items: [itemFrom()], fields }))).toEqual([]);
  });

  it("reports each missing column, in a fixed order", () => {
    const findings = runRule(missingColumn, contextFrom({ fields: ["seq", "description"] }));
    expect(findings.map((f) => f.field)).toEqual(["measures", "unit", "owner", "deadline", "status"]);
  });

  it("applies a severity set in the settings to every field alike", () => {
    const settings = SettingsSchema.parse({ rules: { "missing-column": "warning" } });
    const findings = runRule(missingColumn, contextFrom({ fields: ["seq", "measures"], settings }));
    expect(new Set(findings.map((f) => f.severity))).toEqual(new Set(["warning"]));
  });
});
