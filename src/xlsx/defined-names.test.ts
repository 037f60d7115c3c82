import { mergeDefinedNames, parseDefinedNames } from "./defined-names";

const workbook = (sheets: readonly string[], names: string, prefix = ""): string =>
  `<?xml version="1.0" encoding="UTF-8"?><${prefix}workbook xmlns="x"><${prefix}sheets>${sheets
    .map((name, i) => `<${prefix}sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("")}</${prefix}sheets>${names}<${prefix}calcPr/></${prefix}workbook>`;

const names = (xml: string): string[] => parseDefinedNames(xml).map((n) => n.xml);

describe("mergeDefinedNames: the input's names, verbatim, in exceljs' copy", () => {
  const input = workbook(
    ["封面", "整改台账", "整改情况汇总", "调查"],
    "<definedNames>" +
      `<definedName name="本表合计" localSheetId="1">'整改台账'!$A$40</definedName>` +
      `<definedName name="本表合计" localSheetId="3">'调查'!$A$3</definedName>` +
      `<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'整改台账'!$A$3:$R$43</definedName>` +
      `<definedName name="税率">0.06</definedName>` +
      `<definedName name="_xlnm.Print_Titles" localSheetId="2">'整改情况汇总'!$1:$2</definedName>` +
      `<definedName name="_ZGTZ_Summary">'整改情况汇总'!$A$1</definedName>` +
      "</definedNames>",
  );
  // What exceljs wrote: sheet-level names flattened, the constant dropped, our new marks and print titles.
  const copy = workbook(
    ["封面", "整改台账", "整改情况汇总", "调查"],
    "<definedNames>" +
      `<definedName name="本表合计">&apos;调查&apos;!$A$3</definedName>` +
      `<definedName name="_xlnm._FilterDatabase">&apos;整改台账&apos;!$A$3:$R$43</definedName>` +
      `<definedName name="_ZGTZ_StatusColumn">&apos;整改台账&apos;!$S$2:$S$9</definedName>` +
      `<definedName name="_ZGTZ_Summary">&apos;整改情况汇总&apos;!$A$1</definedName>` +
      `<definedName name="_xlnm.Print_Titles" localSheetId="2">&apos;整改情况汇总&apos;!$1:$3</definedName>` +
      "</definedNames>",
  );

  it("keeps every user name as it was, and takes only the add-in's marks and the drawn summary's names from the copy", () => {
    expect(names(mergeDefinedNames(input, copy, "整改情况汇总"))).toEqual([
      `<definedName name="本表合计" localSheetId="1">'整改台账'!$A$40</definedName>`,
      `<definedName name="本表合计" localSheetId="3">'调查'!$A$3</definedName>`,
      `<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'整改台账'!$A$3:$R$43</definedName>`,
      `<definedName name="税率">0.06</definedName>`,
      `<definedName name="_ZGTZ_StatusColumn">&apos;整改台账&apos;!$S$2:$S$9</definedName>`,
      `<definedName name="_ZGTZ_Summary">&apos;整改情况汇总&apos;!$A$1</definedName>`,
      `<definedName name="_xlnm.Print_Titles" localSheetId="2">&apos;整改情况汇总&apos;!$1:$3</definedName>`,
    ]);
  });

  it("moves a sheet-level name to its sheet's new place, and drops the names of a sheet the copy no longer has", () => {
    // removeMarks: the summary sheet is gone, so 调查 moved from index 3 to 2.
    const cleared = workbook(["封面", "整改台账", "调查"], "");
    expect(names(mergeDefinedNames(input, cleared, null))).toEqual([
      `<definedName name="本表合计" localSheetId="1">'整改台账'!$A$40</definedName>`,
      `<definedName name="本表合计" localSheetId="2">'调查'!$A$3</definedName>`,
      `<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'整改台账'!$A$3:$R$43</definedName>`,
      `<definedName name="税率">0.06</definedName>`,
    ]);
    // Inserted right after the sheets when the copy had no <definedNames>.
    expect(mergeDefinedNames(input, cleared, null)).toMatch(/<\/sheets><definedNames><definedName name="本表合计"/);
  });

  it("keeps a name whose sheet index was already out of range, unless the copy's summary sheet now has it", () => {
    const broken = workbook(
      ["封面", "台账"],
      `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="2">'旧表'!$1:$2</definedName >` +
        `<definedName name="甲" localSheetId="5">'旧表'!$A$1</definedName></definedNames>`,
    );
    expect(names(mergeDefinedNames(broken, workbook(["封面", "台账"], ""), null))).toEqual([
      `<definedName name="_xlnm.Print_Titles" localSheetId="2">'旧表'!$1:$2</definedName >`,
      `<definedName name="甲" localSheetId="5">'旧表'!$A$1</definedName>`,
    ]);
    const withSummary = workbook(
      ["封面", "台账", "整改情况汇总"],
      `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="2">x</definedName></definedNames>`,
    );
    expect(names(mergeDefinedNames(broken, withSummary, "整改情况汇总"))).toEqual([
      `<definedName name="甲" localSheetId="5">'旧表'!$A$1</definedName>`,
      `<definedName name="_xlnm.Print_Titles" localSheetId="2">x</definedName>`,
    ]);
  });

  it("reads names written with a namespace prefix, and leaves no empty <definedNames> behind", () => {
    const prefixed = workbook(
      ["台账"],
      `<x:definedNames><x:definedName name="甲" localSheetId="0">'台账'!$A$1</x:definedName></x:definedNames>`,
      "x:",
    );
    expect(names(mergeDefinedNames(prefixed, workbook(["台账"], ""), null))).toEqual([
      `<definedName name="甲" localSheetId="0">'台账'!$A$1</definedName>`,
    ]);
    const onlyOurs = workbook(
      ["台账"],
      `<definedNames><definedName name="_ZGTZ_Summary">x</definedName></definedNames>`,
    );
    // removeMarks on a workbook whose only names were the add-in's.
    expect(mergeDefinedNames(onlyOurs, workbook(["台账"], ""), null)).not.toContain("definedNames");
  });
});
