/**
 * Test scenario: one ledger as it stood at four weekly meetings, for the period comparison (本期 vs
 * 上期). Between the meetings rows are inserted (E at the top), deleted (F), renumbered (序号 is
 * always the position), finished (B), closed (G, then B), reopened (G), a deadline is moved later
 * (C), a description is edited (H), and A is red three periods running.
 *
 * | item | 03-03 | 03-10 | 03-17 | 03-24 |
 * |---|---|---|---|---|
 * | A 招标 (deadline 02-05) | yellow | red | red | red |
 * | B 合同 (03-31) | green | green | done 03-15 | closed |
 * | C 变更 (02-20 → 04-30 at 03-17) | green (11 d) | yellow | green | green |
 * | D 结算 (02-10) | yellow | yellow | red | red |
 * | E 监理 (inserted at 03-10, row 2) | — | green | green | green |
 * | F 食堂 | green | green | deleted | — |
 * | G 培训 (03-15) | done 02-28 | closed | 整改中 again | 整改中 |
 * | H 公务用车 | green | green | green | description edited |
 *
 * Expected comparisons are worked out by hand in the tests, not taken from a run.
 */
import { evaluate } from "../../src/core/evaluate";
import { recordPeriod } from "../../src/core/history/periods";
import type { PeriodRecord } from "../../src/core/history/record";
import { DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import type { EvaluationResult } from "../../src/core/types";
import type { Comparison } from "../../src/core/history/compare";
import { gridFrom } from "./grid-builder";

export const PERIODS = ["2025-03-03", "2025-03-10", "2025-03-17", "2025-03-24"] as const;
export type Period = (typeof PERIODS)[number];

export const LEDGER_HEADER = [
  "序号",
  "问题描述",
  "整改措施",
  "责任单位",
  "责任人",
  "整改时限",
  "整改状态",
  "完成时间",
  "是否销号",
  "佐证材料",
];

interface ItemState {
  readonly description: string;
  readonly unit: string;
  readonly owner: string;
  readonly deadline: string;
  readonly status: string;
  readonly completed: string;
  readonly closed: string;
  readonly evidence: string;
}

const base = (description: string, unit: string, owner: string, deadline: string): ItemState => ({
  description,
  unit,
  owner,
  deadline,
  status: "整改中",
  completed: "",
  closed: "否",
  evidence: "",
});

const A = base("招标文件编制不规范，评分标准不明确", "工程部", "张伟", "2025-02-05");
const B = base("合同签订滞后于开工时间", "合同部", "李娜", "2025-03-31");
const C = base("工程变更未经审批即实施", "工程部", "王强", "2025-02-20");
const D = base("竣工结算审核不严，存在多计工程量", "财务部", "赵敏", "2025-02-10");
const E = base("监理日志缺失，旁站记录不全", "监理部", "陈刚", "2025-06-30");
const F = base("食堂采购无台账", "办公室", "刘洋", "2025-04-30");
const G = base("安全培训记录不全", "安监部", "孙丽", "2025-03-15");
const H = base("公务用车使用登记不完整", "办公室", "周杰", "2025-05-31");

const done = (item: ItemState, completed: string): ItemState => ({
  ...item,
  status: "已完成",
  completed,
  evidence: "整改报告及会议纪要",
});
const closed = (item: ItemState, completed: string): ItemState => ({ ...done(item, completed), closed: "是" });

/** Each period's items, top to bottom. */
export const LEDGER_AT: Readonly<Record<Period, readonly ItemState[]>> = {
  "2025-03-03": [A, B, C, D, F, done(G, "2025-02-28"), H],
  "2025-03-10": [E, A, B, C, D, F, closed(G, "2025-02-28"), H],
  "2025-03-17": [E, A, done(B, "2025-03-15"), { ...C, deadline: "2025-04-30" }, D, G, H],
  "2025-03-24": [
    E,
    A,
    closed(B, "2025-03-15"),
    { ...C, deadline: "2025-04-30" },
    D,
    G,
    { ...H, description: "公务用车使用登记不完整、不及时" },
  ],
};

/** The ledger sheet's rows at a period: the header on row 1, items from row 2, 序号 = position. */
export function ledgerRows(period: Period): string[][] {
  return [
    LEDGER_HEADER,
    ...LEDGER_AT[period].map((item, index) => [
      String(index + 1),
      item.description,
      `修订《${item.unit}管理办法》并组织培训2次`,
      item.unit,
      item.owner,
      item.deadline,
      item.status,
      item.completed,
      item.closed,
      item.evidence,
    ]),
  ];
}

/**
 * Each period evaluated against the periods recorded before it (recorded in memory); `through`
 * lets a test pass the history through a host's storage between periods.
 */
export function evaluateFourPeriods(
  settings: Settings = DEFAULT_SETTINGS,
  through: (history: PeriodRecord[]) => PeriodRecord[] = (history) => history,
): Record<Period, EvaluationResult> {
  let history: PeriodRecord[] = [];
  const results = {} as Record<Period, EvaluationResult>;
  for (const today of PERIODS) {
    const evaluation = evaluate({
      ledger: gridFrom(ledgerRows(today), { sheet: "整改台账" }),
      today,
      settings,
      history: { records: history, source: "history" },
    });
    if (!evaluation.ok) throw new Error(evaluation.message.zh);
    results[today] = evaluation.result;
    history = through(recordPeriod(history, today, evaluation.result.period?.records ?? []));
  }
  return results;
}

/**
 * The comparison at each later meeting, worked out by hand from the table above (source: this
 * workbook's 评估记录). Rows: the header is row 1; from 03-10 E is row 2, A 3, B 4, C 5, D 6; F 7 and
 * G 8 at 03-10, G 7 and H 8 from 03-17. Rates are rounded to three decimals.
 */
export const EXPECTED: Readonly<Record<Exclude<Period, "2025-03-03">, Comparison>> = {
  "2025-03-10": {
    since: "2025-03-03",
    source: "history",
    newItems: [2],
    removedItems: [],
    newlyDone: [],
    newlyClosed: [8],
    turnedYellow: [5],
    turnedRed: [3],
    consecutiveRed: [],
    wentBack: [],
    deadlineMoved: [],
    rates: {
      completionRate: { now: 0.125, before: 0.143 },
      closeRate: { now: 0.125, before: 0 },
      onTimeRate: { now: 1, before: 1 },
    },
    trend: [
      { period: "2025-03-03", items: 7, done: 1, closed: 0, red: 0, yellow: 2 },
      { period: "2025-03-10", items: 8, done: 1, closed: 1, red: 1, yellow: 2 },
    ],
  },
  "2025-03-17": {
    since: "2025-03-10",
    source: "history",
    newItems: [],
    removedItems: [{ seq: "6", description: "食堂采购无台账" }],
    newlyDone: [4],
    newlyClosed: [],
    turnedYellow: [],
    turnedRed: [6],
    consecutiveRed: [{ row: 3, periods: 2 }],
    wentBack: [7],
    deadlineMoved: [{ row: 5, from: "2025-02-20", to: "2025-04-30" }],
    rates: {
      completionRate: { now: 0.143, before: 0.125 },
      closeRate: { now: 0, before: 0.125 },
      onTimeRate: { now: 1, before: 1 },
    },
    trend: [
      { period: "2025-03-03", items: 7, done: 1, closed: 0, red: 0, yellow: 2 },
      { period: "2025-03-10", items: 8, done: 1, closed: 1, red: 1, yellow: 2 },
      { period: "2025-03-17", items: 7, done: 1, closed: 0, red: 2, yellow: 0 },
    ],
  },
  "2025-03-24": {
    since: "2025-03-17",
    source: "history",
    newItems: [],
    removedItems: [],
    newlyDone: [],
    newlyClosed: [4],
    turnedYellow: [],
    turnedRed: [],
    consecutiveRed: [
      { row: 3, periods: 3 },
      { row: 6, periods: 2 },
    ],
    wentBack: [],
    deadlineMoved: [],
    rates: {
      completionRate: { now: 0.143, before: 0.143 },
      closeRate: { now: 0.143, before: 0 },
      onTimeRate: { now: 1, before: 1 },
    },
    trend: [
      { period: "2025-03-03", items: 7, done: 1, closed: 0, red: 0, yellow: 2 },
      { period: "2025-03-10", items: 8, done: 1, closed: 1, red: 1, yellow: 2 },
      { period: "2025-03-17", items: 7, done: 1, closed: 0, red: 2, yellow: 0 },
      { period: "2025-03-24", items: 7, done: 1, closed: 1, red: 2, yellow: 0 },
    ],
  },
};
