/**
 * How the ZIP reader unpacks deflated entries and checks their CRC-32, behind one small interface
 * so the same reader runs on Node's zlib (the command line: `nodeCodec` in `./inflate-node.ts`) and
 * on the browser's own `DecompressionStream("deflate-raw")` (the preview and the pane:
 * `webCodec` in `./inflate-web.ts`), with no library in between.
 *
 * The reader, not the codec, enforces the limits: it stops pulling output as soon as an entry goes
 * past its declared size, so a codec only has to produce output as it is asked for (in bounded
 * pieces), never all at once.
 */
export interface ZipCodec {
  /**
   * Raw deflate data (RFC 1951), given in chunks, unpacked as it is read. Throws when the data is
   * not deflate or ends too early. Stopping the iteration early releases everything.
   */
  inflateRaw(input: Iterable<Uint8Array>): AsyncIterable<Uint8Array>;
  /**
   * A whole small entry at once, where the platform can do that synchronously (faster than a
   * stream). Throws `InflateOverflow` when the data unpacks to more than `maxOutput` bytes,
   * anything else when it is not deflate or ends too early.
   */
  inflateRawWhole?(input: Uint8Array, maxOutput: number): Uint8Array;
  /** CRC-32 (ISO 3309, as ZIP uses it) of `bytes`, continuing from `previous`. */
  crc32(bytes: Uint8Array, previous: number): number;
}

/** Deflate data that unpacks to more than it may (`ZipCodec.inflateRawWhole`). */
export class InflateOverflow extends Error {
  constructor() {
    super("inflate: more output than allowed");
    this.name = "InflateOverflow";
  }
}
