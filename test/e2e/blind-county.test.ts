/**
 * The blind practice, repeated on a county bureau's ledger (test/fixtures/blind/县局台账.xlsx, built
 * by scripts/make-fixtures.py and saved by LibreOffice): a three-row header over a 栏次 row,
 * sections 一、/（一）, unit and owner merged over three items, dates as yyyy"年"m"月"d"日" and
 * yyyy.mm.dd cells and as text with two-digit years, a 合计 row, a 填表说明 note, and a
 * three-level survey with a returned blank questionnaire and pre-numbered lines.
 *
 * The expected document (县局台账.expected.json) was worked out by hand from SPEC.md and committed
 * before the ledger was first run. Each leaf value of it is one check.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { run } from "../../src/cli/run";

const ROOT = resolve(__dirname, "../..");

/** Every leaf of a JSON value with its path (`items[3].light`), array lengths included. */
function leaves(value: unknown, path = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    out.set(`${path}.length`, value.length);
    value.forEach((element, i) => leaves(element, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === "object") {
    for (const [key, member] of Object.entries(value)) leaves(member, `${path}.${key}`, out);
  } else out.set(path, value);
  return out;
}

test("every check worked out by hand holds", async () => {
  let stdout = "";
  const code = await run(["evaluate", "test/fixtures/blind/县局台账.xlsx", "--today", "2025-03-31"], {
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
    cwd: ROOT,
  });
  expect(code).toBe(0);
  const expected = leaves(JSON.parse(readFileSync(join(ROOT, "test/fixtures/blind/县局台账.expected.json"), "utf8")));
  const actual = leaves(JSON.parse(stdout));
  const differences = [...expected].filter(([path, value]) => actual.get(path) !== value);
  const extra = [...actual.keys()].filter((path) => !expected.has(path));
  expect({ checks: expected.size, differences, extra }).toEqual({ checks: 156, differences: [], extra: [] });
});

/**
 * The third blind ledger (test/fixtures/blind/审计台账.xlsx, scripts/make-fixtures.py): a city
 * investment group's 内部审计 ledger after a 填报说明 sheet — a two-row header with 原定完成时间 /
 * 调整后完成时间 / 延期理由 under a merged 整改时限, 单位：万元 above the header, 追回金额 in 元, amounts
 * and dates typed as text, extensions with and without approval, copied evidence, sections, a 合计
 * row and a note. Its expected JSON was worked out by hand and committed before the ledger was built.
 */
test("the audit ledger: every check worked out by hand holds", async () => {
  let stdout = "";
  const code = await run(["evaluate", "test/fixtures/blind/审计台账.xlsx", "--today", "2025-03-31"], {
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
    cwd: ROOT,
  });
  expect(code).toBe(0);
  const expected = leaves(JSON.parse(readFileSync(join(ROOT, "test/fixtures/blind/审计台账.expected.json"), "utf8")));
  const actual = leaves(JSON.parse(stdout));
  const differences = [...expected].filter(([path, value]) => actual.get(path) !== value);
  const extra = [...actual.keys()].filter((path) => !expected.has(path));
  expect({ checks: expected.size, differences, extra }).toEqual({ checks: 176, differences: [], extra: [] });
});
