/** 一、总体情况 and 五、红黄灯事项清单: the counts, the rates as live formulas, the red/yellow list. */
import { columnLetter } from "../../grid";
import { percentInProse } from "../../format";
import { isFinished } from "../../summary";
import { LIGHT_LABELS, LIGHT_ORDER, STATUS_LABELS, STATUS_ORDER } from "../../vocabulary";
import { ownedColumnPositions } from "../marks-builder";
import { NUMBER_FORMATS as FORMATS, type PlanCell } from "../sheet-plan";
import {
  basis,
  columnRange,
  formula,
  formulaString,
  lastColumnToGridRight,
  num,
  rowRangesText,
  text,
  type PlanContext,
} from "./cells";

/** 一、总体情况: rows of [项目, 数值, 依据]. Returns the close rate's address (the indicators use it). */
export function planOverview({ result, opts, sheet, rowsText }: PlanContext): { closeRate: string } {
  const { layout, summary, items } = result;
  const ledger = opts.ledgerSheet;
  const { statusCol } = ownedColumnPositions(layout);
  const statusRange = columnRange(ledger, statusCol, layout.firstRow, layout.lastRow);
  const statusColumnName = `台账“${ledger}”的${columnLetter(statusCol)}列（预警状态）`;
  const overviewRows: (PlanCell | null)[][] = [];
  const at: Record<string, string> = {};
  const first = sheet.nextFirstRow(true);
  const addOverview = (key: string, label: string, value: PlanCell, why: string) => {
    at[key] = `B${first + overviewRows.length}`;
    overviewRows.push([text(label), value, basis(why)]);
  };
  addOverview(
    "items",
    "整改事项总数",
    num(summary.items),
    `台账${rowsText}中的整改事项（不含空行、分节行、合计行和说明行）`,
  );
  const statusBasis = layout.columns.status
    ? `整改状态列（${columnLetter(layout.columns.status)}列）${layout.columns.closed ? `与是否销号列（${columnLetter(layout.columns.closed)}列）` : ""}`
    : "无整改状态列：有完成日期的为已完成，其余为未开始";
  for (const status of STATUS_ORDER) {
    addOverview(`status-${status}`, `其中：${STATUS_LABELS[status]}`, num(summary.byStatus[status]), statusBasis);
  }
  for (const light of LIGHT_ORDER) {
    addOverview(
      `light-${light}`,
      `预警：${LIGHT_LABELS[light]}`,
      formula(`COUNTIF(${statusRange},${formulaString(LIGHT_LABELS[light])})`, summary.byLight[light], FORMATS.integer),
      statusColumnName,
    );
  }
  addOverview("overdue", "逾期未完成", num(summary.overdue), `未完成且已过整改时限的事项（截至${result.today}）`);
  const withBothDates = items.filter((i) => isFinished(i) && i.completed.kind === "date" && i.deadline.date !== null);
  const onTime = withBothDates.filter(
    (i) => i.completed.kind === "date" && i.deadline.date !== null && i.completed.date <= i.deadline.date,
  );
  addOverview(
    "dated",
    "有完成日期和时限的已完成事项",
    num(withBothDates.length),
    `台账第${rowRangesText(withBothDates.map((i) => i.row)) || "—"}行`,
  );
  addOverview(
    "on-time",
    "其中按期完成",
    num(onTime.length),
    `完成日期不晚于整改时限：第${rowRangesText(onTime.map((i) => i.row)) || "—"}行`,
  );
  const extensions = layout.columns.extendedDeadline !== undefined;
  if (extensions) {
    const withOriginal = items.filter(
      (i) => isFinished(i) && i.completed.kind === "date" && i.originalDeadline.date !== null,
    );
    const onTimeOriginal = withOriginal.filter(
      (i) =>
        i.completed.kind === "date" && i.originalDeadline.date !== null && i.completed.date <= i.originalDeadline.date,
    );
    addOverview(
      "dated-original",
      "有完成日期和原定时限的已完成事项",
      num(withOriginal.length),
      `台账第${rowRangesText(withOriginal.map((i) => i.row)) || "—"}行`,
    );
    addOverview(
      "on-time-original",
      "其中按原定时限完成",
      num(onTimeOriginal.length),
      `完成日期不晚于原定时限（不计延期）：第${rowRangesText(onTimeOriginal.map((i) => i.row)) || "—"}行`,
    );
  }
  addOverview(
    "completion-rate",
    "整改完成率",
    formula(
      `IF(${at.items}>0,(${at["status-done"]}+${at["status-closed"]})/${at.items},"")`,
      summary.completionRate ?? "",
      FORMATS.percent,
    ),
    "（已完成 + 已销号）÷ 整改事项总数",
  );
  addOverview(
    "close-rate",
    "销号率",
    formula(`IF(${at.items}>0,${at["status-closed"]}/${at.items},"")`, summary.closeRate ?? "", FORMATS.percent),
    `已销号 ÷ 整改事项总数（目标 ≥ ${percentInProse(opts.settings.targets.closeRate)}）`,
  );
  addOverview(
    "on-time-rate",
    "按期完成率",
    formula(`IF(${at.dated}>0,${at["on-time"]}/${at.dated},"")`, summary.onTimeRate ?? "", FORMATS.percent),
    extensions
      ? "按期完成 ÷ 有完成日期和时限的已完成事项（时限以调整后时限为准）"
      : "按期完成 ÷ 有完成日期和时限的已完成事项",
  );
  if (extensions) {
    addOverview(
      "on-time-rate-original",
      "按原定时限按期完成率",
      formula(
        `IF(${at["dated-original"]}>0,${at["on-time-original"]}/${at["dated-original"]},"")`,
        summary.onTimeRateOriginal ?? "",
        FORMATS.percent,
      ),
      "按原定时限完成 ÷ 有完成日期和原定时限的已完成事项",
    );
  }
  sheet.place({
    id: "overview",
    title: "一、总体情况",
    header: ["项目", "数值", "依据"],
    rows: overviewRows,
    spans: lastColumnToGridRight(3),
  });

  return { closeRate: at["close-rate"] ?? "" };
}

/** 五、红黄灯事项清单, each row linked to its ledger row. */
export function planWarnings({ result, opts, sheet }: PlanContext): void {
  const { layout, summary } = result;
  const ledger = opts.ledgerSheet;
  const anchorCol = columnLetter(layout.firstCol);
  const warningRows = summary.warnings.map((w) => [
    { kind: "link", text: `第${w.row}行`, sheet: ledger, address: `${anchorCol}${w.row}` } as PlanCell,
    text(w.seq ?? ""),
    text(w.description),
    text(w.unit),
    text(w.owner),
    text(w.deadline ?? ""),
    num(w.overdueDays),
    { kind: "text", text: LIGHT_LABELS[w.light], style: w.light === "red" ? "bad" : "warn" } as PlanCell,
  ]);
  sheet.place({
    id: "warnings",
    title: "五、红黄灯事项清单",
    header: ["台账行", "序号", "问题描述", "责任单位", "责任人", "整改时限", "逾期天数", "预警"],
    // The description takes three grid columns rather than making column C wide for every section.
    spans: [1, 1, 3],
    rows: warningRows,
    notes: [
      warningRows.length === 0
        ? "无红灯、黄灯事项。"
        : `依据：预警状态为红灯或黄灯的事项；点击“台账行”可跳到台账中的该行。逾期${opts.settings.yellowAfterDays}天及以上亮黄灯，超过整改时限${opts.settings.redAfterMonths}个月亮红灯。`,
    ],
  });
}
