import { crc32 as zlibCrc32, deflateRawSync } from "node:zlib";
import { crc32, webCodec } from "./inflate-web";

async function collect(input: Uint8Array[], stopAfter = Infinity): Promise<{ bytes: Buffer; chunks: number }> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of webCodec.inflateRaw(input)) {
    chunks.push(chunk);
    total += chunk.length;
    if (total > stopAfter) break;
  }
  return { bytes: Buffer.concat(chunks), chunks: chunks.length };
}

describe("the browser codec (DecompressionStream)", () => {
  const text = Buffer.from("整改台账，按期完成。".repeat(20_000), "utf8");

  it("unpacks raw deflate given in one chunk or many", async () => {
    const packed = deflateRawSync(text);
    expect((await collect([packed])).bytes.equals(text)).toBe(true);
    const pieces = Array.from({ length: Math.ceil(packed.length / 1000) }, (_, i) =>
      packed.subarray(i * 1000, (i + 1) * 1000),
    );
    expect((await collect(pieces)).bytes.equals(text)).toBe(true);
  });

  it("fails on data that is not deflate, and on deflate cut short", async () => {
    await expect(collect([Buffer.from("not deflate at all, just text")])).rejects.toBeDefined();
    const packed = deflateRawSync(text);
    await expect(collect([packed.subarray(0, packed.length >> 1)])).rejects.toBeDefined();
  });

  it("passes on an error of the input (a file cut short) as it is", async () => {
    const failing = (function* () {
      yield deflateRawSync(text).subarray(0, 100);
      throw new RangeError("cut short");
    })();
    await expect(collect(failing as unknown as Uint8Array[])).rejects.toThrow("cut short");
  });

  it("stops when its reader stops: a 128 MB bomb is never unpacked past what was read", async () => {
    const bomb = deflateRawSync(Buffer.alloc(128 << 20), { level: 1 }); // ~600 KB packed
    const before = process.memoryUsage().arrayBuffers;
    const started = Date.now();
    const { bytes } = await collect([bomb], 1 << 20);
    expect(bytes.length).toBeLessThan(64 << 20);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(256 << 20);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("computes ZIP's CRC-32, also continued over pieces", () => {
    expect(crc32(text, 0)).toBe(zlibCrc32(text));
    expect(crc32(text.subarray(1000), crc32(text.subarray(0, 1000), 0))).toBe(zlibCrc32(text));
    expect(crc32(new Uint8Array(0), 0)).toBe(0);
  });
});
