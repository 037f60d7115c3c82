"""Ledgers in layouts the engine was not written against, built with openpyxl (a writer that is
neither exceljs nor LibreOffice), for test/host/agreement.test.ts.

usage: unseen-layouts.py OUT_DIR   → OUT_DIR/审计整改台账.xlsx, OUT_DIR/english-headers.xlsx
"""
import datetime as dt
import sys

import openpyxl
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, DataBarRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.worksheet.table import Table, TableStyleInfo

out = sys.argv[1]
STATUSES = ["已完成", "整改中", "未整改", "已销号", "持续整改", "正在整改", ""]
UNITS = ["财务处", "审计处", "办公室", "基建处", "信息中心"]


def audit_ledger():
    """An 审计整改 ledger on the second sheet, under a four-row title block, with merged unit cells."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "填报说明"
    notes["A1"] = "本表由各部门按月填报，请勿修改表头。"
    notes.protection.sheet = True
    ws = wb.create_sheet("审计整改")
    ws["A1"] = "2024年度内部审计发现问题整改情况台账"
    ws.merge_cells("A1:J1")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A2"] = "填报单位（盖章）：某某大学审计处"
    ws.merge_cells("A2:E2")
    ws["F2"] = "填报时间：2025年3月"
    ws["A3"] = "说明：整改期限以审计决定书为准"
    ws.merge_cells("A3:J3")
    ws["A4"] = "单位：项"
    header = ["序号", "审计发现问题", "整改措施", "责任部门", "责任人", "整改期限", "整改状态", "完成时间", "佐证材料", "备注"]
    for c, text in enumerate(header, start=1):
        ws.cell(row=5, column=c, value=text).font = Font(bold=True)
    row = 6
    for i in range(40):
        status = STATUSES[i % len(STATUSES)]
        ws.cell(row=row, column=1, value=i + 1)
        ws.cell(row=row, column=2, value=f"审计发现问题{i + 1}：经费报销手续不全")
        ws.cell(row=row, column=3, value="完善报销审批流程，补齐手续" if i % 5 else "加强管理")
        if i % 3 == 0:
            ws.cell(row=row, column=4, value=UNITS[i % len(UNITS)])
            ws.merge_cells(start_row=row, start_column=4, end_row=row + 2, end_column=4)
        ws.cell(row=row, column=5, value=["张伟", "李娜", "财务处", "王强", ""][i % 5])
        deadline = ws.cell(row=row, column=6)
        if i % 7 == 3:
            deadline.value = "2025年6月底前"
        elif i % 11 == 5:
            deadline.value = "长期坚持"
        else:
            deadline.value = dt.date(2025, 1 + i % 12, 1 + (i * 3) % 28)
            deadline.number_format = "yyyy年m月d日"
        ws.cell(row=row, column=7, value=status)
        if status in ("已完成", "已销号"):
            done = ws.cell(row=row, column=8, value=dt.date(2025, 1 + i % 3, 10))
            done.number_format = "yyyy/m/d"
            ws.cell(row=row, column=9, value="整改报告" if i % 4 else None)
        row += 1
    ws.cell(row=row, column=1, value="合计")
    ws.cell(row=row, column=2, value="=COUNTA(B6:B45)")
    ws.freeze_panes = "A6"
    ws.column_dimensions["J"].hidden = True
    ws.row_dimensions[4].hidden = True
    ws.conditional_formatting.add("G6:G45", CellIsRule(operator="equal", formula=['"未整改"'], fill=PatternFill("solid", bgColor="FFC7CE")))
    ws.conditional_formatting.add("A6:A45", DataBarRule(start_type="min", end_type="max", color="638EC6"))
    wb.active = 1
    wb.save(f"{out}/审计整改台账.xlsx")


def english_headers():
    """Bilingual / English headers, the 1904 date system, the ledger inside an Excel table."""
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Rectification"
    header = ["No", "问题描述 Issue", "整改措施 Corrective action", "责任单位 Dept.", "责任人 Owner", "整改时限 Deadline", "整改状态 Status", "完成时间 Done on", "Note"]
    ws.append(header)
    for i in range(25):
        status = ["整改中", "已完成", "未整改", "已销号"][i % 4]
        deadline = dt.date(2025, 1 + i % 6, 15) if i % 6 else "Q3 2025"
        done = dt.date(2025, 2, 1 + i % 20) if status in ("已完成", "已销号") else None
        ws.append([i + 1, f"Issue {i + 1}: 合同管理不规范", "Revise the contract rules 修订合同管理办法", UNITS[i % 5], ["Li Lei", "韩梅梅", "Zhang San"][i % 3], deadline, status, done, None])
    for r in range(2, 27):
        for c in (6, 8):
            cell = ws.cell(row=r, column=c)
            if isinstance(cell.value, (dt.date, dt.datetime)):
                cell.number_format = "yyyy-mm-dd"
    table = Table(displayName="Ledger", ref="A1:I26")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
    ws.add_table(table)
    ws.conditional_formatting.add("A2:A26", ColorScaleRule(start_type="min", start_color="F8696B", end_type="max", end_color="63BE7B"))
    wb.save(f"{out}/english-headers.xlsx")


audit_ledger()
english_headers()
