/**
 * Just enough of the ZIP format to look inside an .xlsx before handing it to exceljs: list the
 * entries from the central directory and inflate a small one. It lets the reader tell a truncated
 * or foreign file from a workbook with a clear message (exceljs would throw an opaque error, or
 * hang on a truncated stream), and read the parts exceljs' streaming reader leaves out (sheet names
 * and order, the date system, merged cells).
 *
 * Reads with positioned `fs` reads, so a large workbook is never loaded whole. ZIP64 (its end
 * record locator and its extra fields) is read. Every entry read is checked: not encrypted, a known
 * method, no larger unpacked than the limit (`READ_LIMITS.partBytes`) by what the directory declares
 * and by what inflating produces (inflating stops at the declared size, so a bomb is never
 * unpacked), and its size and CRC-32 as the directory says.
 * `rewriteZipEntry` replaces one entry of a file the writer has just made (see defined-names.ts).
 */
import { closeSync, fstatSync, openSync, readSync, writeFileSync } from "node:fs";
import { Readable } from "node:stream";
import { crc32, createInflateRaw, deflateRawSync, inflateRawSync } from "node:zlib";
import { READ_LIMITS } from "./limits";

export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflated. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
  /** The entry's central-directory record as stored (what `rewriteZipEntry` copies). */
  readonly central: Buffer;
  /** General-purpose flags (bit 0: encrypted). */
  readonly flags: number;
  /** CRC-32 of the unpacked bytes, as the directory declares it. */
  readonly crc: number;
}

/**
 * Why a file or an entry cannot be read: not a ZIP, cut short, an encrypted entry, a compression
 * method other than stored/deflated, larger unpacked than the limit, or content that does not match
 * what the directory declares (size or CRC: damaged).
 */
export type ZipProblem = "not-zip" | "truncated" | "encrypted" | "unsupported-method" | "too-large" | "damaged";

export class ZipFormatError extends Error {
  constructor(
    readonly problem: ZipProblem,
    /** The entry concerned, when there is one. */
    readonly entryName?: string,
  ) {
    super(`zip: ${problem}${entryName === undefined ? "" : ` (${entryName})`}`);
    this.name = "ZipFormatError";
  }
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const ZIP64_EXTRA = 0x0001;
const SATURATED_16 = 0xffff;
const SATURATED_32 = 0xffffffff;
/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const END_SEARCH_BYTES = 22 + 0xffff;

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const got = readSync(fd, buffer, 0, length, position);
  return got === length ? buffer : buffer.subarray(0, got);
}

/** An unsigned 64-bit field as a number; beyond 2^53 the file cannot be one we can read. */
function readUInt64(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError("damaged");
  return Number(value);
}

/** Where the central directory is and how many entries it lists, from the end records. */
function findDirectory(fd: number, fileSize: number): { count: number; size: number; offset: number } {
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
  let count = tail.readUInt16LE(end + 10);
  let size = tail.readUInt32LE(end + 12);
  let offset = tail.readUInt32LE(end + 16);
  if (count === SATURATED_16 || size === SATURATED_32 || offset === SATURATED_32) {
    // ZIP64: the locator just before the end record points at the ZIP64 end record.
    const locatorAt = tailStart + end - 20;
    const locator = locatorAt >= 0 ? readAt(fd, locatorAt, 20) : Buffer.alloc(0);
    if (locator.length === 20 && locator.readUInt32LE(0) === ZIP64_END_LOCATOR) {
      const recordAt = readUInt64(locator, 8);
      const record = readAt(fd, recordAt, 56);
      if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_END_OF_CENTRAL_DIRECTORY)
        throw new ZipFormatError("damaged");
      count = readUInt64(record, 32);
      size = readUInt64(record, 40);
      offset = readUInt64(record, 48);
    }
  }
  if (offset + size > fileSize) throw new ZipFormatError("truncated");
  return { count, size, offset };
}

/** The ZIP64 values of a central record whose 32-bit fields are saturated, in the order they appear. */
function zip64Fields(record: Buffer, extraStart: number, extraEnd: number, wanted: number): number[] {
  for (let p = extraStart; p + 4 <= extraEnd;) {
    const id = record.readUInt16LE(p);
    const length = record.readUInt16LE(p + 2);
    if (id === ZIP64_EXTRA) {
      if (p + 4 + wanted * 8 > extraEnd || length < wanted * 8) throw new ZipFormatError("damaged");
      return Array.from({ length: wanted }, (_, i) => readUInt64(record, p + 4 + i * 8));
    }
    p += 4 + length;
  }
  throw new ZipFormatError("damaged");
}

/** The entries of a ZIP file, from its central directory. */
export function listZipEntries(fd: number, fileSize: number): ZipEntry[] {
  const head = readAt(fd, 0, 4);
  if (head.length < 4 || head.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipFormatError("not-zip");
  const { count, size: directorySize, offset: directoryOffset } = findDirectory(fd, fileSize);

  const directory = readAt(fd, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL_HEADER)
      throw new ZipFormatError("truncated");
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const recordLength = 46 + nameLength + extraLength + directory.readUInt16LE(p + 32);
    if (p + recordLength > directory.length) throw new ZipFormatError("truncated");
    let compressedSize = directory.readUInt32LE(p + 20);
    let size = directory.readUInt32LE(p + 24);
    let localHeaderOffset = directory.readUInt32LE(p + 42);
    const saturated = [size, compressedSize, localHeaderOffset].filter((v) => v === SATURATED_32).length;
    if (saturated > 0) {
      const extraStart = p + 46 + nameLength;
      const values = zip64Fields(directory, extraStart, extraStart + extraLength, saturated);
      if (size === SATURATED_32) size = values.shift() as number;
      if (compressedSize === SATURATED_32) compressedSize = values.shift() as number;
      if (localHeaderOffset === SATURATED_32) localHeaderOffset = values.shift() as number;
    }
    entries.push({
      name: directory.toString("utf8", p + 46, p + 46 + nameLength),
      method: directory.readUInt16LE(p + 10),
      flags: directory.readUInt16LE(p + 8),
      crc: directory.readUInt32LE(p + 16),
      compressedSize,
      size,
      localHeaderOffset,
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

/** Refuses an entry we must not or cannot unpack, before reading any of it. */
function checkReadable(entry: ZipEntry, maxBytes: number): void {
  if (entry.flags & 0x0001) throw new ZipFormatError("encrypted", entry.name);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError("unsupported-method", entry.name);
  if (entry.size > maxBytes) throw new ZipFormatError("too-large", entry.name);
}

/**
 * The uncompressed bytes of one entry, checked (see the module comment). Inflating stops at the
 * declared size: an entry that would unpack to more is damaged, and is never unpacked whole.
 */
export function readZipEntry(fd: number, entry: ZipEntry, maxBytes: number = READ_LIMITS.partBytes): Buffer {
  checkReadable(entry, maxBytes);
  const data = storedData(fd, entry);
  let bytes: Buffer;
  if (entry.method === 0) bytes = data;
  else {
    try {
      bytes = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      // More output than declared, or a stream that ends too early or is not deflate at all.
      const code = (error as { code?: unknown }).code;
      throw new ZipFormatError(code === "ERR_BUFFER_TOO_LARGE" ? "damaged" : "truncated", entry.name);
    }
  }
  if (bytes.length !== entry.size || crc32(bytes) !== entry.crc) throw new ZipFormatError("damaged", entry.name);
  return bytes;
}

/** Bytes handed out at a time when an entry is read in chunks. */
const CHUNK_BYTES = 1 << 18;

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
  checkReadable(entry, maxBytes);
  const header = readAt(fd, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipFormatError("truncated");
  const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.compressedSize === 0) {
    if (entry.size !== 0) throw new ZipFormatError("truncated", entry.name);
    return;
  }
  // Positioned reads of the stored bytes (a file stream would close the caller's descriptor).
  const end = dataStart + entry.compressedSize;
  const source = Readable.from(
    (function* () {
      for (let at = dataStart; at < end; at += CHUNK_BYTES) {
        const length = Math.min(CHUNK_BYTES, end - at);
        const chunk = readAt(fd, at, length);
        // The file ends before the entry's data does: cut short.
        if (chunk.length < length) throw new ZipFormatError("truncated", entry.name);
        yield chunk;
      }
    })(),
    { objectMode: false },
  );
  const inflate = entry.method === 8 ? createInflateRaw({ chunkSize: CHUNK_BYTES }) : null;
  const stream = inflate ? source.pipe(inflate) : source;
  source.on("error", (error) => inflate?.destroy(error));
  let total = 0;
  let crc = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > entry.size) throw new ZipFormatError("damaged", entry.name);
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ZipFormatError) throw error;
    // A deflate stream cut short or not deflate at all.
    throw new ZipFormatError("truncated", entry.name);
  } finally {
    inflate?.destroy();
    source.destroy();
  }
  // A complete stream that unpacks to another size than declared: the directory and data disagree.
  if (total !== entry.size) throw new ZipFormatError("damaged", entry.name);
  if (crc !== entry.crc) throw new ZipFormatError("damaged", entry.name);
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
