/**
 * The live data check's items (the helper sheet counts each; 序时进度 and 汇总 show them), in one
 * place for the renderer and for the status, which reads the counts that mean a re-split.
 */
export type CheckKey =
  | 'unmatched'
  | 'duplicates'
  | 'falls'
  | 'notNumbers'
  | 'badMonths'
  | 'badYears'
  | 'badReportMonth'
  | 'overflow'
  | 'unlisted';

export const CHECK_KEYS: readonly CheckKey[] = [
  'unmatched',
  'duplicates',
  'falls',
  'notNumbers',
  'badMonths',
  'badYears',
  'badReportMonth',
  'overflow',
  'unlisted',
];

/** The data check's items, in order, with their labels. */
export const CHECKS: readonly {
  key: CheckKey;
  zh: string;
  en: string;
  /** A count above zero means the outputs need a re-split, not just a recalculation. */
  resplit?: true;
}[] = [
  { key: 'unmatched', zh: '未匹配企业的行', en: 'Rows matching no enterprise' },
  { key: 'duplicates', zh: '同一企业同月重复', en: 'Duplicate enterprise-months' },
  { key: 'falls', zh: '累计值比上月减少', en: 'Cumulative figures that fall' },
  { key: 'notNumbers', zh: '不是数字的值', en: 'Values that are not numbers' },
  { key: 'badMonths', zh: '月份不在1–12', en: 'Months outside 1–12' },
  { key: 'badYears', zh: '年份不是本年或上年', en: 'Years other than this and last' },
  { key: 'badReportMonth', zh: '报告期无法识别', en: 'Report month unreadable' },
  {
    key: 'overflow',
    zh: '超出公式范围的行（请重新分解）',
    en: 'Rows beyond the formulas (re-split)',
    resplit: true,
  },
  {
    key: 'unlisted',
    zh: '新出现实绩的企业（请重新分解）',
    en: 'Enterprises with new figures (re-split)',
    resplit: true,
  },
];
