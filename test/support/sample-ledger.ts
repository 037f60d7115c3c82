/**
 * Sample ledgers and surveys for the plan and writer tests, as rows (for `gridFrom` and for
 * exceljs), and a helper that evaluates them with the real engine.
 */
import { evaluate } from "../../src/core/evaluate";
import { DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import type { CellValue, EvaluationResult } from "../../src/core/types";
import { gridFrom } from "./grid-builder";

export const TODAY = "2025-03-31";
export const LEDGER_SHEET = "整改台账";
export const SURVEY_SHEET = "满意度调查";

/** Title row (merged A1:J1), header on row 2, items on rows 3–8. Row 4's description begins with "=". */
export const LEDGER_ROWS: CellValue[][] = [
  ["XX单位巡察整改问题整改台账"],
  ["序号", "问题描述", "整改措施", "整改类型", "责任单位", "责任人", "整改时限", "整改状态", "完成时间", "是否销号"],
  [
    1,
    "招标文件审核不严",
    "修订《招标管理办法》",
    "限期整改",
    "工程部",
    "张三",
    "2025-03-15",
    "已完成",
    "2025-03-10",
    "是",
  ],
  [2, "=SUM(A1:A9) 合同台账缺失", "建立合同台账", "限期整改", "财务部", "李四", "2025-02-10", "整改中", "", ""],
  [3, "资料归档不全", "加强管理，提高意识", "立行立改", "工程部", "", "2025-03-10", "整改中", "", ""],
  [4, "验收流程不规范", "制定《验收细则》，开展培训2次", "限期整改", "工程部", "王五", "2025-04-30", "未开始", "", ""],
  [5, "廉政教育不足", "常态化开展警示教育", "长效治理", "办公室", "赵六", "长期坚持", "长期坚持", "", ""],
  [6, "-3 项采购未公示", "补充公示", "立行立改", "财务部", "钱七", "2025-03-01", "已完成", "2025-03-20", ""],
];

/** Five-level A scale; row 2 is the weights row. */
export const SURVEY_ROWS: CellValue[][] = [
  ["序号", "对整改工作总体评价", "对作风转变的评价", "对问题整改效果的评价"],
  ["权重", 0.5, 0.3, 0.2],
  [1, "非常满意", "满意", "很满意"],
  [2, "满意", "基本满意", "满意"],
  [3, "不满意", "不了解", "基本满意"],
  [4, "非常满意", "非常满意", ""],
  [5, "很满意", "不太满意", "满意"],
];

/** A numeric 1–5 survey (no weights). */
export const NUMERIC_SURVEY_ROWS: CellValue[][] = [
  ["序号", "总体评价", "作风评价"],
  [1, 5, 4],
  [2, 4, 3],
  [3, 2, 5],
  [4, 5, ""],
];

export function evaluateRows(
  ledgerRows: CellValue[][] = LEDGER_ROWS,
  surveyRows: CellValue[][] | null = SURVEY_ROWS,
  settings: Settings = DEFAULT_SETTINGS,
): EvaluationResult {
  const evaluation = evaluate({
    ledger: gridFrom(ledgerRows, { sheet: LEDGER_SHEET, merges: ["A1:J1"] }),
    survey: surveyRows ? gridFrom(surveyRows, { sheet: SURVEY_SHEET }) : null,
    today: TODAY,
    settings,
  });
  if (!evaluation.ok) throw new Error(`sample ledger did not evaluate: ${evaluation.message.en}`);
  return evaluation.result;
}
