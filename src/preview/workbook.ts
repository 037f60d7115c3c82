/**
 * The sample workbook of the browser preview (`npm run preview`) and the browser test: a county
 * bureau's 巡察整改台账 as staff keep it — a merged title, a note row, a header with parenthesised
 * notes, section rows (一、…), dates typed as Excel dates and as text (`2025年6月底`, `长期坚持`), and a
 * satisfaction survey sheet. As of 2025-03-31 (the preview's default date) it has items of every
 * light and findings of several rules, so every part of the pane shows.
 */
import { serialFromYmd, type WorkbookDescription } from "../excel-double";

/** The preview's evaluation date: the sample's dates are written around it. */
export const PREVIEW_TODAY = "2025-03-31";
export const PREVIEW_LEDGER_SHEET = "整改台账";
export const PREVIEW_SURVEY_SHEET = "满意度调查";

const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day, false);

const HEADER = [
  "序号",
  "问题类别",
  "问题描述",
  "整改措施",
  "整改类型",
  "责任单位",
  "责任人",
  "交办时间",
  "整改时限（完成时间）",
  "整改进展",
  "整改状态",
  "完成时间",
  "是否销号",
  "佐证材料",
  "销号审批人",
];

type Row = (string | number | null)[];

const ROWS: Row[] = [
  ["一、工程建设管理方面"],
  [
    1,
    "制度建设",
    "招标采购管理制度不健全，部分项目未按规定公开招标",
    "修订《工程招标采购管理办法》，2025年4月底前印发并组织培训1次",
    "限期整改",
    "工程建设科",
    "张伟",
    d(2025, 1, 6),
    d(2025, 2, 28),
    "办法已起草，待党组会审议",
    "整改中",
    null,
    "否",
    null,
    null,
  ],
  [
    2,
    "项目管理",
    "3个项目未办理施工许可即开工",
    "对在建项目逐一检查，补办手续，建立开工前审核清单",
    "限期整改",
    "工程建设科",
    "李强",
    d(2025, 1, 6),
    d(2025, 3, 15),
    "已补办2个",
    "整改中",
    null,
    "否",
    null,
    null,
  ],
  [
    3,
    "项目管理",
    "工程变更未经审批",
    "加强管理，提高认识",
    "限期整改",
    "项目管理办",
    "项目管理办",
    d(2025, 1, 6),
    "2025年6月底",
    "",
    "整改中",
    null,
    "否",
    null,
    null,
  ],
  [
    4,
    "资金管理",
    "工程款支付审核不严，存在超进度支付",
    "开展工程款支付专项检查，追回超付资金",
    "立行立改",
    "财务科",
    "王芳",
    d(2025, 1, 6),
    d(2025, 1, 13),
    "已追回超付款12.6万元",
    "已完成",
    d(2025, 1, 10),
    "是",
    "追款凭证、检查报告",
    "陈明",
  ],
  ["二、作风建设方面"],
  [
    5,
    "作风纪律",
    "工作日志记录不全",
    "建立周检查制度，每周抽查工作日志",
    "长效治理",
    "办公室",
    "赵敏",
    d(2025, 1, 6),
    "长期坚持",
    "已建立周检查台账",
    "持续推进",
    null,
    "否",
    null,
    null,
  ],
  [
    6,
    "作风纪律",
    "关键岗位长期未轮岗",
    "制定关键岗位轮岗计划，年内完成轮岗8人次",
    "长效治理",
    "人事科",
    "刘洋",
    d(2025, 1, 6),
    d(2025, 12, 31),
    "已轮岗3人",
    "整改中",
    null,
    "否",
    null,
    null,
  ],
  [
    7,
    "廉政风险",
    "廉政风险点排查不全面",
    "组织全员排查廉政风险点，形成风险清单",
    "限期整改",
    "纪检组",
    "孙丽",
    d(2025, 1, 6),
    d(2025, 3, 31),
    "清单已形成",
    "已完成",
    d(2025, 3, 28),
    "是",
    null,
    null,
  ],
  [
    8,
    "廉政风险",
    "公务接待超标准",
    "对照规定清理接待费用，退还超标部分",
    "立行立改",
    "办公室",
    "周杰",
    d(2025, 1, 6),
    d(2025, 1, 20),
    "",
    "未整改",
    null,
    "否",
    null,
    null,
  ],
  [
    9,
    "制度建设",
    "档案管理不规范",
    "修订《档案管理细则》并开展检查2次",
    "限期整改",
    "办公室",
    "",
    d(2025, 1, 6),
    d(2025, 4, 30),
    "细则已修订",
    "整改中",
    null,
    "否",
    null,
    null,
  ],
  [
    10,
    "项目管理",
    "监理单位履职不到位",
    "约谈监理单位负责人，每月开展监理考核1次",
    "限期整改",
    "工程建设科",
    "李强",
    d(2025, 2, 10),
    "尽快",
    "已约谈",
    "整改中",
    null,
    "否",
    null,
    null,
  ],
  ["填表说明：整改状态填写“整改中”“已完成”等；销号须附佐证材料。"],
];

const SURVEY: Row[] = [
  ["序号", "单位", "对整改工作总体满意度", "对整改措施落实情况满意度", "对整改作风转变满意度"],
  [1, "城关镇", "满意", "满意", "基本满意"],
  [2, "城东镇", "满意", "基本满意", "满意"],
  [3, "河西乡", "满意", "满意", "满意"],
  [4, "高新区", "基本满意", "不满意", "满意"],
  [5, "城北街道", "满意", "满意", "满意"],
];

/** The sample's own rows, or its sections and items repeated (序号 counted on) until `itemCount` items. */
function ledgerRows(itemCount: number | null): Row[] {
  if (itemCount === null) return ROWS;
  const body = ROWS.slice(0, -1); // the closing note stays last, once
  const perCopy = body.filter((row) => row.length > 1).length;
  const out: Row[] = [];
  let seq = 0;
  for (let copy = 0; seq < itemCount; copy++) {
    for (const row of body) {
      if (row.length === 1) out.push(copy === 0 ? row : [`${row[0]}（续${copy}）`]);
      else if (seq < itemCount) out.push([++seq, ...row.slice(1)]);
    }
    if (perCopy === 0) break;
  }
  return [...out, ...ROWS.slice(-1)];
}

/**
 * The preview's workbook; `itemCount` makes its ledger that many items long (the sample's rows
 * repeated), to try the pane on a large ledger (`?items=3000`).
 */
export function previewWorkbook(itemCount: number | null = null): WorkbookDescription {
  const rows: Row[] = [
    ["XX县交通运输局巡察整改问题整改台账"],
    ["填报单位：XX县交通运输局　　　更新日期：2025年3月31日"],
    HEADER,
    ...ledgerRows(itemCount),
  ];
  const firstItemRow = 4;
  const dateColumns = [8, 9, 12]; // 交办时间, 整改时限, 完成时间 (1-based)
  const numberFormats = rows.map((row, i) =>
    HEADER.map((_, c) =>
      i + 1 >= firstItemRow && dateColumns.includes(c + 1) && typeof row[c] === "number" ? "yyyy-mm-dd" : null,
    ),
  );
  const sectionRows = rows.flatMap((row, i) => (row.length === 1 && i + 1 >= firstItemRow ? [i + 1] : []));
  return {
    sheets: [
      {
        name: "封面",
        rows: [["XX县交通运输局"], ["巡察整改工作资料"]],
      },
      {
        name: PREVIEW_LEDGER_SHEET,
        rows,
        numberFormats,
        merges: ["A1:O1", "A2:O2", ...sectionRows.map((r) => `A${r}:O${r}`)],
        columnWidths: { 1: 36, 3: 180, 4: 200, 10: 120 },
      },
      { name: PREVIEW_SURVEY_SHEET, rows: SURVEY },
    ],
    active: PREVIEW_LEDGER_SHEET,
    selection: `${PREVIEW_LEDGER_SHEET}!A1`,
  };
}
