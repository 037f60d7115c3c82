import { parseAddress, type Rect } from "../excel/address";

/** An A1 range written by a test (`"A1:F1"`, `"B3"`) as a rectangle; throws on a malformed one (a test bug). */
export function mergeFromA1(address: string): Rect {
  const parsed = parseAddress(address);
  if (!parsed) throw new Error(`Excel double: not an A1 range: ${address}`);
  return parsed.rect;
}
