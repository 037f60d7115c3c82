/**
 * The adapter on workbooks as users have them, against the double behaving as Microsoft documents
 * Excel (docs/EXCEL-BEHAVIOUR.md): each test here failed before the adapter handled that behaviour.
 */
import { diffSnapshots } from "../../src/excel/double";
import type { EvaluateRequest, LedgerHost } from "../../src/excel/host";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { harness, LEDGER_SHEET, ledgerSheet, TODAY } from "./fixtures";

const active: EvaluateRequest = { source: { kind: "active" }, today: TODAY, settings: DEFAULT_SETTINGS };

async function evaluateOk(host: LedgerHost, request: EvaluateRequest = active) {
  const outcome = await host.evaluate(request);
  if (!outcome.ok) throw new Error(`evaluate failed: ${outcome.error.code} ${outcome.error.message.en}`);
  return outcome.value;
}

describe("names the add-in writes are absolute", () => {
  it("a clear undone after a failure puts the mark names back in $A$1 form: they stay when the user moves", async () => {
    const { host, double } = harness({ sheets: [ledgerSheet(), { name: "Other" }] });
    await evaluateOk(host);
    const marked = double.snapshot();
    double.runtime.failOnSync({ sync: double.syncCount + 4 });
    const outcome = await host.clearMarks();
    expect(outcome.ok).toBe(false);
    expect(await host.selectCell(LEDGER_SHEET, "C5")).toEqual({ ok: true, value: undefined });
    expect(diffSnapshots(marked, double.snapshot())).toEqual([]);
  });
});
