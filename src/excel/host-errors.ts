/**
 * Office.js errors → `HostError`s with a message in both languages (SPEC §8: "a protected sheet, a
 * cell being edited, a workbook too large for one request: a clear message in the user's language,
 * nothing half-written"). Office.js raises `OfficeExtension.Error` with a `code` from `Excel.ErrorCodes`.
 */
import type { HostError, HostErrorCode } from "../core/host";
import type { Message } from "../core/types";
import { ownedSheetMessage } from "../core/messages";

export const HOST_MESSAGES = {
  protected: (sheet: string | null): Message => ({
    zh: sheet
      ? `工作表“${sheet}”受保护，无法写入预警状态和评估意见。请先撤销工作表保护（审阅 → 撤销工作表保护），再重新评估。`
      : "工作表或工作簿受保护，无法写入。请先撤销保护，再重试。",
    en: sheet
      ? `Sheet "${sheet}" is protected, so the status and opinion columns cannot be written. Unprotect it (Review → Unprotect Sheet) and evaluate again.`
      : "The sheet or workbook is protected and cannot be written. Unprotect it and try again.",
  }),
  structureProtected: (): Message => ({
    zh: "工作簿结构受保护，无法添加或替换汇总表。请先撤销工作簿保护（审阅 → 保护工作簿），再生成汇总表。工作簿未被修改。",
    en: "The workbook's structure is protected, so the summary sheet cannot be added or replaced. Unprotect it (Review → Protect Workbook) and try again. The workbook was not changed.",
  }),
  severalAreas: (): Message => ({
    zh: "请只选择一个连续区域：当前选择了多个不相连的区域（按住 Ctrl 所选），无法作为一个台账读取。也可以改选“当前工作表”。",
    en: "Please select one contiguous range: several separate areas are selected (Ctrl+click), which cannot be read as one ledger. Or choose the current sheet instead.",
  }),
  inactiveWorkbook: (): Message => ({
    zh: "打开了多个工作簿，而本工作簿已不是当前窗口，Excel 拒绝了此操作。请切换回此工作簿后重试。",
    en: "Several workbooks are open and this one is no longer the active window, so Excel refused. Switch back to this workbook and try again.",
  }),
  unsupportedFeature: (): Message => ({
    zh: "工作表含有 Excel 加载项接口无法处理的功能，Excel 拒绝了此操作。可将台账复制到一张新工作表（仅粘贴数值和格式）后再试，或使用命令行（npm run cli）检查。",
    en: "The sheet holds features the Excel add-in API cannot handle, so Excel refused. Copy the ledger to a new sheet (values and formats only) and try again, or check it with the command line (npm run cli).",
  }),
  rangeExceedsLimit: (): Message => ({
    zh: "区域的单元格数超过了 Excel 一次能处理的上限。请缩小所选区域，或清除台账右侧和下方多余的格式（它们会扩大“已用区域”），再试。",
    en: "The range has more cells than Excel handles at once. Select a smaller range, or clear stray formatting right of and below the ledger (it widens the used range), and try again.",
  }),
  cellEdit: (): Message => ({
    zh: "Excel 正在编辑单元格。请先按 Enter 或 Esc 结束编辑，再重试。",
    en: "Excel is editing a cell. Press Enter or Esc to finish editing, then try again.",
  }),
  readOnly: (): Message => ({
    zh: "工作簿以只读方式打开，无法写入。请另存一份或以编辑方式打开后再试。",
    en: "The workbook is open read-only and cannot be written. Save a copy or open it for editing, then try again.",
  }),
  apiMissing: (detail: string): Message => ({
    zh: `此版本的 Excel 不支持所需的功能（${detail}）。请将 Office 更新到最新版本，或使用 Microsoft 365、Office 2021 及更高版本、Mac 版 Office 或 Excel 网页版。`,
    en: `This version of Excel lacks a feature the add-in needs (${detail}). Update Office, or use Microsoft 365, Office 2021 or later, Office on Mac or Excel on the web.`,
  }),
  tooLarge: (): Message => ({
    zh: "台账太大，Excel 无法在一次请求中处理（单次请求上限 5 MB），即使分块也不行。请缩小所选区域后再试。",
    en: "The ledger is too large for Excel to handle in one request (5 MB per request), even in blocks. Select a smaller range and try again.",
  }),
  noSheet: (sheet: string): Message => ({
    zh: `找不到工作表“${sheet}”。`,
    en: `There is no sheet named "${sheet}".`,
  }),
  /** 评估 on a sheet the add-in wrote (the command line says the same). */
  ownedSheet: ownedSheetMessage,
  ownedColumnsOccupied: (sheet: string, address: string): Message => ({
    zh: `工作表“${sheet}”台账右侧的 ${address} 已有内容，预警状态和评估意见列不能写在那里。请清空这些单元格或手动选择台账区域后再评估。`,
    en: `Cells ${address} right of the ledger on sheet "${sheet}" are not empty, so the status and opinion columns cannot go there. Clear them or select the ledger range, then evaluate again.`,
  }),
  tooManyMarkedSheets: (max: number): Message => ({
    zh: `已有 ${max} 张台账带有评估标记，无法再标记一张。请先在不再需要的台账上“清除标记”，再评估本表。`,
    en: `${max} ledger sheets already carry evaluation marks; no more can be marked. Clear the marks of one you no longer need, then evaluate this sheet.`,
  }),
  unknown: (detail: string): Message => ({
    zh: `Excel 报告了一个错误，工作簿未被修改：${detail}`,
    en: `Excel reported an error; the workbook was not changed: ${detail}`,
  }),
  undoFailed: (detail: string): Message => ({
    zh: `写入失败，撤销也未能完成，工作簿可能只写入了一部分。请使用 Excel 的“撤销”或“清除标记”。（${detail}）`,
    en: `Writing failed and so did undoing it; the workbook may be partly written. Use Excel's Undo or Clear marks. (${detail})`,
  }),
} as const;

/** The `code` of an Office.js error, or null for anything else. */
export function officeErrorCode(error: unknown): string | null {
  if (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof (error as { code: unknown }).code === "string"
  ) {
    return (error as { code: string }).code;
  }
  return null;
}

/** Maps an error thrown by `Excel.run`/`context.sync` to a HostError. */
export function hostErrorFrom(error: unknown, sheet: string | null = null): HostError {
  if (isHostErrorCarrier(error)) return error.hostError;
  const code = officeErrorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  const make = (c: HostErrorCode, message: Message): HostError => ({ code: c, message });
  switch (code) {
    case "AccessDenied":
      return make("protected", HOST_MESSAGES.protected(sheet));
    case "InvalidOperationInCellEditMode":
      return make("cell-edit", HOST_MESSAGES.cellEdit());
    case "ApiNotFound":
    case "ApiNotAvailable":
    case "NotImplemented":
      return make("api-missing", HOST_MESSAGES.apiMissing(detail));
    // The sheet has features the API cannot handle — not an old Excel.
    case "UnsupportedFeature":
      return make("unsupported-feature", HOST_MESSAGES.unsupportedFeature());
    case "InactiveWorkbook":
      return make("inactive-workbook", HOST_MESSAGES.inactiveWorkbook());
    case "InvalidSelection":
      return make("several-areas", HOST_MESSAGES.severalAreas());
    case "RangeExceedsLimit":
      return make("too-large", HOST_MESSAGES.rangeExceedsLimit());
    case "RequestPayloadSizeLimitExceeded":
    case "ResponsePayloadSizeLimitExceeded":
      return make("too-large", HOST_MESSAGES.tooLarge());
    default:
      return make("unknown", HOST_MESSAGES.unknown(detail));
  }
}

/**
 * True when Excel refused the whole batch because a cell is being edited: nothing of it was applied
 * ("The operation isn't available while Excel is in Edit cell mode"), so there is nothing to undo — and
 * an undo would be refused the same way.
 */
export function refusedInCellEditMode(error: unknown): boolean {
  return officeErrorCode(error) === "InvalidOperationInCellEditMode";
}

/** Thrown inside `Excel.run` to stop with a HostError already decided. */
export class HostErrorCarrier extends Error {
  readonly hostError: HostError;
  constructor(hostError: HostError) {
    super(hostError.message.en);
    this.hostError = hostError;
  }
}

export function isHostErrorCarrier(error: unknown): error is HostErrorCarrier {
  return error instanceof HostErrorCarrier;
}

export function failWith(code: HostErrorCode, message: Message, extra: Partial<HostError> = {}): never {
  throw new HostErrorCarrier({ code, message, ...extra });
}
