import { FIELD_KEYS } from "../types";
import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { ownerNotPerson, ownerProblem } from "./owner-not-person";

describe("owner-not-person", () => {
  it.each([
    // one person
    ["张三", "工程部", null],
    ["欧阳明", "工程部", null],
    ["王建华", "财务处", null],
    ["张　三", "工程部", null],
    ["张三（科长）", "工程部", null],
    ["王和平", "工程部", null],
    ["张处", "审计处", null],
    ["王局", "交通运输局", null],
    ["工程部张三", "工程部", null],
    ["John Smith", "工程部", null],
    ["", "工程部", null],
    // the unit itself
    ["工程部", "工程部", "same-as-unit"],
    ["工程 部", "工程部", "same-as-unit"],
    ["项目管理组", "项目管理组", "same-as-unit"],
    // ends like a unit
    ["财务处", "工程部", "unit-like"],
    ["安全科", "", "unit-like"],
    ["办公室", "工程部", "unit-like"],
    ["纪委办", "工程部", "unit-like"],
    ["交通运输局", "", "unit-like"],
    ["信息中心", "", "unit-like"],
    ["建设投资公司", "", "unit-like"],
    ["招标委员会", "", "unit-like"],
    ["专项整改领导小组", "", "unit-like"],
    ["第三施工队", "", "unit-like"],
    ["住房和城乡建设局", "", "unit-like"],
    ["财务处（张三）", "", "unit-like"],
    // collectives
    ["全体人员", "工程部", "collective"],
    ["各部门", "工程部", "collective"],
    ["各科室负责人", "工程部", "collective"],
    ["相关人员", "工程部", "collective"],
    ["相关部门", "工程部", "collective"],
    ["有关单位", "工程部", "collective"],
    // several people
    ["张三、李四", "工程部", "several"],
    ["张三，李四", "工程部", "several"],
    ["张三,李四", "工程部", "several"],
    ["张三/李四", "工程部", "several"],
    ["张三；李四", "工程部", "several"],
    ["张三\n李四", "工程部", "several"],
    ["张三和李四", "工程部", "several"],
    ["张三及李四", "工程部", "several"],
    ["财务处、工程部", "工程部", "several"],
  ] as const)("owner %j with unit %j → %s", (owner, unit, problem) => {
    expect(ownerProblem(owner, unit)).toBe(problem);
  });

  it("a trailing separator does not make two people", () => {
    expect(ownerProblem("张三、", "")).toBeNull();
  });

  it.each([
    ["工程部", "工程部", "责任人“工程部”与责任单位相同，应明确到具体的人"],
    ["财务处", "工程部", "责任人“财务处”像是单位名称，应明确到具体的人"],
    ["相关人员", "工程部", "责任人“相关人员”是泛指，应明确到具体的人"],
    ["张三、李四", "工程部", "责任人“张三、李四”写了多个责任人，应明确一名第一责任人"],
  ])("reports %j at the owner cell: %s", (owner, unit, zh) => {
    const item = itemFrom({ row: 8, cells: { owner, unit } });
    const [finding, ...rest] = runRule(ownerNotPerson, contextFrom({ items: [item] }));
    expect(rest).toEqual([]);
    expect(finding).toEqual(
      expect.objectContaining({ rule: "owner-not-person", severity: "warning", row: 8, cell: "I8", field: "owner" }),
    );
    expect(finding?.message.zh).toBe(zh);
    expect(finding?.message.en).toContain(`Owner (责任人) "${owner}"`);
  });

  it("compares with the unit only when the unit is filled in", () => {
    const item = itemFrom({ cells: { owner: "张三", unit: "" } });
    expect(runRule(ownerNotPerson, contextFrom({ items: [item] }))).toEqual([]);
  });

  it("applies only with an owner column", () => {
    const fields = FIELD_KEYS.filter((field) => field !== "owner");
    const item = itemFrom({ cells: { owner: "工程部", unit: "工程部" } });
    expect(runRule(ownerNotPerson, contextFrom({ items: [item], fields }))).toEqual([]);
  });
});
