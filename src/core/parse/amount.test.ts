import { readAmountText, toFen, unitInText, unitOfNumberFormat } from "./amount";

describe("readAmountText", () => {
  it.each([
    ["1,234.5", { kind: "amount", value: 1234.5, unit: null }],
    ["12.3万元", { kind: "amount", value: 123_000_00, unit: "万元" }],
    ["12.3 万", { kind: "amount", value: 123_000_00, unit: "万元" }],
    ["５００元", { kind: "amount", value: 500_00, unit: "元" }],
    ["１，２３４．５６", { kind: "amount", value: 1234.56, unit: null }],
    ["￥2,000", { kind: "amount", value: 2000, unit: null }],
    ["¥ 2,000.00 元", { kind: "amount", value: 2000_00, unit: "元" }],
    ["-5元", { kind: "amount", value: -500, unit: "元" }],
    ["1.2亿元", { kind: "amount", value: 1.2e8 * 100, unit: "万元" }],
    ["0", { kind: "amount", value: 0, unit: null }],
    ["", { kind: "empty" }],
    ["—", { kind: "empty" }],
    ["/", { kind: "empty" }],
    ["无", { kind: "empty" }],
    ["不涉及", { kind: "empty" }],
    ["待核实", { kind: "invalid" }],
    ["约12万元", { kind: "invalid" }],
    ["1,23.4", { kind: "invalid" }],
    ["12.3.4", { kind: "invalid" }],
  ])("%j → %j", (text, expected) => {
    expect(readAmountText(text)).toEqual(expected);
  });
});

describe("unitOfNumberFormat", () => {
  it.each([
    ['#,##0.00"万元"', "万元"],
    ['0.00"元"', "元"],
    ["[$¥-804]#,##0.00", "元"],
    ['"￥"#,##0.00', "元"],
    ['0!.0000"万元"', "元"], // shows 元 as 万元 with a literal point: the value is in 元
    ['0\\.0000"万元"', "元"],
    ["#,##0.00", null],
    ["General", null],
    [null, null],
  ])("%j → %j", (format, unit) => {
    expect(unitOfNumberFormat(format)).toBe(unit);
  });
});

describe("unitInText", () => {
  it.each([
    ["涉及金额（万元）", "万元"],
    ["问题金额(元)", "元"],
    ["单位：万元", "万元"],
    ["金额单位：元", "元"],
    ["（元）", "元"],
    ["元", "元"],
    ["万元", "万元"],
    ["涉及金额", null],
    ["单元格", null],
    ["元旦前", null],
  ])("%j → %j", (text, unit) => {
    expect(unitInText(text)).toBe(unit);
  });
});

describe("toFen", () => {
  it.each([
    [12.3, null, "万元", 123_000_00],
    [12.3, null, "元", 1230],
    [12.3, '#,##0.00"万元"', "元", 123_000_00], // the format names the cell's own unit
    [0.1 + 0.2, null, "元", 30], // float noise rounds away at the 分
    ["12.3万元", null, "元", 123_000_00], // a text's own unit wins
    ["1,234.5", null, "万元", 1234.5 * 1_000_000],
    [null, null, "元", null],
    ["—", null, "元", null],
    ["待核实", null, "元", Number.NaN],
    [true, null, "元", Number.NaN],
    [{ error: "#REF!" }, null, "元", Number.NaN],
    [{ runs: ["12", ".5万元"] }, null, "元", 125_000_00],
  ] as const)("%j (format %j, column in %s) → %p 分", (value, format, unit, fen) => {
    expect(toFen(value, format, unit)).toBe(fen);
  });
});
