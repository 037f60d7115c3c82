import { cellAt, numberFormatAt } from "../../src/core/grid";
import { gridFrom, mergeFromRange } from "./grid-builder";

describe("gridFrom", () => {
  it("defaults to Sheet1 at A1, no merges, 1900 date system", () => {
    const grid = gridFrom([
      ["a", 1],
      [null, true],
    ]);
    expect(grid).toEqual({
      sheet: "Sheet1",
      origin: { row: 1, col: 1 },
      values: [
        ["a", 1],
        [null, true],
      ],
      merges: [],
      date1904: false,
    });
    expect(cellAt(grid, 2, 2)).toBe(true);
  });

  it("takes A1-style merges in sheet coordinates, and MergeAreas as they are", () => {
    const grid = gridFrom([["x"]], { merges: ["A1:F1", "d5:B3", "C7", { top: 2, left: 2, bottom: 4, right: 2 }] });
    expect(grid.merges).toEqual([
      { top: 1, left: 1, bottom: 1, right: 6 },
      { top: 3, left: 2, bottom: 5, right: 4 },
      { top: 7, left: 3, bottom: 7, right: 3 },
      { top: 2, left: 2, bottom: 4, right: 2 },
    ]);
  });

  it("keeps the origin, sheet name, number formats and date system", () => {
    const grid = gridFrom([[45731]], {
      sheet: "台账",
      origin: { row: 3, col: 2 },
      numberFormats: [["yyyy-mm-dd"]],
      date1904: true,
    });
    expect(cellAt(grid, 3, 2)).toBe(45731);
    expect(numberFormatAt(grid, 3, 2)).toBe("yyyy-mm-dd");
    expect(grid.sheet).toBe("台账");
    expect(grid.date1904).toBe(true);
  });

  it("rejects a malformed range (a bug in the test, not data)", () => {
    expect(() => mergeFromRange("A1:")).toThrow(/not an A1 range/);
  });
});
