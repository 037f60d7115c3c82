/** The Excel double's workbook written to an .xlsx file (`npm run host -- evaluate … --out`). */
import { writeFileSync } from "node:fs";
import type { WorkbookModel } from "../model";
import { workbookModelBytes } from "./write-package";

export * from "./write-package";

/** Writes the double's workbook to `path` (replacing it). */
export async function writeWorkbookModel(model: WorkbookModel, path: string): Promise<void> {
  writeFileSync(path, await workbookModelBytes(model));
}
