import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../engine';
import type { OutputState } from '../../../workbook/status';
import { strings } from '../../strings';
import { renderStatusPanel } from './renderStatusPanel';
import type { StatusPanelState } from './StatusPanel.types';
import type { useStatusPanelStyles } from './useStatusPanelStyles.styles';

const classes: ReturnType<typeof useStatusPanelStyles> = {
  root: '',
  header: '',
  title: '',
  label: '',
  sheets: '',
  line: '',
  srOnly: '',
  actions: '',
};

function shown(lang: Lang, outputs: OutputState, liveChanged: boolean): string {
  const state: StatusPanelState = {
    t: strings(lang),
    sheets: [],
    outputs,
    liveChanged,
    needsInputs: false,
    canRefresh: false,
    busy: false,
    creating: false,
    onCreateInputs: () => undefined,
    onRefresh: () => undefined,
  };
  return renderToStaticMarkup(renderStatusPanel(state, classes));
}

describe('renderStatusPanel: the outputs’ state', () => {
  it.each<[Lang, OutputState, boolean, readonly string[], readonly string[]]>([
    ['zh', 'current', false, ['已是最新'], ['无需重新分解', '已过期']],
    ['zh', 'current', true, ['已是最新', '只改动了实绩或报告期', '无需重新分解'], ['已过期']],
    ['zh', 'stale', true, ['已过期', '重新分解'], ['已是最新', '无需重新分解']],
    ['zh', 'stale', false, ['已过期'], ['无需重新分解']],
    ['zh', 'missing', false, ['尚未生成'], ['无需重新分解']],
    ['en', 'current', false, ['Up to date'], ['no re-split needed', 'Out of date']],
    [
      'en',
      'current',
      true,
      ['Up to date', 'Only actuals or the period changed', 'no re-split needed'],
      ['Out of date'],
    ],
    ['en', 'stale', true, ['Out of date', 're-split'], ['Up to date', 'no re-split needed']],
  ])('%s, %s, live changed %s', (lang, outputs, liveChanged, present, absent) => {
    const html = shown(lang, outputs, liveChanged);
    for (const text of present) expect(html).toContain(text);
    for (const text of absent) expect(html).not.toContain(text);
  });
});
