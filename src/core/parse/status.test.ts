import fc from "fast-check";
import { deriveStatus, parseClosedFlag, parseStatusText, type StatusInput } from "./status";
import { cellText } from "../text";
import { arbitraryCellValue } from "../../../test/support/cell-arbitrary";
import type { DateReading, Status } from "../types";

describe("parseStatusText — SPEC §3 status table", () => {
  test.each<[string, Status | null]>([
    // closed
    ["已销号", "closed"],
    ["销号", "closed"],
    // done
    ["已完成", "done"],
    ["完成", "done"],
    ["已整改", "done"],
    ["已完成整改", "done"],
    ["整改完成", "done"],
    ["已办结", "done"],
    ["办结", "done"],
    ["整改到位", "done"],
    ["已整改到位", "done"],
    ["是", "done"],
    ["√", "done"],
    ["✓", "done"],
    ["✔", "done"],
    ["TRUE", "done"],
    // in progress — 基本完成 is *not* complete
    ["整改中", "in_progress"],
    ["正在整改", "in_progress"],
    ["推进中", "in_progress"],
    ["进行中", "in_progress"],
    ["序时推进", "in_progress"],
    ["部分完成", "in_progress"],
    ["基本完成", "in_progress"],
    // not started
    ["未整改", "not_started"],
    ["未开始", "not_started"],
    ["未启动", "not_started"],
    ["待整改", "not_started"],
    ["未完成", "not_started"],
    ["否", "not_started"],
    ["FALSE", "not_started"],
    // ongoing
    ["长期坚持", "ongoing"],
    ["持续推进", "ongoing"],
    ["持续整改", "ongoing"],
    ["长期整改", "ongoing"],
    ["常态化推进", "ongoing"],
    // normalisation and tolerated decorations
    [" 已 完成 ", "done"],
    ["已完成\n", "done"],
    ["已\u3000完成", "done"],
    ["已完成。", "done"],
    ["已完成！", "done"],
    ["已完成；", "done"],
    ["已完成（2025.3）", "done"],
    ["已完成(2025.3)", "done"],
    ["已完成（2025年3月15日）。", "done"],
    ["已销号（2025.3.1）", "closed"],
    ["整改中（已完成80%）", "in_progress"],
    // blank
    ["", null],
    ["  ", null],
    ["\u3000", null],
    // unknown: exact match only — a word that merely contains a known word is not it
    ["完成了一半", "unknown"],
    ["已完成部分整改", "unknown"],
    ["待定", "unknown"],
    ["未销号", "unknown"],
    ["x", "unknown"],
    ["（2025.3）", "unknown"],
    ["。", "unknown"],
  ])("%j → %s", (text, expected) => expect(parseStatusText(text)).toBe(expected));

  test("never throws; null exactly when the cell text is blank", () => {
    fc.assert(
      fc.property(arbitraryCellValue, (value) => {
        const text = cellText(value);
        const status = parseStatusText(text);
        expect(status === null).toBe(text.replace(/[\s\u200B-\u200D\u2060]/gu, "") === "");
      }),
    );
  });
});

describe("parseClosedFlag", () => {
  test.each<[string, boolean]>([
    ["是", true],
    ["已销号", true],
    ["销号", true],
    ["√", true],
    ["✓", true],
    ["✔", true],
    ["TRUE", true],
    [" 是 ", true],
    ["是。", true],
    ["已销号（2025.3.1）", true],
    ["否", false],
    ["未销号", false],
    ["", false],
    ["   ", false],
    ["FALSE", false],
    ["×", false],
    ["待销号", false],
    ["申请销号中", false],
    ["是否销号", false],
  ])("%j → %s", (text, expected) => expect(parseClosedFlag(text)).toBe(expected));

  test("never throws", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (text) => typeof parseClosedFlag(text) === "boolean"));
  });
});

describe("deriveStatus", () => {
  const DATED: DateReading = { kind: "date", date: "2025-03-10" };
  const EMPTY: DateReading = { kind: "empty" };
  const INVALID: DateReading = { kind: "invalid", text: "三月" };

  test.each<[string, StatusInput, Status, Status | null, boolean]>([
    // The status column decides when the item is not closed.
    ["status word", { statusText: "整改中", closedText: "否", completed: EMPTY }, "in_progress", "in_progress", false],
    [
      "done word, no closed column",
      { statusText: "已完成", closedText: null, completed: EMPTY },
      "done",
      "done",
      false,
    ],
    [
      "基本完成 is not done even with a date",
      { statusText: "基本完成", closedText: null, completed: DATED },
      "in_progress",
      "in_progress",
      false,
    ],
    ["unknown word", { statusText: "待定", closedText: null, completed: DATED }, "unknown", "unknown", false],
    // Closed when either column says so, whatever the status column says.
    ["closed column 是", { statusText: "已完成", closedText: "是", completed: DATED }, "closed", "done", true],
    [
      "closed column √ over 整改中",
      { statusText: "整改中", closedText: "√", completed: EMPTY },
      "closed",
      "in_progress",
      true,
    ],
    [
      "closed column over unknown",
      { statusText: "待定", closedText: "已销号", completed: EMPTY },
      "closed",
      "unknown",
      true,
    ],
    ["closed column, status blank", { statusText: "", closedText: "是", completed: EMPTY }, "closed", null, true],
    ["closed column, no status column", { statusText: null, closedText: "✓", completed: EMPTY }, "closed", null, true],
    ["status column 已销号", { statusText: "已销号", closedText: "否", completed: DATED }, "closed", "closed", false],
    [
      "status column 销号, no closed column",
      { statusText: "销号", closedText: null, completed: EMPTY },
      "closed",
      "closed",
      false,
    ],
    ["closed column 未销号", { statusText: "已完成", closedText: "未销号", completed: DATED }, "done", "done", false],
    ["closed column blank", { statusText: "已完成", closedText: "", completed: DATED }, "done", "done", false],
    // Empty status: the completion date decides.
    [
      "blank status with a completion date",
      { statusText: "", closedText: null, completed: DATED },
      "done",
      null,
      false,
    ],
    ["blank status without one", { statusText: "", closedText: null, completed: EMPTY }, "not_started", null, false],
    [
      "blank status, invalid completion date",
      { statusText: " ", closedText: "否", completed: INVALID },
      "not_started",
      null,
      false,
    ],
    // No status column reads as empty.
    ["no status column, dated", { statusText: null, closedText: null, completed: DATED }, "done", null, false],
    ["no status column, undated", { statusText: null, closedText: "否", completed: EMPTY }, "not_started", null, false],
  ])("%s", (_name, input, status, statusColumn, closedByColumn) =>
    expect(deriveStatus(input)).toEqual({ status, statusColumn, closedByColumn }),
  );
});
