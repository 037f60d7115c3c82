import type { CellValue } from "../core/types";
import { ReadLimitError } from "./limits";
import {
  CellBudget,
  CellContentError,
  cellValueOf,
  decodeXml,
  isoDateToSerial,
  parseCellFormats,
  parseSharedStrings,
  parseStringItem,
  readWhole,
  SheetReader,
  type CellContentProblem,
  type CellContext,
} from "./cells";

const CTX: CellContext = {
  sharedStrings: ["问题描述", { runs: ["修订", "《办法》"] }, null],
  // Style 1: a date; 2: a percentage; 3: General (kept as no format); 4: text "@".
  cellFormats: [null, "yyyy/m/d", "0%", null, "@"],
};

function columnLetters(col: number): string {
  let letters = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function readRows(xml: string, ctx: CellContext = CTX, date1904 = false) {
  return readWhole(new SheetReader("台账", ctx, date1904), `<worksheet><sheetData>${xml}</sheetData></worksheet>`);
}

describe("cellValueOf: a cell's value by its type", () => {
  it.each<[string, string | undefined, string, CellValue]>([
    ["a number", undefined, "12.5", 12.5],
    ["a number with an explicit type", "n", "45747", 45747],
    ["a shared string", "s", "0", "问题描述"],
    ["a shared rich-text string", "s", "1", { runs: ["修订", "《办法》"] }],
    ["formula text (decoded by the tokenizer)", "str", "已完成 & 验收", "已完成 & 验收"],
    ["formula text that is empty", "str", "", ""],
    ["a boolean true", "b", "1", true],
    ["a boolean false", "b", "0", false],
    ["an error", "e", "#N/A", { error: "#N/A" }],
    ["an ISO date (t=d)", "d", "2025-03-31T00:00:00", 45747],
    ["an empty number", undefined, "", null],
    ["a number Excel cannot hold", undefined, "1e999", { error: "#NUM!" }],
  ])("%s", (_label, type, raw, expected) => {
    expect(cellValueOf(type, raw, CTX, false)).toEqual(expected);
  });

  it("counts ISO dates from 1904-01-01 in the 1904 system", () => {
    expect(isoDateToSerial("2025-03-31", true)).toBe(45747 - 1462);
    expect(isoDateToSerial("2025-03-31T12:00", false)).toBe(45747.5);
    expect(isoDateToSerial("三月底", false)).toBeNull();
  });
});

describe("string items (shared strings and inline strings)", () => {
  it("reads plain text, runs, entities, and leaves out phonetic guides", () => {
    expect(parseStringItem("<t>整改中</t>")).toBe("整改中");
    expect(parseStringItem('<t xml:space="preserve"> 整改中 </t>')).toBe(" 整改中 ");
    expect(parseStringItem("<t>A&amp;B &lt;1&gt; &#x6574;</t>")).toBe("A&B <1> 整");
    expect(parseStringItem("<r><t>修订</t></r><r><rPr><b/></rPr><t>《办法》</t></r>")).toEqual({
      runs: ["修订", "《办法》"],
    });
    expect(parseStringItem('<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/>')).toBe(
      "東京",
    );
    expect(parseStringItem("<t/>")).toBeNull();
    expect(parseStringItem("<t></t>")).toBeNull();
  });

  it("parses sharedStrings.xml in order, namespace prefixes and empty items included", () => {
    const xml =
      '<?xml version="1.0"?><x:sst xmlns:x="main" count="4"><x:si><x:t>一</x:t></x:si><x:si/>' +
      "<x:si><x:r><x:t>二</x:t></x:r><x:r><x:t>三</x:t></x:r></x:si><x:si><x:t>四</x:t></x:si></x:sst>";
    expect(parseSharedStrings(xml)).toEqual(["一", null, { runs: ["二", "三"] }, "四"]);
  });

  it("decodes XML entities once", () => {
    expect(decodeXml("&amp;lt;")).toBe("&lt;");
    expect(decodeXml("&unknown; &#20013;")).toBe("&unknown; 中");
  });
});

describe("parseCellFormats: the number format of each cell style", () => {
  it("custom formats first, then built-ins; General, 0 and locale-dependent built-ins are no format; escapes dropped", () => {
    const xml =
      '<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
      '<numFmt numFmtId="165" formatCode="General"/><numFmt numFmtId="166" formatCode="yyyy\\-mm\\-dd"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="6"><xf numFmtId="0" fontId="0"/><xf numFmtId="164" applyNumberFormat="1"/>' +
      '<xf numFmtId="14"/><xf numFmtId="165"/><xf numFmtId="31"/><xf numFmtId="9"><alignment/></xf><xf numFmtId="166"/></cellXfs></styleSheet>';
    expect(parseCellFormats(xml)).toEqual([null, 'yyyy"年"m"月"d"日"', "mm-dd-yy", null, null, "0%", "yyyy-mm-dd"]);
  });
});

describe("SheetReader: rows and cells", () => {
  it("places cells by reference, fills holes with null, keeps formats of numbers only", () => {
    const { values, numberFormats } = readRows(
      '<sheetData><row r="2" spans="1:4"><c r="A2" t="s"><v>0</v></c><c r="C2" s="1"><v>45747</v></c>' +
        '<c r="D2" s="1" t="s"><v>0</v></c></row><row r="4"><c r="B4" s="2"><v>0.3</v></c><c r="C4" s="3"><v>7</v></c>' +
        "</row></sheetData>",
    );
    expect(values[0]).toBeUndefined();
    expect(values[1]).toEqual(["问题描述", null, 45747, "问题描述"]);
    expect(values[3]).toEqual([null, 0.3, 7]);
    expect(numberFormats?.[1]).toEqual([null, null, "yyyy/m/d"]);
    expect(numberFormats?.[3]).toEqual([null, "0%"]);
  });

  it("reads a formula's cached result, also when it is 0, empty text, false or an error", () => {
    const { values } = readRows(
      '<row r="1"><c r="A1"><f>B1-B1</f><v>0</v></c><c r="B1" t="str"><f>IF(1,"","x")</f><v></v></c>' +
        '<c r="C1" t="b"><f>1=2</f><v>0</v></c><c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
        '<c r="E1"><f>A1</f></c><c r="F1" t="str"><f t="shared" si="0"/><v>已完成</v></c></row>',
    );
    expect(values[0]).toEqual([0, "", false, { error: "#DIV/0!" }, null, "已完成"]);
  });

  it("reads inline strings (plain and runs) and empty cells", () => {
    const { values } = readRows(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>逾期</t></is></c><c r="B1"/>' +
        '<c r="C1" t="inlineStr"><is><r><t>一</t></r><r><t>二</t></r></is></c><c r="D1" t="inlineStr"></c></row>',
    );
    expect(values[0]).toEqual(["逾期", null, { runs: ["一", "二"] }]);
  });

  it("follows the previous row and cell when `r` is left out, and reads prefixed names", () => {
    const { values } = readRows(
      '<x:row r="3"><x:c r="B3"><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row><x:row><x:c><x:v>3</x:v></x:c></x:row>',
    );
    expect(values[2]).toEqual([null, 1, 2]);
    expect(values[3]).toEqual([3]);
  });

  it("gives a cell without its own style the row's style", () => {
    const { numberFormats } = readRows(
      '<row r="1" s="1" customFormat="1"><c r="A1"><v>45747</v></c><c r="B1" s="2"><v>1</v></c></row>',
    );
    expect(numberFormats?.[0]).toEqual(["yyyy/m/d", "0%"]);
  });

  it("shares one frozen formats row among rows with the same formats in the same columns", () => {
    const row = (r: number, dateStyle: number) =>
      `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" s="${dateStyle}"><v>45747</v></c><c r="C${r}" s="2"><v>0.5</v></c></row>`;
    const { numberFormats } = readRows(row(1, 1) + row(2, 1) + row(3, 2) + row(4, 1));
    expect(numberFormats?.[0]).toEqual([null, "yyyy/m/d", "0%"]);
    expect(numberFormats?.[2]).toEqual([null, "0%", "0%"]);
    expect(numberFormats?.[1]).toBe(numberFormats?.[0]);
    expect(numberFormats?.[3]).toBe(numberFormats?.[0]);
    expect(numberFormats?.[2]).not.toBe(numberFormats?.[0]);
    expect(Object.isFrozen(numberFormats?.[0])).toBe(true);
  });

  it("stops sharing formats rows on a sheet whose rows do not repeat, and reads them alike", () => {
    // Every row a different column: each adds trie steps, past the sharing limit (4,096).
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const col = (i % 16000) + 1;
      const ref = `${columnLetters(col)}${i + 1}`;
      return `<row r="${i + 1}"><c r="${ref}" s="1"><v>45747</v></c></row>`;
    }).join("");
    const { numberFormats } = readRows(rows);
    expect(numberFormats?.[0]).toEqual(["yyyy/m/d"]);
    expect(numberFormats?.[4999]?.[4999]).toBe("yyyy/m/d");
    expect(numberFormats?.[4999]?.length).toBe(5000);
    expect(Object.isFrozen(numberFormats?.[4999])).toBe(false);
  });

  it("keeps no formats when no number has one, and skips rows without values", () => {
    const { values, numberFormats } = readRows(
      '<row r="1"><c r="A1"/></row><row r="2"/><row r="3"><c r="A3"><v>1</v></c></row>',
    );
    expect(numberFormats).toBeNull();
    expect(values[0]).toBeUndefined();
    expect(values[1]).toBeUndefined();
    expect(values[2]).toEqual([1]);
  });
});

describe("SheetReader: what a cell cannot mean is refused with its address", () => {
  it.each<[string, string, CellContentProblem]>([
    ["a shared-string index out of range", '<c r="G3" t="s"><v>3</v></c>', "shared-string-index"],
    ["a shared-string index that is not a whole number", '<c r="G3" t="s"><v>1.5</v></c>', "shared-string-index"],
    ["a hexadecimal number", '<c r="G3"><v>0x1F</v></c>', "number"],
    ["a number with words", '<c r="G3" s="1"><v>12 days</v></c>', "number"],
    ["a boolean other than 0/1", '<c r="G3" t="b"><v>yes</v></c>', "boolean"],
    ["an ISO date that is not one", '<c r="G3" t="d"><v>三月底</v></c>', "date"],
    ["an unknown cell type", '<c r="G3" t="q"><v>1</v></c>', "type"],
    ["a reference that is not A1-style", '<c r="3G"><v>1</v></c>', "reference"],
  ])("%s", (_label, cell, problem) => {
    let caught: unknown = null;
    try {
      readRows(`<row r="3">${cell}</row>`);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CellContentError);
    expect((caught as CellContentError).problem).toBe(problem);
    if (problem !== "reference") expect((caught as CellContentError).address).toBe("台账!G3");
  });

  it("XML numbers in every spelling Excel and others write are read", () => {
    const { values } = readRows(
      '<row r="1"><c r="A1"><v>-12</v></c><c r="B1"><v>1.5E+3</v></c><c r="C1"><v>.5</v></c><c r="D1"><v> 7 </v></c><c r="E1"><v>1e999</v></c><c r="F1"><v>12345678901234567890</v></c><c r="G1"><v>NaN</v></c><c r="H1"><v>-INF</v></c></row>',
    );
    expect(values[0]).toEqual([
      -12,
      1500,
      0.5,
      7,
      { error: "#NUM!" },
      Number("12345678901234567890"),
      { error: "#NUM!" },
      { error: "#NUM!" },
    ]);
  });
});

describe("SheetReader: limits", () => {
  const refusal = (xml: string, budget?: CellBudget): unknown => {
    try {
      readWhole(new SheetReader("台账", CTX, false, budget), `<worksheet><sheetData>${xml}</sheetData></worksheet>`);
      return null;
    } catch (error) {
      return error;
    }
  };

  it.each<[string, string, string]>([
    ["a row past 1,048,576", '<row r="1048577"><c r="A1048577"><v>1</v></c></row>', "rows"],
    ["a column past XFD", '<row r="1"><c r="XFE1"><v>1</v></c></row>', "columns"],
    ["a run of letters that would overflow", `<row r="1"><c r="${"Z".repeat(400)}1"><v>1</v></c></row>`, "columns"],
    ["text longer than 32,767", `<row r="1"><c r="A1" t="str"><v>${"x".repeat(32_768)}</v></c></row>`, "string-length"],
  ])("%s", (_label, xml, limit) => {
    const error = refusal(xml);
    expect(error).toBeInstanceOf(ReadLimitError);
    expect((error as ReadLimitError).limit).toBe(limit);
  });

  it("reads right up to Excel's limits: XFD1048576 and 32,767 characters", () => {
    const { values } = readRows(
      `<row r="1048576"><c r="XFD1048576"><v>1</v></c><c r="A1048576" t="str"><v>${"x".repeat(32_767)}</v></c></row>`,
    );
    expect(values[1_048_575]?.[16_383]).toBe(1);
    expect(values[1_048_575]?.[0]).toHaveLength(32_767);
  });

  it("counts cells (and merged rows) against the budget shared by the parts of one read", () => {
    const budget = new CellBudget(5);
    expect(refusal('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>', budget)).toBeNull();
    const error = refusal(
      '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c><c r="C2"><v>3</v></c><c r="D2"><v>4</v></c></row>',
      budget,
    );
    expect((error as ReadLimitError).limit).toBe("cells");
  });

  it("stores a row whose cells are far apart sparsely, reading the same", () => {
    const { values } = readRows('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>');
    const row = values[0] ?? [];
    expect(row.length).toBe(16_384);
    expect(row[0]).toBe(1);
    expect(row[16_383]).toBe(2);
    expect(row[100]).toBeUndefined();
    // Only the two cells exist: no 16,384 slots were filled.
    expect(Object.keys(row)).toEqual(["0", "16383"]);
  });

  it("keeps a close row dense (nulls between values), as the engine has always had it", () => {
    const { values } = readRows('<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>2</v></c></row>');
    expect(Object.keys(values[0] ?? [])).toEqual(["0", "1", "2"]);
  });
});
