/**
 * A1 addresses as Office.js takes them in `getRange(address)` and gives them in `range.address`;
 * shared by the adapter and the Excel double. Plain TypeScript (no Node APIs): the task pane's
 * browser preview loads the double too.
 */
import { columnLetter, columnNumber } from "../core/grid";

/** A rectangle in 1-based sheet coordinates, inclusive. */
export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;
/** Office.js rejects an address string longer than this (per call). */
export const MAX_ADDRESS_LENGTH = 8192;

export interface ParsedAddress {
  /** The sheet named in the address (`'My Sheet'!A1` → `My Sheet`), or null. */
  readonly sheet: string | null;
  readonly rect: Rect;
}

function sheetNameOf(prefix: string): string {
  const quoted = /^'(.*)'$/.exec(prefix);
  return quoted ? (quoted[1] ?? "").replace(/''/g, "'") : prefix;
}

/** `A1`, `A1:C3`, `A:C`, `3:5`, each optionally `Sheet!`-prefixed and with `$`. Null when malformed. */
export function parseAddress(address: string): ParsedAddress | null {
  const bang = address.lastIndexOf("!");
  const sheet = bang >= 0 ? sheetNameOf(address.slice(0, bang)) : null;
  const body = (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "").trim().toUpperCase();
  const [first, second = first, extra] = body.split(":");
  if (extra !== undefined || first === undefined || first === "") return null;
  const a = parseRef(first);
  const b = parseRef(second ?? first);
  if (!a || !b) return null;
  if (a.kind !== b.kind) return null;
  let rect: Rect;
  if (a.kind === "cell" && b.kind === "cell") {
    rect = { top: a.row, left: a.col, bottom: b.row, right: b.col };
  } else if (a.kind === "col" && b.kind === "col") {
    rect = { top: 1, left: a.col, bottom: MAX_ROWS, right: b.col };
  } else if (a.kind === "row" && b.kind === "row") {
    rect = { top: a.row, left: 1, bottom: b.row, right: MAX_COLS };
  } else {
    return null;
  }
  return {
    sheet,
    rect: {
      top: Math.min(rect.top, rect.bottom),
      bottom: Math.max(rect.top, rect.bottom),
      left: Math.min(rect.left, rect.right),
      right: Math.max(rect.left, rect.right),
    },
  };
}

type Ref = { kind: "cell"; row: number; col: number } | { kind: "col"; col: number } | { kind: "row"; row: number };

function parseRef(text: string): Ref | null {
  const cell = /^([A-Z]{1,3})(\d{1,7})$/.exec(text);
  if (cell) {
    const col = columnNumber(cell[1] ?? "");
    const row = Number(cell[2]);
    return col !== null && row >= 1 && row <= MAX_ROWS ? { kind: "cell", row, col } : null;
  }
  const col = /^([A-Z]{1,3})$/.exec(text);
  if (col) {
    const n = columnNumber(col[1] ?? "");
    return n === null ? null : { kind: "col", col: n };
  }
  const row = /^(\d{1,7})$/.exec(text);
  if (row) {
    const n = Number(row[1]);
    return n >= 1 && n <= MAX_ROWS ? { kind: "row", row: n } : null;
  }
  return null;
}

/** A sheet name as Excel writes it in an address: quoted when it is not a plain identifier. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** `A1` or `A1:C3` (no sheet). */
export function rectAddress(rect: Rect): string {
  const a = `${columnLetter(rect.left)}${rect.top}`;
  if (rect.top === rect.bottom && rect.left === rect.right) return a;
  return `${a}:${columnLetter(rect.right)}${rect.bottom}`;
}

/** Contiguous runs of columns, one range each (a read's format columns, a plan's hidden columns). */
export function columnRuns(columns: readonly number[]): { left: number; right: number }[] {
  const runs: { left: number; right: number }[] = [];
  for (const col of [...columns].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && col === last.right + 1) last.right = col;
    else if (!last || col > last.right) runs.push({ left: col, right: col });
  }
  return runs;
}

/** A defined name's formula when its cells are gone (the user deleted their sheet; Excel keeps the name). */
export const REFERS_TO_NOTHING = "=#REF!";

/**
 * A name's reference to `address` (`'台账'!J2:J6`, as `range.address` gives it) in the absolute form
 * `='台账'!$J$2:$J$6`. A reference without `$` in a defined name is relative to the cell active when it
 * is defined and drifts with the active cell; the add-in's names must stay on their cells.
 * `REFERS_TO_NOTHING` stays as it is.
 */
export function absoluteReference(address: string): string {
  if (address === REFERS_TO_NOTHING) return address;
  const parsed = parseAddress(address);
  if (!parsed || parsed.sheet === null) throw new Error(`Not a sheet address: ${address}`);
  const body = rectAddress(parsed.rect).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  return `=${quoteSheetName(parsed.sheet)}!${body}`;
}

/** `Sheet1!A1:C3`, as `range.address` gives it. */
export function sheetAddress(sheet: string, rect: Rect): string {
  return `${quoteSheetName(sheet)}!${rectAddress(rect)}`;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.bottom, b.bottom);
  const right = Math.min(a.right, b.right);
  return top <= bottom && left <= right ? { top, left, bottom, right } : null;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right
  );
}

export function rectRows(rect: Rect): number {
  return rect.bottom - rect.top + 1;
}

export function rectCols(rect: Rect): number {
  return rect.right - rect.left + 1;
}

/** Splits a multi-area address (`'A, B'!A1:B2,Sheet2!C3`) on the commas outside quoted sheet names. */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      out.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** `Sheet!$K$3` → `K3` on that sheet (a mark name's range address, made sheet-local). */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  return (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "");
}
