/**
 * Sheet, column and value names of the workbook contract (workbook-format.md), in Chinese and
 * English. Input names match after trimming, ignoring case and full-/half-width differences.
 */
import {
  fieldLabel,
  outOfBounds,
  toHalfWidth,
  type FieldLabel,
  type Grid,
  type Lang,
  type SheetKey,
} from '../engine';

/** Normalises a name for matching: half-width, trimmed, single spaces, lower case. */
export const normName = (s: string): string =>
  toHalfWidth(s).trim().replace(/\s+/g, ' ').toLowerCase();

export interface Name {
  readonly zh: string;
  readonly en: string;
  /** Further spellings accepted on input. */
  readonly alt?: readonly string[];
}

export const nameIn = (n: Name, lang: Lang): string => n[lang];

/** Whether `text` is one of the spellings of `n`. */
export function matchesName(n: Name, text: string): boolean {
  const t = normName(text);
  return (
    normName(n.zh) === t || normName(n.en) === t || (n.alt ?? []).some((a) => normName(a) === t)
  );
}

/** "企业名称 / Enterprise" — a name in both languages, for messages. */
export const bothNames = (n: Name): FieldLabel => fieldLabel(n.zh, n.en);

export const SHEETS = {
  settings: { zh: '参数', en: 'Settings' },
  targets: { zh: '目标', en: 'Targets' },
  enterprises: { zh: '企业', en: 'Enterprises' },
  base: { zh: '基数', en: 'Base' },
  weights: { zh: '权重', en: 'Weights' },
  constraints: { zh: '约束', en: 'Constraints' },
  profiles: { zh: '时间分布', en: 'Profiles' },
  actuals: { zh: '实绩', en: 'Actuals' },
  units: { zh: '单位', en: 'Units' },
  allocation: { zh: '分解结果', en: 'Allocation' },
  progress: { zh: '序时进度', en: 'Progress' },
  summary: { zh: '汇总', en: 'Summary' },
  bulletin: { zh: '通报', en: 'Bulletin' },
  guide: { zh: '说明', en: 'Guide' },
  helper: { zh: '辅助', en: 'Helper' },
} as const satisfies Record<string, Name>;

/** An input sheet: the engine's `SheetKey` (the sheets a plan's input comes from). */
export type InputSheet = SheetKey;
export type OutputSheet = 'allocation' | 'progress' | 'summary' | 'bulletin' | 'guide' | 'helper';
export const INPUT_SHEETS: readonly InputSheet[] = [
  'settings',
  'targets',
  'enterprises',
  'base',
  'weights',
  'constraints',
  'profiles',
  'actuals',
];
export const OUTPUT_SHEETS: readonly OutputSheet[] = [
  'allocation',
  'progress',
  'summary',
  'bulletin',
  'guide',
  'helper',
];
/**
 * The input sheets a plan reads: the contract's, and the optional 单位 / Units (层层分解). Units is
 * not among INPUT_SHEETS, the sheets the template, the status panel and "Create input sheets"
 * list: a workbook without units is as it always was.
 */
export const READ_SHEETS: readonly InputSheet[] = [...INPUT_SHEETS, 'units'];
/** The sheet named `key` in Chinese or English (any spelling `matchesName` accepts), if any. */
export function findSheet<S extends { readonly name: string }>(
  sheets: readonly S[],
  key: keyof typeof SHEETS,
): S | undefined {
  return sheets.find((s) => matchesName(SHEETS[key], s.name));
}

/** Whether a sheet's name is an input sheet's (the only sheets a plan reads). */
export const isInputSheetName = (name: string): boolean =>
  READ_SHEETS.some((key) => matchesName(SHEETS[key], name));

/** Input sheets a plan cannot do without. */
export const REQUIRED_SHEETS: readonly InputSheet[] = ['targets', 'enterprises'];

export const COLUMNS = {
  key: { zh: '项目', en: 'Key' },
  value: { zh: '值', en: 'Value' },
  indicator: { zh: '指标', en: 'Indicator' },
  unit: { zh: '单位', en: 'Unit' },
  kind: { zh: '类型', en: 'Kind' },
  direction: { zh: '方向', en: 'Direction' },
  target: { zh: '年度目标', en: 'Target', alt: ['目标任务'] },
  targetGrowth: { zh: '目标增速', en: 'Target growth' },
  method: { zh: '分解方法', en: 'Method' },
  decimals: { zh: '小数位', en: 'Decimals' },
  profile: { zh: '时间分布', en: 'Profile' },
  enterprise: { zh: '企业名称', en: 'Enterprise', alt: ['企业'] },
  creditCode: { zh: '统一社会信用代码', en: 'Credit code' },
  group: { zh: '分组', en: 'Group' },
  owner: { zh: '责任单位', en: 'Owner' },
  type: { zh: '类型', en: 'Type' },
  number: { zh: '数值', en: 'Value' },
  name: { zh: '名称', en: 'Name' },
  year: { zh: '年份', en: 'Year' },
  month: { zh: '月份', en: 'Month' },
  unitName: { zh: '单位名称', en: 'Unit' },
  parent: { zh: '上级单位', en: 'Parent' },
  memberOf: { zh: '所属单位', en: 'Unit' },
} as const satisfies Record<string, Name>;

export type SettingKey =
  | 'area'
  | 'year'
  | 'reportMonth'
  | 'scheduleBasis'
  | 'asOf'
  | 'behindThreshold'
  | 'seriousThreshold'
  | 'actualsBasis'
  | 'combineJanFeb'
  | 'unit'
  | 'listSize'
  | 'escalation';

export const SETTING_KEYS: Readonly<Record<SettingKey, Name>> = {
  area: { zh: '地区', en: 'Area' },
  year: { zh: '年度', en: 'Year' },
  reportMonth: { zh: '报告期', en: 'Report month' },
  scheduleBasis: { zh: '序时口径', en: 'Schedule basis' },
  asOf: { zh: '截至日期', en: 'As-of date' },
  behindThreshold: { zh: '滞后阈值', en: 'Behind threshold' },
  seriousThreshold: { zh: '严重滞后阈值', en: 'Serious threshold' },
  actualsBasis: { zh: '实绩口径', en: 'Actuals basis' },
  combineJanFeb: { zh: '一二月合并', en: 'Combine Jan-Feb' },
  unit: { zh: '单位', en: 'Unit' },
  listSize: { zh: '红黑榜人数', en: 'List size' },
  escalation: { zh: '预警升级', en: 'Escalation' },
};

/** A closed set of values: each canonical value with its Chinese and English spellings. */
export type Choice<T extends string> = Readonly<Record<T, Name>>;

export const KINDS: Choice<'total' | 'rate'> = {
  total: { zh: '总量', en: 'total' },
  rate: { zh: '增速', en: 'rate', alt: ['增长率', '速度'] },
};
export const DIRECTIONS: Choice<'higher' | 'lower'> = {
  higher: { zh: '越高越好', en: 'higher', alt: ['higher is better', '正向'] },
  lower: { zh: '越低越好', en: 'lower', alt: ['lower is better', '逆向', '反向'] },
};
export const METHODS: Choice<'weights' | 'base' | 'equal' | 'increment' | 'manual'> = {
  weights: { zh: '按权重', en: 'weights', alt: ['权重'] },
  base: { zh: '按基数', en: 'base', alt: ['基数', '按基数比例'] },
  equal: { zh: '平均', en: 'equal', alt: ['平均分配', '均分'] },
  increment: { zh: '按增量', en: 'increment', alt: ['增量'] },
  manual: { zh: '手工', en: 'manual', alt: ['手工分解'] },
};
export const CONSTRAINT_TYPES: Choice<'lock' | 'floor' | 'cap'> = {
  lock: { zh: '锁定', en: 'lock' },
  floor: { zh: '下限', en: 'floor', alt: ['保底'] },
  cap: { zh: '上限', en: 'cap', alt: ['封顶'] },
};
export const SCHEDULE_BASES: Choice<'months' | 'days'> = {
  months: { zh: '按月', en: 'months' },
  days: { zh: '按日', en: 'days' },
};
export const ACTUALS_BASES: Choice<'cumulative' | 'monthly'> = {
  cumulative: { zh: '累计', en: 'cumulative' },
  monthly: { zh: '当月', en: 'monthly' },
};
export const YES_NO: Choice<'yes' | 'no'> = {
  yes: { zh: '是', en: 'yes', alt: ['true', 'y', '1'] },
  no: { zh: '否', en: 'no', alt: ['false', 'n', '0'] },
};

/** The canonical value whose spelling `text` is, or undefined. */
export function matchChoice<T extends string>(choice: Choice<T>, text: string): T | undefined {
  for (const [k, n] of Object.entries(choice) as [T, Name][]) if (matchesName(n, text)) return k;
  return undefined;
}

/** "总量 / total, 增速 / rate" — for error messages. */
export const choiceList = <T extends string>(choice: Choice<T>): string =>
  Object.values<Name>(choice)
    .map((n) => `${n.zh}/${n.en}`)
    .join(', ');

export const FLAG_LABELS = {
  ahead: { zh: '超序时', en: 'Ahead' },
  slightlyBehind: { zh: '略低于序时', en: 'Slightly behind' },
  behind: { zh: '滞后', en: 'Behind' },
  seriouslyBehind: { zh: '严重滞后', en: 'Seriously behind' },
  noData: { zh: '无数据', en: 'No data' },
} as const satisfies Record<string, Name>;

/** Quarter headers: Q1 … Q4, 一季度 … 四季度 (also 第一季度). */
export const QUARTER_HEADERS: readonly Name[] = [1, 2, 3, 4].map((q) => ({
  zh: `${'一二三四'[q - 1]}季度`,
  en: `Q${q}`,
  alt: [`第${'一二三四'[q - 1]}季度`, `${q}季度`],
}));

const EN_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const EN_MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Month headers: 1月 … 12月, Jan … Dec, January … December, M1 … M12. */
export const MONTH_HEADERS: readonly Name[] = EN_MONTHS.map((en, i) => ({
  zh: `${i + 1}月`,
  en,
  alt: [EN_MONTHS_LONG[i] ?? outOfBounds(), `M${i + 1}`],
}));

export const JAN_FEB_HEADER: Name = {
  zh: '1-2月',
  en: 'Jan-Feb',
  alt: ['1—2月', '1–2月', '1~2月', 'M1-2', 'January-February'],
};

/** The headers of a profile's periods on `grid`: 一季度 … 四季度, 1月 … 12月, or 1-2月, 3月 … 12月. */
export function periodHeaders(grid: Grid): readonly Name[] {
  if (grid === 'quarters') return QUARTER_HEADERS;
  if (grid === 'months') return MONTH_HEADERS;
  return [JAN_FEB_HEADER, ...MONTH_HEADERS.slice(2)];
}

/** Period labels in Chinese or English: 一季度 / Q1, 1月 / Jan, 1-2月 / Jan-Feb. */
export const periodLabels = (grid: Grid, lang: Lang): string[] =>
  periodHeaders(grid).map((n) => n[lang]);
