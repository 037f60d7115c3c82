import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { buildZip, type ZipFile } from "../../test/support/zip-builder";
import { listZipEntries, readZipEntry, readZipEntryChunks, withFile, ZipFormatError, type ZipEntry } from "./zip";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zip-test-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Writes the ZIP, then runs `use` on its first entry with the file open. */
async function withEntry<T>(bytes: Buffer, use: (fd: number, entry: ZipEntry) => Promise<T> | T): Promise<T> {
  const path = join(dir, `z${++n}.zip`);
  writeFileSync(path, bytes);
  const { openSync, closeSync } = await import("node:fs");
  const fd = openSync(path, "r");
  try {
    const entry = listZipEntries(fd, bytes.length)[0] as ZipEntry;
    return await use(fd, entry);
  } finally {
    closeSync(fd);
  }
}

async function chunksOf(fd: number, entry: ZipEntry, max?: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of readZipEntryChunks(fd, entry, max)) parts.push(chunk);
  return Buffer.concat(parts);
}

/** The problem of the `ZipFormatError` that `act` throws (anything else is rethrown). */
function problemOf(act: () => unknown): string | null {
  try {
    act();
    return null;
  } catch (error) {
    if (error instanceof ZipFormatError) return error.problem;
    throw error;
  }
}

const text = "台账".repeat(50_000);
const file = (extra: Partial<ZipFile> = {}): ZipFile => ({ name: "xl/a.xml", data: text, ...extra });

describe("reading entries, whole and in chunks", () => {
  it.each([
    ["deflated", {}, {}],
    ["stored", { stored: true }, {}],
    ["ZIP64 (end record locator and extra fields)", {}, { zip64: true }],
  ])("%s", async (_label, extra, options) => {
    await withEntry(buildZip([file(extra)], options), async (fd, entry) => {
      expect(entry.size).toBe(Buffer.byteLength(text));
      expect(readZipEntry(fd, entry).toString("utf8")).toBe(text);
      expect((await chunksOf(fd, entry)).toString("utf8")).toBe(text);
    });
  });
});

describe("entries that are refused, whole and in chunks alike", () => {
  const refusals: [string, Buffer, string, number | undefined][] = [
    ["encrypted (flag bit 0)", buildZip([file({ flags: 1 })]), "encrypted", undefined],
    ["an unknown compression method", buildZip([file({ method: 14 })]), "unsupported-method", undefined],
    ["a CRC that does not match", buildZip([file({ declaredCrc: 1 })]), "damaged", undefined],
    ["more unpacked than declared (stopped there)", buildZip([file({ declaredSize: 10 })]), "damaged", undefined],
    ["less unpacked than declared", buildZip([file({ declaredSize: 10_000_000 })]), "damaged", undefined],
    ["larger than the limit as declared", buildZip([file()]), "too-large", 1000],
    [
      "not deflate at all",
      buildZip([file({ raw: Buffer.from("not deflate"), declaredSize: 5 })]),
      "truncated",
      undefined,
    ],
  ];
  it.each(refusals)("%s", async (_label, bytes, problem, max) => {
    await withEntry(bytes, async (fd, entry) => {
      expect(problemOf(() => readZipEntry(fd, entry, max))).toBe(problem);
      expect(
        await chunksOf(fd, entry, max).then(
          () => null,
          (error: unknown) =>
            problemOf(() => {
              throw error;
            }),
        ),
      ).toBe(problem);
    });
  });

  it("a bomb lying about its size is never unpacked past the declared size", async () => {
    const bomb = deflateRawSync(Buffer.alloc(64 << 20));
    await withEntry(buildZip([{ name: "b", data: "", raw: bomb, declaredSize: 100 }]), async (fd, entry) => {
      const error = await chunksOf(fd, entry).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error instanceof ZipFormatError && error.problem).toBe("damaged");
    });
  });

  it("an entry whose data the file ends before: truncated", async () => {
    const bytes = buildZip([file({ stored: true })]);
    // The directory says the stored data is longer than what the file holds.
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(bytes.length * 2, central + 20);
    bytes.writeUInt32LE(bytes.length * 2, central + 24);
    await withEntry(bytes, async (fd, entry) => {
      const error = await chunksOf(fd, entry).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error instanceof ZipFormatError && error.problem).toBe("truncated");
    });
  });

  it("a directory cut off is truncated; no local header at the start is not a ZIP", () => {
    const bytes = buildZip([file()]);
    const cut = join(dir, "cut.zip");
    writeFileSync(cut, bytes.subarray(0, bytes.length - 30));
    expect(problemOf(() => withFile(cut, (fd) => listZipEntries(fd, bytes.length - 30)))).toBe("truncated");
    const text = join(dir, "text.zip");
    writeFileSync(text, "hello, not a zip");
    expect(() => withFile(text, (fd) => listZipEntries(fd, 16))).toThrow(
      expect.objectContaining({ problem: "not-zip" }),
    );
  });
});
