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

test("payloadBytes agrees with the character count on every kind of text, lone surrogates included", () => {
  const values = [["整改中", "a😀b", "\ud83d", "x\udc00y", 'quote " and \\ backslash', 12.5, true, null]];
  expect(payloadBytes(values)).toBe(utf8Length(JSON.stringify(values)));
  expect(payloadBytes(values)).toBe(Buffer.byteLength(JSON.stringify(values), "utf8"));
});
