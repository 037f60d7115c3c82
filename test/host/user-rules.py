"""Workbooks carrying what users' own ledgers carry, for test/host/round-trip.test.ts, built with openpyxl:

usage: user-rules.py OUT_DIR
  user-rules.xlsx   a ledger with conditional formats of every type (data bar, colour scale, icon set,
                    cell value, top/bottom, duplicates preset, a formula rule) — two of them on several
                    areas —, hidden rows and columns, frozen panes, names of both scopes (one hidden, one
                    a constant, one and the add-in's summary mark left referring to #REF! by a deleted
                    sheet), a copied ledger sheet, a protected sheet, a very hidden sheet and a table
  merged-600.xlsx   a ledger whose unit cell is merged over every two rows: 600 merged areas
  merged-2000.xlsx  the same with 2,000 merged areas; both with data bars and colour scales
"""
import datetime as dt
import sys

import openpyxl
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, DataBarRule, FormulaRule, IconSetRule, Rule
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table, TableStyleInfo

out = sys.argv[1]
HEADER = ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "整改状态", "完成时间", "佐证材料"]
STATUSES = ["整改中", "已完成", "未整改", "已销号"]
UNITS = ["财务处", "办公室", "工程部", "人事处"]


def ledger(ws, items, merge_every=0):
    ws["A1"] = "巡察反馈问题整改台账"
    ws.merge_cells("A1:I1")
    ws["A1"].font = Font(bold=True, size=16)
    ws.append(HEADER)
    for i in range(items):
        status = STATUSES[i % 4]
        done = dt.date(2025, 2, 1 + i % 27) if status in ("已完成", "已销号") else None
        ws.append([i + 1, f"问题{i + 1}：制度执行不到位", "修订制度2项，组织培训1次", UNITS[(i // 2) % 4], "张三", dt.date(2025, 1 + i % 12, 1 + i % 28), status, done, "整改报告" if done else None])
        for col in (6, 8):
            ws.cell(row=ws.max_row, column=col).number_format = "yyyy-mm-dd"
    if merge_every:
        for top in range(3, 3 + items - 1, merge_every):
            # openpyxl empties the merged-over cells, as Excel does.
            ws.merge_cells(start_row=top, start_column=4, end_row=top + merge_every - 1, end_column=4)
    return 2 + items


def add_name(wb, name):
    # openpyxl 3.0 keeps every name in one list; 3.1 keeps workbook names in a dict (sheet names per sheet).
    if hasattr(wb.defined_names, "append"):
        wb.defined_names.append(name)
    else:
        wb.defined_names[name.name] = name


def user_rules():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "整改台账"
    last = ledger(ws, 30)
    red = DifferentialStyle(fill=PatternFill(bgColor="FFC7CE"), font=Font(color="9C0006"))
    ws.conditional_formatting.add(f"A3:A{last}", DataBarRule(start_type="min", end_type="max", color="638EC6"))
    ws.conditional_formatting.add(f"F3:F{last}", ColorScaleRule(start_type="min", start_color="F8696B", mid_type="percentile", mid_value=50, mid_color="FFEB84", end_type="max", end_color="63BE7B"))
    ws.conditional_formatting.add(f"H3:H{last}", IconSetRule("3TrafficLights1", "percent", [0, 33, 67]))
    ws.conditional_formatting.add(f"G3:G{last}", CellIsRule(operator="equal", formula=['"未整改"'], fill=PatternFill(bgColor="FFC7CE"), font=Font(color="9C0006")))
    ws.conditional_formatting.add(f"A3:A{last}", Rule(type="top10", rank=3, dxf=red))
    ws.conditional_formatting.add(f"B3:B{last}", Rule(type="duplicateValues", dxf=red))
    # Rules on several areas, as Excel leaves them after rows were inserted or cut inside them.
    ws.conditional_formatting.add("A3:I10 A14:I20", FormulaRule(formula=['$G3="已完成"'], fill=PatternFill(bgColor="C6EFCE"), stopIfTrue=True))
    ws.conditional_formatting.add("C3:C9 C12:C18 C25:C30", DataBarRule(start_type="num", start_value=0, end_type="num", end_value=100, color="5A8AC6"))
    ws.column_dimensions["I"].hidden = True
    ws.column_dimensions["B"].width = 30
    ws.row_dimensions[12].hidden = True
    ws.row_dimensions[2].height = 28
    ws.freeze_panes = "A3"

    copy = wb.copy_worksheet(ws)
    copy.title = "整改台账 (2)"
    notes = wb.create_sheet("说明")
    notes["A1"] = "填表说明"
    notes.protection.sheet = True
    secret = wb.create_sheet("代码表")
    secret.sheet_state = "veryHidden"
    secret.append(["状态", "整改中", "已完成"])
    units = wb.create_sheet("单位")
    units.append(["单位", "负责人"])
    for u in UNITS:
        units.append([u, "王五"])
    table = Table(displayName="单位表", ref="A1:B5")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    units.add_table(table)

    for name in [
        DefinedName("问题列表", attr_text=f"'整改台账'!$B$3:$B${last}"),
        DefinedName("税率", attr_text="0.06"),
        DefinedName("旧汇总", attr_text="#REF!"),
        DefinedName("_ZGTZ_Summary", attr_text="#REF!"),
        DefinedName("代码", attr_text="'代码表'!$B$1:$C$1", hidden=True),
    ]:
        add_name(wb, name)
    add_name(wb, DefinedName("本表序号", attr_text=f"'整改台账'!$A$3:$A${last}", localSheetId=0))
    wb.save(f"{out}/user-rules.xlsx")


def merged(areas):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "整改台账"
    last = ledger(ws, areas * 2, merge_every=2)
    ws.conditional_formatting.add(f"A3:A{last}", DataBarRule(start_type="min", end_type="max", color="638EC6"))
    ws.conditional_formatting.add(f"F3:F{last}", ColorScaleRule(start_type="min", start_color="F8696B", end_type="max", end_color="63BE7B"))
    wb.save(f"{out}/merged-{areas}.xlsx")


user_rules()
merged(600)
merged(2000)
