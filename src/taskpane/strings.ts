/**
 * Every string the task pane shows, in Chinese and English. Components get the table of the
 * current language (`strings(lang)`) and never hold text of their own. Labels of the workbook
 * contract (sheet names, flags) come from src/workbook/names.ts.
 */
import type { Lang } from '../engine';
import type { OutputState } from '../workbook/status';

/** The pane's run stages, in order. */
export type RunStage = 'read' | 'compute' | 'write' | 'done';

/** One language's strings. */
export interface Strings {
  readonly appTitle: string;
  readonly appSubtitle: string;
  /** Text of the language button: the language it switches to. */
  readonly otherLanguage: string;
  readonly switchLanguageLabel: string;
  readonly themeDark: string;
  readonly themeLight: string;
  readonly switchThemeLabel: string;
  readonly bootErrorTitle: string;
  readonly errorTitle: string;
  readonly dismiss: string;
  readonly cancelledNotice: string;
  readonly officeTimeout: string;

  readonly openFile: string;
  readonly openFileLabel: string;
  readonly opening: string;
  readonly noFile: string;
  readonly fileModeHint: string;
  /** The single offline file (分解.html): always shown, says that nothing leaves the computer. */
  readonly offlineNote: string;
  readonly download: string;
  readonly openFailed: string;
  readonly downloadPreparing: string;

  readonly workbookHeading: string;
  readonly currentWorkbook: string;
  readonly readingWorkbook: string;
  readonly inputSheets: string;
  readonly sheetFound: (name: string) => string;
  readonly sheetMissing: (name: string) => string;
  readonly outputSheets: string;
  readonly outputState: Readonly<Record<OutputState, string>>;
  /** Shown under a current state when only the live inputs (actuals, the period) changed. */
  readonly liveChangedHint: string;
  readonly createInputs: string;
  readonly creatingInputs: string;
  readonly needsInputsHint: string;
  readonly inputsCreated: (n: number) => string;
  readonly refresh: string;
  readonly refreshLabel: string;

  readonly settingsHeading: string;
  readonly reportMonth: string;
  readonly reportMonthAuto: string;
  readonly monthOption: (m: number) => string;
  readonly behindThreshold: string;
  readonly seriousThreshold: string;
  readonly settingsHint: string;
  readonly invalidThreshold: string;
  readonly seriousBelowBehind: string;
  readonly resetSettings: string;

  readonly recalculate: string;
  readonly cancel: string;
  readonly cancelLabel: string;
  readonly stage: Readonly<Record<RunStage, string>>;
  readonly progressLabel: string;
  readonly stageWithPercent: (stage: string, percent: number) => string;
  readonly doneOk: string;
  readonly doneWithProblems: (n: number) => string;

  readonly problemsHeading: (n: number) => string;
  readonly problemsHintExcel: string;
  readonly problemsHintFile: string;
  readonly cellInFile: (place: string) => string;
  readonly wholeWorkbook: string;
  readonly goToCell: (place: string, message: string) => string;

  readonly resultHeading: (year: number, month: number, schedule: string) => string;
  readonly completion: string;
  readonly schedule: string;
  /** Last month's completion (growth), beside the chart's dashed marker. */
  readonly lastMonth: string;
  readonly gap: string;
  readonly points: (value: string) => string;
  readonly yoy: string;
  readonly targetRate: string;
  readonly growthFailed: (yoy: string, target: string) => string;
  readonly mostBehind: string;
  /** The bulletin panel: heading, the lists, the .docx button. */
  readonly bulletinHeading: string;
  readonly redList: string;
  readonly blackList: string;
  readonly listEmpty: string;
  readonly downloadBulletin: string;
  /** Heading of the units' list (层层分解), ranked among their siblings. */
  readonly unitsTitle: string;
  /** Marks a gap that is the growth test's: '增速 −18.9 个百分点'. */
  readonly growthGap: (points: string) => string;
  readonly noneBehind: string;
  readonly chartLabel: (indicator: string, actual: string, marker: string, flag: string) => string;
  readonly flagCountsLabel: (indicator: string) => string;
  readonly flagCount: (flag: string, n: number) => string;
  readonly noReportMonth: string;
}

const zh: Strings = {
  appTitle: '分解',
  appSubtitle: '目标分解与序时进度',
  otherLanguage: 'English',
  switchLanguageLabel: 'Switch the interface to English',
  themeDark: '深色',
  themeLight: '浅色',
  switchThemeLabel: '切换浅色/深色主题',
  bootErrorTitle: '无法启动',
  errorTitle: '出错了',
  dismiss: '关闭',
  cancelledNotice: '已取消，原有结果表未改动。',
  officeTimeout:
    'Office 未能就绪，已改为文件模式：可打开 .xlsx 文件计算。若在 Excel 中，请关闭并重新打开本加载项。',

  openFile: '打开 .xlsx',
  openFileLabel: '打开 .xlsx 文件',
  opening: '正在打开…',
  noFile: '未打开文件',
  fileModeHint: '在浏览器中处理 .xlsx 文件：文件不上传，只在本机计算。',
  offlineNote: '离线版：本页不连接任何网络，文件和结果都不会离开这台电脑。',
  download: '下载结果',
  openFailed: '无法打开文件',
  downloadPreparing: '正在生成文件…',

  workbookHeading: '工作簿',
  currentWorkbook: '当前工作簿',
  readingWorkbook: '正在读取工作簿…',
  inputSheets: '输入表',
  sheetFound: (name) => `已有 ${name}`,
  sheetMissing: (name) => `缺少 ${name}`,
  outputSheets: '结果表',
  outputState: {
    missing: '尚未生成',
    current: '已是最新',
    stale: '已过期：有需重新分解的改动，请重新计算',
  },
  liveChangedHint: '上次计算后只改动了实绩或报告期等参数：结果表的公式已随之更新，无需重新分解。',
  createInputs: '创建输入表',
  creatingInputs: '正在创建…',
  needsInputsHint: '缺少目标表或企业表。创建输入表后，填写目标、企业、基数和实绩，再重新计算。',
  inputsCreated: (n) => (n === 0 ? '输入表已齐全。' : `已创建 ${n} 张输入表。`),
  refresh: '刷新',
  refreshLabel: '重新读取工作簿状态',

  settingsHeading: '本次计算参数',
  reportMonth: '报告期',
  reportMonthAuto: '自动（实绩最新月份）',
  monthOption: (m) => (m === 1 ? '1月' : `1-${m}月`),
  behindThreshold: '滞后阈值（百分点）',
  seriousThreshold: '严重滞后阈值（百分点）',
  settingsHint: '仅用于本次计算，不写入参数表。',
  invalidThreshold: '请输入不小于 0 的数字',
  seriousBelowBehind: '应不小于滞后阈值',
  resetSettings: '恢复参数表的值',

  recalculate: '重新计算',
  cancel: '取消',
  cancelLabel: '取消计算，保留原有结果表',
  stage: { read: '读取', compute: '计算', write: '写入', done: '完成' },
  progressLabel: '计算进度',
  stageWithPercent: (stage, percent) => `${stage} ${percent}%`,
  doneOk: '结果表已更新。',
  doneWithProblems: (n) => `发现 ${n} 个问题，未写入结果。`,

  problemsHeading: (n) => `问题（${n}）`,
  problemsHintExcel: '点击问题可定位到单元格。',
  problemsHintFile: '位置指所打开文件中的工作表和单元格：请在 Excel 或 WPS 中修改后重新打开。',
  cellInFile: (place) => `该单元格在文件中：${place}`,
  wholeWorkbook: '工作簿',
  goToCell: (place, message) => `定位到 ${place}：${message}`,

  resultHeading: (year, month, schedule) => `${year}年1-${month}月，序时进度 ${schedule}`,
  completion: '完成率',
  schedule: '序时',
  lastMonth: '上月',
  gap: '差距',
  points: (value) => `${value} 个百分点`,
  yoy: '同比',
  targetRate: '目标',
  growthFailed: (yoy, target) => `同比 ${yoy}，低于目标增速 ${target}`,
  mostBehind: '最落后的企业',
  bulletinHeading: '月度通报',
  redList: '红榜',
  blackList: '黑榜',
  listEmpty: '无',
  downloadBulletin: '下载通报（Word）',
  unitsTitle: '各单位（同级排名）',
  growthGap: (points) => `增速 ${points}`,
  noneBehind: '没有落后于序时的企业。',
  chartLabel: (indicator, actual, marker, flag) =>
    `${indicator}：完成 ${actual}，序时 ${marker}，${flag}`,
  flagCountsLabel: (indicator) => `${indicator} 各进度档企业数`,
  flagCount: (flag, n) => `${flag} ${n}`,
  noReportMonth: '尚无实绩：未设报告期。',
};

const en: Strings = {
  appTitle: 'Fenjie',
  appSubtitle: 'Targets and schedule progress',
  otherLanguage: '中文',
  switchLanguageLabel: '切换到中文界面',
  themeDark: 'Dark',
  themeLight: 'Light',
  switchThemeLabel: 'Switch between light and dark theme',
  bootErrorTitle: 'Could not start',
  errorTitle: 'Something went wrong',
  dismiss: 'Dismiss',
  cancelledNotice: 'Cancelled; the previous output sheets are unchanged.',
  officeTimeout:
    'Office did not get ready, so the pane works on .xlsx files instead. Inside Excel, close and reopen the add-in.',

  openFile: 'Open .xlsx',
  openFileLabel: 'Open an .xlsx file',
  opening: 'Opening…',
  noFile: 'No file open',
  fileModeHint: 'Works on an .xlsx file in the browser: nothing is uploaded.',
  offlineNote:
    'Offline version: this page connects to no network; your file and the result never leave this computer.',
  download: 'Download result',
  openFailed: 'Could not open the file',
  downloadPreparing: 'Preparing the file…',

  workbookHeading: 'Workbook',
  currentWorkbook: 'Current workbook',
  readingWorkbook: 'Reading the workbook…',
  inputSheets: 'Input sheets',
  sheetFound: (name) => `${name} found`,
  sheetMissing: (name) => `${name} missing`,
  outputSheets: 'Output sheets',
  outputState: {
    missing: 'Not generated yet',
    current: 'Up to date',
    stale: 'Out of date: inputs changed that need a re-split, recalculate',
  },
  liveChangedHint:
    'Only actuals or the period changed since the last run: the live sheets follow them and are current (no re-split needed).',
  createInputs: 'Create input sheets',
  creatingInputs: 'Creating…',
  needsInputsHint:
    'Targets or Enterprises is missing. Create the input sheets, fill in targets, enterprises, base and actuals, then recalculate.',
  inputsCreated: (n) =>
    n === 0 ? 'The input sheets are all there.' : `Created ${n} input sheet(s).`,
  refresh: 'Refresh',
  refreshLabel: 'Read the workbook status again',

  settingsHeading: 'Settings for this run',
  reportMonth: 'Report month',
  reportMonthAuto: 'Automatic (latest month in Actuals)',
  monthOption: (m) => (m === 1 ? 'Month 1' : `Months 1–${m}`),
  behindThreshold: 'Behind threshold (points)',
  seriousThreshold: 'Serious threshold (points)',
  settingsHint: 'Used for this run only; the Settings sheet is not changed.',
  invalidThreshold: 'Enter a number of 0 or more',
  seriousBelowBehind: 'Must be at least the behind threshold',
  resetSettings: 'Reset to the Settings sheet',

  recalculate: 'Recalculate',
  cancel: 'Cancel',
  cancelLabel: 'Cancel and keep the previous output sheets',
  stage: { read: 'Reading', compute: 'Computing', write: 'Writing', done: 'Done' },
  progressLabel: 'Progress',
  stageWithPercent: (stage, percent) => `${stage} ${percent}%`,
  doneOk: 'The output sheets are updated.',
  doneWithProblems: (n) => `${n} problem${n === 1 ? '' : 's'} found; nothing written.`,

  problemsHeading: (n) => `Problems (${n})`,
  problemsHintExcel: 'Select a problem to go to its cell.',
  problemsHintFile:
    'Places are sheets and cells in the opened file: fix them in Excel or WPS, then open the file again.',
  cellInFile: (place) => `This cell is in the file: ${place}`,
  wholeWorkbook: 'Workbook',
  goToCell: (place, message) => `Go to ${place}: ${message}`,

  resultHeading: (year, month, schedule) => `${year}, months 1–${month}: time schedule ${schedule}`,
  completion: 'Completion',
  schedule: 'Schedule',
  lastMonth: 'Last month',
  gap: 'Gap',
  points: (value) => `${value} pts`,
  yoy: 'YoY',
  targetRate: 'Target',
  growthFailed: (yoy, target) => `Growth ${yoy}, below the target growth ${target}`,
  mostBehind: 'Furthest behind',
  bulletinHeading: 'Monthly bulletin',
  redList: 'Red list',
  blackList: 'Black list',
  listEmpty: 'none',
  downloadBulletin: 'Download the bulletin (Word)',
  unitsTitle: 'Units (rank among siblings)',
  growthGap: (points) => `growth ${points}`,
  noneBehind: 'No enterprise is behind schedule.',
  chartLabel: (indicator, actual, marker, flag) =>
    `${indicator}: ${actual} done against ${marker}, ${flag}`,
  flagCountsLabel: (indicator) => `${indicator}: enterprises per flag`,
  flagCount: (flag, n) => `${flag} ${n}`,
  noReportMonth: 'No actuals yet: no report month.',
};

/** The string tables by language. */
export const STRINGS: Readonly<Record<Lang, Strings>> = { zh, en };

/** The strings of one language. */
export const strings = (lang: Lang): Strings => STRINGS[lang];
