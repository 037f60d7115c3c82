/**
 * What jsdom lacks and Fluent UI uses: `ResizeObserver` (MessageBar reflows its actions when its
 * width changes). jsdom has no layout, so a size never changes and an observer never fires.
 */
import "@testing-library/jest-dom";
import { configure } from "@testing-library/react";

class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  Object.defineProperty(window, "ResizeObserver", { value: NoLayoutResizeObserver, writable: true });
}

// The machine running the suite may be shared and slow: Fluent's dialog and accordion motions then
// take longer than Testing Library's default second to settle, and a role query over Fluent's DOM
// alone can take seconds on a loaded machine (seen at 5 s with both cores busy).
configure({ asyncUtilTimeout: 15000 });
