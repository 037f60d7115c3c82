/**
 * The part of the Office.js Excel API the adapter uses, as structural interfaces with the shapes of
 * @types/office-js. Real Office.js satisfies them (checked at compile time in
 * test/excel/office-api-shape.test.ts) and so does the in-memory double (src/excel-double), so the
 * adapter runs unchanged over either.
 *
 * Requirement sets (the manifest asks for ExcelApi 1.4; everything newer is behind
 * `isSetSupported` with a fallback — see `detectFeatures`):
 *
 * | call                                                                                   | ExcelApi |
 * |----------------------------------------------------------------------------------------|----------|
 * | Excel.run, context.sync, worksheets.items/getItem/getActiveWorksheet/add, worksheet.name/id/position/activate/delete/getRange, range.values/numberFormat/address/rowIndex/columnIndex/rowCount/columnCount/select/clear/getCell, range.format.fill.color/clear, range.format.font, range.format.borders, workbook.getSelectedRange, worksheet.tables/workbook.tables (items, name, worksheet, getRange), worksheet.charts.add, chart.title/setPosition/series.getItemAt().format.fill.setSolidColor/format.line.color | 1.1 |
 * | worksheet.protection.protected, range.format.columnWidth/wrapText, range.columnHidden, workbook.functions.date (1904 probe) | 1.2 |
 * | workbook.settings (add, getItemOrNullObject, delete), workbook.names (add, getItemOrNullObject, getRangeOrNullObject, delete), worksheets.getItemOrNullObject, worksheet.getUsedRangeOrNullObject, range.getUsedRangeOrNullObject (header sample and prefetch: the used part of a fixed box), range.getIntersectionOrNullObject | 1.4 |
 * | optional — range.conditionalFormats, conditionalFormat.type/customOrNullObject/getRangeOrNullObject (one rule per colour; fallback: direct fills, originals kept in settings) | 1.6 |
 * | optional — range.hyperlink (fallback: a HYPERLINK formula), worksheet.freezePanes (fallback: none), workbook.protection (fallback: a protected structure fails the summary's batch, AccessDenied), chart series markerBackgroundColor/markerForegroundColor/markerStyle (fallback: Excel's automatic markers) | 1.7 |
 * | optional — workbook.readOnly (fallback: the write fails with AccessDenied and is reported)       | 1.8 |
 * | optional — worksheet.pageLayout, worksheet.horizontalPageBreaks, application.suspendScreenUpdatingUntilNextSync (fallback: none); conditionalFormat.getRanges, worksheet.getRanges, workbook.getSelectedRanges (fallback: a rule on several areas is read as of unknown areas; several selected areas fail getSelectedRange, InvalidSelection) | 1.9 |
 * | optional — range.getMergedAreasOrNullObject (fallback: merges unknown, only top-left cells hold values) | 1.13 |
 */

export interface XlLoadable {
  load(propertyNames?: string | string[]): unknown;
}

export interface XlNullable {
  readonly isNullObject: boolean;
}

export interface XlContext {
  readonly workbook: XlWorkbook;
  readonly application: XlApplication;
  sync(): Promise<unknown>;
}

export interface XlApplication {
  suspendScreenUpdatingUntilNextSync(): void;
}

export interface XlFunctionResult<T> extends XlLoadable {
  readonly value: T;
}

export interface XlWorkbook extends XlLoadable {
  readonly worksheets: XlWorksheetCollection;
  readonly settings: XlSettingCollection;
  readonly names: XlNamedItemCollection;
  readonly tables: XlTableCollection;
  readonly functions: { date(year: number, month: number, day: number): XlFunctionResult<number> };
  readonly readOnly: boolean;
  /** ExcelApi 1.7: the workbook's structure protection. */
  readonly protection: XlLoadable & { readonly protected: boolean };
  /** Throws (at sync) when several areas are selected. */
  getSelectedRange(): XlRange;
  /** ExcelApi 1.9: every selected area. */
  getSelectedRanges(): XlRangeAreas;
}

export interface XlWorksheetCollection extends XlLoadable {
  readonly items: XlWorksheet[];
  getItem(key: string): XlWorksheet;
  getItemOrNullObject(key: string): XlWorksheet;
  getActiveWorksheet(): XlWorksheet;
  add(name?: string): XlWorksheet;
}

export interface XlWorksheet extends XlLoadable, XlNullable {
  name: string;
  readonly id: string;
  position: number;
  /** "Visible" | "Hidden" | "VeryHidden" (Excel.SheetVisibility); set: ExcelApi 1.2. */
  visibility: string;
  readonly protection: XlLoadable & { readonly protected: boolean };
  readonly tables: XlTableCollection;
  readonly charts: XlChartCollection;
  readonly pageLayout: XlPageLayout;
  readonly freezePanes: { freezeRows(count?: number): void };
  /** ExcelApi 1.9: manual page breaks; `add(range)` starts a new page above the range's top row. */
  readonly horizontalPageBreaks: { add(pageBreakRange: string): unknown };
  getRange(address?: string): XlRange;
  /** ExcelApi 1.9: several areas (`A1:B2,D4`). */
  getRanges(address?: string): XlRangeAreas;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
  activate(): void;
  delete(): void;
}

export interface XlHyperlink {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}

export interface XlRange extends XlLoadable, XlNullable {
  readonly address: string;
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  values: any[][];
  numberFormat: any[][];
  hyperlink: XlHyperlink;
  /** ExcelApi 1.2: true when every column of the range is hidden (null when some are); set on whole columns. */
  columnHidden: boolean;
  readonly format: XlRangeFormat;
  readonly conditionalFormats: XlConditionalFormatCollection;
  readonly worksheet: XlWorksheet;
  getCell(row: number, column: number): XlRange;
  getIntersectionOrNullObject(anotherRange: string): XlRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
  getMergedAreasOrNullObject(): XlRangeAreas;
  select(): void;
  clear(applyTo?: string): void;
  /** ExcelApi 1.2; `across`: one merged cell per row. */
  merge(across?: boolean): void;
}

export interface XlRangeFormat extends XlLoadable {
  readonly fill: XlLoadable & { color: string; clear(): void };
  readonly font: XlLoadable & { bold: boolean; color: string; size: number };
  readonly borders: { getItem(index: string): { style: string } };
  columnWidth: number;
  rowHeight: number;
  wrapText: boolean;
}

export interface XlCustomConditionalFormat {
  readonly rule: XlLoadable & { formula: string };
  readonly format: { readonly fill: XlLoadable & { color: string } };
}

export interface XlConditionalFormat extends XlLoadable {
  readonly id: string;
  readonly type: string;
  /** Loading through it fails the whole batch when the rule is of another type (office-js#2180). */
  readonly custom: XlCustomConditionalFormat;
  /** A null object for a rule of another type (data bar, colour scale, icon set, …). */
  readonly customOrNullObject: XlCustomConditionalFormat & XlNullable;
  /** A null object when the rule applies to several areas (`getRange()` would throw). */
  getRangeOrNullObject(): XlRange;
  /** ExcelApi 1.9: every area the rule applies to. */
  getRanges(): XlRangeAreas;
  delete(): void;
}

/** ExcelApi 1.9 `RangeAreas`: one or more rectangles of one sheet. */
export interface XlRangeAreas extends XlLoadable, XlNullable {
  readonly address: string;
  readonly areaCount: number;
  readonly worksheet: XlWorksheet;
  readonly conditionalFormats: XlConditionalFormatCollection;
}

export interface XlConditionalFormatCollection extends XlLoadable {
  readonly items: XlConditionalFormat[];
  add(type: string): XlConditionalFormat;
}

export interface XlSetting extends XlLoadable, XlNullable {
  value: any;
  delete(): void;
}

export interface XlSettingCollection extends XlLoadable {
  add(key: string, value: any): XlSetting;
  getItemOrNullObject(key: string): XlSetting;
}

export interface XlNamedItem extends XlLoadable, XlNullable {
  readonly name: string;
  getRangeOrNullObject(): XlRange;
  delete(): void;
}

export interface XlNamedItemCollection extends XlLoadable {
  add(name: string, reference: XlRange | string, comment?: string): XlNamedItem;
  getItemOrNullObject(name: string): XlNamedItem;
}

export interface XlTable extends XlLoadable {
  readonly name: string;
  readonly worksheet: XlWorksheet;
  getRange(): XlRange;
}

export interface XlTableCollection extends XlLoadable {
  readonly items: XlTable[];
}

export interface XlChart extends XlLoadable {
  name: string;
  readonly title: { text: string };
  readonly series: {
    getItemAt(index: number): XlChartSeries;
  };
  setPosition(startCell: XlRange | string, endCell?: XlRange | string): void;
}

/**
 * A chart's series: `format.fill` / `format.line.color` are ExcelApi 1.1; the marker's colours and
 * style are ExcelApi 1.7.
 */
export interface XlChartSeries {
  readonly format: {
    readonly fill: { setSolidColor(color: string): void };
    readonly line: { color: string };
  };
  markerBackgroundColor: string;
  markerForegroundColor: string;
  markerStyle: string;
}

export interface XlChartCollection extends XlLoadable {
  add(type: string, sourceData: XlRange, seriesBy?: string): XlChart;
}

export interface XlPageLayout {
  orientation: string;
  paperSize: string;
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  setPrintTitleRows(printTitleRows: XlRange | string): void;
}

/** The `Excel` global (real Office.js or the double). */
export interface ExcelGlobal {
  run<T>(batch: (context: XlContext) => Promise<T>): Promise<T>;
}

/** The `Office` global, for `isSetSupported`. */
export interface OfficeGlobal {
  readonly context: { readonly requirements: { isSetSupported(name: string, minVersion?: string): boolean } };
}

/** What `createExcelHost` runs over. */
export interface ExcelEnv {
  readonly Excel: ExcelGlobal;
  readonly Office: OfficeGlobal;
}
