/**
 * The ZIP reader's codec in a browser: the platform's `DecompressionStream("deflate-raw")` (every
 * browser the pane supports has it; Node 18+ too, which is how the tests run it) and a table CRC-32.
 * Imports nothing: it is part of the browser-safe reader (`./read-bytes.ts`).
 *
 * Output is pulled, not pushed: the input goes in pieces of `INPUT_PIECE_BYTES`, each written only
 * once the previous one has been unpacked and read, so at most one piece's output (deflate unpacks at
 * most ~1,032 times: about 16 MB here) is ever waiting, and a reader that stops early (an entry going
 * past its declared size: a ZIP bomb) stops the inflation there.
 */
import type { ZipCodec } from "./inflate";

const INPUT_PIECE_BYTES = 1 << 14;

interface DecompressionStreamLike {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
}

type DecompressionStreamConstructor = new (format: "deflate-raw") => DecompressionStreamLike;

function newRawInflateStream(): DecompressionStreamLike {
  const constructor = (globalThis as { DecompressionStream?: DecompressionStreamConstructor }).DecompressionStream;
  if (!constructor) throw new Error("This browser cannot unpack ZIP data (no DecompressionStream)");
  return new constructor("deflate-raw");
}

/**
 * Whether this page (or worker) has what the reader needs: `DecompressionStream` that takes
 * "deflate-raw" (the pane says the browser cannot read .xlsx files when it has not).
 */
export function canInflateRaw(scope: { readonly DecompressionStream?: unknown } = globalThis): boolean {
  const Stream = scope.DecompressionStream as (new (format: string) => unknown) | undefined;
  if (typeof Stream !== "function") return false;
  try {
    new Stream("deflate-raw");
    return true;
  } catch {
    return false;
  }
}

async function* inflateRawStream(input: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const stream = newRawInflateStream();
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // Writes wait for the reader (the stream's backpressure); an input error ends the output with it.
  const pump = (async () => {
    try {
      for (const chunk of input)
        for (let at = 0; at < chunk.length; at += INPUT_PIECE_BYTES)
          await writer.write(chunk.subarray(at, at + INPUT_PIECE_BYTES));
      await writer.close();
    } catch (error) {
      await writer.abort(error).catch(() => undefined);
    }
  })();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      yield value;
    }
  } finally {
    // Reached when the output is complete, failed, or the consumer stopped: release both sides.
    await reader.cancel().catch(() => undefined);
    await pump;
  }
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 as ZIP computes it (reflected, polynomial 0xEDB88320), continuing from `previous`. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  let crc = ~previous;
  for (let i = 0; i < bytes.length; i++) crc = (CRC_TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return ~crc >>> 0;
}

export const webCodec: ZipCodec = { inflateRaw: inflateRawStream, crc32 };
