/**
 * 评估: read the ledger, evaluate it with the shared engine, write the marks (SPEC §8) — in a
 * constant number of syncs (`MAX_SYNCS_PER_EVALUATION`), all or nothing.
 *
 *   sync 1  probe: sheets, the ledger sheet, used range (values only), its first `HEADER_SAMPLE_ROWS`
 *           rows in columns A…BL (values and formats), the values of its first `PREFETCH_ROWS` rows in columns A…P
 *           (`PREFETCH_ADDRESS`), the header sample's merged areas (1.13), protection, date system, marks of an earlier
 *           run, the marks of the add-in's own sheets (one of them as the sheet to read is refused). If
 *           Excel rejects this response as too large (cells far longer than a ledger's), the probe is sent
 *           again without the prefetch.
 *   sync 2  read: values of the rest of the used range + number formats of the date columns the header
 *           sample shows, for every row (read-plan.ts), the merged areas of those rows in tiles of 512 cells
 *           (one call fails over 512 merged areas), the survey sheet's used range and first rows
 *           (`SURVEY_HEAD_ADDRESS`), the recorded periods' first rows (`HISTORY_HEAD_ADDRESS`, the sheet
 *           评估记录), our old rules' ranges — split into more syncs only when one response is estimated
 *           over `READ_BUDGET_BYTES`; a survey or a history larger than its first rows follows in planned
 *           blocks of its own
 *   (fallback below ExcelApi 1.6: sync 3 reads the fills of the rows to colour, sync 4 the cells of mixed rows)
 *   sync 3  write: 预警状态/评估意见 as one 2-D array per column, one conditional-format rule per colour,
 *           the mark names — split only when the request would exceed `WRITE_BUDGET_BYTES`
 *
 * If the engine's layout needs a date column the header sample did not show (a ledger lower on the sheet,
 * a selected table), its formats are read in one more sync and the ledger is evaluated again.
 * A failure of the write sync is undone (`restoreMarks`) so the workbook is as before.
 */
import { contains, intersect, localAddress, parseAddress, rectAddress, REFERS_TO_NOTHING, type Rect } from "./address";
import { payloadBytes } from "./payload";
import { decodeFills, encodeFills, fillKey, NO_FILL, type FillMap } from "./fills";
import type { HostFeatures } from "./features";
import { failWith, HOST_MESSAGES, hostErrorFrom, HostErrorCarrier, refusedInCellEditMode } from "./host-errors";
import type { EvaluateOutcome, EvaluateRequest } from "../core/host";
import { MARKS_SETTING_KEY, parseMarker, type Marker } from "./fill-record";
import { queueFills, restoreMarks, type MarksBefore } from "./undo-snapshot";
import {
  isOwnedRule,
  queueAddRule,
  queueRuleAreas,
  queueRulesLoad,
  ruleAreasAddress,
  type OwnedRule,
  type RuleToAdd,
} from "./owned-rules";
import type {
  XlConditionalFormat,
  XlConditionalFormatCollection,
  XlContext,
  XlFunctionResult,
  XlLoadable,
  XlRange,
  XlSetting,
  XlTable,
  XlWorksheet,
} from "./office-api";
import { readFillsOf } from "./read-fills";
import {
  gridOf,
  loadedMerges,
  loadedRead,
  queueMergedAreas,
  readCell,
  readMoreFormats,
  readRect,
  rectOf,
  type SheetRead,
} from "./read-ledger";
import {
  cellCosts,
  dateSourceColumns,
  formatColumnsFromSample,
  HEADER_SAMPLE_ADDRESS,
  HEADER_SAMPLE_RECT,
  planReadBlocks,
  PREFETCH_ADDRESS,
  SURVEY_HEAD_ADDRESS,
  sampleGrid,
  type HeaderSample,
  type KnownValues,
} from "./read-plan";
import { pickSurveySheet, type Evaluation } from "../core/evaluate";
import { readHistorySheet, type PeriodRecord } from "../core/history";
import type { EngineProgress } from "../core/progress";
import { runEngineInThread, type EngineRunner } from "../engine-worker/runner";
import { HISTORY_HEAD_ADDRESS, historySheetToRead } from "./history-in-excel";
import { cellText } from "../core/text";
import { columnLetter } from "../core/grid";
import { planMarks } from "../core/plan/marks-from-result";
import {
  isOpinionText,
  isStatusText,
  legacyWrittenRows,
  rowsOutside,
  writtenRows,
  type RowSpan,
} from "../core/plan/written-rows";
import {
  inSpans,
  markedSheets,
  markText,
  previousOwnedSpans,
  queueNameLoad,
  type OwnedSpan,
  type QueuedName,
} from "./owned-spans";
import {
  COLOURED_LIGHTS,
  colourRuleFormula,
  LIGHT_FILLS,
  COLUMN_MARK_PAIRS,
  MARK_NAMES,
  OPINION_HEADER,
  OWNED_SHEET_MARKS,
  STATUS_HEADER,
  type MarksPlan,
} from "../core/plan/marks-plan";
import type { CellValue, EvaluationResult, FieldKey, Grid, MergeArea } from "../core/types";

/**
 * Syncs of one evaluation (probe, read, write) for a ledger whose rows after the probe's prefetch fit one
 * read response: 20,000 realistic rows of 15 columns (test/support/ledger-generator.ts; payloads counted as
 * UTF-8 bytes). A larger ledger takes one more sync per further read block (`READ_BUDGET_BYTES`) or write request
 * (`WRITE_BUDGET_BYTES`); a sheet whose first rows are too dense for the prefetch one more for the probe
 * sent again without it.
 */
export const MAX_SYNCS_PER_EVALUATION = 3;
/** The same below ExcelApi 1.6, where row fills are read before colouring (rows, then mixed rows' cells). */
export const MAX_SYNCS_PER_EVALUATION_WITHOUT_CONDITIONAL_FORMATS = 5;
/** A write request is split so no request exceeds this (Excel on the web: 5 MB). */
export const WRITE_BUDGET_BYTES = 4 * 1024 * 1024;

/** DATE(2000,1,1) is 36526 in the 1900 date system and 35064 in the 1904 system. */
const DATE_2000_1904 = 35064;

/**
 * A mark name: whether it exists, its full address (null when it refers to nothing, e.g. a deleted
 * sheet's cells), and its cells when they are on the ledger sheet.
 */
interface NameMark {
  readonly exists: boolean;
  readonly address: string | null;
  readonly local: string | null;
}

/** What an undo puts back for a mark name: its address, `=#REF!` for one referring to nothing, null when absent. */
const addressBefore = (mark: NameMark): string | null =>
  mark.exists && mark.address === null ? REFERS_TO_NOTHING : mark.address;

interface Probe {
  readonly sheet: XlWorksheet;
  readonly sheetName: string;
  readonly sheetId: string;
  readonly sheetNames: readonly string[];
  readonly used: Rect | null;
  readonly date1904: boolean;
  readonly selection: Rect | null;
  readonly tables: readonly XlTable[];
  /** This sheet's column marks from an earlier run (absent: null addresses), and the pair of names they use. */
  readonly names: { readonly status: NameMark; readonly opinion: NameMark };
  readonly markNames: { readonly status: string; readonly opinion: string };
  readonly marker: { readonly raw: unknown; readonly parsed: Marker | null };
  readonly rules: readonly XlConditionalFormat[];
  /** The ids of every conditional format on the sheet (null below ExcelApi 1.6). */
  readonly ruleIds: readonly string[] | null;
  /** The used range's first `HEADER_SAMPLE_ROWS` rows of columns A…BL (values and formats), null on an empty sheet. */
  readonly sample: HeaderSample | null;
  /** The sheet's merged areas (empty below ExcelApi 1.13, where they are unknown). */
  readonly merges: readonly MergeArea[];
  /** Values of the used range's first rows in columns A…P (`PREFETCH_ADDRESS`); null without the prefetch. */
  readonly known: KnownValues | null;
  /** The sheet holding the recorded periods (`historySheetToRead`), null when there is none. */
  readonly historySheet: string | null;
}

/**
 * Sync 1, with the prefetch; sent again without it if Excel finds that response too large (the probe
 * changes nothing, so sending it again is safe).
 */
async function probeWorkbook(context: XlContext, request: EvaluateRequest, features: HostFeatures): Promise<Probe> {
  try {
    return await probeOnce(context, request, features, true);
  } catch (error) {
    if ((error as { code?: string }).code !== "ResponsePayloadSizeLimitExceeded") throw error;
    return probeOnce(context, request, features, false);
  }
}

/** One probe sync: queue its loads, sync, make the probe record of what came back. */
async function probeOnce(
  context: XlContext,
  request: EvaluateRequest,
  features: HostFeatures,
  prefetch: boolean,
): Promise<Probe> {
  const queued = queueProbeLoads(context, request, features, prefetch);
  await syncProbe(context, request);
  return probeFromLoaded(context, queued, features);
}

/** The probe's loads, queued and not yet synced. */
interface QueuedProbe {
  readonly sheet: XlWorksheet;
  readonly selection: (XlLoadable & { readonly address: string; readonly areaCount?: number }) | null;
  readonly used: XlRange;
  readonly sample: XlRange;
  readonly head: XlRange | null;
  readonly merged: ReturnType<typeof queueMergedAreas>;
  readonly rules: XlConditionalFormatCollection | null;
  readonly dateProbe: XlFunctionResult<number>;
  readonly pairNames: readonly {
    readonly pair: { readonly status: string; readonly opinion: string };
    readonly status: QueuedName;
    readonly opinion: QueuedName;
  }[];
  readonly marker: XlSetting;
  /** The marks of the add-in's own sheets (`OWNED_SHEET_MARKS`), 评估记录's among them. */
  readonly ownedMarks: readonly QueuedName[];
}

/** Queues everything sync 1 loads (nothing is read yet). */
function queueProbeLoads(
  context: XlContext,
  request: EvaluateRequest,
  features: HostFeatures,
  prefetch: boolean,
): QueuedProbe {
  const wb = context.workbook;
  wb.worksheets.load("items/name");
  let sheet: XlWorksheet;
  let selection: QueuedProbe["selection"] = null;
  if (request.source.kind === "selection") {
    // `getSelectedRange()` fails the batch when several areas are selected; `getSelectedRanges()` (1.9)
    // says how many there are, so the user is told to select one.
    const selected = features.rangeAreas ? wb.getSelectedRanges() : wb.getSelectedRange();
    selected.load(features.rangeAreas ? "address,areaCount" : "address");
    selection = selected;

    sheet = selected.worksheet;
    sheet.tables.load("items/name");
  } else if (request.source.kind === "sheet") {
    sheet = wb.worksheets.getItem(request.source.name);
  } else {
    sheet = wb.worksheets.getActiveWorksheet();
  }
  sheet.load("name,id");
  sheet.protection.load("protected");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("address");
  // The header sample: the used part of a fixed box (a range, never a null object, to chain on).
  const sample = sheet.getRange(HEADER_SAMPLE_ADDRESS).getUsedRangeOrNullObject(true);
  sample.load("address,values,numberFormat");
  // The prefetch: the used part of a fixed box (rows 1…PREFETCH_ROWS, columns A…P), so its address need not be known.
  const head = prefetch ? sheet.getRange(PREFETCH_ADDRESS).getUsedRangeOrNullObject(true) : null;
  head?.load("address,values");
  // The header sample's merged areas (the rest come with the read): never the whole sheet's at once,
  // which fails over 512 merged areas.
  const merged = features.mergedAreas ? queueMergedAreas(sheet, HEADER_SAMPLE_RECT) : [];
  const rules = features.conditionalFormats ? queueRulesLoad(sheet) : null;
  if (features.readOnlyFlag) wb.load("readOnly");
  const dateProbe = wb.functions.date(2000, 1, 1);
  dateProbe.load("value");
  // Every pair of column mark names: which sheet each pair marks, so this sheet's pair (or a free one) is used.
  const pairNames = COLUMN_MARK_PAIRS.map((pair) => ({
    pair,
    status: queueNameLoad(wb.names, pair.status),
    opinion: queueNameLoad(wb.names, pair.opinion),
  }));
  const marker = wb.settings.getItemOrNullObject(MARKS_SETTING_KEY);
  marker.load("value");
  const ownedMarks = OWNED_SHEET_MARKS.map((name) => queueNameLoad(wb.names, name));
  return { sheet, selection, used, sample, head, merged, rules, dateProbe, pairNames, marker, ownedMarks };
}

/** The probe's sync. A named sheet that does not exist fails it with ItemNotFound (told apart here). */
async function syncProbe(context: XlContext, request: EvaluateRequest): Promise<void> {
  try {
    await context.sync();
  } catch (error) {
    if (request.source.kind === "sheet" && (error as { code?: string }).code === "ItemNotFound") {
      failWith("no-ledger", HOST_MESSAGES.noSheet(request.source.name));
    }
    throw error;
  }
}

/**
 * The probe record from sync 1's loads, after refusing what cannot be evaluated (several areas selected,
 * a sheet of the add-in's own, a read-only workbook, a protected sheet, every pair of mark names taken).
 */
function probeFromLoaded(context: XlContext, queued: QueuedProbe, features: HostFeatures): Probe {
  const wb = context.workbook;
  const { sheet, selection, used, sample, head, merged, rules, dateProbe, pairNames, marker, ownedMarks } = queued;
  if (selection && features.rangeAreas && (selection.areaCount ?? 1) > 1)
    failWith("several-areas", HOST_MESSAGES.severalAreas());
  // Our own sheet (the active one, the selection's, or the one named): no ledger, and 红黄灯清单 or the
  // 督办单 would read as one and get 预警状态 written into them. Told as "no ledger" with this sheet as
  // the one to skip, so the pane offers the ledger it finds elsewhere in one click (no rows: nothing to
  // pick a header from by hand).
  if (markedSheets(ownedMarks).has(sheet.name.toLowerCase()))
    failWith("no-ledger", HOST_MESSAGES.ownedSheet(sheet.name), { preview: { sheet: sheet.name, rows: [] } });
  if (features.readOnlyFlag && wb.readOnly) failWith("read-only", HOST_MESSAGES.readOnly());
  if (sheet.protection.protected) failWith("protected", HOST_MESSAGES.protected(sheet.name));
  const sheetName = sheet.name;
  const mark = ({ item, range }: QueuedName): NameMark => {
    if (item.isNullObject) return { exists: false, address: null, local: null };
    if (range.isNullObject) return { exists: true, address: null, local: null };
    const parsed = parseAddress(range.address);
    const local = parsed && parsed.sheet === sheetName ? localAddress(range.address) : null;
    return { exists: true, address: range.address, local };
  };
  const pairs = pairNames.map(({ pair, status, opinion }) => ({ pair, status: mark(status), opinion: mark(opinion) }));
  // This sheet's pair; else an unused one; else one left by a deleted sheet (names referring to nothing:
  // they mark nothing, and an undo puts them back as `=#REF!`).
  const ours =
    pairs.find((pr) => pr.status.local !== null || pr.opinion.local !== null) ??
    pairs.find((pr) => !pr.status.exists && !pr.opinion.exists) ??
    pairs.find((pr) => pr.status.address === null && pr.opinion.address === null);
  if (!ours) failWith("unknown", HOST_MESSAGES.tooManyMarkedSheets(COLUMN_MARK_PAIRS.length));
  const usedRect = used.isNullObject ? null : rectOf(used.address);
  const headRect = head && !head.isNullObject ? rectOf(head.address) : null;
  const sheetNames = wb.worksheets.items.map((s) => s.name);
  const historyMark = ownedMarks.find((m) => m.name === MARK_NAMES.history);
  const historySheet = historySheetToRead(
    sheetNames,
    !historyMark || historyMark.range.isNullObject ? null : historyMark.range.address,
  );
  return {
    sheet,
    sheetName,
    sheetId: sheet.id,
    sheetNames,
    // The ledger itself is never read as its own history (a user evaluating the 评估记录 sheet).
    historySheet: historySheet !== null && historySheet.toLowerCase() !== sheetName.toLowerCase() ? historySheet : null,
    used: usedRect,
    date1904: dateProbe.value === DATE_2000_1904,
    selection: selection ? rectOf(selection.address) : null,
    tables: selection ? sheet.tables.items : [],
    names: { status: ours.status, opinion: ours.opinion },
    markNames: ours.pair,
    marker: {
      raw: marker.isNullObject ? null : marker.value,
      parsed: marker.isNullObject ? null : parseMarker(marker.value),
    },
    rules: (rules?.items ?? []).filter(isOwnedRule),
    ruleIds: rules ? rules.items.map((cf) => cf.id) : null,
    sample: sample.isNullObject
      ? null
      : { rect: rectOf(sample.address), values: sample.values, numberFormats: sample.numberFormat },
    merges: loadedMerges(merged),
    // Stands in for reading its cells only inside the used range (as the used part of a box always is).
    known:
      head && headRect && usedRect && contains(usedRect, headRect) ? { rect: headRect, values: head.values } : null,
  };
}

/** The rectangle the engine reads: the Excel table the selection is in, else a multi-cell selection, else the used range. */
function ledgerRect(used: Rect, selection: Rect | null, tables: readonly Rect[]): Rect {
  if (!selection) return used;
  const table = tables.find((t) => intersect(t, { ...selection, bottom: selection.top, right: selection.left }));
  if (table) return table;
  const single = selection.top === selection.bottom && selection.left === selection.right;
  return single ? used : (intersect(selection, used) ?? used);
}

/** First 30 rows' texts, so the user can pick the header row by hand (`HostError.preview`). */
function previewOf(grid: Grid): { sheet: string; rows: { row: number; texts: string[] }[] } {
  return {
    sheet: grid.sheet,
    rows: grid.values
      .slice(0, 30)
      .map((cells, i) => ({ row: grid.origin.row + i, texts: cells.map((v) => cellText(v)) })),
  };
}

interface OwnedWrite {
  readonly rect: Rect;
  readonly values: string[][];
  readonly before: unknown[][];
}

/**
 * The owned columns' write (SPEC §8: the add-in owns the cells it wrote "and nothing else"): the rows an
 * earlier run wrote (`previous`, from its mark names) that this run does not write again are emptied,
 * and the rows from the header to the last item (`writtenRows`) are written — so evaluating again
 * replaces instead of adding, and a user's value above the header or under the ledger in those columns
 * is never touched. Refuses a cell it is about to write that is not an earlier run's and holds anything.
 * A column whose header cell says 预警状态 / 评估意见 but has no mark (a copied sheet) is taken as an
 * earlier version's (`legacyWrittenRows`).
 */
function ownedWrites(
  plan: MarksPlan,
  read: SheetRead | null,
  previous: { status: readonly OwnedSpan[]; opinion: readonly OwnedSpan[] },
): OwnedWrite[] {
  const byRow = new Map(plan.rows.map((r) => [r.row, r]));
  const next = writtenRows(plan);
  const columns: { col: number; header: string; text: (row: number) => string; isOurs: (t: string) => boolean }[] = [
    { col: plan.statusCol, header: STATUS_HEADER, text: (row) => byRow.get(row)?.status ?? "", isOurs: isStatusText },
    {
      col: plan.opinionCol,
      header: OPINION_HEADER,
      text: (row) => byRow.get(row)?.opinion ?? "",
      isOurs: isOpinionText,
    },
  ];
  const valueAt = (row: number, col: number): CellValue => (read ? readCell(read, row, col) : null);
  // Empty means nothing at all: a cell holding only spaces (or a full-width space) is the user's too,
  // and writing over it would lose it when 清除标记 empties the column (found by test/reliability).
  const isEmpty = (row: number, col: number): boolean => {
    const value = valueAt(row, col);
    return value === null || value === "";
  };
  const beforeOf = (row: number, col: number): unknown => {
    const old = valueAt(row, col);
    return old === null ? "" : typeof old === "object" ? cellText(old) : old;
  };
  const spans = [...previous.status, ...previous.opinion];
  for (const { col, header, isOurs } of columns) {
    if (spans.some((s) => s.col === col) || cellText(valueAt(plan.headerRow, col)) !== header) continue;
    const lastRow = read ? read.rect.bottom : plan.headerRow;
    spans.push({ col, rows: legacyWrittenRows(plan.headerRow, lastRow, (r) => markText(valueAt(r, col)), isOurs) });
  }

  const writes: OwnedWrite[] = [];
  const empty = (col: number, rows: RowSpan): void => {
    const rect = { top: rows.top, bottom: rows.bottom, left: col, right: col };
    const values: string[][] = [];
    const before: unknown[][] = [];
    for (let row = rows.top; row <= rows.bottom; row++) {
      values.push([""]);
      before.push([beforeOf(row, col)]);
    }
    writes.push({ rect, values, before });
  };
  // Earlier runs' rows this run does not write: emptied (a ledger that shrank, a column that moved).
  const owned = new Set(columns.map((c) => c.col));
  for (const span of spans) {
    if (!owned.has(span.col)) empty(span.col, span.rows);
    else for (const rows of rowsOutside(span.rows, next)) empty(span.col, rows);
  }
  for (const { col, header, text } of columns) {
    const ours = (row: number): boolean => inSpans(spans, row, col);
    const occupied = (address: string): never =>
      failWith("unknown", HOST_MESSAGES.ownedColumnsOccupied(plan.sheet, address));
    if (!ours(next.top) && !isEmpty(next.top, col)) occupied(`${columnLetter(col)}${next.top}`);
    for (let row = next.top + 1; row <= next.bottom; row++)
      if (!ours(row) && !isEmpty(row, col))
        occupied(`${columnLetter(col)}${next.top + 1}:${columnLetter(col)}${next.bottom}`);
    const values: string[][] = [];
    const before: unknown[][] = [];
    for (let row = next.top; row <= next.bottom; row++) {
      values.push([row === next.top ? header : text(row)]);
      before.push([beforeOf(row, col)]);
    }
    writes.push({ rect: { top: next.top, bottom: next.bottom, left: col, right: col }, values, before });
  }
  return writes;
}

/**
 * Consecutive groups of `items` whose sizes add up to at most `budget` each (an item larger than the
 * budget alone in its group): the requests a write needs.
 */
export function packBySize<T>(items: readonly T[], size: (item: T) => number, budget: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const itemBytes = size(item);
    if (current.length > 0 && bytes + itemBytes > budget) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += itemBytes;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** What a piece costs in the request: its values as JSON (the address and envelope are small). */
function requestBytesOf(write: OwnedWrite): number {
  return payloadBytes(write.values);
}

/**
 * The date fields' source columns of the engine's layout whose formats the read did not load (empty when
 * the header sample showed the same layout — the usual case).
 */
function missingFormatColumns(read: SheetRead, columns: Partial<Record<FieldKey, number>>): number[] {
  if (read.formatColumns === "all") return [];
  const loaded = new Set(read.formatColumns);
  return dateSourceColumns(columns, read.merges).filter(
    (c) => c >= read.rect.left && c <= read.rect.right && !loaded.has(c),
  );
}

/** Splits a one-column write into pieces whose JSON stays under the request budget. */
function splitByBytes(write: OwnedWrite, budget: number): OwnedWrite[] {
  // Usually the whole column fits: one measure of it instead of one per row.
  if (payloadBytes(write.values) <= budget) return [write];
  const pieces: OwnedWrite[] = [];
  let start = 0;
  let bytes = 0;
  write.values.forEach((row, i) => {
    const size = payloadBytes(row) + 1;
    if (i > start && bytes + size > budget) {
      pieces.push(slice(write, start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
  });
  pieces.push(slice(write, start, write.values.length));
  return pieces;
}

function slice(write: OwnedWrite, from: number, to: number): OwnedWrite {
  return {
    rect: { ...write.rect, top: write.rect.top + from, bottom: write.rect.top + to - 1 },
    values: write.values.slice(from, to),
    before: write.before.slice(from, to),
  };
}

function desiredRules(plan: MarksPlan): RuleToAdd[] {
  const area = plan.colourArea;
  const address = rectAddress({ top: area.firstRow, bottom: area.lastRow, left: area.firstCol, right: area.lastCol });
  const letter = columnLetter(plan.statusCol);
  return COLOURED_LIGHTS.map((light) => ({
    address,
    formula: `=${colourRuleFormula(light, letter, area.firstRow)}`,
    fill: LIGHT_FILLS[light] ?? "",
  }));
}

const sameRules = (a: readonly Omit<OwnedRule, "id">[], b: readonly Omit<OwnedRule, "id">[]): boolean =>
  a.length === b.length &&
  a.every((r) =>
    b.some((s) => s.address === r.address && s.formula === r.formula && s.fill.toUpperCase() === r.fill.toUpperCase()),
  );

/** Cells the fallback colours: every ledger column of each item row with a coloured light. */
function colouredCells(plan: MarksPlan): Map<string, string> {
  const out = new Map<string, string>();
  const { firstCol, lastCol } = plan.colourArea;
  for (const row of plan.rows) {
    const fill = LIGHT_FILLS[row.light];
    if (!fill) continue;
    for (let c = firstCol; c <= lastCol; c++) out.set(fillKey(row.row, c), fill.toUpperCase());
  }
  return out;
}

/** Where each step of an evaluation puts the progress bar (0…1): reading, the engine's share, writing. */
const PROGRESS = { probed: 0.1, read: 0.3, engine: 0.55, write: 0.85 } as const;

/**
 * The next task of the page: the steps on the pane's thread (building the grid, planning the marks)
 * each get a task of their own, so the pane can paint between them.
 */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export async function evaluateInExcel(
  context: XlContext,
  request: EvaluateRequest,
  features: HostFeatures,
  runEngine: EngineRunner = runEngineInThread,
): Promise<EvaluateOutcome> {
  const progress = request.onProgress ?? (() => undefined);
  progress(0, "read");
  const probe = await probeWorkbook(context, request, features);
  progress(PROGRESS.probed, "read");
  await nextTask();
  const contents = await readSheetContents(context, request, features, probe);
  progress(PROGRESS.read, "evaluate");
  await nextTask();
  const onEngineProgress = ({ fraction, rowsDone, rowsTotal }: EngineProgress): void =>
    progress(Math.min(PROGRESS.write, PROGRESS.read + PROGRESS.engine * fraction), "evaluate", {
      done: rowsDone,
      total: rowsTotal,
    });
  const { result, read } = await evaluateContents(context, request, probe, contents, runEngine, onEngineProgress);
  progress(PROGRESS.write, "write");
  await nextTask();
  const plan = planMarks(result);
  await nextTask();
  const write = planMarksWrite(plan, probe, read, contents.oldRules, features);
  const fallback = features.conditionalFormats ? null : await readAndPlanFallbackFills(context, probe, plan);
  const before = undoSnapshotOf(probe, write, contents.oldRules, fallback);
  await commitMarksWithUndo(context, features, probe, plan, write, fallback, before);
  progress(1, "write");
  return { result, sheet: probe.sheetName, surveySheet: contents.surveyName, history: contents.history };
}

/** What sync 2 read: the ledger's cells, the rectangle the engine reads, the survey, our old rules. */
interface SheetContents {
  /** The used range's cells; null on an empty sheet. */
  readonly read: SheetRead | null;
  /** The rectangle the engine reads (`ledgerRect`); null on an empty sheet. */
  readonly crop: Rect | null;
  readonly surveyName: string | null;
  readonly surveyGrid: Grid | null;
  readonly oldRules: readonly OwnedRule[];
  /** The periods recorded in the history sheet (empty when there is none). */
  readonly history: readonly PeriodRecord[];
}

/**
 * Sync 2 (with the first read block): the used range's cells, the survey's used range and first rows,
 * the Excel tables' ranges, our old rules' ranges — then a larger survey's further blocks.
 */
async function readSheetContents(
  context: XlContext,
  request: EvaluateRequest,
  features: HostFeatures,
  probe: Probe,
): Promise<SheetContents> {
  const { sheet } = probe;
  const surveyName = pickSurveySheet(probe.sheetNames, request.settings, probe.sheetName);
  const surveySheet = surveyName !== null ? context.workbook.worksheets.getItem(surveyName) : null;
  const surveyUsed = surveySheet?.getUsedRangeOrNullObject(true) ?? null;
  const surveyHead = surveySheet?.getRange(SURVEY_HEAD_ADDRESS).getUsedRangeOrNullObject(true) ?? null;
  const historySheet = probe.historySheet !== null ? context.workbook.worksheets.getItem(probe.historySheet) : null;
  const historyUsed = historySheet?.getUsedRangeOrNullObject(true) ?? null;
  const historyHead = historySheet?.getRange(HISTORY_HEAD_ADDRESS).getUsedRangeOrNullObject(true) ?? null;
  const tableRanges = probe.tables.map((t) => t.getRange());
  const ruleParts = probe.rules.map((cf) => ({ cf, areas: queueRuleAreas(cf, features), fill: cf.custom.format.fill }));
  const loadExtras = (): void => {
    surveyUsed?.load("address");
    surveyHead?.load("address,values,numberFormat");
    historyUsed?.load("address");
    historyHead?.load("address,values");
    tableRanges.forEach((r) => r.load("address"));
    ruleParts.forEach(({ fill }) => fill.load("color"));
  };
  let read: SheetRead | null = null;
  const sampled = probe.sample ? sampleGrid(probe.sheetName, probe.sample, probe.merges, probe.date1904) : null;
  const formatColumns = formatColumnsFromSample(sampled, request.settings.mapping, probe.merges);
  if (probe.used) {
    const costs = cellCosts(probe.sample, probe.known, formatColumns);
    const blocks = planReadBlocks(probe.used, probe.known?.rect ?? null, formatColumns, costs);
    read = await readRect(context, sheet, probe.used, {
      blocks,
      formatColumns,
      merges: probe.merges,
      readMerges: features.mergedAreas,
      known: probe.known,
      extra: loadExtras,
    });
  } else {
    loadExtras();
    await context.sync();
  }
  const oldRules: OwnedRule[] = ruleParts.map(({ cf, areas, fill }) => ({
    id: cf.id,
    address: ruleAreasAddress(areas),
    formula: cf.customOrNullObject.rule.formula,
    fill: (fill.color ?? "").toUpperCase(),
  }));
  const crop = probe.used
    ? ledgerRect(
        probe.used,
        probe.selection,
        tableRanges.map((r) => rectOf(r.address)),
      )
    : null;
  const surveyGrid =
    surveySheet && surveyUsed && surveyHead && !surveyUsed.isNullObject && surveyName !== null
      ? await readWholeSheet(context, surveySheet, surveyName, { used: surveyUsed, head: surveyHead }, probe.date1904)
      : null;
  // Values only: the sheet writes its dates as text, and a date a user retyped reads as a serial.
  const historyGrid =
    historySheet && historyUsed && historyHead && !historyUsed.isNullObject && probe.historySheet !== null
      ? await readWholeSheet(
          context,
          historySheet,
          probe.historySheet,
          { used: historyUsed, head: historyHead },
          probe.date1904,
          [],
        )
      : null;
  const history = historyGrid ? readHistorySheet(historyGrid).records : [];
  return { read, crop, surveyName, surveyGrid, oldRules, history };
}

/**
 * The engine's result for what was read. If its layout needs a date column whose formats were not read,
 * they are read in one more sync and the ledger is evaluated again. A sheet with no ledger fails here.
 */
async function evaluateContents(
  context: XlContext,
  request: EvaluateRequest,
  probe: Probe,
  contents: SheetContents,
  runEngine: EngineRunner,
  onProgress: (progress: EngineProgress) => void,
): Promise<{ result: EvaluationResult; read: SheetRead | null }> {
  const { crop, surveyGrid } = contents;
  // Always with a history (empty before the first period is recorded): the result then carries this
  // period's records, which 生成汇总表 writes to 评估记录.
  const history = { records: contents.history, source: "history" as const };
  let { read } = contents;
  const emptyGrid: Grid = {
    sheet: probe.sheetName,
    origin: { row: 1, col: 1 },
    values: [],
    merges: [],
    date1904: probe.date1904,
  };
  let grid = read && crop ? gridOf(probe.sheetName, read, crop, probe.date1904) : emptyGrid;
  const { today, settings } = request;
  let evaluation: Evaluation = await runEngine(
    { ledger: grid, survey: surveyGrid, today, settings, history },
    onProgress,
  );
  const missing = evaluation.ok && read ? missingFormatColumns(read, evaluation.result.layout.columns) : [];
  if (read && crop && missing.length > 0) {
    read = await readMoreFormats(
      context,
      probe.sheet,
      read,
      missing,
      // Every value is read already: blocks of formats only.
      planReadBlocks(read.rect, read.rect, missing, cellCosts(probe.sample, probe.known, missing)),
    );
    grid = gridOf(probe.sheetName, read, crop, probe.date1904);
    // Rare (a ledger lower than the header sample): the bar stays where the first run left it.
    evaluation = await runEngine({ ledger: grid, survey: surveyGrid, today, settings, history });
  }
  if (!evaluation.ok)
    failWith("no-ledger", evaluation.message, { failure: evaluation.failure, preview: previewOf(grid) });
  return { result: evaluation.result, read };
}

/** The write to the ledger sheet, planned from what was read: owned cells (with their values before) and rules. */
interface MarksWrite {
  /** The owned columns' pieces, each under the request budget. */
  readonly writes: readonly OwnedWrite[];
  /** Our rules as they should be (`desiredRules`). */
  readonly rules: readonly RuleToAdd[];
  /** Whether the old rules are replaced by `rules` (false when they are the same, or without ExcelApi 1.6). */
  readonly replaceRules: boolean;
}

/** Plans the owned columns' write and the rules (no sync). Refuses a cell to write that holds the user's value. */
function planMarksWrite(
  plan: MarksPlan,
  probe: Probe,
  read: SheetRead | null,
  oldRules: readonly OwnedRule[],
  features: HostFeatures,
): MarksWrite {
  const markRect = (mark: NameMark): Rect | null => (mark.local ? (parseAddress(mark.local)?.rect ?? null) : null);
  const previous = previousOwnedSpans(
    { status: markRect(probe.names.status), opinion: markRect(probe.names.opinion) },
    read ? read.rect.bottom : 0,
    (row, col) => (read ? readCell(read, row, col) : null),
  );
  const writes = ownedWrites(plan, read, previous).flatMap((w) => splitByBytes(w, WRITE_BUDGET_BYTES));
  const rules = desiredRules(plan);
  const replaceRules = features.conditionalFormats && !sameRules(rules, oldRules);
  return { writes, rules, replaceRules };
}

/** Below ExcelApi 1.6 the rows are coloured directly: the fills before, the fills to apply, the new fill record. */
interface FallbackFills {
  readonly before: FillMap;
  readonly toApply: FillMap;
  readonly record: Marker;
}

/**
 * Reads the current fills of every cell the fallback colours now or coloured before (`readFillsOf`), then
 * plans: cells to colour get their light's fill, cells no longer coloured get the user's original back,
 * and the fill record keeps each coloured cell's original.
 */
async function readAndPlanFallbackFills(context: XlContext, probe: Probe, plan: MarksPlan): Promise<FallbackFills> {
  const old = probe.marker.parsed;
  const recorded = old?.sheets[probe.sheetId];
  const oldOriginals = recorded ? decodeFills(recorded) : new Map<string, string>();
  const colours = colouredCells(plan);
  const touched = new Set([...colours.keys(), ...oldOriginals.keys()]);
  const before = await readFillsOf(context, probe.sheet, touched);
  const toApply: FillMap = new Map();
  const originals: FillMap = new Map();
  for (const key of touched) {
    const colour = colours.get(key);
    const original = oldOriginals.get(key) ?? before.get(key) ?? NO_FILL;
    if (colour) {
      originals.set(key, original);
      if (before.get(key) !== colour) toApply.set(key, colour);
    } else if (before.get(key) !== original) toApply.set(key, original);
  }
  return {
    before,
    toApply,
    record: { version: 2, sheets: { ...old?.sheets, [probe.sheetId]: encodeFills(originals) } },
  };
}

/** What the write changes, as it was before: what `restoreMarks` puts back if the write fails. */
function undoSnapshotOf(
  probe: Probe,
  write: MarksWrite,
  oldRules: readonly OwnedRule[],
  fallback: FallbackFills | null,
): MarksBefore {
  return {
    owned: write.writes.map((w) => ({ rect: w.rect, values: w.before })),
    names: { status: addressBefore(probe.names.status), opinion: addressBefore(probe.names.opinion) },
    markNames: probe.markNames,
    rules: oldRules,
    ruleIdsBefore: probe.ruleIds,
    fills: fallback?.before ?? null,
    marker: probe.marker.raw,
  };
}

/**
 * The write sync (more only for a request over `WRITE_BUDGET_BYTES`): the owned cells, the fills or
 * rules, the mark names, the fill record. A failure is undone (`restoreMarks`) so the workbook is as before.
 */
async function commitMarksWithUndo(
  context: XlContext,
  features: HostFeatures,
  probe: Probe,
  plan: MarksPlan,
  write: MarksWrite,
  fallback: FallbackFills | null,
  before: MarksBefore,
): Promise<void> {
  const { sheet } = probe;
  /** Whether a write sync went through (only a write too large for one request has more than one). */
  let wrote = false;
  try {
    if (features.pageLayout) context.application.suspendScreenUpdatingUntilNextSync();
    // Every piece rides in the final sync unless their request would exceed the budget: then the earlier
    // batches go first, one sync each (only a ledger far beyond 20,000 rows).
    const batches = packBySize(write.writes, requestBytesOf, WRITE_BUDGET_BYTES);
    for (const [i, batch] of batches.entries()) {
      if (i > 0) {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- only for a write too large for one request: one sync per full request budget
        await context.sync();
        wrote = true;
      }
      for (const piece of batch) sheet.getRange(rectAddress(piece.rect)).values = piece.values;
    }
    if (fallback) queueFills(sheet, fallback.toApply);
    if (write.replaceRules) {
      for (const rule of write.rules) queueAddRule(sheet, rule);
      for (const cf of probe.rules) cf.delete();
    }
    const rows = writtenRows(plan);
    queueMarkName(context, probe.markNames.status, probe.names.status, sheet, { ...rows, col: plan.statusCol });
    queueMarkName(context, probe.markNames.opinion, probe.names.opinion, sheet, { ...rows, col: plan.opinionCol });
    if (fallback) context.workbook.settings.add(MARKS_SETTING_KEY, fallback.record);
    await context.sync();
  } catch (error) {
    // The user started editing a cell after the read: Excel refused the write whole, nothing to undo.
    if (!wrote && refusedInCellEditMode(error)) failWith("cell-edit", HOST_MESSAGES.cellEdit());
    try {
      await restoreMarks(context, probe.sheetId, before, features);
    } catch (undoError) {
      failWith("unknown", HOST_MESSAGES.undoFailed(undoError instanceof Error ? undoError.message : String(undoError)));
    }
    throw error instanceof HostErrorCarrier ? error : new HostErrorCarrier(hostErrorFrom(error, probe.sheetName));
  }
}

/**
 * Points a mark name at the cells written in an owned column, header through the last item (replacing it
 * when it referred to other cells): what a later run and 清除标记 may empty, and nothing more.
 */
function queueMarkName(
  context: XlContext,
  name: string,
  mark: NameMark,
  sheet: XlWorksheet,
  written: { top: number; bottom: number; col: number },
): void {
  const range = rectAddress({ top: written.top, bottom: written.bottom, left: written.col, right: written.col });
  if (mark.local === range) return;
  if (mark.exists) context.workbook.names.getItemOrNullObject(name).delete();
  context.workbook.names.add(name, sheet.getRange(range));
}

/**
 * A whole sheet (the survey, the history) as a grid: its first rows (`SURVEY_HEAD_ADDRESS`,
 * `HISTORY_HEAD_ADDRESS`, loaded with the first read sync) hold an ordinary one whole; the rest of a
 * larger one is read in planned blocks, each response under the budget (`planReadBlocks`, costs measured
 * on the first rows). `formatColumns` `[]`: values only (the head was loaded without formats).
 */
async function readWholeSheet(
  context: XlContext,
  sheet: XlWorksheet,
  name: string,
  loaded: { readonly used: XlRange; readonly head: XlRange },
  date1904: boolean,
  formatColumns: "all" | [] = "all",
): Promise<Grid> {
  const rect = rectOf(loaded.used.address);
  const head = loaded.head.isNullObject
    ? null
    : {
        rect: rectOf(loaded.head.address),
        values: loaded.head.values,
        numberFormats: formatColumns === "all" ? loaded.head.numberFormat : [],
      };
  if (head && contains(head.rect, rect))
    return gridOf(name, loadedRead(rect, head.values, head.numberFormats), rect, date1904);
  const known = head ? { rect: head.rect, values: head.values } : null;
  const read = await readRect(context, sheet, rect, {
    blocks: planReadBlocks(rect, known?.rect ?? null, formatColumns, cellCosts(head, known, formatColumns)),
    formatColumns,
    merges: [],
    readMerges: false,
    known,
  });
  return gridOf(name, read, rect, date1904);
}
