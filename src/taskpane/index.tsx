/**
 * The task pane in Excel: waits for Office.js, picks the language and theme from Office, and mounts
 * the pane over the real Excel API.
 */
import { pickLanguage } from "./i18n";
import { mountPane } from "./mount";
import { followTheme, pickThemeName } from "./theme";

const forcedColorsQuery = typeof window.matchMedia === "function" ? window.matchMedia("(forced-colors: active)") : null;

Office.onReady(() => {
  const context = Office.context;
  const read = () => pickThemeName(context.officeTheme ?? null, forcedColorsQuery?.matches ?? false);
  const theme = read();
  mountPane(
    { Excel, Office },
    {
      lang: pickLanguage(context.displayLanguage),
      theme,
      followTheme: (onChange) =>
        followTheme({ read, window, document, forcedColors: forcedColorsQuery }, theme, onChange),
    },
  );
});
