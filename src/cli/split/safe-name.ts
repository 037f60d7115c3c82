/**
 * File names for `split`'s parts, made from whatever a ledger's cell holds (a unit's name, a
 * person's, a category) and safe on every file system the parts may be copied to:
 *
 * - characters Windows forbids (`< > : " / \ | ? *`) and control characters become `_`, so no name
 *   can climb out of the output folder or into a subfolder;
 * - trailing dots and spaces are dropped (Windows drops them itself, so `科室.` and `科室` would be
 *   one file), as are leading dots (`..`, hidden files);
 * - Windows' reserved device names (`CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, with
 *   any extension) get a `_` in front;
 * - at most `MAX_NAME_BYTES` bytes of UTF-8 (most file systems allow 255 bytes; a Chinese character
 *   takes three), cut between characters, leaving room for a ` (2)` and the extension;
 * - names that end up the same (also when they differ only in case, as Windows and macOS compare
 *   them) are told apart by ` (2)`, ` (3)`… in the order the values first appear.
 */
// Control characters are exactly what must go.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f<>:"/\\|?*]/gu;
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/iu;
export const MAX_NAME_BYTES = 180;

const utf8Bytes = (text: string): number => Buffer.byteLength(text, "utf8");

/** `text` cut to at most `maxBytes` bytes of UTF-8, between whole characters. */
function cutToBytes(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  let out = "";
  for (const ch of text) {
    if (utf8Bytes(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}

/** A file name (without extension) for `value`; never empty, never a path. */
export function safeFileBase(value: string): string {
  let name = value.replace(/\s+/gu, " ").replace(FORBIDDEN, "_").trim();
  name = cutToBytes(name, MAX_NAME_BYTES);
  name = name.replace(/^[.\s]+|[.\s]+$/gu, "");
  if (name === "") return "_";
  const stem = name.split(".")[0] ?? name;
  return RESERVED.test(stem.trim()) ? `_${name}` : name;
}

/**
 * One distinct file name (with `extension`) per value, in the order given. `taken` holds names
 * that must not be used (compared without case), such as the input file's when it is in the folder.
 */
export function uniqueFileNames(
  values: readonly string[],
  extension: string,
  taken: readonly string[] = [],
): Map<string, string> {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  const names = new Map<string, string>();
  for (const value of values) {
    if (names.has(value)) continue;
    const base = safeFileBase(value);
    let name = `${base}${extension}`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} (${n})${extension}`;
    used.add(name.toLowerCase());
    names.set(value, name);
  }
  return names;
}
