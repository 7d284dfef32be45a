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

/** What the data check says of an item. */
export interface CheckLabel {
  readonly zh: string;
  readonly en: string;
  /** A count above zero means the outputs need a re-split, not just a recalculation. */
  readonly resplit?: true;
}

/** Each item's labels. */
export const CHECK_LABELS: Readonly<Record<CheckKey, CheckLabel>> = {
  unmatched: { zh: '未匹配企业的行', en: 'Rows matching no enterprise' },
  duplicates: { zh: '同一企业同月重复', en: 'Duplicate enterprise-months' },
  falls: { zh: '累计值比上月减少', en: 'Cumulative figures that fall' },
  notNumbers: { zh: '不是数字的值', en: 'Values that are not numbers' },
  badMonths: { zh: '月份不在1–12', en: 'Months outside 1–12' },
  badYears: { zh: '年份不是本年或上年', en: 'Years other than this and last' },
  badReportMonth: { zh: '报告期无法识别', en: 'Report month unreadable' },
  overflow: {
    zh: '超出公式范围的行（请重新分解）',
    en: 'Rows beyond the formulas (re-split)',
    resplit: true,
  },
  unlisted: {
    zh: '新出现实绩的企业（请重新分解）',
    en: 'Enterprises with new figures (re-split)',
    resplit: true,
  },
};

/** The data check's items, in order, with their labels. */
export const CHECKS: readonly ({ readonly key: CheckKey } & CheckLabel)[] = CHECK_KEYS.map(
  (key) => ({ key, ...CHECK_LABELS[key] }),
);
