/**
 * Deterministic generator of realistic ledgers for the benchmarks: the mix of the demo ledger —
 * a title row, a section row per dimension, every status and light, dates typed several ways,
 * units merged over runs of rows — at any size. Same `size` and `seed`, same ledger.
 */
import ExcelJS from "exceljs";
import type { CellValue, Grid, MergeArea } from "../../src/core/types";

/** A small, fast, seedable PRNG (mulberry32): benchmarks must not depend on Math.random. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const BENCH_TODAY = "2025-03-31";
/** Excel serial of 2025-03-31 in the 1900 system. */
const TODAY_SERIAL = 45747;

export const HEADER = [
  "序号",
  "问题类别",
  "问题描述",
  "整改措施",
  "整改类型",
  "责任单位",
  "责任人",
  "交办时间",
  "整改时限",
  "整改状态",
  "完成时间",
  "是否销号",
  "佐证材料",
  "验收人",
  "备注",
] as const;

const DIMENSIONS = ["制度健全性", "执行规范性", "风险防控有效性", "责任落实精准性", "成效可持续性"];
const UNITS = ["工程建设科", "财务审计科", "综合办公室", "安全监督站", "规划设计处", "招标采购中心", "信息中心"];
const OWNERS = [
  "张伟",
  "王芳",
  "李强",
  "刘洋",
  "陈静",
  "杨磊",
  "赵敏",
  "黄涛",
  "周杰",
  "吴丽",
  "工程建设科",
  "张伟、王芳",
];
const PROBLEMS = [
  "部分项目未按规定公开招标",
  "工程款拨付滞后，审批流程冗长",
  "施工过程监管缺失，监理日志不全",
  "合同变更未经集体决策",
  "廉政风险点排查不全面",
  "竣工验收资料缺失",
];
const MEASURES = [
  "修订《工程建设项目管理办法》，明确招标范围和标准，2025年6月底前印发",
  "建立项目全流程电子审批系统，实现全过程留痕",
  "组织全员培训2轮，覆盖率达100%",
  "进一步加强管理，切实提高认识",
  "设立廉政风险点清单（共23个），每季度开展一次专项检查",
  "引入第三方审计机构参与重大项目审计",
];
const STATUSES = ["已完成", "整改中", "未启动", "已销号", "基本完成", "序时推进", "", "长期坚持", "待研究"];
const TYPES = ["立行立改", "限期整改", "长效治理", "限期整改", "其他"];

/** A deadline typed one of the ways real ledgers do, relative to the benchmark's today. */
function deadlineCell(rand: () => number): { value: CellValue; format: string | null } {
  const offset = Math.floor(rand() * 160) - 100; // from 100 days overdue to 60 days ahead
  const serial = TODAY_SERIAL + offset;
  const form = Math.floor(rand() * 6);
  const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  switch (form) {
    case 0:
    case 1:
      return { value: serial, format: "yyyy/m/d" };
    case 2:
      return { value: `${y}年${m}月${d}日`, format: null };
    case 3:
      return { value: `${y}.${m}.${d}`, format: null };
    case 4:
      return { value: `${y}年${m}月底前`, format: null };
    default:
      return { value: rand() < 0.5 ? "长期坚持" : "2024年底前，并长期坚持", format: null };
  }
}

export interface GeneratedLedger {
  readonly grid: Grid;
  readonly items: number;
}

/** A ledger of `items` items on one sheet, deterministic for a seed. */
export function generateLedger(items: number, seed = 42): GeneratedLedger {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const values: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  const merges: MergeArea[] = [];
  const width = HEADER.length;

  values.push(["XX市交通运输局巡察反馈问题整改台账", ...Array<CellValue>(width - 1).fill(null)]);
  formats.push([]);
  merges.push({ top: 1, left: 1, bottom: 1, right: width });
  values.push([...HEADER]);
  formats.push([]);

  const perSection = Math.ceil(items / DIMENSIONS.length);
  let seq = 0;
  let unitRunLeft = 0;
  for (let d = 0; d < DIMENSIONS.length && seq < items; d++) {
    const sectionRow = values.length + 1;
    values.push([`${"一二三四五"[d]}、${DIMENSIONS[d]}`, ...Array<CellValue>(width - 1).fill(null)]);
    formats.push([]);
    merges.push({ top: sectionRow, left: 1, bottom: sectionRow, right: width });
    unitRunLeft = 0;
    for (let i = 0; i < perSection && seq < items; i++) {
      seq++;
      const row = values.length + 1;
      const status = pick(STATUSES);
      const finished = status === "已完成" || status === "已销号";
      const deadline = deadlineCell(rand);
      const assigned = TODAY_SERIAL - 120 - Math.floor(rand() * 60);
      let unit: CellValue = null;
      if (unitRunLeft === 0) {
        // A unit cell merged down over a run of 1–4 rows, as ledgers group items by unit.
        unitRunLeft = Math.min(1 + Math.floor(rand() * 4), perSection - i);
        unit = pick(UNITS);
        if (unitRunLeft > 1) merges.push({ top: row, left: 6, bottom: row + unitRunLeft - 1, right: 6 });
      }
      unitRunLeft--;
      values.push([
        rand() < 0.002 ? seq - 1 : seq, // the odd duplicate 序号
        DIMENSIONS[d] as string,
        `${pick(PROBLEMS)}（第${seq}项）`,
        pick(MEASURES),
        pick(TYPES),
        unit,
        pick(OWNERS),
        assigned,
        deadline.value,
        status,
        finished ? TODAY_SERIAL - Math.floor(rand() * 40) : null,
        status === "已销号" ? "是" : "否",
        finished && rand() < 0.8 ? "会议纪要、制度文件" : null,
        finished && rand() < 0.7 ? "李主任" : null,
        rand() < 0.1 ? "=需复核" : null,
      ]);
      formats.push([null, null, null, null, null, null, null, "yyyy/m/d", deadline.format, null, "yyyy/m/d"]);
    }
  }
  values.push(["填表说明：整改时限按“年月日”填写。", ...Array<CellValue>(width - 1).fill(null)]);
  formats.push([]);

  return {
    grid: { sheet: "整改台账", origin: { row: 1, col: 1 }, values, numberFormats: formats, merges, date1904: false },
    items: seq,
  };
}

/** Excel serial → the JS Date exceljs writes for it (exceljs dates are UTC). */
function serialToDate(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
}

/** Writes a generated ledger to `.xlsx` with exceljs' streaming writer (100,000 rows fit in memory). */
export async function writeLedgerXlsx(ledger: GeneratedLedger, path: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet(ledger.grid.sheet);
  const { values, numberFormats } = ledger.grid;
  // The streaming writer forgets committed rows, so each merge is declared before its top row is committed.
  const mergesByTop = new Map<number, MergeArea[]>();
  for (const m of ledger.grid.merges) mergesByTop.set(m.top, [...(mergesByTop.get(m.top) ?? []), m]);
  values.forEach((row, r) => {
    const formatRow = numberFormats?.[r] ?? [];
    const excelRow = sheet.getRow(r + 1);
    row.forEach((value, c) => {
      if (value === null) return;
      const cell = excelRow.getCell(c + 1);
      const format = formatRow[c];
      if (typeof value === "number" && format) {
        cell.value = serialToDate(value);
        cell.numFmt = format;
      } else if (typeof value === "string" && value.startsWith("=")) {
        cell.value = { richText: [{ text: value }] }; // text that looks like a formula stays text
      } else {
        cell.value = value as ExcelJS.CellValue;
      }
    });
    for (const m of mergesByTop.get(r + 1) ?? []) sheet.mergeCells(m.top, m.left, m.bottom, m.right);
    excelRow.commit();
  });
  sheet.commit();
  await workbook.commit();
}
