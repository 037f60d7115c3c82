/**
 * The browser preview's "try it on your own ledger": a `.xlsx` the user picks is read in the page
 * by the command line's own reader (src/xlsx/read-bytes.ts, through the double's loader) into a new
 * Excel double, and the double's workbook is saved back as `.xlsx` after the pane has worked on it.
 * The file never leaves the machine: it is read with `File.arrayBuffer()` and saved through a
 * `blob:` link — no request carries it anywhere.
 *
 * The loader and the writer (exceljs) are imported when first used, so the pane's first download
 * does not grow. A file that cannot be read, holds no ledger or is too large is refused with a
 * message in Chinese and English, and the caller keeps the workbook it had.
 *
 * Its texts are pairs (`Message`) rather than entries of the pane's dictionary (src/taskpane/i18n.ts): the
 * preview's file bar shows both languages at once, whatever the pane's language.
 */
import type { Message } from "../core/types";
import { createExcelDoubleOf, type ExcelDouble } from "../excel-double";
import { createExcelHost } from "../excel/excel-host";
import type { ExcelEnv } from "../excel/office-api";

/**
 * Larger files are refused before they are read: the page holds the file, the double and the
 * pane's copy of the ledger at once, and a 100,000-item ledger is about 7 MB.
 */
export const MAX_PICKED_BYTES = 100 * 1024 * 1024;

export const PREVIEW_FILE_TEXT = {
  open: {
    zh: "打开我的台账（.xlsx，仅在本机浏览器中读取）",
    en: "Open my ledger (.xlsx, read only in this browser)",
  },
  save: { zh: "保存结果为 .xlsx", en: "Save the result as .xlsx" },
  region: { zh: "用我的台账试一试", en: "Try it on my own ledger" },
  sample: {
    zh: "当前是内置示例台账。",
    en: "This is the built-in sample ledger.",
  },
  reading: { zh: "正在读取……", en: "Reading…" },
  saving: { zh: "正在生成 .xlsx……", en: "Writing the .xlsx…" },
} as const satisfies Record<string, Message>;

export function openedMessage(name: string): Message {
  return {
    zh: `已打开“${name}”（在本机浏览器中读取，未上传）。可以评估了。`,
    en: `Opened "${name}" (read in this browser, not uploaded). Ready to evaluate.`,
  };
}

export function savedMessage(name: string): Message {
  return { zh: `已保存为“${name}”。`, en: `Saved as "${name}".` };
}

function tooLargeMessage(name: string, bytes: number): Message {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);
  return {
    zh: `“${name}”有 ${mb(bytes)} MB，超过预览能打开的 ${mb(MAX_PICKED_BYTES)} MB，未读取。仍显示原来的工作簿。`,
    en: `"${name}" is ${mb(bytes)} MB, more than the ${mb(MAX_PICKED_BYTES)} MB the preview opens; it was not read. The previous workbook is still shown.`,
  };
}

function noLedgerMessage(name: string): Message {
  return {
    zh: `“${name}”的各工作表中都没有找到整改台账（需要有“问题描述”“责任单位”“整改时限”等列名的表头行）。仍显示原来的工作簿。`,
    en: `No rectification ledger was found on any sheet of "${name}" (a header row with columns such as 问题描述, 责任单位, 整改时限 is needed). The previous workbook is still shown.`,
  };
}

function keptMessage(message: Message): Message {
  return { zh: `${message.zh}。仍显示原来的工作簿。`, en: `${message.en}. The previous workbook is still shown.` };
}

/** What the preview needs of a picked file (a `File`; a plain object in a test). */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type OpenOutcome =
  | { readonly ok: true; readonly double: ExcelDouble; readonly message: Message }
  | { readonly ok: false; readonly message: Message };

/**
 * Reads a picked file into a new Excel double, or says why not: too large, not a readable `.xlsx`
 * (the reader's own message, naming the file), or no sheet with a ledger (the pane's own search).
 */
export async function openPickedFile(file: PickedFile, options: { excelApi?: string } = {}): Promise<OpenOutcome> {
  if (file.size > MAX_PICKED_BYTES) return { ok: false, message: tooLargeMessage(file.name, file.size) };
  const [{ loadWorkbookModelFromBytes }, { WorkbookReadError }] = await Promise.all([
    import("../excel-double/xlsx/load-package"),
    import("../xlsx/read-bytes"),
  ]);
  let double: ExcelDouble;
  try {
    const model = await loadWorkbookModelFromBytes(new Uint8Array(await file.arrayBuffer()), file.name);
    double = createExcelDoubleOf(model, options);
  } catch (error) {
    if (error instanceof WorkbookReadError) return { ok: false, message: keptMessage(error.userMessage) };
    throw error;
  }
  // The pane's own search (its detection over each sheet's first rows), so "a ledger" means what it means in Excel.
  const found = await createExcelHost(envOf(double)).findLedgerSheet(null);
  // (Which sheet is the pane's to say: it checks the active one, and points to another that holds a ledger.)
  if (!found.ok || found.value === null) return { ok: false, message: noLedgerMessage(file.name) };
  return { ok: true, double, message: openedMessage(file.name) };
}

/** The double as the pane's Excel environment (the `Excel` and `Office` globals Office.js would provide). */
export function envOf(double: ExcelDouble): ExcelEnv {
  return { Excel: double.Excel, Office: double.Office };
}

/** The name the result is saved under: the picked file's with 评估结果 added (`台账.xlsx` → `台账-评估结果.xlsx`). */
export function resultFileName(openedName: string | null): string {
  const base = (openedName ?? "整改台账示例").replace(/\.xlsx$/i, "");
  return `${base}-评估结果.xlsx`;
}

/** The double's workbook as an .xlsx file's bytes (exceljs, loaded on first use). */
export async function resultBytes(double: ExcelDouble): Promise<Uint8Array> {
  const { workbookModelBytes } = await import("../excel-double/xlsx/write-package");
  return workbookModelBytes(double.model);
}
