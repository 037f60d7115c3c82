/**
 * The words of a consolidation — sheet names and column headers — shared by the command line's
 * workbook (`combine --out`, src/cli/combine/workbook.ts) and the pane's sheets
 * (`./combined-sheets.ts`), so both say the same thing in the same order.
 */
import { LIGHT_LABELS, STATUS_LABELS } from "../vocabulary";

export const SHEET_NAMES = {
  units: "各单位汇总",
  warnings: "红黄灯清单",
  ledger: "问题总台账",
  failed: "未能读取",
} as const;

/** The columns 问题总台账 (and 红黄灯清单) add to say where an item came from; `split --by source` groups by the first. */
export const SOURCE_UNIT_HEADER = "来源单位";
export const SOURCE_FILE_HEADER = "来源文件";
export const SOURCE_ROW_HEADER = "原行号";

/**
 * 各单位汇总's columns, one row per file read. The last two (按期完成数, 可计按期数) are the on-time
 * rate's counts, so its formula can be recomputed; both the command line and the pane hide them
 * (`UNIT_HIDDEN_HEADERS`).
 */
export const UNIT_HEADERS = [
  "单位",
  "文件",
  "事项数",
  STATUS_LABELS.done,
  STATUS_LABELS.closed,
  LIGHT_LABELS.red,
  LIGHT_LABELS.yellow,
  LIGHT_LABELS.green,
  "逾期",
  "完成率",
  "销号率",
  "按期完成率",
  "错误",
  "提醒",
  "满意度",
  "按期完成数",
  "可计按期数",
] as const;

/** 各单位汇总's helper columns, hidden: the on-time rate's counts, which its formula divides. */
export const UNIT_HIDDEN_HEADERS: readonly (typeof UNIT_HEADERS)[number][] = ["按期完成数", "可计按期数"];

/** 各单位汇总's hidden columns as 1-based sheet columns (the table starts at column A). */
export const UNIT_HIDDEN_COLUMNS: readonly number[] = UNIT_HIDDEN_HEADERS.map((h) => UNIT_HEADERS.indexOf(h) + 1);

/** The label of 各单位汇总's totals row. */
export const TOTALS_LABEL = "合计";
export const filesCountText = (n: number): string => `${n} 个文件`;

/** 红黄灯清单's columns: every red and yellow item of every file. */
export const WARNING_HEADERS = [
  SOURCE_UNIT_HEADER,
  SOURCE_FILE_HEADER,
  SOURCE_ROW_HEADER,
  "序号",
  "预警",
  "逾期天数",
  "问题描述",
  "责任单位",
  "责任人",
  "整改时限",
] as const;

/** 未能读取's columns: the files that could not be read and why. */
export const FAILED_HEADERS = ["文件", "原因"] as const;
