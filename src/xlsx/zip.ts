/**
 * Just enough of the ZIP format to look inside an .xlsx before handing it to exceljs: list the
 * entries from the central directory and inflate a small one. It lets the reader tell a truncated
 * or foreign file from a workbook with a clear message (exceljs would throw an opaque error, or
 * hang on a truncated stream), and read the parts exceljs' streaming reader leaves out (sheet names
 * and order, the date system, merged cells).
 *
 * Reads with positioned `fs` reads, so a large workbook is never loaded whole. ZIP64 is not
 * supported (no ledger is 4 GB); such a file is reported as unreadable rather than misread.
 * `rewriteZipEntry` replaces one entry of a file the writer has just made (see defined-names.ts).
 */
import { closeSync, fstatSync, openSync, readSync, writeFileSync } from "node:fs";
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";

export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflated. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
  /** The entry's central-directory record as stored (what `rewriteZipEntry` copies). */
  readonly central: Buffer;
}

/** Why a file is not a readable ZIP. */
export type ZipProblem = "not-zip" | "truncated";

export class ZipFormatError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(`zip: ${problem}`);
    this.name = "ZipFormatError";
  }
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const END_SEARCH_BYTES = 22 + 0xffff;

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const got = readSync(fd, buffer, 0, length, position);
  return got === length ? buffer : buffer.subarray(0, got);
}

/** The entries of a ZIP file, from its central directory. */
export function listZipEntries(fd: number, fileSize: number): ZipEntry[] {
  const head = readAt(fd, 0, 4);
  if (head.length < 4 || head.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipFormatError("not-zip");

  const tailStart = Math.max(0, fileSize - END_SEARCH_BYTES);
  const tail = readAt(fd, tailStart, fileSize - tailStart);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  // A ZIP that starts right but has no end record was cut short (an interrupted copy or download).
  if (end < 0) throw new ZipFormatError("truncated");

  const count = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (directoryOffset + directorySize > tailStart + end) throw new ZipFormatError("truncated");

  const directory = readAt(fd, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL_HEADER)
      throw new ZipFormatError("truncated");
    const nameLength = directory.readUInt16LE(p + 28);
    const recordLength = 46 + nameLength + directory.readUInt16LE(p + 30) + directory.readUInt16LE(p + 32);
    entries.push({
      name: directory.toString("utf8", p + 46, p + 46 + nameLength),
      method: directory.readUInt16LE(p + 10),
      compressedSize: directory.readUInt32LE(p + 20),
      size: directory.readUInt32LE(p + 24),
      localHeaderOffset: directory.readUInt32LE(p + 42),
      central: directory.subarray(p, p + recordLength),
    });
    p += recordLength;
  }
  return entries;
}

/** The compressed bytes of one entry, as stored after its local header. */
function storedData(fd: number, entry: ZipEntry): Buffer {
  const header = readAt(fd, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipFormatError("truncated");
  const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const data = readAt(fd, dataStart, entry.compressedSize);
  if (data.length < entry.compressedSize) throw new ZipFormatError("truncated");
  return data;
}

/** The uncompressed bytes of one entry. */
export function readZipEntry(fd: number, entry: ZipEntry): Buffer {
  const data = storedData(fd, entry);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new ZipFormatError("not-zip");
  try {
    return inflateRawSync(data);
  } catch {
    throw new ZipFormatError("truncated");
  }
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
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let found = false;
  withFile(path, (fd) => {
    for (const entry of listZipEntries(fd, fstatSync(fd).size)) {
      const central = Buffer.from(entry.central);
      let data = storedData(fd, entry);
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
