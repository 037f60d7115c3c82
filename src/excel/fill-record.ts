/**
 * The add-in's own record in the workbook settings (ExcelApi 1.4 `workbook.settings`), beside the
 * defined names of `MARK_NAMES` (which mark the owned columns and the summary sheet for both hosts):
 * what only Excel's fallback path needs to undo — the user's original fills of the cells it coloured
 * directly when conditional formats were not available. Parsed with zod at the boundary.
 */
import { z } from "zod";

export const MARKS_SETTING_KEY = "zgtz.marks";
/** The user's settings (SPEC §5: "the choice travels with the workbook"). */
export const SETTINGS_KEY = "zgtz.settings";

/** Colour (`#RRGGBB` or `none`) → A1 addresses: the fills before the add-in coloured those cells. */
const OriginalFillsSchema = z.record(z.string(), z.array(z.string()));

export const MarkerSchema = z.union([
  /** Version 2: worksheet id → that ledger sheet's original fills (one entry per marked sheet). */
  z.object({ version: z.literal(2), sheets: z.record(z.string(), OriginalFillsSchema) }),
  /** Version 1 (earlier releases): one ledger sheet. */
  z.object({ version: z.literal(1), sheetId: z.string(), originalFills: OriginalFillsSchema }),
]);

export interface Marker {
  readonly version: 2;
  readonly sheets: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/**
 * A stored marker as version 2, or null when absent or not ours (a damaged record is ignored, never
 * trusted).
 */
export function parseMarker(value: unknown): Marker | null {
  let data = value;
  if (typeof value === "string") {
    try {
      data = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const parsed = MarkerSchema.safeParse(data);
  if (!parsed.success) return null;
  const marker = parsed.data;
  return marker.version === 2 ? marker : { version: 2, sheets: { [marker.sheetId]: marker.originalFills } };
}
