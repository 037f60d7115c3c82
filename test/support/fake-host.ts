/**
 * A small `LedgerHost` for the pane's unit tests: it evaluates a `Grid` with the real engine
 * (`evaluate()` from src/core), records every call, and can be told to fail. It does no Excel I/O:
 * what the pane does with the host's answers is under test here, not the adapter.
 */
import { evaluate } from "../../src/core/evaluate";
import { historyAfter, HISTORY_SHEET_NAME, type PeriodRecord } from "../../src/core/history";
import { cellText } from "../../src/core/text";
import { DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import type { Grid } from "../../src/core/types";
import type {
  ClearOptions,
  CombineRequest,
  WriteCombinedOutcome,
  ClearOutcome,
  EvaluateOutcome,
  EvaluateRequest,
  HostError,
  HostOutcome,
  LedgerHost,
  WriteSummaryOutcome,
  WriteSupervisionOutcome,
} from "../../src/core/host";
import { gridFrom } from "./grid-builder";

export type FakeCall =
  | { readonly method: "evaluate"; readonly request: EvaluateRequest }
  | { readonly method: "writeSummary"; readonly evaluation: EvaluateOutcome }
  | { readonly method: "writeSupervision"; readonly evaluation: EvaluateOutcome; readonly settings: Settings }
  | { readonly method: "writeCombinedSheets"; readonly request: CombineRequest }
  | { readonly method: "clearMarks"; readonly options: ClearOptions | undefined }
  | { readonly method: "selectCell"; readonly sheet: string; readonly address: string }
  | { readonly method: "saveSettings"; readonly settings: Settings };

interface Marked {
  ledgerSheets: string[];
  summarySheet: string | null;
  supervisionSheet: string | null;
  combinedSheets: string[];
}

const unmarked = (): Marked => ({ ledgerSheets: [], summarySheet: null, supervisionSheet: null, combinedSheets: [] });

export class FakeLedgerHost implements LedgerHost {
  readonly calls: FakeCall[] = [];
  settings: Settings;
  /** What writeSummary answers: the name the summary got, and the name it wanted when that was taken. */
  summaryOutcome: WriteSummaryOutcome = { sheetName: "整改情况汇总", renamedFrom: null };
  /** What writeSupervision answers. */
  supervisionOutcome: WriteSupervisionOutcome = { sheetName: "督办单", renamedFrom: null, units: ["办公室", "工程部"] };
  /** What writeCombinedSheets answers. */
  combinedOutcome: WriteCombinedOutcome = { unitsSheet: "各单位汇总", warningsSheet: "红黄灯清单", renamedFrom: [] };
  /**
   * What the add-in has written, as 清除标记 would find it: the marked ledger sheets, the summary, the
   * 督办单, the consolidation's sheets.
   */
  marked: Marked = unmarked();
  /** The recorded periods (评估记录): read by evaluate, written by writeSummary, kept by clearMarks unless asked. */
  history: PeriodRecord[] = [];
  /** Problems loadSettings reports with the stored settings, as the real host words them (the schema's). */
  storedProblems: string[] = [];
  /** What findLedgerSheet answers: another sheet that holds a ledger, or null. */
  ledgerElsewhere: string | null = null;
  /** Makes the next call of a method fail with this error. */
  failNext: Partial<
    Record<
      | "evaluate"
      | "writeSummary"
      | "writeSupervision"
      | "writeCombinedSheets"
      | "clearMarks"
      | "selectCell"
      | "saveSettings",
      HostError
    >
  > = {};

  constructor(
    /** The ledger evaluate reads; a test may replace it between evaluations (the next meeting's ledger). */
    public ledger: Grid,
    private readonly sheetNames: readonly string[] = [ledger.sheet],
    settings: Settings = DEFAULT_SETTINGS,
  ) {
    this.settings = settings;
  }

  callsOf<M extends FakeCall["method"]>(method: M): Extract<FakeCall, { method: M }>[] {
    return this.calls.filter((call): call is Extract<FakeCall, { method: M }> => call.method === method);
  }

  private fail(method: keyof FakeLedgerHost["failNext"]): HostError | undefined {
    const error = this.failNext[method];
    delete this.failNext[method];
    return error;
  }

  async listSheets(): Promise<HostOutcome<readonly string[]>> {
    return { ok: true, value: this.sheetNames };
  }

  async evaluate(request: EvaluateRequest): Promise<HostOutcome<EvaluateOutcome>> {
    this.calls.push({ method: "evaluate", request });
    const failure = this.fail("evaluate");
    if (failure) return { ok: false, error: failure };
    request.onProgress?.(0.5, "evaluate");
    const evaluation = evaluate({
      ledger: this.ledger,
      today: request.today,
      settings: request.settings,
      history: { records: this.history, source: "history" },
    });
    if (!evaluation.ok) {
      return {
        ok: false,
        error: {
          code: "no-ledger",
          message: evaluation.message,
          failure: evaluation.failure,
          preview: {
            sheet: this.ledger.sheet,
            rows: this.ledger.values.slice(0, 30).map((row, i) => ({
              row: this.ledger.origin.row + i,
              texts: row.map((value) => cellText(value)),
            })),
          },
        },
      };
    }
    if (!this.marked.ledgerSheets.includes(this.ledger.sheet)) this.marked.ledgerSheets.push(this.ledger.sheet);
    return {
      ok: true,
      value: {
        result: evaluation.result,
        sheet: this.ledger.sheet,
        surveySheet: null,
        history: [...this.history],
      },
    };
  }

  async writeSummary(evaluation: EvaluateOutcome): Promise<HostOutcome<WriteSummaryOutcome>> {
    this.calls.push({ method: "writeSummary", evaluation });
    const failure = this.fail("writeSummary");
    if (failure) return { ok: false, error: failure };
    this.marked.summarySheet = this.summaryOutcome.sheetName;
    this.history = historyAfter(evaluation.history, evaluation.result);
    return { ok: true, value: this.summaryOutcome };
  }

  async writeSupervision(
    evaluation: EvaluateOutcome,
    settings: Settings,
  ): Promise<HostOutcome<WriteSupervisionOutcome>> {
    this.calls.push({ method: "writeSupervision", evaluation, settings });
    const failure = this.fail("writeSupervision");
    if (failure) return { ok: false, error: failure };
    this.marked.supervisionSheet = this.supervisionOutcome.sheetName;
    return { ok: true, value: this.supervisionOutcome };
  }

  async writeCombinedSheets(request: CombineRequest): Promise<HostOutcome<WriteCombinedOutcome>> {
    this.calls.push({ method: "writeCombinedSheets", request });
    const failure = this.fail("writeCombinedSheets");
    if (failure) return { ok: false, error: failure };
    this.marked.combinedSheets = [this.combinedOutcome.unitsSheet, this.combinedOutcome.warningsSheet];
    return { ok: true, value: this.combinedOutcome };
  }

  async clearMarks(options?: ClearOptions): Promise<HostOutcome<ClearOutcome>> {
    this.calls.push({ method: "clearMarks", options });
    const failure = this.fail("clearMarks");
    if (failure) return { ok: false, error: failure };
    const removeHistory = options?.history ?? false;
    const history = this.history.length > 0 ? { sheet: HISTORY_SHEET_NAME, removed: removeHistory } : null;
    if (removeHistory) this.history = [];
    const removed = { ...this.marked, history };
    this.marked = unmarked();
    return { ok: true, value: removed };
  }

  async findLedgerSheet(except: string | null): Promise<HostOutcome<string | null>> {
    return { ok: true, value: this.ledgerElsewhere === except ? null : this.ledgerElsewhere };
  }

  async selectCell(sheet: string, address: string): Promise<HostOutcome<void>> {
    this.calls.push({ method: "selectCell", sheet, address });
    const failure = this.fail("selectCell");
    return failure ? { ok: false, error: failure } : { ok: true, value: undefined };
  }

  async loadSettings(): Promise<HostOutcome<{ readonly settings: Settings; readonly problems: readonly string[] }>> {
    return { ok: true, value: { settings: this.settings, problems: this.storedProblems } };
  }

  async saveSettings(settings: Settings): Promise<HostOutcome<void>> {
    this.calls.push({ method: "saveSettings", settings });
    const failure = this.fail("saveSettings");
    if (failure) return { ok: false, error: failure };
    this.settings = settings;
    return { ok: true, value: undefined };
  }
}

/**
 * A small ledger with one of each light as of 2025-03-31 and known findings:
 * row 3 red (deadline 2025-01-31), row 4 yellow (2025-03-10, 21 days over), row 5 green (future) with
 * an empty owner (required-field on E5), row 6 closed, row 7 none (no deadline: required-field on F7).
 */
export function sampleLedger(): Grid {
  return gridFrom(
    [
      ["XX公司巡察整改问题整改台账"],
      ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "整改状态", "是否销号", "佐证材料"],
      [1, "采购制度不健全", "修订《采购管理办法》", "工程部", "张三", "2025-01-31", "整改中", "否", ""],
      [2, "合同审核不严", "建立合同审核清单", "法务部", "李四", "2025-03-10", "整改中", "否", ""],
      [3, "工程变更未审批", "制定变更审批细则", "工程部", "", "2025-06-30", "整改中", "否", ""],
      [4, "档案管理混乱", "开展档案检查2次", "办公室", "王五", "2025-02-28", "已完成", "是", "检查记录"],
      [5, "培训不到位", "组织培训3次", "人事部", "赵六", "", "未整改", "否", ""],
    ],
    { sheet: "整改台账", merges: ["A1:I1"] },
  );
}

/**
 * An audit ledger with an extension and amounts (as of 2025-03-31): row 2 done on 2025-03-20, its
 * deadline moved from 2025-03-15 to 2025-06-30 (on time as extended, late by the original); row 3
 * closed on time. 涉及金额 20 + 10 万元, 整改金额 15 + 10 万元 → 整改到位率 25 / 30 = 83.3%.
 */
export function auditLedger(): Grid {
  return gridFrom(
    [
      [
        "序号",
        "问题描述",
        "整改措施",
        "责任单位",
        "责任人",
        "原定时限",
        "调整后时限",
        "整改状态",
        "完成时间",
        "涉及金额（万元）",
        "整改金额（万元）",
      ],
      [1, "违规拨付工程款", "追回款项", "财务部", "张三", "2025-03-15", "2025-06-30", "已完成", "2025-03-20", 20, 15],
      [2, "预付款未扣回", "扣回预付款", "财务部", "李四", "2025-03-31", null, "已销号", "2025-03-20", 10, 10],
    ],
    { sheet: "审计整改" },
  );
}

/** A sheet with no ledger on it: a title and loose notes, but a usable header on row 3 under other names. */
export function sheetWithoutLedger(): Grid {
  return gridFrom([["工作记录"], [], ["编号x", "事情", "办法", "谁负责"], [1, "制度不健全", "修订制度", "张三"]], {
    sheet: "记录",
  });
}
