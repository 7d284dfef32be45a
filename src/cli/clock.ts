/**
 * The CLI's one reading of the clock (the engine never reads it). `--now 2025-09-03T10:30` fixes
 * it, for reproducible outputs in tests.
 */
import type { YMD } from '../engine';

export interface Now {
  readonly today: YMD;
  /** Local time for notes: '2025-09-03 10:30'. */
  readonly stamp: string;
}

export function clock(fixed?: string): Now {
  const d = fixed ? new Date(fixed) : new Date();
  if (Number.isNaN(d.getTime())) throw new Error(`not a date: ${fixed}`);
  const p = (n: number): string => String(n).padStart(2, '0');
  return {
    today: { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() },
    stamp: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`,
  };
}
