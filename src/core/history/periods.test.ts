import { gridFrom } from "../../../test/support/grid-builder";
import { lastPeriodRecord as record } from "../../../test/support/item-factory";
import { evaluate } from "../evaluate";
import { historyAfter } from "./index";
import { deletePeriod, lastPeriodBefore, periodDates, periodRecords, recordPeriod } from "./periods";

const history = [
  record({ period: "2025-03-24", key: "a" }),
  record({ period: "2025-03-17", key: "a" }),
  record({ period: "2025-03-24", key: "b" }),
  record({ period: "2025-03-31", key: "a" }),
];

describe("the recorded periods", () => {
  it("lists the dates oldest first and finds the last one before today", () => {
    expect(periodDates(history)).toEqual(["2025-03-17", "2025-03-24", "2025-03-31"]);
    expect(lastPeriodBefore(history, "2025-03-31")).toBe("2025-03-24");
    expect(lastPeriodBefore(history, "2025-04-07")).toBe("2025-03-31");
    expect(lastPeriodBefore(history, "2025-03-17")).toBeNull();
    expect(periodRecords(history, "2025-03-24").map((r) => r.key)).toEqual(["a", "b"]);
  });

  it("records a period in date order, replacing that date's records when re-recorded", () => {
    const now = [{ ...record({ period: "2025-03-24", key: "c" }), row: 9 }];
    const next = recordPeriod(history, "2025-03-24", now);
    expect(next.map((r) => `${r.period} ${r.key}`)).toEqual(["2025-03-17 a", "2025-03-24 c", "2025-03-31 a"]);
    expect(next[1]).not.toHaveProperty("row");
  });

  it("deletes a period's records", () => {
    expect(periodDates(deletePeriod(history, "2025-03-24"))).toEqual(["2025-03-17", "2025-03-31"]);
  });
});

describe("historyAfter", () => {
  it("records the result's period, and nothing for a result evaluated without history", () => {
    const ledger = gridFrom([
      ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限"],
      ["1", "合同滞后", "修订《合同管理办法》", "合同部", "李娜", "2025-04-30"],
    ]);
    const withHistory = evaluate({ ledger, today: "2025-03-31", history: { records: history, source: "history" } });
    const without = evaluate({ ledger, today: "2025-03-31" });
    if (!withHistory.ok || !without.ok) throw new Error("no ledger");
    expect(periodDates(historyAfter(history, withHistory.result))).toEqual(["2025-03-17", "2025-03-24", "2025-03-31"]);
    expect(periodRecords(historyAfter(history, withHistory.result), "2025-03-31")).toHaveLength(1);
    expect(historyAfter(history, without.result)).toEqual(history);
  });
});
