/**
 * Small ledgers built for single behaviours, written by LibreOffice (scripts/make-fixtures.py lays
 * them out with openpyxl and has `soffice` save them): each expected value below is worked out by
 * hand from the rows in that script, as of --today 2025-03-31.
 */
import { resolve } from "node:path";
import type { CliJson } from "../../src/core/report/json";
import { run } from "../../src/cli/run";

const ROOT = resolve(__dirname, "../..");

async function evaluate(file: string, format: "json" | "text" = "json"): Promise<string> {
  let stdout = "";
  let stderr = "";
  const code = await run(["evaluate", `test/fixtures/lo/${file}`, "--today", "2025-03-31", "--format", format], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: ROOT,
  });
  expect([code, stderr]).toEqual([0, ""]);
  return stdout;
}

const json = async (file: string): Promise<CliJson> => JSON.parse(await evaluate(file)) as CliJson;

describe("a 栏次 row and a units row under the header (column-numbers.xlsx)", () => {
  let result: CliJson;
  beforeAll(async () => {
    result = await json("column-numbers.xlsx");
  });

  it("reads them as the header's: the items start under them", () => {
    expect(result.ledger).toMatchObject({ headerRow: 2, firstRow: 5, lastRow: 8 });
    expect(result.items.map((i) => [i.row, i.seq, i.status, i.light, i.overdueDays])).toEqual([
      [5, "1", "in_progress", "green", 0],
      [6, "2", "done", "green", 0],
      [7, "3", "in_progress", "yellow", 21],
      [8, "4", "not_started", "green", 0],
    ]);
  });

  it("finds nothing wrong (no invalid dates or bogus unit from the 栏次 row) and counts 4 items", () => {
    expect(result.findings).toEqual([]);
    expect(result.summary).toMatchObject({ items: 4, completionRate: 0.25, onTimeRate: 1 });
  });
});

describe("a group's 审计整改 ledger in its own header words (group-audit-ledger.xlsx)", () => {
  let result: CliJson;
  beforeAll(async () => {
    result = await json("group-audit-ledger.xlsx");
  });

  it("maps 所属责任公司, 整改计划及措施, 目标完成时间, 是否整改完成, 实际完成时间 and 验收人", () => {
    expect(result.ledger.columns).toEqual({
      seq: "A",
      unit: "B",
      category: "C",
      description: "D",
      measures: "F",
      owner: "G",
      deadline: "H",
      status: "I",
      completed: "J",
      signer: "K",
    });
  });

  it("takes the completion rate from 是否整改完成: 40%, not the 80% the target dates would give", () => {
    expect(result.summary).toMatchObject({
      items: 10,
      byStatus: { done: 4, not_started: 6 },
      byLight: { green: 8, none: 2 },
      completionRate: 0.4,
      onTimeRate: 1,
    });
    expect(result.findings.map((f) => [f.rule, f.cell])).toEqual([
      ["required-field", "H4"],
      ["required-field", "H9"],
    ]);
  });
});
