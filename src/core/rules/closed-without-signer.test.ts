import { FIELD_KEYS, type Status } from "../types";
import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { closedWithoutSigner } from "./closed-without-signer";

describe("closed-without-signer", () => {
  it.each([
    ["closed", "", 1],
    ["closed", "李四", 0],
    ["done", "", 0],
    ["not_started", "", 0],
  ] as const)("%s item, signer %j → %s finding(s)", (status: Status, signer, count) => {
    const item = itemFrom({ status, cells: { signer } });
    expect(runRule(closedWithoutSigner, contextFrom({ items: [item] }))).toHaveLength(count);
  });

  it("points at the signer cell, as a warning", () => {
    const item = itemFrom({ row: 6, status: "closed", cells: { signer: "" } });
    const [finding] = runRule(closedWithoutSigner, contextFrom({ items: [item] }));
    expect(finding).toEqual(
      expect.objectContaining({ rule: "closed-without-signer", severity: "warning", cell: "R6", field: "signer" }),
    );
    expect(finding?.message.zh).toBe("已销号，但销号审批人为空（谁签字谁负责）");
  });

  it("applies only when the ledger has a signer column", () => {
    const fields = FIELD_KEYS.filter((field) => field !== "signer");
    const item = itemFrom({ status: "closed" });
    expect(runRule(closedWithoutSigner, contextFrom({ items: [item], fields }))).toEqual([]);
  });
});
