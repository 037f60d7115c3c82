/**
 * Defined names of the double, as Excel keeps them:
 * - a name whose sheet was deleted stays, referring to `#REF!` (`NamedItem.value` is `=#REF!`, its type
 *   `Error`, `getRangeOrNullObject()` a null object) — Excel never deletes a name by itself;
 * - a reference without `$` is relative: Excel stores it relative to the cell that was active when the
 *   name was defined, and resolves it against the active cell each time it is used — so `=Sheet1!K2`
 *   defined with A1 active means "column K+0, row 2+0 from the active cell", and drifts as the user moves.
 *   The model stores such a part relative to A1, as a .xlsx file does.
 */
import { MAX_COLS, MAX_ROWS, parseAddress, quoteSheetName, rectAddress, type Rect } from "../excel/address";
import type { NameModel, SheetModel, WorkbookModel } from "./model";

/** Which parts of a name's reference are relative (written without `$`). */
export interface RelativeParts {
  readonly rows: boolean;
  readonly cols: boolean;
}

/** A cell, 1-based. */
export interface CellRef {
  readonly row: number;
  readonly col: number;
}

const wrap = (value: number, size: number): number => ((((value - 1) % size) + size) % size) + 1;

function shift(rect: Rect, rows: number, cols: number): Rect {
  return {
    top: wrap(rect.top + rows, MAX_ROWS),
    bottom: wrap(rect.bottom + rows, MAX_ROWS),
    left: wrap(rect.left + cols, MAX_COLS),
    right: wrap(rect.right + cols, MAX_COLS),
  };
}

/** `true` for each part written without `$` (`K2` → both; `$K2` → rows; `$K$2:$K$8` → none). */
export function relativePartsOf(body: string): RelativeParts {
  let rows = false;
  let cols = false;
  for (const ref of body.split(":")) {
    const m = /^(\$?)([A-Za-z]*)(\$?)(\d*)$/.exec(ref.trim());
    if (!m) continue;
    if (m[2] && !m[1]) cols = true;
    if (m[4] && !m[3]) rows = true;
  }
  return { rows, cols };
}

/**
 * Parses a name's reference as `names.add(name, "=Sheet!A1")` takes it: `=#REF!` (refers to nothing), or
 * one range on a sheet, with `$` where absolute. A relative part is stored relative to A1 from the active
 * cell `activeCell` (Excel's rule). Null when it is neither (the caller decides the error).
 */
export function parseNameReference(
  model: WorkbookModel,
  text: string,
  activeCell: CellRef,
): Pick<NameModel, "sheetId" | "rect" | "relative"> | null {
  const body = text.trim().replace(/^=/, "");
  if (body.toUpperCase() === "#REF!") return { sheetId: null, rect: null };
  const parsed = parseAddress(body);
  if (!parsed || parsed.sheet === null) return null;
  const sheetName = parsed.sheet.toLowerCase();
  const sheet = model.sheets.find((s) => s.name.toLowerCase() === sheetName);
  if (!sheet) return { sheetId: null, rect: null };
  const local = body.slice(body.lastIndexOf("!") + 1);
  const parts = relativePartsOf(local);
  if (!parts.rows && !parts.cols) return { sheetId: sheet.id, rect: parsed.rect };
  const rect = parsed.rect;
  const stored = shift(rect, parts.rows ? 1 - activeCell.row : 0, parts.cols ? 1 - activeCell.col : 0);
  return { sheetId: sheet.id, rect: stored, relative: parts };
}

/** The active cell of the active sheet (a relative name resolves against it). */
export function activeCellOf(model: WorkbookModel): CellRef {
  return model.selection.activeCell;
}

/** The sheet and cells a name refers to now (a relative name: from the active cell); null for `#REF!`. */
export function nameTarget(model: WorkbookModel, name: NameModel): { sheet: SheetModel; rect: Rect } | null {
  if (name.sheetId === null || name.rect === null) return null;
  const sheet = model.sheets.find((s) => s.id === name.sheetId);
  if (!sheet) return null;
  const rel = name.relative;
  if (!rel || (!rel.rows && !rel.cols)) return { sheet, rect: name.rect };
  const active = activeCellOf(model);
  return { sheet, rect: shift(name.rect, rel.rows ? active.row - 1 : 0, rel.cols ? active.col - 1 : 0) };
}

/** `$K$2:$K$8` with `$` on the absolute parts only. */
function referenceBody(rect: Rect, rel: RelativeParts | undefined): string {
  return rectAddress(rect).replace(
    /([A-Z]+)(\d+)/g,
    (_m, col: string, row: string) => `${rel?.cols ? "" : "$"}${col}${rel?.rows ? "" : "$"}${row}`,
  );
}

/**
 * The name's formula as `NamedItem.value`/`formula` give it: `='台账'!$K$2:$K$8`, `=#REF!`, a relative one
 * resolved from the active cell, or a formula/constant name's own text.
 */
export function nameReferenceText(model: WorkbookModel, name: NameModel): string {
  if (name.formula !== undefined) return name.formula;
  const target = nameTarget(model, name);
  if (!target) return "=#REF!";
  return `=${quoteSheetName(target.sheet.name)}!${referenceBody(target.rect, name.relative)}`;
}

/** Excel's rule when a sheet is deleted: its own (sheet-scoped) names go with it, names referring to it become `#REF!`. */
export function namesAfterSheetDeleted(names: readonly NameModel[], sheetId: string): NameModel[] {
  return names
    .filter((n) => n.scopeSheetId !== sheetId)
    .map((n) => (n.sheetId === sheetId ? { ...n, sheetId: null, rect: null } : n));
}
