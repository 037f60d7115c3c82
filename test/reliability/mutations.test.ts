/**
 * Random damage to the sample ledger (fast-check): its parts' XML edited (ranges deleted, doubled,
 * cut, markup characters and digits inserted) and repackaged, or the ZIP's own bytes flipped,
 * inserted or cut. Every mutated file must end in an evaluation (exit 0, a JSON report) or exit 2
 * with one clear line — never an internal error, a stack trace or a hang — and the input must be
 * left byte for byte. The browser's reader (the bytes in memory) must read the same cells or refuse
 * too. A few run as child processes, under 30 s and 1 GB peak RSS each.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fstatSync } from "node:fs";
import fc from "fast-check";
import { run } from "../../src/cli/run";
import { listZipEntries, readZipEntry, withFile } from "../../src/xlsx/zip";
import { buildCliBundle, runCliChild } from "../support/cli-child";
import { expectBothWaysAgree } from "../support/both-readers";
import { buildZip, type ZipFile } from "../support/zip-builder";

jest.setTimeout(300_000);

const ROOT = resolve(__dirname, "../..");
const SAMPLE = join(ROOT, "samples/整改台账示例.xlsx");
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

const sampleBytes = readFileSync(SAMPLE);
const sampleParts: ZipFile[] = withFile(SAMPLE, (fd) =>
  listZipEntries(fd, fstatSync(fd).size).map((entry) => ({ name: entry.name, data: readZipEntry(fd, entry) })),
);
/** The parts the reader reads: the mutations aim there. */
const xmlParts = sampleParts.filter((p) => /\.(xml|rels)$/.test(p.name) && !/theme|docProps/.test(p.name));

let dir: string;
let count = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zgtz-mutations-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function save(bytes: Buffer): string {
  const path = join(dir, `m${++count}.xlsx`);
  writeFileSync(path, bytes);
  return path;
}

/** Exit 0 with a JSON report, or exit 2 with one line in both languages; nothing else. */
function expectEvaluatedOrRefused(outcome: Outcome): void {
  if (outcome.code === 0) {
    expect(outcome.stderr).toBe("");
    const json = JSON.parse(outcome.stdout) as { items: unknown[] };
    expect(Array.isArray(json.items)).toBe(true);
    return;
  }
  expect({ code: outcome.code, stderr: outcome.stderr }).toEqual({ code: 2, stderr: expect.any(String) });
  expect(outcome.stdout).toBe("");
  expect(outcome.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(outcome.stderr).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  expect(outcome.stderr).not.toMatch(/\n\s+at |内部错误|Internal error/);
}

async function evaluateInProcess(bytes: Buffer): Promise<Outcome> {
  const path = save(bytes);
  let stdout = "";
  let stderr = "";
  const code = await run(["evaluate", path, "--today", "2025-03-31", "--format", "json"], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: ROOT,
  });
  expect(sha256(readFileSync(path))).toBe(sha256(bytes));
  // The browser's path (the same bytes in memory, the platform's inflate) reads or refuses it alike.
  await expectBothWaysAgree(path);
  return { code, stdout, stderr };
}

// ───────────────────────────── Mutations ─────────────────────────────

/** Text a mutation inserts: markup, entity and number characters, digits, letters, CJK, controls. */
const insertion = fc.string({
  unit: fc.constantFrom(
    "<",
    ">",
    "&",
    ";",
    '"',
    "'",
    "=",
    "/",
    " ",
    "\t",
    "0",
    "9",
    "-",
    ".",
    "e",
    "x",
    "v",
    "c",
    "r",
    "s",
    "t",
    "#",
    "台",
    "\u0000",
    "\u001b",
  ),
  minLength: 1,
  maxLength: 12,
});

type XmlEdit =
  | { kind: "delete"; at: number; length: number }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "truncate"; at: number }
  | { kind: "digit"; at: number; digit: string };

const xmlEdit: fc.Arbitrary<XmlEdit> = fc.oneof(
  fc.record({
    kind: fc.constant("delete" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x),
    length: fc.integer({ min: 1, max: 64 }),
  }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 200 }),
  }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: insertion }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant("digit" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    digit: fc.constantFrom("0", "9", "x", "-", ""),
  }),
);

function applyXmlEdit(text: string, edit: XmlEdit): string {
  const at = Math.floor(edit.at * text.length);
  switch (edit.kind) {
    case "delete":
      return text.slice(0, at) + text.slice(at + edit.length);
    case "duplicate":
      return text.slice(0, at + edit.length) + text.slice(at, at + edit.length) + text.slice(at + edit.length);
    case "insert":
      return text.slice(0, at) + edit.text + text.slice(at);
    case "truncate":
      return text.slice(0, at);
    case "digit": {
      // The next digit from `at` (a row or column number, an index, a value) replaced.
      const m = /\d/.exec(text.slice(at));
      if (!m) return text;
      const i = at + m.index;
      return text.slice(0, i) + edit.digit + text.slice(i + 1);
    }
  }
}

const xmlMutation = fc.record({
  part: fc.integer({ min: 0, max: xmlParts.length - 1 }),
  edits: fc.array(xmlEdit, { minLength: 1, maxLength: 3 }),
});

function mutatedPackage({ part, edits }: { part: number; edits: XmlEdit[] }): Buffer {
  const target = xmlParts[part]?.name;
  return buildZip(
    sampleParts.map((p) =>
      p.name === target ? { ...p, data: edits.reduce((text, edit) => applyXmlEdit(text, edit), String(p.data)) } : p,
    ),
  );
}

type ZipEdit =
  | { kind: "flip"; at: number; value: number }
  | { kind: "insert"; at: number; bytes: number[] }
  | { kind: "cut"; at: number; length: number };

const zipEdit: fc.Arbitrary<ZipEdit> = fc.oneof(
  fc.record({
    kind: fc.constant("flip" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant("cut" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 4096 }),
  }),
);

function mutatedBytes(edits: readonly ZipEdit[]): Buffer {
  let bytes = Buffer.from(sampleBytes);
  for (const edit of edits) {
    const at = Math.floor(edit.at * bytes.length);
    if (edit.kind === "flip") bytes[at] = edit.value;
    else if (edit.kind === "insert")
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(edit.bytes), bytes.subarray(at)]);
    else bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + edit.length)]);
  }
  return bytes;
}

// ───────────────────────────── Properties ─────────────────────────────

describe("random damage to the sample ledger: an evaluation or one clear line, the input unchanged", () => {
  it("the sample itself evaluates (the mutations start from a good file)", async () => {
    const outcome = await evaluateInProcess(buildZip(sampleParts));
    expect(outcome.code).toBe(0);
  });

  it("its parts' XML edited and repackaged", async () => {
    await fc.assert(
      fc.asyncProperty(xmlMutation, async (mutation) =>
        expectEvaluatedOrRefused(await evaluateInProcess(mutatedPackage(mutation))),
      ),
      { numRuns: 150 },
    );
  });

  it("the ZIP's own bytes flipped, inserted or cut", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(zipEdit, { minLength: 1, maxLength: 4 }), async (edits) =>
        expectEvaluatedOrRefused(await evaluateInProcess(mutatedBytes(edits))),
      ),
      { numRuns: 150 },
    );
  });

  describe("a few as child processes: within 30 s and 1 GB peak RSS", () => {
    let cli: string;
    beforeAll(() => {
      cli = buildCliBundle(dir);
    });

    it("XML and ZIP mutations", () => {
      const samples = [
        ...fc.sample(xmlMutation.map(mutatedPackage), { numRuns: 3, seed: 10 }),
        ...fc.sample(fc.array(zipEdit, { minLength: 1, maxLength: 4 }).map(mutatedBytes), { numRuns: 3, seed: 11 }),
      ];
      for (const bytes of samples) {
        const path = save(bytes);
        const run = runCliChild(cli, path, `${path}.rss`);
        expectEvaluatedOrRefused(run);
        expect(run.peakRssMb).toBeLessThanOrEqual(1024);
        expect(sha256(readFileSync(path))).toBe(sha256(bytes));
      }
    });
  });
});
