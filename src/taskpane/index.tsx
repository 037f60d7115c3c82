/**
 * The task pane in Excel: waits for Office.js, picks the language and theme from Office, and mounts
 * the pane over the real Excel API.
 */
import { pickLanguage } from "./i18n";
import { mountPane } from "./mount";
import { pickThemeName } from "./theme";

function forcedColors(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia("(forced-colors: active)").matches;
}

Office.onReady(() => {
  const context = Office.context;
  mountPane(
    { Excel, Office },
    {
      lang: pickLanguage(context.displayLanguage),
      theme: pickThemeName(context.officeTheme ?? null, forcedColors()),
    },
  );
});
