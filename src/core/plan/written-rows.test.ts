import { evaluateRows } from "../../../test/support/sample-ledger";
import { planMarks } from "./marks-from-result";
import { isOpinionText, isStatusText, legacyWrittenRows, rowsOutside, writtenRows, type RowSpan } from "./written-rows";

describe("writtenRows", () => {
  it("is the header row through the last item row", () => {
    const plan = planMarks(evaluateRows());
    expect(writtenRows(plan)).toEqual({ top: 2, bottom: 8 });
  });

  it("ends at the last item even when the ledger's rows go further (a footer row)", () => {
    const plan = { ...planMarks(evaluateRows()), colourArea: { firstRow: 3, lastRow: 12, firstCol: 1, lastCol: 10 } };
    expect(writtenRows(plan)).toEqual({ top: 2, bottom: 8 });
  });
});

describe("rowsOutside", () => {
  it.each<[RowSpan, RowSpan, RowSpan[]]>([
    // The same rows: nothing left behind.
    [{ top: 2, bottom: 8 }, { top: 2, bottom: 8 }, []],
    // The ledger shrank: the rows below the new last item.
    [{ top: 2, bottom: 8 }, { top: 2, bottom: 5 }, [{ top: 6, bottom: 8 }]],
    // The ledger grew: nothing (the new rows are checked empty before writing).
    [{ top: 2, bottom: 5 }, { top: 2, bottom: 8 }, []],
    // The header moved down (rows inserted above it outside Excel): the old header row.
    [{ top: 2, bottom: 8 }, { top: 3, bottom: 9 }, [{ top: 2, bottom: 2 }]],
    // Moved up and shrank.
    [{ top: 4, bottom: 10 }, { top: 2, bottom: 6 }, [{ top: 7, bottom: 10 }]],
    // Both ends.
    [
      { top: 1, bottom: 10 },
      { top: 3, bottom: 6 },
      [
        { top: 1, bottom: 2 },
        { top: 7, bottom: 10 },
      ],
    ],
    // Disjoint: all of the previous rows.
    [{ top: 2, bottom: 4 }, { top: 10, bottom: 12 }, [{ top: 2, bottom: 4 }]],
  ])("%j then %j → %j", (previous, next, expected) => {
    expect(rowsOutside(previous, next)).toEqual(expected);
  });
});

describe("legacyWrittenRows (a mark naming only the header cell)", () => {
  const column = (cells: Record<number, string>) => (row: number) => cells[row] ?? "";

  it.each<[string, Record<number, string>, RowSpan]>([
    ["labels down to the last item", { 3: "红灯", 4: "绿灯", 5: "已销号" }, { top: 2, bottom: 5 }],
    ["empty rows between items are passed over", { 3: "红灯", 4: "", 6: "待补充" }, { top: 2, bottom: 6 }],
    [
      "a user's line under the ledger ends the scan",
      { 3: "红灯", 4: "黄灯", 7: "审核人：李四" },
      { top: 2, bottom: 4 },
    ],
    ["…and protects everything below it", { 3: "红灯", 5: "审核人：李四", 7: "绿灯" }, { top: 2, bottom: 3 }],
    ["nothing below the header", {}, { top: 2, bottom: 2 }],
    ["the user's text right under the header", { 3: "备注" }, { top: 2, bottom: 2 }],
  ])("%s", (_label, cells, expected) => {
    expect(legacyWrittenRows(2, 20, column(cells), isStatusText)).toEqual(expected);
  });

  it("scans no further than the last row given", () => {
    expect(legacyWrittenRows(2, 4, column({ 3: "红灯", 6: "绿灯" }), isStatusText)).toEqual({ top: 2, bottom: 3 });
  });

  it("recognises the opinion column's texts when only that column is marked", () => {
    const cells = { 3: "【错误】责任人为空", 5: "【提醒】整改措施较笼统；【错误】整改时限为空", 8: "审核人：李四" };
    expect(legacyWrittenRows(2, 20, column(cells), isOpinionText)).toEqual({ top: 2, bottom: 5 });
  });
});

describe("isStatusText / isOpinionText", () => {
  it.each([
    ["红灯", true],
    ["黄灯", true],
    ["绿灯", true],
    ["已销号", true],
    ["待补充", true],
    ["红灯 ", false],
    ["审核人：李四", false],
  ])("status %j → %s", (text, expected) => expect(isStatusText(text)).toBe(expected));

  it.each([
    ["【错误】责任人为空", true],
    ["【提醒】整改措施较笼统", true],
    ["已整改【错误】", false],
    ["审核人：李四", false],
  ])("opinion %j → %s", (text, expected) => expect(isOpinionText(text)).toBe(expected));
});
