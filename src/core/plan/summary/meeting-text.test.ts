import { amountsFixture, reportFixture } from "../../../../test/support/report-fixture";
import { percent } from "../../format";
import { toMeetingText } from "../../report/meeting-text";
import { DEFAULT_SETTINGS } from "../../settings";
import type { EvaluationResult } from "../../types";
import type { PlanCell, PlanTable } from "../sheet-plan";
import { planSummarySheet } from "../summary-sheet";
import { MEETING_TEXT_HEADER, MEETING_TEXT_TITLE } from "./meeting-text";

function planFor(result: EvaluationResult) {
  return planSummarySheet(result, {
    sheetName: "整改情况汇总",
    ledgerSheet: result.layout.sheet,
    surveySheet: result.survey?.sheet ?? null,
    settings: DEFAULT_SETTINGS,
  });
}

/** The value the sheet shows in the overview row labelled `label` (a number, or a formula's value). */
function overviewValue(overview: PlanTable, label: string): number {
  const cell: PlanCell | null | undefined = overview.rows.find(
    (row) => row[0]?.kind === "text" && row[0].text === label,
  )?.[1];
  if (!cell || (cell.kind !== "number" && cell.kind !== "formula") || typeof cell.value !== "number")
    throw new Error(`no number for ${label}`);
  return cell.value;
}

describe("附：通报稿 on the summary sheet", () => {
  it.each([
    ["the report fixture (survey, red and yellow)", reportFixture()],
    ["the amounts fixture (extensions, money, no survey)", amountsFixture()],
  ])("for %s: the last section, the pane's and the text report's paragraph one sentence a line", (_name, result) => {
    const tables = planFor(result).tables;
    const section = tables[tables.length - 1];
    expect(section?.id).toBe("meeting-text");
    expect(section?.title).toBe(MEETING_TEXT_TITLE);
    expect(section?.header).toEqual([MEETING_TEXT_HEADER]);
    expect(section?.notes.join("")).toBe(toMeetingText(result));
    expect(section?.notes.every((line) => line.endsWith("。"))).toBe(true);
  });

  it("says the numbers the sheet's 总体情况 shows", () => {
    const result = reportFixture();
    const tables = planFor(result).tables;
    const overview = tables.find((t) => t.id === "overview") as PlanTable;
    const text = tables.find((t) => t.id === "meeting-text")?.notes.join("") ?? "";
    const finished = overviewValue(overview, "其中：已完成") + overviewValue(overview, "其中：已销号");
    expect(text).toContain(`共梳理整改问题${overviewValue(overview, "整改事项总数")}项`);
    expect(text).toContain(`已完成${finished}项，完成率${percent(overviewValue(overview, "整改完成率"))}`);
    expect(text).toContain(
      `已销号${overviewValue(overview, "其中：已销号")}项，销号率${percent(overviewValue(overview, "销号率"))}`,
    );
    expect(text).toContain(`逾期未完成${overviewValue(overview, "逾期未完成")}项`);
    expect(text).toContain(`亮红灯${overviewValue(overview, "预警：红灯")}项`);
    expect(text).toContain(`黄灯${overviewValue(overview, "预警：黄灯")}项`);
  });
});
