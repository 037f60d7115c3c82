/**
 * The Excel object model of the double: the subset of `Excel.*` the adapter uses, with the shapes of
 * @types/office-js. Each class says the requirement set of what it offers; calling an API above the
 * configured set throws `ApiNotFound`, as a host without it would.
 */
import {
  contains,
  intersect,
  MAX_ADDRESS_LENGTH,
  MAX_COLS,
  MAX_ROWS,
  parseAddress,
  rectCols,
  rectRows,
  sheetAddress,
  splitAreas,
  type Rect,
} from "../excel/address";
import { DoubleError } from "./errors";
import {
  cellKey,
  DEFAULT_COLUMN_WIDTH,
  emptySheet,
  newId,
  touchCell,
  type CellModel,
  type ChartModel,
  type ConditionalFormatModel,
  type NameModel,
  type SheetModel,
  type TableModel,
  type WorkbookModel,
} from "./model";
import { ClientObjectDouble, CollectionDouble, DoubleRequestContext, type DoubleRuntime } from "./runtime";
import { activeCellOf, namesAfterSheetDeleted, nameReferenceText, nameTarget, parseNameReference } from "./names";
import { displayText, serialFromYmd } from "./serial";

/** `Range.getMergedAreasOrNullObject` fails over this many merged areas (its reference page). */
export const MAX_MERGED_AREAS_PER_CALL = 512;

/** The cells of a rectangle beyond which the double refuses to materialise values (Excel returns null over 5 M cells). */
const MAX_MATERIALISED_CELLS = 5_000_000;

function runtimeOf(ctx: DoubleRequestContext): DoubleRuntime {
  return ctx.runtime;
}

function sheetById(model: WorkbookModel, id: string): SheetModel | null {
  return model.sheets.find((s) => s.id === id) ?? null;
}

function assertWritable(sheet: SheetModel, what: string): void {
  if (sheet.protected)
    throw new DoubleError("AccessDenied", `The sheet '${sheet.name}' is protected: ${what} is not allowed.`);
}

const INVALID_SHEET_NAME = /[[\]:*?/\\]/;

function assertSheetName(model: WorkbookModel, name: string, except: SheetModel | null): void {
  if (
    name.length === 0 ||
    name.length > 31 ||
    INVALID_SHEET_NAME.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'")
  ) {
    throw new DoubleError("InvalidArgument", `'${name}' is not a valid sheet name.`);
  }
  if (model.sheets.some((s) => s !== except && s.name.toLowerCase() === name.toLowerCase())) {
    throw new DoubleError("ItemAlreadyExists", `A sheet named '${name}' already exists.`);
  }
}

// ───────────────────────────── Application, functions ─────────────────────────────

export class ApplicationDouble extends ClientObjectDouble {
  protected readonly className = "Application";
  suspendedSyncs = 0;
  protected scalars(): Record<string, () => unknown> {
    return { calculationMode: () => "Automatic" };
  }
  /** ExcelApi 1.9. */
  suspendScreenUpdatingUntilNextSync(): void {
    runtimeOf(this.ctx).require(9, "Application.suspendScreenUpdatingUntilNextSync");
    this.write({ suspend: true }, () => undefined);
  }
}

export class FunctionResultDouble extends ClientObjectDouble {
  protected readonly className = "FunctionResult";
  constructor(
    ctx: DoubleRequestContext,
    private readonly compute: () => number,
  ) {
    super(ctx);
  }
  protected scalars(): Record<string, () => unknown> {
    return { value: this.compute, error: () => null };
  }
  get value(): number {
    return this.read("value");
  }
  get error(): string | null {
    return this.read("error");
  }
}

export class FunctionsDouble extends ClientObjectDouble {
  protected readonly className = "Functions";
  protected scalars(): Record<string, () => unknown> {
    return {};
  }
  /** ExcelApi 1.2: the serial of a date in the workbook's date system (how the adapter detects 1904). */
  date(year: number, month: number, day: number): FunctionResultDouble {
    runtimeOf(this.ctx).require(2, "Functions.date");
    return new FunctionResultDouble(this.ctx, () =>
      serialFromYmd(year, month, day, runtimeOf(this.ctx).model.date1904),
    );
  }
}

// ───────────────────────────── Settings, names ─────────────────────────────

export class SettingDouble extends ClientObjectDouble {
  protected readonly className = "Setting";
  constructor(
    ctx: DoubleRequestContext,
    private readonly key: string,
    private readonly nullable: boolean,
  ) {
    super(ctx);
  }
  private model(): WorkbookModel {
    return runtimeOf(this.ctx).model;
  }
  protected override isNull(): boolean {
    const exists = this.model().settings.has(this.key);
    if (!exists && !this.nullable) throw new DoubleError("ItemNotFound", `No setting '${this.key}'.`);
    return !exists;
  }
  protected scalars(): Record<string, () => unknown> {
    return {
      key: () => this.key,
      value: () => JSON.parse(JSON.stringify(this.model().settings.get(this.key) ?? null)),
    };
  }
  get key_(): string {
    return this.read("key");
  }
  get value(): unknown {
    return this.read("value");
  }
  set value(value: unknown) {
    this.write({ key: this.key, value }, () => {
      if (!this.model().settings.has(this.key)) throw new DoubleError("ItemNotFound", `No setting '${this.key}'.`);
      this.model().settings.set(this.key, JSON.parse(JSON.stringify(value)));
    });
  }
  /** ExcelApi 1.4. */
  delete(): void {
    this.write({ delete: this.key }, () => {
      if (!this.model().settings.delete(this.key)) throw new DoubleError("ItemNotFound", `No setting '${this.key}'.`);
    });
  }
}

/** `workbook.settings` — ExcelApi 1.4. Values are stored as JSON (as Office does). */
export class SettingCollectionDouble extends CollectionDouble<SettingDouble> {
  protected readonly className = "SettingCollection";
  protected resolveItems(): SettingDouble[] {
    return [...runtimeOf(this.ctx).model.settings.keys()].map((k) => new SettingDouble(this.ctx, k, false));
  }
  add(key: string, value: unknown): SettingDouble {
    runtimeOf(this.ctx).require(4, "SettingCollection.add");
    this.write({ key, value }, () => {
      if (value === undefined) throw new DoubleError("InvalidArgument", "A setting value cannot be undefined.");
      runtimeOf(this.ctx).model.settings.set(key, JSON.parse(JSON.stringify(value)));
    });
    return new SettingDouble(this.ctx, key, false);
  }
  getItem(key: string): SettingDouble {
    runtimeOf(this.ctx).require(4, "SettingCollection.getItem");
    return new SettingDouble(this.ctx, key, false);
  }
  getItemOrNullObject(key: string): SettingDouble {
    runtimeOf(this.ctx).require(4, "SettingCollection.getItemOrNullObject");
    return new SettingDouble(this.ctx, key, true);
  }
}

/** The scope of a names collection: a sheet (`worksheet.names`), or null for the workbook's. */
type NameScope = (() => SheetModel) | null;

const inScope = (n: NameModel, scope: NameScope): boolean =>
  scope === null ? n.scopeSheetId === undefined : n.scopeSheetId === scope().id;

export class NamedItemDouble extends ClientObjectDouble {
  protected readonly className = "NamedItem";
  constructor(
    ctx: DoubleRequestContext,
    private readonly itemName: string,
    private readonly nullable: boolean,
    private readonly scope: NameScope = null,
  ) {
    super(ctx);
  }
  private find(): NameModel | null {
    const found =
      runtimeOf(this.ctx).model.names.find(
        (n) => inScope(n, this.scope) && n.name.toLowerCase() === this.itemName.toLowerCase(),
      ) ?? null;
    if (!found && !this.nullable) throw new DoubleError("ItemNotFound", `No name '${this.itemName}'.`);
    return found;
  }
  protected override isNull(): boolean {
    return this.find() === null;
  }
  protected scalars(): Record<string, () => unknown> {
    const model = runtimeOf(this.ctx).model;
    const n = (): NameModel | null => this.find();
    return {
      name: () => n()?.name ?? null,
      // A name left referring to a deleted sheet's cells evaluates to #REF!: Excel types it Error.
      type: () => {
        const found = n();
        if (!found) return null;
        if (found.formula !== undefined) return "String";
        return nameTarget(model, found) ? "Range" : "Error";
      },
      comment: () => n()?.comment ?? null,
      visible: () => n()?.visible ?? true,
      value: () => {
        const found = n();
        return found ? nameReferenceText(model, found) : null;
      },
      formula: () => {
        runtimeOf(this.ctx).require(7, "NamedItem.formula");
        const found = n();
        return found ? nameReferenceText(model, found) : null;
      },
    };
  }
  get name(): string {
    return this.read("name");
  }
  get value(): string {
    return this.read("value");
  }
  get type(): string {
    return this.read("type");
  }
  /** ExcelApi 1.4: a null object when the name refers to nothing (`#REF!`) or is not a range. */
  getRangeOrNullObject(): RangeDouble {
    runtimeOf(this.ctx).require(4, "NamedItem.getRangeOrNullObject");
    return new RangeDouble(
      this.ctx,
      () => {
        const n = this.find();
        return n ? nameTarget(runtimeOf(this.ctx).model, n) : null;
      },
      true,
    );
  }
  /** ExcelApi 1.4. */
  delete(): void {
    runtimeOf(this.ctx).require(4, "NamedItem.delete");
    this.write({ deleteName: this.itemName }, () => {
      const model = runtimeOf(this.ctx).model;
      const n = this.find();
      if (!n) throw new DoubleError("ItemNotFound", `No name '${this.itemName}'.`);
      model.names = model.names.filter((x) => x !== n);
    });
  }
}

/** `workbook.names` (workbook scope) or `worksheet.names` (that sheet's scope); `add`, `getItemOrNullObject` — ExcelApi 1.4. */
export class NamedItemCollectionDouble extends CollectionDouble<NamedItemDouble> {
  protected readonly className = "NamedItemCollection";
  constructor(
    ctx: DoubleRequestContext,
    private readonly scope: NameScope = null,
  ) {
    super(ctx);
  }
  protected resolveItems(): NamedItemDouble[] {
    return runtimeOf(this.ctx)
      .model.names.filter((n) => inScope(n, this.scope))
      .map((n) => new NamedItemDouble(this.ctx, n.name, false, this.scope));
  }
  add(name: string, reference: RangeDouble | string, comment?: string): NamedItemDouble {
    runtimeOf(this.ctx).require(4, "NamedItemCollection.add");
    const ref = typeof reference === "string" ? null : reference;
    const text = typeof reference === "string" ? reference : "(range)";
    this.write({ name, text, comment }, () => {
      const model = runtimeOf(this.ctx).model;
      if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name))
        throw new DoubleError("InvalidArgument", `'${name}' is not a valid name.`);
      if (model.names.some((n) => inScope(n, this.scope) && n.name.toLowerCase() === name.toLowerCase())) {
        throw new DoubleError("ItemAlreadyExists", `The name '${name}' already exists.`);
      }
      const scoped = this.scope ? { scopeSheetId: this.scope().id } : {};
      if (ref) {
        // A Range object: an absolute reference to its cells.
        const target = ref.target();
        model.names.push({ name, sheetId: target.sheet.id, rect: target.rect, comment: comment ?? "", ...scoped });
        return;
      }
      // A formula: a part written without `$` is relative to the active cell (Excel's rule for names).
      const parsed = parseNameReference(model, text, activeCellOf(model));
      if (!parsed) throw new DoubleError("InvalidArgument", `Bad reference for name '${name}'.`);
      model.names.push({ name, ...parsed, comment: comment ?? "", ...scoped });
    });
    return new NamedItemDouble(this.ctx, name, false, this.scope);
  }
  getItem(name: string): NamedItemDouble {
    return new NamedItemDouble(this.ctx, name, false, this.scope);
  }
  getItemOrNullObject(name: string): NamedItemDouble {
    runtimeOf(this.ctx).require(4, "NamedItemCollection.getItemOrNullObject");
    return new NamedItemDouble(this.ctx, name, true, this.scope);
  }
}

// ───────────────────────────── Workbook ─────────────────────────────

export class WorkbookDouble extends ClientObjectDouble {
  protected readonly className = "Workbook";
  readonly worksheets: WorksheetCollectionDouble;
  readonly settings: SettingCollectionDouble;
  readonly names: NamedItemCollectionDouble;
  readonly tables: TableCollectionDouble;
  readonly functions: FunctionsDouble;
  readonly application: ApplicationDouble;
  private readonly workbookProtection: WorkbookProtectionDouble;
  constructor(ctx: DoubleRequestContext) {
    super(ctx);
    this.workbookProtection = new WorkbookProtectionDouble(ctx);
    this.worksheets = new WorksheetCollectionDouble(ctx);
    this.settings = new SettingCollectionDouble(ctx);
    this.names = new NamedItemCollectionDouble(ctx);
    this.tables = new TableCollectionDouble(ctx, null);
    this.functions = new FunctionsDouble(ctx);
    this.application = new ApplicationDouble(ctx);
  }
  protected scalars(): Record<string, () => unknown> {
    return {
      name: () => "Book1.xlsx",
      readOnly: () => {
        runtimeOf(this.ctx).require(8, "Workbook.readOnly");
        return runtimeOf(this.ctx).model.readOnly;
      },
    };
  }
  protected override navigations(): Record<string, () => ClientObjectDouble> {
    return {
      worksheets: () => this.worksheets,
      settings: () => this.settings,
      names: () => this.names,
      tables: () => this.tables,
      protection: () => this.protection,
    };
  }
  get readOnly(): boolean {
    return this.read("readOnly");
  }
  /** ExcelApi 1.7. */
  get protection(): WorkbookProtectionDouble {
    runtimeOf(this.ctx).require(7, "Workbook.protection");
    return this.workbookProtection;
  }
  /** "If there are multiple ranges selected, this method will throw an error." (ExcelApi 1.1) */
  getSelectedRange(): RangeDouble {
    return new RangeDouble(this.ctx, () => {
      const model = runtimeOf(this.ctx).model;
      const sheet = sheetById(model, model.selection.sheetId);
      if (!sheet) throw new DoubleError("ItemNotFound", "No selection.");
      const [only, ...more] = model.selection.areas;
      if (!only || more.length > 0)
        throw new DoubleError("InvalidSelection", "The current selection is invalid for this operation.");
      return { sheet, rect: only };
    });
  }
  /** ExcelApi 1.9: every selected area. */
  getSelectedRanges(): RangeAreasDouble {
    runtimeOf(this.ctx).require(9, "Workbook.getSelectedRanges");
    return new RangeAreasDouble(this.ctx, () => {
      const model = runtimeOf(this.ctx).model;
      const sheet = sheetById(model, model.selection.sheetId);
      if (!sheet) throw new DoubleError("ItemNotFound", "No selection.");
      return { sheet, rects: model.selection.areas };
    });
  }
}

/** `workbook.protection` — ExcelApi 1.7: the structure protection (Review → Protect Workbook). */
export class WorkbookProtectionDouble extends ClientObjectDouble {
  protected readonly className = "WorkbookProtection";
  protected scalars(): Record<string, () => unknown> {
    return { protected: () => runtimeOf(this.ctx).model.structureProtected };
  }
  get protected(): boolean {
    return this.read("protected");
  }
}

function assertStructureWritable(model: WorkbookModel, what: string): void {
  if (model.structureProtected)
    throw new DoubleError("AccessDenied", `The workbook's structure is protected: ${what} is not allowed.`);
}

// ───────────────────────────── Worksheets ─────────────────────────────

export class WorksheetCollectionDouble extends CollectionDouble<WorksheetDouble> {
  protected readonly className = "WorksheetCollection";
  protected resolveItems(): WorksheetDouble[] {
    return runtimeOf(this.ctx).model.sheets.map((s) => WorksheetDouble.byId(this.ctx, s.id, false));
  }
  /** Name or id, as Office.js accepts. */
  getItem(key: string): WorksheetDouble {
    return WorksheetDouble.byKey(this.ctx, key, false);
  }
  /** ExcelApi 1.4. */
  getItemOrNullObject(key: string): WorksheetDouble {
    runtimeOf(this.ctx).require(4, "WorksheetCollection.getItemOrNullObject");
    return WorksheetDouble.byKey(this.ctx, key, true);
  }
  getActiveWorksheet(): WorksheetDouble {
    return new WorksheetDouble(
      this.ctx,
      () => sheetById(runtimeOf(this.ctx).model, runtimeOf(this.ctx).model.activeSheetId),
      false,
    );
  }
  add(name?: string): WorksheetDouble {
    let created: SheetModel | null = null;
    this.write({ add: name ?? null }, () => {
      const model = runtimeOf(this.ctx).model;
      assertStructureWritable(model, "adding a sheet");
      let finalName = name;
      if (finalName === undefined) {
        let n = model.sheets.length + 1;
        while (model.sheets.some((s) => s.name === `Sheet${n}`)) n += 1;
        finalName = `Sheet${n}`;
      }
      assertSheetName(model, finalName, null);
      created = emptySheet(newId(model, "sheet"), finalName);
      model.sheets.push(created);
    });
    return new WorksheetDouble(
      this.ctx,
      () => {
        if (!created) throw new DoubleError("InvalidOperation", "The added worksheet does not exist (its add failed).");
        return runtimeOf(this.ctx).model.sheets.includes(created) ? created : null;
      },
      false,
    );
  }
}

export class WorksheetProtectionDouble extends ClientObjectDouble {
  protected readonly className = "WorksheetProtection";
  constructor(
    ctx: DoubleRequestContext,
    private readonly sheet: () => SheetModel,
  ) {
    super(ctx);
  }
  protected scalars(): Record<string, () => unknown> {
    return { protected: () => this.sheet().protected };
  }
  /** ExcelApi 1.2. */
  get protected(): boolean {
    return this.read("protected");
  }
}

export class PageLayoutDouble extends ClientObjectDouble {
  protected readonly className = "PageLayout";
  constructor(
    ctx: DoubleRequestContext,
    private readonly sheet: () => SheetModel,
  ) {
    super(ctx);
  }
  protected scalars(): Record<string, () => unknown> {
    return { orientation: () => this.sheet().pageLayout.orientation ?? "Portrait" };
  }
  private setLayout(key: string, value: unknown): void {
    this.write({ [key]: value }, () => {
      const sheet = this.sheet();
      assertWritable(sheet, "page layout");
      sheet.pageLayout[key] = value;
    });
  }
  set orientation(value: string) {
    this.setLayout("orientation", value);
  }
  set paperSize(value: string) {
    this.setLayout("paperSize", value);
  }
  set centerHorizontally(value: boolean) {
    this.setLayout("centerHorizontally", value);
  }
  /**
   * `PageLayoutZoomOptions`: fit-to values are numbers of pages (≥ 1), `scale` 10…400. Anything else
   * (`verticalFitToPages: 0`, which OOXML reads as "automatic") is undocumented for Office.js: refused.
   */
  set zoom(value: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    const pages = (n: number | undefined): boolean => n === undefined || (Number.isInteger(n) && n >= 1);
    const scaleOk = value.scale === undefined || (value.scale >= 10 && value.scale <= 400);
    if (!pages(value.horizontalFitToPages) || !pages(value.verticalFitToPages) || !scaleOk) {
      this.write({ zoom: value }, () => {
        throw new DoubleError(
          "InvalidArgument",
          `Zoom options outside the documented values: ${JSON.stringify(value)}.`,
        );
      });
      return;
    }
    this.setLayout("zoom", value);
  }
  setPrintTitleRows(rows: RangeDouble | string): void {
    this.setLayout("printTitleRows", typeof rows === "string" ? rows : "(range)");
  }
}

export class FreezePanesDouble extends ClientObjectDouble {
  protected readonly className = "WorksheetFreezePanes";
  constructor(
    ctx: DoubleRequestContext,
    private readonly sheet: () => SheetModel,
  ) {
    super(ctx);
  }
  protected scalars(): Record<string, () => unknown> {
    return {};
  }
  /** ExcelApi 1.7. */
  freezeRows(count?: number): void {
    runtimeOf(this.ctx).require(7, "WorksheetFreezePanes.freezeRows");
    this.write({ freezeRows: count }, () => {
      this.sheet().freezeRows = count ?? 1;
    });
  }
}

export class WorksheetDouble extends ClientObjectDouble {
  protected readonly className = "Worksheet";
  readonly protection: WorksheetProtectionDouble;
  readonly tables: TableCollectionDouble;
  readonly charts: ChartCollectionDouble;
  /** ExcelApi 1.4: the names scoped to this sheet. */
  readonly names: NamedItemCollectionDouble;
  private readonly resolver: () => SheetModel | null;

  constructor(
    ctx: DoubleRequestContext,
    resolver: () => SheetModel | null,
    private readonly nullable: boolean,
  ) {
    super(ctx);
    this.resolver = resolver;
    this.protection = new WorksheetProtectionDouble(ctx, () => this.target());
    this.tables = new TableCollectionDouble(ctx, () => this.target());
    this.charts = new ChartCollectionDouble(ctx, () => this.target());
    this.names = new NamedItemCollectionDouble(ctx, () => this.target());
  }

  static byId(ctx: DoubleRequestContext, id: string, nullable: boolean): WorksheetDouble {
    return new WorksheetDouble(ctx, () => sheetById(runtimeOf(ctx).model, id), nullable);
  }

  static byKey(ctx: DoubleRequestContext, key: string, nullable: boolean): WorksheetDouble {
    return new WorksheetDouble(
      ctx,
      () => runtimeOf(ctx).model.sheets.find((s) => s.id === key || s.name.toLowerCase() === key.toLowerCase()) ?? null,
      nullable,
    );
  }

  /** The sheet, or an ItemNotFound error (also for a null object used as if it existed). */
  target(): SheetModel {
    const sheet = this.resolver();
    if (!sheet) throw new DoubleError("ItemNotFound", "The worksheet does not exist.");
    return sheet;
  }

  protected override isNull(): boolean {
    const sheet = this.resolver();
    if (!sheet && !this.nullable) throw new DoubleError("ItemNotFound", "The worksheet does not exist.");
    return sheet === null;
  }

  protected scalars(): Record<string, () => unknown> {
    const model = runtimeOf(this.ctx).model;
    return {
      name: () => this.resolver()?.name ?? null,
      id: () => this.resolver()?.id ?? null,
      position: () => {
        const sheet = this.resolver();
        return sheet ? model.sheets.indexOf(sheet) : null;
      },
      visibility: () => this.resolver()?.visibility ?? null,
    };
  }
  protected override navigations(): Record<string, () => ClientObjectDouble> {
    return {
      protection: () => this.protection,
      tables: () => this.tables,
      charts: () => this.charts,
      names: () => this.names,
    };
  }

  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.write({ name: value }, () => {
      const sheet = this.target();
      assertStructureWritable(runtimeOf(this.ctx).model, "renaming a sheet");
      assertSheetName(runtimeOf(this.ctx).model, value, sheet);
      sheet.name = value;
    });
  }
  get id(): string {
    return this.read("id");
  }
  get position(): number {
    return this.read("position");
  }
  set position(value: number) {
    this.write({ position: value }, () => {
      const model = runtimeOf(this.ctx).model;
      const sheet = this.target();
      assertStructureWritable(model, "moving a sheet");
      model.sheets = model.sheets.filter((s) => s !== sheet);
      model.sheets.splice(Math.max(0, Math.min(value, model.sheets.length)), 0, sheet);
    });
  }
  get visibility(): string {
    return this.read("visibility");
  }
  /**
   * ExcelApi 1.2 (reading is 1.1). Structure protection forbids it, as it forbids renaming; a workbook
   * keeps one visible sheet; hiding the active sheet makes the next visible one active.
   */
  set visibility(value: string) {
    runtimeOf(this.ctx).require(2, "Worksheet.visibility (set)");
    this.write({ visibility: value }, () => {
      const model = runtimeOf(this.ctx).model;
      const sheet = this.target();
      if (value !== "Visible" && value !== "Hidden" && value !== "VeryHidden")
        throw new DoubleError("InvalidArgument", `'${value}' is not a sheet visibility.`);
      if (value === sheet.visibility) return;
      assertStructureWritable(model, "hiding or unhiding a sheet");
      if (value !== "Visible" && model.sheets.filter((s) => s.visibility === "Visible" && s !== sheet).length === 0)
        throw new DoubleError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      sheet.visibility = value;
      if (value !== "Visible" && model.activeSheetId === sheet.id)
        model.activeSheetId = model.sheets.find((s) => s.visibility === "Visible")?.id ?? model.activeSheetId;
    });
  }

  /** ExcelApi 1.9. */
  get pageLayout(): PageLayoutDouble {
    runtimeOf(this.ctx).require(9, "Worksheet.pageLayout");
    return new PageLayoutDouble(this.ctx, () => this.target());
  }

  /** ExcelApi 1.9: only `add`, recorded as the rows a new page starts at (`pageLayout.pageBreaksBefore`). */
  get horizontalPageBreaks(): { add(pageBreakRange: string): void } {
    runtimeOf(this.ctx).require(9, "Worksheet.horizontalPageBreaks");
    return {
      add: (pageBreakRange: string) =>
        this.write({ pageBreak: pageBreakRange }, () => {
          const sheet = this.target();
          assertWritable(sheet, "page breaks");
          const row = Number(/\d+/.exec(pageBreakRange)?.[0]);
          if (!Number.isInteger(row) || row < 1)
            throw new DoubleError("InvalidArgument", `Not a range: ${pageBreakRange}.`);
          const rows = (sheet.pageLayout.pageBreaksBefore as number[] | undefined) ?? [];
          sheet.pageLayout.pageBreaksBefore = [...rows, row];
        }),
    };
  }

  /** ExcelApi 1.7. */
  get freezePanes(): FreezePanesDouble {
    runtimeOf(this.ctx).require(7, "Worksheet.freezePanes");
    return new FreezePanesDouble(this.ctx, () => this.target());
  }

  getRange(address?: string): RangeDouble {
    if (address !== undefined && address.length > MAX_ADDRESS_LENGTH) {
      return new RangeDouble(this.ctx, () => {
        throw new DoubleError(
          "InvalidArgument",
          `The address is ${address.length} characters long; the limit is ${MAX_ADDRESS_LENGTH}.`,
        );
      });
    }
    return new RangeDouble(this.ctx, () => {
      const sheet = this.target();
      if (address === undefined) return { sheet, rect: { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLS } };
      const parsed = parseAddress(address);
      if (!parsed) throw new DoubleError("InvalidArgument", `'${address}' is not a valid address.`);
      if (parsed.sheet !== null && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
        throw new DoubleError("InvalidArgument", `'${address}' is not on sheet '${sheet.name}'.`);
      }
      return { sheet, rect: parsed.rect };
    });
  }

  /** ExcelApi 1.9: several areas of this sheet (`A1:B2,D4`). */
  getRanges(address?: string): RangeAreasDouble {
    runtimeOf(this.ctx).require(9, "Worksheet.getRanges");
    return new RangeAreasDouble(this.ctx, () => {
      const sheet = this.target();
      if (address === undefined) return { sheet, rects: [{ top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLS }] };
      const rects = splitAreas(address).map((area) => {
        const parsed = parseAddress(area);
        if (!parsed) throw new DoubleError("InvalidArgument", `'${address}' is not a valid address.`);
        return parsed.rect;
      });
      return { sheet, rects };
    });
  }

  /** ExcelApi 1.7. */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeDouble {
    runtimeOf(this.ctx).require(7, "Worksheet.getRangeByIndexes");
    return new RangeDouble(this.ctx, () => ({
      sheet: this.target(),
      rect: { top: startRow + 1, left: startColumn + 1, bottom: startRow + rowCount, right: startColumn + columnCount },
    }));
  }

  getCell(row: number, column: number): RangeDouble {
    return new RangeDouble(this.ctx, () => ({
      sheet: this.target(),
      rect: { top: row + 1, left: column + 1, bottom: row + 1, right: column + 1 },
    }));
  }

  getUsedRange(valuesOnly?: boolean): RangeDouble {
    return new RangeDouble(this.ctx, () => {
      const sheet = this.target();
      const rect = runtimeOf(this.ctx).usedRect(sheet, valuesOnly ?? false, () => usedRect(sheet, valuesOnly ?? false));
      return { sheet, rect: rect ?? { top: 1, left: 1, bottom: 1, right: 1 } };
    });
  }

  /** ExcelApi 1.4. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeDouble {
    runtimeOf(this.ctx).require(4, "Worksheet.getUsedRangeOrNullObject");
    return new RangeDouble(
      this.ctx,
      () => {
        const sheet = this.target();
        const rect = runtimeOf(this.ctx).usedRect(sheet, valuesOnly ?? false, () =>
          usedRect(sheet, valuesOnly ?? false),
        );
        return rect ? { sheet, rect } : null;
      },
      true,
    );
  }

  activate(): void {
    this.write({ activate: true }, () => {
      runtimeOf(this.ctx).model.activeSheetId = this.target().id;
    });
  }

  delete(): void {
    this.write({ delete: true }, () => {
      const model = runtimeOf(this.ctx).model;
      const sheet = this.target();
      assertStructureWritable(model, "deleting a sheet");
      if (model.sheets.filter((s) => s.visibility === "Visible" && s !== sheet).length === 0) {
        throw new DoubleError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      model.sheets = model.sheets.filter((s) => s !== sheet);
      model.names = namesAfterSheetDeleted(model.names, sheet.id);
      if (model.activeSheetId === sheet.id) model.activeSheetId = model.sheets[0]?.id ?? "";
      if (model.selection.sheetId === sheet.id) {
        model.selection = {
          sheetId: model.activeSheetId,
          areas: [{ top: 1, left: 1, bottom: 1, right: 1 }],
          activeCell: { row: 1, col: 1 },
        };
      }
    });
  }
}

function cellHasValue(cell: CellModel): boolean {
  return (cell.value !== null && cell.value !== "") || Boolean(cell.formula);
}

function cellHasAnything(cell: CellModel): boolean {
  return (
    cellHasValue(cell) ||
    Boolean(cell.fill || cell.font || cell.borders || cell.hyperlink || cell.wrapText) ||
    (cell.numberFormat !== undefined && cell.numberFormat !== "General")
  );
}

function usedRect(sheet: SheetModel, valuesOnly: boolean): Rect | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const [key, cell] of sheet.cells) {
    if (!(valuesOnly ? cellHasValue(cell) : cellHasAnything(cell))) continue;
    const colon = key.indexOf(":");
    const r = Number(key.slice(0, colon));
    const c = Number(key.slice(colon + 1));
    top = Math.min(top, r);
    left = Math.min(left, c);
    bottom = Math.max(bottom, r);
    right = Math.max(right, c);
  }
  return bottom === 0 ? null : { top, left, bottom, right };
}

// ───────────────────────────── Ranges ─────────────────────────────

export interface HyperlinkShape {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}

export interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

function forEachCell(rect: Rect, fn: (row: number, col: number) => void): void {
  for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) fn(r, c);
}

function matrix<T>(rect: Rect, fn: (row: number, col: number) => T): T[][] {
  if (rectRows(rect) * rectCols(rect) > MAX_MATERIALISED_CELLS) {
    throw new DoubleError("ResponsePayloadSizeLimitExceeded", "The range is too large to return its cells.");
  }
  const out: T[][] = [];
  for (let r = rect.top; r <= rect.bottom; r++) {
    const row: T[] = [];
    for (let c = rect.left; c <= rect.right; c++) row.push(fn(r, c));
    out.push(row);
  }
  return out;
}

function assertShape(rect: Rect, data: unknown, what: string): unknown[][] {
  if (
    !Array.isArray(data) ||
    data.length !== rectRows(rect) ||
    data.some((row) => !Array.isArray(row) || row.length !== rectCols(rect))
  ) {
    throw new DoubleError(
      "InvalidArgument",
      `The number of rows or columns in the ${what} array doesn't match the size or dimensions of the range.`,
    );
  }
  return data as unknown[][];
}

/** One value written into a cell, with Excel's rules: `'` prefix or a Text (`@`) format keeps text; `=` starts a formula. */
function writeCellValue(cell: CellModel, raw: unknown): void {
  delete cell.formula;
  delete cell.isError;
  if (raw === null || raw === undefined || raw === "") {
    cell.value = null;
    return;
  }
  if (typeof raw === "string") {
    if (raw.startsWith("'")) cell.value = raw.slice(1);
    else if (raw.startsWith("=") && cell.numberFormat !== "@") {
      cell.formula = raw;
      cell.value = null;
    } else cell.value = raw;
    return;
  }
  if (typeof raw === "number" || typeof raw === "boolean") {
    cell.value = raw;
    return;
  }
  throw new DoubleError("InvalidArgument", `Cannot write ${typeof raw} into a cell.`);
}

function uniform<T>(rect: Rect, read: (row: number, col: number) => T): T | null {
  let first: T | undefined;
  let set = false;
  let result: T | null = null;
  forEachCell(rect, (r, c) => {
    const v = read(r, c);
    if (!set) {
      first = v;
      set = true;
      result = v;
    } else if (JSON.stringify(v) !== JSON.stringify(first)) result = null;
  });
  return result;
}

/** Cells of a rectangle that bounded-ness allows to iterate (uniform reads of whole columns look at stored cells only). */
function boundedRect(sheet: SheetModel, rect: Rect): Rect {
  if (rectRows(rect) * rectCols(rect) <= MAX_MATERIALISED_CELLS) return rect;
  const used = usedRect(sheet, false);
  return (used && intersect(used, rect)) ?? { top: rect.top, left: rect.left, bottom: rect.top, right: rect.left };
}

export class RangeDouble extends ClientObjectDouble {
  protected readonly className = "Range";
  private formatProxy: RangeFormatDouble | null = null;
  private conditionalFormatsProxy: ConditionalFormatCollectionDouble | null = null;

  constructor(
    ctx: DoubleRequestContext,
    private readonly resolver: () => RangeTarget | null,
    private readonly nullable = false,
  ) {
    super(ctx);
    // Strict like Office.js' proxies: setting a property the double does not model throws.
    Object.preventExtensions(this);
  }

  // Navigation proxies are made on first use, as Office.js makes them: only those count as created.
  get format(): RangeFormatDouble {
    return (this.formatProxy ??= new RangeFormatDouble(this.ctx, () => this.target()));
  }
  get conditionalFormats(): ConditionalFormatCollectionDouble {
    return (this.conditionalFormatsProxy ??= new ConditionalFormatCollectionDouble(this.ctx, () => {
      const { sheet, rect } = this.target();
      return { sheet, rects: [rect] };
    }));
  }

  target(): RangeTarget {
    const t = this.resolver();
    if (!t) throw new DoubleError("ItemNotFound", "The range does not exist.");
    return t;
  }

  protected override isNull(): boolean {
    const t = this.resolver();
    if (!t && !this.nullable) throw new DoubleError("ItemNotFound", "The range does not exist.");
    return t === null;
  }

  protected scalars(): Record<string, () => unknown> {
    const model = runtimeOf(this.ctx).model;
    const t = (): RangeTarget => this.target();
    const cell = (sheet: SheetModel, r: number, c: number): CellModel | undefined => sheet.cells.get(cellKey(r, c));
    const cells = <T>(fn: (found: CellModel | undefined) => T): T[][] => {
      const { sheet, rect } = t();
      return matrix(rect, (r, c) => fn(cell(sheet, r, c)));
    };
    return {
      address: () => sheetAddress(t().sheet.name, t().rect),
      addressLocal: () => sheetAddress(t().sheet.name, t().rect),
      rowIndex: () => t().rect.top - 1,
      columnIndex: () => t().rect.left - 1,
      rowCount: () => rectRows(t().rect),
      columnCount: () => rectCols(t().rect),
      cellCount: () => rectRows(t().rect) * rectCols(t().rect),
      // Each matrix resolves its target once: a derived range (a used range) costs a sheet scan per resolve.
      values: () => cells((found) => found?.value ?? ""),
      formulas: () => cells((found) => found?.formula ?? found?.value ?? ""),
      numberFormat: () => cells((found) => found?.numberFormat ?? "General"),
      text: () =>
        cells((found) => (found ? displayText(found.value, found.numberFormat ?? "General", model.date1904) : "")),
      hyperlink: () => {
        runtimeOf(this.ctx).require(7, "Range.hyperlink");
        return cell(t().sheet, t().rect.top, t().rect.left)?.hyperlink ?? {};
      },
      // "true when all columns in a range are hidden … false when no columns … null when some" (1.2).
      columnHidden: () => {
        runtimeOf(this.ctx).require(2, "Range.columnHidden");
        const { sheet, rect } = t();
        let hidden = 0;
        for (let c = rect.left; c <= rect.right; c++) if (sheet.hiddenColumns.has(c)) hidden++;
        return hidden === 0 ? false : hidden === rectCols(rect) ? true : null;
      },
    };
  }
  protected override navigations(): Record<string, () => ClientObjectDouble> {
    return {
      format: () => this.format,
      conditionalFormats: () => this.conditionalFormats,
      worksheet: () => this.worksheet,
    };
  }

  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get cellCount(): number {
    return this.read("cellCount");
  }
  get text(): string[][] {
    return this.read("text");
  }
  get values(): any[][] {
    return this.read("values");
  }
  set values(data: any[][]) {
    this.write({ values: data }, () => {
      const { sheet, rect } = this.target();
      assertWritable(sheet, "writing values");
      const rows = assertShape(rect, data, "values");
      forEachCell(rect, (r, c) => writeCellValue(touchCell(sheet, r, c), rows[r - rect.top]?.[c - rect.left]));
    });
  }
  get formulas(): any[][] {
    return this.read("formulas");
  }
  set formulas(data: any[][]) {
    this.values = data;
  }
  get numberFormat(): any[][] {
    return this.read("numberFormat");
  }
  set numberFormat(data: any[][]) {
    this.write({ numberFormat: data }, () => {
      const { sheet, rect } = this.target();
      assertWritable(sheet, "formatting");
      const rows = assertShape(rect, data, "numberFormat");
      forEachCell(rect, (r, c) => {
        const f = rows[r - rect.top]?.[c - rect.left];
        if (typeof f !== "string") throw new DoubleError("InvalidArgument", "A number format must be text.");
        touchCell(sheet, r, c).numberFormat = f;
      });
    });
  }
  /** ExcelApi 1.7. */
  get hyperlink(): HyperlinkShape {
    return this.read("hyperlink");
  }
  set hyperlink(link: HyperlinkShape) {
    runtimeOf(this.ctx).require(7, "Range.hyperlink");
    this.write({ hyperlink: link }, () => {
      const { sheet, rect } = this.target();
      assertWritable(sheet, "hyperlinks");
      forEachCell(rect, (r, c) => {
        const cell = touchCell(sheet, r, c);
        if (link) {
          cell.hyperlink = { ...link };
          if (link.textToDisplay !== undefined) {
            delete cell.formula;
            delete cell.isError;
            cell.value = link.textToDisplay;
          }
        } else delete cell.hyperlink;
      });
    });
  }

  /** ExcelApi 1.2: hides or shows every column the range touches (whole columns, as Excel does). */
  get columnHidden(): boolean {
    return this.read("columnHidden");
  }
  set columnHidden(hidden: boolean) {
    runtimeOf(this.ctx).require(2, "Range.columnHidden");
    this.write({ columnHidden: hidden }, () => {
      if (typeof hidden !== "boolean") throw new DoubleError("InvalidArgument", "columnHidden must be true or false.");
      const { sheet, rect } = this.target();
      assertWritable(sheet, "hiding columns");
      for (let c = rect.left; c <= rect.right; c++) {
        if (hidden) sheet.hiddenColumns.add(c);
        else sheet.hiddenColumns.delete(c);
      }
    });
  }

  get worksheet(): WorksheetDouble {
    return new WorksheetDouble(this.ctx, () => this.resolver()?.sheet ?? null, false);
  }

  private derived(fn: (t: RangeTarget) => RangeTarget | null, nullable = false): RangeDouble {
    return new RangeDouble(
      this.ctx,
      () => {
        const t = this.resolver();
        return t ? fn(t) : null;
      },
      nullable,
    );
  }

  getCell(row: number, column: number): RangeDouble {
    return this.derived(({ sheet, rect }) => {
      const r = rect.top + row;
      const c = rect.left + column;
      return { sheet, rect: { top: r, left: c, bottom: r, right: c } };
    });
  }
  getRow(row: number): RangeDouble {
    return this.derived(({ sheet, rect }) => ({
      sheet,
      rect: { ...rect, top: rect.top + row, bottom: rect.top + row },
    }));
  }
  getColumn(column: number): RangeDouble {
    return this.derived(({ sheet, rect }) => ({
      sheet,
      rect: { ...rect, left: rect.left + column, right: rect.left + column },
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): RangeDouble {
    return this.derived(({ sheet, rect }) => ({
      sheet,
      rect: {
        top: rect.top + rowOffset,
        bottom: rect.bottom + rowOffset,
        left: rect.left + columnOffset,
        right: rect.right + columnOffset,
      },
    }));
  }
  /** ExcelApi 1.4. */
  getIntersectionOrNullObject(other: RangeDouble | string): RangeDouble {
    runtimeOf(this.ctx).require(4, "Range.getIntersectionOrNullObject");
    return this.derived(({ sheet, rect }) => {
      const otherRect = typeof other === "string" ? parseAddress(other)?.rect : other.target().rect;
      if (!otherRect) throw new DoubleError("InvalidArgument", `'${String(other)}' is not a valid address.`);
      const common = intersect(rect, otherRect);
      return common ? { sheet, rect: common } : null;
    }, true);
  }

  /** ExcelApi 1.4: the used part of this range, or a null object. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeDouble {
    runtimeOf(this.ctx).require(4, "Range.getUsedRangeOrNullObject");
    return this.derived(({ sheet, rect }) => {
      const used = runtimeOf(this.ctx).usedRect(sheet, valuesOnly ?? false, () => usedRect(sheet, valuesOnly ?? false));
      const common = used && intersect(used, rect);
      return common ? { sheet, rect: common } : null;
    }, true);
  }

  /**
   * ExcelApi 1.13: the merged areas of this range, or a null object when there are none. As Excel does
   * (office-js#3611), only merged areas whose top-left cell is in the range; "if the merged areas count
   * in this range is more than 512, then this method will fail" — the whole batch fails.
   */
  getMergedAreasOrNullObject(): RangeAreasDouble {
    runtimeOf(this.ctx).require(13, "Range.getMergedAreasOrNullObject");
    return new RangeAreasDouble(this.ctx, () => {
      const { sheet, rect } = this.target();
      const merges = sheet.merges.filter((m) =>
        contains(rect, { top: m.top, left: m.left, bottom: m.top, right: m.left }),
      );
      if (merges.length > MAX_MERGED_AREAS_PER_CALL)
        throw new DoubleError(
          "GeneralException",
          `The range holds ${merges.length} merged areas; getMergedAreasOrNullObject returns at most ${MAX_MERGED_AREAS_PER_CALL}.`,
          "Range.getMergedAreasOrNullObject",
        );
      return merges.length ? { sheet, rects: merges } : null;
    });
  }

  select(): void {
    this.write({ select: true }, () => {
      const { sheet, rect } = this.target();
      const model = runtimeOf(this.ctx).model;
      model.activeSheetId = sheet.id;
      model.selection = { sheetId: sheet.id, areas: [rect], activeCell: { row: rect.top, col: rect.left } };
    });
  }

  clear(applyTo?: "All" | "Formats" | "Contents"): void {
    this.write({ clear: applyTo ?? "All" }, () => {
      const { sheet, rect } = this.target();
      assertWritable(sheet, "clearing");
      forEachCell(boundedRect(sheet, rect), (r, c) => {
        const cell = sheet.cells.get(cellKey(r, c));
        if (!cell) return;
        if (applyTo !== "Formats") {
          cell.value = null;
          delete cell.formula;
          delete cell.isError;
          delete cell.hyperlink;
        }
        if (applyTo !== "Contents") {
          for (const key of ["numberFormat", "fill", "font", "borders", "wrapText", "horizontalAlignment"] as const)
            delete cell[key];
        }
      });
    });
  }

  merge(across?: boolean): void {
    this.write({ merge: across ?? false }, () => {
      const { sheet, rect } = this.target();
      assertWritable(sheet, "merging");
      const areas: Rect[] = across
        ? Array.from({ length: rectRows(rect) }, (_, i) => ({ ...rect, top: rect.top + i, bottom: rect.top + i }))
        : [rect];
      for (const area of areas) {
        if (sheet.merges.some((m) => intersect(m, area)))
          throw new DoubleError("InvalidOperation", "The range overlaps a merged area.");
        sheet.merges.push(area);
      }
    });
  }
}

/** ExcelApi 1.9 `RangeAreas`, as `getMergedAreasOrNullObject`, `getRanges`, `getSelectedRanges` return it. */
export class RangeAreasDouble extends ClientObjectDouble {
  protected readonly className = "RangeAreas";
  private conditionalFormatsProxy: ConditionalFormatCollectionDouble | null = null;
  constructor(
    ctx: DoubleRequestContext,
    private readonly resolver: () => { sheet: SheetModel; rects: Rect[] } | null,
  ) {
    super(ctx);
  }
  /** ExcelApi 1.9. */
  get conditionalFormats(): ConditionalFormatCollectionDouble {
    return (this.conditionalFormatsProxy ??= new ConditionalFormatCollectionDouble(this.ctx, () => {
      const t = this.resolver();
      if (!t) throw new DoubleError("ItemNotFound", "The range does not exist.");
      return t;
    }));
  }
  protected override isNull(): boolean {
    return this.resolver() === null;
  }
  protected scalars(): Record<string, () => unknown> {
    return {
      address: () => {
        const t = this.resolver();
        return t ? t.rects.map((r) => sheetAddress(t.sheet.name, r)).join(",") : null;
      },
      areaCount: () => this.resolver()?.rects.length ?? null,
    };
  }
  protected override navigations(): Record<string, () => ClientObjectDouble> {
    return { worksheet: () => this.worksheet };
  }
  get worksheet(): WorksheetDouble {
    return new WorksheetDouble(this.ctx, () => this.resolver()?.sheet ?? null, false);
  }
  get address(): string {
    return this.read("address");
  }
  get areaCount(): number {
    return this.read("areaCount");
  }
}

// ───────────────────────────── Formats ─────────────────────────────

export class RangeFillDouble extends ClientObjectDouble {
  protected readonly className = "RangeFill";
  constructor(
    ctx: DoubleRequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(ctx);
  }
  /** Real Excel reports a cell without fill as white, and a mixed range as null. */
  protected scalars(): Record<string, () => unknown> {
    return {
      color: () => {
        const { sheet, rect } = this.range();
        return uniform(boundedRect(sheet, rect), (r, c) => sheet.cells.get(cellKey(r, c))?.fill ?? "#FFFFFF");
      },
    };
  }
  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    this.write({ fill: value }, () => {
      const { sheet, rect } = this.range();
      assertWritable(sheet, "formatting");
      forEachCell(rect, (r, c) => (touchCell(sheet, r, c).fill = value.toUpperCase()));
    });
  }
  clear(): void {
    this.write({ clearFill: true }, () => {
      const { sheet, rect } = this.range();
      assertWritable(sheet, "formatting");
      forEachCell(boundedRect(sheet, rect), (r, c) => {
        const cell = sheet.cells.get(cellKey(r, c));
        if (cell) delete cell.fill;
      });
    });
  }
}

export class RangeFontDouble extends ClientObjectDouble {
  protected readonly className = "RangeFont";
  constructor(
    ctx: DoubleRequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(ctx);
  }
  protected scalars(): Record<string, () => unknown> {
    const read = (key: "bold" | "color" | "size" | "italic" | "name", fallback: unknown) => () => {
      const { sheet, rect } = this.range();
      return uniform(boundedRect(sheet, rect), (r, c) => sheet.cells.get(cellKey(r, c))?.font?.[key] ?? fallback);
    };
    return {
      bold: read("bold", false),
      color: read("color", "#000000"),
      size: read("size", 11),
      italic: read("italic", false),
      name: read("name", "Calibri"),
    };
  }
  private setFont(key: "bold" | "color" | "size" | "italic" | "name", value: unknown): void {
    this.write({ [key]: value }, () => {
      const { sheet, rect } = this.range();
      assertWritable(sheet, "formatting");
      forEachCell(rect, (r, c) => {
        const cell = touchCell(sheet, r, c);
        cell.font = { ...cell.font, [key]: value };
      });
    });
  }
  get bold(): boolean {
    return this.read("bold");
  }
  set bold(v: boolean) {
    this.setFont("bold", v);
  }
  get color(): string {
    return this.read("color");
  }
  set color(v: string) {
    this.setFont("color", v);
  }
  get size(): number {
    return this.read("size");
  }
  set size(v: number) {
    this.setFont("size", v);
  }
  set italic(v: boolean) {
    this.setFont("italic", v);
  }
}

export class RangeBorderDouble extends ClientObjectDouble {
  protected readonly className = "RangeBorder";
  constructor(
    ctx: DoubleRequestContext,
    private readonly range: () => RangeTarget,
    private readonly edge: string,
  ) {
    super(ctx);
  }
  protected scalars(): Record<string, () => unknown> {
    return {
      style: () => {
        const { sheet, rect } = this.range();
        return uniform(rect, (r, c) => sheet.cells.get(cellKey(r, c))?.borders?.[this.edge] ?? "None");
      },
    };
  }
  get style(): string {
    return this.read("style");
  }
  set style(value: string) {
    this.write({ edge: this.edge, style: value }, () => {
      const { sheet, rect } = this.range();
      assertWritable(sheet, "formatting");
      const inside = this.edge === "InsideHorizontal" || this.edge === "InsideVertical";
      forEachCell(rect, (r, c) => {
        if (
          inside &&
          ((this.edge === "InsideHorizontal" && r === rect.bottom) ||
            (this.edge === "InsideVertical" && c === rect.right))
        )
          return;
        const cell = touchCell(sheet, r, c);
        cell.borders = { ...cell.borders, [this.edge]: value };
      });
    });
  }
  set color(value: string) {
    this.write({ edge: this.edge, color: value }, () => assertWritable(this.range().sheet, "formatting"));
  }
}

export class RangeBorderCollectionDouble extends ClientObjectDouble {
  protected readonly className = "RangeBorderCollection";
  constructor(
    ctx: DoubleRequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(ctx);
  }
  protected scalars(): Record<string, () => unknown> {
    return {};
  }
  getItem(index: string): RangeBorderDouble {
    return new RangeBorderDouble(this.ctx, this.range, index);
  }
}

export class RangeFormatDouble extends ClientObjectDouble {
  protected readonly className = "RangeFormat";
  private fillProxy: RangeFillDouble | null = null;
  private fontProxy: RangeFontDouble | null = null;
  private bordersProxy: RangeBorderCollectionDouble | null = null;
  constructor(
    ctx: DoubleRequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(ctx);
  }
  get fill(): RangeFillDouble {
    return (this.fillProxy ??= new RangeFillDouble(this.ctx, this.range));
  }
  get font(): RangeFontDouble {
    return (this.fontProxy ??= new RangeFontDouble(this.ctx, this.range));
  }
  get borders(): RangeBorderCollectionDouble {
    return (this.bordersProxy ??= new RangeBorderCollectionDouble(this.ctx, this.range));
  }
  protected scalars(): Record<string, () => unknown> {
    return {
      columnWidth: () => {
        const { sheet, rect } = this.range();
        return uniform(
          { top: 1, bottom: 1, left: rect.left, right: rect.right },
          (_r, c) => sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH,
        );
      },
      wrapText: () => {
        const { sheet, rect } = this.range();
        return uniform(boundedRect(sheet, rect), (r, c) => sheet.cells.get(cellKey(r, c))?.wrapText ?? false);
      },
    };
  }
  protected override navigations(): Record<string, () => ClientObjectDouble> {
    return { fill: () => this.fill, font: () => this.font };
  }
  /** ExcelApi 1.2. */
  get columnWidth(): number {
    return this.read("columnWidth");
  }
  set columnWidth(points: number) {
    this.write({ columnWidth: points }, () => {
      const { sheet, rect } = this.range();
      assertWritable(sheet, "column widths");
      for (let c = rect.left; c <= rect.right; c++) sheet.columnWidths.set(c, points);
    });
  }
  set rowHeight(points: number) {
    this.write({ rowHeight: points }, () => {
      const { sheet, rect } = this.range();
      assertWritable(sheet, "row heights");
      for (let r = rect.top; r <= rect.bottom; r++) sheet.rowHeights.set(r, points);
    });
  }
  get wrapText(): boolean {
    return this.read("wrapText");
  }
  set wrapText(value: boolean) {
    this.write({ wrapText: value }, () => {
      const { sheet, rect } = this.range();
      assertWritable(sheet, "formatting");
      forEachCell(rect, (r, c) => {
        const cell = touchCell(sheet, r, c);
        if (value) cell.wrapText = true;
        else delete cell.wrapText;
      });
    });
  }
  set horizontalAlignment(value: string) {
    this.write({ horizontalAlignment: value }, () => {
      const { sheet, rect } = this.range();
      assertWritable(sheet, "formatting");
      forEachCell(rect, (r, c) => (touchCell(sheet, r, c).horizontalAlignment = value));
    });
  }
}

// ───────────────────────────── Conditional formats (ExcelApi 1.6) ─────────────────────────────

/** office-js#2180: reaching `custom` of a rule of another type fails the batch ("not permitted for the current object"). */
function assertCustom(cf: ConditionalFormatModel): void {
  if (cf.type !== "Custom")
    throw new DoubleError(
      "InvalidOperation",
      `This operation is not permitted for the current object (a ${cf.type} conditional format has no custom properties).`,
      "ConditionalFormat.custom",
    );
}

class CfPart extends ClientObjectDouble {
  protected readonly className: string;
  constructor(
    ctx: DoubleRequestContext,
    className: string,
    private readonly cf: () => { sheet: SheetModel; cf: ConditionalFormatModel },
    private readonly field: "formula" | "fill" | "fontColor",
  ) {
    super(ctx);
    this.className = className;
  }
  protected scalars(): Record<string, () => unknown> {
    const name = this.field === "formula" ? "formula" : "color";
    return { [name]: () => this.cf().cf[this.field] };
  }
  protected setField(value: string): void {
    this.write({ [this.field]: value }, () => {
      const { sheet, cf } = this.cf();
      assertCustom(cf);
      assertWritable(sheet, "conditional formats");
      if (this.field === "formula") cf.formula = value;
      else cf[this.field] = value.toUpperCase();
    });
  }
}

export class ConditionalRangeFillDouble extends CfPart {
  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    this.setField(value);
  }
}
export class ConditionalRangeFontDouble extends CfPart {
  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    this.setField(value);
  }
}
export class ConditionalFormatRuleDouble extends CfPart {
  get formula(): string {
    return this.read("formula");
  }
  set formula(value: string) {
    this.setField(value);
  }
}

export class ConditionalRangeFormatDouble extends ClientObjectDouble {
  protected readonly className = "ConditionalRangeFormat";
  readonly fill: ConditionalRangeFillDouble;
  readonly font: ConditionalRangeFontDouble;
  constructor(ctx: DoubleRequestContext, cf: () => { sheet: SheetModel; cf: ConditionalFormatModel }) {
    super(ctx);
    this.fill = new ConditionalRangeFillDouble(ctx, "ConditionalRangeFill", cf, "fill");
    this.font = new ConditionalRangeFontDouble(ctx, "ConditionalRangeFont", cf, "fontColor");
  }
  protected scalars(): Record<string, () => unknown> {
    return {};
  }
  protected override navigations(): Record<string, () => ClientObjectDouble> {
    return { fill: () => this.fill, font: () => this.font };
  }
}

/**
 * `conditionalFormat.custom` (loading through it fails the batch for a rule of another type) or
 * `customOrNullObject` (a null object for a rule of another type) — both ExcelApi 1.6.
 */
export class CustomConditionalFormatDouble extends ClientObjectDouble {
  protected readonly className = "CustomConditionalFormat";
  readonly rule: ConditionalFormatRuleDouble;
  readonly format: ConditionalRangeFormatDouble;
  constructor(
    ctx: DoubleRequestContext,
    private readonly cf: () => { sheet: SheetModel; cf: ConditionalFormatModel },
    private readonly nullable = false,
  ) {
    super(ctx);
    this.rule = new ConditionalFormatRuleDouble(ctx, "ConditionalFormatRule", cf, "formula");
    this.format = new ConditionalRangeFormatDouble(ctx, cf);
  }
  protected override isNull(): boolean {
    const { cf } = this.cf();
    if (this.nullable) return cf.type !== "Custom";
    assertCustom(cf);
    return false;
  }
  protected scalars(): Record<string, () => unknown> {
    return {};
  }
  protected override navigations(): Record<string, () => ClientObjectDouble> {
    return { rule: () => this.rule, format: () => this.format };
  }
}

export class ConditionalFormatDouble extends ClientObjectDouble {
  protected readonly className = "ConditionalFormat";
  readonly custom: CustomConditionalFormatDouble;
  readonly customOrNullObject: CustomConditionalFormatDouble;
  constructor(
    ctx: DoubleRequestContext,
    private readonly resolver: () => { sheet: SheetModel; cf: ConditionalFormatModel },
  ) {
    super(ctx);
    this.custom = new CustomConditionalFormatDouble(ctx, resolver);
    this.customOrNullObject = new CustomConditionalFormatDouble(ctx, resolver, true);
  }
  protected scalars(): Record<string, () => unknown> {
    return {
      type: () => this.resolver().cf.type,
      id: () => this.resolver().cf.id,
      stopIfTrue: () => this.resolver().cf.stopIfTrue,
      priority: () => {
        const { sheet, cf } = this.resolver();
        return sheet.conditionalFormats.indexOf(cf);
      },
    };
  }
  protected override navigations(): Record<string, () => ClientObjectDouble> {
    return { custom: () => this.custom, customOrNullObject: () => this.customOrNullObject };
  }
  get type(): string {
    return this.read("type");
  }
  get id(): string {
    return this.read("id");
  }
  /** "Throws an error if the conditional format is applied to multiple ranges." (ExcelApi 1.6) */
  getRange(): RangeDouble {
    return new RangeDouble(this.ctx, () => {
      const { sheet, cf } = this.resolver();
      const [only, ...more] = cf.areas;
      if (!only || more.length > 0)
        throw new DoubleError(
          "InvalidOperation",
          "The conditional format is applied to multiple ranges.",
          "ConditionalFormat.getRange",
        );
      return { sheet, rect: only };
    });
  }
  /** ExcelApi 1.6: a null object when the rule applies to several ranges. */
  getRangeOrNullObject(): RangeDouble {
    return new RangeDouble(
      this.ctx,
      () => {
        const { sheet, cf } = this.resolver();
        const [only, ...more] = cf.areas;
        return only && more.length === 0 ? { sheet, rect: only } : null;
      },
      true,
    );
  }
  /** ExcelApi 1.9: every area the rule applies to. */
  getRanges(): RangeAreasDouble {
    runtimeOf(this.ctx).require(9, "ConditionalFormat.getRanges");
    return new RangeAreasDouble(this.ctx, () => {
      const { sheet, cf } = this.resolver();
      return { sheet, rects: cf.areas };
    });
  }
  delete(): void {
    this.write({ deleteCf: true }, () => {
      const { sheet, cf } = this.resolver();
      assertWritable(sheet, "conditional formats");
      sheet.conditionalFormats = sheet.conditionalFormats.filter((x) => x !== cf);
    });
  }
}

export class ConditionalFormatCollectionDouble extends CollectionDouble<ConditionalFormatDouble> {
  protected readonly className = "ConditionalFormatCollection";
  constructor(
    ctx: DoubleRequestContext,
    /** The range's areas (one for a Range, several for RangeAreas). */
    private readonly range: () => { sheet: SheetModel; rects: Rect[] },
  ) {
    super(ctx);
  }
  private byId(sheet: SheetModel, id: string) {
    return () => {
      const cf = sheet.conditionalFormats.find((x) => x.id === id);
      if (!cf) throw new DoubleError("ItemNotFound", "The conditional format does not exist.");
      return { sheet, cf };
    };
  }
  override fetch(paths: readonly string[] | null, staged: Parameters<ClientObjectDouble["fetch"]>[1]): void {
    runtimeOf(this.ctx).require(6, "Range.conditionalFormats");
    super.fetch(paths, staged);
  }
  protected resolveItems(): ConditionalFormatDouble[] {
    const { sheet, rects } = this.range();
    return sheet.conditionalFormats
      .filter((cf) => cf.areas.some((area) => rects.some((rect) => intersect(area, rect))))
      .map((cf) => new ConditionalFormatDouble(this.ctx, this.byId(sheet, cf.id)));
  }
  add(type: string): ConditionalFormatDouble {
    runtimeOf(this.ctx).require(6, "ConditionalFormatCollection.add");
    if (type !== "Custom")
      throw new DoubleError("InvalidArgument", `The double supports only Custom conditional formats, not ${type}.`);
    let created: { sheet: SheetModel; cf: ConditionalFormatModel } | null = null;
    this.write({ addCf: type }, () => {
      const { sheet, rects } = this.range();
      assertWritable(sheet, "conditional formats");
      const cf: ConditionalFormatModel = {
        id: newId(runtimeOf(this.ctx).model, "cf"),
        type: "Custom",
        areas: [...rects],
        formula: "",
        fill: null,
        fontColor: null,
        stopIfTrue: false,
      };
      sheet.conditionalFormats.push(cf);
      created = { sheet, cf };
    });
    return new ConditionalFormatDouble(this.ctx, () => {
      if (!created) throw new DoubleError("InvalidOperation", "The conditional format was never added.");
      return created;
    });
  }
}

// ───────────────────────────── Tables ─────────────────────────────

export class TableDouble extends ClientObjectDouble {
  protected readonly className = "Table";
  constructor(
    ctx: DoubleRequestContext,
    private readonly resolver: () => { sheet: SheetModel; table: TableModel } | null,
    private readonly nullable = false,
  ) {
    super(ctx);
  }
  private t(): { sheet: SheetModel; table: TableModel } {
    const found = this.resolver();
    if (!found) throw new DoubleError("ItemNotFound", "The table does not exist.");
    return found;
  }
  protected override isNull(): boolean {
    const found = this.resolver();
    if (!found && !this.nullable) throw new DoubleError("ItemNotFound", "The table does not exist.");
    return found === null;
  }
  protected scalars(): Record<string, () => unknown> {
    return {
      name: () => this.resolver()?.table.name ?? null,
      id: () => this.resolver()?.table.id ?? null,
      style: () => this.resolver()?.table.style ?? null,
    };
  }
  protected override navigations(): Record<string, () => ClientObjectDouble> {
    return { worksheet: () => this.worksheet };
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.write({ name: value }, () => {
      const model = runtimeOf(this.ctx).model;
      if (!/^[A-Za-z_\\\u4e00-\u9fff][\w.\\\u4e00-\u9fff]*$/.test(value))
        throw new DoubleError("InvalidArgument", `'${value}' is not a valid table name.`);
      const { table } = this.t();
      if (model.sheets.some((s) => s.tables.some((x) => x !== table && x.name.toLowerCase() === value.toLowerCase()))) {
        throw new DoubleError("ItemAlreadyExists", `A table named '${value}' already exists.`);
      }
      table.name = value;
    });
  }
  set style(value: string) {
    this.write({ style: value }, () => (this.t().table.style = value));
  }
  get worksheet(): WorksheetDouble {
    return new WorksheetDouble(this.ctx, () => this.resolver()?.sheet ?? null, false);
  }
  getRange(): RangeDouble {
    return new RangeDouble(this.ctx, () => {
      const { sheet, table } = this.t();
      return { sheet, rect: table.rect };
    });
  }
  delete(): void {
    this.write({ deleteTable: true }, () => {
      const { sheet, table } = this.t();
      sheet.tables = sheet.tables.filter((x) => x !== table);
    });
  }
}

export class TableCollectionDouble extends CollectionDouble<TableDouble> {
  protected readonly className = "TableCollection";
  constructor(
    ctx: DoubleRequestContext,
    /** The worksheet of `worksheet.tables`; null for `workbook.tables`. */
    private readonly sheet: (() => SheetModel) | null,
  ) {
    super(ctx);
  }
  private all(): { sheet: SheetModel; table: TableModel }[] {
    const sheets = this.sheet ? [this.sheet()] : runtimeOf(this.ctx).model.sheets;
    return sheets.flatMap((sheet) => sheet.tables.map((table) => ({ sheet, table })));
  }
  protected resolveItems(): TableDouble[] {
    return this.all().map(({ table }) => this.handle((x) => x.table.id === table.id, false));
  }
  private handle(match: (x: { sheet: SheetModel; table: TableModel }) => boolean, nullable: boolean): TableDouble {
    return new TableDouble(this.ctx, () => this.all().find(match) ?? null, nullable);
  }
  getItem(key: string): TableDouble {
    return this.handle((x) => x.table.id === key || x.table.name.toLowerCase() === key.toLowerCase(), false);
  }
  getItemOrNullObject(key: string): TableDouble {
    runtimeOf(this.ctx).require(4, "TableCollection.getItemOrNullObject");
    return this.handle((x) => x.table.id === key || x.table.name.toLowerCase() === key.toLowerCase(), true);
  }
  add(address: RangeDouble | string, hasHeaders: boolean): TableDouble {
    let created: TableModel | null = null;
    this.write({ addTable: typeof address === "string" ? address : "(range)", hasHeaders }, () => {
      const model = runtimeOf(this.ctx).model;
      let target: RangeTarget;
      if (typeof address === "string") {
        const parsed = parseAddress(address);
        const sheet = this.sheet ? this.sheet() : model.sheets.find((s) => s.name === parsed?.sheet);
        if (!parsed || !sheet) throw new DoubleError("InvalidArgument", `'${address}' is not a valid table address.`);
        target = { sheet, rect: parsed.rect };
      } else target = address.target();
      assertWritable(target.sheet, "adding a table");
      if (target.sheet.tables.some((t) => intersect(t.rect, target.rect)))
        throw new DoubleError("InvalidOperation", "Tables cannot overlap.");
      if (target.sheet.merges.some((m) => intersect(m, target.rect)))
        throw new DoubleError("InvalidOperation", "A table cannot contain merged cells.");
      let n = 1;
      while (model.sheets.some((s) => s.tables.some((t) => t.name === `Table${n}`))) n += 1;
      created = {
        id: newId(model, "table"),
        name: `Table${n}`,
        rect: target.rect,
        hasHeaders,
        style: "TableStyleMedium2",
      };
      target.sheet.tables.push(created);
    });
    return new TableDouble(this.ctx, () => {
      if (!created) throw new DoubleError("InvalidOperation", "The table was never added.");
      return this.all().find((x) => x.table === created) ?? null;
    });
  }
}

// ───────────────────────────── Charts ─────────────────────────────

export class ChartTitleDouble extends ClientObjectDouble {
  protected readonly className = "ChartTitle";
  constructor(
    ctx: DoubleRequestContext,
    private readonly chart: () => { sheet: SheetModel; chart: ChartModel },
  ) {
    super(ctx);
  }
  protected scalars(): Record<string, () => unknown> {
    return { text: () => this.chart().chart.title };
  }
  get text(): string {
    return this.read("text");
  }
  set text(value: string) {
    this.write({ title: value }, () => (this.chart().chart.title = value));
  }
}

export class ChartSeriesFillDouble extends ClientObjectDouble {
  protected readonly className = "ChartFill";
  constructor(
    ctx: DoubleRequestContext,
    private readonly chart: () => { sheet: SheetModel; chart: ChartModel },
    private readonly index: number,
  ) {
    super(ctx);
  }
  protected scalars(): Record<string, () => unknown> {
    return {};
  }
  setSolidColor(color: string): void {
    this.write(
      { series: this.index, color },
      () => (this.chart().chart.seriesColors[this.index] = color.toUpperCase()),
    );
  }
}

/** `ChartLineFormat` of a series (`format.line`), ExcelApi 1.1: only `color` is modelled (lineStyle and weight are 1.7 and unused). */
export class ChartLineFormatDouble extends ClientObjectDouble {
  protected readonly className = "ChartLineFormat";
  constructor(
    ctx: DoubleRequestContext,
    private readonly chart: () => { sheet: SheetModel; chart: ChartModel },
    private readonly index: number,
  ) {
    super(ctx);
    Object.preventExtensions(this);
  }
  protected scalars(): Record<string, () => unknown> {
    return { color: () => this.chart().chart.seriesLineColors[this.index] ?? null };
  }
  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    this.write(
      { series: this.index, lineColor: value },
      () => (this.chart().chart.seriesLineColors[this.index] = value.toUpperCase()),
    );
  }
}

/** `ChartSeriesFormat`: `fill` and `line`, both ExcelApi 1.1. */
export class ChartSeriesFormatDouble extends ClientObjectDouble {
  protected readonly className = "ChartSeriesFormat";
  readonly fill: ChartSeriesFillDouble;
  readonly line: ChartLineFormatDouble;
  constructor(ctx: DoubleRequestContext, chart: () => { sheet: SheetModel; chart: ChartModel }, index: number) {
    super(ctx);
    this.fill = new ChartSeriesFillDouble(ctx, chart, index);
    this.line = new ChartLineFormatDouble(ctx, chart, index);
    Object.preventExtensions(this);
  }
  protected scalars(): Record<string, () => unknown> {
    return {};
  }
  protected override navigations(): Record<string, () => ClientObjectDouble> {
    return { fill: () => this.fill, line: () => this.line };
  }
}

/** `Excel.ChartMarkerStyle` (the values @types/office-js lists). */
const CHART_MARKER_STYLES: ReadonlySet<string> = new Set([
  "Invalid",
  "Automatic",
  "None",
  "Square",
  "Diamond",
  "Triangle",
  "X",
  "Star",
  "Dot",
  "Dash",
  "Circle",
  "Plus",
  "Picture",
]);

/**
 * `ChartSeries`: `format` (ExcelApi 1.1) and the marker's colours and style (ExcelApi 1.7; below it
 * they are missing, `ApiNotFound`). Not extensible, so a property Excel does not have throws.
 */
export class ChartSeriesDouble extends ClientObjectDouble {
  protected readonly className = "ChartSeries";
  readonly format: ChartSeriesFormatDouble;
  constructor(
    ctx: DoubleRequestContext,
    private readonly chart: () => { sheet: SheetModel; chart: ChartModel },
    private readonly index: number,
  ) {
    super(ctx);
    this.format = new ChartSeriesFormatDouble(ctx, chart, index);
    Object.preventExtensions(this);
  }
  protected scalars(): Record<string, () => unknown> {
    const marker = () => this.chart().chart.seriesMarkers[this.index] ?? {};
    return {
      markerBackgroundColor: () => marker().background ?? null,
      markerForegroundColor: () => marker().foreground ?? null,
      markerStyle: () => marker().style ?? "Automatic",
    };
  }
  protected override navigations(): Record<string, () => ClientObjectDouble> {
    return { format: () => this.format };
  }
  private setMarker(key: "background" | "foreground" | "style", api: string, value: string): void {
    runtimeOf(this.ctx).require(7, `ChartSeries.${api}`);
    if (key === "style" && !CHART_MARKER_STYLES.has(value))
      throw new DoubleError("InvalidArgument", `'${value}' is not a ChartMarkerStyle.`, `ChartSeries.${api}`);
    this.write({ series: this.index, [api]: value }, () => {
      const markers = this.chart().chart.seriesMarkers;
      markers[this.index] = { ...markers[this.index], [key]: key === "style" ? value : value.toUpperCase() };
    });
  }
  get markerBackgroundColor(): string {
    return this.read("markerBackgroundColor");
  }
  /** ExcelApi 1.7. */
  set markerBackgroundColor(value: string) {
    this.setMarker("background", "markerBackgroundColor", value);
  }
  get markerForegroundColor(): string {
    return this.read("markerForegroundColor");
  }
  /** ExcelApi 1.7. */
  set markerForegroundColor(value: string) {
    this.setMarker("foreground", "markerForegroundColor", value);
  }
  get markerStyle(): string {
    return this.read("markerStyle");
  }
  /** ExcelApi 1.7. */
  set markerStyle(value: string) {
    this.setMarker("style", "markerStyle", value);
  }
}

export class ChartSeriesCollectionDouble extends ClientObjectDouble {
  protected readonly className = "ChartSeriesCollection";
  constructor(
    ctx: DoubleRequestContext,
    private readonly chart: () => { sheet: SheetModel; chart: ChartModel },
  ) {
    super(ctx);
  }
  protected scalars(): Record<string, () => unknown> {
    return {};
  }
  getItemAt(index: number): ChartSeriesDouble {
    return new ChartSeriesDouble(this.ctx, this.chart, index);
  }
}

export class ChartDouble extends ClientObjectDouble {
  protected readonly className = "Chart";
  readonly title: ChartTitleDouble;
  readonly series: ChartSeriesCollectionDouble;
  constructor(
    ctx: DoubleRequestContext,
    private readonly resolver: () => { sheet: SheetModel; chart: ChartModel },
  ) {
    super(ctx);
    this.title = new ChartTitleDouble(ctx, resolver);
    this.series = new ChartSeriesCollectionDouble(ctx, resolver);
  }
  protected scalars(): Record<string, () => unknown> {
    return { name: () => this.resolver().chart.name, id: () => this.resolver().chart.id };
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.write({ name: value }, () => (this.resolver().chart.name = value));
  }
  setPosition(startCell: RangeDouble | string, endCell?: RangeDouble | string): void {
    const text = (x: RangeDouble | string | undefined): string | null =>
      x === undefined ? null : typeof x === "string" ? x : "(range)";
    this.write({ start: text(startCell), end: text(endCell) }, () => {
      this.resolver().chart.anchor = { top: text(startCell) ?? "", bottom: text(endCell) };
    });
  }
}

export class ChartCollectionDouble extends CollectionDouble<ChartDouble> {
  protected readonly className = "ChartCollection";
  constructor(
    ctx: DoubleRequestContext,
    private readonly sheet: () => SheetModel,
  ) {
    super(ctx);
  }
  protected resolveItems(): ChartDouble[] {
    const sheet = this.sheet();
    return sheet.charts.map((chart) => new ChartDouble(this.ctx, () => ({ sheet, chart })));
  }
  add(type: string, sourceData: RangeDouble, seriesBy?: string): ChartDouble {
    let created: { sheet: SheetModel; chart: ChartModel } | null = null;
    this.write({ addChart: type, seriesBy }, () => {
      const sheet = this.sheet();
      assertWritable(sheet, "adding a chart");
      const source = sourceData.target();
      const chart: ChartModel = {
        id: newId(runtimeOf(this.ctx).model, "chart"),
        name: `Chart ${sheet.charts.length + 1}`,
        type,
        source: sheetAddress(source.sheet.name, source.rect),
        seriesBy: seriesBy ?? "Auto",
        title: "",
        anchor: null,
        seriesColors: {},
        seriesLineColors: {},
        seriesMarkers: {},
      };
      sheet.charts.push(chart);
      created = { sheet, chart };
    });
    return new ChartDouble(this.ctx, () => {
      if (!created) throw new DoubleError("InvalidOperation", "The chart was never added.");
      return created;
    });
  }
}

export { contains };
