/**
 * Issue #5, part 2: nothing half-written. test/excel/excel-host.test.ts injects a failure at each
 * sync of evaluate / writeSummary / clear on one small ledger; here the same is done on the ledgers
 * most likely to break an undo — the demo workbook (title, two-row header, section rows, 24 merges,
 * a survey), the 1904 ledger, an Excel table read through the selection, the ExcelApi 1.4 fallback
 * (direct fills, whose originals must come back) for all three operations — and every failed outcome
 * must carry a message in both languages.
 *
 * Then the refusals (SPEC §8: "a protected sheet, a cell being edited …: a clear message in the
 * user's language, nothing half-written") for EACH operation, not only evaluate: each condition has
 * its own message, and the workbook is unchanged.
 */
import { join } from "node:path";
import { diffSnapshots } from "../../src/excel-double";
import type { EvaluateRequest, HostErrorCode, LedgerHost } from "../../src/core/host";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { fileHarness, HEADER, ledgerSheet, TODAY } from "../support/excel-harness";
import { expectUserMessage, failAtEachSync, harness, ROOT, type HarnessLike } from "../support/reliability";

jest.setTimeout(120_000);

const settings = DEFAULT_SETTINGS;
const active: EvaluateRequest = { source: { kind: "active" }, today: TODAY, settings };

async function evaluated(h: HarnessLike, request: EvaluateRequest) {
  const outcome = await h.host.evaluate(request);
  if (!outcome.ok) throw new Error(`evaluate failed: ${outcome.error.message.en}`);
  return outcome.value;
}

interface Scenario {
  readonly label: string;
  readonly make: () => Promise<HarnessLike>;
  readonly request: EvaluateRequest;
  /** Large workbooks are checked on evaluate only: each injected failure rebuilds the workbook. */
  readonly evaluateOnly?: boolean;
}

const SAMPLE = join(ROOT, "samples/整改台账示例.xlsx");
const COUNTY = join(ROOT, "test/fixtures/county-ledger.xlsx");

const tableRows = () => {
  const body = (ledgerSheet().rows ?? []).slice(2);
  return [["备注：本页另有说明"], [], ...[HEADER, ...body].map((r) => [null, ...r])];
};

const scenarios: Scenario[] = [
  {
    label: "the demo workbook (merges, sections, survey)",
    make: () => fileHarness(SAMPLE, { active: "整改台账" }),
    request: active,
    evaluateOnly: true,
  },
  {
    label: "the demo workbook below ExcelApi 1.6 (direct fills over the user's fills)",
    make: () => fileHarness(SAMPLE, { active: "整改台账", excelApi: "1.4" }),
    request: active,
    evaluateOnly: true,
  },
  {
    label: "the county ledger (fonts, widths), ExcelApi 1.4",
    make: () => fileHarness(COUNTY, { excelApi: "1.4" }),
    request: active,
  },
  {
    label: "a 1904 ledger with user fills, ExcelApi 1.4",
    make: async () =>
      harness(
        { sheets: [{ ...ledgerSheet({ date1904: true }), fills: { "A3:I6": "#FFFF00" } }], date1904: true },
        "1.4",
      ),
    request: active,
  },
  {
    label: "an Excel table read through the selection",
    make: async () =>
      harness({
        sheets: [{ name: "台账", rows: tableRows(), tables: [{ name: "Ledger", address: "B3:J7" }] }],
        selection: "台账!C5",
      }),
    request: { ...active, source: { kind: "selection" } },
  },
];

describe.each(scenarios.map((s) => [s.label, s] as const))("%s: a failure at any sync", (_label, scenario) => {
  it("of evaluate leaves the workbook as before, with a message", async () => {
    const syncs = await failAtEachSync(scenario.make, (host) => host.evaluate(scenario.request));
    expect(syncs).toBeGreaterThanOrEqual(3);
  });

  it("of a re-evaluation leaves the first run's marks exactly as they were", async () => {
    await failAtEachSync(
      async () => {
        const h = await scenario.make();
        await evaluated(h, scenario.request);
        return h;
      },
      (host) => host.evaluate(scenario.request),
    );
  });

  if (scenario.evaluateOnly) return;

  it("of writeSummary (a new one, and one replacing ours) leaves the workbook as before", async () => {
    for (const earlier of [false, true]) {
      await failAtEachSync(
        async () => {
          const h = await scenario.make();
          const evaluation = await evaluated(h, scenario.request);
          if (earlier) await h.host.writeSummary(evaluation, settings);
          return h;
        },
        async (host) => {
          const evaluation = await host.evaluate(scenario.request);
          return evaluation.ok ? host.writeSummary(evaluation.value, settings) : evaluation;
        },
      );
    }
  });

  it("of clearMarks leaves every mark (and the summary) in place", async () => {
    await failAtEachSync(
      async () => {
        const h = await scenario.make();
        const evaluation = await evaluated(h, scenario.request);
        await h.host.writeSummary(evaluation, settings);
        return h;
      },
      (host) => host.clearMarks(),
    );
  });
});

// ───────────────────────────── Refusals, for each operation ─────────────────────────────

type Operation = "evaluate" | "writeSummary" | "clearMarks";

/** A ledger evaluated and summarised while writable; then the condition is switched on. */
async function markedWorkbook(): Promise<HarnessLike & { evaluation: Awaited<ReturnType<typeof evaluated>> }> {
  const h = harness({ sheets: [ledgerSheet(), { name: "Other", rows: [["x"]] }] });
  const evaluation = await evaluated(h, active);
  expect((await h.host.writeSummary(evaluation, settings)).ok).toBe(true);
  return { ...h, evaluation };
}

const conditions: [string, HostErrorCode, (h: HarnessLike) => void][] = [
  [
    "the ledger sheet is protected",
    "protected",
    (h) => {
      const sheet = h.double.model.sheets[0];
      if (sheet) sheet.protected = true;
    },
  ],
  ["a cell is being edited", "cell-edit", (h) => (h.double.runtime.cellEditMode = true)],
  ["the workbook is open read-only", "read-only", (h) => (h.double.model.readOnly = true)],
];

const operations: [
  Operation,
  (host: LedgerHost, h: Awaited<ReturnType<typeof markedWorkbook>>) => ReturnType<LedgerHost["clearMarks"]>,
][] = [
  ["evaluate", async (host) => host.evaluate(active) as unknown as ReturnType<LedgerHost["clearMarks"]>],
  [
    "writeSummary",
    async (host, h) => host.writeSummary(h.evaluation, settings) as unknown as ReturnType<LedgerHost["clearMarks"]>,
  ],
  ["clearMarks", async (host) => host.clearMarks()],
];

/** Which refusal each operation must give. The summary goes on a sheet of its own: a protected ledger does not stop it. */
const expected: Record<Operation, Record<string, HostErrorCode | "ok">> = {
  evaluate: { protected: "protected", "cell-edit": "cell-edit", "read-only": "read-only" },
  writeSummary: { protected: "ok", "cell-edit": "cell-edit", "read-only": "read-only" },
  clearMarks: { protected: "protected", "cell-edit": "cell-edit", "read-only": "read-only" },
};

describe.each(operations)("%s refuses with its own message, changing nothing", (operation, act) => {
  it.each(conditions)("when %s", async (_label, code, switchOn) => {
    const h = await markedWorkbook();
    switchOn(h);
    const before = h.double.snapshot();
    const outcome = await act(h.host, h);
    const want = expected[operation][code];
    if (want === "ok") {
      expect(outcome.ok).toBe(true);
      return;
    }
    expect(outcome).toMatchObject({ ok: false, error: { code: want } });
    if (!outcome.ok) expectUserMessage(outcome.error);
    expect(diffSnapshots(before, h.double.snapshot())).toEqual([]);
  });

  it("the messages of the conditions differ from each other", async () => {
    const messages = new Set<string>();
    for (const [, , switchOn] of conditions) {
      const h = await markedWorkbook();
      switchOn(h);
      const outcome = await act(h.host, h);
      if (!outcome.ok) messages.add(outcome.error.message.zh);
    }
    const refusals = Object.values(expected[operation]).filter((c) => c !== "ok").length;
    expect(messages.size).toBe(refusals);
  });
});
