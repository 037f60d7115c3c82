/**
 * The in-memory Excel double (DESIGN.md "Testing without Excel"): the part of the Excel JavaScript
 * API the adapter uses, strict like the real host. Lives under `src/` (not `test/`) because the task
 * pane's browser preview and its browser test load it too; it is plain TypeScript with no Node APIs,
 * and the production bundle never imports it.
 *
 *     const double = createExcelDouble({ sheets: [{ name: "台账", rows: [...] }] }, { excelApi: "1.4" });
 *     const host = createExcelHost({ Excel: double.Excel, Office: double.Office });
 *     double.snapshot(); double.syncCount; double.runtime.failOnSync({ sync: 3 });
 */
import {
  buildWorkbook,
  snapshotWorkbook,
  type WorkbookDescription,
  type WorkbookModel,
  type WorkbookSnapshot,
} from "./model";
import { DoubleRequestContext, DoubleRuntime } from "./runtime";
import { ApplicationDouble, WorkbookDouble } from "./objects";

export { DoubleError, type DoubleErrorCode } from "./errors";
export { diffSnapshots, snapshotWorkbook, buildWorkbook } from "./model";
export {
  nameReferenceText,
  nameTarget,
  namesAfterSheetDeleted,
  parseNameReference,
  type CellRef,
  type RelativeParts,
} from "./names";
export { MAX_MERGED_AREAS_PER_CALL } from "./objects";
export type {
  ConditionalFormatModel,
  ConditionalFormatType,
  NameModel,
  SelectionModel,
  WorkbookDescription,
  SheetDescription,
  WorkbookModel,
  WorkbookSnapshot,
  SheetSnapshot,
  CellSnapshot,
} from "./model";
export { PAYLOAD_LIMIT_BYTES, type InjectedFailure, type SyncRecord } from "./runtime";
export { MAX_ADDRESS_LENGTH } from "../excel/address";
export { serialFromYmd } from "./serial";

/** What `Excel.run` hands its callback. */
export class DoubleContext extends DoubleRequestContext {
  readonly workbook: WorkbookDouble;
  readonly application: ApplicationDouble;
  constructor(runtime: DoubleRuntime) {
    super(runtime);
    this.workbook = new WorkbookDouble(this);
    this.application = this.workbook.application;
  }
}

export interface ExcelDoubleGlobal {
  run<T>(batch: (context: DoubleContext) => Promise<T>): Promise<T>;
}

export interface OfficeDoubleGlobal {
  readonly context: { readonly requirements: { isSetSupported(name: string, minVersion?: string | number): boolean } };
}

export interface ExcelDouble {
  readonly Excel: ExcelDoubleGlobal;
  readonly Office: OfficeDoubleGlobal;
  readonly runtime: DoubleRuntime;
  readonly model: WorkbookModel;
  readonly syncCount: number;
  snapshot(): WorkbookSnapshot;
}

export interface ExcelDoubleOptions {
  /** The highest ExcelApi requirement set the host supports, e.g. `"1.4"` (default `"1.17"`). */
  readonly excelApi?: string;
}

export function createExcelDouble(description: WorkbookDescription, options: ExcelDoubleOptions = {}): ExcelDouble {
  return createExcelDoubleOf(buildWorkbook(description), options);
}

/** A double over a workbook model built elsewhere (a file loaded by `src/excel-double/xlsx/load.ts`). */
export function createExcelDoubleOf(model: WorkbookModel, options: ExcelDoubleOptions = {}): ExcelDouble {
  const runtime = new DoubleRuntime(model, Number((options.excelApi ?? "1.17").split(".")[1] ?? "0"));
  return {
    Excel: {
      async run<T>(batch: (context: DoubleContext) => Promise<T>): Promise<T> {
        return batch(new DoubleContext(runtime));
      },
    },
    Office: {
      context: { requirements: { isSetSupported: (name, minVersion) => runtime.isSetSupported(name, minVersion) } },
    },
    runtime,
    model,
    get syncCount() {
      return runtime.syncCount;
    },
    snapshot: () => snapshotWorkbook(model),
  };
}
