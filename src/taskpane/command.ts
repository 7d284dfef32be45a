/**
 * The ribbon's 重新计算 / Recalculate command (a function command: no pane opens): the pane's own
 * recalculation (runner.ts) with the sheets' settings, and one line for the user on how it went.
 * Framework-free and Office-free: commands.ts is its shell.
 */
import { describeError, type Lang } from '../engine';
import type { PaneHost } from '../hosts/host';
import { HostError } from '../hosts/host';
import type { Now } from './clock';
import { recalculate } from './runner';

/** How the command ended, and what to tell the user. */
export interface CommandReport {
  readonly ok: boolean;
  readonly message: string;
}

const TEXT = {
  written: {
    zh: '分解：已重新计算，输出表已更新。',
    en: 'Fenjie: recalculated; the outputs are updated.',
  },
  problems: {
    zh: (n: number, first: string) =>
      `分解：输入有 ${n} 处问题，输出表未改动。第一处：${first}。请打开任务窗格查看全部。`,
    en: (n: number, first: string) =>
      `Fenjie: the input has ${n} problem(s); the outputs are unchanged. The first: ${first}. Open the task pane to see them all.`,
  },
  failed: {
    zh: (why: string) => `分解：重新计算失败，输出表未改动：${why}`,
    en: (why: string) => `Fenjie: the recalculation failed; the outputs are unchanged: ${why}`,
  },
} as const;

/** Runs one recalculation on `host` as the pane's button does, with the sheets' own settings. */
export async function runCommand(host: PaneHost, lang: Lang, now: Now): Promise<CommandReport> {
  try {
    const outcome = await recalculate({
      host,
      lang,
      now,
      overrides: {},
      signal: new AbortController().signal,
      onStage: () => undefined,
    });
    if (outcome.kind === 'problems') {
      const [first] = outcome.errors;
      const text = first ? describeError(first, lang) : '';
      return { ok: false, message: TEXT.problems[lang](outcome.errors.length, text) };
    }
    return { ok: true, message: TEXT.written[lang] };
  } catch (error) {
    const why =
      error instanceof HostError
        ? error.errors.map((e) => describeError(e, lang)).join('；')
        : error instanceof Error
          ? error.message
          : String(error);
    return { ok: false, message: TEXT.failed[lang](why) };
  }
}
