/**
 * A workbook with more than one ledger sheet: each evaluated sheet keeps its own marks (a pair of
 * mark names, and below ExcelApi 1.6 its own record of the user's fills), evaluating one never
 * disturbs another's, and 清除标记 takes every sheet back to exactly what it was (SPEC §8).
 */
import { diffSnapshots, type WorkbookDescription } from "../../src/excel-double";
import { MAX_SYNCS_PER_CLEAR } from "../../src/excel/excel-host";
import type { EvaluateRequest, LedgerHost } from "../../src/core/host";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { columnMarkNames, MAX_MARKED_SHEETS } from "../../src/core/plan/marks-plan";
import { failAtEachSync } from "../support/reliability";
import { harness, ledgerSheet, TODAY } from "../support/excel-harness";

const on = (name: string): EvaluateRequest => ({
  source: { kind: "sheet", name },
  today: TODAY,
  settings: DEFAULT_SETTINGS,
});

async function evaluateOk(host: LedgerHost, sheet: string) {
  const outcome = await host.evaluate(on(sheet));
  if (!outcome.ok) throw new Error(`evaluate ${sheet} failed: ${outcome.error.message.en}`);
  return outcome.value;
}

/** Two ledgers with the user's own fills, and a sheet that is not a ledger. */
const workbook = (): WorkbookDescription => ({
  sheets: [
    { ...ledgerSheet({ name: "第一轮" }), fills: { "B3:C4": "#FFFF00" } },
    { ...ledgerSheet({ name: "第二轮" }), fills: { E6: "#9BC2E6" } },
    { name: "说明", rows: [["x"]] },
  ],
});

describe.each(["1.17", "1.4"])("two ledger sheets (ExcelApi %s)", (excelApi) => {
  it("evaluate one, the other, the first again: each keeps its own marks; clear restores the workbook exactly", async () => {
    const { host, double } = harness(workbook(), excelApi);
    const original = double.snapshot();
    await evaluateOk(host, "第一轮");
    const firstOnly = double.snapshot();
    await evaluateOk(host, "第二轮");
    // The second evaluation changed only the second sheet, the names and the settings marker.
    expect(
      diffSnapshots(firstOnly, double.snapshot())
        .filter((path) => !path.startsWith("sheets[第二轮]"))
        .sort(),
    ).toEqual(excelApi === "1.17" ? ["names"] : ["names", "settings.zgtz.marks"]);
    const [first, second] = double.snapshot().sheets;
    expect([first?.cells.J2?.value, second?.cells.J2?.value]).toEqual(["预警状态", "预警状态"]);
    const names = double.snapshot().names.map((n) => `${n.name}→${n.sheet}!${n.address}`);
    expect(names.sort()).toEqual(
      [
        `${columnMarkNames(1).status}→第一轮!J2:J6`,
        `${columnMarkNames(1).opinion}→第一轮!K2:K6`,
        `${columnMarkNames(2).status}→第二轮!J2:J6`,
        `${columnMarkNames(2).opinion}→第二轮!K2:K6`,
      ].sort(),
    );

    // Evaluating the first again replaces its marks in place and leaves the second's as they are.
    const both = double.snapshot();
    await evaluateOk(host, "第一轮");
    expect(diffSnapshots(both, double.snapshot())).toEqual([]);

    expect((await host.clearMarks()).ok).toBe(true);
    expect(diffSnapshots(original, double.snapshot())).toEqual([]);
  });

  it("clear is all or nothing across both sheets: a failure at any sync leaves both marked", async () => {
    const setup = async () => {
      const h = harness(workbook(), excelApi);
      await evaluateOk(h.host, "第一轮");
      await evaluateOk(h.host, "第二轮");
      return h;
    };
    const syncs = await failAtEachSync(setup, (host) => host.clearMarks());
    if (excelApi === "1.17") expect(syncs).toBeLessThanOrEqual(MAX_SYNCS_PER_CLEAR);
  });
});

describe("clearing two sheets fails after any number of its batch's operations", () => {
  it("and leaves both sheets marked exactly as they were", async () => {
    const setup = async () => {
      const h = harness(workbook());
      await evaluateOk(h.host, "第一轮");
      await evaluateOk(h.host, "第二轮");
      return h;
    };
    const probe = await setup();
    const start = probe.double.syncCount;
    expect((await probe.host.clearMarks()).ok).toBe(true);
    const batch = probe.double.syncCount;
    const ops = probe.double.runtime.syncs[batch - 1]?.operations ?? 0;
    expect(ops).toBeGreaterThan(4);
    for (let afterOps = 0; afterOps < ops; afterOps++) {
      const { host, double } = await setup();
      const before = double.snapshot();
      double.runtime.failOnSync({ sync: double.syncCount + (batch - start), afterOps });
      const outcome = await host.clearMarks();
      expect({ afterOps, ok: outcome.ok }).toEqual({ afterOps, ok: false });
      expect({ afterOps, diff: diffSnapshots(before, double.snapshot()) }).toEqual({ afterOps, diff: [] });
    }
  });
});

describe("marks made below ExcelApi 1.6 (fills recorded per sheet)", () => {
  const markedAt14 = async () => {
    const h = harness(workbook(), "1.4");
    const original = h.double.snapshot();
    await evaluateOk(h.host, "第一轮");
    await evaluateOk(h.host, "第二轮");
    return { ...h, original };
  };

  it("cleared by a newer Excel in the same four syncs: the fill reads of both sheets share theirs", async () => {
    const { host, double, original } = await markedAt14();
    double.runtime.excelApiMinor = 17;
    const start = double.syncCount;
    expect((await host.clearMarks()).ok).toBe(true);
    expect(double.syncCount - start).toBeLessThanOrEqual(MAX_SYNCS_PER_CLEAR);
    expect(diffSnapshots(original, double.snapshot())).toEqual([]);
  });

  it("a sheet known only by its fill record (its names gone) is cleared too, and an undo keeps the other's names", async () => {
    const setup = async () => {
      const h = await markedAt14();
      // The user deleted the second sheet's names by hand: only the fill record still points at it.
      const second = columnMarkNames(2);
      h.double.model.names = h.double.model.names.filter((n) => n.name !== second.status && n.name !== second.opinion);
      return h;
    };
    await failAtEachSync(setup, (host) => host.clearMarks());
    const { host, double } = await setup();
    expect((await host.clearMarks()).ok).toBe(true);
    const [, secondSheet] = double.snapshot().sheets;
    expect(secondSheet?.cells.E6?.fill).toBe("#9BC2E6");
  });
});

describe("more ledger sheets than mark names", () => {
  it("refuses the one too many with a message in both languages, changing nothing", async () => {
    const sheets = Array.from({ length: MAX_MARKED_SHEETS + 1 }, (_, i) => ledgerSheet({ name: `台账${i + 1}` }));
    const { host, double } = harness({ sheets });
    for (const sheet of sheets.slice(0, MAX_MARKED_SHEETS)) await evaluateOk(host, sheet.name);
    const full = double.snapshot();
    const last = sheets[MAX_MARKED_SHEETS]?.name ?? "";
    const refused = await host.evaluate(on(last));
    expect(refused.ok ? null : refused.error.message).toEqual({
      zh: expect.stringContaining(`已有 ${MAX_MARKED_SHEETS} 张台账带有评估标记`),
      en: expect.stringContaining(`${MAX_MARKED_SHEETS} ledger sheets already carry evaluation marks`),
    });
    expect(diffSnapshots(full, double.snapshot())).toEqual([]);
  });
});
