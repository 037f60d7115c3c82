/**
 * A comparable picture of a workbook as exceljs reads it: sheet names and order, defined names,
 * column widths, merges, conditional formats and, per cell, value, formula, number format, fill,
 * font, border and alignment. Used to prove 清除标记 leaves the workbook as it was (SPEC §8).
 *
 * An empty cell whose style is what the row/column would give it anyway counts as absent, since
 * Excel shows both the same. Attributes spelt out at their default value (`horizontal: "general"`,
 * `indent: 0`, number format `General`…, as LibreOffice writes them and exceljs drops them on
 * saving) are removed before comparing: they show nothing.
 */
import ExcelJS from "exceljs";

function clean(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function isEmptyStyle(cell: ExcelJS.Cell, row: ExcelJS.Row, column: ExcelJS.Column): boolean {
  const style = clean(cell.style) as Record<string, unknown>;
  const inherited = clean({ ...(column.style ?? {}), ...((row as unknown as { style?: object }).style ?? {}) });
  return JSON.stringify(style ?? {}) === JSON.stringify(inherited ?? {}) || Object.keys(style ?? {}).length === 0;
}

const DEFAULT_ALIGNMENT: Record<string, unknown> = {
  horizontal: "general",
  indent: 0,
  shrinkToFit: false,
  textRotation: 0,
  wrapText: false,
};

function withoutDefaults(cell: Record<string, unknown>): Record<string, unknown> {
  const out = { ...cell };
  if (out.numFmt === "General") delete out.numFmt;
  if (out.alignment && typeof out.alignment === "object") {
    const alignment = Object.fromEntries(
      Object.entries(out.alignment as Record<string, unknown>).filter(
        ([key, value]) => DEFAULT_ALIGNMENT[key] !== value,
      ),
    );
    out.alignment = alignment;
  }
  return out;
}

export async function workbookSnapshot(path: string): Promise<unknown> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return {
    sheets: workbook.worksheets.map((ws) => {
      const cells: Record<string, unknown> = {};
      ws.eachRow({ includeEmpty: true }, (row) => {
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          const empty = cell.value === null || cell.value === undefined;
          if (empty && isEmptyStyle(cell, row, ws.getColumn(col))) return;
          cells[cell.address] = withoutDefaults(
            clean({
              value: cell.value,
              numFmt: cell.numFmt,
              fill: cell.fill,
              font: cell.font,
              border: cell.border,
              alignment: cell.alignment,
            }) as Record<string, unknown>,
          );
        });
      });
      const widths: Record<number, number | undefined> = {};
      for (let c = 1; c <= Math.max(ws.columnCount, 30); c++) {
        const width = ws.getColumn(c).width;
        if (width !== undefined) widths[c] = width;
      }
      return {
        name: ws.name,
        state: ws.state,
        widths,
        merges: clean((ws as unknown as { _merges: unknown })._merges),
        conditionalFormattings: clean((ws as unknown as { conditionalFormattings: unknown }).conditionalFormattings),
        cells,
      };
    }),
    definedNames: clean((workbook.definedNames as unknown as { model: unknown }).model),
  };
}
