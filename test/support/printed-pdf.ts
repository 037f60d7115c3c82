/**
 * What the print checks (`test/xlsx/printed-*.test.ts`) share: the CLI's `--out` copy of the demo
 * ledger, and reading the PDF LibreOffice prints from it (`convertToPdf` in `./libreoffice.ts`) with
 * poppler's `pdfinfo` and `pdftotext`. Without those tools the checks are skipped, except on CI.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { run } from "../../src/cli/run";
import { libreOfficeAvailable } from "./libreoffice";

const ROOT = join(__dirname, "..", "..");
export const DEMO_LEDGER = join(ROOT, "samples", "整改台账示例.xlsx");

function toolAvailable(tool: string): boolean {
  try {
    execFileSync(tool, ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const hasTools = libreOfficeAvailable() && toolAvailable("pdftotext") && toolAvailable("pdfinfo");
if (process.env.CI && !hasTools) throw new Error("CI needs soffice and poppler-utils for the print check");

/** `describe` where LibreOffice and poppler are installed, `describe.skip` elsewhere. */
export const describeWhenPrintable = hasTools ? describe : describe.skip;

/** Writes the CLI's `--out` copy of the demo ledger, evaluated on 2025-03-31, to `out`. */
export async function writeDemoCopy(out: string): Promise<void> {
  let stderr = "";
  const code = await run(["evaluate", DEMO_LEDGER, "--today", "2025-03-31", "--format", "text", "--out", out], {
    stdout: () => undefined,
    stderr: (text) => (stderr += text),
    cwd: ROOT,
  });
  if (code !== 0) throw new Error(`evaluate --out exited with ${code}: ${stderr}`);
}

/** Each page's text, laid out as printed. */
export function pdfPageTexts(pdf: string): string[] {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  return Array.from({ length: pages }, (_, i) =>
    execFileSync("pdftotext", ["-f", String(i + 1), "-l", String(i + 1), "-layout", pdf, "-"], { encoding: "utf8" }),
  );
}

/** A page's [width, height] in points, rounded (A4 portrait is [595, 842]). */
export function pdfPageSize(pdf: string, page: number): [number, number] {
  const info = execFileSync("pdfinfo", ["-f", String(page), "-l", String(page), pdf], { encoding: "utf8" });
  const [, width, height] = /size:\s+([\d.]+) x ([\d.]+)/.exec(info) ?? [];
  return [Math.round(Number(width)), Math.round(Number(height))];
}
