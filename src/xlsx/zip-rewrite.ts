/**
 * Rewrites some text entries of a ZIP held in memory and returns the new ZIP: every other entry is
 * copied byte for byte (its compressed data untouched); a rewritten entry is stored uncompressed
 * (valid ZIP that every reader opens, and no compressor needed: the browser has none synchronous).
 * Local headers are written without data descriptors (sizes and CRC known) and without extra
 * fields. No Node module: the browser preview saves through it.
 */
import { bytesSource } from "./byte-source";
import { concatBytes, uint16At, utf8Bytes, utf8Slice } from "./bytes";
import { crc32, webCodec } from "./inflate-web";
import { END_OF_CENTRAL_DIRECTORY, LOCAL_HEADER, listEntries, readEntry, storedData } from "./zip-entries";

/** Entry name → the new text from the old one. */
export type EntryTransforms = ReadonlyMap<string, (text: string) => string>;

function setUint16(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value & 0xff;
  bytes[at + 1] = (value >>> 8) & 0xff;
}

function setUint32(bytes: Uint8Array, at: number, value: number): void {
  setUint16(bytes, at, value & 0xffff);
  setUint16(bytes, at + 2, (value >>> 16) & 0xffff);
}

/** The ZIP `zip` with each entry named in `transforms` rewritten; throws when one is missing. */
export async function rewriteZipEntries(zip: Uint8Array, transforms: EntryTransforms): Promise<Uint8Array> {
  const source = bytesSource(zip);
  const parts: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  const done = new Set<string>();
  let offset = 0;
  for (const entry of listEntries(source)) {
    const central = new Uint8Array(entry.central); // a copy: its sizes and offset change
    let data = storedData(source, entry);
    const transform = transforms.get(entry.name);
    if (transform) {
      done.add(entry.name);
      data = utf8Bytes(transform(utf8Slice(await readEntry(source, entry, webCodec), 0, entry.size)));
      setUint16(central, 10, 0); // stored
      setUint32(central, 16, crc32(data, 0));
      setUint32(central, 24, data.length);
    }
    setUint16(central, 8, uint16At(central, 8) & ~0x0008); // no data descriptor follows
    setUint32(central, 20, data.length);
    setUint32(central, 42, offset);
    const nameLength = uint16At(central, 28);
    const local = new Uint8Array(30);
    setUint32(local, 0, LOCAL_HEADER);
    local.set(central.subarray(6, 16), 4); // version needed, flags, method, time, date
    local.set(central.subarray(16, 28), 14); // CRC, compressed size, size
    setUint16(local, 26, nameLength);
    parts.push(local, central.subarray(46, 46 + nameLength), data);
    offset += 30 + nameLength + data.length;
    centrals.push(central);
  }
  const missing = [...transforms.keys()].filter((name) => !done.has(name));
  if (missing.length > 0) throw new Error(`zip: no entry ${missing.join(", ")}`);
  const directory = concatBytes(centrals);
  const end = new Uint8Array(22);
  setUint32(end, 0, END_OF_CENTRAL_DIRECTORY);
  setUint16(end, 8, centrals.length);
  setUint16(end, 10, centrals.length);
  setUint32(end, 12, directory.length);
  setUint32(end, 16, offset);
  return concatBytes([...parts, directory, end]);
}
