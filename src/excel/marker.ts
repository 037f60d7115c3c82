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

export const MarkerSchema = z.object({
  version: z.literal(1),
  /** Worksheet id of the ledger sheet whose fills are recorded. */
  sheetId: z.string(),
  /** Colour (`#RRGGBB` or `none`) → A1 addresses: the fills before the add-in coloured those cells. */
  originalFills: z.record(z.string(), z.array(z.string())),
});
export type Marker = z.infer<typeof MarkerSchema>;

/** A stored marker, or null when absent or not ours (a damaged record is ignored, never trusted). */
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
  return parsed.success ? parsed.data : null;
}
