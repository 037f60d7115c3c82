/** The pane's language, handed down by React context so every component speaks the same one. */
import { createContext, useContext, useMemo } from "react";
import { translate, type Lang, type StringKey } from "./i18n";

export const LangContext = createContext<Lang>("zh");

export interface Strings {
  readonly lang: Lang;
  readonly t: (key: StringKey, params?: Readonly<Record<string, string | number>>) => string;
}

export function useStrings(): Strings {
  const lang = useContext(LangContext);
  return useMemo(() => ({ lang, t: (key, params) => translate(lang, key, params) }), [lang]);
}
