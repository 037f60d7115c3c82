/**
 * Five layouts of one generated ledger, as units lay out the same columns differently (other header
 * words, no title, a 填报单位 line and a 栏次 row, columns in another order): the consolidation's
 * benchmarks (bench/combine.ts, bench/combine-jobs.ts) combine ledgers that do not look alike.
 */
import type { CellValue, Grid, MergeArea } from "../src/core/types";
import { generateLedger, type GeneratedLedger } from "../test/support/ledger-generator";

/** Other words units use for the same columns (SPEC §2), so no two layouts share a header. */
const SYNONYMS: readonly (readonly string[])[] = [
  [
    "编号",
    "整改维度",
    "反馈问题",
    "整改目标及措施",
    "整改分类",
    "牵头单位",
    "具体责任人",
    "下发时间",
    "完成时限",
    "完成情况",
    "实际完成时间",
    "销号情况",
    "支撑材料",
    "审核人",
    "备注",
  ],
  [
    "问题编号",
    "分类",
    "存在问题",
    "整改举措",
    "整改方式",
    "责任部门",
    "经办人",
    "交办日期",
    "整改期限",
    "整改状态",
    "完成日期",
    "销号状态",
    "证明材料",
    "验收人员",
    "备注",
  ],
];

/**
 * The generated ledger laid out another way: columns in the order `order` (old column numbers,
 * 1-based), header words from `header`, `extraAbove` rows (a 填报单位 line) under the title, and a
 * 栏次 row under the header when `columnNumbers`.
 */
function relayout(
  ledger: GeneratedLedger,
  options: {
    order?: readonly number[];
    header?: readonly string[];
    title?: string | null;
    fillerLine?: string;
    columnNumbers?: boolean;
  },
): GeneratedLedger {
  const { grid } = ledger;
  const width = grid.values[1]?.length ?? 0;
  const order = options.order ?? Array.from({ length: width }, (_, i) => i + 1);
  const newCol = new Map(order.map((old, i) => [old, i + 1]));
  const permute = <T>(row: readonly T[] | undefined, fill: T): T[] => order.map((old) => row?.[old - 1] ?? fill);
  const values: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  const merges: MergeArea[] = [];
  const blank = (): CellValue[] => Array<CellValue>(width).fill(null);
  const title = options.title === undefined ? (grid.values[0]?.[0] ?? null) : options.title;
  if (title !== null) {
    values.push([title, ...blank().slice(1)]);
    formats.push([]);
    merges.push({ top: 1, left: 1, bottom: 1, right: width });
  }
  if (options.fillerLine) {
    values.push([options.fillerLine, ...blank().slice(1)]);
    formats.push([]);
  }
  const header = options.header ? permute(options.header, "") : permute(grid.values[1], null);
  values.push(header);
  formats.push([]);
  if (options.columnNumbers) {
    values.push(header.map((_, i) => i + 1));
    formats.push([]);
  }
  const shift = values.length - 2; // grid rows from 3 on move by this much
  for (let r = 2; r < grid.values.length; r++) {
    values.push(permute(grid.values[r], null));
    formats.push(permute(grid.numberFormats?.[r], null));
  }
  for (const m of grid.merges) {
    if (m.top === 1) continue;
    const full = m.left === 1 && m.right === width;
    const left = full ? 1 : (newCol.get(m.left) ?? m.left);
    merges.push({ top: m.top + shift, bottom: m.bottom + shift, left, right: full ? width : left });
  }
  const out: Grid = { ...grid, values, numberFormats: formats, merges };
  return { grid: out, items: ledger.items };
}

/** Five layouts of one generated ledger (the i-th file's unit named in its title). */
export function layoutVariant(items: number, seed: number, variant: number, unit: string): GeneratedLedger {
  const base = generateLedger(items, seed);
  const title = `${unit}巡察反馈问题整改台账`;
  const reversedMiddle = [1, 3, 4, 2, 6, 7, 5, 9, 8, 10, 11, 12, 13, 14, 15];
  switch (variant % 5) {
    case 0:
      return relayout(base, { title });
    case 1:
      return relayout(base, { title: null, header: SYNONYMS[0] });
    case 2:
      return relayout(base, { title, order: reversedMiddle });
    case 3:
      return relayout(base, {
        title: "问题整改台账",
        fillerLine: `填报单位：${unit}（盖章）    填报日期：2025年3月28日`,
        columnNumbers: true,
      });
    default:
      return relayout(base, { title, header: SYNONYMS[1], order: reversedMiddle });
  }
}
