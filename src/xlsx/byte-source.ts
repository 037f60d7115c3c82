/**
 * Where the reader gets a package's bytes from: anything that can say its size and hand out the
 * bytes at a position. The ZIP reader (`./zip-entries.ts`) only ever asks for the end records, the
 * central directory and each entry it reads, so a large file on disk is never loaded whole
 * (`fileSource` in `./zip.ts`), and bytes already in memory (a file picked in a browser) are read in
 * place (`bytesSource`).
 */
export interface ByteSource {
  /** The length of the whole package in bytes. */
  readonly size: number;
  /** Up to `length` bytes from `offset`; fewer only where the source ends. */
  read(offset: number, length: number): Uint8Array;
}

/** Bytes in memory as a source; `read` hands out views of them, never copies. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => bytes.subarray(Math.max(0, offset), Math.max(0, offset + length)),
  };
}
