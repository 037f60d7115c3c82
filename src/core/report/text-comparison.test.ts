/** The comparison in the text report and the meeting text, on the four-period scenario's last two meetings. */
import { evaluateFourPeriods, PERIODS } from "../../../test/support/four-periods";
import { DEFAULT_SETTINGS } from "../settings-defaults";
import { toMeetingText } from "./meeting-text";
import { toTextReport } from "./text";

const results = evaluateFourPeriods();

describe("the text report's 与上期对比", () => {
  const zh = toTextReport("台账.xlsx", results["2025-03-17"]);
  const lines = zh.split("\n");

  it("gives the period compared with and each rate's change", () => {
    expect(lines).toContain("与上期（2025-03-10）对比：");
    expect(lines).toContain(
      "完成率 14.3%，较上期 +1.8 个百分点 · 销号率 0.0%，较上期 −12.5 个百分点 · 按时完成率 100.0%，较上期 持平",
    );
  });

  it("lists each non-empty list with its items, 连续亮红灯 first", () => {
    const at = (line: string) => lines.indexOf(line);
    expect(at("连续亮红灯（问责/约谈对象）（1）：")).toBeGreaterThan(at("与上期（2025-03-10）对比："));
    expect(lines[at("连续亮红灯（问责/约谈对象）（1）：") + 1]).toBe(
      "· 2号｜工程部｜连续2期红灯｜招标文件编制不规范，评分标准不明确",
    );
    expect(lines[at("整改时限推迟（1）：") + 1]).toBe("· 4号｜工程部｜2025-02-20 → 2025-04-30｜工程变更未经审批即实施");
    expect(lines[at("台账中已删除（1）：") + 1]).toBe("· 6号｜食堂采购无台账");
    expect(at("新亮红灯（1）：")).toBeGreaterThan(at("连续亮红灯（问责/约谈对象）（1）："));
    expect(zh).not.toContain("新增事项（");
    expect(at("与上期（2025-03-10）对比：")).toBeLessThan(at("检查问题 1 条（错误 0 · 提醒 1）："));
  });

  it("says nothing of a comparison at the first period, and speaks English too", () => {
    expect(toTextReport("台账.xlsx", results["2025-03-03"])).not.toContain("与上期");
    expect(toTextReport("台账.xlsx", results["2025-03-24"], "en")).toContain("Against last period (2025-03-17):");
  });
});

describe("the meeting text's 较上期 sentence", () => {
  it("names the non-zero changes and the completion rate's change", () => {
    expect(toMeetingText(results["2025-03-24"])).toContain(
      "与上期（2025年3月17日）相比，新销号1项、连续多期亮红灯2项，完成率与上期持平。",
    );
    expect(toMeetingText(results["2025-03-17"])).toContain(
      "与上期（2025年3月10日）相比，新完成1项、新亮红灯1项、连续多期亮红灯1项、整改时限推迟1项，完成率较上期提高1.8个百分点。",
    );
    expect(toMeetingText(results["2025-03-03"])).not.toContain("上期");
  });
});

describe("the meeting text's 临期 sentence on the engine's 临期 list", () => {
  it("names B (合同部, due 03-31) by its 序号 at each meeting, before the 较上期 sentence, within 30 days only", () => {
    const within30 = evaluateFourPeriods({ ...DEFAULT_SETTINGS, dueSoonDays: 30 });
    // 03-03: B is 2号, 28 days left; 03-10: E inserted above it, so 3号, 21 days left.
    expect(toMeetingText(within30["2025-03-03"])).toContain("临期事项1项：2号（合同部，距整改时限还有28天）。");
    expect(toMeetingText(within30["2025-03-10"])).toContain(
      "临期事项1项：3号（合同部，距整改时限还有21天）。与上期（2025年3月3日）相比",
    );
    // 03-17: B is finished; C's deadline (04-30) is 44 days away, G's (03-15) has passed.
    expect(toMeetingText(within30["2025-03-17"])).not.toContain("临期");
    // The default 7 days: B is never that close while unfinished.
    expect(PERIODS.some((p) => toMeetingText(results[p]).includes("临期"))).toBe(false);
  });
});
