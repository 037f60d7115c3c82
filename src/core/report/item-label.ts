/**
 * How the reports name one item: by its 序号 as people say it (`2号`, `No. 2`), or by its row
 * (`第7行`, `row 7`) when the ledger has no 序号 for it. Shared by the text report and the meeting
 * text, so an item is called the same in both.
 */
import type { ReportLanguage } from "./text";

/** Punctuation a 序号 is typed with (`2.`, `2、`, `（2）`, `(2)`), which is not part of the number. */
const SEQ_DECORATION = /^[（(]\s*|\s*[）)]?[.、．,，:：]?$/gu;

/**
 * A 序号 as the report names an item: `2.`, `2、` and `（2）` are item 2 (`2号`, `No. 2`), and a
 * 序号 that already ends in 号 is not given another.
 */
export function seqLabel(seq: string, lang: ReportLanguage): string {
  const bare = seq.replace(SEQ_DECORATION, "") || seq;
  if (lang === "en") return `No. ${bare}`;
  return bare.endsWith("号") ? bare : `${bare}号`;
}

/** The item's 序号 label, else its row: `5号` / `第7行` (`No. 5` / `row 7`); `—` with neither (a removed item). */
export function itemLabel(
  item: { readonly seq: string | null; readonly row: number | null },
  lang: ReportLanguage,
): string {
  if (item.seq) return seqLabel(item.seq, lang);
  if (item.row === null) return "—";
  return lang === "zh" ? `第${item.row}行` : `row ${item.row}`;
}
