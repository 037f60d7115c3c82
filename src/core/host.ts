/**
 * The contract between the task pane and a host. The pane only ever talks to a `LedgerHost`;
 * `createExcelHost()` (src/excel) implements it over Office.js (and, in tests, the browser preview and
 * `npm run host`, over the in-memory Excel double). Types only: core stays free of any host.
 */
import type { UnitOutcome } from "./combine/outcome";
import type { PeriodRecord } from "./history";
import type { Settings } from "./settings";
import type { EvaluationResult, IsoDate, LayoutFailure, Message } from "./types";

/** Which ledger to read. */
export type LedgerSource =
  | { readonly kind: "active" } // the active worksheet's used range
  | { readonly kind: "selection" } // the selected range, or the Excel table the selection is in
  | { readonly kind: "sheet"; readonly name: string };

/** Rows of the ledger the engine has read so far, of all its rows. */
export interface RowsProgress {
  readonly done: number;
  readonly total: number;
}

export interface EvaluateRequest {
  readonly source: LedgerSource;
  readonly today: IsoDate;
  readonly settings: Settings;
  /**
   * Called with 0…1 and a stage as the evaluation goes on; while the engine checks the ledger, also
   * with how many of its rows it has read.
   */
  readonly onProgress?: (fraction: number, stage: "read" | "evaluate" | "write", rows?: RowsProgress) => void;
}

export type HostErrorCode =
  | "no-ledger" // the sheet holds no ledger (see `failure` and `preview`)
  | "protected" // the sheet (or the workbook's structure) is protected
  | "cell-edit" // a cell is being edited
  | "read-only" // the workbook is open read-only
  | "api-missing" // the host lacks an API the step needs
  | "too-large" // a request would exceed the host's payload limit even in blocks, or a range Excel's cell limit
  | "several-areas" // several separate areas are selected and the step needs one
  | "inactive-workbook" // several workbooks are open and this one lost focus
  | "unsupported-feature" // the sheet holds features the Excel API cannot handle
  | "summary-name-taken" // not an error by itself; see WriteSummaryOutcome.renamedFrom
  | "unknown";

export interface HostError {
  readonly code: HostErrorCode;
  readonly message: Message;
  readonly failure?: LayoutFailure;
  /**
   * For `no-ledger`: the first 30 rows' texts, so the user can pick the header row by hand (none for a
   * sheet the add-in wrote: it is named only to be skipped when another sheet's ledger is looked for).
   */
  readonly preview?: {
    readonly sheet: string;
    readonly rows: readonly { readonly row: number; readonly texts: readonly string[] }[];
  };
}

export type HostOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: HostError };

export interface EvaluateOutcome {
  readonly result: EvaluationResult;
  readonly sheet: string;
  /** Everything needed to write the summary sheet later without reading again. */
  readonly surveySheet: string | null;
  /**
   * The periods recorded in the workbook's 评估记录 when it was read (empty when none): 生成汇总表 writes
   * them back with this period (`result.period`) recorded.
   */
  readonly history: readonly PeriodRecord[];
}

export interface WriteSummaryOutcome {
  readonly sheetName: string;
  /** Set when a user sheet already had the summary's name and the add-in picked another. */
  readonly renamedFrom: string | null;
}

/** 生成督办单: the sheet written (as the summary's) and the units it holds a notice for, in order. */
export interface WriteSupervisionOutcome extends WriteSummaryOutcome {
  readonly units: readonly string[];
}

/** 合并多个单位台账: the files evaluated (read or not), and the date they were evaluated at. */
export interface CombineRequest {
  readonly outcomes: readonly UnitOutcome<unknown>[];
  readonly today: IsoDate;
}

/** The two sheets a consolidation wrote (各单位汇总, 红黄灯清单), under the names they got. */
export interface WriteCombinedOutcome {
  readonly unitsSheet: string;
  readonly warningsSheet: string;
  /** The names wanted that a user's sheet already had (the sheet went to `name (2)`…). */
  readonly renamedFrom: readonly string[];
}

/** What 清除标记 removed: nothing at all when `ledgerSheets` and `combinedSheets` are empty and the sheets null. */
export interface ClearOutcome {
  /** The sheets whose 预警状态/评估意见 columns and row colours were removed. */
  readonly ledgerSheets: readonly string[];
  /** The summary sheet deleted, if there was one. */
  readonly summarySheet: string | null;
  /** The 督办单 deleted, if there was one. */
  readonly supervisionSheet: string | null;
  /** The consolidation's sheets deleted (各单位汇总, 红黄灯清单), in that order; empty when there were none. */
  readonly combinedSheets: readonly string[];
  /**
   * The recorded periods (评估记录): deleted only when asked (`ClearOptions.history`), else kept.
   * Null when the workbook has no history sheet of ours.
   */
  readonly history: { readonly sheet: string; readonly removed: boolean } | null;
}

export interface ClearOptions {
  /** Also delete the recorded periods (评估记录); by default 清除标记 keeps them. */
  readonly history?: boolean;
}

export interface LedgerHost {
  /** Worksheet names in workbook order. */
  listSheets(): Promise<HostOutcome<readonly string[]>>;
  /** Reads the ledger, evaluates it and writes the marks (预警状态, 评估意见, colours). All or nothing. */
  evaluate(request: EvaluateRequest): Promise<HostOutcome<EvaluateOutcome>>;
  /** Writes (or replaces) the summary sheet for an evaluation. All or nothing. */
  writeSummary(evaluation: EvaluateOutcome, settings: Settings): Promise<HostOutcome<WriteSummaryOutcome>>;
  /** 生成督办单: writes (or replaces) the 督办单 for an evaluation. All or nothing. */
  writeSupervision(evaluation: EvaluateOutcome, settings: Settings): Promise<HostOutcome<WriteSupervisionOutcome>>;
  /**
   * 合并多个单位台账: writes (or replaces) 各单位汇总 and 红黄灯清单 for files the pane evaluated. All or
   * nothing; never overwrites a user's sheet of either name.
   */
  writeCombinedSheets(request: CombineRequest): Promise<HostOutcome<WriteCombinedOutcome>>;
  /** 清除标记: removes everything the add-in wrote, and nothing else — the history only when asked. */
  clearMarks(options?: ClearOptions): Promise<HostOutcome<ClearOutcome>>;
  /**
   * The first sheet in workbook order, other than `except`, whose first rows hold a ledger header; null
   * when none does. Reads only.
   */
  findLedgerSheet(except: string | null): Promise<HostOutcome<string | null>>;
  /** Selects a cell (a finding's link). */
  selectCell(sheet: string, address: string): Promise<HostOutcome<void>>;
  /** Settings stored in the workbook, validated; defaults when none or invalid (with the problems). */
  loadSettings(): Promise<HostOutcome<{ readonly settings: Settings; readonly problems: readonly string[] }>>;
  saveSettings(settings: Settings): Promise<HostOutcome<void>>;
}
