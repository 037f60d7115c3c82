import { FIELD_KEYS, type Status } from "../types";
import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { comparableText, copiedEvidence, MIN_COPIED_LENGTH } from "./copied-evidence";

const closed = (row: number, evidence: string, progress = "", status: Status = "closed") =>
  itemFrom({ row, status, cells: { evidence, progress } });

describe("comparableText", () => {
  it.each([
    ["党委会会议纪要、整改报告。", "党委会会议纪要整改报告"],
    ["党委会 会议纪要，整改报告", "党委会会议纪要整改报告"],
    ["ＡＢＣ会议纪要及整改通报文件", "abc会议纪要及整改通报文件"],
    ["见附件", null], // too short to tell
    ["会议纪要、通报、照片。", null], // 9 characters once punctuation is gone
    ["《关于整改的通知》", null],
  ])("%j → %j", (text, expected) => {
    expect(comparableText(text)).toBe(expected);
  });

  it("needs at least MIN_COPIED_LENGTH characters", () => {
    expect(comparableText("一".repeat(MIN_COPIED_LENGTH - 1))).toBeNull();
    expect(comparableText("一".repeat(MIN_COPIED_LENGTH))).toBe("一".repeat(MIN_COPIED_LENGTH));
  });
});

describe("copied-evidence", () => {
  const text = "党委会会议纪要及整改情况报告";

  it("reports the later of two closed items with the same evidence, citing the first row", () => {
    const findings = runRule(copiedEvidence, contextFrom({ items: [closed(12, text), closed(15, `${text}。`)] }));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "copied-evidence",
        severity: "warning",
        row: 15,
        cell: "Q15",
        field: "evidence",
      }),
    ]);
    expect(findings[0]?.message.zh).toBe("佐证材料与第12行完全相同");
    expect(findings[0]?.message.en).toBe("Evidence (佐证材料) is identical to row 12's");
  });

  it("reports each pair once: three copies give two findings, both citing the first", () => {
    const findings = runRule(
      copiedEvidence,
      contextFrom({ items: [closed(3, text), closed(5, text), closed(8, text)] }),
    );
    expect(findings.map((f) => [f.row, f.message.zh])).toEqual([
      [5, "佐证材料与第3行完全相同"],
      [8, "佐证材料与第3行完全相同"],
    ]);
  });

  it("compares 整改进展 too, but not again for a pair its evidence already reported", () => {
    const progress = "已召开专题会议研究部署整改工作";
    const findings = runRule(
      copiedEvidence,
      contextFrom({
        items: [closed(3, text, progress), closed(4, text, progress), closed(6, "照片及验收单据等材料汇编", progress)],
      }),
    );
    expect(findings.map((f) => [f.row, f.field])).toEqual([
      [4, "evidence"],
      [6, "progress"],
    ]);
  });

  it.each<Status>(["done", "in_progress", "not_started"])(
    "leaves %s items alone (only closed items are close-outs)",
    (status) => {
      expect(runRule(copiedEvidence, contextFrom({ items: [closed(3, text), closed(4, text, "", status)] }))).toEqual(
        [],
      );
    },
  );

  it("leaves different and short texts alone", () => {
    const items = [closed(3, text), closed(4, "区财政局审计报告及整改台账"), closed(5, "见附件"), closed(6, "见附件")];
    expect(runRule(copiedEvidence, contextFrom({ items }))).toEqual([]);
  });

  it("is linear: 20,000 closed items of one text are one pass", () => {
    const items = Array.from({ length: 20_000 }, (_, i) => closed(i + 3, text));
    expect(runRule(copiedEvidence, contextFrom({ items }))).toHaveLength(19_999);
  });

  it("applies only to the columns the ledger has", () => {
    const fields = FIELD_KEYS.filter((field) => field !== "evidence" && field !== "progress");
    expect(runRule(copiedEvidence, contextFrom({ items: [closed(3, text), closed(4, text)], fields }))).toEqual([]);
  });
});
