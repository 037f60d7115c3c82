/**
 * Just enough of the ZIP format to look inside an .xlsx before handing it to exceljs: list the
 * entries from the central directory and inflate a small one. It lets the reader tell a truncated
 * or foreign file from a workbook with a clear message (exceljs would throw an opaque error, or
 * hang on a truncated stream), and read the parts exceljs' streaming reader leaves out (sheet names
 * and order, the date system, merged cells).
 *
 * Reads with positioned `fs` reads, so a large workbook is never loaded whole. ZIP64 is not
 * supported (no ledger is 4 GB); such a file is reported as unreadable rather than misread.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { inflateRawSync } from "node:zlib";

export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflated. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
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
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    entries.push({
      name: directory.toString("utf8", p + 46, p + 46 + nameLength),
      method: directory.readUInt16LE(p + 10),
      compressedSize: directory.readUInt32LE(p + 20),
      size: directory.readUInt32LE(p + 24),
      localHeaderOffset: directory.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed bytes of one entry. */
export function readZipEntry(fd: number, entry: ZipEntry): Buffer {
  const header = readAt(fd, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipFormatError("truncated");
  const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const data = readAt(fd, dataStart, entry.compressedSize);
  if (data.length < entry.compressedSize) throw new ZipFormatError("truncated");
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new ZipFormatError("not-zip");
  try {
    return inflateRawSync(data);
  } catch {
    throw new ZipFormatError("truncated");
  }
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
