import { describe, expect, it } from 'vitest';
import { describeError, ERROR_CODES, fenjieError, MESSAGES } from './errors';

describe('error catalogue', () => {
  it('renders a message with its place in both languages', () => {
    const e = fenjieError('NotANumber', { text: '待定' }, { sheet: '基数', cell: 'C7' });
    expect(describeError(e, 'zh')).toBe('基数!C7：“待定”不是数字');
    expect(describeError(e, 'en')).toBe('基数!C7: "待定" is not a number');
  });
  it.each(ERROR_CODES)('%s has a Chinese and an English message', (code) => {
    const m = MESSAGES[code]({});
    expect(m.zh.length).toBeGreaterThan(0);
    expect(m.en.length).toBeGreaterThan(0);
  });
});
