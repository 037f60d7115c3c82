#!/usr/bin/python3
"""Writes the small ledgers the e2e tests read from test/fixtures/lo/, as LibreOffice saved them.

Each workbook is laid out with openpyxl (merges, several sheets, dates as date cells or as typed
text) and then opened and saved again by LibreOffice (`soffice --convert-to xlsx`), so the file the
tests read is one a real office suite wrote: its shared strings, styles and date formats.

The expected values in the e2e tests are worked out by hand from the rows below, never copied from a
run. Usage: /usr/bin/python3 scripts/make-fixtures.py [NAME…]   (needs openpyxl and soffice; default: all)
"""
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile

from openpyxl import Workbook

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
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


CN_DATE = 'yyyy"年"m"月"d"日"'
DOT_DATE = "yyyy.mm.dd"


def county_bureau():
    """The blind practice: a county bureau's ledger in a layout the engine was not written against.

    Three-row header over a 栏次 row, sections 一、/（一）, unit and owner merged over three items,
    dates as yyyy"年"m"月"d"日" and yyyy.mm.dd cells and as text (two-digit years too), a 合计 row and
    a 填表说明 note; a three-level survey with a returned blank questionnaire and pre-numbered lines.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "整改台账"
    ws["A1"] = "XX县交通运输局县委巡察反馈问题整改落实台账"
    ws.merge_cells("A1:M1")
    ws["A2"] = "填报单位：县交通运输局（盖章）"
    ws["J2"] = "填报日期：2025年3月28日"
    # Three header rows: groups, subgroups, column labels.
    for ref, text in {"A3": "序号", "B3": "问题来源", "C3": "巡察反馈问题", "D3": "整改措施", "M3": "备注"}.items():
        ws[ref] = text
        ws.merge_cells(f"{ref}:{ref[0]}5")
    ws["E3"] = "责任落实"
    ws.merge_cells("E3:H3")
    ws["I3"] = "整改推进"
    ws.merge_cells("I3:L3")
    for ref, span, text in [("E4", "E4:F4", "具体责任"), ("G4", "G4:H4", "领导责任"), ("I4", "I4:J4", "时间要求"),
                            ("K4", "K4:L4", "完成情况")]:
        ws[ref] = text
        ws.merge_cells(span)
    labels = ["责任单位", "责任人", "分管领导", "联系电话", "交办日期", "整改时限", "整改状态", "完成时间"]
    for col, text in zip("EFGHIJKL", labels):
        ws[f"{col}5"] = text
    ws["A6"], ws["B6"] = "甲", "乙"
    for n, col in enumerate("CDEFGHIJKLM", start=1):
        ws[f"{col}6"] = n
    ws["A7"] = "一、党的领导方面"
    ws.merge_cells("A7:M7")
    ws["A8"] = "（一）贯彻落实上级决策部署不到位"
    ws.merge_cells("A8:M8")
    src = "县委第二巡察组"
    items = {
        9: [1, src, "传达学习上级会议精神不及时", "建立“第一议题”学习制度，每月集中学习1次", "规划建设股", "刘建国", "王志强",
            13800000001, D(2025, 1, 15), D(2025, 2, 28), "已完成", D(2025, 2, 25)],
        10: [2, src, "意识形态工作责任制落实不到位", "修订《意识形态工作责任制实施细则》", None, None, "王志强",
             13800000001, "2025年1月15日", "25.3.10", "整改中", None],
        11: [3, src, "党组会议记录不规范", "进一步加强管理，切实提高认识", None, None, "王志强",
             13800000001, D(2025, 1, 15), "长期坚持", "持续推进", None],
        14: [4, src, "部分项目未按规定公开招标", "对2024年以来12个项目开展专项检查", "工程管理股", "陈明", "李卫东",
             13800000002, "25年1月20日", D(2025, 2, 15), "未完成", None],
        15: [5, src, "招标文件审核把关不严", "制定《招标文件审核清单》", None, None, "李卫东",
             13800000002, D(2025, 1, 20), "2025年3月底前", "已完成", "2025.3.20"],
        16: [6, src, "评标专家抽取记录缺失", "补齐2024年评标专家抽取记录", None, None, "李卫东",
             13800000002, "1月20日", D(2025, 3, 20), "整改中", None],
        17: [7, src, "工程变更审批程序不规范", "修订《工程变更管理办法》，开展培训1次", "质量安全股", "相关人员", "李卫东",
             13800000003, D(2025, 2, 10), "25/4/30", "推进中", None],
    }
    for row, values in items.items():
        sheet_rows(ws, [values], start=row)
    ws["I9"].number_format = CN_DATE
    ws["J9"].number_format = DOT_DATE
    ws["L9"].number_format = DOT_DATE
    ws["I11"].number_format = CN_DATE
    ws["J14"].number_format = DOT_DATE
    ws["I15"].number_format = CN_DATE
    ws["J16"].number_format = CN_DATE
    ws["I17"].number_format = CN_DATE
    for ref in ["I10", "J10", "J11", "I14", "J15", "L15", "I16", "J17"]:
        ws[ref].number_format = "@"
    for span in ["E9:E11", "F9:F11", "E14:E16", "F14:F16"]:
        ws.merge_cells(span)
    ws["A12"] = "二、工程建设管理方面"
    ws.merge_cells("A12:M12")
    ws["A13"] = "（一）招投标管理"
    ws.merge_cells("A13:M13")
    ws["A18"], ws["C18"] = "合计", "共7项"
    ws["A19"] = "填表说明：整改状态填写已完成、整改中、未完成或持续推进。"

    sv = wb.create_sheet("群众满意度测评")
    sv["A1"] = "XX县交通运输局巡察整改群众满意度测评表"
    sv.merge_cells("A1:G1")
    day = D(2025, 3, 25)
    sheet_rows(sv, [
        ["序号", "单位/身份", "测评日期", "整改工作公开透明", "整改措施落实到位", "整改成效明显", "备注"],
        [1, "群众", day, "满意", "满意", "满意"],
        [2, "企业", day, "满意", "基本满意", "满意"],
        [3, "村干部", day, "基本满意", "不满意", "满意"],
        [4, "群众", day, "满意", "满意", "不了解"],
        [5, "人大代表", day],
        [6, "群众", day, "满意", "一般般", "基本满意"],
        [7],
        [8],
    ], start=2)
    for row in range(3, 9):
        sv[f"C{row}"].number_format = CN_DATE
    return wb


def audit_extensions():
    """Extensions, amounts and copied close-out evidence (e2e): 万元 from a units row, amounts typed as
    text (`3.5万元`, `10,000元`, full-width digits), a deadline moved with and without approval, two
    closed items with the same progress text, and a 合计 row whose sums are not counted."""
    wb = Workbook()
    ws = wb.active
    ws.title = "整改台账"
    sheet_rows(ws, [
        ["XX集团审计发现问题整改台账"],
        ["序号", "问题描述", "整改措施", "责任单位", "责任人", "原定时限", "调整后时限", "延期原因", "延期批准人",
         "整改状态", "完成时间", "整改进展", "佐证材料", "涉及金额", "整改金额"],
        [None] * 13 + ["（万元）", "（万元）"],
        [1, "违规发放津贴补贴", "清退违规津贴，修订《津贴补贴发放办法》", "财务部", "张三", D(2025, 1, 31), D(2025, 4, 30),
         "涉及人员多需分批清退", "李总", "整改中", None, "已清退部分津贴", None, 12.5, 8],
        [2, "工程款超付", "追回超付工程款", "工程部", "李四", D(2025, 2, 28), D(2025, 3, 10), None, None,
         "整改中", None, "已发函催收", None, "3.5万元", "10,000元"],
        [3, "预付款未按合同扣回", "按合同扣回预付款", "财务部", "王五", D(2025, 2, 15), None, None, None,
         "已销号", D(2025, 2, 10), "已召开专题会议研究部署并完成整改工作", "财务部扣款凭证及银行回单", 20, 20],
        [4, "违规列支招待费", "清退超标准招待费用", "办公室", "赵六", D(2025, 3, 15), None, None, None,
         "已销号", D(2025, 3, 12), "已召开专题会议 研究部署并完成整改工作。", "办公室清退凭证及收款收据", "５.５", 5.5],
        ["合计", None, None, None, None, None, None, None, None, None, None, None, None, 41.5, 34.5],
    ])
    ws.merge_cells("A1:O1")
    for ref in ["N5", "O5", "N7"]:
        ws[ref].number_format = "@"
    return wb


def audit_blind():
    """The second blind practice: a city investment group's 内部审计 ledger, after a 填报说明 sheet.

    Two-row header (原定完成时间 | 调整后完成时间 | 延期理由 under a merged 整改时限), 单位：万元 above the
    header, 追回金额 in 元, amounts and dates typed as text, sections, 是/否 columns, a 合计 row and a note.
    """
    wb = Workbook()
    cover = wb.active
    cover.title = "填报说明"
    sheet_rows(cover, [
        ["填报说明"],
        ["1. 本表由各责任部门每月25日前更新，报审计部汇总。"],
        ["2. 金额除注明外均以万元为单位。"],
    ])
    ws = wb.create_sheet("2024年度审计整改")
    ws["A1"] = "XX市城投集团2024年度内部审计发现问题整改台账"
    ws.merge_cells("A1:Q1")
    ws["A2"] = "填报日期：2025年3月28日"
    ws["P2"] = "单位：万元"
    tall = {"A": "序号", "B": "审计发现问题", "C": "问题金额", "D": "整改计划及措施", "E": "责任部门", "F": "责任人",
            "J": "批准文号", "K": "是否整改完成", "L": "实际完成时间", "M": "整改落实情况", "N": "佐证材料",
            "O": "已整改金额", "P": "追回金额（元）", "Q": "是否销号"}
    for col, text in tall.items():
        ws[f"{col}3"] = text
        ws.merge_cells(f"{col}3:{col}4")
    ws["G3"] = "整改时限"
    ws.merge_cells("G3:I3")
    ws["G4"], ws["H4"], ws["I4"] = "原定完成时间", "调整后完成时间", "延期理由"
    ws["A5"] = "一、财务管理方面"
    ws.merge_cells("A5:Q5")
    rows = {
        6: [1, "违规发放津贴补贴", 12.5, "清退违规发放的津贴补贴，修订《津贴补贴发放管理办法》", "财务部", "张三",
            D(2025, 1, 31), D(2025, 4, 30), "涉及人员多，清退需分批进行", "城投审〔2025〕3号", "否", None,
            "已清退8.2万元", None, 8.2, 82000, "否"],
        7: [2, "工程款超付", "35.6万元", "追回超付工程款35.6万元", "工程部", "李四",
            "2025年2月28日", "2025.3.10", None, None, "否", None, "已发函催收", None, 0, 0, "否"],
        8: [3, "预付款未按合同扣回", 20, "按合同扣回预付款20万元", "财务部", "王五",
            D(2025, 2, 15), None, None, None, "是", D(2025, 2, 10), "已召开专题会议研究部署并完成整改",
            "扣款凭证及银行回单等材料", 20, 200000, "是"],
        10: [4, "未按规定公开招标", "1,200.00", "进一步加强招标管理，切实提高规范意识", "工程部", "李四",
             D(2025, 3, 31), None, None, None, "否", None, "正在整改", None, None, None, "否"],
        11: [5, "工程变更未经审批", "—", "修订《工程变更管理办法》并组织培训1次", "工程部", "陈明、刘洋",
             D(2025, 3, 15), D(2025, 6, 30), "需待上级审批新办法", None, "是", D(2025, 3, 20),
             "已召开专题会议研究部署并完成整改。", "扣款凭证及银行回单等材料", None, None, "是"],
        12: [6, "固定资产账实不符", 3.2, "开展固定资产全面清查1次，建立资产台账", "财务部", "张三",
             D(2025, 2, 28), None, None, None, "否", None, "清查方案已制定", None, 0, 0, "否"],
    }
    for row, values in rows.items():
        sheet_rows(ws, [values], start=row)
    ws["A9"] = "二、工程管理方面"
    ws.merge_cells("A9:Q9")
    ws["A13"], ws["C13"], ws["O13"], ws["P13"] = "合计", 1271.3, 28.2, 282000
    ws["A14"] = "注：金额单位为万元，追回金额单位为元。"
    for ref in ["C7", "G7", "H7", "C10", "C11"]:
        ws[ref].number_format = "@"
    return wb


FIXTURES = {
    "column-numbers": column_numbers,
    "group-audit-ledger": group_audit_ledger,
    "survey-respondents": survey_respondents,
    "two-digit-years": two_digit_years,
    "seq-and-type": seq_and_type,
    "audit-extensions": audit_extensions,
    "blind/审计台账": audit_blind,
    # name with a folder: written to test/fixtures/<folder>/
    "blind/县局台账": county_bureau,
}


def main():
    if shutil.which("soffice") is None:
        print("soffice (LibreOffice) not found / 找不到 soffice（LibreOffice）", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "raw")
        profile = os.path.join(tmp, "profile")
        os.makedirs(raw)
        # Names on the command line build only those fixtures (the others stay byte for byte as committed).
        wanted = sys.argv[1:] or list(FIXTURES)
        for name, build in ((name, FIXTURES[name]) for name in wanted):
            out = os.path.join(ROOT, "test", "fixtures", os.path.dirname(name) or "lo")
            os.makedirs(out, exist_ok=True)
            source = os.path.join(raw, f"{os.path.basename(name)}.xlsx")
            build().save(source)
            subprocess.run(
                ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx",
                 "--outdir", out, source],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            print(os.path.relpath(os.path.join(out, f"{os.path.basename(name)}.xlsx"), ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
