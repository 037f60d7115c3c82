import { CLAIM, editSheet, OccupiedCell, withDrawing, type CellEdit, type SheetEdits } from "./sheet-edit";
import { scanTags, withAttribute, XmlShapeError } from "./xml";

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

function edits(cells: [number, number, CellEdit][], extra: Partial<SheetEdits> = {}): SheetEdits {
  const map = new Map<number, Map<number, CellEdit>>();
  for (const [row, col, edit] of cells) map.set(row, (map.get(row) ?? new Map()).set(col, edit));
  return {
    cells: map,
    resetWidths: [],
    setWidths: [],
    owned: () => false,
    removeFormat: () => false,
    addFormat: null,
    ...extra,
  };
}
const text = (t: string): CellEdit => ({ text: t, style: ({ existing, inherited }) => existing ?? inherited });

describe("scanTags", () => {
  it("steps over a DOCTYPE with an internal subset, comments, CDATA and '>' inside attribute values", () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE a [ <!ENTITY e "<b>"> <!-- ] > --> ]><a x="1>2"><!-- <c/> --><![CDATA[<d/>]]><e/></a>`;
    expect([...scanTags(xml)].map((t) => `${t.kind}:${t.qname}`)).toEqual(["open:a", "empty:e", "close:a"]);
  });

  it("sets an attribute in place or adds it", () => {
    expect(withAttribute('<c r="A1" s="2"/>', "s", "5")).toBe('<c r="A1" s="5"/>');
    expect(withAttribute("<row>", "r", "3")).toBe('<row r="3">');
  });
});

describe("editSheet", () => {
  it("writes r on the cells and rows it must not shift, and inserts cells and rows in order", () => {
    const xml = `<worksheet ${MAIN}><sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row></sheetData></worksheet>`;
    const out = editSheet(
      xml,
      edits([
        [1, 4, text("甲")],
        [3, 2, text("乙")],
      ]),
    );
    expect(out).toBe(
      `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="D1" t="inlineStr"><is><t>甲</t></is></c></row>` +
        `<row r="2"><c><v>3</v></c></row><row r="3"><c r="B3" t="inlineStr"><is><t>乙</t></is></c></row></sheetData></worksheet>`,
    );
  });

  it("keeps the sheet's prefix, and puts a conditional format after mergeCells and before pageMargins", () => {
    const xml = `<x:worksheet xmlns:x="m"><x:sheetData/><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells><x:pageMargins left="1"/></x:worksheet>`;
    const out = editSheet(
      xml,
      edits([[2, 1, text("a")]], { addFormat: (p, n) => `<${p}conditionalFormatting n="${n}"/>` }),
    );
    expect(out).toBe(
      `<x:worksheet xmlns:x="m"><x:sheetData><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row></x:sheetData>` +
        `<x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells><x:conditionalFormatting n="1"/><x:pageMargins left="1"/></x:worksheet>`,
    );
  });

  it("refuses to write or claim a user's cell, but replaces its own and a hidden merged cell", () => {
    const xml = `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1"><v>9</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row></sheetData><mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>`;
    expect(() => editSheet(xml, edits([[1, 1, text("a")]]))).toThrow(OccupiedCell);
    expect(() => editSheet(xml, edits([[1, 1, CLAIM]]))).toThrow(OccupiedCell);
    expect(editSheet(xml, edits([[1, 1, text("a")]], { owned: () => true }))).toContain(
      '<c r="A1" t="inlineStr"><is><t>a</t></is></c>',
    );
    expect(editSheet(xml, edits([[1, 2, text("b")]]))).toContain('<c r="B1" t="inlineStr"><is><t>b</t></is></c>');
  });

  it("sets a width only where the column has none, splitting a range, and resets only its own width", () => {
    const xml = `<worksheet ${MAIN}><cols><col min="1" max="5" style="3"/></cols><sheetData/></worksheet>`;
    const set = editSheet(xml, edits([], { setWidths: [{ col: 3, width: 10.75 }] }));
    expect(set).toContain(
      '<cols><col min="1" max="2" style="3"/><col min="3" max="3" style="3" width="10.75" customWidth="1"/><col min="4" max="5" style="3"/></cols>',
    );
    const reset = editSheet(set, edits([], { resetWidths: [{ col: 3, width: 10.75 }] }));
    expect(reset).toContain('<col min="3" max="3" style="3"/>');
    expect(editSheet(set, edits([], { resetWidths: [{ col: 3, width: 12 }] }))).toBe(set);
  });
});

describe("editSheet, emptied rows", () => {
  it("drops a row it emptied that says nothing else, and keeps one with a height", () => {
    const cell = '<c r="K2" t="inlineStr"><is><t>红灯</t></is></c>';
    const xml = `<worksheet ${MAIN}><sheetData><row r="2">${cell}</row><row r="3" ht="30" customHeight="1">${cell.replace(/2/g, "3")}</row></sheetData></worksheet>`;
    const out = editSheet(
      xml,
      edits([
        [2, 11, null],
        [3, 11, null],
      ]),
    );
    expect(out).toBe(`<worksheet ${MAIN}><sheetData><row r="3" ht="30" customHeight="1"/></sheetData></worksheet>`);
  });
});

describe("withDrawing", () => {
  const drawing = {
    relationshipId: "rId3",
    relationshipNamespace: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  };
  const element = (prefix: string) => `<${prefix}drawing xmlns:r="${drawing.relationshipNamespace}" r:id="rId3"/>`;

  it("puts <drawing> where CT_Worksheet wants it: after pageSetup, before legacyDrawing and tableParts", () => {
    const xml = `<worksheet ${MAIN}><sheetData/><pageMargins left="1"/><pageSetup scale="100"/><legacyDrawing r:id="rId1"/><tableParts count="0"/></worksheet>`;
    expect(withDrawing(xml, drawing)).toBe(
      `<worksheet ${MAIN}><sheetData/><pageMargins left="1"/><pageSetup scale="100"/>${element("")}<legacyDrawing r:id="rId1"/><tableParts count="0"/></worksheet>`,
    );
  });

  it("goes right after sheetData when nothing else follows it, with the sheet's own prefix", () => {
    const xml = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData></x:sheetData></x:worksheet>`;
    expect(withDrawing(xml, drawing)).toBe(
      `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData></x:sheetData>${element("x:")}</x:worksheet>`,
    );
  });

  it("refuses a sheet that has a drawing of its own (a sheet has at most one)", () => {
    const xml = `<worksheet ${MAIN}><sheetData/><drawing r:id="rId1"/></worksheet>`;
    expect(() => withDrawing(xml, drawing)).toThrow(XmlShapeError);
  });
});
