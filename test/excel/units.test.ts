/** Small pure pieces of the adapter: read planning, fill maps, error mapping, text safety, widths. */
import { decodeFills, encodeFills, fillRects, normaliseFill, NO_FILL } from "../../src/excel/fills";
import { hostErrorFrom } from "../../src/excel/host-errors";
import {
  CELL_SIZE_MARGIN,
  DATE_FIELDS,
  dateSourceColumns,
  cellCosts,
  fixedReadBlocks,
  formatColumnsFromSample,
  HEADER_SAMPLE_ADDRESS,
  MERGE_TILE_CELLS,
  mergeTiles,
  planReadBlocks,
  PREFETCH_ADDRESS,
  PREFETCH_BUDGET_BYTES,
  PREFETCH_CELL_BYTES,
  PREFETCH_COLUMNS,
  PREFETCH_ROWS,
  sampleGrid,
  subtractRect,
  type ReadBlock,
} from "../../src/excel/read-plan";
import { PAYLOAD_LIMIT_BYTES } from "../../src/excel-double";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { packBySize } from "../../src/excel/evaluate-in-excel";
import { charsToPoints, textValue } from "../../src/excel/render-sheet-plan";
import { isOwnedRuleFormula } from "../../src/excel/owned-rules";
import { parseMarker } from "../../src/excel/fill-record";
import { columnRuns, parseAddress, splitAreas } from "../../src/excel/address";
import { runInNewContext } from "node:vm";

/**
 * `fn()`, or a failure if it has not returned within 10 s — for a loop that must end: a test of one
 * that no longer does fails instead of stalling the whole jest run (a test timeout cannot stop sync code).
 */
const returning = <T>(fn: () => T): T => runInNewContext("fn()", { fn }, { timeout: 10_000 }) as T;

describe("read planning", () => {
  const rect = { top: 1, left: 1, bottom: 20_000, right: 15 };
  const sample = (values: unknown[][], numberFormats: unknown[][] = []) => ({
    rect: { top: 1, left: 1, bottom: Math.max(1, values.length), right: values[0]?.length ?? 1 },
    values,
    numberFormats,
  });

  const flat = { value: 10, format: 10 };
  const rowsOf = (blocks: ReadBlock[]) => blocks.map((b) => [b.rows.top, b.rows.bottom]);

  it("reads in one block when the estimate fits the budget, else in as few blocks of about equal cost as it needs", () => {
    // 20,000 rows × 15 columns × 10 bytes = 3,000,000 bytes.
    const fits = planReadBlocks(rect, null, [], flat, 3_000_000);
    expect(fits).toEqual([{ rows: rect, values: [rect] }]);
    expect(rowsOf(planReadBlocks(rect, null, [], flat, 2_999_999))).toEqual([
      [1, 10_000],
      [10_001, 20_000],
    ]);
    expect(planReadBlocks(rect, null, [], flat, 1_100_000)).toHaveLength(3);
    // Three blocks of exactly the budget would need 6,666⅔ rows each: a fourth block.
    expect(rowsOf(planReadBlocks(rect, null, [], flat, 1_000_000))).toEqual([
      [1, 5_000],
      [5_001, 10_000],
      [10_001, 15_000],
      [15_001, 20_000],
    ]);
    // Formats count too: 2 format columns add 2 cells per row.
    expect(planReadBlocks(rect, null, [3, 4], flat, 3_000_000)).toHaveLength(2);
    // Never more blocks than rows, never none.
    const cell = { top: 3, left: 2, bottom: 3, right: 2 };
    expect(planReadBlocks(cell, null, "all", flat, 1)).toEqual([{ rows: cell, values: [cell] }]);
    expect(planReadBlocks(cell, cell, [], flat)).toEqual([{ rows: cell, values: [] }]);
  });

  it("leaves out the values the probe already loaded: a known top-left part costs only its formats", () => {
    const known = { top: 1, left: 1, bottom: 8_000, right: 10 };
    // Rows 1…8,000 load columns 11…15 (5 cells), rows below all 15: 8,000 × 5 + 12,000 × 15 = 220,000 cells.
    const one = planReadBlocks(rect, known, [], flat, 2_200_000);
    expect(one).toEqual([
      {
        rows: rect,
        values: [
          { top: 1, bottom: 8_000, left: 11, right: 15 },
          { top: 8_001, bottom: 20_000, left: 1, right: 15 },
        ],
      },
    ]);
    const two = planReadBlocks(rect, known, [], flat, 2_199_999);
    expect(two).toHaveLength(2);
    // Equal cost, not equal rows: the first block has the cheap known rows.
    const [first, second] = two;
    // 8,000 × 50 + 4,667 × 150 ≈ 1,100,000, half the cost.
    expect(first?.rows.bottom).toBe(12_667);
    expect(second?.values).toEqual([{ top: 12_668, bottom: 20_000, left: 1, right: 15 }]);
    for (const block of two) {
      const cells = block.values.reduce((n, r) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0);
      expect(cells * 10).toBeLessThanOrEqual(2_199_999);
    }
    // Formats of a block cover all its rows, known or not (the read loads them by `rows`).
    expect(rowsOf(planReadBlocks(rect, rect, [5], flat, 100_000))).toEqual([
      [1, 10_000],
      [10_001, 20_000],
    ]);
  });

  it("plans one block when nothing is left to load: every value prefetched, no format column wanted", () => {
    // A ledger without any date column that fits the prefetch (A1:P8192) costs 0. Split into shares of 0,
    // the boundary never moved: an endless loop (the Excel host froze, 1 jest run in 4 stalled on the
    // property test of test/reliability/hostile.test.ts).
    const ledger = { top: 1, left: 1, bottom: 11, right: 8 };
    const prefetched = { top: 1, left: 1, bottom: PREFETCH_ROWS, right: PREFETCH_COLUMNS };
    const nothing = [{ rows: ledger, values: [] }];
    expect(returning(() => planReadBlocks(ledger, prefetched, [], flat))).toEqual(nothing);
    expect(returning(() => planReadBlocks(ledger, ledger, [], flat, 1))).toEqual(nothing);
    // Format columns outside the range cost nothing either.
    expect(returning(() => planReadBlocks(ledger, ledger, [9, 20], flat))).toEqual(nothing);
    // Free rows above costly ones: still as many blocks as the budget needs, never more.
    const lower = { top: 1, left: 1, bottom: 40, right: 8 };
    const top20 = { top: 1, left: 1, bottom: 20, right: 8 };
    expect(rowsOf(returning(() => planReadBlocks(lower, top20, [], flat, 1_600)))).toEqual([[1, 40]]);
    expect(rowsOf(returning(() => planReadBlocks(lower, top20, [], flat, 1_599)))).toEqual([
      [1, 30],
      [31, 40],
    ]);
  });

  it("a row alone over the budget: planned at once, not with a try for every block count up to the rows", () => {
    // 100,000 rows whose values the prefetch holds (cost 0) and one more over the budget: a try per count
    // would be 100,000 tries of 100,000 rows each, far past `returning`'s 10 s.
    const tall = { top: 1, left: 1, bottom: 100_001, right: 1 };
    const known = { top: 1, left: 1, bottom: 100_000, right: 1 };
    const blocks = returning(() => planReadBlocks(tall, known, [], flat, 5));
    expect(rowsOf(blocks)).toEqual([
      [1, 100_000],
      [100_001, 100_001],
    ]);
  });

  it("subtracts a rectangle into at most four: above, left, right, below", () => {
    const outer = { top: 1, left: 1, bottom: 10, right: 10 };
    expect(subtractRect(outer, null)).toEqual([outer]);
    expect(subtractRect(outer, { top: 20, left: 1, bottom: 30, right: 10 })).toEqual([outer]);
    expect(subtractRect(outer, outer)).toEqual([]);
    expect(subtractRect(outer, { top: 3, left: 4, bottom: 5, right: 6 })).toEqual([
      { top: 1, left: 1, bottom: 2, right: 10 },
      { top: 3, left: 1, bottom: 5, right: 3 },
      { top: 3, left: 7, bottom: 5, right: 10 },
      { top: 6, left: 1, bottom: 10, right: 10 },
    ]);
  });

  it("retries in fixed blocks that still leave out the known values", () => {
    const known = { top: 1, left: 1, bottom: 1_500, right: 15 };
    const blocks = fixedReadBlocks(rect, known, 1000);
    expect(blocks).toHaveLength(20);
    expect(blocks[0]?.values).toEqual([]);
    expect(blocks[1]?.values).toEqual([{ top: 1_501, bottom: 2_000, left: 1, right: 15 }]);
    expect(blocks[19]?.rows).toEqual({ top: 19_001, bottom: 20_000, left: 1, right: 15 });
  });

  it("costs cells as measured (UTF-8 bytes of the JSON) with a margin, formats only of the planned columns", () => {
    const short = sample([["ab", 1]], [["General", "yyyy/m/d"]]); // `[["ab",1]]` = 10 bytes for 2 cells
    expect(cellCosts(short, null, []).value).toBe(5 * CELL_SIZE_MARGIN);
    // `[["yyyy/m/d"]]` = 14 bytes for its 1 cell, `[["General"]]` 13 (above the floor of 11).
    expect(cellCosts(short, null, [2]).format).toBe(14 * CELL_SIZE_MARGIN);
    expect(cellCosts(short, null, [1]).format).toBe(13 * CELL_SIZE_MARGIN);
    // Chinese text costs three bytes a character.
    const chinese = sample([["整改".repeat(50)]]);
    expect(cellCosts(chinese, null, []).value).toBe((300 + 6) * CELL_SIZE_MARGIN);
    // The prefetch's average counts when it is larger than the sample's.
    const known = { rect: { top: 1, left: 1, bottom: 1, right: 1 }, values: [["整改措施".repeat(10)]] };
    expect(cellCosts(short, known, []).value).toBe((120 + 6) * CELL_SIZE_MARGIN);
    // Without a sample, a small lower bound per cell.
    expect(cellCosts(null, null, "all")).toEqual({ value: 3 * CELL_SIZE_MARGIN, format: 11 * CELL_SIZE_MARGIN });
  });

  it("sizes the prefetch by cells: 16 columns × 8,192 rows of 28 bytes is 3.5 MB", () => {
    expect(PREFETCH_COLUMNS).toBe(16);
    expect(PREFETCH_ROWS).toBe(8192);
    expect(PREFETCH_ADDRESS).toBe("A1:P8192");
    expect(PREFETCH_ROWS * PREFETCH_COLUMNS * PREFETCH_CELL_BYTES).toBeLessThanOrEqual(PREFETCH_BUDGET_BYTES);
    expect(PREFETCH_BUDGET_BYTES).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // The header sample is capped by columns too: 60 × 64 cells, values and formats.
    expect(HEADER_SAMPLE_ADDRESS).toBe("A1:BL60");
  });

  it(`reads merged areas in tiles of at most ${MERGE_TILE_CELLS} cells covering the range: row bands, a too-wide row in runs`, () => {
    const rect = { top: 1, left: 1, bottom: 100, right: 15 };
    const tiles = mergeTiles(rect);
    expect(tiles[0]).toEqual({ top: 1, left: 1, bottom: 34, right: 15 });
    expect(tiles.map((t) => t.bottom - t.top + 1)).toEqual([34, 34, 32]);
    const wide = mergeTiles({ top: 5, left: 1, bottom: 6, right: 1200 });
    expect(wide.map((t) => [t.top, t.left, t.right])).toEqual([
      [5, 1, 512],
      [5, 513, 1024],
      [5, 1025, 1200],
      [6, 1, 512],
      [6, 513, 1024],
      [6, 1025, 1200],
    ]);
    for (const t of [...tiles, ...wide])
      expect((t.bottom - t.top + 1) * (t.right - t.left + 1)).toBeLessThanOrEqual(512);
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
    ["ApiNotAvailable", "api-missing"],
    ["RequestPayloadSizeLimitExceeded", "too-large"],
    ["ResponsePayloadSizeLimitExceeded", "too-large"],
    ["RangeExceedsLimit", "too-large"],
    ["UnsupportedFeature", "unsupported-feature"],
    ["InactiveWorkbook", "inactive-workbook"],
    ["InvalidSelection", "several-areas"],
    ["GeneralException", "unknown"],
  ])("maps %s to %s with a message in both languages", (code, expected) => {
    const error = hostErrorFrom(Object.assign(new Error("x"), { code }), "台账");
    expect(error.code).toBe(expected);
    expect(error.message.zh.length).toBeGreaterThan(0);
    expect(error.message.en.length).toBeGreaterThan(0);
  });

  it("names Office versions that can run the add-in when an API is missing (Excel 2016 as sold in volume cannot)", () => {
    const { message } = hostErrorFrom(Object.assign(new Error("x"), { code: "ApiNotFound" }));
    expect(message.zh).toContain("Microsoft 365、Office 2021 及更高版本");
    expect(message.en).toContain("Microsoft 365, Office 2021 or later");
    expect(`${message.zh} ${message.en}`).not.toMatch(/2016/);
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
    expect(parseMarker({ version: 3, sheets: {} })).toBeNull();
  });

  it("reads an earlier version's marker (one sheet) as one entry of the per-sheet record", () => {
    expect(parseMarker({ version: 1, sheetId: "s", originalFills: { "#FF0000": ["A1"] } })).toEqual({
      version: 2,
      sheets: { s: { "#FF0000": ["A1"] } },
    });
    const two = { version: 2, sheets: { a: { none: ["B2"] }, b: { "#FF0000": ["C3"] } } };
    expect(parseMarker(JSON.stringify(two))).toEqual(two);
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
