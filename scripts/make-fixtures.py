#!/usr/bin/python3
"""Writes the small ledgers the e2e tests read from test/fixtures/lo/, as LibreOffice saved them.

Each workbook is laid out with openpyxl (merges, several sheets, dates as date cells or as typed
text) and then opened and saved again by LibreOffice (`soffice --convert-to xlsx`), so the file the
tests read is one a real office suite wrote: its shared strings, styles and date formats.

The expected values in the e2e tests are worked out by hand from the rows below, never copied from a
run. Usage: /usr/bin/python3 scripts/make-fixtures.py   (needs openpyxl and soffice)
"""
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile

from openpyxl import Workbook

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "test", "fixtures", "lo")
D = dt.datetime


def sheet_rows(ws, rows, start=1):
    for r, row in enumerate(rows, start=start):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)


def date_format(ws, ref, fmt):
    ws[ref].number_format = fmt


def column_numbers():
    """A 栏次 row and a units row under the header (SPEC §2): 4 items, not 6."""
    wb = Workbook()
    ws = wb.active
    ws.title = "整改台账"
    sheet_rows(ws, [
        ["XX局巡察反馈问题整改台账"],
        ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "整改状态", "完成时间", "涉及金额", "备注"],
        [None, None, None, None, None, None, None, None, "（万元）", None],
        ["甲", "乙", 1, 2, 3, 4, 5, 6, 7, 8],
        [1, "工程款支付审批不规范", "修订《工程款支付管理办法》", "工程科", "张三", D(2025, 4, 30), "整改中", None, 12.5, None],
        [2, "合同台账不全", "建立合同管理台账", "办公室", "李四", D(2025, 2, 28), "已完成", D(2025, 2, 20), None, None],
        [3, "验收资料缺失", "补齐3个项目的验收资料", "工程科", "王五", D(2025, 3, 10), "整改中", None, None, None],
        [4, "招标文件审核不严", "制定招标文件审核清单", "财务科", "赵六", D(2025, 6, 30), "未开始", None, 3, None],
    ])
    ws.merge_cells("A1:J1")
    return wb


def group_audit_ledger():
    """A group's 审计整改 ledger in its own words: 是否整改完成, 整改计划及措施, 所属责任公司, 目标完成时间, 验收人."""
    wb = Workbook()
    ws = wb.active
    ws.title = "审计整改台账"
    header = ["序号", "所属责任公司", "问题类型", "问题描述", "提示问题金额（万元）", "整改计划及措施",
              "责任人", "目标完成时间", "是否整改完成", "实际完成时间", "验收人"]
    rows = [header]
    # 4 of 10 done by 是否整改完成 (40%); 8 have a target date, which a matcher that reads
    # 目标完成时间 as the completion date counts as done (80%).
    yes = {1, 4, 6, 9}
    undated = {3, 8}
    for n in range(1, 11):
        company = ["一分公司", "二分公司", "三分公司"][(n - 1) % 3]
        rows.append([
            n, company, "财务管理", f"问题{n}：费用报销附件不全", n * 1.5,
            f"补齐第{n}批报销附件，修订《费用报销细则》", f"责任人{n}", None if n in undated else D(2025, 4, 30),
            "是" if n in yes else "否", D(2025, 3, 20) if n in yes else None, "周敏" if n in yes else None,
        ])
    sheet_rows(ws, rows)
    return wb


def survey_respondents():
    """A ledger and a survey sheet with a returned blank questionnaire and unused pre-numbered lines (SPEC §7)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "整改台账"
    sheet_rows(ws, [
        ["序号", "问题描述", "整改措施", "责任单位", "责任人", "整改时限", "整改状态", "完成时间"],
        [1, "公务接待审批不全", "制定《公务接待管理办法》", "办公室", "张三", D(2025, 6, 30), "整改中", None],
        [2, "档案资料缺失", "补齐2024年工程档案", "工程科", None, D(2025, 5, 31), "整改中", None],
    ])
    sv = wb.create_sheet("满意度测评")
    sheet_rows(sv, [
        ["巡察整改满意度测评表"],
        ["序号", "单位", "填表日期", "问题1", "问题2", "问题3"],
        [1, "一科", D(2025, 3, 20), "满意", "满意", "基本满意"],
        [2, "二科", D(2025, 3, 20), "满意", "不满意", "满意"],
        [3, "三科", D(2025, 3, 21), None, None, None],
        [4, "四科", D(2025, 3, 21), "满意", "还行", "满意"],
        [5],
        [6],
    ])
    sv.merge_cells("A1:F1")
    return wb


def two_digit_years():
    """Dates typed as text with two-digit years (SPEC §3), and two that are not dates."""
    wb = Workbook()
    ws = wb.active
    ws.title = "整改台账"
    sheet_rows(ws, [
        ["序号", "问题描述", "整改措施", "责任单位", "责任人", "交办时间", "整改时限", "整改状态", "完成时间"],
        [1, "会议记录不全", "建立会议记录台账", "办公室", "张三", "25.1.10", "25.2.20", "已完成", "25/2/18"],
        [2, "合同未归档", "制定《合同归档细则》", "工程科", "李四", "25年1月10日", "25年2月20日", "整改中", None],
        [3, "报销单据不全", "补齐3月前的报销单据", "财务科", "王五", "25-3-1", "25年3月底前", "整改中", None],
        [4, "资产台账未更新", "开展资产清查1次", "财务科", "赵六", "25.3.1", "3.15", "整改中", None],
        [5, "车辆使用登记缺失", "建立车辆使用登记台账", "办公室", "孙七", "25.3.1", "25.2.30", "未开始", None],
    ])
    for col in "FGI":
        for row in range(2, 7):
            ws[f"{col}{row}"].number_format = "@"
    return wb


def seq_and_type():
    """序号 typed as `1.` and an unrecognised 整改类型."""
    wb = Workbook()
    ws = wb.active
    ws.title = "整改台账"
    sheet_rows(ws, [
        ["序号", "问题描述", "整改措施", "整改类型", "责任单位", "责任人", "整改时限", "整改状态"],
        ["1.", "值班记录不全", "建立值班记录台账", "立行立改", "办公室", "张三", D(2025, 3, 10), "整改中"],
        ["2.", "物资采购未比价", "制定《物资采购比价办法》", "自行整改", "后勤科", "李四", D(2025, 2, 10), "整改中"],
        ["3.", "培训记录缺失", "每季度开展培训1次并留存记录", None, "人事科", "王五", D(2025, 6, 30), "整改中"],
    ])
    return wb


FIXTURES = {
    "column-numbers": column_numbers,
    "group-audit-ledger": group_audit_ledger,
    "survey-respondents": survey_respondents,
    "two-digit-years": two_digit_years,
    "seq-and-type": seq_and_type,
}


def main():
    if shutil.which("soffice") is None:
        print("soffice (LibreOffice) not found / 找不到 soffice（LibreOffice）", file=sys.stderr)
        return 2
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "raw")
        profile = os.path.join(tmp, "profile")
        os.makedirs(raw)
        for name, build in FIXTURES.items():
            build().save(os.path.join(raw, f"{name}.xlsx"))
            subprocess.run(
                ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx",
                 "--outdir", OUT, os.path.join(raw, f"{name}.xlsx")],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
    for name in FIXTURES:
        print(os.path.join("test", "fixtures", "lo", f"{name}.xlsx"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
