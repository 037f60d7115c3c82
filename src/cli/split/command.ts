/**
 * `split LEDGER.xlsx [--sheet NAME] --by unit|source|owner|category --outdir DIR`: one workbook per
 * value of the chosen field (责任单位, the 来源单位 column of a `combine` ledger, 责任人, 问题类别),
 * to send each unit its part for filling in.
 *
 * Each part holds the ledger's header block (every row above the first item row: title, 填报单位
 * line, the header rows, a 栏次 row) and that value's item rows, copied with their styles — column
 * widths, number formats, fills, fonts, borders, row heights — and the header's merges. A value in a
 * cell merged down over several items is written into each of the part's rows (a merge cannot span
 * rows that went to different parts); a formula is written as its last computed value (its
 * references would point at rows that are not in the part). Rows that are not items (sections,
 * totals, notes) stay out. Rows with an empty value go to `未填写.xlsx`.
 *
 * The ledger is found as `evaluate` finds it; in a workbook `combine --out` wrote, 问题总台账 (the
 * other sheets there are its summaries). Nothing is written outside `--outdir` (see `./safe-name.ts`),
 * and the input is never modified.
 */
import { mkdirSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import ExcelJS from "exceljs";
import { localToday } from "../../core/dates";
import { cellAt, mergeAt } from "../../core/grid";
import { FIELD_LABELS } from "../../core/rules/field-labels";
import { DEFAULT_SETTINGS } from "../../core/settings-defaults";
import { cellText, normalizeHeader } from "../../core/text";
import type { EvaluatedItem, Grid } from "../../core/types";
import type { EvaluateCommand } from "../args";
import { evaluateWorkbook, line, readInput, UsageFailure, type CliIo } from "../run";
import { consolidatedLedgerSheet, SOURCE_UNIT_HEADER } from "../combine/consolidated";
import { parseSplitArgs, SPLIT_HELP, SPLIT_USAGE, type SplitField } from "./args";
import { uniqueFileNames } from "./safe-name";

/** The file (and group) for rows whose value is empty. */
export const UNFILLED_NAME = "未填写";

export async function splitCommand(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(`${SPLIT_HELP}\n`);
    return 0;
  }
  const parsed = parseSplitArgs(args);
  if (!parsed.ok) {
    io.stderr(line(parsed.message));
    io.stderr(`${SPLIT_USAGE}\n`);
    return 2;
  }
  const { file, by } = parsed.command;
  const cwd = io.cwd ?? process.cwd();
  const inputPath = resolve(cwd, file);
  const outdir = resolve(cwd, parsed.command.outdir);

  const sheet = parsed.command.sheet ?? consolidatedLedgerSheet(inputPath);
  const today = localToday(io.now ? io.now() : new Date());
  const command: EvaluateCommand = {
    command: "evaluate",
    file,
    sheet,
    today,
    format: "json",
    lang: "zh",
    out: null,
    since: null,
    sinceToday: null,
  };
  const workbook = await readInput(inputPath, command);
  const result = await evaluateWorkbook(workbook, command, today, DEFAULT_SETTINGS);
  const { layout } = result;
  const grid = workbook.sheets.find((s) => s.name === layout.sheet)?.grid();
  if (!grid) throw new Error(`split: sheet ${layout.sheet} not read`);
  const keyOf = groupKey(by, layout.columns, layout.headers, grid, file);

  const groups = new Map<string, EvaluatedItem[]>();
  for (const item of result.items) {
    const key = keyOf(item) || UNFILLED_NAME;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }

  try {
    mkdirSync(outdir, { recursive: true });
  } catch {
    throw new UsageFailure({
      zh: `无法创建输出文件夹：${parsed.command.outdir}`,
      en: `Could not create the output folder: ${parsed.command.outdir}`,
    });
  }
  const taken = dirname(inputPath) === outdir ? [basename(inputPath)] : [];
  const names = uniqueFileNames([...groups.keys()], ".xlsx", taken);

  const source = new ExcelJS.Workbook();
  await source.xlsx.readFile(inputPath);
  const sourceSheet = source.getWorksheet(layout.sheet);
  if (!sourceSheet) throw new Error(`split: exceljs did not find sheet ${layout.sheet}`);

  const written: string[] = [];
  for (const [key, items] of groups) {
    const name = names.get(key) ?? UNFILLED_NAME;
    const path = join(outdir, name);
    const inside = relative(outdir, path);
    // safeFileBase makes this impossible; checked anyway, since a write outside DIR must never happen.
    if (inside === "" || inside.startsWith("..") || isAbsolute(inside) || dirname(inside) !== ".")
      throw new Error(`split: refusing to write outside the output folder: ${name}`);
    await writePart(sourceSheet, layout.firstRow, items, path);
    written.push(`· ${name}（${items.length} 项 / items）`);
  }
  io.stdout(
    `已按${BY_WORDS[by].zh}拆分为 ${groups.size} 个文件，写入 ${parsed.command.outdir} / Split by ${BY_WORDS[by].en} into ${groups.size} files in ${parsed.command.outdir}\n${written.join("\n")}\n`,
  );
  return 0;
}

const BY_WORDS: Readonly<Record<SplitField, { zh: string; en: string }>> = {
  unit: { zh: "责任单位", en: "unit" },
  source: { zh: "来源单位", en: "source unit" },
  owner: { zh: "责任人", en: "owner" },
  category: { zh: "问题类别", en: "category" },
};

/** A cell's text, the merge's top-left value for a cell inside a merge. */
function textAt(grid: Grid, row: number, col: number): string {
  const merge = mergeAt(grid.merges, row, col);
  return cellText(merge ? cellAt(grid, merge.top, merge.left) : cellAt(grid, row, col)).trim();
}

function groupKey(
  by: SplitField,
  columns: Partial<Record<string, number>>,
  headers: Readonly<Record<number, string>>,
  grid: Grid,
  typed: string,
): (item: EvaluatedItem) => string {
  if (by === "source") {
    const wanted = normalizeHeader(SOURCE_UNIT_HEADER);
    const col = Object.entries(headers).find(([, text]) => normalizeHeader(text) === wanted)?.[0];
    if (col === undefined) {
      throw new UsageFailure({
        zh: `${typed} 的台账中没有“${SOURCE_UNIT_HEADER}”列（--by source 用于 combine --out 写出的问题总台账）`,
        en: `The ledger in ${typed} has no “${SOURCE_UNIT_HEADER}” column (--by source is for the 问题总台账 written by combine --out)`,
      });
    }
    return (item) => textAt(grid, item.row, Number(col));
  }
  if (columns[by] === undefined) {
    throw new UsageFailure({
      zh: `${typed} 的台账中没有“${FIELD_LABELS[by].zh}”列，无法按它拆分`,
      en: `The ledger in ${typed} has no ${FIELD_LABELS[by].en} (${FIELD_LABELS[by].zh}) column to split by`,
    });
  }
  return (item) => (item.cells[by]?.text ?? "").trim();
}

/** A cell's value as the part holds it: a formula's last computed value, everything else as it is. */
function plainValue(value: ExcelJS.CellValue): ExcelJS.CellValue {
  if (value !== null && typeof value === "object" && ("formula" in value || "sharedFormula" in value))
    return (value as ExcelJS.CellFormulaValue).result ?? null;
  return value;
}

function copyRow(
  from: ExcelJS.Worksheet,
  fromRow: number,
  to: ExcelJS.Worksheet,
  toRow: number,
  header: boolean,
): void {
  const source = from.getRow(fromRow);
  const target = to.getRow(toRow);
  if (source.height) target.height = source.height;
  source.eachCell({ includeEmpty: true }, (cell, col) => {
    const copy = target.getCell(col);
    // In the header, merges are copied as merges: only their top-left cell holds the value.
    const mergedAway = cell.isMerged && cell.master.address !== cell.address;
    if (!(header && mergedAway)) copy.value = plainValue(cell.value);
    copy.style = structuredClone(cell.style);
  });
}

async function writePart(
  source: ExcelJS.Worksheet,
  firstRow: number,
  items: readonly EvaluatedItem[],
  path: string,
): Promise<void> {
  const part = new ExcelJS.Workbook();
  const sheet = part.addWorksheet(source.name, { views: structuredClone(source.views) });
  for (let c = 1; c <= source.columnCount; c++) {
    const from = source.getColumn(c);
    const to = sheet.getColumn(c);
    if (from.width !== undefined) to.width = from.width;
    if (from.hidden) to.hidden = true;
  }
  for (let r = 1; r < firstRow; r++) copyRow(source, r, sheet, r, true);
  const merges = (source.model as { merges?: string[] }).merges ?? [];
  for (const range of merges) {
    const rows = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(range);
    if (rows && Number(rows[2]) < firstRow) sheet.mergeCells(range);
  }
  let target = firstRow;
  for (const item of items) copyRow(source, item.row, sheet, target++, false);
  await part.xlsx.writeFile(path);
}
