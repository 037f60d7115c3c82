import {
  cellAddress,
  cellAt,
  columnLetter,
  columnNumber,
  gridLastCol,
  gridLastRow,
  MergeIndex,
  mergeAt,
  numberFormatAt,
} from "./grid";
import type { Grid } from "./types";

const grid: Grid = {
  sheet: "S",
  origin: { row: 3, col: 2 },
  values: [["a", 1], ["b"]],
  numberFormats: [[null, "yyyy/m/d"]],
  merges: [],
  date1904: false,
};

test("cells are addressed in sheet coordinates", () => {
  expect(cellAt(grid, 3, 2)).toBe("a");
  expect(cellAt(grid, 3, 3)).toBe(1);
  expect(cellAt(grid, 4, 3)).toBeNull(); // ragged row
  expect(cellAt(grid, 1, 1)).toBeNull(); // outside
  expect(numberFormatAt(grid, 3, 3)).toBe("yyyy/m/d");
  expect(numberFormatAt(grid, 4, 2)).toBeNull();
  expect(gridLastRow(grid)).toBe(4);
  expect(gridLastCol(grid)).toBe(3);
});

test.each([
  [1, "A"],
  [26, "Z"],
  [27, "AA"],
  [52, "AZ"],
  [703, "AAA"],
  [16384, "XFD"],
])("column %d is %s and back", (n, letters) => {
  expect(columnLetter(n)).toBe(letters);
  expect(columnNumber(letters)).toBe(n);
});

test("columnNumber rejects what is not a column", () => {
  expect(columnNumber("A1")).toBeNull();
  expect(columnNumber("")).toBeNull();
  expect(columnNumber("XFE")).toBeNull();
  expect(columnNumber("h")).toBe(8);
  expect(cellAddress(7, 8)).toBe("H7");
});

test("MergeIndex finds the merge covering a cell, small and large", () => {
  const index = new MergeIndex(
    [
      { top: 5, left: 3, bottom: 8, right: 3 },
      { top: 1, left: 1, bottom: 1_000_000, right: 1 },
    ],
    1000,
  );
  expect(index.at(6, 3)).toEqual({ top: 5, left: 3, bottom: 8, right: 3 });
  expect(index.at(9, 3)).toBeUndefined();
  expect(index.at(500_000, 1)?.bottom).toBe(1_000_000);
});

test("MergeIndex answers alike for the first rows asked and after it has indexed every row", () => {
  // Units merged down over three rows each, one overlapping pair (the last listed wins), one large merge.
  const merges = [
    ...Array.from({ length: 100 }, (_, i) => ({ top: 3 * i + 1, left: 2, bottom: 3 * i + 3, right: 2 })),
    { top: 10, left: 2, bottom: 10, right: 4 },
    { top: 1, left: 9, bottom: 1_000_000, right: 9 },
  ];
  const index = new MergeIndex(merges, 1000);
  const lastListedCovering = (row: number, col: number) => [...merges].reverse().find((m) => mergeAt([m], row, col));
  // Past the rows it looks up one by one (64), every answer still matches a plain search.
  for (let row = 1; row <= 310; row++) {
    for (const col of [1, 2, 3, 9]) expect(index.at(row, col)).toBe(lastListedCovering(row, col));
  }
  expect(index.at(10, 2)).toEqual({ top: 10, left: 2, bottom: 10, right: 4 });
  expect(index.at(11, 2)).toEqual({ top: 10, left: 2, bottom: 12, right: 2 });
});
