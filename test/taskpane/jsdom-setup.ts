/**
 * What jsdom lacks and Fluent UI uses: `ResizeObserver` (MessageBar reflows its actions when its
 * width changes). jsdom has no layout, so a size never changes and an observer never fires.
 */
import "@testing-library/jest-dom";

class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  Object.defineProperty(window, "ResizeObserver", { value: NoLayoutResizeObserver, writable: true });
}
