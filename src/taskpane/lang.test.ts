import { describe, expect, it } from 'vitest';
import type { Lang } from '../engine';
import { langOf } from './lang';

describe('langOf', () => {
  it.each<[string | undefined, Lang]>([
    ['zh-CN', 'zh'],
    ['zh-Hant-TW', 'zh'],
    ['en-US', 'en'],
    ['fr', 'en'],
    [undefined, 'en'],
  ])('%s → %s', (locale, lang) => {
    expect(langOf(locale)).toBe(lang);
  });
});
