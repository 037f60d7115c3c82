/**
 * The request/sync machinery of the Excel double, strict like real Excel:
 * - a proxy's property can be read only after `load()` and a successful `context.sync()`
 *   (else `PropertyNotLoaded`);
 * - writes are queued and applied in order at `sync()`; an operation that fails stops the batch and
 *   the operations before it STAY applied (Office.js batches are not transactions);
 * - every sync is counted, with the request and response sizes (UTF-8 bytes of the JSON); a request or a
 *   response over 5 MB is rejected (Excel on the web's limit);
 * - cell-edit mode rejects every sync; a configurable failure can be injected at the n-th sync.
 */
import { DoubleError, propertyNotLoaded } from "./errors";
import { payloadBytes } from "../excel/payload";
import type { SheetModel, WorkbookModel } from "./model";
import type { Rect } from "../excel/address";

/** Excel on the web caps one request and one response at 5 MB. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export interface SyncRecord {
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly operations: number;
  readonly failed: string | null;
}

export interface InjectedFailure {
  /** 1-based sync number (counted over the double's whole life). */
  readonly sync: number;
  /** How many operations of that batch are applied before it fails (default: half of them, rounded down). */
  readonly afterOps?: number;
  readonly code?: "GeneralException" | "AccessDenied" | "InvalidOperationInCellEditMode";
}

/** The double's host state outside the workbook: API level, edit mode, counters, injected failures. */
export class DoubleRuntime {
  readonly model: WorkbookModel;
  /** Highest supported ExcelApi minor version (`1.x`). */
  excelApiMinor: number;
  cellEditMode = false;
  readonly syncs: SyncRecord[] = [];
  /** Proxy objects created (Range, Worksheet…): each costs memory in the real host until released. */
  proxiesCreated = 0;
  private readonly failures: InjectedFailure[] = [];
  /**
   * Each sheet's used rectangle while a batch runs, forgotten at every write: a read of a few
   * thousand rows asks for it once per property of each used-range proxy, and scanning every cell
   * each time made the double (not the adapter) take seconds.
   */
  private readonly usedRects = new Map<SheetModel, { values?: Rect | null; anything?: Rect | null }>();
  private inBatch = false;

  constructor(model: WorkbookModel, excelApiMinor: number) {
    this.model = model;
    this.excelApiMinor = excelApiMinor;
  }

  get syncCount(): number {
    return this.syncs.length;
  }

  isSetSupported(name: string, minVersion?: string | number): boolean {
    if (name !== "ExcelApi") return false;
    const minor = minVersion === undefined ? 1 : Number(String(minVersion).split(".")[1] ?? "0");
    return minor <= this.excelApiMinor;
  }

  /** Throws `ApiNotFound` for an API above the configured requirement set, as a host without it would. */
  require(minor: number, api: string): void {
    if (minor > this.excelApiMinor) throw new DoubleError("ApiNotFound", `${api} needs ExcelApi 1.${minor}.`, api);
  }

  failOnSync(failure: InjectedFailure): void {
    this.failures.push(failure);
  }

  /**
   * The user starts editing a cell before sync `sync` (e.g. between evaluate's probe and its write):
   * from then on every sync is rejected whole, nothing of it applied.
   */
  enterCellEditModeAtSync(sync: number): void {
    this.cellEditFrom = sync;
  }
  private cellEditFrom: number | null = null;

  /** `compute`'s used rectangle of `sheet`, computed once per batch between writes. */
  usedRect(sheet: SheetModel, valuesOnly: boolean, compute: () => Rect | null): Rect | null {
    if (!this.inBatch) return compute();
    const known = this.usedRects.get(sheet) ?? {};
    const key = valuesOnly ? "values" : "anything";
    const cached = known[key];
    if (cached !== undefined) return cached;
    const rect = compute();
    this.usedRects.set(sheet, { ...known, [key]: rect });
    return rect;
  }

  /** Runs one batch. Values loaded by the batch become readable only when it succeeds. */
  runBatch(ops: readonly Operation[]): void {
    // The model may have been changed between batches (a test typing into a cell): nothing is kept.
    this.usedRects.clear();
    this.inBatch = true;
    try {
      this.runOps(ops);
    } finally {
      this.inBatch = false;
      this.usedRects.clear();
    }
  }

  private runOps(ops: readonly Operation[]): void {
    const number = this.syncs.length + 1;
    const requestBytes = ops.reduce((sum, op) => sum + op.requestBytes, 0);
    const record = (responseBytes: number, applied: number, failed: string | null): void => {
      this.syncs.push({ requestBytes, responseBytes, operations: applied, failed });
    };
    if (this.cellEditFrom !== null && number >= this.cellEditFrom) this.cellEditMode = true;
    if (this.cellEditMode) {
      record(0, 0, "InvalidOperationInCellEditMode");
      throw new DoubleError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode.");
    }
    if (requestBytes > PAYLOAD_LIMIT_BYTES) {
      record(0, 0, "RequestPayloadSizeLimitExceeded");
      throw new DoubleError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload (${requestBytes} bytes) exceeds 5 MB.`,
      );
    }
    const injected = this.failures.find((f) => f.sync === number);
    const stopAt = injected ? Math.min(injected.afterOps ?? Math.floor(ops.length / 2), ops.length) : ops.length;
    const staged: StagedValue[] = [];
    let applied = 0;
    try {
      for (const op of ops) {
        if (applied === stopAt && injected) {
          throw new DoubleError(injected.code ?? "GeneralException", `Injected failure at sync ${number}.`);
        }
        op.run(staged);
        if (op.writes) this.usedRects.clear();
        applied += 1;
      }
      if (injected && applied === stopAt && stopAt === ops.length) {
        throw new DoubleError(injected.code ?? "GeneralException", `Injected failure at sync ${number}.`);
      }
    } catch (error) {
      record(0, applied, error instanceof DoubleError ? error.code : "Error");
      throw error;
    }
    const responseBytes = staged.reduce((sum, v) => sum + v.bytes, 0);
    if (responseBytes > PAYLOAD_LIMIT_BYTES) {
      record(responseBytes, applied, "ResponsePayloadSizeLimitExceeded");
      throw new DoubleError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload (${responseBytes} bytes) exceeds 5 MB.`,
      );
    }
    for (const value of staged) value.commit();
    record(responseBytes, applied, null);
  }
}

export interface StagedValue {
  readonly bytes: number;
  commit(): void;
}

export interface Operation {
  readonly requestBytes: number;
  /** The operation changes the workbook (anything cached about it during the batch is stale). */
  readonly writes?: boolean;
  run(staged: StagedValue[]): void;
}

/** What `context.sync()` flushes. */
export class DoubleRequestContext {
  readonly runtime: DoubleRuntime;
  private pending: Operation[] = [];
  constructor(runtime: DoubleRuntime) {
    this.runtime = runtime;
  }
  enqueue(op: Operation): void {
    this.pending.push(op);
  }
  async sync(): Promise<void> {
    const ops = this.pending;
    this.pending = [];
    // A sync is a round trip to Excel: the page's next task, never the same one (so the pane can
    // paint between syncs, as it does over Office.js).
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.runtime.runBatch(ops);
  }
}

/** The double counts payloads as the adapter must: UTF-8 bytes of the JSON (see ../payload.ts). */
export const jsonBytes = payloadBytes;

type LoadSpec = string | string[] | { select?: string | string[]; $select?: string | string[] } | undefined;

function loadPaths(spec: LoadSpec): string[] | null {
  if (spec === undefined) return null;
  const raw = typeof spec === "string" || Array.isArray(spec) ? spec : (spec.select ?? spec.$select);
  if (raw === undefined) return null;
  const list = Array.isArray(raw) ? raw : raw.split(",");
  return list.map((p) => p.trim()).filter((p) => p.length > 0);
}

/**
 * A proxy object (Range, Worksheet…). `scalars` compute a property from the model at sync time;
 * `navigations` are child proxies that `load("child/prop")` reaches.
 */
export abstract class ClientObjectDouble {
  protected readonly ctx: DoubleRequestContext;
  protected abstract readonly className: string;
  private readonly loadedValues = new Map<string, unknown>();

  constructor(ctx: DoubleRequestContext) {
    this.ctx = ctx;
    ctx.runtime.proxiesCreated++;
  }

  /** Scalar properties by name: each reads the model when the batch runs. */
  protected abstract scalars(): Record<string, () => unknown>;
  protected navigations(): Record<string, () => ClientObjectDouble> {
    return {};
  }
  /** True when this proxy is an *OrNullObject that found nothing (evaluated at sync). */
  protected isNull(): boolean {
    return false;
  }

  get context(): DoubleRequestContext {
    return this.ctx;
  }

  get isNullObject(): boolean {
    return this.read<boolean>("isNullObject");
  }

  load(spec?: LoadSpec): this {
    const paths = loadPaths(spec);
    this.ctx.enqueue({
      requestBytes: jsonBytes(paths ?? "*") + 40,
      run: (staged) => this.fetch(paths, staged),
    });
    return this;
  }

  /** Resolves `paths` against the model (inside a batch) and stages the values. */
  fetch(paths: readonly string[] | null, staged: StagedValue[]): void {
    const isNull = this.isNull();
    this.stage("isNullObject", isNull, staged);
    const scalars = this.scalars();
    const wanted = paths ?? Object.keys(scalars);
    for (const path of wanted) {
      const [head = "", ...rest] = path.split("/");
      if (head === "isNullObject") continue;
      if (rest.length > 0 || head in this.navigations()) {
        if (isNull) continue;
        this.fetchChild(head, rest.length ? [rest.join("/")] : null, staged);
        continue;
      }
      const getter = scalars[head];
      if (!getter)
        throw new DoubleError(
          "InvalidArgument",
          `${this.className} has no property '${head}'.`,
          `${this.className}.load`,
        );
      this.stage(head, isNull ? null : getter(), staged);
    }
  }

  protected fetchChild(name: string, paths: string[] | null, staged: StagedValue[]): void {
    const nav = this.navigations()[name];
    if (!nav)
      throw new DoubleError(
        "InvalidArgument",
        `${this.className} has no navigation '${name}'.`,
        `${this.className}.load`,
      );
    nav().fetch(paths, staged);
  }

  protected stage(name: string, value: unknown, staged: StagedValue[]): void {
    staged.push({ bytes: jsonBytes(value) + name.length + 4, commit: () => this.loadedValues.set(name, value) });
  }

  protected read<T>(name: string): T {
    if (!this.loadedValues.has(name)) throw propertyNotLoaded(this.className, name);
    return this.loadedValues.get(name) as T;
  }

  /** Queues a write applied at sync; `payload` is what travels in the request. */
  protected write(payload: unknown, apply: () => void): void {
    this.ctx.enqueue({ requestBytes: jsonBytes(payload) + 40, writes: true, run: () => apply() });
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loadedValues);
  }
}

/** A collection proxy: `items` is readable after `load("items/…")` and a sync. */
export abstract class CollectionDouble<T extends ClientObjectDouble> extends ClientObjectDouble {
  private loadedItems: T[] | null = null;
  /** The item proxies, created when the batch runs. */
  protected abstract resolveItems(): T[];

  get items(): T[] {
    if (!this.loadedItems) throw propertyNotLoaded(this.className, "items");
    return this.loadedItems;
  }

  protected scalars(): Record<string, () => unknown> {
    return {};
  }

  override fetch(paths: readonly string[] | null, staged: StagedValue[]): void {
    const itemPaths: string[] = [];
    const own: string[] = [];
    for (const p of paths ?? ["items"]) {
      if (p === "items") itemPaths.push("*");
      else if (p.startsWith("items/")) itemPaths.push(p.slice("items/".length));
      else own.push(p);
    }
    super.fetch(own, staged);
    if (itemPaths.length === 0) return;
    const items = this.resolveItems();
    const sub = itemPaths.includes("*") ? null : itemPaths;
    for (const item of items) item.fetch(sub, staged);
    staged.push({ bytes: 2, commit: () => (this.loadedItems = items) });
  }
}
