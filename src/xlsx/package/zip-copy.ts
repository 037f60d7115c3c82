/**
 * Writes a ZIP that is the input ZIP with some entries replaced, removed or added — the rest copied
 * byte for byte: an entry we do not change keeps its local header, compressed data, data descriptor
 * and central-directory record exactly (only its recorded offset moves). So a chart, an image, a VBA
 * project or a 1 GB part nobody refers to is never inflated: it is copied a megabyte at a time.
 *
 * New and changed entries are deflated, with their sizes and CRC in the local header (no data
 * descriptor) and the UTF-8 flag when the name needs it; they keep the replaced entry's timestamp
 * (new ones take the one given), so writing the same package twice gives the same bytes.
 *
 * The copy is a plain ZIP (no ZIP64 end records): a copy that would pass 4 GB or 65,535 entries is
 * refused (`ZipCopyTooLarge`), never written wrong. An input entry that itself uses ZIP64 fields is
 * copied as it is, its offset updated in the ZIP64 extra field when that is where it lives.
 */
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { crc32, deflateRawSync } from "node:zlib";
import { ZipFormatError, type ZipEntry } from "../zip";

export type CopyEntry =
  | { readonly kind: "copy"; readonly entry: ZipEntry }
  | { readonly kind: "data"; readonly name: string; readonly data: Buffer; readonly dosTime: number };

export class ZipCopyTooLarge extends Error {
  constructor() {
    super("zip: the copy would need ZIP64");
    this.name = "ZipCopyTooLarge";
  }
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const DATA_DESCRIPTOR = 0x08074b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_EXTRA = 0x0001;
const MAX32 = 0xffffffff;
const COPY_CHUNK = 1 << 20;

function readExactly(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buffer, got, length - got, position + got);
    if (n === 0) throw new ZipFormatError("truncated");
    got += n;
  }
  return buffer;
}

/** The extra field's record with `id`: where its data starts and how long it is, or null. */
function findExtra(extra: Buffer, id: number): { start: number; length: number } | null {
  for (let p = 0; p + 4 <= extra.length;) {
    const length = extra.readUInt16LE(p + 2);
    if (extra.readUInt16LE(p) === id) return { start: p + 4, length };
    p += 4 + length;
  }
  return null;
}

/** How many bytes an entry takes in the file: local header, name, extra, data and data descriptor. */
export function storedEntryLength(fd: number, entry: ZipEntry): number {
  const header = readExactly(fd, entry.localHeaderOffset, 30);
  if (header.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipFormatError("truncated");
  const nameLength = header.readUInt16LE(26);
  const extraLength = header.readUInt16LE(28);
  let length = 30 + nameLength + extraLength + entry.compressedSize;
  if ((header.readUInt16LE(6) & 0x0008) !== 0) {
    const extra = readExactly(fd, entry.localHeaderOffset + 30 + nameLength, extraLength);
    const sizes = findExtra(extra, ZIP64_EXTRA) ? 16 : 8;
    const signed = readExactly(fd, entry.localHeaderOffset + length, 4).readUInt32LE(0) === DATA_DESCRIPTOR;
    length += 4 + sizes + (signed ? 4 : 0);
  }
  return length;
}

/** The central record with its local-header offset set to `offset` (in the ZIP64 extra when it is kept there). */
function withOffset(central: Uint8Array, offset: number): Buffer {
  const record = Buffer.from(central);
  if (record.readUInt32LE(42) !== MAX32) {
    if (offset >= MAX32) throw new ZipCopyTooLarge();
    record.writeUInt32LE(offset, 42);
    return record;
  }
  const nameLength = record.readUInt16LE(28);
  const extraStart = 46 + nameLength;
  const extra = record.subarray(extraStart, extraStart + record.readUInt16LE(30));
  const zip64 = findExtra(extra, ZIP64_EXTRA);
  if (!zip64) throw new ZipFormatError("not-zip");
  // The ZIP64 extra holds, in this order, only the fields whose 32-bit slot is 0xFFFFFFFF.
  let at = zip64.start;
  if (record.readUInt32LE(24) === MAX32) at += 8;
  if (record.readUInt32LE(20) === MAX32) at += 8;
  if (at + 8 > zip64.start + zip64.length) throw new ZipFormatError("not-zip");
  extra.writeBigUInt64LE(BigInt(offset), at);
  return record;
}

function newEntryRecords(name: string, data: Buffer, dosTime: number, offset: number) {
  const nameBytes = Buffer.from(name, "utf8");
  const compressed = deflateRawSync(data);
  if (compressed.length >= MAX32 || data.length >= MAX32 || offset >= MAX32) throw new ZipCopyTooLarge();
  const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : 0x0800;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(LOCAL_HEADER, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(dosTime >>> 0, 10);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(CENTRAL_HEADER, 0);
  central.writeUInt16LE(20, 4);
  local.copy(central, 6, 4, 30); // version needed … name length, as in the local header
  central.writeUInt32LE(offset, 42);
  return {
    head: Buffer.concat([local, nameBytes]),
    compressed,
    central: Buffer.concat([central, nameBytes]),
  };
}

/** Writes `entries` (in this order) to a new file at `outputPath`, copying kept entries from `inputFd`. */
export function writeZipCopy(inputFd: number, outputPath: string, entries: readonly CopyEntry[]): void {
  const out = openSync(outputPath, "w");
  try {
    let offset = 0;
    const write = (buffer: Buffer): void => {
      for (let done = 0; done < buffer.length;) done += writeSync(out, buffer, done, buffer.length - done);
      offset += buffer.length;
    };
    const centrals: Buffer[] = [];
    for (const item of entries) {
      if (item.kind === "data") {
        const records = newEntryRecords(item.name, item.data, item.dosTime, offset);
        centrals.push(records.central);
        write(records.head);
        write(records.compressed);
        continue;
      }
      centrals.push(withOffset(item.entry.central, offset));
      const length = storedEntryLength(inputFd, item.entry);
      for (let done = 0; done < length;) {
        const chunk = readExactly(inputFd, item.entry.localHeaderOffset + done, Math.min(COPY_CHUNK, length - done));
        write(chunk);
        done += chunk.length;
      }
    }
    const directoryOffset = offset;
    for (const central of centrals) write(central);
    const directorySize = offset - directoryOffset;
    if (centrals.length > 0xffff || offset >= MAX32) throw new ZipCopyTooLarge();
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(centrals.length, 8);
    end.writeUInt16LE(centrals.length, 10);
    end.writeUInt32LE(directorySize, 12);
    end.writeUInt32LE(directoryOffset, 16);
    write(end);
  } finally {
    closeSync(out);
  }
}

/** A central record's DOS time and date (what a replacement of that entry keeps). */
export function dosTimeOf(entry: ZipEntry): number {
  return Buffer.from(entry.central.buffer, entry.central.byteOffset, entry.central.length).readUInt32LE(12);
}
