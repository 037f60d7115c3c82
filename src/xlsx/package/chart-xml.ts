/**
 * The summary plan's charts (`ChartPlan`: red/yellow/green by unit as stacked columns, the trend over
 * periods as lines with markers; `combine --out`'s red/yellow by unit too) as DrawingML: a
 * drawing part anchoring it over the plan's cells, and the chart part, its series referring to the
 * summary sheet's own cells with the engine's numbers cached (so a reader that does not recalculate
 * shows the same bars).
 */
import { quoteSheet, type ChartPlan, type RangeRef } from "../../core/plan/summary-sheet";
import { escapeAttribute, escapeCellText } from "./xml";

/** The DrawingML namespaces of a transitional and of a Strict Open XML package. */
export interface DrawingNamespaces {
  readonly chart: string;
  readonly main: string;
  readonly spreadsheetDrawing: string;
  readonly relationships: string;
}

export const TRANSITIONAL_DRAWING: DrawingNamespaces = {
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  main: "http://schemas.openxmlformats.org/drawingml/2006/main",
  spreadsheetDrawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  relationships: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
};

export const STRICT_DRAWING: DrawingNamespaces = {
  chart: "http://purl.oclc.org/ooxml/drawingml/chart",
  main: "http://purl.oclc.org/ooxml/drawingml/main",
  spreadsheetDrawing: "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
  relationships: "http://purl.oclc.org/ooxml/officeDocument/relationships",
};

export const DRAWING_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";
export const CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

/** `'整改情况汇总'!$A$10:$A$12` */
function absolute(ref: RangeRef): string {
  return `${quoteSheet(ref.sheet)}!${ref.address.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;
}

function points(values: readonly (string | number)[]): string {
  return values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeCellText(String(v))}</c:v></c:pt>`).join("");
}

/** One series' colour: the bar's fill, or the line's stroke and its markers. */
function seriesLook(chart: ChartPlan, color: string): string {
  const rgb = color.replace("#", "").toUpperCase();
  const fill = `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;
  if (chart.type === "stackedColumn") return `<c:spPr>${fill}</c:spPr><c:invertIfNegative val="0"/>`;
  return (
    `<c:spPr><a:ln w="28575" cap="rnd">${fill}<a:round/></a:ln></c:spPr>` +
    `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr>${fill}<a:ln>${fill}</a:ln></c:spPr></c:marker>`
  );
}

/** The plot's chart element around the series (bars stacked in columns, or plain lines). */
function plotOf(chart: ChartPlan, series: string): string {
  const axes = `<c:axId val="500001"/><c:axId val="500002"/>`;
  if (chart.type === "stackedColumn") {
    return (
      `<c:barChart><c:barDir val="col"/><c:grouping val="stacked"/><c:varyColors val="0"/>${series}` +
      `<c:gapWidth val="150"/><c:overlap val="100"/>${axes}</c:barChart>`
    );
  }
  return `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>`;
}

export function chartXml(chart: ChartPlan, ns: DrawingNamespaces): string {
  const categories =
    `<c:cat><c:strRef><c:f>${escapeCellText(absolute(chart.categories))}</c:f><c:strCache>` +
    `<c:ptCount val="${chart.categoryLabels.length}"/>${points(chart.categoryLabels)}</c:strCache></c:strRef></c:cat>`;
  const series = chart.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeCellText(s.name)}</c:v></c:tx>` +
        `${seriesLook(chart, s.color)}${categories}` +
        `<c:val><c:numRef><c:f>${escapeCellText(absolute(s.values))}</c:f><c:numCache><c:formatCode>General</c:formatCode>` +
        `<c:ptCount val="${s.data.length}"/>${points(s.data)}</c:numCache></c:numRef></c:val>` +
        `${chart.type === "line" ? `<c:smooth val="0"/>` : ""}</c:ser>`,
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${ns.chart}" xmlns:a="${ns.main}" xmlns:r="${ns.relationships}">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeCellText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    plotOf(chart, series) +
    `<c:catAx><c:axId val="500001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500002"/><c:crosses val="autoZero"/>` +
    `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
    `<c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="500001"/>` +
    `<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx></c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    `</c:chart></c:chartSpace>`
  );
}

/** The drawing part holding one chart per entry, each anchored over its plan's cells. */
export function drawingXml(
  charts: readonly { chart: ChartPlan; relationshipId: string }[],
  ns: DrawingNamespaces,
): string {
  const anchors = charts.map(({ chart, relationshipId }, i) => {
    const { top, left, bottom, right } = chart.anchor;
    const marker = (col: number, row: number) =>
      `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
    return (
      `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${marker(left - 1, top - 1)}</xdr:from><xdr:to>${marker(right, bottom)}</xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeAttribute(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${ns.chart}"><c:chart xmlns:c="${ns.chart}" xmlns:r="${ns.relationships}" r:id="${escapeAttribute(relationshipId)}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${ns.spreadsheetDrawing}" xmlns:a="${ns.main}">${anchors.join("")}</xdr:wsDr>`
  );
}
