/**
 * Every string the task pane shows, in Chinese (first: the product's users write their ledgers in
 * Chinese) and English. One typed dictionary per language; `en` must have exactly `zh`'s keys (the
 * type says so, and a test checks the placeholders agree too).
 *
 * Placeholders are `{name}`; `format` fills them. Field names come from the engine's own labels
 * (`FIELD_LABELS`), so the pane names a column the way the findings do.
 */
import { FIELD_LABELS } from "../core/rules/field-labels";
import type { FieldKey, Light, Message, SeveritySetting } from "../core/types";
import { LIGHT_WORDS } from "../core/vocabulary";

export type Lang = "zh" | "en";

const zh = {
  productName: "整改台账助手",
  productTagline: "巡察整改台账检查 · 红黄绿灯预警 · 指标汇总",
  tabCheck: "检查",
  tabSettings: "设置",
  tabsLabel: "检查与设置",
  sourceLabel: "检查范围",
  sourceActive: "当前工作表",
  sourceSelection: "所选区域",
  sourceSheet: "指定工作表",
  sheetPickerLabel: "工作表",
  todayLabel: "评估日期（今天）",
  todayHint: "按此日期计算逾期天数和红黄绿灯",
  todayMissing: "请填写评估日期：逾期天数和红黄绿灯按它计算，填好后才能评估。",
  evaluateWrites:
    "评估会在台账右侧写入“预警状态”“评估意见”两列，并按红黄绿灯给各行着色；台账原有内容不变，“清除标记”可全部去掉。",
  evaluateAgain: "重新评估",
  resultsStale: "评估日期或设置已改动，下面的结果和台账里的标记还是按原来的算的。请重新评估。",
  evaluate: "评估",
  evaluating: "正在评估…",
  stageRead: "正在读取台账…",
  stageEvaluate: "正在逐项检查…",
  stageEvaluateRows: "正在逐项检查… 已检查 {done} / {total} 行",
  stageWrite: "正在写入预警状态和颜色…",
  resultsHeading: "评估结果",
  resultsAnnouncement:
    "评估完成：工作表“{sheet}”共 {items} 项，检查发现 {findings} 处需要修改的地方；已写入预警状态、评估意见两列和行颜色。",
  itemsCount: "整改事项 {n} 项",
  lightCountsLabel: "红黄绿灯统计",
  ratesHeading: "关键指标",
  completionRate: "完成率",
  closeRate: "销号率",
  closeRateTarget: "目标 ≥ {target}",
  onTimeRate: "按期完成率",
  onTimeRateOriginal: "按原定时限按期完成率",
  amountValue: "{amount} {unit}",
  amountRectifiedRate: "整改到位率 {rate}",
  amountConverted: "已换算为{unit}",
  overdue: "逾期未完成",
  overdueValue: "{n} 项",
  completionBasis: "已完成（含已销号）{part} / 整改事项 {whole}",
  closeBasis: "已销号 {part} / 整改事项 {whole}",
  onTimeBasis: "按期完成 {part} / 有完成日期和时限的已完成 {whole}",
  overdueBasis: "未完成且已过整改时限",
  surveyScore: "群众满意度",
  surveyScoreValue: "{score} 分",
  notAvailable: "—",
  findingsHeading: "检查发现",
  findingsNone: "逐项检查完毕，没有需要修改的地方。",
  findingsCount: "{n} 处",
  severityError: "错误",
  severityWarning: "提醒",
  findingGoTo: "定位到 {cell}",
  findingSeq: "序号 {seq}",
  findingCurrent: "← 当前",
  findingVisited: "✓ 已看",
  findingsBadge: "{severity} {count}",
  showMore: "再显示 {n} 条",
  showAllInGroup: "显示全部（共 {n} 处）",
  showMoreOf: "再显示 {n} 条（共 {total} 处）",
  ledgerLevel: "整表",
  layoutHeading: "表头与列对应",
  headerRowIs: "表头在第 {row} 行",
  dataRows: "数据行：第 {first}–{last} 行",
  listSeparator: "；",
  noColumn: "（无此列）",
  autoColumn: "自动识别",
  autoColumnFound: "自动识别（{column}）",
  columnOption: "{letter} 列 · {header}",
  columnLetterOnly: "{letter} 列",
  userMappedMark: "（手动）",
  showAllFields: "显示全部字段（另有 {n} 个）",
  showMappedFields: "只显示已对应的字段",
  mappingSaved: "已保存：对应关系已存入工作簿，并已按它重新评估。",
  fieldHasNoColumn: "无此列",
  editMapping: "修改对应关系",
  cancel: "取消",
  saveMapping: "保存并重新评估",
  resetMapping: "恢复自动识别",
  headerRowLabel: "表头行",
  headerRowPickerLabel: "请选择表头所在的行",
  headerRowOption: "第 {row} 行：{texts}",
  headerRowEmpty: "（空行）",
  mappingOptionalHeading: "延期与金额（可选）",
  fieldColumnLabel: "“{field}”所在列",
  meetingTextHeading: "通报稿",
  meetingTextHint: "可直接粘贴到会议记录或通报中，数字与汇总表一致。",
  copyMeetingText: "复制通报稿",
  meetingTextCopied: "已复制到剪贴板。",
  meetingTextCopyFailed: "无法自动复制：文字已选中，请按 Ctrl+C 复制。",
  actionsHeading: "汇总表",
  writeSummary: "生成汇总表",
  writingSummary: "正在生成汇总表…",
  summaryWritten: "已生成汇总表“{sheet}”。",
  openSheet: "打开“{sheet}”",
  summaryRenamed: "工作簿里已有一个不是本助手生成的“{wanted}”，汇总写在了“{sheet}”。",
  clearMarks: "清除标记",
  clearingMarks: "正在清除…",
  marksCleared: "已清除：{what}。台账恢复原样。",
  clearedLedger: "工作表“{sheet}”的预警状态列、评估意见列和行颜色",
  clearedSummary: "汇总表“{sheet}”",
  nothingToClear: "没有需要清除的标记。",
  clearConfirmTitle: "清除本助手写入的标记？",
  clearConfirmText: "将删除评估写入的“预警状态”“评估意见”两列和行颜色，以及本助手生成的汇总表。台账原有内容不会改动。",
  selectFailed: "无法定位到该单元格",
  settingsHeading: "评估设置",
  settingsIntro: "设置保存在本工作簿中，随文件一起传递。",
  lightsGroup: "红黄绿灯",
  yellowAfterDays: "逾期多少天亮黄灯",
  redAfterMonths: "逾期多少个月亮红灯",
  escalateAfterReds: "连续几期红灯列为问责/约谈对象",
  rulesGroup: "检查规则",
  ruleSeverityLabel: "“{rule}”的级别",
  severityOff: "关闭",
  targetsGroup: "指标目标",
  targetInstitutionRevisions: "制度修订数量（项）",
  targetRotationRate: "关键岗位人员轮岗率（%）",
  targetCloseRate: "整改问题销号率（%）",
  targetSurveyScore: "群众满意度调查得分（分）",
  targetAuditDrop: "年度审计发现问题同比下降（%）",
  inputsGroup: "指标数据（台账中没有的）",
  inputInstitutionRevisions: "制度修订数量（留空则从台账中的《…》统计）",
  inputRotationDue: "应轮岗关键岗位数",
  inputRotationDone: "已轮岗关键岗位数",
  inputAuditLastYear: "上年度审计发现问题数",
  inputAuditThisYear: "本年度审计发现问题数",
  surveyGroup: "满意度调查",
  surveySheetLabel: "调查问卷所在工作表",
  surveySheetAuto: "自动识别（名称含“满意度”“问卷”“测评”“调查”）",
  saveSettings: "保存设置",
  settingsSaved: "设置已保存到工作簿。",
  settingsInvalid: "设置未保存：有 {n} 处需要修改，已在字段旁标出。",
  settingsLoadProblems: "工作簿里保存的设置有误（{fields}），已改用默认值；请在“设置”中检查后保存。",
  otherSettings: "其他设置",
  errorTitle: "无法完成",
  noLedgerTitle: "没有找到台账",
  ledgerElsewhere: "工作表“{sheet}”中有台账。",
  checkThatSheet: "检查它",
  mapByHand: "在“{sheet}”中手动指定表头和列",
  retry: "重试",
} as const;

export type StringKey = keyof typeof zh;

const en: Record<StringKey, string> = {
  productName: "Rectification Ledger Assistant",
  productTagline: "Ledger checks · red/yellow/green warnings · summary",
  tabCheck: "Check",
  tabSettings: "Settings",
  tabsLabel: "Check and settings",
  sourceLabel: "Check",
  sourceActive: "Active sheet",
  sourceSelection: "Selected range",
  sourceSheet: "A sheet",
  sheetPickerLabel: "Sheet",
  todayLabel: "Evaluation date (today)",
  todayHint: "Overdue days and lights are counted to this date",
  todayMissing: "Enter the evaluation date: overdue days and lights are counted to it. Evaluate needs it.",
  evaluateWrites:
    "Evaluate writes two columns right of the ledger, 预警状态 (status) and 评估意见 (opinion), and colours each row by its light; nothing else in the ledger changes, and Clear marks removes it all.",
  evaluateAgain: "Evaluate again",
  resultsStale:
    "The date or the settings have changed: the results below and the marks in the ledger are from before. Evaluate again.",
  evaluate: "Evaluate",
  evaluating: "Evaluating…",
  stageRead: "Reading the ledger…",
  stageEvaluate: "Checking every item…",
  stageEvaluateRows: "Checking every item… {done} of {total} rows",
  stageWrite: "Writing warning status and colours…",
  resultsHeading: "Results",
  resultsAnnouncement:
    'Evaluation finished: sheet "{sheet}" has {items} items and {findings} findings; the status and opinion columns and row colours are written.',
  itemsCount: "{n} items",
  lightCountsLabel: "Items by light",
  ratesHeading: "Key rates",
  completionRate: "Completion rate",
  closeRate: "Close-out rate",
  closeRateTarget: "target ≥ {target}",
  onTimeRate: "On-time rate",
  onTimeRateOriginal: "On time by original deadlines",
  amountValue: "{amount} {unit}",
  amountRectifiedRate: "rectified {rate}",
  amountConverted: "converted to {unit}",
  overdue: "Overdue, not done",
  overdueValue: "{n} items",
  completionBasis: "finished (closed included) {part} / items {whole}",
  closeBasis: "closed out {part} / items {whole}",
  onTimeBasis: "finished by the deadline {part} / finished with both dates {whole}",
  overdueBasis: "not finished and past the deadline",
  surveyScore: "Satisfaction survey",
  surveyScoreValue: "{score} points",
  notAvailable: "—",
  findingsHeading: "Findings",
  findingsNone: "No findings.",
  findingsCount: "{n}",
  severityError: "Error",
  severityWarning: "Warning",
  findingGoTo: "Go to {cell}",
  findingSeq: "No. {seq}",
  findingCurrent: "← current",
  findingVisited: "✓ seen",
  findingsBadge: "{severity}: {count}",
  showMore: "Show {n} more",
  showAllInGroup: "Show all ({n})",
  showMoreOf: "Show {n} more (of {total})",
  ledgerLevel: "Ledger",
  layoutHeading: "Header and columns",
  headerRowIs: "Header on row {row}",
  dataRows: "Data rows: {first}–{last}",
  listSeparator: "; ",
  noColumn: "(no such column)",
  autoColumn: "Detect",
  autoColumnFound: "Detect ({column})",
  columnOption: "Column {letter} · {header}",
  columnLetterOnly: "Column {letter}",
  userMappedMark: " (by hand)",
  showAllFields: "Show all fields ({n} more)",
  showMappedFields: "Show only the mapped fields",
  mappingSaved: "Saved: the mapping is stored in the workbook and the ledger was evaluated again with it.",
  fieldHasNoColumn: "No such column",
  editMapping: "Change mapping",
  cancel: "Cancel",
  saveMapping: "Save and evaluate again",
  resetMapping: "Back to detection",
  headerRowLabel: "Header row",
  headerRowPickerLabel: "Pick the row that holds the header",
  headerRowOption: "Row {row}: {texts}",
  headerRowEmpty: "(blank row)",
  mappingOptionalHeading: "Extensions and amounts (optional)",
  fieldColumnLabel: "Column of {field}",
  meetingTextHeading: "Meeting text",
  meetingTextHint: "A paragraph to paste into the meeting notes or the 通报; its numbers are the summary's.",
  copyMeetingText: "Copy meeting text",
  meetingTextCopied: "Copied to the clipboard.",
  meetingTextCopyFailed: "Could not copy by itself: the text is selected, press Ctrl+C to copy it.",
  actionsHeading: "Summary sheet",
  writeSummary: "Write summary sheet",
  writingSummary: "Writing the summary…",
  summaryWritten: 'Summary sheet "{sheet}" written.',
  openSheet: 'Open "{sheet}"',
  summaryRenamed:
    'The workbook already has a sheet "{wanted}" that this add-in did not make; the summary is on "{sheet}".',
  clearMarks: "Clear marks",
  clearingMarks: "Clearing…",
  marksCleared: "Removed: {what}. The ledger is as it was.",
  clearedLedger: 'the status and opinion columns and row colours on "{sheet}"',
  clearedSummary: 'the summary sheet "{sheet}"',
  nothingToClear: "There are no marks to clear.",
  clearConfirmTitle: "Clear the marks this add-in wrote?",
  clearConfirmText:
    "This removes the 预警状态 (status) and 评估意见 (opinion) columns and row colours that Evaluate wrote, and the summary sheet this add-in made. Nothing else in the ledger changes.",
  selectFailed: "Could not go to that cell",
  settingsHeading: "Evaluation settings",
  settingsIntro: "Settings are stored in this workbook and travel with the file.",
  lightsGroup: "Warning lights",
  yellowAfterDays: "Yellow after overdue days",
  redAfterMonths: "Red after overdue months",
  escalateAfterReds: "Red periods in a row before accountability",
  rulesGroup: "Rules",
  ruleSeverityLabel: 'Severity of "{rule}"',
  severityOff: "Off",
  targetsGroup: "Indicator targets",
  targetInstitutionRevisions: "Regulations revised (count)",
  targetRotationRate: "Key-post rotation rate (%)",
  targetCloseRate: "Close-out rate (%)",
  targetSurveyScore: "Satisfaction survey score (points)",
  targetAuditDrop: "Year-on-year drop in audit findings (%)",
  inputsGroup: "Indicator figures (not in the ledger)",
  inputInstitutionRevisions: "Regulations revised (blank: count the 《…》 titles in the ledger)",
  inputRotationDue: "Key posts due for rotation",
  inputRotationDone: "Key posts rotated",
  inputAuditLastYear: "Audit findings last year",
  inputAuditThisYear: "Audit findings this year",
  surveyGroup: "Satisfaction survey",
  surveySheetLabel: "Survey sheet",
  surveySheetAuto: "Detect (name contains 满意度, 问卷, 测评 or 调查)",
  saveSettings: "Save settings",
  settingsSaved: "Settings saved to the workbook.",
  settingsInvalid: "Settings not saved: {n} field(s) to correct, marked beside each.",
  settingsLoadProblems:
    "The settings stored in the workbook are invalid ({fields}); using the defaults. Check them under Settings and save.",
  otherSettings: "other settings",
  errorTitle: "Could not finish",
  noLedgerTitle: "No ledger found",
  ledgerElsewhere: 'Sheet "{sheet}" holds a ledger.',
  checkThatSheet: "Check it",
  mapByHand: 'Pick the header and columns on "{sheet}" by hand',
  retry: "Try again",
};

export const DICTIONARIES: Readonly<Record<Lang, Readonly<Record<StringKey, string>>>> = { zh, en };

/** Fills `{name}` placeholders; an unknown placeholder is left as it is, so a mistake shows. */
export function format(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(lang: Lang, key: StringKey, params?: Readonly<Record<string, string | number>>): string {
  return format(DICTIONARIES[lang][key], params);
}

/**
 * The pane's language from Office's display language (`zh-CN`, `en-US`, …). English for any `en-*`;
 * Chinese otherwise, including when Office does not say: the ledgers, the rules and the seed are
 * Chinese, so a user of a third display language is better served by the language of the ledger.
 */
export function pickLanguage(displayLanguage: string | null | undefined): Lang {
  return displayLanguage && /^en\b/i.test(displayLanguage) ? "en" : "zh";
}

/** A `{zh, en}` message in the pane's language. */
export function pick(message: Message, lang: Lang): string {
  return message[lang];
}

export function fieldName(field: FieldKey, lang: Lang): string {
  return FIELD_LABELS[field][lang];
}

export function lightName(light: Light, lang: Lang): string {
  return LIGHT_WORDS[light][lang];
}

export function severityName(severity: SeveritySetting, lang: Lang): string {
  return translate(
    lang,
    severity === "error" ? "severityError" : severity === "warning" ? "severityWarning" : "severityOff",
  );
}

export { RULE_TITLES } from "../core/rules/titles";
