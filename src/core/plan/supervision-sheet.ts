/**
 * The 督办单 (supervision notice) as a host-neutral `SheetPlan`: one printable block per 责任单位 that
 * has a red, yellow or 临期 item or an item whose row has findings — title 整改督办单, the unit, the
 * date, a table of those items (序号, 问题描述, 整改时限, 逾期天数, 预警, what must be corrected in the
 * ledger), the feedback date (today + `feedbackDays`) and the signature lines. Each unit prints on a
 * page of its own (A4 portrait, one page wide): a manual page break before every block after the
 * first, or, where the host cannot set breaks, tall empty rows after each block
 * (`PrintSetup.pageBlocks`, `rowHeightsWithoutPageBreaks`).
 *
 * Both hosts render it like the summary: the Excel adapter with Office.js, the CLI's `--out` as a
 * sheet part. Unit names and descriptions are text cells, never formulas (SPEC §8).
 */
import { addDaysIso } from "../dates";
import { isDueSoon } from "../light";
import type { Settings } from "../settings";
import { UNFILLED_KEY } from "../summary";
import type { EvaluatedItem, EvaluationResult, Finding, IsoDate } from "../types";
import { LIGHT_LABELS } from "../vocabulary";
import { opinionText } from "./marks-from-result";
import { MARK_NAMES } from "./marks-plan";
import {
  a4OnePageWide,
  NUMBER_FORMATS,
  PAGE_FILL_ROWS,
  wrappedRowHeights,
  type PlacedCell,
  type PlanCell,
  type PlanTable,
  type SheetPlan,
} from "./sheet-plan";

export const SUPERVISION_SHEET_NAME = "督办单";
/** The defined name that marks the 督办单 as the add-in's (its A1), like the summary's. */
export const SUPERVISION_MARK_NAME = MARK_NAMES.supervision;

export interface SupervisionSheetOptions {
  /** The name the sheet gets (`pickOwnedSheetName`). */
  readonly sheetName: string;
  readonly settings: Settings;
}

/** One item of a unit's notice. */
export interface NoticeItem {
  readonly row: number;
  readonly seq: string | null;
  readonly description: string;
  /** The deadline as a date, else the deadline cell's text (`长期坚持`, an unreadable date), else "". */
  readonly deadline: string;
  readonly overdueDays: number;
  readonly light: EvaluatedItem["light"];
  /** Days left when the item is 临期, else null. */
  readonly dueSoonDays: number | null;
  /** The row's findings in words (`【错误】责任人为空`), "" when none. */
  readonly fixes: string;
}

/** One unit's notice: its items in ledger order, and the counts that order the notices. */
export interface UnitNotice {
  /** The 责任单位 as written, or `（未填写）` for items without one. */
  readonly unit: string;
  readonly items: readonly NoticeItem[];
  readonly red: number;
  readonly yellow: number;
}

const cellText = (item: EvaluatedItem, field: "unit" | "description"): string => item.cells[field]?.text ?? "";

/**
 * The units that get a notice, most red first (then most yellow, most items, name in code-point
 * order): every unit with a red, yellow or 临期 item or an item with a finding on its row. Findings of
 * the ledger as a whole (a missing column) belong to no unit and are left out.
 */
export function unitNotices(result: EvaluationResult, settings: Settings): UnitNotice[] {
  const findingsByRow = new Map<number, Finding[]>();
  for (const finding of result.findings) {
    if (finding.row === null || finding.sheet !== result.layout.sheet) continue;
    findingsByRow.set(finding.row, [...(findingsByRow.get(finding.row) ?? []), finding]);
  }
  const byUnit = new Map<string, NoticeItem[]>();
  for (const item of [...result.items].sort((a, b) => a.row - b.row)) {
    const dueSoon = isDueSoon(item, settings.dueSoonDays);
    const findings = findingsByRow.get(item.row) ?? [];
    if (item.light !== "red" && item.light !== "yellow" && !dueSoon && findings.length === 0) continue;
    const unit = cellText(item, "unit") || UNFILLED_KEY;
    const list = byUnit.get(unit) ?? [];
    list.push({
      row: item.row,
      seq: item.seq,
      description: cellText(item, "description"),
      deadline: item.deadline.date ?? item.deadline.text,
      overdueDays: item.overdueDays,
      light: item.light,
      dueSoonDays: dueSoon ? item.dueInDays : null,
      fixes: opinionText(findings),
    });
    byUnit.set(unit, list);
  }
  const notices = [...byUnit].map(([unit, items]) => ({
    unit,
    items,
    red: items.filter((i) => i.light === "red").length,
    yellow: items.filter((i) => i.light === "yellow").length,
  }));
  return notices.sort(
    (a, b) =>
      b.red - a.red ||
      b.yellow - a.yellow ||
      b.items.length - a.items.length ||
      (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0),
  );
}

/** `2025年4月7日`. */
export function chineseDate(iso: IsoDate): string {
  const [year, month, day] = iso.split("-").map(Number);
  return `${year}年${month}月${day}日`;
}

/** `请于4月7日前反馈整改进展`: the year only when it is not this notice's year. */
export function feedbackRequest(today: IsoDate, feedbackDays: number): string {
  const by = addDaysIso(today, feedbackDays);
  const [year, month, day] = by.split("-").map(Number);
  const date = by.slice(0, 4) === today.slice(0, 4) ? `${month}月${day}日` : `${year}年${month}月${day}日`;
  return `请于${date}前反馈整改进展。`;
}

/** The 预警 cell: 红灯 / 黄灯 / 临期 with the days left / the light's own label. */
function warningCell(item: NoticeItem): PlanCell {
  if (item.light === "red") return { kind: "text", text: LIGHT_LABELS.red, style: "bad" };
  if (item.light === "yellow") return { kind: "text", text: LIGHT_LABELS.yellow, style: "warn" };
  if (item.dueSoonDays !== null)
    return {
      kind: "text",
      text: item.dueSoonDays === 0 ? "临期（今天到期）" : `临期（还有${item.dueSoonDays}天）`,
      style: "warn",
    };
  return { kind: "text", text: LIGHT_LABELS[item.light] };
}

const TABLE_HEADER = ["序号", "问题描述", "整改时限", "逾期天数", "预警", "台账需补正"];
/**
 * A4 portrait: 89 character units in all, which prints at 100 % within Excel's default margins — so
 * the sheet is one page wide even where a host cannot set "fit to one page wide".
 */
const COLUMN_WIDTHS = [6, 30, 11, 8, 10, 24];
const TITLE_ROW_POINTS = 26;
/** Room to sign by hand. */
const SIGNATURE_ROW_POINTS = 24;
const FULL_WIDTH_BLANK = "＿＿＿＿＿＿＿＿";

export interface SupervisionPlan extends SheetPlan {
  /** The units, in the order of their blocks. */
  readonly units: readonly string[];
}

/**
 * The 督办单. Without any unit to supervise it still says so (one line under the title), so that
 * 生成督办单 never leaves an earlier, out-of-date notice standing.
 */
export function planSupervisionSheet(result: EvaluationResult, opts: SupervisionSheetOptions): SupervisionPlan {
  const notices = unitNotices(result, opts.settings);
  const today = result.today;
  const heading: PlacedCell[] = [];
  const tables: PlanTable[] = [];
  const blocks: { first: number; last: number }[] = [];
  const signatureRows: number[] = [];
  const titleRows: number[] = [];
  const line = (row: number, text: string, style: PlanCell["style"]) =>
    heading.push({ row, col: 1, cell: { kind: "text", text, style } });

  let top = 1;
  if (notices.length === 0) {
    line(1, "整改督办单", "title");
    titleRows.push(1);
    line(
      2,
      `截至${chineseDate(today)}，台账“${result.layout.sheet}”中没有亮红灯、黄灯或临期的事项，也没有需补正的内容，无需督办。`,
      "line",
    );
  }
  for (const notice of notices) {
    const first = top;
    line(top, "整改督办单", "title");
    titleRows.push(top);
    line(top + 1, `责任单位：${notice.unit}`, "emphasis");
    line(top + 2, `督办日期：${chineseDate(today)}`, "line");
    const counts = [
      notice.red > 0 ? `红灯${notice.red}项` : "",
      notice.yellow > 0 ? `黄灯${notice.yellow}项` : "",
    ].filter(Boolean);
    line(
      top + 3,
      `经对整改台账“${result.layout.sheet}”评估，贵单位下列${notice.items.length}项事项${counts.length > 0 ? `（其中${counts.join("、")}）` : ""}需抓紧整改或补正台账：`,
      "line",
    );
    const headerRow = top + 4;
    const rows: (PlanCell | null)[][] = notice.items.map((item) => [
      { kind: "text", text: item.seq ?? `第${item.row}行` },
      { kind: "text", text: item.description },
      { kind: "text", text: item.deadline },
      item.overdueDays > 0 ? { kind: "number", value: item.overdueDays, format: NUMBER_FORMATS.integer } : null,
      warningCell(item),
      { kind: "text", text: item.fixes },
    ]);
    const table: PlanTable = {
      id: `unit-${tables.length + 1}`,
      left: 1,
      titleRow: null,
      title: null,
      headerRow,
      header: TABLE_HEADER,
      firstRow: headerRow + 1,
      rows,
      lastRow: headerRow + rows.length,
      notes: [],
    };
    tables.push(table);
    let row = table.lastRow + 2;
    line(row, feedbackRequest(today, opts.settings.feedbackDays), "emphasis");
    row += 2;
    line(row, `督办单位（盖章）：${FULL_WIDTH_BLANK}`, "line");
    line(row + 1, `督办人：${FULL_WIDTH_BLANK}`, "line");
    line(
      row + 2,
      `签收人：${FULL_WIDTH_BLANK}\u3000\u3000签收日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日`,
      "line",
    );
    signatureRows.push(row, row + 1, row + 2);
    blocks.push({ first, last: row + 2 });
    top = row + 3 + PAGE_FILL_ROWS;
  }

  const heights = new Map<number, number>(wrappedRowHeights(tables, COLUMN_WIDTHS).map((h) => [h.row, h.points]));
  for (const row of titleRows) heights.set(row, TITLE_ROW_POINTS);
  for (const row of signatureRows) heights.set(row, SIGNATURE_ROW_POINTS);
  return {
    name: opts.sheetName,
    heading,
    tables,
    columnWidths: COLUMN_WIDTHS,
    hiddenColumns: [],
    print: a4OnePageWide("portrait", {
      pageBreaksBefore: blocks.slice(1).map((b) => b.first),
      pageBlocks: blocks,
    }),
    charts: [],
    rowHeights: [...heights].sort((a, b) => a[0] - b[0]).map(([row, points]) => ({ row, points })),
    freezeRows: 0,
    units: notices.map((n) => n.unit),
  };
}
