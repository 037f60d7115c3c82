import { FIELD_KEYS } from "../types";
import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { clausesOf, hasConcreteMarker, vagueMeasures, vagueness } from "./vague-measures";

const run = (measures: string) =>
  runRule(vagueMeasures, contextFrom({ items: [itemFrom({ row: 4, cells: { measures } })] }));

describe("vague-measures", () => {
  it.each([
    // The seed's own examples of what to avoid.
    "加强管理",
    "提高意识",
    "加强管理，提高意识",
    "高度重视，认真落实整改要求。",
    "进一步强化责任意识；切实增强廉洁自律意识",
    "加强管理\n提高意识",
    "1.加强项目管理；2.提高责任意识",
    "（一）加强管理\n（二）提高意识",
    "一是加强管理，二是提升意识",
    "切实提高管理水平，进一步推动工作迈上一个新台阶",
    "加大监督力度，强化责任落实。",
  ])("fires on %j", (measures) => {
    expect(run(measures)).toHaveLength(1);
  });

  it.each([
    ["one clause without a vague word", "加强管理，组织全员培训"],
    ["a clause with no vague word at all", "加强管理，落实整改"],
    ["a clause with no vague word, even if general", "切实提高管理水平，推动工作迈上一个新台阶"],
    ["a 《document》", "进一步加强管理，修订《工程建设项目管理办法》"],
    ["a number with a measure word", "加强培训2轮"],
    ["a Chinese numeral with a measure word", "切实加强学习两次"],
    ["a count of items", "强化制度建设，修订6项"],
    ["a percentage", "提高覆盖率至100%"],
    ["a full-width percent", "提高覆盖率至９５％"],
    ["a date", "2025年6月底前加强管理"],
    ["a deadline phrase", "年底前进一步加强管理"],
    ["a time bound", "一周内加强整改"],
    ["a concrete word (制度)", "加强制度建设"],
    ["a concrete word (清单)", "强化廉政风险点清单管理"],
    ["a concrete word (台账)", "严格台账管理"],
    ["a concrete word (审计)", "加强审计监督"],
    ["a concrete word (检查)", "加强检查"],
    ["a concrete word (系统)", "提高电子审批系统使用率"],
    ["a concrete word (细则)", "严格执行招投标实施细则"],
    ["no vague word", "建立项目全流程电子审批"],
    ["an empty cell", ""],
    ["only numbering", "（1）"],
  ])("is silent with %s", (_label, measures) => {
    expect(run(measures)).toEqual([]);
  });

  it("counts 相关规定 as concrete (规定 is among the document words)", () => {
    expect(run("严格执行相关规定要求")).toEqual([]);
  });

  it("does not take list numbering or 进一步 for a count", () => {
    expect(hasConcreteMarker("1.加强管理")).toBe(false);
    expect(hasConcreteMarker("进一步加强")).toBe(false);
    expect(hasConcreteMarker("迈上一个新台阶")).toBe(false);
    expect(hasConcreteMarker("3个月内")).toBe(true);
  });

  it("splits clauses on ，,；;。 and line breaks, dropping numbering and empty clauses", () => {
    expect(clausesOf("1.加强管理，提高意识;强化,增强。严格\r\n（二）切实；；")).toEqual([
      "加强管理",
      "提高意识",
      "强化",
      "增强",
      "严格",
      "切实",
    ]);
  });

  it("lists each vague phrase found once, in order of appearance", () => {
    expect(vagueness("加强管理，加强监督，进一步提高")).toEqual(["加强", "进一步", "提高"]);
  });

  it("points at the measures cell and quotes them", () => {
    const [finding] = run("加强管理，提高意识");
    expect(finding).toEqual(
      expect.objectContaining({ rule: "vague-measures", severity: "warning", row: 4, cell: "E4", field: "measures" }),
    );
    expect(finding?.message.zh).toBe(
      "整改措施“加强管理，提高意识”只有“加强”“提高”等笼统表述，缺少可检验的内容（数量、时限、制度文件、培训、检查等）",
    );
    expect(finding?.message.en).toContain("(加强, 提高)");
  });

  it("applies only with a measures column", () => {
    const fields = FIELD_KEYS.filter((field) => field !== "measures");
    const item = itemFrom({ cells: { measures: "加强管理" } });
    expect(runRule(vagueMeasures, contextFrom({ items: [item], fields }))).toEqual([]);
  });
});
