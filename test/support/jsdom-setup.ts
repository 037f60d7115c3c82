/**
 * What jsdom lacks: `TextEncoder` (the Excel double), and what Fluent UI uses: `ResizeObserver`
 * (MessageBar reflows its actions when its width changes). jsdom has no layout, so a size never
 * changes and an observer never fires.
 */
import "@testing-library/jest-dom";
import { configure } from "@testing-library/react";
import { TextDecoder, TextEncoder } from "node:util";

class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  Object.defineProperty(window, "ResizeObserver", { value: NoLayoutResizeObserver, writable: true });
}

// jsdom's window lacks what browsers and Node have: the Excel double (a pane test on the real Excel
// host) encodes payloads as UTF-8 to measure them.
if (typeof globalThis.TextEncoder === "undefined")
  Object.assign(globalThis, { TextEncoder, TextDecoder: globalThis.TextDecoder ?? TextDecoder });

// The machine running the suite may be shared and slow: Fluent's dialog and accordion motions then
// take longer than Testing Library's default second to settle, and a role query over Fluent's DOM
// alone can take seconds on a loaded machine (seen at 5 s with both cores busy).
configure({ asyncUtilTimeout: 15000 });
