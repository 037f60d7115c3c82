/**
 * Charts added to a worksheet of a package: one drawing part holding one chart part per `ChartPlan`,
 * their content types, and the relationships sheet → drawing → charts. Used for the summary sheet of
 * `evaluate --out` (src/xlsx/write.ts) and for 各单位汇总 of `combine --out`.
 */
import type { ChartPlan } from "../../core/plan/sheet-plan";
import {
  CHART_CONTENT_TYPE,
  chartXml,
  DRAWING_CONTENT_TYPE,
  drawingXml,
  STRICT_DRAWING,
  TRANSITIONAL_DRAWING,
} from "./chart-xml";
import type { XlsxPackage } from "./opc";

/** Where the workbook's parts live and which flavour of Open XML it speaks. */
export interface DrawingHost {
  /** The workbook part's folder with its slash (`xl/`): drawings and charts go under it. */
  readonly folder: string;
  readonly relationshipNamespace: string;
  /** Strict Open XML: its drawings and charts use the strict namespaces. */
  readonly strict: boolean;
}

/** The sheet's relationship to its drawing, which its `<drawing r:id>` names. */
export interface SheetDrawing {
  readonly relationshipId: string;
  readonly relationshipNamespace: string;
}

/**
 * Adds the charts to `sheetPart` as a new drawing; returns the sheet's relationship to it (the
 * caller writes the `<drawing>` element into the sheet), or null when there is no chart.
 */
export function addChartDrawing(
  pkg: XlsxPackage,
  host: DrawingHost,
  sheetPart: string,
  charts: readonly ChartPlan[],
): SheetDrawing | null {
  if (charts.length === 0) return null;
  const namespaces = host.strict ? STRICT_DRAWING : TRANSITIONAL_DRAWING;
  const drawingPart = pkg.freeName(`${host.folder}drawings/drawing`, ".xml");
  const placed = charts.map((chart) => {
    const chartPart = pkg.freeName(`${host.folder}charts/chart`, ".xml");
    pkg.setText(chartPart, chartXml(chart, namespaces));
    pkg.setContentType(chartPart, CHART_CONTENT_TYPE);
    return {
      chart,
      relationshipId: pkg.addRelationship(drawingPart, `${host.relationshipNamespace}/chart`, chartPart),
    };
  });
  pkg.setText(drawingPart, drawingXml(placed, namespaces));
  pkg.setContentType(drawingPart, DRAWING_CONTENT_TYPE);
  const relationshipId = pkg.addRelationship(sheetPart, `${host.relationshipNamespace}/drawing`, drawingPart);
  return { relationshipId, relationshipNamespace: host.relationshipNamespace };
}
