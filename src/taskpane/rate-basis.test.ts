/** Each rate's numerator and denominator, as the pane shows them: part ÷ whole is the engine's rate. */
import { BENCH_TODAY, generateLedger } from "../../test/support/ledger-generator";
import { evaluate } from "../core/evaluate";
import { DEFAULT_SETTINGS } from "../core/settings";
import { rateBasis, type Fraction } from "./rate-basis";
import { sampleLedger } from "../../test/support/fake-host";

const ratio = ({ part, whole }: Fraction): number | null => (whole === 0 ? null : part / whole);

describe("rate basis", () => {
  it.each([
    ["the pane's sample", sampleLedger()],
    ["a generated 400-item ledger", generateLedger(400, 7).grid],
    ["another seed", generateLedger(250, 99).grid],
  ])("agrees with the engine's rates on %s", (_, ledger) => {
    const evaluation = evaluate({ ledger, today: BENCH_TODAY, settings: DEFAULT_SETTINGS });
    if (!evaluation.ok) throw new Error("no ledger");
    const { items, summary } = evaluation.result;
    const basis = rateBasis(items);
    expect(ratio(basis.completion)).toBe(summary.completionRate);
    expect(ratio(basis.close)).toBe(summary.closeRate);
    expect(ratio(basis.onTime)).toBe(summary.onTimeRate);
    expect(ratio(basis.onTimeOriginal)).toBe(summary.onTimeRateOriginal);
    expect(basis.completion.whole).toBe(summary.items);
    // The generated ledgers have finished items both on time and late, so the check is not vacuous.
    if (items.length > 100) expect(basis.onTime.whole).toBeGreaterThan(basis.onTime.part);
  });
});
