/**
 * The ZIP reader (`./zip-entries.ts`) on files: a file descriptor as a `ByteSource` read with
 * positioned reads (a large workbook is never loaded whole), Node's zlib as the codec, and the
 * descriptor-based calls the command line and the writer use. `rewriteZipEntry` replaces one entry
 * of a file the writer has just made (see defined-names.ts).
 */
import { closeSync, fstatSync, openSync, readSync, writeFileSync } from "node:fs";
import { crc32, deflateRawSync } from "node:zlib";
import type { ByteSource } from "./byte-source";
import { nodeCodec } from "./inflate-node";
import { READ_LIMITS } from "./limits";
import {
  END_OF_CENTRAL_DIRECTORY,
  LOCAL_HEADER,
  listEntries,
  readEntryChunks,
  readEntryWhole,
  storedData,
  type ZipEntry,
} from "./zip-entries";

export { ZipFormatError, type ZipEntry, type ZipProblem } from "./zip-entries";

/** An open file as a `ByteSource`, read with positioned reads (its size asked of the file when not given). */
export function fileSource(fd: number, knownSize?: number): ByteSource {
  let size = knownSize;
  return {
    get size() {
      return (size ??= fstatSync(fd).size);
    },
    read(offset, length) {
      const buffer = Buffer.alloc(Math.max(0, length));
      const got = length > 0 ? readSync(fd, buffer, 0, length, offset) : 0;
      return got === length ? buffer : buffer.subarray(0, got);
    },
  };
}

/** A view of bytes as a `Buffer` (no copy), for callers that decode with `toString`. */
const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

/** The entries of a ZIP file, from its central directory. */
export function listZipEntries(fd: number, fileSize: number): ZipEntry[] {
  return listEntries(fileSource(fd, fileSize));
}

/**
 * The uncompressed bytes of one entry, checked (see `./zip-entries.ts`). Inflating stops at the
 * declared size: an entry that would unpack to more is damaged, and is never unpacked whole.
 */
export function readZipEntry(fd: number, entry: ZipEntry, maxBytes: number = READ_LIMITS.partBytes): Buffer {
  return asBuffer(readEntryWhole(fileSource(fd), entry, nodeCodec, maxBytes));
}

/**
 * The uncompressed bytes of one entry, in chunks, checked like `readZipEntry`: the entry is never
 * held whole, and unpacking stops as soon as it goes past its declared size. `fd` must stay open
 * until the iteration ends.
 */
export async function* readZipEntryChunks(
  fd: number,
  entry: ZipEntry,
  maxBytes: number = READ_LIMITS.partBytes,
): AsyncGenerator<Buffer> {
  for await (const chunk of readEntryChunks(fileSource(fd), entry, nodeCodec, maxBytes)) yield asBuffer(chunk);
}

/** The uncompressed bytes of the entry named `name` in the file at `path`, or null without one. */
export function readZipPart(path: string, name: string): Buffer | null {
  return withFile(path, (fd) => {
    const entry = listZipEntries(fd, fstatSync(fd).size).find((e) => e.name === name);
    return entry ? readZipEntry(fd, entry) : null;
  });
}

/** Opens a file, runs `use` with its descriptor, and always closes it. */
export function withFile<T>(path: string, use: (fd: number) => T): T {
  const fd = openSync(path, "r");
  try {
    return use(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Rewrites one entry of a ZIP file in place of the file: `transform` gets its text and returns the
 * new text; every other entry is copied byte for byte (its compressed data untouched). Used on the
 * `--out` copy exceljs has just written (a temporary file). The new entry is deflated; local headers
 * are written without data descriptors (sizes and CRC known) and without extra fields.
 */
export function rewriteZipEntry(path: string, entryName: string, transform: (text: string) => string): void {
  const parts: Uint8Array[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let found = false;
  withFile(path, (fd) => {
    for (const entry of listZipEntries(fd, fstatSync(fd).size)) {
      const central = Buffer.from(entry.central);
      let data: Uint8Array = storedData(fileSource(fd), entry);
      if (entry.name === entryName) {
        found = true;
        const content = Buffer.from(transform(readZipEntry(fd, entry).toString("utf8")), "utf8");
        data = deflateRawSync(content);
        central.writeUInt16LE(8, 10);
        central.writeUInt32LE(crc32(content), 16);
        central.writeUInt32LE(content.length, 24);
      }
      central.writeUInt16LE(central.readUInt16LE(8) & ~0x0008, 8); // no data descriptor follows
      central.writeUInt32LE(data.length, 20);
      central.writeUInt32LE(offset, 42);
      const nameLength = central.readUInt16LE(28);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(LOCAL_HEADER, 0);
      central.copy(local, 4, 6, 16); // version needed, flags, method, time, date
      central.copy(local, 14, 16, 28); // CRC, compressed size, size
      local.writeUInt16LE(nameLength, 26);
      parts.push(local, central.subarray(46, 46 + nameLength), data);
      offset += 30 + nameLength + data.length;
      centrals.push(central);
    }
  });
  if (!found) throw new Error(`zip: no entry ${entryName}`);
  const directory = Buffer.concat(centrals);
  const endRecord = Buffer.alloc(22);
  endRecord.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  endRecord.writeUInt16LE(centrals.length, 8);
  endRecord.writeUInt16LE(centrals.length, 10);
  endRecord.writeUInt32LE(directory.length, 12);
  endRecord.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...parts, directory, endRecord]));
}
