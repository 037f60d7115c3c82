/**
 * The consolidation's budgets (`combine`), run by `npm run bench`:
 *
 * - 200 generated unit ledgers of 500 items in five layouts: `combine --jobs 2` against the sum of
 *   200 separate `evaluate` runs (≤ 0.6×);
 * - on ledgers big enough for a worker to pay off (5,000 items each), `--jobs 2` against `--jobs 1`
 *   (≥ 1.6× faster), next to what the machine itself gives two processes side by side (one
 *   `evaluate` alone against two at once) — on a loaded machine the second figure bounds the first;
 * - peak RSS of `combine` over 1,000 files (the 200, five times over) ≤ 400 MB.
 *
 * Every process is run as `npm run cli` runs it (the launcher and its bundle) and measured by its
 * own peak RSS at exit (which counts its worker threads: they share the process).
 */
import { cpSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { CellValue, Grid, MergeArea } from "../src/core/types";
import { BENCH_TODAY, generateLedger, writeLedgerXlsx, type GeneratedLedger } from "../test/support/ledger-generator";
import { runNodeProcess, type ProcessRun } from "./measure";

const LAUNCHER = resolve(__dirname, "../src/cli/launch.cjs");

export interface CombineFigures {
  readonly files: number;
  readonly itemsPerFile: number;
  readonly separateEvaluateMs: number;
  readonly combineMs: number;
  readonly combinePeakRssMb: number;
  readonly bigFiles: number;
  readonly bigItems: number;
  readonly jobs1Ms: number;
  readonly jobs2Ms: number;
  readonly aloneMs: number;
  readonly pairMs: number;
  readonly thousandFiles: number;
  readonly thousandMs: number;
  readonly thousandPeakRssMb: number;
}

export interface CombineBudget {
  readonly what: string;
  readonly limit: string;
  readonly actual: string;
  readonly ok: boolean;
}

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

async function timed(args: readonly string[]): Promise<ProcessRun> {
  const run = await runNodeProcess(LAUNCHER, args, true);
  if (run.exitCode !== 0) throw new Error(`bench: ${args.slice(0, 2).join(" ")} exited with ${String(run.exitCode)}`);
  return run;
}

export async function benchCombine(dir: string): Promise<CombineFigures> {
  const files = Number(process.env.BENCH_COMBINE_FILES ?? 200);
  const itemsPerFile = 500;
  const units = join(dir, "units");
  mkdirSync(units, { recursive: true });
  const paths: string[] = [];
  for (let i = 0; i < files; i++) {
    const unit = `第${i + 1}单位`;
    const path = join(units, `${String(i + 1).padStart(4, "0")}-${unit}.xlsx`);
    await writeLedgerXlsx(layoutVariant(itemsPerFile, 1000 + i, i, unit), path);
    paths.push(path);
  }
  process.stderr.write(`bench: ${files} separate evaluate runs…\n`);
  let separateEvaluateMs = 0;
  for (const path of paths) separateEvaluateMs += (await timed(["evaluate", path, "--today", BENCH_TODAY])).wallMs;
  process.stderr.write(`bench: combine ${files} files --jobs 2…\n`);
  const combine = await timed(["combine", units, "--today", BENCH_TODAY, "--jobs", "2"]);

  const bigFiles = 8;
  const bigItems = 5_000;
  const big = join(dir, "big");
  mkdirSync(big, { recursive: true });
  for (let i = 0; i < bigFiles; i++)
    await writeLedgerXlsx(layoutVariant(bigItems, 2000 + i, i, `大单位${i + 1}`), join(big, `big-${i + 1}.xlsx`));
  process.stderr.write("bench: combine --jobs 1 vs --jobs 2 on 5,000-item ledgers…\n");
  const jobs1 = await timed(["combine", big, "--today", BENCH_TODAY, "--jobs", "1"]);
  const jobs2 = await timed(["combine", big, "--today", BENCH_TODAY, "--jobs", "2"]);
  const one = join(big, "big-1.xlsx");
  const alone = await timed(["evaluate", one, "--today", BENCH_TODAY]);
  const pairStart = process.hrtime.bigint();
  await Promise.all([
    timed(["evaluate", one, "--today", BENCH_TODAY]),
    timed(["evaluate", one, "--today", BENCH_TODAY]),
  ]);
  const pairMs = Number(process.hrtime.bigint() - pairStart) / 1e6;

  process.stderr.write("bench: combine 1,000 files (peak RSS)…\n");
  const thousand = join(dir, "thousand");
  const copies = Math.ceil(1000 / files);
  for (let c = 0; c < copies; c++) cpSync(units, join(thousand, `copy-${c + 1}`), { recursive: true });
  const many = await timed(["combine", thousand, "--today", BENCH_TODAY, "--jobs", "2"]);

  return {
    files,
    itemsPerFile,
    separateEvaluateMs,
    combineMs: combine.wallMs,
    combinePeakRssMb: combine.peakRssMb,
    bigFiles,
    bigItems,
    jobs1Ms: jobs1.wallMs,
    jobs2Ms: jobs2.wallMs,
    aloneMs: alone.wallMs,
    pairMs,
    thousandFiles: copies * files,
    thousandMs: many.wallMs,
    thousandPeakRssMb: many.peakRssMb,
  };
}

export function combineBudgets(f: CombineFigures): CombineBudget[] {
  const ratio = f.combineMs / f.separateEvaluateMs;
  const speedup = f.jobs1Ms / f.jobs2Ms;
  const machine = (2 * f.aloneMs) / f.pairMs;
  return [
    {
      what: `combine ${f.files} × ${f.itemsPerFile} items (--jobs 2) vs ${f.files} separate evaluate runs`,
      limit: "≤ 0.6×",
      actual: `${(f.combineMs / 1000).toFixed(1)} s / ${(f.separateEvaluateMs / 1000).toFixed(1)} s = ${ratio.toFixed(2)}×`,
      ok: ratio <= 0.6,
    },
    {
      what: `combine --jobs 2 vs --jobs 1, ${f.bigFiles} × ${f.bigItems.toLocaleString("en")} items (machine: two processes side by side ${machine.toFixed(2)}×)`,
      limit: "≥ 1.6×",
      actual: `${(f.jobs1Ms / 1000).toFixed(1)} s / ${(f.jobs2Ms / 1000).toFixed(1)} s = ${speedup.toFixed(2)}×`,
      ok: speedup >= 1.6,
    },
    {
      what: `combine peak RSS, ${f.thousandFiles.toLocaleString("en")} files`,
      limit: "≤ 400 MB",
      actual: `${f.thousandPeakRssMb.toFixed(0)} MB (${(f.thousandMs / 1000).toFixed(1)} s; ${f.files} files: ${f.combinePeakRssMb.toFixed(0)} MB)`,
      ok: f.thousandPeakRssMb <= 400,
    },
  ];
}
