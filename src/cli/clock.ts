/**
 * The CLI's one reading of the clock (the engine never reads it). `--now 2025-09-03T10:30` fixes
 * it, for reproducible outputs in tests.
 */
import { nowOf, type Now } from '../workbook/now';

export type { Now };

/** Now, or the moment `fixed` names; undefined when `fixed` is not a date and time. */
export function clock(fixed?: string): Now | undefined {
  if (fixed === undefined) return nowOf(new Date());
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(fixed.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map((v: string | undefined) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  // Local time, like the clock; a date that does not exist (2025-02-30) does not round-trip.
  const date = new Date(y, mo - 1, d, h, mi);
  const same =
    date.getFullYear() === y &&
    date.getMonth() === mo - 1 &&
    date.getDate() === d &&
    date.getHours() === h &&
    date.getMinutes() === mi;
  return same ? nowOf(date) : undefined;
}
