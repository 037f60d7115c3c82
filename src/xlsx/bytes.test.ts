import { concatBytes, indexOfBytes, latin1Slice, uint64At, utf8Bytes, utf8Decoder } from "./bytes";

describe("UTF-8 decoding: Node's decoder and the browser's TextDecoder agree", () => {
  const node = utf8Decoder(true);
  const browser = utf8Decoder(false);
  it.each([
    ["ASCII", Buffer.from('整改台账 A1 <c r="B2">', "utf8")],
    ["CJK and an astral character", Buffer.from("台账𠮷完成", "utf8")],
    ["a multi-byte character cut at the end", Buffer.from("台账", "utf8").subarray(0, 4)],
    ["malformed bytes", Buffer.from([0x41, 0xff, 0xc3, 0x28, 0xe4, 0xb8, 0x42])],
  ])("%s", (_label, bytes) => {
    const copy = new Uint8Array(bytes); // a plain Uint8Array, as a browser has it
    for (const [start, end] of [
      [0, copy.length],
      [1, copy.length - 1],
    ] as const)
      expect(browser(copy, start, end)).toBe(node(copy, start, end));
    expect(browser(copy, 0, copy.length)).toBe(bytes.toString("utf8"));
  });
});

describe("byte helpers", () => {
  it("finds a sequence, also where its first byte recurs before it", () => {
    const bytes = utf8Bytes("a]]b]]]>c]]>");
    expect(indexOfBytes(bytes, utf8Bytes("]]>"))).toBe(5);
    expect(indexOfBytes(bytes, utf8Bytes("]]>"), 6)).toBe(9);
    expect(indexOfBytes(bytes, utf8Bytes("]]>"), 10)).toBe(-1);
    expect(indexOfBytes(utf8Bytes("]]"), utf8Bytes("]]>"))).toBe(-1);
  });

  it("concatenates, reads latin1 and 64-bit fields", () => {
    expect(Array.from(concatBytes([new Uint8Array([1]), new Uint8Array(0), new Uint8Array([2, 3])]))).toEqual([
      1, 2, 3,
    ]);
    expect(latin1Slice(new Uint8Array([0x31, 0x2e, 0x35, 0xe9]), 0, 4)).toBe("1.5é");
    const field = Buffer.alloc(8);
    field.writeBigUInt64LE(2n ** 40n + 7n);
    expect(uint64At(field, 0)).toBe(2 ** 40 + 7);
    field.writeBigUInt64LE(2n ** 60n);
    expect(uint64At(field, 0)).toBeNull();
  });
});
