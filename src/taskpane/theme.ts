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
