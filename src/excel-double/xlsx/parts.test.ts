import {
  parseRelationships,
  parseSheetPart,
  parseStylesPart,
  parseTablePart,
  parseWorkbookPart,
  relationshipsPartOf,
  shiftFormula,
} from "./parts";

describe("shiftFormula (a shared formula filled to another cell)", () => {
  it.each<[string, number, number, string]>([
    ["A1+B2", 1, 0, "A2+B3"],
    ["$A1+A$1+$A$1", 2, 3, "$A3+D$1+$A$1"],
    ['IF($J3="红灯",K3,"A1")', 4, 0, 'IF($J7="红灯",K7,"A1")'],
    ["'Sheet A1'!B2*LOG10(C3)", 1, 1, "'Sheet A1'!C3*LOG10(D4)"],
    ["SUM(A1:A3)", -1, 0, "SUM(#REF!:A2)"],
    ["A1", 0, 0, "A1"],
  ])("%s moved %i rows, %i columns → %s", (formula, rows, cols, expected) => {
    expect(shiftFormula(formula, rows, cols)).toBe(expected);
  });
});

describe("parseWorkbookPart", () => {
  it("reads sheets with their state, names of both scopes, the date system, the active tab and structure protection", () => {
    const xml = `<x:workbook xmlns:x="main" xmlns:r="rels"><x:workbookPr date1904="1"/>
      <x:workbookProtection lockStructure="1"/><x:bookViews><x:workbookView activeTab="1"/></x:bookViews>
      <x:sheets><x:sheet name="台账 &amp; 汇总" sheetId="1" r:id="rId1"/><x:sheet name="b" sheetId="2" state="veryHidden" r:id="rId2"/></x:sheets>
      <x:definedNames><x:definedName name="a" localSheetId="1" hidden="1" comment="注">'台账 &amp; 汇总'!$A$1</x:definedName>
      <x:definedName name="gone">#REF!</x:definedName></x:definedNames></x:workbook>`;
    expect(parseWorkbookPart(xml)).toEqual({
      sheets: [
        { name: "台账 & 汇总", state: "Visible", relationshipId: "rId1" },
        { name: "b", state: "VeryHidden", relationshipId: "rId2" },
      ],
      date1904: true,
      activeTab: 1,
      structureProtected: true,
      names: [
        { name: "a", localSheetId: 1, hidden: true, comment: "注", refersTo: "'台账 & 汇总'!$A$1" },
        { name: "gone", localSheetId: null, hidden: false, comment: "", refersTo: "#REF!" },
      ],
    });
  });
});

describe("parseRelationships", () => {
  it("resolves targets against the part's folder and skips external links", () => {
    const xml = `<Relationships><Relationship Id="rId1" Target="../tables/table1.xml"/>
      <Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" TargetMode="External" Target="http://x"/></Relationships>`;
    expect([...parseRelationships(xml, "xl/worksheets")]).toEqual([
      ["rId1", "xl/tables/table1.xml"],
      ["rId2", "xl/worksheets/sheet2.xml"],
    ]);
    expect(relationshipsPartOf("xl/worksheets/sheet1.xml")).toBe("xl/worksheets/_rels/sheet1.xml.rels");
  });
});

describe("parseStylesPart", () => {
  it("gives each cell style its solid fill, font and borders, and each dxf its fill and font colour", () => {
    const xml = `<styleSheet><fonts><font><sz val="11"/><name val="等线"/></font>
      <font><b/><i val="0"/><sz val="16"/><color rgb="FFC00000"/><name val="黑体"/></font></fonts><fills><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
      <fill><patternFill patternType="solid"><fgColor rgb="FF00B0F0"/></patternFill></fill>
      <fill><patternFill patternType="solid"><fgColor theme="4"/></patternFill></fill></fills>
      <cellStyleXfs><xf fillId="2"/></cellStyleXfs><borders><border><left/></border><border><left style="thin"/><right style="dashed"/><top style="medium"/><bottom/></border></borders>
      <cellXfs><xf fillId="0"/><xf fillId="2" fontId="1" borderId="1"/><xf fillId="3"/></cellXfs>
      <dxfs><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf><dxf/></dxfs></styleSheet>`;
    expect(parseStylesPart(xml)).toEqual({
      cellFills: [null, "#00B0F0", null],
      cellFonts: [null, { bold: true, size: 16, color: "#C00000", name: "黑体" }, null],
      cellBorders: [null, { EdgeLeft: "Continuous", EdgeRight: "Dash", EdgeTop: "Continuous" }, null],
      dxfs: [
        { fill: "#FFC7CE", fontColor: "#9C0006" },
        { fill: null, fontColor: null },
      ],
    });
  });
});

describe("parseSheetPart", () => {
  const xml = Buffer.from(`<worksheet><sheetViews><sheetView><pane ySplit="2" topLeftCell="A3" state="frozen"/>
    <selection pane="bottomLeft" activeCell="B4" sqref="B4:C5 E7"/></sheetView></sheetViews>
    <cols><col min="2" max="3" width="20" customWidth="1"/><col min="5" max="5" width="9" hidden="1"/></cols>
    <sheetData><row r="1" ht="30" customHeight="1"><c r="A1" s="1"><v>1</v></c></row>
    <row r="2" hidden="1"><c r="A2"><f t="shared" ref="A2:B3" si="0">A1*2</f><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>0</v></c></row>
    <row r="3"><c r="A3"><f t="shared" si="0"/></c><c><f>SUM(A1:A2)&amp;"&lt;"</f></c></row></sheetData>
    <sheetProtection sheet="1" objects="1"/>
    <conditionalFormatting sqref="A1:A3 C1:C3"><cfRule type="dataBar" priority="2"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar>
      <extLst><ext uri="x"><id>{1}</id></ext></extLst></cfRule><cfRule type="expression" dxfId="0" priority="1" stopIfTrue="1"><formula>$J1="红灯"</formula></cfRule></conditionalFormatting>
    <tableParts count="1"><tablePart r:id="rId7"/></tableParts>
    <extLst><ext><x14:conditionalFormattings><x14:conditionalFormatting><x14:cfRule type="dataBar"/><xm:sqref>A1</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst></worksheet>`);
  const part = parseSheetPart(xml);

  it("expands shared formulas to every cell, and keeps other formulas with their text decoded", () => {
    expect([...part.formulas]).toEqual([
      ["2:1", "=A1*2"],
      ["2:2", "=B1*2"],
      ["3:1", "=A2*2"],
      ["3:2", '=SUM(A1:A2)&"<"'],
    ]);
  });

  it("reads sizes, hidden rows and columns, freeze, selection, protection, styles and table parts", () => {
    expect(part).toMatchObject({
      columnWidths: new Map([
        [2, 20],
        [3, 20],
      ]),
      hiddenColumns: new Set([5]),
      rowHeights: new Map([[1, 30]]),
      hiddenRows: new Set([2]),
      freezeRows: 2,
      selection: { areas: ["B4:C5", "E7"], activeCell: "B4" },
      protected: true,
      styles: new Map([["1:1", 1]]),
      tableRelationshipIds: ["rId7"],
    });
  });

  it("reads each rule with all its areas and its definition, without the Excel 2010 extensions", () => {
    expect(part.rules).toEqual([
      {
        areas: ["A1:A3", "C1:C3"],
        attributes: { type: "dataBar" },
        priority: 2,
        dxfId: null,
        stopIfTrue: false,
        formulas: [],
        children: '<dataBar><cfvo type="min"></cfvo><cfvo type="max"></cfvo><color rgb="FF638EC6"></color></dataBar>',
      },
      {
        areas: ["A1:A3", "C1:C3"],
        attributes: { type: "expression" },
        priority: 1,
        dxfId: 0,
        stopIfTrue: true,
        formulas: ['$J1="红灯"'],
        children: "<formula>$J1=&quot;红灯&quot;</formula>",
      },
    ]);
  });
});

describe("parseTablePart", () => {
  it("reads the table's display name, range, header row and style", () => {
    expect(
      parseTablePart(
        `<table id="1" name="Table1" displayName="单位表" ref="A1:B5" headerRowCount="1"><tableStyleInfo name="TableStyleLight9"/></table>`,
      ),
    ).toEqual({ name: "单位表", ref: "A1:B5", hasHeaders: true, style: "TableStyleLight9" });
  });
});
