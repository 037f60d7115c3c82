import { excerpt, percent, percentInProse, roundRate, roundTo } from "./format";

describe("roundTo (half away from zero on the digits a user sees, like Excel's ROUND)", () => {
  it.each([
    [4.35, 1, 4.4], // 4.35 * 10 = 43.49999999999999 in binary; naive rounding gives 4.3
    [1.005, 2, 1.01],
    [72.66666666, 1, 72.7],
    [43.33333333, 1, 43.3],
    [0.4864864, 3, 0.486],
    [0.0005, 3, 0.001],
    [2 / 3, 3, 0.667],
    [100, 1, 100],
    [0, 1, 0],
    [-1.25, 1, -1.3],
  ])("roundTo(%p, %p) = %p", (value, decimals, expected) => {
    expect(roundTo(value, decimals)).toBe(expected);
  });
});

describe("roundRate", () => {
  it.each<[number | null, number | null]>([
    [0.4862, 0.486],
    [2 / 3, 0.667],
    [0.0005, 0.001],
    [1, 1],
    [0, 0],
    [null, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
  ])("%p → %p", (rate, expected) => {
    expect(roundRate(rate)).toBe(expected);
  });
});

describe("percent", () => {
  it.each<[number | null, string]>([
    [0.4862, "48.6%"],
    [1, "100.0%"],
    [0, "0.0%"],
    [2 / 3, "66.7%"],
    [null, "—"],
    [Number.NaN, "—"],
  ])("%p → %s", (rate, text) => {
    expect(percent(rate)).toBe(text);
  });
});

describe("percentInProse", () => {
  it.each([
    [0.8, "80%"],
    [0.8125, "81.3%"],
    [2 / 9, "22.2%"],
    [0, "0%"],
    [1, "100%"],
  ])("%p → %s", (rate, text) => {
    expect(percentInProse(rate)).toBe(text);
  });
});

describe("excerpt", () => {
  it("keeps short text, cuts long text by characters with …, and flattens line breaks", () => {
    expect(excerpt("招标不规范")).toBe("招标不规范");
    expect(excerpt("一二三四五六七八九十", 4)).toBe("一二三四…");
    expect(excerpt("第一行\n第二行")).toBe("第一行 第二行");
  });

  it("never splits a character outside the BMP (a rare CJK character is two UTF-16 units)", () => {
    const rare = "𠀋𠀋𠀋𠀋𠀋";
    expect(excerpt(rare, 3)).toBe("𠀋𠀋𠀋…");
    expect(excerpt("a𠀋b", 2)).toBe("a𠀋…");
    expect(excerpt(rare, 5)).toBe(rare);
  });
});
