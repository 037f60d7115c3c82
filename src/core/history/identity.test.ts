import { bigramSimilarity, matchItems, normalizeDescription, SIMILARITY_THRESHOLD } from "./identity";

const item = (seq: string, description: string) => ({ seq, description });

describe("normalizeDescription", () => {
  it("ignores whitespace, punctuation, full width and case", () => {
    expect(normalizeDescription("  加强管理，\n落实 制度。ＡＢＣ")).toBe(normalizeDescription("加强管理,落实制度abc"));
  });
});

describe("bigramSimilarity", () => {
  it("is 1 for the same text and 0 for nothing in common", () => {
    expect(bigramSimilarity("合同管理不规范", "合同管理不规范")).toBe(1);
    expect(bigramSimilarity("合同管理不规范", "食堂卫生差")).toBe(0);
  });

  it("is Dice's coefficient over character bigrams", () => {
    // 合同 同管 管理 不规 规范 理不 (6) vs 合同 同管 管理 理存 存在 在漏 漏洞 (7): 3 shared → 6/13
    expect(bigramSimilarity("合同管理不规范", "合同管理存在漏洞")).toBeCloseTo(6 / 13, 10);
  });

  it("keeps a light edit above the threshold and a rewrite below it", () => {
    expect(
      bigramSimilarity("工程款支付审核不严，存在超付情况", "工程款支付审核不严格，存在超付现象"),
    ).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
    expect(bigramSimilarity("工程款支付审核不严", "车辆使用登记不全")).toBeLessThan(SIMILARITY_THRESHOLD);
  });
});

describe("matchItems", () => {
  const last = [
    item("1", "招标文件编制不规范"),
    item("2", "合同签订滞后于开工"),
    item("3", "工程变更未经审批"),
    item("4", "竣工结算审核不严"),
  ];

  it("matches the same descriptions after rows are inserted and 序号 renumbered", () => {
    const now = [
      item("1", "招标文件编制不规范"),
      item("2", "新发现：监理日志缺失"),
      item("3", "合同签订滞后于开工"),
      item("4", "工程变更未经审批"),
      item("5", "竣工结算审核不严"),
    ];
    expect(matchItems(last, now)).toEqual({ previousOf: [0, -1, 1, 2, 3], removed: [] });
  });

  it("matches an edited description by its 序号 when similar enough", () => {
    const now = [
      item("1", "招标文件编制不规范"),
      item("2", "合同签订严重滞后于开工时间"),
      item("3", "工程变更未经审批"),
      item("4", "竣工结算审核不严"),
    ];
    expect(bigramSimilarity("合同签订滞后于开工", "合同签订严重滞后于开工时间")).toBeGreaterThanOrEqual(0.6);
    expect(matchItems(last, now).previousOf).toEqual([0, 1, 2, 3]);
  });

  it("does not match a different item that took over an old 序号", () => {
    // Item 2 was deleted and the rows below renumbered, then a new item was added as 4.
    const now = [
      item("1", "招标文件编制不规范"),
      item("2", "工程变更未经审批"),
      item("3", "竣工结算审核不严"),
      item("4", "安全生产台账缺失"),
    ];
    expect(matchItems(last, now)).toEqual({ previousOf: [0, 2, 3, -1], removed: [1] });
  });

  it("treats a rewritten description under the same 序号 as a new item and the old one as removed", () => {
    const now = [
      item("1", "招标文件编制不规范"),
      item("2", "食堂采购无台账"),
      item("3", "工程变更未经审批"),
      item("4", "竣工结算审核不严"),
    ];
    expect(matchItems(last, now)).toEqual({ previousOf: [0, -1, 2, 3], removed: [1] });
  });

  it("matches each old item at most once; among equal descriptions the same 序号 first", () => {
    const before = [item("5", "同上"), item("6", "同上")];
    expect(matchItems(before, [item("6", "同上"), item("5", "同上"), item("7", "同上")])).toEqual({
      previousOf: [1, 0, -1],
      removed: [],
    });
  });

  it("matches by 序号 alone when neither period has a description", () => {
    expect(matchItems([item("1", ""), item("2", "")], [item("2", ""), item("3", "")])).toEqual({
      previousOf: [1, -1],
      removed: [0],
    });
  });

  it("never matches an empty description to a filled one, nor by an empty 序号", () => {
    expect(matchItems([item("", "甲项问题")], [item("", "乙项问题")]).previousOf).toEqual([-1]);
    expect(matchItems([item("1", "甲项问题")], [item("1", "")]).previousOf).toEqual([-1]);
  });
});
