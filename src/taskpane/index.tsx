/**
 * The task pane in Excel: waits for Office.js, picks the language and theme from Office, and mounts
 * the pane over the real Excel API, with the engine in its Web Worker (engine.ts).
 */
import { pageEngineRunner } from "./engine";
import { pickLanguage } from "./i18n";
import { mountPane } from "./mount";
import { followTheme, pickThemeName } from "./theme";

// Started now, so the worker's script loads while Office.js starts.
const engine = pageEngineRunner(document);
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
      runEngine: engine.run,
      combineFile: engine.combineFile,
      followTheme: (onChange) =>
        followTheme({ read, window, document, forcedColors: forcedColorsQuery }, theme, onChange),
    },
  );
});
