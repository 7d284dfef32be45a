/**
 * The CLI's one reading of the clock (the engine never reads it). `--now 2025-09-03T10:30` fixes
 * it, for reproducible outputs in tests.
 */
import { nowOf, type Now } from '../workbook/now';

export type { Now };

export function clock(fixed?: string): Now {
  const d = fixed ? new Date(fixed) : new Date();
  if (Number.isNaN(d.getTime())) throw new Error(`not a date: ${fixed}`);
  return nowOf(d);
}
