/** Small pure pieces of the adapter: read planning, fill maps, error mapping, text safety, widths. */
import { decodeFills, encodeFills, fillRects, normaliseFill, NO_FILL } from "../../src/excel/fills";
import { hostErrorFrom } from "../../src/excel/host-errors";
import {
  CELL_SIZE_MARGIN,
  columnRuns,
  DATE_FIELDS,
  dateSourceColumns,
  estimateReadBytes,
  formatColumnsFromSample,
  planReadBlocks,
  READ_BUDGET_BYTES,
  sampleGrid,
} from "../../src/excel/read-plan";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { packBySize } from "../../src/excel/evaluate-in-excel";
import { charsToPoints, textValue } from "../../src/excel/render-sheet-plan";
import { isOwnedRuleFormula } from "../../src/excel/marks-state";
import { parseMarker } from "../../src/excel/marker";
import { parseAddress, splitAreas } from "../../src/excel/address";

describe("read planning", () => {
  const rect = { top: 1, left: 1, bottom: 20_000, right: 15 };
  const sample = (values: unknown[][], numberFormats: unknown[][] = []) => ({
    rect: { top: 1, left: 1, bottom: Math.max(1, values.length), right: values[0]?.length ?? 1 },
    values,
    numberFormats,
  });

  it("reads in one block when the estimate fits the budget, else in as many equal blocks as it needs", () => {
    expect(planReadBlocks(rect, READ_BUDGET_BYTES)).toEqual([rect]);
    expect(planReadBlocks(rect, READ_BUDGET_BYTES + 1).map((b) => [b.top, b.bottom])).toEqual([
      [1, 10_000],
      [10_001, 20_000],
    ]);
    expect(planReadBlocks(rect, 3 * READ_BUDGET_BYTES).map((b) => [b.top, b.bottom])).toHaveLength(3);
    // Never more blocks than rows.
    expect(planReadBlocks({ top: 3, left: 2, bottom: 3, right: 2 }, 10 * READ_BUDGET_BYTES)).toEqual([
      { top: 3, left: 2, bottom: 3, right: 2 },
    ]);
  });

  it("estimates from the sample's cell sizes with a margin, formats only for the planned columns", () => {
    const short = sample([["ab", 1]]); // row JSON `["ab",1]` = 8 characters + a comma per cell
    const oneRow = { top: 1, left: 1, bottom: 1, right: 2 };
    const valuesOnly = estimateReadBytes(oneRow, [], short);
    expect(valuesOnly).toBe(Math.ceil(2 * ((5 + 2 + 2) / 2) * CELL_SIZE_MARGIN));
    expect(estimateReadBytes(oneRow, [1], short)).toBeGreaterThan(valuesOnly);
    expect(estimateReadBytes(oneRow, "all", short)).toBeGreaterThan(estimateReadBytes(oneRow, [1], short));
    const long = sample([["整改措施".repeat(50), 1]]);
    expect(estimateReadBytes(oneRow, [], long)).toBeGreaterThan(100 * CELL_SIZE_MARGIN);
    // Without a sample, a small lower bound per cell.
    expect(estimateReadBytes(rect, [], null)).toBeGreaterThan(0);
  });

  it("groups format columns into contiguous runs", () => {
    expect(columnRuns([9, 8, 11, 1, 12])).toEqual([
      { left: 1, right: 1 },
      { left: 8, right: 9 },
      { left: 11, right: 12 },
    ]);
    expect(columnRuns([])).toEqual([]);
  });

  it("needs formats of the date fields' columns, and of the left column of a merge over one", () => {
    const columns = { description: 2, assigned: 5, deadline: 6, completed: 9, reviewed: 12, closedOn: 14, status: 7 };
    expect(dateSourceColumns(columns, [])).toEqual([5, 6, 9, 12, 14]);
    expect(dateSourceColumns({ deadline: 6 }, [{ top: 4, bottom: 4, left: 4, right: 6 }])).toEqual([4, 6]);
    expect(DATE_FIELDS).toEqual(["assigned", "deadline", "completed", "closedOn", "reviewed"]);
  });

  it("finds the date columns from the header sample with the engine's layout; all columns when it shows no ledger", () => {
    const header = ["序号", "问题描述", "整改措施", "责任单位", "交办时间", "整改时限", "完成时间", "备注"];
    const rows = [["某局整改台账"], header, [1, "问题", "措施", "办公室", 45600, 45700, null, null]];
    const grid = sampleGrid("台账", sample(rows), [], false);
    expect(formatColumnsFromSample(grid, DEFAULT_SETTINGS.mapping, [])).toEqual([5, 6, 7]);
    // A user's mapping names the column itself.
    const mapping = { ...DEFAULT_SETTINGS.mapping, columns: { reviewed: "H" } };
    expect(formatColumnsFromSample(grid, mapping, [])).toEqual([5, 6, 7, 8]);
    const noLedger = sampleGrid("杂项", sample([["说明"], ["这里没有台账"]]), [], false);
    expect(formatColumnsFromSample(noLedger, DEFAULT_SETTINGS.mapping, [])).toBe("all");
    expect(formatColumnsFromSample(null, DEFAULT_SETTINGS.mapping, [])).toBe("all");
  });
});

describe("packBySize", () => {
  it("keeps consecutive items together up to the budget; an item over the budget goes alone", () => {
    const size = (n: number) => n;
    expect(packBySize([1, 2, 3], size, 10)).toEqual([[1, 2, 3]]);
    expect(packBySize([4, 4, 4, 12, 1], size, 10)).toEqual([[4, 4], [4], [12], [1]]);
    expect(packBySize([], size, 10)).toEqual([]);
  });
});

describe("fill maps", () => {
  it("groups cells by colour into row runs merged down identical rows, and round-trips", () => {
    const fills = new Map<string, string>();
    for (const r of [3, 4]) for (const c of [2, 3]) fills.set(`${r}:${c}`, "#FFFF00");
    fills.set("5:2", "#FFFF00");
    fills.set("6:5", NO_FILL);
    expect(encodeFills(fills)).toEqual({ "#FFFF00": ["B3:C4", "B5"], [NO_FILL]: ["E6"] });
    expect(decodeFills(encodeFills(fills))).toEqual(fills);
    expect(fillRects(new Map())).toEqual(new Map());
  });

  it("reads white as no fill (Excel cannot tell them apart before 1.9)", () => {
    expect([normaliseFill("#ffffff"), normaliseFill(null), normaliseFill("#ff0000")]).toEqual([
      NO_FILL,
      NO_FILL,
      "#FF0000",
    ]);
  });
});

describe("hostErrorFrom", () => {
  it.each([
    ["AccessDenied", "protected"],
    ["InvalidOperationInCellEditMode", "cell-edit"],
    ["ApiNotFound", "api-missing"],
    ["RequestPayloadSizeLimitExceeded", "too-large"],
    ["ResponsePayloadSizeLimitExceeded", "too-large"],
    ["GeneralException", "unknown"],
  ])("maps %s to %s with a message in both languages", (code, expected) => {
    const error = hostErrorFrom(Object.assign(new Error("x"), { code }), "台账");
    expect(error.code).toBe(expected);
    expect(error.message.zh.length).toBeGreaterThan(0);
    expect(error.message.en.length).toBeGreaterThan(0);
  });
});

describe("text written into the summary", () => {
  it.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+86", "'+86"],
    ["-减少", "'-减少"],
    ["@张三", "'@张三"],
    ["001", "'001"],
    ["2025-03-15", "'2025-03-15"],
    ["TRUE", "'TRUE"],
    ["工程部", "工程部"],
    ["", ""],
  ])("%s is written as %s", (text, written) => expect(textValue(text)).toBe(written));

  it("converts character widths to points", () => {
    expect(charsToPoints(10)).toBe(56.25);
  });
});

describe("our conditional-format rules and marker", () => {
  it("recognises exactly the four light formulas", () => {
    expect(isOwnedRuleFormula('=$J3="红灯"')).toBe(true);
    expect(isOwnedRuleFormula('=$AB12="已销号"')).toBe(true);
    expect(isOwnedRuleFormula('=$J3="待补充"')).toBe(false);
    expect(isOwnedRuleFormula('=J3="红灯"')).toBe(false);
    expect(isOwnedRuleFormula('=$J3="红灯"+1')).toBe(false);
  });

  it("ignores a damaged marker instead of trusting it", () => {
    expect(parseMarker("{oops")).toBeNull();
    expect(parseMarker({ version: 2 })).toBeNull();
    expect(parseMarker({ version: 1, sheetId: "s", originalFills: { "#FF0000": ["A1"] } })).not.toBeNull();
  });
});

describe("addresses", () => {
  it("parses what Office.js returns, quoted sheet names included, and splits multi-area addresses", () => {
    expect(parseAddress("'整改 台账'!$B$3:$D$5")).toEqual({
      sheet: "整改 台账",
      rect: { top: 3, left: 2, bottom: 5, right: 4 },
    });
    expect(parseAddress("A:C")?.rect).toEqual({ top: 1, left: 1, bottom: 1_048_576, right: 3 });
    expect(parseAddress("A1:B2:C3")).toBeNull();
    expect(splitAreas("'a, b'!A1:B2,S!C3")).toEqual(["'a, b'!A1:B2", "S!C3"]);
  });
});
