/**
 * Which optional Excel APIs this host has (the add-in needs only ExcelApi 1.4; see the table in
 * office-api.ts). Asked once per call through `Office.context.requirements.isSetSupported`.
 */
import type { OfficeGlobal } from "./office-api";

export interface HostFeatures {
  /** 1.6 — one conditional-format rule per colour; without it, direct fills with the originals kept. */
  readonly conditionalFormats: boolean;
  /** 1.7 — `range.hyperlink` (else a HYPERLINK formula) and `freezePanes`. */
  readonly hyperlinks: boolean;
  /** 1.7 — a chart series' marker colours and style (else Excel's automatic markers). */
  readonly chartMarkers: boolean;
  /** 1.8 — `workbook.readOnly`. */
  readonly readOnlyFlag: boolean;
  /** 1.9 — `pageLayout`, `suspendScreenUpdatingUntilNextSync`. */
  readonly pageLayout: boolean;
  /** 1.9 — `RangeAreas`: a rule's several areas (`getRanges`), the selected areas (`getSelectedRanges`). */
  readonly rangeAreas: boolean;
  /** 1.7 — `workbook.protection` (structure protection, checked before adding a sheet). */
  readonly workbookProtection: boolean;
  /** 1.13 — `getMergedAreasOrNullObject`; without it merges are unknown. */
  readonly mergedAreas: boolean;
  /** 1.4 — the adapter's minimum. */
  readonly core: boolean;
}

export function detectFeatures(office: OfficeGlobal): HostFeatures {
  const has = (minor: number): boolean => {
    try {
      return office.context.requirements.isSetSupported("ExcelApi", `1.${minor}`);
    } catch {
      return false;
    }
  };
  return {
    core: has(4),
    conditionalFormats: has(6),
    hyperlinks: has(7),
    chartMarkers: has(7),
    readOnlyFlag: has(8),
    pageLayout: has(9),
    rangeAreas: has(9),
    workbookProtection: has(7),
    mergedAreas: has(13),
  };
}
