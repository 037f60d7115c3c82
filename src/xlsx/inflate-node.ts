/** The ZIP reader's codec on Node: zlib's raw inflate, streamed or whole, and its native CRC-32. */
import { Readable } from "node:stream";
import { crc32, createInflateRaw, inflateRawSync } from "node:zlib";
import { InflateOverflow, type ZipCodec } from "./inflate";

/** Bytes handed out at a time when an entry is unpacked as a stream. */
const OUTPUT_CHUNK_BYTES = 1 << 18;

async function* inflateRawStream(input: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const source = Readable.from(input, { objectMode: false });
  const inflate = createInflateRaw({ chunkSize: OUTPUT_CHUNK_BYTES });
  // An error while reading the input (a file cut short) ends the inflation with that error.
  source.on("error", (error) => inflate.destroy(error));
  try {
    yield* source.pipe(inflate) as AsyncIterable<Buffer>;
  } finally {
    inflate.destroy();
    source.destroy();
  }
}

export const nodeCodec: ZipCodec = {
  inflateRaw: inflateRawStream,
  inflateRawWhole(input, maxOutput) {
    try {
      return inflateRawSync(input, { maxOutputLength: Math.max(1, maxOutput) });
    } catch (error) {
      if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") throw new InflateOverflow();
      throw error;
    }
  },
  crc32: (bytes, previous) => crc32(bytes, previous),
};
