import { FIELD_KEYS, type FieldKey } from "../types";
import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { extensionWithoutApproval } from "./extension-without-approval";

const ALL = FIELD_KEYS;
const without = (...missing: FieldKey[]): FieldKey[] => ALL.filter((field) => !missing.includes(field));

describe("extension-without-approval", () => {
  it.each([
    // original, extended to, reason, approver, document No. → findings
    ["2025-03-31", "2025-06-30", "", "", "", 1],
    ["2025-03-31", "2025-06-30", "资金未到位", "", "", 1],
    ["2025-03-31", "2025-06-30", "", "张局长", "", 1],
    ["2025-03-31", "2025-06-30", "资金未到位", "张局长", "", 0],
    ["2025-03-31", "2025-06-30", "资金未到位", "", "督办〔2025〕3号", 0],
    ["2025-03-31", "", "", "", "", 0], // not extended
    ["2025-03-31", "2025-03-31", "", "", "", 0], // the same date copied over: nothing moved
  ] as const)(
    "deadline %s → %j, reason %j, approver %j, document %j → %i",
    (orig, to, reason, approver, ref, count) => {
      const item = itemFrom({
        cells: {
          deadline: orig,
          extendedDeadline: to,
          extensionReason: reason,
          extensionApprover: approver,
          extensionApprovalRef: ref,
        },
      });
      expect(runRule(extensionWithoutApproval, contextFrom({ items: [item] }))).toHaveLength(count);
    },
  );

  it("points at the first empty cell it names, as a warning, and says what is missing", () => {
    const item = itemFrom({
      row: 9,
      cells: { deadline: "2025-03-31", extendedDeadline: "2025-06-30", extensionReason: "资金未到位" },
    });
    const [finding] = runRule(extensionWithoutApproval, contextFrom({ items: [item] }));
    expect(finding).toEqual(
      expect.objectContaining({ severity: "warning", field: "extensionApprover", cell: "X9", row: 9 }),
    );
    expect(finding?.message.zh).toBe(
      "整改时限已调整为2025-06-30，但未填写延期批准人或批准文号（延期须说明原因并经批准）",
    );
    expect(finding?.message.en).toMatch(/Extension approved by .* or Approval document No\. .* is empty/);
  });

  it("names both when neither reason nor approval is there", () => {
    const item = itemFrom({ cells: { deadline: "2025-03-31", extendedDeadline: "2025-06-30" } });
    const [finding] = runRule(extensionWithoutApproval, contextFrom({ items: [item] }));
    expect(finding?.field).toBe("extensionReason");
    expect(finding?.message.zh).toContain("未填写延期原因和延期批准人或批准文号");
  });

  it("counts a missing reason or approval column as empty, pointing at 调整后时限 when none is there", () => {
    const fields = without("extensionReason", "extensionApprover", "extensionApprovalRef");
    const item = itemFrom({ row: 4, cells: { deadline: "2025-03-31", extendedDeadline: "2025-06-30" } });
    const [finding] = runRule(extensionWithoutApproval, contextFrom({ items: [item], fields }));
    expect(finding).toEqual(expect.objectContaining({ field: "extendedDeadline", cell: "V4" }));
  });

  it("applies only when the ledger has an 调整后时限 column", () => {
    const item = itemFrom({ extended: true, cells: { deadline: "2025-03-31" } });
    expect(
      runRule(extensionWithoutApproval, contextFrom({ items: [item], fields: without("extendedDeadline") })),
    ).toEqual([]);
  });
});
