/**
 * The double must be at least as strict as real Excel, or adapter tests prove nothing
 * (DESIGN.md "Testing without Excel").
 */
import { createExcelDouble, diffSnapshots, MAX_ADDRESS_LENGTH, PAYLOAD_LIMIT_BYTES, serialFromYmd } from "./index";

const ledger = () =>
  createExcelDouble({
    sheets: [
      {
        name: "台账",
        rows: [
          ["序号", "问题描述"],
          [1, "制度不健全"],
        ],
        merges: ["A5:B5"],
        fills: { B2: "#ffff00" },
      },
      { name: "Other", rows: [["x"]] },
    ],
  });

describe("Excel double: strictness", () => {
  it("throws PropertyNotLoaded for a property read before load + sync", async () => {
    const double = ledger();
    await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("台账").getRange("A1:B2");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("values");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(range.values).toEqual([
        ["序号", "问题描述"],
        [1, "制度不健全"],
      ]);
      expect(() => range.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("applies writes only at sync, and counts syncs", async () => {
    const double = ledger();
    await double.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("台账").getRange("C1").values = [["新"]];
      expect(double.model.sheets[0]?.cells.get("1:3")).toBeUndefined();
      await context.sync();
    });
    expect(double.model.sheets[0]?.cells.get("1:3")?.value).toBe("新");
    expect(double.syncCount).toBe(1);
  });

  it("rejects a write whose array does not match the range", async () => {
    const double = ledger();
    await expect(
      double.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("台账").getRange("C1:C2").values = [["x"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("rejects a request over 5 MB and applies none of it", async () => {
    const double = ledger();
    const before = double.snapshot();
    const big = "x".repeat(PAYLOAD_LIMIT_BYTES + 10);
    await expect(
      double.Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("台账");
        sheet.getRange("C1").values = [["small"]];
        sheet.getRange("D1").values = [[big]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(diffSnapshots(before, double.snapshot())).toEqual([]);
  });

  it("rejects a response over 5 MB", async () => {
    const text = "长".repeat(1000);
    const rows = Array.from({ length: 6000 }, () => [text]);
    const double = createExcelDouble({ sheets: [{ name: "S", rows }] });
    await expect(
      double.Excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem("S").getRange("A1:A6000");
        range.load("values");
        await context.sync();
        return range.values;
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(double.runtime.syncs[0]?.failed).toBe("ResponsePayloadSizeLimitExceeded");
  });

  it("counts a response in UTF-8 bytes: 2 million Chinese characters are 6 MB, over the limit", async () => {
    // 1,000 cells of 2,000 characters: about 2 MB as JSON characters, 6 MB as UTF-8.
    const rows = Array.from({ length: 1000 }, () => ["整".repeat(2000)]);
    const double = createExcelDouble({ sheets: [{ name: "S", rows }] });
    await expect(
      double.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:A1000").load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(double.runtime.syncs[0]?.responseBytes).toBeGreaterThan(6_000_000);
  });

  it("gives the used part of a range (the used range within it), a null object when it has none, from ExcelApi 1.4", async () => {
    const double = createExcelDouble({
      sheets: [
        {
          name: "S",
          rows: [
            [null, null],
            [null, "b2", "c2"],
            [null, "b3", null, "d3"],
          ],
        },
      ],
    });
    await double.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      const box = sheet.getRange("A1:C2").getUsedRangeOrNullObject(true);
      const rows = sheet.getRange("1:2").getUsedRangeOrNullObject(true);
      const empty = sheet.getRange("E1:F9").getUsedRangeOrNullObject(true);
      box.load("address,values");
      rows.load("address");
      empty.load("address");
      await context.sync();
      // The sheet's used range is B2:D3; within A1:C2 it is B2:C2, within rows 1…2 B2:D2.
      expect(box.address).toBe("S!B2:C2");
      expect(box.values).toEqual([["b2", "c2"]]);
      expect(rows.address).toBe("S!B2:D2");
      expect(empty.isNullObject).toBe(true);
    });
    const old = createExcelDouble({ sheets: [{ name: "S", rows: [["a"]] }] }, { excelApi: "1.3" });
    await expect(
      old.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:B2").getUsedRangeOrNullObject(true).load("address");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it(`rejects an address longer than ${MAX_ADDRESS_LENGTH} characters`, async () => {
    const double = ledger();
    const address = Array.from({ length: 1000 }, (_, i) => `A${i + 1}`).join(",") + ",".repeat(MAX_ADDRESS_LENGTH);
    await expect(
      double.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("台账").getRange(address).load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({
      code: "InvalidArgument",
      message: expect.stringContaining(`limit is ${MAX_ADDRESS_LENGTH}`),
    });
  });

  it("a protected sheet rejects writes with AccessDenied but still reads", async () => {
    const double = createExcelDouble({ sheets: [{ name: "S", rows: [["a"]], protected: true }] });
    await double.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.protection.load("protected");
      const range = sheet.getRange("A1");
      range.load("values");
      await context.sync();
      expect(sheet.protection.protected).toBe(true);
      expect(range.values).toEqual([["a"]]);
      range.format.fill.color = "#FF0000";
      await expect(context.sync()).rejects.toMatchObject({ code: "AccessDenied" });
    });
  });

  it("cell-edit mode rejects every sync, reads included", async () => {
    const double = ledger();
    double.runtime.cellEditMode = true;
    await expect(
      double.Excel.run(async (context) => {
        context.workbook.worksheets.load("items/name");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
  });

  it("an injected failure leaves the operations before it applied (batches are not transactions)", async () => {
    const double = ledger();
    double.runtime.failOnSync({ sync: 1, afterOps: 1 });
    await expect(
      double.Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("台账");
        sheet.getRange("C1").values = [["first"]];
        sheet.getRange("D1").values = [["second"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "GeneralException" });
    expect(double.model.sheets[0]?.cells.get("1:3")?.value).toBe("first");
    expect(double.model.sheets[0]?.cells.get("1:4")).toBeUndefined();
  });

  it("APIs above the configured requirement set are missing (ApiNotFound)", async () => {
    const double = createExcelDouble({ sheets: [{ name: "S" }] }, { excelApi: "1.4" });
    expect(double.Office.context.requirements.isSetSupported("ExcelApi", "1.4")).toBe(true);
    expect(double.Office.context.requirements.isSetSupported("ExcelApi", "1.6")).toBe(false);
    await double.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1:B2");
      expect(() => range.conditionalFormats.add("Custom")).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      expect(() => range.getMergedAreasOrNullObject()).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
    });
  });

  it("a chart series has format.fill and format.line (1.1), marker colours and style from 1.7, nothing else", async () => {
    const modern = ledger();
    await modern.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("台账");
      const series = sheet.charts.add("LineMarkers", sheet.getRange("A1:B2"), "Columns").series.getItemAt(0);
      series.format.line.color = "#c00000";
      series.markerStyle = "Circle";
      series.markerBackgroundColor = "#c00000";
      series.markerForegroundColor = "#c00000";
      expect(() => (series.markerStyle = "Round")).toThrow(expect.objectContaining({ code: "InvalidArgument" }));
      // Not extensible: a property Excel's ChartSeries / ChartLineFormat does not have throws.
      expect(() => Object.assign(series, { lineColor: "#c00000" })).toThrow(TypeError);
      expect(() => Object.assign(series.format, { stroke: "#c00000" })).toThrow(TypeError);
      expect(() => Object.assign(series.format.line, { colour: "#c00000" })).toThrow(TypeError);
      series.load("markerStyle,markerBackgroundColor");
      series.format.line.load("color");
      await context.sync();
      expect([series.markerStyle, series.markerBackgroundColor, series.format.line.color]).toEqual([
        "Circle",
        "#C00000",
        "#C00000",
      ]);
    });
    expect(modern.snapshot().sheets[0]?.charts[0]).toMatchObject({
      seriesColors: {},
      seriesLineColors: { 0: "#C00000" },
      seriesMarkers: { 0: { style: "Circle", background: "#C00000", foreground: "#C00000" } },
    });
    const old = createExcelDouble({ sheets: [{ name: "台账", rows: [["a", "b"]] }] }, { excelApi: "1.6" });
    await old.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("台账");
      const series = sheet.charts.add("LineMarkers", sheet.getRange("A1:B2"), "Columns").series.getItemAt(0);
      series.format.line.color = "#C00000";
      expect(() => (series.markerBackgroundColor = "#C00000")).toThrow(
        expect.objectContaining({ code: "ApiNotFound" }),
      );
      expect(() => (series.markerStyle = "Circle")).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      await context.sync();
    });
    expect(old.snapshot().sheets[0]?.charts[0]?.seriesLineColors).toEqual({ 0: "#C00000" });
  });

  it("getItemOrNullObject gives a null object, getItem an ItemNotFound at sync", async () => {
    const double = ledger();
    await double.Excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("nope");
      missing.load("name");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      context.workbook.worksheets.getItem("nope").load("name");
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });

  it("reports merged areas, fills as Excel does (no fill reads white, mixed reads null)", async () => {
    const double = ledger();
    await double.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("台账");
      const merges = sheet.getRange("A1:C9").getMergedAreasOrNullObject();
      merges.load("address");
      const none = sheet.getRange("A2").format.fill;
      const mixed = sheet.getRange("A2:B2").format.fill;
      const yellow = sheet.getRange("B2").format.fill;
      [none, mixed, yellow].forEach((f) => f.load("color"));
      await context.sync();
      expect(merges.address).toBe("台账!A5:B5".replace("台账", "'台账'"));
      expect([none.color, mixed.color, yellow.color]).toEqual(["#FFFFFF", null, "#FFFF00"]);
    });
  });

  it("text written with a leading apostrophe or into a Text cell stays text; = starts a formula", async () => {
    const double = ledger();
    await double.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Other");
      sheet.getRange("A2:C2").values = [["'=1+1", "=SUM(1)", "plain"]];
      await context.sync();
    });
    const cells = double.snapshot().sheets[1]?.cells;
    expect(cells?.A2).toEqual({ value: "=1+1" });
    expect(cells?.B2).toEqual({ formula: "=SUM(1)" });
  });

  it("functions.date answers in the workbook's date system", async () => {
    for (const date1904 of [false, true]) {
      const double = createExcelDouble({ sheets: [{ name: "S" }], date1904 });
      const value = await double.Excel.run(async (context) => {
        const result = context.workbook.functions.date(2000, 1, 1);
        result.load("value");
        await context.sync();
        return result.value;
      });
      expect(value).toBe(date1904 ? 35064 : 36526);
    }
    expect(serialFromYmd(1900, 3, 1, false)).toBe(61);
  });
});
