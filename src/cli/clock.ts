/**
 * The CLI's one reading of the clock (the engine never reads it). `--now 2025-09-03T10:30` fixes
 * it, for reproducible outputs in tests.
 */
import { nowOf, type Now } from '../workbook/now';

export type { Now };

/** Now, or the moment `fixed` names; undefined when `fixed` is not a date and time. */
export function clock(fixed?: string): Now | undefined {
  if (fixed === undefined) return nowOf(new Date());
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$/.test(fixed.trim())) return undefined;
  const d = new Date(fixed.trim());
  return Number.isNaN(d.getTime()) ? undefined : nowOf(d);
}
