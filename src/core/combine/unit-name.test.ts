import type { CellValue, Grid } from "../types";
import { unitFromFileName, unitFromFillerLine, unitFromTitle, unitOfLedger } from "./unit-name";

const grid = (rows: CellValue[][]): Grid => ({
  sheet: "台账",
  origin: { row: 1, col: 1 },
  values: rows,
  merges: [],
  date1904: false,
});

describe("the unit of a ledger", () => {
  it("is the title's owner, without what the ledger is about or who inspected", () => {
    expect(unitFromTitle("XX市交通运输局巡察反馈问题整改台账")).toBe("XX市交通运输局");
    expect(unitFromTitle("XX县交通运输局县委巡察反馈问题整改落实台账")).toBe("XX县交通运输局");
    expect(unitFromTitle("中国XX建设集团有限公司党委巡察反馈问题整改落实台账")).toBe("中国XX建设集团有限公司");
    expect(unitFromTitle("2025年度XX区财政局关于巡察反馈意见整改台账")).toBe("XX区财政局");
    expect(unitFromTitle("XX 市 水务局 审计整改台账")).toBe("XX市水务局");
  });

  it("is not read from a title that is not a ledger's, or that names no one", () => {
    expect(unitFromTitle("XX市交通运输局巡察整改工作资料")).toBeNull();
    expect(unitFromTitle("巡察反馈问题整改台账")).toBeNull();
  });

  it("is read from a 填报单位 line, up to the seal, the gap or the next label", () => {
    expect(unitFromFillerLine("填报单位：XX市交通运输局（盖章）　　填报日期：2025年3月28日")).toBe("XX市交通运输局");
    expect(unitFromFillerLine("填报单位: 县交通运输局  填报日期：2025年3月28日")).toBe("县交通运输局");
    expect(unitFromFillerLine("报送单位：XX镇人民政府 联系人：张三")).toBe("XX镇人民政府");
    expect(unitFromFillerLine("填报单位：")).toBeNull();
    expect(unitFromFillerLine("序号")).toBeNull();
  });

  it("is the file's name when the sheet says nothing above its header", () => {
    expect(unitFromFileName("收件/2025/财政局.xlsx")).toBe("财政局");
    expect(unitFromFileName("C:\\收件\\水务局.XLSX")).toBe("水务局");
  });

  it("prefers the title, then the 填报单位 line, and looks only above the header", () => {
    const rows: CellValue[][] = [
      ["XX市交通运输局巡察反馈问题整改台账"],
      ["填报单位：XX市交通运输局办公室（盖章）"],
      ["序号", "问题描述", "整改措施", "责任单位"],
      ["1", "某市审计局巡察整改台账", "", ""],
    ];
    expect(unitOfLedger(grid(rows), 3, "a.xlsx")).toEqual({ unit: "XX市交通运输局", from: "title" });
    expect(unitOfLedger(grid(rows.slice(1)), 2, "a.xlsx")).toEqual({ unit: "XX市交通运输局办公室", from: "filler" });
    expect(unitOfLedger(grid(rows.slice(2)), 1, "收件/水务局.xlsx")).toEqual({ unit: "水务局", from: "file" });
  });
});
