import { historySheetToRead, pickHistorySheetName } from "./history-in-excel";

describe("the history sheet in Excel", () => {
  it("reads the marked sheet, else one named 评估记录; writes to ours, else 评估记录, else 评估记录 (2)", () => {
    expect(historySheetToRead(["台账", "旧记录"], "'旧记录'!$A$1")).toBe("旧记录");
    expect(historySheetToRead(["台账", "评估记录"], null)).toBe("评估记录");
    expect(historySheetToRead(["台账"], null)).toBeNull();
    expect(pickHistorySheetName(["台账", "旧记录"], "旧记录")).toBe("旧记录");
    expect(pickHistorySheetName(["台账"], null)).toBe("评估记录");
    expect(pickHistorySheetName(["台账", "评估记录", "评估记录 (2)"], null)).toBe("评估记录 (3)");
  });
});
