/**
 * The adapter on workbooks as users have them, against the double behaving as Microsoft documents
 * Excel (docs/EXCEL-BEHAVIOUR.md): each test here failed before the adapter handled that behaviour.
 */
import { diffSnapshots, PAYLOAD_LIMIT_BYTES } from "../../src/excel-double";
import { MAX_SYNCS_PER_CLEAR, MAX_SYNCS_PER_EVALUATION, MAX_SYNCS_PER_SUMMARY } from "../../src/excel/excel-host";
import type { EvaluateRequest, LedgerHost } from "../../src/core/host";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { MARK_NAMES, MAX_MARKED_SHEETS, SUMMARY_SHEET_NAME } from "../../src/core/plan/marks-plan";
import { harness, LEDGER_SHEET, ledgerSheet, TODAY } from "../support/excel-harness";
import { expectUserMessage, failAtEachSync } from "../support/reliability";

const active: EvaluateRequest = { source: { kind: "active" }, today: TODAY, settings: DEFAULT_SETTINGS };

async function evaluateOk(host: LedgerHost, request: EvaluateRequest = active) {
  const outcome = await host.evaluate(request);
  if (!outcome.ok) throw new Error(`evaluate failed: ${outcome.error.code} ${outcome.error.message.en}`);
  return outcome.value;
}

describe("names the add-in writes are absolute", () => {
  it("a clear undone after a failure puts the mark names back in $A$1 form: they stay when the user moves", async () => {
    const { host, double } = harness({ sheets: [ledgerSheet(), { name: "Other" }] });
    await evaluateOk(host);
    const marked = double.snapshot();
    double.runtime.failOnSync({ sync: double.syncCount + 4 });
    const outcome = await host.clearMarks();
    expect(outcome.ok).toBe(false);
    expect(await host.selectCell(LEDGER_SHEET, "C5")).toEqual({ ok: true, value: undefined });
    expect(diffSnapshots(marked, double.snapshot())).toEqual([]);
  });
});

/** The ledger with the user's own rules of every other type (and one Custom rule of theirs). */
const withUserRules = (excelApi = "1.17") =>
  harness(
    {
      sheets: [
        {
          ...ledgerSheet(),
          conditionalFormats: [
            { address: "F3:F6", type: "DataBar" },
            { address: "A3:A6", type: "ColorScale" },
            { address: "A3:A6", type: "IconSet" },
            { address: "G3:G6", type: "CellValue" },
            { address: "A3:A6", type: "TopBottom" },
            { address: "B3:B6", type: "PresetCriteria" },
            { address: "C3:C6", type: "ContainsText" },
            { address: "E3:E6", formula: '=$E3="张三"', fill: "#FFFF00" },
          ],
        },
        { name: "Other" },
      ],
    },
    excelApi,
  );

describe("conditional formats of other types on the ledger", () => {
  it("evaluate, evaluate again and clear touch only our rules: the workbook ends as it began", async () => {
    const { host, double } = withUserRules();
    const start = double.snapshot();
    await evaluateOk(host);
    const once = double.snapshot();
    expect(once.sheets[0]?.conditionalFormats.slice(0, 8)).toEqual(start.sheets[0]?.conditionalFormats);
    expect(once.sheets[0]?.conditionalFormats).toHaveLength(12);
    await evaluateOk(host);
    expect(diffSnapshots(once, double.snapshot())).toEqual([]);
    expect((await host.clearMarks()).ok).toBe(true);
    expect(diffSnapshots(start, double.snapshot())).toEqual([]);
  });

  it("a failure at any sync of a re-evaluation is undone around the user's rules", async () => {
    await failAtEachSync(
      async () => {
        const h = withUserRules();
        await evaluateOk(h.host, { ...active, today: "2025-02-01" });
        return h;
      },
      (host) => host.evaluate(active),
    );
  });
});

/** Our four rules split into two areas each, as Excel leaves them after the user cut rows out of the middle. */
function splitOurRules(h: {
  double: { model: { sheets: { conditionalFormats: { formula: string; areas: unknown[] }[] }[] } };
}) {
  for (const cf of h.double.model.sheets[0]?.conditionalFormats ?? [])
    if (cf.formula.startsWith("=$J"))
      cf.areas = [
        { top: 3, left: 1, bottom: 4, right: 9 },
        { top: 6, left: 1, bottom: 6, right: 9 },
      ];
}

describe("our rules on several areas (the user inserted, cut or pasted rows inside them)", () => {
  for (const excelApi of ["1.17", "1.8"]) {
    it(`evaluate replaces them and clear removes them (ExcelApi ${excelApi})`, async () => {
      const h = harness({ sheets: [ledgerSheet(), { name: "Other" }] }, excelApi);
      const start = h.double.snapshot();
      await evaluateOk(h.host);
      const fresh = h.double.snapshot();
      splitOurRules(h);
      await evaluateOk(h.host);
      expect(diffSnapshots(fresh, h.double.snapshot())).toEqual([]);
      splitOurRules(h);
      expect((await h.host.clearMarks()).ok).toBe(true);
      expect(diffSnapshots(start, h.double.snapshot())).toEqual([]);
    });
  }

  it("a clear that fails is undone with the rules back on their several areas (ExcelApi 1.9: getRanges)", async () => {
    const h = harness({ sheets: [ledgerSheet(), { name: "Other" }] });
    await evaluateOk(h.host);
    splitOurRules(h);
    const split = h.double.snapshot();
    expect(split.sheets[0]?.conditionalFormats[0]?.address).toBe("A3:I4,A6:I6");
    const batch = h.double.syncCount + 4;
    h.double.runtime.failOnSync({ sync: batch });
    const outcome = await h.host.clearMarks();
    expect(outcome.ok).toBe(false);
    // The clear reached its batch (the injected failure), and the undo put everything back.
    expect(h.double.runtime.syncs[batch - 1]?.failed).toBe("GeneralException");
    expect(diffSnapshots(split, h.double.snapshot())).toEqual([]);
  });

  it("below ExcelApi 1.9 such a rule cannot be read: an undo that cannot put it back says the workbook may be partly written", async () => {
    const h = harness({ sheets: [ledgerSheet(), { name: "Other" }] }, "1.8");
    await evaluateOk(h.host);
    splitOurRules(h);
    h.double.runtime.failOnSync({ sync: h.double.syncCount + 4 });
    const outcome = await h.host.clearMarks();
    if (outcome.ok) throw new Error("the clear should have failed");
    expectUserMessage(outcome.error);
    expect(outcome.error.message.zh).toContain("可能只写入了一部分");
  });
});

/**
 * A ledger whose 责任单位 cell is merged over each pair of item rows (`pairs` merged areas), the unit
 * written once in the merge's top-left cell: 甲单位 and 乙单位 by turns.
 */
function mergedUnits(pairs: number, userRules: readonly { address: string; type: "DataBar" | "ColorScale" }[] = []) {
  const rows: (string | number | null)[][] = [["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限"]];
  const merges: string[] = [];
  for (let i = 0; i < pairs * 2; i++) {
    const row = i + 2;
    const unit = i % 2 === 0 ? (i % 4 === 0 ? "甲单位" : "乙单位") : null;
    if (i % 2 === 0) merges.push(`D${row}:D${row + 1}`);
    rows.push([i + 1, `问题${i + 1}`, "修订制度", unit, "张三", "2025年4月底"]);
  }
  return harness({ sheets: [{ name: LEDGER_SHEET, rows, merges, conditionalFormats: userRules }, { name: "Other" }] });
}

describe("ledgers with many merged cells (getMergedAreasOrNullObject fails over 512 merged areas)", () => {
  for (const pairs of [600, 2_000]) {
    it(`reads ${pairs} merged unit cells without losing a merged value, in MAX_SYNCS_PER_EVALUATION syncs`, async () => {
      const { host, double } = mergedUnits(pairs);
      const { result } = await evaluateOk(host);
      expect(result.items).toHaveLength(pairs * 2);
      expect(new Map(result.summary.byUnit.map((u) => [u.key, u.items]))).toEqual(
        new Map([
          ["甲单位", pairs],
          ["乙单位", pairs],
        ]),
      );
      expect(double.syncCount).toBe(MAX_SYNCS_PER_EVALUATION);
    });
  }

  it("2,000 merged unit cells and the user's data bars and colour scales: evaluate → 生成汇总表 → 清除标记 ends as it began", async () => {
    const { host, double } = mergedUnits(2_000, [
      { address: "A2:A4001", type: "DataBar" },
      { address: "F2:F4001", type: "ColorScale" },
    ]);
    const start = double.snapshot();
    const evaluation = await evaluateOk(host);
    expect(double.syncCount).toBe(MAX_SYNCS_PER_EVALUATION);
    expect((await host.writeSummary(evaluation, DEFAULT_SETTINGS)).ok).toBe(true);
    expect((await host.clearMarks()).ok).toBe(true);
    expect(diffSnapshots(start, double.snapshot())).toEqual([]);
  });

  it("a merge across two tiles of the read is found once", async () => {
    // Tiles of 512 cells over 6 columns are 85 rows: D85:D86 (item rows 84 and 85) spans the first boundary.
    const { host } = mergedUnits(60);
    const { result } = await evaluateOk(host);
    expect(result.summary.byUnit.map((u) => u.items)).toEqual([60, 60]);
  });
});

describe("the user deleted the summary sheet (Excel keeps its name, referring to #REF!)", () => {
  const summaryDeletedByHand = async () => {
    const h = harness({ sheets: [ledgerSheet(), { name: "Other" }] });
    const evaluation = await evaluateOk(h.host);
    expect((await h.host.writeSummary(evaluation, DEFAULT_SETTINGS)).ok).toBe(true);
    await h.double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem(SUMMARY_SHEET_NAME).delete();
      await context.sync();
    });
    expect(h.double.snapshot().names.find((n) => n.name === MARK_NAMES.summary)?.address).toBe("=#REF!");
    return { ...h, evaluation };
  };

  it("生成汇总表 replaces the name left pointing at nothing and makes the summary again", async () => {
    const { host, double, evaluation } = await summaryDeletedByHand();
    const outcome = await host.writeSummary(evaluation, DEFAULT_SETTINGS);
    expect(outcome).toEqual({ ok: true, value: { sheetName: SUMMARY_SHEET_NAME, renamedFrom: null } });
    const mark = double.snapshot().names.find((n) => n.name === MARK_NAMES.summary);
    expect(mark).toMatchObject({ sheet: SUMMARY_SHEET_NAME, address: "A1" });
  });

  it("a failure at any sync of that 生成汇总表 leaves the workbook as before, the #REF! name included", async () => {
    let evaluation: Awaited<ReturnType<typeof summaryDeletedByHand>>["evaluation"] | null = null;
    await failAtEachSync(
      async () => {
        const h = await summaryDeletedByHand();
        evaluation = h.evaluation;
        return h;
      },
      (host) => {
        if (!evaluation) throw new Error("no evaluation");
        return host.writeSummary(evaluation, DEFAULT_SETTINGS);
      },
    );
  });
});

describe("清除标记 after the user deleted a marked sheet", () => {
  const ledgerDeletedByHand = async () => {
    const h = harness({ sheets: [ledgerSheet(), ledgerSheet({ name: "台账二" }), { name: "Other" }] });
    await evaluateOk(h.host);
    await evaluateOk(h.host, { ...active, source: { kind: "sheet", name: "台账二" } });
    await h.double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem(LEDGER_SHEET).delete();
      await context.sync();
    });
    return h;
  };

  it("removes our names left referring to nothing with the other marks: no name of ours is left", async () => {
    const { host, double } = await ledgerDeletedByHand();
    expect(double.snapshot().names.filter((n) => n.address === "=#REF!")).toHaveLength(2);
    expect((await host.clearMarks()).ok).toBe(true);
    expect(double.snapshot().names).toEqual([]);
  });

  it("and a failure at any of its syncs puts them back as they were", async () => {
    await failAtEachSync(ledgerDeletedByHand, (host) => host.clearMarks());
  });
});

describe("several areas selected (getSelectedRange throws)", () => {
  for (const excelApi of ["1.17", "1.8"]) {
    it(`says so in both languages and changes nothing (ExcelApi ${excelApi})`, async () => {
      const { host, double } = harness(
        { sheets: [ledgerSheet(), { name: "Other" }], selection: "A2:C4,E2:E4" },
        excelApi,
      );
      const before = double.snapshot();
      const outcome = await host.evaluate({ ...active, source: { kind: "selection" } });
      if (outcome.ok) throw new Error("evaluate should have refused");
      expect(outcome.error.code).toBe("several-areas");
      expect(outcome.error.message.zh).toContain("请只选择一个连续区域");
      expect(outcome.error.message.en).toContain("select one contiguous range");
      expect(diffSnapshots(before, double.snapshot())).toEqual([]);
    });
  }

  it("one selected area is read as before", async () => {
    const { host } = harness({ sheets: [ledgerSheet(), { name: "Other" }], selection: "A2:I6" });
    const { result } = await evaluateOk(host, { ...active, source: { kind: "selection" } });
    expect(result.items).toHaveLength(4);
  });
});

describe("workbook structure protection (Review → Protect Workbook)", () => {
  for (const excelApi of ["1.17", "1.6"]) {
    it(`生成汇总表 is refused with a message about the workbook, nothing written (ExcelApi ${excelApi})`, async () => {
      const { host, double } = harness(
        { sheets: [ledgerSheet(), { name: "Other" }], structureProtected: true },
        excelApi,
      );
      const evaluation = await evaluateOk(host);
      const before = double.snapshot();
      const outcome = await host.writeSummary(evaluation, DEFAULT_SETTINGS);
      if (outcome.ok) throw new Error("the summary should have been refused");
      expect(outcome.error.code).toBe("protected");
      expectUserMessage(outcome.error);
      expect(outcome.error.message.zh).toContain(excelApi === "1.17" ? "工作簿结构受保护" : "工作簿受保护");
      expect(outcome.error.message.zh).not.toContain(SUMMARY_SHEET_NAME);
      expect(diffSnapshots(before, double.snapshot())).toEqual([]);
    });
  }
});

describe("a cell being edited between the read and the write", () => {
  const PARTLY = /部分|partly/;
  it("evaluate: the write is refused whole; the message says so without 'partly written', nothing changed", async () => {
    const { host, double } = harness({ sheets: [ledgerSheet(), { name: "Other" }] });
    const before = double.snapshot();
    double.runtime.enterCellEditModeAtSync(double.syncCount + MAX_SYNCS_PER_EVALUATION);
    const outcome = await host.evaluate(active);
    if (outcome.ok) throw new Error("evaluate should have failed");
    expect(outcome.error.code).toBe("cell-edit");
    expect(`${outcome.error.message.zh}${outcome.error.message.en}`).not.toMatch(PARTLY);
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });

  it.each([
    ["生成汇总表", MAX_SYNCS_PER_SUMMARY],
    ["清除标记", MAX_SYNCS_PER_CLEAR],
  ])("%s: the same at its last sync", async (step, lastSync) => {
    const { host, double } = harness({ sheets: [ledgerSheet(), { name: "Other" }] });
    const evaluation = await evaluateOk(host);
    const before = double.snapshot();
    double.runtime.enterCellEditModeAtSync(double.syncCount + lastSync);
    const outcome =
      step === "清除标记" ? await host.clearMarks() : await host.writeSummary(evaluation, DEFAULT_SETTINGS);
    if (outcome.ok) throw new Error("should have failed");
    expect(outcome.error.code).toBe("cell-edit");
    expect(`${outcome.error.message.zh}${outcome.error.message.en}`).not.toMatch(PARTLY);
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });
});

describe("the survey sheet is read within the response budget", () => {
  const withSurvey = (respondents: number) => {
    const words = ["满意", "基本满意", "不满意"];
    const header = ["序号", ...Array.from({ length: 10 }, (_, q) => `问题${q + 1}`)];
    const rows = [
      header,
      ...Array.from({ length: respondents }, (_, r) => [
        r + 1,
        ...header.slice(1).map((_, q) => words[(r + q) % 3] ?? ""),
      ]),
    ];
    return harness({ sheets: [ledgerSheet(), { name: "满意度调查", rows }] });
  };

  it("an ordinary survey comes with the first read sync: MAX_SYNCS_PER_EVALUATION in all", async () => {
    const { host, double } = withSurvey(80);
    const { result } = await evaluateOk(host);
    expect(result.survey?.respondents).toBe(80);
    expect(double.syncCount).toBe(MAX_SYNCS_PER_EVALUATION);
  });

  it("a survey too large for one 5 MB response is read in planned blocks, every response under 5 MB", async () => {
    const { host, double } = withSurvey(40_000);
    const { result } = await evaluateOk(host);
    expect(result.survey?.respondents).toBe(40_000);
    for (const sync of double.runtime.syncs) {
      expect(sync.failed).toBeNull();
      expect(sync.responseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    }
  });
});

describe("evaluate reuses a pair of mark names left referring to nothing", () => {
  it("when every pair is taken; a failure at any sync puts the #REF! names back", async () => {
    const setup = async () => {
      const sheets = Array.from({ length: MAX_MARKED_SHEETS + 1 }, (_, i) => ledgerSheet({ name: `台账${i + 1}` }));
      const h = harness({ sheets });
      for (const sheet of sheets.slice(0, MAX_MARKED_SHEETS))
        await evaluateOk(h.host, { ...active, source: { kind: "sheet", name: sheet.name } });
      await h.double.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("台账1").delete();
        await context.sync();
      });
      return h;
    };
    const last = { ...active, source: { kind: "sheet" as const, name: `台账${MAX_MARKED_SHEETS + 1}` } };
    const { host, double } = await setup();
    await evaluateOk(host, last);
    expect(double.snapshot().names.filter((n) => n.address === "=#REF!")).toEqual([]);
    await failAtEachSync(setup, (h) => h.evaluate(last));
  });
});
