/** The preview's `?theme=` and the pane following Office's theme while it is open. */
import { followTheme, themeFromQuery, type ThemeName } from "./theme";

describe("preview theme parameter", () => {
  it.each([
    ["dark", "dark"],
    ["contrast", "highContrast"],
    ["highContrast", "highContrast"],
    ["light", "light"],
    [null, "light"],
    ["purple", "light"],
  ] as const)("?theme=%p → %p", (value, theme) => {
    expect(themeFromQuery(value)).toBe(theme);
  });
});

describe("following Office's theme", () => {
  function signals() {
    let current: ThemeName = "light";
    const win = new EventTarget();
    const doc = new EventTarget();
    const forced = new EventTarget();
    return {
      set: (theme: ThemeName) => (current = theme),
      win,
      doc,
      forced,
      signals: { read: () => current, window: win, document: doc, forcedColors: forced },
    };
  }

  it("reports a change seen on focus, on becoming visible and on a forced-colours switch, once each", () => {
    const s = signals();
    const seen: ThemeName[] = [];
    const stop = followTheme(s.signals, "light", (theme) => seen.push(theme));
    s.win.dispatchEvent(new Event("focus")); // unchanged: nothing
    s.set("dark");
    s.win.dispatchEvent(new Event("focus"));
    s.doc.dispatchEvent(new Event("visibilitychange")); // still dark: nothing more
    s.set("highContrast");
    s.forced.dispatchEvent(new Event("change"));
    s.set("light");
    s.doc.dispatchEvent(new Event("visibilitychange"));
    expect(seen).toEqual(["dark", "highContrast", "light"]);

    stop();
    s.set("dark");
    s.win.dispatchEvent(new Event("focus"));
    expect(seen).toEqual(["dark", "highContrast", "light"]);
  });
});
