import fc from "fast-check";
import {
  FIELD_HEADERS,
  FIELD_SYNONYMS,
  compareHeaderMatches,
  matchField,
  matchHeader,
  type HeaderMatch,
} from "./fields";
import { normalizeHeader } from "./text";
import { FIELD_KEYS, type FieldKey } from "./types";

/** SPEC §2's table, verbatim: every one of these texts must name its field exactly. */
const SPEC_TABLE: Record<FieldKey, string[]> = {
  seq: ["序号", "编号", "问题编号", "No"],
  source: ["问题来源", "来源", "反馈来源"],
  category: ["问题类别", "问题类型", "类别", "分类", "整改维度"],
  description: ["问题描述", "存在问题", "具体问题", "问题表现", "巡察发现问题", "反馈问题", "问题"],
  measures: ["整改措施", "整改举措", "整改目标及措施", "细化的整改措施", "具体措施"],
  type: ["整改类型", "整改分类", "整改方式", "整改性质"],
  leader: ["责任领导", "分管领导", "牵头领导", "整改第一责任人"],
  unit: ["责任单位", "责任部门", "牵头单位", "牵头部门", "责任科室", "单位名称"],
  owner: ["责任人", "具体责任人", "经办人", "直接责任人"],
  assigned: ["交办时间", "交办日期", "下发时间", "启动时间", "反馈时间", "建账时间"],
  deadline: ["整改时限", "完成时限", "整改期限", "计划完成时间", "时限要求"],
  progress: ["整改进展", "进展情况", "整改情况", "已采取的整改措施"],
  status: ["整改状态", "完成情况", "是否完成", "是否已完成整改", "状态"],
  completed: ["完成时间", "实际完成时间", "完成日期"],
  closed: ["是否销号", "销号情况", "销号状态"],
  closedOn: ["销号时间", "销号日期"],
  evidence: ["佐证材料", "支撑材料", "证明材料", "佐证资料"],
  signer: ["销号审批人", "验收人", "验收人员", "签字人", "审核人"],
  reviewed: ["回头看时间", "最近回头看", "复查时间", "最近复查日期"],
  note: ["备注"],
  // The columns of extensions and amounts, as the issue that added them lists them.
  originalDeadline: ["原定时限"],
  extendedDeadline: ["调整后时限", "延期后时限"],
  extensionReason: ["延期原因"],
  extensionApprover: ["延期批准人"],
  extensionApprovalRef: ["批准文号"],
  amountInvolved: ["涉及金额", "问题金额", "违规金额"],
  amountRectified: ["整改金额"],
  amountRecovered: ["追回金额", "收回金额", "退还金额", "挽回金额"],
  amountRemitted: ["上缴金额"],
};

describe("headers of extension and amount columns", () => {
  it.each<[string, FieldKey]>([
    ["涉及金额（万元）", "amountInvolved"],
    ["问题金额(元)", "amountInvolved"],
    ["违规金额\n（万元）", "amountInvolved"],
    ["已整改金额（万元）", "amountRectified"],
    ["追回（收回/退还/挽回）金额", "amountRecovered"],
    ["挽回金额（元）", "amountRecovered"],
    ["上缴金额", "amountRemitted"],
    ["原定整改时限", "originalDeadline"],
    ["原计划完成时间", "originalDeadline"],
    ["调整后完成时限", "extendedDeadline"],
    ["延期后时限", "extendedDeadline"],
    ["延期原因", "extensionReason"],
    ["延期审批人", "extensionApprover"],
    ["延期批准文号", "extensionApprovalRef"],
    // The ledger's own columns keep their fields beside them.
    ["整改时限", "deadline"],
    ["审批人", "signer"],
  ])("%j → %s", (header, field) => {
    expect(matchField(header)).toBe(field);
  });
});

describe("FIELD_SYNONYMS", () => {
  it("contains every text of SPEC §2's table under its field", () => {
    for (const field of FIELD_KEYS) expect(FIELD_SYNONYMS[field]).toEqual(expect.arrayContaining(SPEC_TABLE[field]));
  });

  it("gives no normalised text to two fields", () => {
    const owner = new Map<string, FieldKey>();
    for (const field of FIELD_KEYS) {
      for (const synonym of FIELD_SYNONYMS[field]) {
        const key = normalizeHeader(synonym);
        expect([key, owner.get(key) ?? field]).toEqual([key, field]);
        owner.set(key, field);
      }
    }
  });

  it.each(FIELD_KEYS.flatMap((field) => FIELD_SYNONYMS[field].map((text) => [text, field] as const)))(
    "every synonym names its own field: %s → %s",
    (text, field) => expect(matchField(text)).toBe(field),
  );
});

describe("matchField", () => {
  it.each<[string, FieldKey | null]>([
    // normalisation (SPEC §2): whitespace, full-width, trailing note, case
    ["序 号", "seq"],
    ["序\u3000号", "seq"],
    ["序\n号", "seq"],
    ["ＮＯ", "seq"],
    ["no.", "seq"],
    ["责 任 人", "owner"],
    ["整改时限（完成时间）", "deadline"],
    ["整改时限(完成时间)", "deadline"],
    ["责任单位（部门）", "unit"],
    [" 问题描述 ", "description"],
    // ambiguities the brief calls out
    ["完成时间", "completed"],
    ["计划完成时间", "deadline"],
    ["计划完成日期", "deadline"],
    ["整改完成时限", "deadline"],
    ["问题", "description"],
    ["问题来源", "source"],
    ["问题类别", "category"],
    ["销号时间", "closedOn"],
    ["是否销号", "closed"],
    ["完成情况", "status"],
    ["整改完成情况", "status"],
    // realistic variants reached by "contains"
    ["整改责任人", "owner"],
    ["问题整改责任人", "owner"],
    ["整改责任单位", "unit"],
    ["责任处室", "unit"],
    ["问题清单", "description"],
    ["巡察反馈问题", "description"],
    ["存在的主要问题", "description"],
    ["佐证材料清单", "evidence"],
    ["销号佐证材料", "evidence"],
    ["整改进展情况", "progress"],
    ["目前进展情况", "progress"],
    ["问题整改情况", "progress"],
    ["是否完成整改", "status"],
    ["当前状态", "status"],
    ["整改措施完成情况", "status"],
    ["问题分类", "category"],
    ["问题线索来源", "source"],
    ["问题性质", "category"],
    ["整改时限要求", "deadline"],
    ["是否已销号", "closed"],
    ["已销号日期", "closedOn"],
    ["实际完成日期", "completed"],
    ["整改完成时间", "completed"],
    ["最近一次回头看时间", "reviewed"],
    ["备注说明", "note"],
    ["具体整改措施", "measures"],
    ["整改目标及措施", "measures"],
    ["分管负责人", "leader"],
    ["负责人", "owner"],
    // not headers
    ["", null],
    ["   ", null],
    ["姓名", null],
    ["Note", null],
    ["XX单位巡察整改问题整改台账", null],
    ["工程建设领域问题整改情况统计表", null],
    ["2025年3月31日", null],
    ["施工单位未按规定开展隐蔽工程验收，存在问题未及时整改的情况", null],
  ])("%j → %s", (text, field) => {
    expect(matchField(text)).toBe(field);
  });
});

describe("matchField — properties", () => {
  it("never throws, and ignores whitespace anywhere in the header", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const field = matchField(text);
        expect(field === null || FIELD_KEYS.includes(field)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...FIELD_KEYS.flatMap((field) => FIELD_SYNONYMS[field])),
        fc.nat(),
        fc.constantFrom(" ", "\u3000", "\n", "\t"),
        (synonym, at, space) => {
          const i = at % (synonym.length + 1);
          expect(matchField(synonym.slice(0, i) + space + synonym.slice(i))).toBe(matchField(synonym));
        },
      ),
    );
  });
});

describe("matchHeader — how a header names its field", () => {
  it.each<[string, HeaderMatch | null]>([
    ["责任单位", { field: "unit", kind: "exact", length: 4 }],
    ["整改责任单位", { field: "unit", kind: "contains", length: 4 }],
    ["所属责任公司", { field: "unit", kind: "meaning", length: 4 }],
    // the longest reading wins: 目标…完成时间 (6) over the contained 完成时间 (4)
    ["目标完成时间", { field: "deadline", kind: "meaning", length: 6 }],
    ["实际整改完成时间", { field: "completed", kind: "meaning", length: 8 }],
    ["计划整改完成时间", { field: "deadline", kind: "meaning", length: 8 }],
    ["是否整改完成", { field: "status", kind: "meaning", length: 6 }],
    ["整改计划及措施", { field: "measures", kind: "meaning", length: 2 }],
    // equal length: the contained synonym 验收人 beats the meaning pattern 验收…人 over the same text
    ["销号验收人", { field: "signer", kind: "contains", length: 3 }],
    ["姓名", null],
  ])("%j → %j", (text, match) => expect(matchHeader(text)).toEqual(match));

  it("every meaning pattern is written for the normalised header (no whitespace, half-width, lower case)", () => {
    for (const field of FIELD_KEYS) {
      for (const pattern of FIELD_HEADERS[field].meanings) {
        expect([field, pattern.flags.includes("g") || pattern.flags.includes("y")]).toEqual([field, false]);
        expect([field, /\s|[\uFF01-\uFF5E]/u.test(pattern.source)]).toEqual([field, false]);
      }
    }
  });
});

describe("compareHeaderMatches — which of two columns keeps a field", () => {
  const exact: HeaderMatch = { field: "status", kind: "exact", length: 2 };
  const longExact: HeaderMatch = { field: "status", kind: "exact", length: 6 };
  const contains: HeaderMatch = { field: "status", kind: "contains", length: 4 };
  const longContains: HeaderMatch = { field: "status", kind: "contains", length: 6 };
  const meaning: HeaderMatch = { field: "status", kind: "meaning", length: 8 };

  it("ranks exact > contains > meaning whatever the lengths", () => {
    expect(compareHeaderMatches(exact, contains)).toBeLessThan(0);
    expect(compareHeaderMatches(contains, meaning)).toBeLessThan(0);
    expect(compareHeaderMatches(meaning, exact)).toBeGreaterThan(0);
  });

  it("prefers the longer match below exact, and calls two exact matches equal (the leftmost column stays)", () => {
    expect(compareHeaderMatches(longContains, contains)).toBeLessThan(0);
    expect(compareHeaderMatches(exact, longExact)).toBe(0);
    expect(compareHeaderMatches(contains, contains)).toBe(0);
  });
});
