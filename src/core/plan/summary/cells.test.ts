import { consecutiveRuns, rowRangesText, TableStack, text } from "./cells";

describe("TableStack", () => {
  const shapes = [
    { title: "一", rows: [[text("a")], [text("b")]], notes: ["n"] },
    { title: null, rows: [], notes: [] },
    { title: "三", rows: [[text("c")]] },
  ];

  it("predicts where a table goes after tables not yet placed, as placing them does", () => {
    const predicted = new TableStack(4).firstRowAfter(shapes, true);
    const placed = new TableStack(4);
    for (const [i, shape] of shapes.entries()) placed.place({ id: `t${i}`, header: ["h"], ...shape });
    expect(predicted).toBe(placed.nextFirstRow(true));
    expect(placed.place({ id: "last", title: "四", header: ["h"], rows: [] }).firstRow).toBe(predicted);
  });

  it("stacks tables with one blank row between them; an empty table still has its header", () => {
    const stack = new TableStack(4);
    const first = stack.place({ id: "a", title: "一", header: ["h"], rows: [[text("x")]], notes: ["n"] });
    expect(first).toMatchObject({ titleRow: 4, headerRow: 5, firstRow: 6, lastRow: 7 });
    const empty = stack.place({ id: "b", title: null, header: ["h"], rows: [] });
    expect(empty).toMatchObject({ titleRow: null, headerRow: 9, firstRow: 10, lastRow: 9 });
    expect(stack.nextFirstRow(false)).toBe(12);
  });
});

describe("consecutiveRuns / rowRangesText", () => {
  it("groups sorted, distinct rows into runs", () => {
    expect(consecutiveRuns([9, 4, 5, 6, 5, 12, 13])).toEqual([
      [4, 6],
      [9, 9],
      [12, 13],
    ]);
    expect(rowRangesText([9, 4, 5, 6, 12, 13])).toBe("4–6、9、12–13");
    expect(rowRangesText([])).toBe("");
  });
});
