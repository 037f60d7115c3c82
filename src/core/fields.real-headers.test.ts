/**
 * Header cells from real ledger and rectification-list forms → the field they name (or none).
 *
 * Sources (public GitHub code found with the project's code search; the id is the search index's
 * file id, the phrase says which form the headers came from):
 * - A. id 15232229343 — a public audit-skills contest's 审计整改 consolidation script (the group
 *      ledgers' columns: 所属责任公司, 整改计划及措施, 是否整改完成);
 * - B. id 69822987188 — an audit-rectification system's 整改清单/责任清单/问题清单 Excel export headers;
 * - C. id 25904638531 — an internal-audit 整改问题列表 export (审计/检查 variants);
 * - D. id 66836809919 — a compliance 符合性评价记录 sheet with a rectification block;
 * - E. id 15995043228 — a 隐患排查 ledger export (排查地点 … 整改结果);
 * - F. id 23677128415 — a 隐患整改 grid (整改人员, 整改完成时间, 整改目标, 整改措施, 整改状态);
 * - G. id 68451965490 — a month-end 问题跟踪 log (问题编号 … 计划完成日, 状态, 关闭证据);
 * - H. id 41595636480 — a 隐患排查整改台账模板 table (整改时限, 责任人, 整改到位时间, 销号时间);
 * - I. id 59699863453 — a hazard form reader's field aliases (整改期限, 完成期限, 截止时间, 整改完成时间);
 * - J. id 61042820210 — a 清单问题列表 (整改责任单位, 问题来源, 整改状态, 整改期限, 办结时间);
 * - K. id 32628330443 / 11065151061 / 34198384491 — hazard-rectification records (整改责任人,
 *      验收责任人, 整改措施及完成情况, 整改责任单位/部门, 整改验证人);
 * - L. id 21452353889 / 13475839010 / 203313723 — 议定事项/督办 forms (落实情况, 整改情况（月）, 整改截止时间);
 * - M. id 55097616756 / 55731808966 / 21395983218 / 2733376405 — 问题清单/整改清单 grids (责任部门/责任人,
 *      处理状态, 举一反三情况, 整改周期, 承办科室, 承办人, 主要负责部门, 推进情况);
 * - N. id 26419433515 / 33959261760 / 23256337340 / 25929400113 / 71439525908 — 督察销号汇总表 and
 *      nonconformity ledgers (问题简述, 问题整改完成时限, 需要整改完成时限, 答复时限, 客观证据);
 * - O. id 6998930354 / 560488160 / 49832801432 — outage and hazard records (是否整改完成, 上次复查时间,
 *      整改完成日期).
 * Amount columns (…金额, …（万元）) are left out: they name amount fields, not the ones tested here.
 */
import { matchField } from "./fields";
import type { FieldKey } from "./types";

const REAL_HEADERS: readonly (readonly [string, FieldKey | null])[] = [
  // A
  ["所属责任公司", "unit"],
  ["整改计划及措施", "measures"],
  ["是否整改完成", "status"],
  // B
  ["序号", "seq"],
  ["单位名称 ", "unit"],
  ["问题来源", "source"],
  ["审计报告出具年份", null],
  ["问题类别", "category"],
  ["问题在审计报告中的序号及表述", "description"],
  ["整改目标清单", null],
  ["具体责任单位整改责任人", "owner"],
  ["具体责任单位整改情况", "progress"],
  ["一级单位", null],
  ["具体责任单位", "unit"],
  ["一级标题", null],
  ["在审计报告中的表述", null],
  ["具体问题表述", "description"],
  ["负责监督管理责任的主管部门", null],
  ["整改类型", "type"],
  ["法规政策依据", null],
  ["整改时限", "deadline"],
  ["整改完成标准", null],
  ["细化的整改措施", "measures"],
  ["整改第一责任人", "leader"],
  ["协助整改工作的领导", null],
  ["牵头整改部门责任人及联系电话", "owner"],
  ["已采取的整改措施", "progress"],
  ["完善制度情况", null],
  ["是否已完成整改", "status"],
  ["是否销号", "closed"],
  ["是否已整改完成", "status"],
  // C
  ["系统分类", "category"],
  ["主要责任单位", "unit"],
  ["执行单位", null],
  ["被审计单位", null],
  ["存在问题", "description"],
  ["整改原因", null],
  ["整改措施", "measures"],
  ["审计结论", null],
  ["整改期限", "deadline"],
  ["完成情况", "status"],
  ["完成日期", "completed"],
  ["检查结论", null],
  // D
  ["差距分析", null],
  ["责任部门或责任人", "unit"],
  ["计划完成日期", "deadline"],
  ["实际完成日期", "completed"],
  ["验证结果", null],
  ["逾期天数", null],
  // E
  ["排查地点", null],
  ["排查时间", null],
  ["存在的隐患及问题", "description"],
  ["类别", "category"],
  ["等级", null],
  ["责任单位/责任人", "unit"],
  ["时限", "deadline"],
  ["预案", null],
  // F
  ["整改完成时间", "completed"],
  ["整改目标", null],
  ["整改状态", "status"],
  // G
  ["问题编号", "seq"],
  ["期间", null],
  ["问题描述", "description"],
  ["优先级", null],
  ["根因", null],
  ["责任人", "owner"],
  ["计划完成日", "deadline"],
  ["状态", "status"],
  // H
  ["被检查单位", null],
  ["备注", "note"],
  ["整改到位时间", "completed"],
  ["销号时间", "closedOn"],
  // I
  ["完成期限", "deadline"],
  ["截止时间", "deadline"],
  ["整改时间", "deadline"],
  // J
  ["问题标题", "description"],
  ["整改责任单位", "unit"],
  ["行业主管部门", null],
  ["办结时间", "completed"],
  // K
  ["整改责任人", "owner"],
  ["验收责任人", "signer"],
  ["隐患分类", "category"],
  ["整改措施及完成情况", "status"],
  ["整改责任单位/部门", "unit"],
  ["整改验证人", "signer"],
  // L
  ["完成时间", "completed"],
  ["责任单位", "unit"],
  ["落实情况", "progress"],
  ["整改情况（月）", "progress"],
  ["整改截止时间", "deadline"],
  // M
  ["责任部门", "unit"],
  ["问题详细描述", "description"],
  ["责任部门/责任人", "unit"],
  ["处理状态", "status"],
  ["责任领导", "leader"],
  ["举一反三情况", null],
  ["承办科室", "unit"],
  ["工作内容", null],
  ["主要负责部门", "unit"],
  ["推进情况", "progress"],
  ["项目进度", "progress"],
  // N
  ["问题简述", "description"],
  ["问题整改完成时限", "deadline"],
  ["整改进度", "progress"],
  ["需要整改完成时限", "deadline"],
  ["编号", "seq"],
  ["发现活动", null],
  ["客观证据", null],
  ["分类", "category"],
  // O
  ["上次复查时间", "reviewed"],
  ["整改完成日期", "completed"],
  ["沟通回访情况", null],
  // The group ledgers' other columns in the issue's words (target date, acceptance person).
  ["目标完成时间", "deadline"],
  ["计划整改完成时间", "deadline"],
  ["实际整改完成时间", "completed"],
  ["验收人", "signer"],
  ["审批签字人", "signer"],
];

describe("matchField on header cells from real forms", () => {
  it("holds at least 100 of them", () => expect(REAL_HEADERS.length).toBeGreaterThanOrEqual(100));

  it.each(REAL_HEADERS)("%j → %s", (text, field) => {
    expect(matchField(text)).toBe(field);
  });
});
