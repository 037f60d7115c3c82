import { payloadBytes, utf8Length } from "./payload";

test.each([
  ["", 0],
  ["abc", 3],
  ["é", 2],
  ["整改", 6],
  ["😀", 4],
  ["a整😀", 8],
])("utf8Length(%j) = %d, as Node's encoder counts", (text, bytes) => {
  expect(utf8Length(text)).toBe(bytes);
  expect(utf8Length(text)).toBe(Buffer.byteLength(text, "utf8"));
});

test("payloadBytes counts the JSON a value is sent as", () => {
  expect(payloadBytes([["整改中", 1]])).toBe(Buffer.byteLength('[["整改中",1]]', "utf8"));
  expect(payloadBytes(undefined)).toBe(4); // null
});
