/** The interface language: Chinese for any zh-* display language, English otherwise. */
import type { Lang } from '../engine';

/** zh for 'zh', 'zh-CN', 'zh-Hant-TW' …; en for everything else (and for nothing). */
export const langOf = (locale: string | undefined): Lang =>
  locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
