import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cellText } from "../../core/text";
import type { CellValue } from "../../core/types";
import { snapshotWorkbook } from "../model";
import { readWorkbook, WorkbookReadError } from "../../xlsx/read";
import { readWorkbookFromBytes } from "../../xlsx/read-bytes";
import { loadWorkbookModel } from "./load";
import { loadWorkbookModelFromBytes } from "./load-package";
import { workbookModelBytes } from "./write-package";

const ROOT = join(__dirname, "../../..");
const FILES = [
  "test/fixtures/county-ledger.xlsx",
  "test/fixtures/lo/audit-extensions.xlsx",
  "test/fixtures/blind/县局台账.xlsx",
  "samples/整改台账示例.xlsx",
];

describe("loadWorkbookModelFromBytes: a picked file's bytes into the double, as loadWorkbookModel loads the file", () => {
  it.each(FILES)("%s", async (file) => {
    const path = join(ROOT, file);
    const fromFile = snapshotWorkbook(await loadWorkbookModel(path));
    const fromBytes = snapshotWorkbook(await loadWorkbookModelFromBytes(new Uint8Array(readFileSync(path)), file));
    expect(fromBytes).toEqual(fromFile);
    expect(fromBytes.sheets.length).toBeGreaterThan(0);
  });

  it("refuses what is not a workbook with the reader's message, naming the file", async () => {
    const error = await loadWorkbookModelFromBytes(new TextEncoder().encode("序号,问题\n"), "台账.csv").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkbookReadError);
    expect((error as WorkbookReadError).userMessage.zh).toBe("不是 Excel 工作簿（.xlsx）：台账.csv");
  });
});

describe("workbookModelBytes: the double's workbook as .xlsx bytes", () => {
  it("reads back with the user's values unchanged, through both readers", async () => {
    const path = join(ROOT, "samples/整改台账示例.xlsx");
    const bytes = await workbookModelBytes(await loadWorkbookModel(path));
    const original = await readWorkbook(path);
    const saved = await readWorkbookFromBytes(bytes, { name: "saved.xlsx" });
    expect(saved.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
    // Rich text is saved as its plain text (the double holds what Excel's range.values gives).
    const texts = (values: readonly (readonly CellValue[])[]) => values.map((row) => row.map((v) => cellText(v)));
    for (const [index, sheet] of original.sheets.entries())
      expect(texts(saved.sheets[index]?.grid().values ?? [])).toEqual(texts(sheet.grid().values));
  });
});
