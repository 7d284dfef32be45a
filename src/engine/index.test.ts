import { describe, expect, it } from 'vitest';
import * as engine from './index';

describe('the engine barrel', () => {
  it.each([
    'plan',
    'validateInput',
    'enterpriseResolver',
    'splitTotal',
    'apportion',
    'divFloor',
    'controlledRound',
    'roundRow',
    'progressOf',
    'sumRows',
    'rankValues',
    'flagForGap',
    'parseNumber',
    'toUnits',
    'fromUnits',
    'isOnStep',
    'checkCreditCode',
    'normalizeCreditCode',
    'timeSchedule',
    'fromExcelSerial',
    'toExcelSerial',
    'gridShares',
    'plannedSchedule',
    'profileProblem',
    'describeError',
    'fenjieError',
  ])('exports %s', (name) => {
    expect(typeof (engine as Record<string, unknown>)[name]).toBe('function');
  });

  it('exports the catalogue, the flags and the even profile', () => {
    expect(engine.ERROR_CODES).toContain('NotANumber');
    expect(engine.FLAGS).toHaveLength(5);
    expect(engine.EVEN).toEqual({ name: '均衡', grid: 'quarters', shares: [1, 1, 1, 1] });
  });
});
