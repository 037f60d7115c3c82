/** Messages of the engine that are not a rule's own (rules keep theirs beside their logic). */
import type { LayoutFailure, Message } from "./types";

/**
 * Why a sheet of the add-in's own (its summary, 督办单, 评估记录, 各单位汇总, 红黄灯清单: marked by
 * `OWNED_SHEET_MARKS`) is not evaluated: it is no ledger, and evaluating it would write 预警状态 into it.
 */
export const ownedSheetMessage = (sheet: string): Message => ({
  zh: `“${sheet}”是整改台账助手生成的工作表，不是台账。请切换到台账所在的工作表再评估。`,
  en: `"${sheet}" is a sheet the ledger assistant wrote, not a ledger. Switch to the sheet that holds the ledger and evaluate again.`,
});

export function layoutFailureMessage(failure: LayoutFailure, sheet: string): Message {
  switch (failure.reason) {
    case "empty-sheet":
      return {
        zh: `工作表“${sheet}”是空的，没有可评估的台账。`,
        en: `Sheet "${sheet}" is empty: there is no ledger to evaluate.`,
      };
    case "no-header":
      return {
        zh: `在工作表“${sheet}”的前 30 行没有找到台账表头（至少需要三个可识别的列，其中包括“问题描述”或“整改措施”）。请选择表头行并手动对应各列。`,
        en: `No ledger header in the first 30 rows of sheet "${sheet}" (at least three recognised columns are needed, one of them 问题描述 or 整改措施). Pick the header row and map the columns by hand.`,
      };
    case "no-items":
      return {
        zh: `工作表“${sheet}”第 ${failure.headerRow} 行是表头，但下面没有整改事项。`,
        en: `Row ${failure.headerRow} of sheet "${sheet}" is a header, but there are no items under it.`,
      };
  }
}

/**
 * Text from a file or the command line made safe to print on a terminal, and kept to one line:
 * control characters (C0 with CR, LF, TAB and ESC; DEL; C1) and the characters that reorder text
 * (bidi embeddings, overrides and isolates, line and paragraph separators) are shown as `\xNN` /
 * `\uNNNN` escapes. A sheet name holding ESC sequences (colours, OSC titles, hyperlinks), a bell or
 * a carriage return would otherwise act on the user's terminal or hide the rest of the message.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`
      : `\\u${code.toString(16).toUpperCase()}`;
  });
}
