/**
 * The double behaves as Microsoft documents Excel behaving (docs/EXCEL-BEHAVIOUR.md lists the source
 * of each): where the adapter's own reading of the API was kinder than Excel, these hold the double to
 * Excel's rule.
 */
import { createExcelDouble, MAX_MERGED_AREAS_PER_CALL } from "./index";

const rules = () =>
  createExcelDouble({
    sheets: [
      {
        name: "S",
        rows: [["a"], [1], [2], [3], [4], [5], [6]],
        conditionalFormats: [
          { address: "A2:A7", type: "DataBar" },
          { address: "A2:A7", formula: "=$A2>3", fill: "#FFC7CE" },
          { address: "A2:A3,A5:A7", formula: "=$A2=1", fill: "#C6EFCE" },
          { address: "A2:A7", type: "ColorScale" },
        ],
      },
      { name: "T" },
    ],
  });

describe("conditional formats of every type", () => {
  it("loading custom/rule/formula over a collection that holds a rule of another type fails the whole batch", async () => {
    const double = rules();
    await double.Excel.run(async (context) => {
      const cfs = context.workbook.worksheets.getItem("S").getRange().conditionalFormats;
      cfs.load("items/type,items/custom/rule/formula");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    });
  });

  it("customOrNullObject is a null object for the other types; type tells them apart", async () => {
    const double = rules();
    await double.Excel.run(async (context) => {
      const cfs = context.workbook.worksheets.getItem("S").getRange().conditionalFormats;
      cfs.load("items/id,items/type,items/customOrNullObject/rule/formula");
      await context.sync();
      expect(cfs.items.map((cf) => cf.type)).toEqual(["DataBar", "Custom", "Custom", "ColorScale"]);
      expect(cfs.items.map((cf) => cf.customOrNullObject.isNullObject)).toEqual([true, false, false, true]);
      expect(cfs.items[1]?.customOrNullObject.rule.formula).toBe("=$A2>3");
    });
  });

  it("getRange() throws for a rule on several areas; getRangeOrNullObject is null; getRanges (1.9) gives them all", async () => {
    const double = rules();
    await double.Excel.run(async (context) => {
      const cfs = context.workbook.worksheets.getItem("S").getRange().conditionalFormats;
      cfs.load("items/id");
      await context.sync();
      const multi = cfs.items[2];
      if (!multi) throw new Error("no rule");
      const orNull = multi.getRangeOrNullObject();
      orNull.load("address");
      const all = multi.getRanges();
      all.load("address,areaCount");
      await context.sync();
      expect(orNull.isNullObject).toBe(true);
      expect(all.address).toBe("S!A2:A3,S!A5:A7");
      multi.getRange().load("address");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    });
    const old = createExcelDouble({ sheets: [{ name: "S" }] }, { excelApi: "1.8" });
    await old.Excel.run(async (context) => {
      const cf = context.workbook.worksheets.getItem("S").getRange("A1").conditionalFormats.add("Custom");
      expect(() => cf.getRanges()).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    });
    expect(double.snapshot().sheets[0]?.conditionalFormats.map((cf) => [cf.type ?? "Custom", cf.address])).toEqual([
      ["DataBar", "A2:A7"],
      ["Custom", "A2:A7"],
      ["Custom", "A2:A3,A5:A7"],
      ["ColorScale", "A2:A7"],
    ]);
  });
});

describe("merged areas", () => {
  const merged = (count: number) =>
    createExcelDouble({
      sheets: [{ name: "S", merges: Array.from({ length: count }, (_, i) => `A${2 * i + 1}:A${2 * i + 2}`) }],
    });
  const load = async (count: number, address: string) => {
    const double = merged(count);
    return double.Excel.run(async (context) => {
      const areas = context.workbook.worksheets.getItem("S").getRange(address).getMergedAreasOrNullObject();
      areas.load("areaCount");
      await context.sync();
      return areas.areaCount;
    });
  };

  it(`getMergedAreasOrNullObject answers up to ${MAX_MERGED_AREAS_PER_CALL} merged areas and fails the batch over that`, async () => {
    await expect(load(MAX_MERGED_AREAS_PER_CALL, "A:A")).resolves.toBe(MAX_MERGED_AREAS_PER_CALL);
    await expect(load(MAX_MERGED_AREAS_PER_CALL + 1, "A:A")).rejects.toMatchObject({ code: "GeneralException" });
  });

  it("reports the merged areas whose top-left cell is in the range (office-js#3611)", async () => {
    // A3:A4 starts in A2:A3; A1:A2 ends there: only the first is reported.
    await expect(load(3, "A2:A3")).resolves.toBe(1);
  });
});

describe("defined names", () => {
  it("deleting a sheet keeps the names that referred to it, now =#REF!, and deletes its sheet-scoped names", async () => {
    const double = createExcelDouble({
      sheets: [{ name: "A" }, { name: "汇总" }],
      names: [
        { name: "Mark", sheet: "汇总", address: "A1" },
        { name: "Local", sheet: "汇总", address: "B2", scope: "汇总" },
        { name: "Keep", sheet: "A", address: "C3" },
      ],
    });
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("汇总").delete();
      await context.sync();
      const mark = context.workbook.names.getItemOrNullObject("Mark");
      mark.load("name,type,value");
      const range = mark.getRangeOrNullObject();
      range.load("address");
      await context.sync();
      expect([mark.isNullObject, mark.type, mark.value, range.isNullObject]).toEqual([false, "Error", "=#REF!", true]);
      context.workbook.names.add("Mark", context.workbook.worksheets.getItem("A").getRange("A1"));
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    });
    expect(double.snapshot().names).toEqual([
      { name: "Keep", sheet: "A", address: "C3", comment: "" },
      { name: "Mark", sheet: "", address: "=#REF!", comment: "" },
    ]);
  });

  it("workbook.names holds workbook-scoped names, worksheet.names that sheet's; the same name may be in both", async () => {
    const double = createExcelDouble({
      sheets: [{ name: "A" }, { name: "B" }],
      names: [
        { name: "Total", sheet: "A", address: "A1" },
        { name: "Total", sheet: "B", address: "B2", scope: "B" },
      ],
    });
    await double.Excel.run(async (context) => {
      const workbookNames = context.workbook.names;
      const sheetNames = context.workbook.worksheets.getItem("B").names;
      workbookNames.load("items/name,items/value");
      sheetNames.load("items/name,items/value");
      sheetNames.add("Local", "=B!$C$3");
      await context.sync();
      expect(workbookNames.items.map((n) => n.value)).toEqual(["=A!$A$1"]);
      expect(sheetNames.items.map((n) => n.value)).toEqual(["=B!$B$2"]);
      context.workbook.names.add("Total", "=A!$D$4");
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    });
    expect(
      double
        .snapshot()
        .names.filter((n) => n.scope === "B")
        .map((n) => n.name),
    ).toEqual(["Local", "Total"]);
  });

  it("a reference without $ is relative to the active cell: the name drifts as the user moves", async () => {
    const double = createExcelDouble({ sheets: [{ name: "S" }], selection: "A1" });
    const addressNow = async () =>
      double.Excel.run(async (context) => {
        const range = context.workbook.names.getItemOrNullObject("Rel").getRangeOrNullObject();
        const abs = context.workbook.names.getItemOrNullObject("Abs").getRangeOrNullObject();
        range.load("address");
        abs.load("address");
        await context.sync();
        return [range.address, abs.address];
      });
    await double.Excel.run(async (context) => {
      context.workbook.names.add("Rel", "=S!K2:K8");
      context.workbook.names.add("Abs", "=S!$K$2:$K$8");
      await context.sync();
    });
    expect(await addressNow()).toEqual(["S!K2:K8", "S!K2:K8"]);
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("C5").select();
      await context.sync();
    });
    expect(await addressNow()).toEqual(["S!M6:M12", "S!K2:K8"]);
  });
});

describe("the selection", () => {
  it("getSelectedRange fails when several areas are selected; getSelectedRanges (1.9) gives them", async () => {
    const double = createExcelDouble({ sheets: [{ name: "S" }], selection: "A1:B2,D4:D6" });
    await double.Excel.run(async (context) => {
      const areas = context.workbook.getSelectedRanges();
      areas.load("address,areaCount");
      await context.sync();
      expect([areas.areaCount, areas.address]).toEqual([2, "S!A1:B2,S!D4:D6"]);
      context.workbook.getSelectedRange().load("address");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidSelection" });
    });
  });
});

describe("workbook structure protection (ExcelApi 1.7)", () => {
  it("is readable, and refuses adding, deleting and renaming sheets with AccessDenied", async () => {
    const double = createExcelDouble({ sheets: [{ name: "S" }, { name: "T" }], structureProtected: true });
    const before = double.snapshot();
    await double.Excel.run(async (context) => {
      const protection = context.workbook.protection;
      protection.load("protected");
      await context.sync();
      expect(protection.protected).toBe(true);
      for (const change of [
        () => context.workbook.worksheets.add("新"),
        () => context.workbook.worksheets.getItem("T").delete(),
        () => (context.workbook.worksheets.getItem("T").name = "U"),
      ]) {
        change();
        await expect(context.sync()).rejects.toMatchObject({ code: "AccessDenied" });
      }
    });
    expect(double.snapshot()).toEqual(before);
  });
});

describe("sheet visibility (ExcelApi 1.1 to read, 1.2 to set)", () => {
  it("hides a sheet (not very hidden), makes the next visible sheet active, and keeps one sheet visible", async () => {
    const double = createExcelDouble({ sheets: [{ name: "S" }, { name: "T" }] });
    await double.Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("S");
      s.visibility = "Hidden";
      await context.sync();
      s.load("visibility");
      const active = context.workbook.worksheets.getActiveWorksheet();
      active.load("name");
      await context.sync();
      expect(s.visibility).toBe("Hidden");
      expect(active.name).toBe("T");
      context.workbook.worksheets.getItem("T").visibility = "Hidden";
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
      context.workbook.worksheets.getItem("T").visibility = "Invisible";
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(double.snapshot().sheets.map((s) => [s.name, s.visibility])).toEqual([
      ["S", "Hidden"],
      ["T", "Visible"],
    ]);
  });

  it("is refused under workbook structure protection, and missing below ExcelApi 1.2", async () => {
    const locked = createExcelDouble({ sheets: [{ name: "S" }, { name: "T" }], structureProtected: true });
    await locked.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("T").visibility = "Hidden";
      await expect(context.sync()).rejects.toMatchObject({ code: "AccessDenied" });
    });
    expect(locked.snapshot().sheets.every((s) => s.visibility === "Visible")).toBe(true);
    const old = createExcelDouble({ sheets: [{ name: "S" }, { name: "T" }] }, { excelApi: "1.1" });
    await expect(
      old.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("T").visibility = "Hidden";
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});

describe("page layout zoom", () => {
  it("takes numbers of pages ≥ 1 and a scale of 10…400; refuses verticalFitToPages: 0 (undocumented)", async () => {
    const double = createExcelDouble({ sheets: [{ name: "S" }] });
    await double.Excel.run(async (context) => {
      const layout = context.workbook.worksheets.getItem("S").pageLayout;
      layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 40 };
      await context.sync();
      layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(double.snapshot().sheets[0]?.pageLayout).toEqual({
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 40 },
    });
  });
});

describe("cell-edit mode", () => {
  it("entered before a sync rejects that sync whole and every later one", async () => {
    const double = createExcelDouble({ sheets: [{ name: "S" }] });
    double.runtime.enterCellEditModeAtSync(2);
    const before = double.snapshot();
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").load("name");
      await context.sync();
      context.workbook.worksheets.getItem("S").getRange("A1").values = [["x"]];
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    });
    expect(double.snapshot()).toEqual(before);
  });
});

describe("hidden columns (Range.columnHidden, ExcelApi 1.2)", () => {
  it("hides every column a range touches; reads true when all are hidden, false when none, null when some", async () => {
    const double = createExcelDouble({ sheets: [{ name: "S", rows: [["a", "b", "c"]] }] });
    await double.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("B:C").columnHidden = true;
      // A cell's range hides its whole column, as Excel does.
      sheet.getRange("E5").columnHidden = true;
      await context.sync();
      const [all, none, some] = ["B:C", "A:A", "A:C"].map((address) => sheet.getRange(address).load("columnHidden"));
      await context.sync();
      expect([all?.columnHidden, none?.columnHidden, some?.columnHidden]).toEqual([true, false, null]);
      sheet.getRange("C:C").columnHidden = false;
      await context.sync();
    });
    expect(double.snapshot().sheets[0]?.hiddenColumns).toEqual([2, 5]);
    // Hiding changes no cell.
    expect(double.snapshot().sheets[0]?.cells.B1?.value).toBe("b");
  });

  it("is refused on a protected sheet and missing below ExcelApi 1.2; a property the double does not model throws", async () => {
    const locked = createExcelDouble({ sheets: [{ name: "S", protected: true }] });
    await locked.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A:A").columnHidden = true;
      await expect(context.sync()).rejects.toMatchObject({ code: "AccessDenied" });
    });
    expect(locked.snapshot().sheets[0]?.hiddenColumns).toEqual([]);
    const old = createExcelDouble({ sheets: [{ name: "S" }] }, { excelApi: "1.1" });
    await expect(
      old.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A:A").columnHidden = true;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    const strict = createExcelDouble({ sheets: [{ name: "S" }] });
    await strict.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A:A") as unknown as Record<string, unknown>;
      expect(() => (range.rowHidden = true)).toThrow(TypeError);
    });
  });
});
