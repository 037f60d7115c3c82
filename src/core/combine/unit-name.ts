/**
 * The unit a ledger belongs to, for the consolidated report: from the title above the table
 * (`XX市交通运输局巡察反馈问题整改台账` → `XX市交通运输局`), else from a `填报单位：…` line, else the
 * file's name (what the office saved it as, usually the unit's name too).
 *
 * The title is cut at the first word that starts describing the ledger rather than naming its owner
 * (巡察, 巡视, 审计, 关于, 反馈, 整改, 问题, 台账), and the body that ran the inspection or the
 * owner's party organisation written next to its name (`县委`, `党委`, `党组`…) is cut off the end:
 * `中国XX建设集团有限公司党委巡察…` → `中国XX建设集团有限公司`.
 */
import { cellText } from "../text";
import type { Grid } from "../types";

export type UnitSource = "title" | "filler" | "file";

export interface UnitName {
  readonly unit: string;
  readonly from: UnitSource;
}

const TITLE_CUT = /巡察|巡视|审计|关于|反馈|整改|问题|台账/u;
const TRAILING_BODY = /(?:[省市州县区旗]委|党委|党组|党总支|党支部|对)+$/u;
const FILLER_LINE = /(?:填报|报送)单位\s*[:：]\s*(.+)/u;
/** Where the unit's name in a 填报单位 line ends: a wide gap, the next label, or the seal note. */
const FILLER_END = /\s{2,}|\u3000|(?:填报|报送)?(?:日期|时间)\s*[:：]|联系人|电话|[（(]\s*盖章\s*[)）]|单位\s*[:：]/u;

/** A title's unit, or null when the text is not a ledger's title. */
export function unitFromTitle(text: string): string | null {
  const flat = text.replace(/\s+/g, "");
  if (!/台账|清单/u.test(flat)) return null;
  const cut = TITLE_CUT.exec(flat);
  if (!cut) return null;
  const unit = flat
    .slice(0, cut.index)
    .replace(/^(?:\d{4}年度?)/u, "")
    .replace(TRAILING_BODY, "");
  return [...unit].length >= 2 ? unit : null;
}

/** The unit named on a `填报单位：…` line, or null. */
export function unitFromFillerLine(text: string): string | null {
  const match = FILLER_LINE.exec(text);
  if (!match) return null;
  const rest = match[1] ?? "";
  const end = FILLER_END.exec(rest);
  const unit = (end ? rest.slice(0, end.index) : rest).trim();
  return unit === "" ? null : unit;
}

/** The file's name without folders and extension. */
export function unitFromFileName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.xlsx$/i, "") || base;
}

/**
 * The unit, looked for in the rows above the ledger's header (`headerTop`), title first; the row
 * texts are each row's non-empty cells joined.
 */
export function unitOfLedger(grid: Grid, headerTop: number, path: string): UnitName {
  const lines: string[] = [];
  for (let r = 0; r < grid.values.length && grid.origin.row + r < headerTop; r++) {
    const cells = (grid.values[r] ?? []).map((v) => cellText(v)).filter((t) => t !== "");
    if (cells.length > 0) lines.push(cells.join("  "));
  }
  for (const line of lines) {
    const unit = unitFromTitle(line);
    if (unit) return { unit, from: "title" };
  }
  for (const line of lines) {
    const unit = unitFromFillerLine(line);
    if (unit) return { unit, from: "filler" };
  }
  return { unit: unitFromFileName(path), from: "file" };
}
