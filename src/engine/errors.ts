/**
 * Errors are values. Every problem the engine or the workbook reader finds is a `FenjieError`:
 * a code from the catalogue below, the parameters its message needs, and where known the sheet
 * and cell it came from. Nothing in the engine throws on user data.
 *
 * @example
 *   const e = fenjieError('NotANumber', { text: '待定' }, { sheet: '基数', cell: 'C7' });
 *   describeError(e, 'zh') // → '基数!C7：“待定”不是数字'
 */

export type Lang = 'zh' | 'en';

/** Where a value came from: a sheet and an A1 cell (or a row or column when no cell applies). */
export interface Ref {
  readonly sheet: string;
  readonly cell?: string;
}

/** Parameters as an error value stores them (plain, serialisable). */
export type Params = Readonly<Record<string, string | number>>;

/** A message in both languages. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

type V = string | number;

/**
 * A column or field named in both languages ("企业名称 / Enterprise"), made only by the workbook
 * layer's `bothNames`: a message that names a column cannot be given a cell address instead.
 */
export type FieldLabel = string & { readonly __fieldLabel: true };

/** The one place a `FieldLabel` is made: `label('企业名称', 'Enterprise')` → "企业名称 / Enterprise". */
export const fieldLabel = (zh: string, en: string): FieldLabel => `${zh} / ${en}` as FieldLabel;

/** The numeric fields of a split row that messages name. */
export type SplitField = 'weight' | 'base' | 'offset' | 'lock' | 'floor' | 'cap';

const s = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

/** Names of the numeric fields messages mention. */
const FIELDS: Readonly<Record<SplitField, Bilingual>> = {
  weight: { zh: '权重', en: 'weight' },
  base: { zh: '基数', en: 'base' },
  offset: { zh: '基数', en: 'base' },
  lock: { zh: '锁定值', en: 'lock' },
  floor: { zh: '下限', en: 'floor' },
  cap: { zh: '上限', en: 'cap' },
};

const fieldName = (field: SplitField): Bilingual => FIELDS[field];

/** "，共 195 行" / ", in 195 rows": one message for a cause many rows share (none for one row). */
const rowsZh = (rows: V | undefined): string =>
  rows === undefined || rows === 1 ? '' : `，共 ${s(rows)} 行`;
const rowsEn = (rows: V | undefined): string =>
  rows === undefined || rows === 1 ? '' : `, in ${s(rows)} rows`;

/**
 * The message catalogue: one entry per error code, in Chinese and English.
 * Adding a code here is the only way to add a code to `ErrorCode`.
 */
export const MESSAGES = {
  NotANumber: (p: { readonly text: string }) => ({
    zh: `“${s(p.text)}”不是数字`,
    en: `"${s(p.text)}" is not a number`,
  }),
  NotFinite: (
    p: { readonly what: string } | { readonly subject: string; readonly field: SplitField },
  ) => {
    if ('what' in p)
      return { zh: `${s(p.what)}不是有限数值`, en: `${s(p.what)} is not a finite number` };
    const f = fieldName(p.field);
    return {
      zh: `${s(p.subject)}的${f.zh}不是有限数值`,
      en: `${s(p.subject)}: the ${f.en} is not a finite number`,
    };
  },
  NegativeNumber: (p: {
    readonly subject: string;
    readonly field: SplitField;
    readonly value: V;
  }) => {
    const f = fieldName(p.field);
    return {
      zh: `${s(p.subject)}的${f.zh}不能为负数（${s(p.value)}）`,
      en: `${s(p.subject)}: the ${f.en} cannot be negative (${s(p.value)})`,
    };
  },
  TotalTooLarge: (p: { readonly indicator: string; readonly value: V; readonly decimals: V }) => ({
    zh: `${s(p.indicator)}：${s(p.value)}按${s(p.decimals)}位小数超出精确计算范围`,
    en: `${s(p.indicator)}: ${s(p.value)} at ${s(p.decimals)} decimals is beyond exact integer precision`,
  }),
  TargetPrecision: (p: {
    readonly indicator: string;
    readonly value: V;
    readonly decimals: V;
  }) => ({
    zh: `${s(p.indicator)}：年度目标 ${s(p.value)} 的小数位多于设定的 ${s(p.decimals)} 位`,
    en: `${s(p.indicator)}: target ${s(p.value)} has more decimals than the ${s(p.decimals)} kept`,
  }),
  NegativeTarget: (p: { readonly indicator: string; readonly value: V }) => ({
    zh: `${s(p.indicator)}：总量目标不能为负数（${s(p.value)}）`,
    en: `${s(p.indicator)}: a total target cannot be negative (${s(p.value)})`,
  }),
  LocksExceedTotal: (p: {
    readonly indicator: string;
    readonly locks: V;
    readonly total: V;
    readonly names: string;
  }) => ({
    zh: `${s(p.indicator)}：锁定值合计 ${s(p.locks)} 超过年度目标 ${s(p.total)}（${s(p.names)}）`,
    en: `${s(p.indicator)}: locks add up to ${s(p.locks)}, more than the target ${s(p.total)} (${s(p.names)})`,
  }),
  FloorsExceedRemainder: (p: {
    readonly indicator: string;
    readonly remainder: V;
    readonly excess: V;
  }) => ({
    zh: `${s(p.indicator)}：下限合计超出可分配的 ${s(p.remainder)}，多 ${s(p.excess)}`,
    en: `${s(p.indicator)}: floors exceed what remains to split (${s(p.remainder)}) by ${s(p.excess)}`,
  }),
  CapsBelowRemainder: (p: {
    readonly indicator: string;
    readonly remainder: V;
    readonly shortfall: V;
  }) => ({
    zh: `${s(p.indicator)}：上限合计不足可分配的 ${s(p.remainder)}，差 ${s(p.shortfall)}`,
    en: `${s(p.indicator)}: caps fall short of what remains to split (${s(p.remainder)}) by ${s(p.shortfall)}`,
  }),
  AllWeightsZero: (p: { readonly indicator: string; readonly remainder: V }) => ({
    zh: `${s(p.indicator)}：权重全为零，无法分配 ${s(p.remainder)}`,
    en: `${s(p.indicator)}: every weight is zero, so ${s(p.remainder)} cannot be split`,
  }),
  /** `field`: what the values are, the weights (按权重, 按增量) or the bases (按基数). */
  WeightsTooFarApart: (p: {
    readonly indicator: string;
    readonly enterprise: string;
    readonly field: 'weight' | 'base';
    readonly weight: V;
    readonly largest: V;
  }) => {
    const f = fieldName(p.field);
    return {
      zh: `${s(p.indicator)}：“${s(p.enterprise)}”的${f.zh} ${s(p.weight)} 比最大${f.zh} ${s(p.largest)} 小 10^280 倍以上，无法精确分配`,
      en: `${s(p.indicator)}: the ${f.en} of "${s(p.enterprise)}" (${s(p.weight)}) is more than 10^280 times smaller than the largest (${s(p.largest)}), too far apart to split exactly`,
    };
  },
  MissingWeight: (p: { readonly indicator: string; readonly enterprise: string }) => ({
    zh: `${s(p.indicator)}：按权重分解，但“${s(p.enterprise)}”没有权重`,
    en: `${s(p.indicator)}: split by weights, but "${s(p.enterprise)}" has no weight`,
  }),
  ManualMissingPart: (p: { readonly indicator: string; readonly enterprise: string }) => ({
    zh: `${s(p.indicator)}：手工分解，但“${s(p.enterprise)}”没有锁定值`,
    en: `${s(p.indicator)}: manual split, but "${s(p.enterprise)}" has no lock`,
  }),
  ManualSumMismatch: (p: {
    readonly indicator: string;
    readonly sum: V;
    readonly total: V;
    readonly diff: V;
  }) => ({
    zh: `${s(p.indicator)}：手工分解合计 ${s(p.sum)} 与年度目标 ${s(p.total)} 不符，差 ${s(p.diff)}`,
    en: `${s(p.indicator)}: manual parts add up to ${s(p.sum)}, not the target ${s(p.total)} (off by ${s(p.diff)})`,
  }),
  FloorAboveCap: (p: {
    readonly indicator: string;
    readonly enterprise: string;
    readonly floor: V;
    readonly cap: V;
  }) => ({
    zh: `${s(p.indicator)}：“${s(p.enterprise)}”的下限 ${s(p.floor)} 高于上限 ${s(p.cap)}`,
    en: `${s(p.indicator)}: "${s(p.enterprise)}" has a floor ${s(p.floor)} above its cap ${s(p.cap)}`,
  }),
  ConflictingConstraint: (p: {
    readonly indicator: string;
    readonly enterprise: string;
    readonly type: 'lock' | 'floor' | 'cap';
  }) => ({
    zh: `${s(p.indicator)}：“${s(p.enterprise)}”的${fieldName(p.type).zh}重复或与锁定冲突`,
    en: `${s(p.indicator)}: "${s(p.enterprise)}" has a repeated ${fieldName(p.type).en} or one that conflicts with a lock`,
  }),
  LockPrecision: (p: {
    readonly indicator: string;
    readonly enterprise: string;
    readonly value: V;
    readonly decimals: V;
  }) => ({
    zh: `${s(p.indicator)}：“${s(p.enterprise)}”的锁定值 ${s(p.value)} 的小数位多于设定的 ${s(p.decimals)} 位`,
    en: `${s(p.indicator)}: the lock ${s(p.value)} of "${s(p.enterprise)}" has more decimals than the ${s(p.decimals)} kept`,
  }),
  DuplicateUnit: (p: { readonly name: string; readonly first: string }) => ({
    zh: `单位“${s(p.name)}”重复出现（首次在 ${s(p.first)}）`,
    en: `unit "${s(p.name)}" appears twice (first at ${s(p.first)})`,
  }),
  UnitNameClash: (p: { readonly name: string; readonly enterprise: string }) => ({
    zh: `单位“${s(p.name)}”与企业同名（${s(p.enterprise)}）：单位名称不能与企业名称相同`,
    en: `unit "${s(p.name)}" has the name of an enterprise (${s(p.enterprise)}): units and enterprises need different names`,
  }),
  UnknownUnit: (p: { readonly name: string }) => ({
    zh: `单位“${s(p.name)}”不在单位表中`,
    en: `unit "${s(p.name)}" is not in Units`,
  }),
  MissingUnit: (p: { readonly enterprise: string }) => ({
    zh: `企业“${s(p.enterprise)}”没有填所属单位：有单位表时，每家企业都要属于一个单位`,
    en: `enterprise "${s(p.enterprise)}" names no unit: with a Units sheet, every enterprise belongs to one`,
  }),
  UnitNotLeaf: (p: {
    readonly enterprise: string;
    readonly unit: string;
    readonly child: string;
  }) => ({
    zh: `企业“${s(p.enterprise)}”所属的“${s(p.unit)}”还有下级单位（如“${s(p.child)}”）：企业只能属于最下一级单位`,
    en: `enterprise "${s(p.enterprise)}" belongs to "${s(p.unit)}", which has units below it ("${s(p.child)}"): an enterprise belongs to a unit of the lowest level`,
  }),
  UnitCycle: (p: { readonly names: string }) => ({
    zh: `单位的上级关系成环：${s(p.names)}`,
    en: `the units' parents go round in a circle: ${s(p.names)}`,
  }),
  UnitTooDeep: (p: { readonly unit: string; readonly path: string; readonly max: V }) => ({
    zh: `单位“${s(p.unit)}”在第 ${s(p.max)} 级以下（${s(p.path)}）：单位最多 ${s(p.max)} 级`,
    en: `unit "${s(p.unit)}" lies below level ${s(p.max)} (${s(p.path)}): at most ${s(p.max)} levels of units`,
  }),
  UnitConstraintUnreachable: (p: {
    readonly indicator: string;
    readonly unit: string;
    readonly type: 'lock' | 'floor' | 'cap';
    readonly value: V;
    readonly min: V;
    readonly max: V;
  }) => ({
    zh: `${s(p.indicator)}：单位“${s(p.unit)}”的${fieldName(p.type).zh} ${s(p.value)} 无法由其下企业达到（其下限、上限与锁定只容许 ${s(p.min)} 至 ${s(p.max)}）`,
    en: `${s(p.indicator)}: the ${fieldName(p.type).en} ${s(p.value)} of unit "${s(p.unit)}" cannot be met by its enterprises (their floors, caps and locks allow ${s(p.min)} to ${s(p.max)})`,
  }),
  NoUnits: (p: { readonly path: string }) => ({
    zh: `${s(p.path)} 没有单位表（单位 / Units）：下发前请先在单位表中列出乡镇、园区，并在企业表填写所属单位`,
    en: `${s(p.path)} has no Units sheet: list the townships and parks in Units, and each enterprise's unit in Enterprises, before issuing`,
  }),
  UnknownProfile: (p: { readonly name: string }) => ({
    zh: `时间分布“${s(p.name)}”未定义`,
    en: `profile "${s(p.name)}" is not defined`,
  }),
  InvalidProfile: (p: {
    readonly name: string;
    readonly reasonZh: string;
    readonly reasonEn: string;
  }) => ({
    zh: `时间分布“${s(p.name)}”无效：${s(p.reasonZh)}`,
    en: `profile "${s(p.name)}" is invalid: ${s(p.reasonEn)}`,
  }),
  UnknownIndicator: (p: { readonly name: string }) => ({
    zh: `指标“${s(p.name)}”不在目标表中`,
    en: `indicator "${s(p.name)}" is not in Targets`,
  }),
  UnknownEnterprise: (p: { readonly name: string; readonly rows?: V }) => ({
    zh: `企业“${s(p.name)}”不在企业表中${rowsZh(p.rows)}`,
    en: `enterprise "${s(p.name)}" is not in Enterprises${rowsEn(p.rows)}`,
  }),
  DuplicateEnterprise: (p: { readonly name: string; readonly first: string }) => ({
    zh: `企业“${s(p.name)}”重复出现（首次在 ${s(p.first)}）`,
    en: `enterprise "${s(p.name)}" appears twice (first at ${s(p.first)})`,
  }),
  DuplicateIndicator: (p: { readonly name: string; readonly first: string }) => ({
    zh: `指标“${s(p.name)}”重复出现（首次在 ${s(p.first)}）`,
    en: `indicator "${s(p.name)}" appears twice (first at ${s(p.first)})`,
  }),
  DuplicateProfile: (p: { readonly name: string; readonly first: string }) => ({
    zh: `时间分布“${s(p.name)}”重复出现（首次在 ${s(p.first)}）`,
    en: `profile "${s(p.name)}" appears twice (first at ${s(p.first)})`,
  }),
  DuplicateCreditCode: (p: { readonly code: string; readonly first: string }) => ({
    zh: `统一社会信用代码 ${s(p.code)} 重复（首次在 ${s(p.first)}）`,
    en: `credit code ${s(p.code)} appears twice (first at ${s(p.first)})`,
  }),
  DuplicateActual: (p: {
    readonly enterprise: string;
    readonly year: V;
    readonly month: V;
    readonly first: string;
  }) => ({
    zh: `“${s(p.enterprise)}” ${s(p.year)}年${s(p.month)}月的实绩重复（首次在 ${s(p.first)}）`,
    en: `actuals for "${s(p.enterprise)}" ${s(p.year)}-${s(p.month)} appear twice (first at ${s(p.first)})`,
  }),
  CodeNameMismatch: (p: {
    readonly code: string;
    readonly enterprise: string;
    readonly rows?: V;
  }) => ({
    zh: `统一社会信用代码 ${s(p.code)} 与企业“${s(p.enterprise)}”不符${rowsZh(p.rows)}`,
    en: `credit code ${s(p.code)} does not match the enterprise "${s(p.enterprise)}"${rowsEn(p.rows)}`,
  }),
  InvalidCreditCode: (p: {
    readonly code: string;
    readonly reasonZh: string;
    readonly reasonEn: string;
  }) => ({
    zh: `统一社会信用代码“${s(p.code)}”无效：${s(p.reasonZh)}`,
    en: `credit code "${s(p.code)}" is invalid: ${s(p.reasonEn)}`,
  }),
  InvalidMonth: (p: { readonly value: V; readonly rows?: V }) => ({
    zh: `月份 ${s(p.value)} 不在 1–12 之间${rowsZh(p.rows)}`,
    en: `month ${s(p.value)} is not between 1 and 12${rowsEn(p.rows)}`,
  }),
  InvalidYear: (p: { readonly value: V; readonly expected?: string; readonly rows?: V }) => ({
    zh: `年份 ${s(p.value)} 无效${p.expected === undefined ? '' : `（应为 ${s(p.expected)}）`}${rowsZh(p.rows)}`,
    en: `year ${s(p.value)} is not valid${p.expected === undefined ? '' : ` (expected ${s(p.expected)})`}${rowsEn(p.rows)}`,
  }),
  InvalidDate: (p: { readonly text: string }) => ({
    zh: `“${s(p.text)}”不是日期`,
    en: `"${s(p.text)}" is not a date`,
  }),
  InvalidChoice: (p: {
    /** The column or setting as `类型/Kind` (compact: it stands before the value in quotes). */
    readonly field: string;
    readonly value: string;
    readonly allowed: string;
  }) => ({
    zh: `${s(p.field)}“${s(p.value)}”无效，可选：${s(p.allowed)}`,
    en: `${s(p.field)} "${s(p.value)}" is not one of: ${s(p.allowed)}`,
  }),
  InvalidDecimals: (p: { readonly value: V }) => ({
    zh: `小数位 ${s(p.value)} 应为 0–6 的整数`,
    en: `decimals ${s(p.value)} must be a whole number from 0 to 6`,
  }),
  InvalidThresholds: (p: { readonly behind: V; readonly serious: V }) => ({
    zh: `严重滞后阈值 ${s(p.serious)} 应不小于滞后阈值 ${s(p.behind)}，且均不为负`,
    en: `the serious threshold ${s(p.serious)} must be at least the behind threshold ${s(p.behind)}, both non-negative`,
  }),
  CellError: (p: { readonly error: string }) => ({
    zh: `单元格是错误值 ${p.error}：请先修正产生它的公式，或直接填写`,
    en: `the cell holds the error ${p.error}: correct the formula that gives it, or type the value`,
  }),
  DuplicateSetting: (p: { readonly name: string; readonly first: string }) => ({
    zh: `参数“${p.name}”重复出现（首次在 ${p.first}）：请只保留一行`,
    en: `the setting "${p.name}" appears twice (first at ${p.first}): keep one row`,
  }),
  InvalidListSize: (p: { readonly value: V }) => ({
    zh: `红黑榜人数 ${s(p.value)} 应为 1–50 的整数`,
    en: `the list size ${s(p.value)} must be a whole number from 1 to 50`,
  }),
  InvalidEscalation: (p: { readonly text: string }) => ({
    zh: `预警升级“${p.text}”应为三个递增的正整数月数（提醒、约谈、督办），如 1,2,3`,
    en: `the escalation "${p.text}" must be three increasing whole numbers of months (reminder, interview, supervision), e.g. 1,2,3`,
  }),
  ThresholdTooSmall: (p: { readonly value: V }) => ({
    zh: `阈值 ${s(p.value)} 不到 1 个百分点：阈值以百分点计，若想填 5%，请填 5`,
    en: `the threshold ${s(p.value)} is under one percentage point: thresholds are in points, so for 5% type 5`,
  }),
  MissingValue: (p: { readonly field: FieldLabel; readonly indicator?: string }) => {
    const what = p.indicator === undefined ? p.field : `${p.indicator} ${p.field}`;
    return { zh: `缺少${what}`, en: `${what} is missing` };
  },
  NumberOutOfRange: (p: { readonly value: V; readonly max: string; readonly min?: string }) => ({
    zh:
      p.min === undefined
        ? `数值 ${s(p.value)} 超出可计算的范围：绝对值不能超过 ${s(p.max)}，请检查是否输错`
        : `数值 ${s(p.value)} 超出可计算的范围：不为 0 的数值，绝对值应在 ${s(p.min)} 到 ${s(p.max)} 之间，请检查是否输错`,
    en:
      p.min === undefined
        ? `the number ${s(p.value)} is out of range: its size cannot exceed ${s(p.max)}; check that it was typed correctly`
        : `the number ${s(p.value)} is out of range: unless 0, its size must be between ${s(p.min)} and ${s(p.max)}; check that it was typed correctly`,
  }),
  TextTooLong: (p: { readonly length: V; readonly limit: V }) => ({
    zh: `文字长 ${s(p.length)} 个字符，超过上限 ${s(p.limit)} 个字符（结果表的单元格放不下），请缩短`,
    en: `the text is ${s(p.length)} characters long, over the limit of ${s(p.limit)} (it would not fit in a cell of the results); shorten it`,
  }),
  MissingSheet: (p: { readonly name: FieldLabel }) => ({
    zh: `缺少工作表“${s(p.name)}”`,
    en: `the sheet "${s(p.name)}" is missing`,
  }),
  MissingColumn: (p: { readonly name: FieldLabel }) => ({
    zh: `工作表缺少列“${s(p.name)}”`,
    en: `the column "${s(p.name)}" is missing`,
  }),
  DuplicateColumn: (p: { readonly name: string }) => ({
    zh: `列“${s(p.name)}”重复出现`,
    en: `the column "${s(p.name)}" appears twice`,
  }),
  DuplicateSheet: (p: {
    readonly role: FieldLabel;
    readonly name: string;
    readonly first: string;
  }) => ({
    zh: `工作表“${s(p.name)}”和“${s(p.first)}”都是“${s(p.role)}”表：请删去或改名其中一张，只留一张`,
    en: `the sheets "${s(p.name)}" and "${s(p.first)}" are both the "${s(p.role)}" sheet: delete or rename one of them`,
  }),
  FormulaWithoutValue: (p: { readonly formula: string }) => ({
    zh: `公式 ${s(p.formula)} 没有计算结果，请在 Excel 中重新计算后保存`,
    en: `the formula ${s(p.formula)} has no computed value; recalculate and save it in Excel`,
  }),
  /** A required cell whose formula's cached result is empty (""): the cell looks filled but says nothing. */
  FormulaEmptyResult: (p: {
    readonly formula: string;
    readonly field: FieldLabel;
    readonly indicator?: string;
  }) => {
    const what = p.indicator === undefined ? p.field : `${p.indicator} ${p.field}`;
    return {
      zh: `公式 ${s(p.formula)} 的结果为空，缺少${what}：请修改公式，或直接填写`,
      en: `the formula ${s(p.formula)} gives an empty result, so ${what} is missing: correct the formula or type the value in`,
    };
  },
  NoEnterprises: (_: Record<string, never>) => ({
    zh: `企业表中没有企业`,
    en: `there are no enterprises`,
  }),
  NoIndicators: (_: Record<string, never>) => ({
    zh: `目标表中没有指标`,
    en: `there are no indicators in Targets`,
  }),
  // Files: the CLI and the browser file mode say why a file cannot be read or written, and
  // what to do, instead of a library's or the operating system's message.
  FileMissing: (p: { readonly path: string }) => ({
    zh: `找不到文件 ${p.path}：请检查路径和文件名`,
    en: `cannot find ${p.path}: check the path and the file name`,
  }),
  FileIsDirectory: (p: { readonly path: string }) => ({
    zh: `${p.path} 是文件夹，不是工作簿文件`,
    en: `${p.path} is a folder, not a workbook file`,
  }),
  FileUnreadable: (p: { readonly path: string; readonly reason: string }) => ({
    zh: `无法读取 ${p.path}（${p.reason}）：请检查文件权限，或先关闭占用它的程序`,
    en: `cannot read ${p.path} (${p.reason}): check its permissions, or close the program holding it`,
  }),
  FileEmpty: (p: { readonly path: string }) => ({
    zh: `${p.path} 是空文件（0 字节），不是 Excel 工作簿`,
    en: `${p.path} is empty (0 bytes), not an Excel workbook`,
  }),
  FileOldExcel: (p: { readonly path: string }) => ({
    zh: `${p.path} 是旧版 Excel 97–2003（.xls）文件：请在 Excel 或 WPS 中另存为 .xlsx 后再试`,
    en: `${p.path} is an old Excel 97–2003 (.xls) file: save it as .xlsx in Excel or WPS and try again`,
  }),
  FileEncrypted: (p: { readonly path: string }) => ({
    zh: `${p.path} 设有打开密码：请在 Excel 或 WPS 中取消密码后另存，再试`,
    en: `${p.path} is protected by a password: remove the password in Excel or WPS, save, and try again`,
  }),
  FileOpenDocument: (p: { readonly path: string }) => ({
    zh: `${p.path} 是 OpenDocument（.ods）表格：请另存为 Excel 工作簿（.xlsx）后再试`,
    en: `${p.path} is an OpenDocument (.ods) spreadsheet: save it as an Excel workbook (.xlsx) and try again`,
  }),
  FileNotWorkbook: (p: { readonly path: string }) => ({
    zh: `${p.path} 不是 Excel 工作簿（.xlsx）：请确认选对了文件，且文件完整`,
    en: `${p.path} is not an Excel workbook (.xlsx): check that it is the right file and that it is whole`,
  }),
  FileDamaged: (p: { readonly path: string; readonly detail: string }) => ({
    zh: `${p.path} 已损坏，无法读取（${p.detail}）：请在 Excel 或 WPS 中打开并另存后再试`,
    en: `${p.path} is damaged and cannot be read (${p.detail}): open it in Excel or WPS, save it, and try again`,
  }),
  FileInUse: (p: { readonly path: string }) => ({
    zh: `${p.path} 正被其他程序占用（可能在 Excel 或 WPS 中打开着）：请关闭它后再试`,
    en: `${p.path} is in use by another program (perhaps open in Excel or WPS): close it and try again`,
  }),
  FileNotExampleData: (p: { readonly path: string; readonly detail: string }) => ({
    zh: `${p.path} 不是示例数据（JSON）：${p.detail}`,
    en: `${p.path} is not example data (JSON): ${p.detail}`,
  }),
  OutputIsInput: (p: { readonly path: string; readonly input: string }) => ({
    zh: `不能写到 ${p.path}：它就是输入文件 ${p.input}。请另取一个文件名，输入文件保持不变`,
    en: `will not write ${p.path}: it is the input file ${p.input}. Choose another name; the input stays as it is`,
  }),
  OutputTwice: (p: { readonly path: string }) => ({
    zh: `工作簿和 JSON 不能写到同一个文件 ${p.path}`,
    en: `the workbook and the JSON cannot both be written to ${p.path}`,
  }),
  OutputFolderMissing: (p: { readonly path: string; readonly folder: string }) => ({
    zh: `无法写出 ${p.path}：文件夹 ${p.folder} 不存在，请先建立它或换一个位置`,
    en: `cannot write ${p.path}: the folder ${p.folder} does not exist; create it or choose another place`,
  }),
  OutputIsDirectory: (p: { readonly path: string }) => ({
    zh: `无法写出 ${p.path}：这是一个文件夹，请给出文件名（例如 结果.xlsx）`,
    en: `cannot write ${p.path}: it is a folder; give a file name (such as result.xlsx)`,
  }),
  OutputNotWritable: (p: { readonly path: string; readonly reason: string }) => ({
    zh: `无法写出 ${p.path}：没有写入权限（${p.reason}），请换一个位置`,
    en: `cannot write ${p.path}: not allowed (${p.reason}); choose another place`,
  }),
  OutputDiskFull: (p: { readonly path: string }) => ({
    zh: `无法写出 ${p.path}：磁盘已满，请腾出空间后再试（原有文件未改动）`,
    en: `cannot write ${p.path}: the disk is full; free some space and try again (no existing file was changed)`,
  }),
  OutputNameTooLong: (p: { readonly path: string }) => ({
    zh: `无法写出 ${p.path}：文件名或路径太长，请用短一些的名字`,
    en: `cannot write ${p.path}: the file name or path is too long; use a shorter one`,
  }),
  // Excel: what the add-in says when live Excel refuses or does not answer (src/hosts/excel).
  ExcelCellEditing: (_: Record<string, never>) => ({
    zh: `Excel 正在编辑单元格：请按 Enter 或 Esc 结束编辑，再点“重新计算”`,
    en: `Excel is editing a cell: press Enter or Esc to finish, then Recalculate again`,
  }),
  ExcelStructureProtected: (_: Record<string, never>) => ({
    zh: `工作簿结构受保护，无法添加或删除工作表：请在“审阅 > 保护工作簿”中取消保护后再试，输出表未改动`,
    en: `the workbook's structure is protected, so sheets cannot be added or deleted: unprotect it (Review > Protect Workbook) and try again; the outputs are unchanged`,
  }),
  ExcelSheetProtected: (_: Record<string, never>) => ({
    zh: `此表受保护，无法重写：请在“审阅 > 撤消工作表保护”后再试，输出表未改动`,
    en: `this sheet is protected and cannot be rewritten: unprotect it (Review > Unprotect Sheet) and try again; the outputs are unchanged`,
  }),
  ExcelNotResponding: (p: { readonly seconds: number }) => ({
    zh: `Excel 在 ${p.seconds} 秒内没有响应：输出表保持上次的结果，请稍后再试`,
    en: `Excel did not answer within ${p.seconds} seconds: the outputs are as they were; try again later`,
  }),
  ExcelTooOld: (p: { readonly version: string }) => ({
    zh: `此 Excel 版本过旧：分解需要 ExcelApi ${p.version} 和比 Internet Explorer 新的网页视图（Excel 2021 及更新、用 Edge 显示加载项的 Microsoft 365 或零售版 Excel 版本 1801 起、网页版 Excel、Mac 版 Excel 16.9 起、iPad 版 Excel；批量许可版 Excel 2016 和 2019 用 Internet Explorer 显示加载项，请改用 分解.html）`,
    en: `this version of Excel is too old: Fenjie needs ExcelApi ${p.version} and a web view newer than Internet Explorer (Excel 2021 or later, Microsoft 365 or retail Excel version 1801 or later showing add-ins with Edge, Excel on the web, Excel for Mac 16.9 or later, Excel for iPad; volume-licensed Excel 2016 and 2019 show add-ins with Internet Explorer: use 分解.html)`,
  }),
  SheetNameTaken: (p: { readonly sheet: string }) => ({
    zh: `工作簿中已有名为“${p.sheet}”的工作表，但它不是本工具生成的，不会覆盖：请给它改名后重试`,
    en: `the workbook has a sheet named "${p.sheet}" that Fenjie did not write; it is not overwritten. Rename it and try again`,
  }),
  OutputExtension: (p: {
    readonly path: string;
    readonly input: string;
    readonly expected: string;
  }) => ({
    zh: `不能写到 ${p.path}：输入 ${p.input} 是${p.expected === '.xlsm' ? '启用宏的工作簿' : '普通工作簿'}，Excel 只会按 ${p.expected} 打开它；请把输出文件名改为 ${p.expected} 结尾`,
    en: `will not write ${p.path}: the input ${p.input} is ${p.expected === '.xlsm' ? 'a macro-enabled workbook' : 'a workbook without macros'}, which Excel opens only as ${p.expected}; give the output a name ending in ${p.expected}`,
  }),
  OutputFailed: (p: { readonly path: string; readonly reason: string }) => ({
    zh: `无法写出 ${p.path}（${p.reason}）：原有文件未改动`,
    en: `cannot write ${p.path} (${p.reason}): no existing file was changed`,
  }),
  BadOption: (p: {
    readonly option: string;
    readonly value: string;
    readonly expected: string;
  }) => ({
    zh: `选项 ${p.option} 的值“${p.value}”无效：应为 ${p.expected}`,
    en: `the option ${p.option} has the value "${p.value}": expected ${p.expected}`,
  }),
  UnknownOption: (p: { readonly option: string; readonly known: string }) => ({
    zh: `未知选项 ${p.option}：可用的选项有 ${p.known}`,
    en: `unknown option ${p.option}: the options are ${p.known}`,
  }),
  UnknownCommand: (p: { readonly command: string }) => ({
    zh: `未知命令“${p.command}”：可用的命令有 init、plan、demo`,
    en: `unknown command "${p.command}": the commands are init, plan and demo`,
  }),
  UnexpectedArgument: (p: { readonly command: string; readonly value: string }) => ({
    zh: `${p.command} 多了一个参数“${p.value}”：文件名里有空格时请加引号`,
    en: `${p.command} takes no further argument "${p.value}": quote a file name that has spaces`,
  }),
  MissingArgument: (p: { readonly command: string; readonly expected: string }) => ({
    zh: `${p.command} 需要 ${p.expected}`,
    en: `${p.command} needs ${p.expected}`,
  }),
  InternalError: (p: { readonly detail: string }) => ({
    zh: `内部错误（${p.detail}）：请加 --debug 重新运行，并把输出发给维护者`,
    en: `internal error (${p.detail}): run again with --debug and send the output to the maintainers`,
  }),
} satisfies Record<string, (p: never) => Bilingual>;

export type ErrorCode = keyof typeof MESSAGES;
/** The parameters the message of `C` needs: `fenjieError` accepts exactly these. */
export type ParamsOf<C extends ErrorCode> = Parameters<(typeof MESSAGES)[C]>[0];
export const ERROR_CODES = Object.keys(MESSAGES) as ErrorCode[];

export interface FenjieError {
  readonly code: ErrorCode;
  readonly params: Params;
  readonly sheet?: string;
  readonly cell?: string;
}

/** Builds an error value; the parameters are checked against the code's message. */
export function fenjieError<C extends ErrorCode>(
  code: C,
  params: ParamsOf<C>,
  ref?: Ref,
): FenjieError {
  const e: { code: ErrorCode; params: Params; sheet?: string; cell?: string } = {
    code,
    params,
  };
  if (ref) {
    e.sheet = ref.sheet;
    if (ref.cell !== undefined) e.cell = ref.cell;
  }
  return e;
}

/** `基数!C7`, `基数` or '' for an error with no place. */
export function errorPlace(e: { sheet?: string; cell?: string }): string {
  if (e.sheet === undefined) return '';
  return e.cell === undefined ? e.sheet : `${e.sheet}!${e.cell}`;
}

/** The message alone, in one language. */
export function errorMessage(e: FenjieError, lang: Lang): string {
  // An error value is only made by `fenjieError`, which checked its parameters against its code.
  const message = (MESSAGES as Readonly<Record<ErrorCode, (p: Params) => Bilingual>>)[e.code];
  return message(e.params)[lang];
}

/** The message with its place in front: `基数!C7：“待定”不是数字`. */
export function describeError(e: FenjieError, lang: Lang): string {
  const place = errorPlace(e);
  const msg = errorMessage(e, lang);
  if (!place) return msg;
  return lang === 'zh' ? `${place}：${msg}` : `${place}: ${msg}`;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly FenjieError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(...errors: FenjieError[]): Result<T> => ({ ok: false, errors });
