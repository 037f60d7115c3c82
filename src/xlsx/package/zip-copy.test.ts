import { closeSync, fstatSync, mkdtempSync, openSync, readSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import { listZipEntries, readZipEntry, withFile } from "../zip";
import { storedEntryLength, writeZipCopy } from "./zip-copy";

/** A ZIP whose entries put their sizes in data descriptors (with and without the signature), as streaming writers do. */
function zipWithDescriptors(entries: { name: string; text: string; signed: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, text, signed } of entries) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0008, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(nameBytes.length, 26);
    const descriptor = Buffer.alloc(signed ? 16 : 12);
    let at = 0;
    if (signed) descriptor.writeUInt32LE(0x08074b50, (at += 4) - 4);
    descriptor.writeUInt32LE(crc32(data), at);
    descriptor.writeUInt32LE(packed.length, at + 4);
    descriptor.writeUInt32LE(data.length, at + 8);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0008, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    const record = Buffer.concat([local, nameBytes, packed, descriptor]);
    locals.push(record);
    centrals.push(Buffer.concat([central, nameBytes]));
    offset += record.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function storedBytes(path: string): Map<string, Buffer> {
  return withFile(path, (fd) => {
    const out = new Map<string, Buffer>();
    for (const entry of listZipEntries(fd, fstatSync(fd).size)) {
      const bytes = Buffer.alloc(storedEntryLength(fd, entry));
      readSync(fd, bytes, 0, bytes.length, entry.localHeaderOffset);
      out.set(entry.name, bytes);
    }
    return out;
  });
}

describe("writeZipCopy", () => {
  it("copies entries with data descriptors (signed or not) as stored, replaces one and adds one", () => {
    const dir = mkdtempSync(join(tmpdir(), "zgtz-zip-"));
    const input = join(dir, "in.zip");
    const output = join(dir, "out.zip");
    writeFileSync(
      input,
      zipWithDescriptors([
        { name: "a.xml", text: "<a>一</a>".repeat(50), signed: true },
        { name: "b.xml", text: "<b/>", signed: false },
        { name: "c.xml", text: "<c>旧</c>", signed: true },
      ]),
    );
    const fd = openSync(input, "r");
    try {
      const [a, b, c] = listZipEntries(fd, fstatSync(fd).size);
      if (!a || !b || !c) throw new Error("entries");
      writeZipCopy(fd, output, [
        { kind: "copy", entry: a },
        { kind: "data", name: "c.xml", data: Buffer.from("<c>新</c>"), dosTime: 0x00210000 },
        { kind: "copy", entry: b },
        { kind: "data", name: "新/d.xml", data: Buffer.from("<d/>"), dosTime: 0x00210000 },
      ]);
    } finally {
      closeSync(fd);
    }
    const [before, after] = [storedBytes(input), storedBytes(output)];
    expect(after.get("a.xml")?.equals(before.get("a.xml") ?? Buffer.alloc(0))).toBe(true);
    expect(after.get("b.xml")?.equals(before.get("b.xml") ?? Buffer.alloc(0))).toBe(true);
    const texts = withFile(output, (out) =>
      listZipEntries(out, fstatSync(out).size).map((e) => [e.name, readZipEntry(out, e).toString()]),
    );
    expect(texts).toEqual([
      ["a.xml", "<a>一</a>".repeat(50)],
      ["c.xml", "<c>新</c>"],
      ["b.xml", "<b/>"],
      ["新/d.xml", "<d/>"],
    ]);
  });
});
