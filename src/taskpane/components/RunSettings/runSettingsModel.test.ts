import { describe, expect, it } from 'vitest';
import {
  isModified,
  overridesOf,
  parseThreshold,
  settingsProblems,
  settingsValueFrom,
  type RunSettingsProblems,
  type RunSettingsValue,
} from './runSettingsModel';

describe('parseThreshold', () => {
  it.each<[string, number | undefined]>([
    ['5', 5],
    [' 7.5 ', 7.5],
    ['１０', 10],
    ['8%', 8],
    ['-1', undefined],
    ['', undefined],
    ['五', undefined],
  ])('reads %j as people type it: %s', (text, expected) => {
    expect(parseThreshold(text)).toBe(expected);
  });
});

describe('settingsProblems', () => {
  it.each<[string, RunSettingsValue, RunSettingsProblems]>([
    ['none when serious ≥ behind', { reportMonth: 8, behind: '5', serious: '10' }, {}],
    [
      'serious below behind',
      { reportMonth: 8, behind: '5', serious: '3' },
      { serious: 'belowBehind' },
    ],
    [
      'both invalid',
      { reportMonth: 8, behind: 'x', serious: '' },
      { behind: 'invalid', serious: 'invalid' },
    ],
  ])('%s', (_name, value, problems) => {
    expect(settingsProblems(value)).toEqual(problems);
  });
});

describe('the overrides of the form', () => {
  const sheet = { reportMonth: 8, behindThreshold: 5, seriousThreshold: 10 };

  it('start from the Settings sheet, and override nothing untouched', () => {
    const start = settingsValueFrom(sheet);
    expect(start).toEqual({ reportMonth: 8, behind: '5', serious: '10' });
    expect(overridesOf(start, sheet)).toEqual({});
    expect(isModified(start, sheet)).toBe(false);
    expect(settingsValueFrom({ behindThreshold: 5, seriousThreshold: 10 }).reportMonth).toBe(
      'auto',
    );
  });

  it('override only what differs from the Settings sheet, and nothing when invalid', () => {
    expect(overridesOf({ reportMonth: 7, behind: '5.0', serious: '12' }, sheet)).toEqual({
      reportMonth: 7,
      seriousThreshold: 12,
    });
    expect(overridesOf({ reportMonth: 8, behind: '5', serious: '1' }, sheet)).toBeUndefined();
  });
});
