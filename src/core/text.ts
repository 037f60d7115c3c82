/**
 * Turning cell values into text, and text into the normalised form every matcher compares.
 *
 * SPEC §2: headers are matched "after normalisation: remove all whitespace (including full-width
 * spaces and line breaks inside the cell), convert full-width ASCII to half-width, drop a trailing
 * parenthesised note (`整改时限（完成时间）` → `整改时限`), case-fold". The value parsers
 * (dates, status, type) use the same normalisation so `已完成 `, `已 完成` and `已完成\n` agree.
 */
import type { CellValue } from "./types";

/**
 * The trimmed text of any cell value, as a user would read it:
 * - text as typed (trimmed), rich text as its runs joined;
 * - an error as its code (`#N/A`), a boolean as Excel shows it (`TRUE`/`FALSE`);
 * - a number in plain decimal (`45731`, `0.3`), never with an exponent for integers below 1e21;
 *   non-integers keep Excel's 15 significant digits, so binary noise (`0.30000000000000004`) is dropped;
 * - null as "".
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  switch (typeof value) {
    case "string":
      return value.trim();
    case "number":
      return numberText(value);
    case "boolean":
      return value ? "TRUE" : "FALSE";
    default:
      break;
  }
  if ("error" in value) return String(value.error).trim();
  if ("runs" in value && Array.isArray(value.runs)) return value.runs.join("").trim();
  return "";
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Integers below 1e21 print in full decimal in JavaScript already (String(1e20) === "100000000000000000000").
  if (Number.isInteger(n)) return Object.is(n, -0) ? "0" : String(n);
  // Excel keeps 15 significant digits; formatting with them drops float noise such as 0.1 + 0.2.
  return String(Number(n.toPrecision(15)));
}

/**
 * Whitespace of every kind, including U+3000 (ideographic space), NBSP and line breaks (all in `\s`),
 * plus the zero-width characters that `\s` leaves out but that copy-pasted text often carries.
 */
const ALL_WHITESPACE = /[\s\u200B-\u200D\u2060]/gu;
/** Full-width ASCII: U+FF01 `！` … U+FF5E `～`, each 0xFEE0 above its half-width twin. */
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;

/** Full-width ASCII → half-width (`２０２５／３` → `2025/3`, `（` → `(`); nothing else changes. */
export function toHalfWidth(s: string): string {
  return s.replace(FULL_WIDTH_ASCII, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/**
 * The form every matcher compares: all whitespace removed, full-width ASCII made half-width,
 * lower-cased (SPEC §2). `Ｎｏ．` → `no.`, `整改 时限\n` → `整改时限`.
 */
export function normalizeText(s: string): string {
  return toHalfWidth(s.replace(ALL_WHITESPACE, "")).toLowerCase();
}

/** A parenthesised note at the end (full-width brackets are already half-width after normalisation). */
const TRAILING_NOTE = /\([^()]*\)$/;

/**
 * Removes trailing parenthesised notes from already-normalised text: `已完成(2025.3)` → `已完成`.
 * Text that is nothing but a note is kept as it is (an empty result would match nothing useful).
 */
export function dropTrailingNote(normalized: string): string {
  let s = normalized;
  for (let next = s.replace(TRAILING_NOTE, ""); next !== s && next !== ""; next = s.replace(TRAILING_NOTE, "")) {
    s = next;
  }
  return s;
}

/** A header cell's text for matching: `整改时限（完成时间）` → `整改时限`, `Ｎｏ` → `no` (SPEC §2). */
export function normalizeHeader(s: string): string {
  return dropTrailingNote(normalizeText(s));
}
