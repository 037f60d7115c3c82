/**
 * Runs LibreOffice headless for the tests: converting a .fods/.csv into .xlsx (a workbook written by
 * a real office suite), and recalculating an .xlsx (open, recalculate every formula, save).
 *
 * A private user profile sets "recalculate on load: always" for OOXML and ODF files: LibreOffice's
 * default is to trust cached results of files that say Excel wrote them (exceljs says so), which
 * would make the recalculation test compare our cached values with themselves.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { pathToFileURL } from "node:url";

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

let profile: string | null = null;

function profileDir(): string {
  if (profile === null) {
    profile = mkdtempSync(join(tmpdir(), "zgtz-lo-profile-"));
    mkdirSync(join(profile, "user"), { recursive: true });
    writeFileSync(join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
  }
  return profile;
}

export function libreOfficeAvailable(): boolean {
  try {
    execFileSync("soffice", ["--version"], { stdio: "ignore", timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** Converts `input` to .xlsx in `outDir` (recalculating on load); returns the new file's path. */
export function convertToXlsx(input: string, outDir: string, inFilter?: string): string {
  mkdirSync(outDir, { recursive: true });
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=${pathToFileURL(profileDir()).href}`,
      "--headless",
      ...(inFilter ? [`--infilter=${inFilter}`] : []),
      "--convert-to",
      "xlsx",
      "--outdir",
      outDir,
      input,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
  const out = join(outDir, `${basename(input, extname(input))}.xlsx`);
  if (!existsSync(out)) throw new Error(`LibreOffice did not write ${out}`);
  return out;
}

/** Prints `input` (every sheet, as LibreOffice paginates it) to PDF in `outDir`; returns the PDF's path. */
export function convertToPdf(input: string, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=${pathToFileURL(profileDir()).href}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      outDir,
      input,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
  const out = join(outDir, `${basename(input, extname(input))}.pdf`);
  if (!existsSync(out)) throw new Error(`LibreOffice did not write ${out}`);
  return out;
}
