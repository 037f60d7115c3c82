/**
 * Just enough of the ZIP format to read an .xlsx: list the entries from the central directory and
 * unpack the ones asked for. It tells a truncated or foreign file from a workbook with a clear
 * problem (`ZipFormatError`), on any `ByteSource` (a file on disk, bytes in a browser) with any
 * `ZipCodec` (Node's zlib, the browser's DecompressionStream). It imports no Node module.
 *
 * Only the end records, the central directory and the entries read are ever asked of the source, so
 * a large workbook is never loaded whole. ZIP64 (its end record locator and its extra fields) is
 * read. Every entry read is checked: not encrypted, a known method, no larger unpacked than the
 * limit (`READ_LIMITS.partBytes`) by what the directory declares and by what inflating produces
 * (inflating stops as soon as the output passes the declared size, so a bomb is never unpacked),
 * and its size and CRC-32 as the directory says.
 */
import type { ByteSource } from "./byte-source";
import { concatBytes, uint16At, uint32At, uint64At, utf8Slice } from "./bytes";
import { InflateOverflow, type ZipCodec } from "./inflate";
import { READ_LIMITS } from "./limits";

export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflated. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
  /** The entry's central-directory record as stored (what a copy of the package writes again). */
  readonly central: Uint8Array;
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

export const LOCAL_HEADER = 0x04034b50;
export const CENTRAL_HEADER = 0x02014b50;
export const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const ZIP64_EXTRA = 0x0001;
const SATURATED_16 = 0xffff;
const SATURATED_32 = 0xffffffff;
/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const END_SEARCH_BYTES = 22 + 0xffff;

/** An unsigned 64-bit field as a number; beyond 2^53 the file cannot be one we can read. */
function uint64(bytes: Uint8Array, at: number): number {
  const value = uint64At(bytes, at);
  if (value === null) throw new ZipFormatError("damaged");
  return value;
}

/** Where the central directory is and how many entries it lists, from the end records. */
function findDirectory(source: ByteSource): { count: number; size: number; offset: number } {
  const fileSize = source.size;
  const tailStart = Math.max(0, fileSize - END_SEARCH_BYTES);
  const tail = source.read(tailStart, fileSize - tailStart);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (uint32At(tail, i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  // A ZIP that starts right but has no end record was cut short (an interrupted copy or download).
  if (end < 0) throw new ZipFormatError("truncated");
  let count = uint16At(tail, end + 10);
  let size = uint32At(tail, end + 12);
  let offset = uint32At(tail, end + 16);
  if (count === SATURATED_16 || size === SATURATED_32 || offset === SATURATED_32) {
    // ZIP64: the locator just before the end record points at the ZIP64 end record.
    const locatorAt = tailStart + end - 20;
    const locator = locatorAt >= 0 ? source.read(locatorAt, 20) : new Uint8Array(0);
    if (locator.length === 20 && uint32At(locator, 0) === ZIP64_END_LOCATOR) {
      const recordAt = uint64(locator, 8);
      const record = source.read(recordAt, 56);
      if (record.length < 56 || uint32At(record, 0) !== ZIP64_END_OF_CENTRAL_DIRECTORY)
        throw new ZipFormatError("damaged");
      count = uint64(record, 32);
      size = uint64(record, 40);
      offset = uint64(record, 48);
    }
  }
  if (offset + size > fileSize) throw new ZipFormatError("truncated");
  return { count, size, offset };
}

/** The ZIP64 values of a central record whose 32-bit fields are saturated, in the order they appear. */
function zip64Fields(record: Uint8Array, extraStart: number, extraEnd: number, wanted: number): number[] {
  for (let p = extraStart; p + 4 <= extraEnd;) {
    const id = uint16At(record, p);
    const length = uint16At(record, p + 2);
    if (id === ZIP64_EXTRA) {
      if (p + 4 + wanted * 8 > extraEnd || length < wanted * 8) throw new ZipFormatError("damaged");
      return Array.from({ length: wanted }, (_, i) => uint64(record, p + 4 + i * 8));
    }
    p += 4 + length;
  }
  throw new ZipFormatError("damaged");
}

/** The entries of a ZIP, from its central directory. */
export function listEntries(source: ByteSource): ZipEntry[] {
  const head = source.read(0, 4);
  if (head.length < 4 || uint32At(head, 0) !== LOCAL_HEADER) throw new ZipFormatError("not-zip");
  const { count, size: directorySize, offset: directoryOffset } = findDirectory(source);

  const directory = source.read(directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > directory.length || uint32At(directory, p) !== CENTRAL_HEADER) throw new ZipFormatError("truncated");
    const nameLength = uint16At(directory, p + 28);
    const extraLength = uint16At(directory, p + 30);
    const recordLength = 46 + nameLength + extraLength + uint16At(directory, p + 32);
    if (p + recordLength > directory.length) throw new ZipFormatError("truncated");
    let compressedSize = uint32At(directory, p + 20);
    let size = uint32At(directory, p + 24);
    let localHeaderOffset = uint32At(directory, p + 42);
    const saturated = [size, compressedSize, localHeaderOffset].filter((v) => v === SATURATED_32).length;
    if (saturated > 0) {
      const extraStart = p + 46 + nameLength;
      const values = zip64Fields(directory, extraStart, extraStart + extraLength, saturated);
      if (size === SATURATED_32) size = values.shift() as number;
      if (compressedSize === SATURATED_32) compressedSize = values.shift() as number;
      if (localHeaderOffset === SATURATED_32) localHeaderOffset = values.shift() as number;
    }
    entries.push({
      name: utf8Slice(directory, p + 46, p + 46 + nameLength),
      method: uint16At(directory, p + 10),
      flags: uint16At(directory, p + 8),
      crc: uint32At(directory, p + 16),
      compressedSize,
      size,
      localHeaderOffset,
      central: directory.subarray(p, p + recordLength),
    });
    p += recordLength;
  }
  return entries;
}

/** Where an entry's compressed bytes start, after its local header. */
function dataStart(source: ByteSource, entry: ZipEntry): number {
  const header = source.read(entry.localHeaderOffset, 30);
  if (header.length < 30 || uint32At(header, 0) !== LOCAL_HEADER) throw new ZipFormatError("truncated");
  return entry.localHeaderOffset + 30 + uint16At(header, 26) + uint16At(header, 28);
}

/** The compressed bytes of one entry, as stored after its local header. */
export function storedData(source: ByteSource, entry: ZipEntry): Uint8Array {
  const data = source.read(dataStart(source, entry), entry.compressedSize);
  if (data.length < entry.compressedSize) throw new ZipFormatError("truncated");
  return data;
}

/** Refuses an entry we must not or cannot unpack, before reading any of it. */
export function checkReadable(entry: ZipEntry, maxBytes: number): void {
  if (entry.flags & 0x0001) throw new ZipFormatError("encrypted", entry.name);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError("unsupported-method", entry.name);
  if (entry.size > maxBytes) throw new ZipFormatError("too-large", entry.name);
}

/** Unpacked bytes that are not what the directory declares: the directory and the data disagree. */
export function checkUnpacked(entry: ZipEntry, length: number, crc: number): void {
  if (length !== entry.size || crc !== entry.crc) throw new ZipFormatError("damaged", entry.name);
}

/** Bytes read from the source at a time when an entry is read in chunks. */
const CHUNK_BYTES = 1 << 18;

/**
 * The uncompressed bytes of one entry, in chunks, checked (see the module comment): the entry is
 * never held whole, and unpacking stops as soon as it goes past its declared size.
 */
export async function* readEntryChunks(
  source: ByteSource,
  entry: ZipEntry,
  codec: ZipCodec,
  maxBytes: number = READ_LIMITS.partBytes,
): AsyncGenerator<Uint8Array> {
  checkReadable(entry, maxBytes);
  const start = dataStart(source, entry);
  if (entry.compressedSize === 0) {
    if (entry.size !== 0) throw new ZipFormatError("truncated", entry.name);
    return;
  }
  const end = start + entry.compressedSize;
  const stored = (function* () {
    for (let at = start; at < end; at += CHUNK_BYTES) {
      const length = Math.min(CHUNK_BYTES, end - at);
      const chunk = source.read(at, length);
      // The file ends before the entry's data does: cut short.
      if (chunk.length < length) throw new ZipFormatError("truncated", entry.name);
      yield chunk;
    }
  })();
  const output = entry.method === 8 ? codec.inflateRaw(stored) : stored;
  let total = 0;
  let crc = 0;
  try {
    for await (const chunk of output) {
      total += chunk.length;
      if (total > entry.size) throw new ZipFormatError("damaged", entry.name);
      crc = codec.crc32(chunk, crc);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ZipFormatError) throw error;
    // A deflate stream cut short or not deflate at all.
    throw new ZipFormatError("truncated", entry.name);
  }
  checkUnpacked(entry, total, crc);
}

/**
 * The uncompressed bytes of one entry, whole, checked like `readEntryChunks`; a codec that can
 * inflate synchronously does it in one call, capped at the declared size.
 */
export async function readEntry(
  source: ByteSource,
  entry: ZipEntry,
  codec: ZipCodec,
  maxBytes: number = READ_LIMITS.partBytes,
): Promise<Uint8Array> {
  if (entry.method === 8 && codec.inflateRawWhole) return readEntryWhole(source, entry, codec, maxBytes);
  const chunks: Uint8Array[] = [];
  for await (const chunk of readEntryChunks(source, entry, codec, maxBytes)) chunks.push(chunk);
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : concatBytes(chunks);
}

/** `readEntry` for a codec with `inflateRawWhole` (synchronous: usable where no promise may be). */
export function readEntryWhole(
  source: ByteSource,
  entry: ZipEntry,
  codec: ZipCodec,
  maxBytes: number = READ_LIMITS.partBytes,
): Uint8Array {
  checkReadable(entry, maxBytes);
  const data = storedData(source, entry);
  let bytes: Uint8Array;
  if (entry.method === 0) bytes = data;
  else if (!codec.inflateRawWhole) throw new Error("readEntryWhole: this codec only inflates as a stream");
  else {
    try {
      bytes = codec.inflateRawWhole(data, entry.size);
    } catch (error) {
      // More output than declared, or a stream that ends too early or is not deflate at all.
      throw new ZipFormatError(error instanceof InflateOverflow ? "damaged" : "truncated", entry.name);
    }
  }
  checkUnpacked(entry, bytes.length, codec.crc32(bytes, 0));
  return bytes;
}
