import { markText, previousOwnedSpans } from "./owned-spans";

/** Column J (10) = 预警状态, K (11) = 评估意见; header on row 2; 审核人 under the ledger in J9. */
const cells: Record<string, unknown> = {
  "2:10": "预警状态",
  "2:11": "评估意见",
  "3:10": "红灯",
  "4:10": "绿灯",
  "4:11": "【错误】责任人为空",
  "5:10": "",
  "6:10": "已销号",
  "9:10": "审核人：李四",
  "10:11": "【提醒】用户写的",
};
const valueAt = (row: number, col: number) => cells[`${row}:${col}`] ?? null;
const rect = (col: number, top: number, bottom = top) => ({ top, bottom, left: col, right: col });

describe("previousOwnedSpans", () => {
  it("takes a mark that names the written rows as it is", () => {
    expect(previousOwnedSpans({ status: rect(10, 2, 6), opinion: rect(11, 2, 6) }, 10, valueAt)).toEqual({
      status: [{ col: 10, rows: { top: 2, bottom: 6 } }],
      opinion: [{ col: 11, rows: { top: 2, bottom: 6 } }],
    });
  });

  it("infers a header-cell mark's rows from the status labels, for both columns", () => {
    expect(previousOwnedSpans({ status: rect(10, 2), opinion: rect(11, 2) }, 10, valueAt)).toEqual({
      status: [{ col: 10, rows: { top: 2, bottom: 6 } }],
      opinion: [{ col: 11, rows: { top: 2, bottom: 6 } }],
    });
  });

  it("infers a lone opinion mark's rows from its own column", () => {
    expect(previousOwnedSpans({ status: null, opinion: rect(11, 2) }, 10, valueAt)).toEqual({
      status: [],
      opinion: [{ col: 11, rows: { top: 2, bottom: 10 } }],
    });
  });

  it("gives nothing without marks", () => {
    expect(previousOwnedSpans({ status: null, opinion: null }, 10, valueAt)).toEqual({ status: [], opinion: [] });
  });
});

describe("markText", () => {
  it.each([
    [null, ""],
    ["", ""],
    ["红灯", "红灯"],
    [" ", " "],
    [0, "\u00000"],
    [false, "\u0000false"],
    [{ error: "#N/A" }, '\u0000{"error":"#N/A"}'],
  ])("%j → %j", (value, expected) => expect(markText(value)).toBe(expected));
});
