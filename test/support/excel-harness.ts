/**
 * Workbooks for the Excel adapter tests, built on the double. Dates are serials with a date number
 * format (as Excel stores them) or text, as users type them.
 */
import {
  createExcelDouble,
  createExcelDoubleOf,
  serialFromYmd,
  type ExcelDouble,
  type SheetDescription,
  type WorkbookDescription,
} from "../../src/excel-double";
import { createExcelHost } from "../../src/excel/excel-host";
import { loadWorkbookModel } from "../../src/excel-double/xlsx/load";
import type { WorkbookModel } from "../../src/excel-double/model";
import type { LedgerHost } from "../../src/core/host";
import { columnLetter } from "../../src/core/grid";
import type { CellValue, Grid } from "../../src/core/types";
import { generateLedger } from "./ledger-generator";

export const TODAY = "2025-03-31";
export const LEDGER_SHEET = "整改台账";

export const HEADER = [
  "序号",
  "问题描述",
  "整改措施",
  "责任单位",
  "责任人",
  "整改时限",
  "整改状态",
  "完成时间",
  "佐证材料",
];

const d = (y: number, m: number, day: number, date1904 = false): number => serialFromYmd(y, m, day, date1904);

/**
 * Title row merged over the ledger, header on row 2, four items:
 * row 3 yellow (21 days overdue), row 4 red (49 days, unit from the merged D3:D4, a description
 * that begins with `=` but is text), row 5 green (deadline typed as text, in the future), row 6
 * closed (已销号).
 */
export function ledgerSheet(opts: { date1904?: boolean; name?: string } = {}): SheetDescription {
  const f = "yyyy-mm-dd";
  const date1904 = opts.date1904 ?? false;
  return {
    name: opts.name ?? LEDGER_SHEET,
    rows: [
      ["XX单位巡察整改问题整改台账"],
      HEADER,
      [
        1,
        "采购制度不健全",
        "修订《采购管理办法》并组织培训2次",
        "工程部",
        "张三",
        d(2025, 3, 10, date1904),
        "整改中",
        null,
        null,
      ],
      [2, "'=合同管理不规范", "建立合同台账，逐项检查", null, "李四", d(2025, 2, 10, date1904), "未整改", null, null],
      [3, "项目验收资料缺失", "补齐验收资料清单", "财务部", "王五", "2025年4月底", "整改中", null, null],
      [
        4,
        "廉政教育不到位",
        "制定年度培训计划",
        "办公室",
        "赵六",
        d(2025, 1, 31, date1904),
        "已销号",
        d(2025, 1, 20, date1904),
        "培训签到表",
      ],
    ],
    numberFormats: [
      [],
      [],
      [null, null, null, null, null, f],
      [null, null, null, null, null, f],
      [],
      [null, null, null, null, null, f, null, f],
    ],
    merges: ["A1:I1", "D3:D4"],
  };
}

export interface Harness {
  readonly double: ExcelDouble;
  readonly host: LedgerHost;
}

export function harness(description: WorkbookDescription, excelApi = "1.17"): Harness {
  const double = createExcelDouble(description, { excelApi });
  return { double, host: createExcelHost({ Excel: double.Excel, Office: double.Office }) };
}

const loadedFiles = new Map<string, Promise<WorkbookModel>>();

/**
 * An .xlsx file loaded into the double (src/excel-double/xlsx/load.ts), `active` its active sheet.
 * Each call gets its own copy of the workbook (the file is read once).
 */
export async function fileHarness(
  path: string,
  options: { active?: string; excelApi?: string } = {},
): Promise<Harness> {
  if (!loadedFiles.has(path)) loadedFiles.set(path, loadWorkbookModel(path));
  const model = structuredClone(await (loadedFiles.get(path) as Promise<WorkbookModel>));
  const active = options.active === undefined ? null : model.sheets.find((s) => s.name === options.active);
  if (options.active !== undefined && !active) throw new Error(`fileHarness: no sheet ${options.active} in ${path}`);
  if (active) {
    model.activeSheetId = active.id;
    model.selection = {
      sheetId: active.id,
      areas: [{ top: 1, left: 1, bottom: 1, right: 1 }],
      activeCell: { row: 1, col: 1 },
    };
  }
  const double = createExcelDoubleOf(model, { excelApi: options.excelApi ?? "1.17" });
  return { double, host: createExcelHost({ Excel: double.Excel, Office: double.Office }) };
}

/** A generated ledger of `rows` items, compact enough that 20,000 rows fit one 5 MB response. */
export function bigLedgerSheet(rows: number): SheetDescription {
  const f = "yyyy-mm-dd";
  const body = Array.from({ length: rows }, (_, i) => [
    i + 1,
    `问题${i + 1}`,
    "修订制度2项",
    "工程部",
    "张三",
    d(2025, 1 + (i % 6), 15),
  ]);
  return {
    name: LEDGER_SHEET,
    rows: [["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限"], ...body],
    numberFormats: [[], ...body.map(() => [null, null, null, null, null, f])],
  };
}

/** A cell of a core `Grid` as the double takes it; a text that starts with "=" gets Excel's quote prefix. */
function describedCell(value: CellValue): string | number | boolean | null {
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return value.startsWith("=") ? `'${value}` : value;
  return "runs" in value ? value.runs.join("") : value.error;
}

/**
 * The benchmark's realistic ledger (test/support/ledger-generator.ts: 15 columns, long-ish Chinese texts, section
 * rows, merged units, dates as formatted serials and as typed text) as a sheet of the double, with its grid.
 */
export function realisticLedger(items: number): { sheet: SheetDescription; grid: Grid } {
  const { grid } = generateLedger(items);
  return { grid, sheet: sheetOfGrid(grid) };
}

/** A core `Grid` (starting at A1) as a sheet of the double: values, number formats and merges. */
export function sheetOfGrid(grid: Grid): SheetDescription {
  return {
    name: grid.sheet,
    rows: grid.values.map((row) => row.map(describedCell)),
    numberFormats: grid.numberFormats?.map((row) => [...row]),
    merges: grid.merges.map((m) => `${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom}`),
  };
}
