/**
 * One linear pass over an XML part (saxes), with element names stripped of their namespace prefix
 * (`x:row` → `row`): parts written by Excel, LibreOffice, WPS and exceljs use prefixes differently.
 * A large part arrives as bytes and is decoded a slice at a time, so its text never exists as one
 * JavaScript string. No Node module: the browser preview loads files through it too.
 */
import { SaxesParser } from "saxes";

export interface XmlHandlers {
  /** `path` holds the local names of the open ancestors, outermost first (the element itself not included). */
  readonly open?: (name: string, attributes: Readonly<Record<string, string>>, path: readonly string[]) => void;
  readonly close?: (name: string, path: readonly string[]) => void;
  readonly text?: (text: string, path: readonly string[]) => void;
}

const SLICE_BYTES = 1 << 20;

export const localName = (name: string): string => name.slice(name.indexOf(":") + 1);

export function walkXml(source: string | Uint8Array, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: false });
  const path: string[] = [];
  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    handlers.open?.(name, tag.attributes as Record<string, string>, path);
    if (tag.isSelfClosing) handlers.close?.(name, path);
    else path.push(name);
  });
  parser.on("closetag", (tag) => {
    if (tag.isSelfClosing) return;
    path.pop();
    handlers.close?.(localName(tag.name), path);
  });
  if (handlers.text) {
    const onText = handlers.text;
    parser.on("text", (text) => onText(text, path));
    parser.on("cdata", (text) => onText(text, path));
  }
  parser.on("error", (error) => {
    throw error;
  });
  if (typeof source === "string") parser.write(source);
  else {
    const decoder = new TextDecoder("utf-8");
    for (let at = 0; at < source.length; at += SLICE_BYTES)
      parser.write(decoder.decode(source.subarray(at, Math.min(source.length, at + SLICE_BYTES)), { stream: true }));
    parser.write(decoder.decode());
  }
  parser.close();
}

/** Escapes text for an XML attribute value or element content. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch] ?? ch);
}
