import { historySheetToRead, pickHistorySheetName, valueBands } from "./history-in-excel";

describe("the history sheet in Excel", () => {
  it("reads the marked sheet, else one named 评估记录; writes to ours, else 评估记录, else 评估记录 (2)", () => {
    expect(historySheetToRead(["台账", "旧记录"], "'旧记录'!$A$1")).toBe("旧记录");
    expect(historySheetToRead(["台账", "评估记录"], null)).toBe("评估记录");
    expect(historySheetToRead(["台账"], null)).toBeNull();
    expect(pickHistorySheetName(["台账", "旧记录"], "旧记录")).toBe("旧记录");
    expect(pickHistorySheetName(["台账"], null)).toBe("评估记录");
    expect(pickHistorySheetName(["台账", "评估记录", "评估记录 (2)"], null)).toBe("评估记录 (3)");
  });

  it("writes a large sheet's cells in bands of whole rows, each under the budget; a small one with the batch", () => {
    const values = Array.from({ length: 100 }, (_, r) => [`第${r + 1}行`, r]);
    const formats = values.map(() => ["General", "0"]);
    const grid = { values, formats, rect: { top: 1, left: 1, bottom: 100, right: 2 } };
    expect(valueBands(grid)).toBeNull();
    const bands = valueBands(grid, 100, 1_000) ?? [];
    expect(bands.length).toBeGreaterThan(2);
    expect(bands.flatMap((b) => b.values)).toEqual(values);
    expect(bands[0]?.rect.top).toBe(1);
    expect(bands[bands.length - 1]?.rect.bottom).toBe(100);
    bands.forEach((b, i) => {
      expect(b.rect.bottom - b.rect.top + 1).toBe(b.values.length);
      if (i > 0) expect(b.rect.top).toBe((bands[i - 1]?.rect.bottom ?? 0) + 1);
      expect(JSON.stringify(b.values).length + JSON.stringify(b.formats).length).toBeLessThanOrEqual(1_000);
    });
  });
});
