/**
 * What a value costs on the wire between the add-in and Excel: the UTF-8 bytes of its JSON.
 * Office.js documents a 5 MB cap on a request and a response for Excel on the web but not how it is
 * counted; a Chinese character is one JSON character but three UTF-8 bytes, so counting bytes is the
 * safe reading — an estimate that is too low would make Excel reject the batch.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair: one astral character (emoji), four bytes
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The platform's UTF-8 encoder (every webview the pane runs in, and Node, have one). */
const encoder = typeof TextEncoder === "function" ? new TextEncoder() : null;

/**
 * The UTF-8 bytes of `value`'s JSON. The encoder counts them natively: the reads of a few thousand rows
 * are measured on the pane's thread, and a character-by-character count of their megabyte of JSON was
 * a long task of its own. (`JSON.stringify` never leaves a lone surrogate, so both counts agree.)
 */
export function payloadBytes(value: unknown): number {
  const json = JSON.stringify(value ?? null);
  return encoder ? encoder.encode(json).length : utf8Length(json);
}
