import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import type { LedgerRow } from "./evaluate-file";
import { packRows, transferablesOf, unpackRows, type PackedRows } from "./packed-rows";

const ROWS: LedgerRow[] = [
  {
    row: 4,
    light: "red",
    cells: [
      "1",
      { date: "2025-03-31" },
      { number: 45747, format: "yyyy/m/d" },
      "=SUM(A1:A2)",
      -0,
      Number.NaN,
      true,
      null,
      "整改措施：".repeat(2000),
    ],
  },
  { row: 5, light: "green", cells: [2, null, "长期坚持", false, 3.5] },
];

describe("packRows / unpackRows", () => {
  it("gives back every row and cell exactly, -0 and NaN included", () => {
    const back = unpackRows(packRows(ROWS));
    expect(back).toEqual(ROWS);
    expect(Object.is(back[0]?.cells[4], -0)).toBe(true);
    expect(Number.isNaN(back[0]?.cells[5])).toBe(true);
  });

  it("packs into a buffer of its own, so that transferring it moves no other bytes", () => {
    const packed = packRows(ROWS);
    expect(packed.count).toBe(2);
    expect(packed.bytes.byteOffset).toBe(0);
    expect(packed.bytes.buffer.byteLength).toBe(packed.bytes.byteLength);
  });

  it("moves through postMessage without a copy: the sender's bytes are detached, the receiver's equal", () => {
    const packed = packRows(ROWS);
    const length = packed.bytes.byteLength;
    const { port1, port2 } = new MessageChannel();
    try {
      port1.postMessage({ rows: packed }, transferablesOf(packed));
      expect(packed.bytes.byteLength).toBe(0);
      const received = receiveMessageOnPort(port2)?.message as { rows: PackedRows };
      expect(received.rows.bytes.byteLength).toBe(length);
      expect(unpackRows(received.rows)).toEqual(ROWS);
    } finally {
      port1.close();
    }
  });

  it("reads no rows from nothing", () => {
    expect(unpackRows(null)).toEqual([]);
    expect(unpackRows(packRows([]))).toEqual([]);
    expect(transferablesOf(null)).toEqual([]);
  });
});
