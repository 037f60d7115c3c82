/**
 * A file's rows for 问题总台账, packed by the worker that read them into one transferable block of
 * bytes (V8's serializer: the very encoding `postMessage` would use, so every value comes back
 * exactly as it was — `-0`, `NaN`, long texts alike) and unpacked by the main thread only while it
 * writes that file's rows.
 *
 * Why: sent as objects, a 5,000-item file's 23 cells per row were cloned on the worker's side and
 * rebuilt on the main thread as it arrived — while the workers were still busy on the cores — and
 * held as objects (a few MB of small heap objects per file) until the workbook was written. Packed,
 * the bytes move without a copy (the worker's buffer is transferred, not cloned), the main thread
 * does nothing with them until it writes, and holds them outside the JavaScript heap.
 */
import { deserialize, serialize } from "node:v8";
import type { LedgerRow } from "./evaluate-file";

export interface PackedRows {
  /** How many rows the bytes hold. */
  readonly count: number;
  readonly bytes: Uint8Array;
}

export function packRows(rows: readonly LedgerRow[]): PackedRows {
  const serialized = serialize(rows);
  // A buffer of its own, whole, so that transferring it moves these bytes and nothing else.
  const bytes =
    serialized.byteOffset === 0 && serialized.byteLength === serialized.buffer.byteLength
      ? new Uint8Array(serialized.buffer, 0, serialized.byteLength)
      : new Uint8Array(serialized);
  return { count: rows.length, bytes };
}

export function unpackRows(packed: PackedRows | null): readonly LedgerRow[] {
  if (packed === null || packed.count === 0) return [];
  return deserialize(packed.bytes) as LedgerRow[];
}

/** The buffers to list in `postMessage`'s transfer list, so they move instead of being copied. */
export function transferablesOf(packed: PackedRows | null): ArrayBuffer[] {
  return packed === null ? [] : [packed.bytes.buffer as ArrayBuffer];
}
