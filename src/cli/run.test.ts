import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateLedger, writeLedgerXlsx } from "../../test/support/ledger-generator";
import { isSummarySheetName, ledgerCandidates, run } from "./run";

describe("isSummarySheetName", () => {
  it.each<[string, boolean]>([
    ["整改情况汇总", true],
    ["整改情况汇总 (2)", true],
    ["整改情况汇总 (12)", true],
    ["整改情况汇总(2)", false],
    ["整改情况汇总表", false],
    ["2024年整改情况汇总", false],
  ])("%s → %p", (name, expected) => {
    expect(isSummarySheetName(name)).toBe(expected);
  });
});

describe("ledgerCandidates", () => {
  it("keeps workbook order and skips hidden, survey and summary sheets", () => {
    expect(
      ledgerCandidates([
        { name: "封面", hidden: false },
        { name: "旧台账", hidden: true },
        { name: "整改情况汇总", hidden: false },
        { name: "群众满意度调查", hidden: false },
        { name: "整改台账", hidden: false },
        { name: "问卷", hidden: false },
        { name: "整改情况汇总 (2)", hidden: false },
        { name: "测评结果", hidden: false },
        { name: "二季度台账", hidden: false },
      ]),
    ).toEqual(["封面", "整改台账", "二季度台账"]);
  });
});

describe("run: the JSON report on a slow standard output", () => {
  it("writes the next piece only once the previous one was taken, and the pieces make the whole report", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-slow-"));
    try {
      const file = join(dir, "ledger.xlsx");
      await writeLedgerXlsx(generateLedger(1_200), file);
      const pieces: string[] = [];
      let pending = 0;
      let overlapping = false;
      const code = await run(["evaluate", file, "--today", "2025-03-31"], {
        stdout: (text) => {
          if (pending > 0) overlapping = true;
          pieces.push(text);
          pending++;
          return new Promise<void>((resolve) => setTimeout(() => (pending--, resolve()), 1));
        },
        stderr: () => undefined,
      });
      expect(code).toBe(0);
      expect(overlapping).toBe(false);
      expect(pieces.length).toBeGreaterThan(2);
      expect(JSON.parse(pieces.join("")).items).toHaveLength(1_200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
