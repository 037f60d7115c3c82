/** Small pure pieces of the adapter: read planning, fill maps, error mapping, text safety, widths. */
import { decodeFills, encodeFills, fillRects, normaliseFill, NO_FILL } from "../../src/excel/fills";
import { hostErrorFrom } from "../../src/excel/host-errors";
import { MAX_CELLS_PER_READ_SYNC, planReadSyncs, READ_BLOCK_ROWS } from "../../src/excel/read-ledger";
import { charsToPoints, textValue } from "../../src/excel/render-sheet-plan";
import { isOwnedRuleFormula } from "../../src/excel/marks-state";
import { parseMarker } from "../../src/excel/marker";
import { parseAddress, splitAreas } from "../../src/excel/address";

describe("planReadSyncs", () => {
  it("reads up to 20,000 rows of 12 columns in one sync, in blocks of READ_BLOCK_ROWS", () => {
    const groups = planReadSyncs({ top: 1, left: 1, bottom: 20_000, right: 12 });
    expect(groups).toHaveLength(1);
    expect(groups[0]?.map((b) => [b.top, b.bottom])).toEqual([
      [1, 5000],
      [5001, 10000],
      [10001, 15000],
      [15001, 20000],
    ]);
  });

  it("adds one sync per further group of blocks", () => {
    const width = MAX_CELLS_PER_READ_SYNC / READ_BLOCK_ROWS; // one block fills a sync
    expect(planReadSyncs({ top: 1, left: 1, bottom: 3 * READ_BLOCK_ROWS, right: width })).toHaveLength(3);
    expect(planReadSyncs({ top: 3, left: 2, bottom: 3, right: 2 })).toEqual([
      [{ top: 3, left: 2, bottom: 3, right: 2 }],
    ]);
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
