/**
 * 附：通报稿 — the meeting text at the foot of the summary sheet, the same paragraph the pane copies
 * and `--format text` prints, from the same result, so its numbers are the sheet's. One sentence
 * (group) per line, as notes: unwrapped text reads across the empty columns to its right, where a
 * wrapped cell in the narrow first column would stand twenty lines tall. The title is not numbered:
 * the numbered sections above vary with the ledger (amounts, survey), an appendix does not.
 */
import { meetingSentences } from "../../report/meeting-text";
import { lastColumnToGridRight, type PlanContext } from "./cells";

export const MEETING_TEXT_TITLE = "附：通报稿";
export const MEETING_TEXT_HEADER = "可直接粘贴到会议记录或通报，数字与本表一致";

export function planMeetingText(ctx: PlanContext): void {
  ctx.sheet.place({
    id: "meeting-text",
    title: MEETING_TEXT_TITLE,
    header: [MEETING_TEXT_HEADER],
    rows: [],
    spans: lastColumnToGridRight(1),
    notes: meetingSentences(ctx.result, "zh"),
  });
}
