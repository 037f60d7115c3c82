/**
 * The Fluent theme that matches Office's: light by default, dark when Office's body background is
 * dark (the Dark Gray and Black Office themes), high contrast when the system forces colours.
 */
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

export type ThemeName = "light" | "dark" | "highContrast";

/** The part of `Office.context.officeTheme` this needs (absent on hosts that do not expose it). */
export interface OfficeThemeColours {
  readonly bodyBackgroundColor?: string;
  readonly isDarkTheme?: boolean;
}

/** Relative luminance (0 black … 1 white) of `#RRGGBB`; null for anything else. */
export function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((part) => {
    const c = parseInt(part ?? "0", 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function pickThemeName(officeTheme: OfficeThemeColours | null | undefined, forcedColors: boolean): ThemeName {
  if (forcedColors) return "highContrast";
  if (officeTheme?.isDarkTheme === true) return "dark";
  const lum = officeTheme?.bodyBackgroundColor ? luminance(officeTheme.bodyBackgroundColor) : null;
  return lum !== null && lum < 0.2 ? "dark" : "light";
}

export const THEMES: Readonly<Record<ThemeName, Theme>> = {
  light: webLightTheme,
  dark: webDarkTheme,
  highContrast: teamsHighContrastTheme,
};

/** `?theme=` in the preview: `dark`, `contrast` (or `highContrast`), anything else light. */
export function themeFromQuery(value: string | null): ThemeName {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "dark") return "dark";
  if (v === "contrast" || v === "highcontrast" || v === "high-contrast") return "highContrast";
  return "light";
}

/** What `followTheme` listens to; the browser's objects in the pane, fakes in a test. */
export interface ThemeSignals {
  /** The theme as of now (Office's colours and the system's forced-colours setting, read again). */
  readonly read: () => ThemeName;
  /** Fires when the pane may have been out of sight while the user changed Office's theme. */
  readonly window: Pick<EventTarget, "addEventListener" | "removeEventListener">;
  readonly document: Pick<EventTarget, "addEventListener" | "removeEventListener">;
  /** `(forced-colors: active)`: Windows' contrast themes switch on and off without a reload. */
  readonly forcedColors: Pick<EventTarget, "addEventListener" | "removeEventListener"> | null;
}

/**
 * Calls `onChange` with the new theme whenever it differs from the last one seen. Excel has no event
 * for a change of Office theme (Outlook's OfficeThemeChanged is Mailbox-only), so the theme is read
 * again when the pane gets focus or becomes visible — the user changes Office's theme in Excel's
 * own File > Account page, away from the pane — and when forced colours switch. Returns the unsubscribe.
 */
export function followTheme(
  signals: ThemeSignals,
  initial: ThemeName,
  onChange: (theme: ThemeName) => void,
): () => void {
  let last = initial;
  const check = () => {
    const now = signals.read();
    if (now !== last) {
      last = now;
      onChange(now);
    }
  };
  signals.window.addEventListener("focus", check);
  signals.document.addEventListener("visibilitychange", check);
  signals.forcedColors?.addEventListener("change", check);
  return () => {
    signals.window.removeEventListener("focus", check);
    signals.document.removeEventListener("visibilitychange", check);
    signals.forcedColors?.removeEventListener("change", check);
  };
}
