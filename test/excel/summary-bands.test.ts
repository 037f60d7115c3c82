/**
 * 生成汇总表 with a recorded period when the summary and 评估记录 are too heavy for one request: their
 * cells are written first in bands of rows (src/excel/value-bands.ts), the batch then styles, links,
 * hides and marks them. The band limits are lowered so that a ledger of a few hundred items takes the
 * path a 20,000-item one takes at the real limits (`bench/adapter.ts` measures that one: it failed once
 * with a 5.9 MB request, once with an 8.6 MB batch of row-by-row formatting).
 */
import { createExcelDouble, diffSnapshots, PAYLOAD_LIMIT_BYTES } from "../../src/excel-double";
import type { EvaluateOutcome } from "../../src/core/host";
import { historyAfter, periodDates } from "../../src/core/history";
import { addDaysIso } from "../../src/core/dates";
import { DEFAULT_SETTINGS } from "../../src/core/settings-defaults";
import { createExcelHost } from "../../src/excel/excel-host";
import { rowHeightRuns, styleRects } from "../../src/excel/render-sheet-plan";
import { MAX_SYNCS_PER_SUMMARY } from "../../src/excel/summary-in-excel";
import { MAX_SYNCS_PER_EVALUATION } from "../../src/excel/evaluate-in-excel";
import { DEFAULT_BAND_LIMITS, type BandLimits } from "../../src/excel/value-bands";
import type { CellStyle } from "../../src/core/plan/sheet-plan";
import { realisticLedger, type Harness } from "../support/excel-harness";
import { failAtEachSync } from "../support/reliability";
import { historyIn } from "../support/history-sheet";
import { BENCH_TODAY } from "../support/ledger-generator";

const ITEMS = 300;
/** Lowered: each sheet of a 300-item ledger needs several bands (real: 1.5 MB and 4 MB). */
const SMALL_BANDS: BandLimits = { inlineBytes: 16 * 1024, bandBytes: 48 * 1024 };

/**
 * A ledger summarised a week before `BENCH_TODAY` (one recorded period), then evaluated again at it,
 * in a host whose 生成汇总表 bands its sheets at `limits`.
 */
async function secondMeeting(
  limits: BandLimits = SMALL_BANDS,
  items: number = ITEMS,
): Promise<Harness & { outcome: EvaluateOutcome }> {
  const double = createExcelDouble({ sheets: [realisticLedger(items).sheet] });
  const h = { double, host: createExcelHost({ Excel: double.Excel, Office: double.Office }, { bandLimits: limits }) };
  const evaluateAt = async (today: string): Promise<EvaluateOutcome> => {
    const outcome = await h.host.evaluate({ source: { kind: "active" }, today, settings: DEFAULT_SETTINGS });
    if (!outcome.ok) throw new Error(outcome.error.message.en);
    return outcome.value;
  };
  const first = await h.host.writeSummary(await evaluateAt(addDaysIso(BENCH_TODAY, -7)), DEFAULT_SETTINGS);
  if (!first.ok) throw new Error(first.error.message.en);
  return { ...h, outcome: await evaluateAt(BENCH_TODAY) };
}

describe("生成汇总表 with a recorded period, the sheets' cells in bands", () => {
  it("records the period and keeps every request under the band budget and the 5 MB cap", async () => {
    const h = await secondMeeting();
    expect(h.outcome.history.length).toBeGreaterThan(0);
    expect(h.outcome.result.comparison?.since).toBe(addDaysIso(BENCH_TODAY, -7));
    const first = h.double.syncCount;
    expect((await h.host.writeSummary(h.outcome, DEFAULT_SETTINGS)).ok).toBe(true);
    const syncs = h.double.runtime.syncs.slice(first);
    // Look, several bands of each sheet, the batch.
    expect(syncs.length).toBeGreaterThan(MAX_SYNCS_PER_SUMMARY + 4);
    const bandSyncs = syncs.slice(1, -1);
    for (const sync of bandSyncs) {
      expect(sync.failed).toBeNull();
      // The band's values and formats, plus the request's envelope (a sheet added, a range).
      expect(sync.requestBytes).toBeLessThanOrEqual(SMALL_BANDS.bandBytes + 1024);
    }
    for (const sync of syncs) expect(sync.requestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // The batch carries no cells, no links and no row-by-row styles: lighter than one band (row by row,
    // the styles of these 300 items alone were heavier).
    expect(syncs[syncs.length - 1]?.requestBytes).toBeLessThan(SMALL_BANDS.bandBytes);

    const { visibility, records } = historyIn(h.double.snapshot());
    expect(visibility).toBe("Hidden");
    expect(periodDates(records)).toEqual([addDaysIso(BENCH_TODAY, -7), BENCH_TODAY]);
    expect(records).toEqual(historyAfter(h.outcome.history, h.outcome.result));
    expect(records.filter((r) => r.period === BENCH_TODAY)).toHaveLength(ITEMS);
  });

  it("leaves the workbook exactly as the one-batch write does: cells, formats, links, styles, marks", async () => {
    const banded = await secondMeeting();
    const whole = await secondMeeting(DEFAULT_BAND_LIMITS);
    expect((await banded.host.writeSummary(banded.outcome, DEFAULT_SETTINGS)).ok).toBe(true);
    const start = whole.double.syncCount;
    expect((await whole.host.writeSummary(whole.outcome, DEFAULT_SETTINGS)).ok).toBe(true);
    expect(whole.double.syncCount - start).toBe(MAX_SYNCS_PER_SUMMARY);
    expect(diffSnapshots(whole.double.snapshot(), banded.double.snapshot())).toEqual([]);
    expect(banded.double.snapshot()).toEqual(whole.double.snapshot());
  });

  it("a failure at any sync, a band's or the batch's, leaves the summary and 评估记录 as they were", async () => {
    // Fewer items and smaller bands: still several bands per sheet, each sync failed three ways.
    const small = () => secondMeeting({ inlineBytes: 6 * 1024, bandBytes: 16 * 1024 }, 80);
    const syncs = await failAtEachSync(small, async (host) => {
      const outcome = await host.evaluate({
        source: { kind: "active" },
        today: BENCH_TODAY,
        settings: DEFAULT_SETTINGS,
      });
      return outcome.ok ? host.writeSummary(outcome.value, DEFAULT_SETTINGS) : outcome;
    });
    // 评估's 3 (80 records fit its first read), then the look, at least two bands and the batch.
    expect(syncs).toBeGreaterThan(MAX_SYNCS_PER_EVALUATION + MAX_SYNCS_PER_SUMMARY + 1);
  });
});

describe("formatting in a bounded number of operations", () => {
  const cells = (rows: number, styleAt: (row: number, col: number) => CellStyle) =>
    Array.from({ length: rows * 4 }, (_, i) => {
      const row = Math.floor(i / 4) + 1;
      const col = (i % 4) + 1;
      return { row, col, style: styleAt(row, col) };
    });
  /** Each cell's style as the rectangles paint it, and how many cells were painted twice. */
  const painted = (rects: ReturnType<typeof styleRects>) => {
    const seen = new Map<string, CellStyle>();
    let twice = 0;
    for (const { style, rect } of rects)
      for (let row = rect.top; row <= rect.bottom; row++)
        for (let col = rect.left; col <= rect.right; col++) {
          if (seen.has(`${row},${col}`)) twice++;
          seen.set(`${row},${col}`, style);
        }
    return { seen, twice };
  };

  it("styles a table of 20,000 rows in a few rectangles, whatever its length", () => {
    // A header row, then body cells with a light column of two styles in long runs.
    const styleAt = (row: number, col: number): CellStyle =>
      row === 1 ? "header" : col === 3 ? (row % 5000 < 2500 ? "bad" : "warn") : "body";
    const input = cells(20_000, styleAt);
    const rects = styleRects(input);
    expect(rects.length).toBeLessThanOrEqual(1 + 2 + 9);
    const { seen, twice } = painted(rects);
    expect(twice).toBe(0);
    expect(input.filter(({ row, col, style }) => seen.get(`${row},${col}`) !== style)).toEqual([]);
    expect(seen.size).toBe(input.length);
  });

  it("paints a checkerboard cell by cell (nothing merged across styles)", () => {
    const input = cells(6, (row, col) => ((row + col) % 2 === 0 ? "good" : "bad"));
    const rects = styleRects(input);
    expect(rects).toHaveLength(input.length);
    expect(painted(rects)).toMatchObject({ twice: 0, seen: new Map(input.map((c) => [`${c.row},${c.col}`, c.style])) });
  });

  it("sets consecutive rows of one height as one range", () => {
    const heights = [
      { row: 7, points: 30 },
      { row: 3, points: 20 },
      { row: 4, points: 20 },
      { row: 5, points: 30 },
      { row: 6, points: 30 },
      ...Array.from({ length: 10_000 }, (_, i) => ({ row: 10 + i, points: 15 })),
    ];
    expect(rowHeightRuns(heights)).toEqual([
      { top: 3, bottom: 4, points: 20 },
      { top: 5, bottom: 7, points: 30 },
      { top: 10, bottom: 10_009, points: 15 },
    ]);
  });
});
