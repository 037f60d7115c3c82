import fc from "fast-check";
import { amountsFixture, reportFixture, REPORT_TODAY } from "../../../test/support/report-fixture";
import { cliJsonPieces, cliReportPieces, toCliJson, type CliJson } from "./json";

describe("toCliJson (SPEC §9)", () => {
  const json = toCliJson("input/ledger.xlsx", reportFixture());

  it("has SPEC §9's fields in SPEC §9's order, then the comparison, and nothing else", () => {
    expect(Object.keys(json)).toEqual([
      "file",
      "today",
      "ledger",
      "items",
      "findings",
      "summary",
      "survey",
      "comparison",
    ]);
    expect(Object.keys(json.ledger)).toEqual(["sheet", "headerRow", "firstRow", "lastRow", "columns"]);
    expect(Object.keys(json.items[0] ?? {})).toEqual([
      "row",
      "seq",
      "status",
      "type",
      "light",
      "overdueDays",
      "dueInDays",
      "deadline",
      "completed",
      "ongoing",
    ]);
    expect(Object.keys(json.findings[0] ?? {})).toEqual([
      "rule",
      "severity",
      "sheet",
      "row",
      "cell",
      "field",
      "message",
    ]);
    expect(Object.keys(json.summary)).toEqual([
      "items",
      "byStatus",
      "byLight",
      "overdue",
      "completionRate",
      "closeRate",
      "onTimeRate",
      "onTimeRateOriginal",
      "amounts",
    ]);
    expect(Object.keys(json.survey ?? {})).toEqual([
      "sheet",
      "respondents",
      "valid",
      "invalid",
      "score",
      "satisfiedRate",
      "questions",
    ]);
    expect(Object.keys(json.survey?.questions[0] ?? {})).toEqual(["column", "title", "valid", "score"]);
  });

  it("keeps the file as typed and the date", () => {
    expect(json.file).toBe("input/ledger.xlsx");
    expect(json.today).toBe(REPORT_TODAY);
  });

  it("gives the ledger block with columns as letters in the SPEC §2 field order", () => {
    expect(json.ledger).toEqual({
      sheet: "台账",
      headerRow: 2,
      firstRow: 3,
      lastRow: 6,
      columns: {
        seq: "A",
        description: "B",
        measures: "C",
        unit: "D",
        owner: "E",
        deadline: "F",
        status: "G",
        completed: "H",
        closed: "I",
      },
    });
    expect(Object.keys(json.ledger.columns)).toEqual([
      "seq",
      "description",
      "measures",
      "unit",
      "owner",
      "deadline",
      "status",
      "completed",
      "closed",
    ]);
  });

  it.each<[string, { type: "immediate" | null; typeUnknown: boolean }, string | null]>([
    ["a recognised type", { type: "immediate", typeUnknown: false }, "immediate"],
    ["text that names no type: unknown, as an unrecognised status is", { type: null, typeUnknown: true }, "unknown"],
    ["an empty type cell: null", { type: null, typeUnknown: false }, null],
  ])("prints the type of %s", (_, reading, printed) => {
    const result = reportFixture();
    const first = result.items[0]!;
    const doc = toCliJson("x.xlsx", { ...result, items: [{ ...first, ...reading }] });
    expect(doc.items[0]?.type).toBe(printed);
  });

  it("lists the items with sheet rows, lights, overdue days and ISO dates (hand-counted for 2025-03-31)", () => {
    expect(json.items).toEqual([
      {
        row: 3,
        seq: "1",
        status: "in_progress",
        type: null,
        light: "yellow",
        overdueDays: 21,
        dueInDays: null,
        deadline: "2025-03-10",
        completed: null,
        ongoing: false,
      },
      {
        row: 4,
        seq: "2",
        status: "closed",
        type: null,
        light: "closed",
        overdueDays: 0,
        dueInDays: null,
        deadline: "2025-02-10",
        completed: "2025-02-08",
        ongoing: false,
      },
      {
        row: 5,
        seq: "3",
        status: "ongoing",
        type: null,
        light: "green",
        overdueDays: 0,
        dueInDays: null,
        deadline: null,
        completed: null,
        ongoing: true,
      },
      {
        row: 6,
        seq: "4",
        status: "not_started",
        type: null,
        light: "red",
        overdueDays: 70,
        dueInDays: null,
        deadline: "2025-01-20",
        completed: null,
        ongoing: false,
      },
    ]);
  });

  it("gives dueInDays as the engine counts it: days to a deadline not yet passed, 0 on the day", () => {
    const result = reportFixture();
    const first = result.items[0]!;
    const items = [0, 7, null].map((dueInDays, i) => ({ ...first, row: 20 + i, dueInDays }));
    expect(toCliJson("x.xlsx", { ...result, items }).items.map((i) => i.dueInDays)).toEqual([0, 7, null]);
  });

  it("turns every finding into rule, severity, sheet, row, cell, field and the Chinese message", () => {
    const result = reportFixture();
    expect(json.findings).toEqual(
      result.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        sheet: f.sheet,
        row: f.row,
        cell: f.cell,
        field: f.field,
        message: f.message.zh,
      })),
    );
    expect(json.findings).toContainEqual({
      rule: "required-field",
      severity: "error",
      sheet: "台账",
      row: 5,
      cell: "E5",
      field: "owner",
      message: "责任人为空",
    });
    expect(json.findings).toContainEqual(
      expect.objectContaining({ rule: "missing-column", sheet: "台账", row: null, cell: null, field: "evidence" }),
    );
  });

  it("puts a survey finding on the survey's sheet", () => {
    const result = reportFixture();
    const onSurvey = toCliJson("x.xlsx", {
      ...result,
      findings: [
        ...result.findings,
        {
          rule: "survey-unknown-answer",
          severity: "warning",
          row: 14,
          cell: "C14",
          field: null,
          message: { zh: "无法识别", en: "unknown" },
          sheet: "满意度调查",
        },
      ],
    });
    expect(onSurvey.findings.at(-1)).toMatchObject({ rule: "survey-unknown-answer", sheet: "满意度调查", cell: "C14" });
    expect(onSurvey.findings.filter((f) => f.sheet === "台账")).toHaveLength(result.findings.length);
  });

  it("summarises with every status and light key and rates rounded to three decimals", () => {
    expect(json.summary).toEqual({
      items: 4,
      byStatus: { closed: 1, done: 0, in_progress: 1, not_started: 1, ongoing: 1, unknown: 0 },
      byLight: { red: 1, yellow: 1, green: 1, closed: 1, none: 0 },
      overdue: 2,
      completionRate: 0.25,
      closeRate: 0.25,
      onTimeRate: 1,
      onTimeRateOriginal: 1,
      amounts: null,
    });
  });

  it("rounds the summary's and the survey's rates", () => {
    const result = reportFixture();
    const odd = toCliJson("x.xlsx", {
      ...result,
      summary: { ...result.summary, completionRate: 1 / 3, closeRate: 0.12345, onTimeRate: null },
      survey: result.survey && { ...result.survey, satisfiedRate: 29 / 30 },
    });
    expect(odd.summary).toMatchObject({ completionRate: 0.333, closeRate: 0.123, onTimeRate: null });
    expect(odd.survey?.satisfiedRate).toBe(0.967);
  });

  it("gives the survey block (score by hand: Q1 (100+80)/2 = 90, Q2 (80+60+100)/3 = 80, equal weights → 85)", () => {
    expect(json.survey).toEqual({
      sheet: "满意度调查",
      respondents: 3,
      valid: 3,
      invalid: 0,
      score: 85,
      satisfiedRate: 1,
      questions: [
        { column: "B", title: "1.公开透明", valid: 2, score: 90 },
        { column: "C", title: "2.总体成效", valid: 3, score: 80 },
      ],
    });
  });

  it("prints survey null without a survey sheet", () => {
    expect(toCliJson("x.xlsx", reportFixture(false)).survey).toBeNull();
  });
});

describe("toCliJson: extensions and amounts", () => {
  const doc = toCliJson("audit.xlsx", amountsFixture());

  it("reports onTimeRate against the current deadline and onTimeRateOriginal against the first", () => {
    expect([doc.summary.onTimeRate, doc.summary.onTimeRateOriginal]).toEqual([1, 0.5]);
  });

  it("gives summary.amounts with the grand totals of each column and their unit", () => {
    expect(doc.summary.amounts).toEqual({
      unit: "万元",
      converted: true,
      totals: { amountInvolved: 33.5, amountRecovered: 22.5 },
      columns: {
        amountInvolved: { column: "J", unit: "元", unreadableRows: [] },
        amountRecovered: { column: "K", unit: "万元", unreadableRows: [] },
      },
      rectifiedBasis: "finished-items",
      involved: 33.5,
      rectified: 30,
      rectifiedRate: 0.896,
      byStatus: {
        closed: { items: 1, involved: 10, rectified: 10, rate: 1 },
        done: { items: 1, involved: 20, rectified: 20, rate: 1 },
        in_progress: { items: 1, involved: 3.5, rectified: 0, rate: 0 },
      },
      byUnit: [
        { unit: "财务部", items: 2, involved: 30, rectified: 30, rate: 1 },
        { unit: "办公室", items: 1, involved: 3.5, rectified: 0, rate: 0 },
      ],
    });
  });

  it("is written byte for byte as JSON.stringify writes it", () => {
    expect([...cliJsonPieces(doc)].join("")).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });
});

describe("cliJsonPieces: the document in pieces", () => {
  const whole = (doc: CliJson) => `${JSON.stringify(doc, null, 2)}\n`;
  const joined = (doc: CliJson) => [...cliJsonPieces(doc)].join("");

  it("gives exactly JSON.stringify(doc, null, 2), with and without a survey", () => {
    for (const withSurvey of [true, false]) {
      const doc = toCliJson("input/ledger.xlsx", reportFixture(withSurvey));
      expect(joined(doc)).toBe(whole(doc));
    }
  });

  it("gives empty arrays, awkward text and many elements exactly too, in several pieces", () => {
    const base = toCliJson('台账 "引号"\n.xlsx', reportFixture());
    const empty: CliJson = { ...base, items: [], findings: [] };
    expect(joined(empty)).toBe(whole(empty));
    const item = base.items[0]!;
    const many: CliJson = {
      ...base,
      items: Array.from({ length: 1_234 }, (_, i) => ({ ...item, row: i + 5, seq: `第${i}项\n"换行"` })),
    };
    const pieces = [...cliJsonPieces(many)];
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join("")).toBe(whole(many));
    expect(JSON.parse(pieces.join(""))).toEqual(many);
  });

  it("writes the report from the result, without the whole document, exactly as cliJsonPieces(toCliJson(…))", () => {
    const result = reportFixture();
    const item = result.items[0]!;
    const finding = result.findings[0]!;
    const sizes = [0, 1, 99, 100, 101, 250, 1_234];
    for (const count of sizes) {
      const large = {
        ...result,
        items: Array.from({ length: count }, (_, i) => ({ ...item, row: i + 5, seq: `${i}` })),
        findings: Array.from({ length: count }, (_, i) => ({ ...finding, row: i + 5, cell: `C${i + 5}` })),
      };
      const streamed = [...cliReportPieces("台账.xlsx", large)].join("");
      expect(streamed).toBe(joined(toCliJson("台账.xlsx", large)));
    }
    for (const withSurvey of [true, false]) {
      const small = reportFixture(withSurvey);
      expect([...cliReportPieces("x.xlsx", small)].join("")).toBe(whole(toCliJson("x.xlsx", small)));
    }
  });

  it("writes findings exactly as JSON.stringify does, whatever their sheet names and messages", () => {
    const base = toCliJson("x.xlsx", reportFixture());
    const finding = base.findings[0]!;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            sheet: fc.string(),
            message: fc.string(),
            row: fc.option(fc.nat()),
            cell: fc.option(fc.string()),
          }),
          {
            minLength: 1,
          },
        ),
        (variants) => {
          const doc: CliJson = { ...base, findings: variants.map((v) => ({ ...finding, ...v })) };
          expect(joined(doc)).toBe(whole(doc));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("writes any plain data exactly as JSON.stringify(…, null, 2) does (undefined, NaN, -0, nesting)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), fc.array(fc.anything()), (fields, list) => {
        const doc = { ...fields, list, empty: [], nothing: undefined } as unknown as CliJson;
        expect(joined(doc)).toBe(whole(doc));
      }),
      { numRuns: 300 },
    );
  });
});

describe("the comparison in the JSON", () => {
  const comparison = {
    since: "2025-03-24",
    source: "history" as const,
    newItems: [12, 13],
    removedItems: [{ seq: "7", description: "食堂采购无台账" }],
    newlyDone: [5],
    newlyClosed: [6],
    turnedYellow: [8],
    turnedRed: [9],
    consecutiveRed: [{ row: 9, periods: 3 }],
    wentBack: [10],
    deadlineMoved: [{ row: 11, from: "2025-03-10", to: "2025-04-30" }],
    rates: {
      completionRate: { now: 0.353, before: 0.294 },
      closeRate: { now: 0.2, before: 0.1 },
      onTimeRate: { now: null, before: 1 },
    },
    trend: [{ period: "2025-03-24", items: 30, done: 8, closed: 5, red: 2, yellow: 3 }],
  };

  it("is null without an earlier period, the document otherwise as before with the key last", () => {
    const text = [...cliReportPieces("x.xlsx", reportFixture())].join("");
    expect(JSON.parse(text).comparison).toBeNull();
    expect(text.endsWith(`},\n  "comparison": null\n}\n`)).toBe(true);
    const { comparison: _none, ...before } = toCliJson("x.xlsx", reportFixture());
    expect(text.replace(`,\n  "comparison": null\n}`, "\n}")).toBe(`${JSON.stringify(before, null, 2)}\n`);
  });

  it("is the engine's comparison as the issue's shape, streamed byte for byte", () => {
    const result = { ...reportFixture(), comparison };
    const doc = toCliJson("x.xlsx", result);
    expect(doc.comparison).toEqual(comparison);
    expect([...cliReportPieces("x.xlsx", result)].join("")).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });
});
