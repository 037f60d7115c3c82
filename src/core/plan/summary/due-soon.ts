/** 临期事项清单: the open items whose deadline is at most `dueSoonDays` days away, each linked to its row. */
import { columnLetter } from "../../grid";
import { NUMBER_FORMATS, type PlanCell } from "../sheet-plan";
import { text, type PlanContext } from "./cells";

export function planDueSoon({ result, opts, sheet }: PlanContext): void {
  const { layout, summary } = result;
  const ledger = opts.ledgerSheet;
  const anchorCol = columnLetter(layout.firstCol);
  const rows = summary.dueSoon.map((entry) => [
    { kind: "link", text: `第${entry.row}行`, sheet: ledger, address: `${anchorCol}${entry.row}` } as PlanCell,
    text(entry.seq ?? ""),
    text(entry.description),
    text(entry.unit),
    text(entry.owner),
    text(entry.deadline),
    { kind: "number", value: entry.dueInDays, format: NUMBER_FORMATS.integer, style: "warn" } as PlanCell,
  ]);
  const days = opts.settings.dueSoonDays;
  sheet.place({
    id: "due-soon",
    title: "临期事项清单",
    header: ["台账行", "序号", "问题描述", "责任单位", "责任人", "整改时限", "距时限天数"],
    spans: [1, 1, 3],
    rows,
    notes: [
      rows.length === 0
        ? `无临期事项（未完成且距整改时限${days}天以内的事项）。`
        : `依据：未完成、尚未逾期且距整改时限${days}天以内的事项（0 为今天到期），按到期先后排列；请提醒责任单位按时完成。`,
    ],
  });
}
