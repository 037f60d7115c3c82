/**
 * The few byte operations the reader needs, on plain `Uint8Array`s, so the same parsing code runs
 * in Node (the command line) and in a browser (the preview, the pane), where there is no `Buffer`.
 *
 * Decoding UTF-8 is the reader's hottest call (every attribute value and text it keeps). Node's
 * `Buffer` decodes a short slice several times faster than `TextDecoder`, so when the platform has
 * one (`globalThis.Buffer`, never imported) its decoder is used; a browser gets `TextDecoder`.
 * Both decode malformed UTF-8 the same way (U+FFFD per bad sequence).
 */

interface NodeBufferStatics {
  prototype: { utf8Slice(this: Uint8Array, start: number, end: number): string };
  allocUnsafe(size: number): Uint8Array;
}

const nodeBuffer = (globalThis as { Buffer?: NodeBufferStatics }).Buffer;
const hasNodeDecoder = typeof nodeBuffer?.prototype.utf8Slice === "function";

/** Decodes `bytes[start, end)` as UTF-8; made per platform (see the module comment). */
export function utf8Decoder(
  useNode: boolean = hasNodeDecoder,
): (bytes: Uint8Array, start: number, end: number) => string {
  if (useNode && nodeBuffer) {
    const slice = nodeBuffer.prototype.utf8Slice;
    return (bytes, start, end) => slice.call(bytes, start, end);
  }
  const decoder = new TextDecoder("utf-8");
  return (bytes, start, end) => decoder.decode(bytes.subarray(start, end));
}

/** `bytes[start, end)` as UTF-8 text. */
export const utf8Slice = utf8Decoder();

const encoder = new TextEncoder();

/** A string's UTF-8 bytes. */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** `bytes[start, end)` one character per byte (for ASCII syntax: numbers, XML declarations). */
export function latin1Slice(bytes: Uint8Array, start: number, end: number): string {
  let text = "";
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i] as number);
  return text;
}

/** Uninitialised storage (Node's pool when there is one), for buffers that are filled before use. */
export function allocBytes(size: number): Uint8Array {
  return nodeBuffer ? nodeBuffer.allocUnsafe(size) : new Uint8Array(size);
}

/** Where `pattern` first occurs in `bytes` at or after `from`, or -1. */
export function indexOfBytes(bytes: Uint8Array, pattern: Uint8Array, from = 0): number {
  const first = pattern[0] as number;
  const last = bytes.length - pattern.length;
  for (let at = bytes.indexOf(first, from); at >= 0 && at <= last; at = bytes.indexOf(first, at + 1)) {
    let i = 1;
    while (i < pattern.length && bytes[at + i] === pattern[i]) i++;
    if (i === pattern.length) return at;
  }
  return -1;
}

/** `bytes` holds `pattern` at `at`. */
export function bytesAt(bytes: Uint8Array, at: number, pattern: Uint8Array): boolean {
  if (at < 0 || at + pattern.length > bytes.length) return false;
  for (let i = 0; i < pattern.length; i++) if (bytes[at + i] !== pattern[i]) return false;
  return true;
}

/** The chunks one after the other, in one new array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Little-endian unsigned integers, as ZIP stores them. */
export function uint16At(bytes: Uint8Array, at: number): number {
  return (bytes[at] as number) | ((bytes[at + 1] as number) << 8);
}

export function uint32At(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] as number) |
      ((bytes[at + 1] as number) << 8) |
      ((bytes[at + 2] as number) << 16) |
      ((bytes[at + 3] as number) << 24)) >>>
    0
  );
}

/** An unsigned 64-bit field, or null beyond 2^53 (no file we can read has one). */
export function uint64At(bytes: Uint8Array, at: number): number | null {
  const high = uint32At(bytes, at + 4);
  if (high >= 0x200000) return null;
  return high * 0x1_0000_0000 + uint32At(bytes, at);
}
