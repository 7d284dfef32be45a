/**
 * The pane's one reading of the clock (the engine and the workbook layer never read it). A fixed
 * time, from the page's `?now=2025-09-03T10:30` query parameter, makes runs reproducible in tests.
 */
import { nowOf, type Now } from '../workbook/now';

export { nowOf, type Now };

/** A source of the current time. */
export type Clock = () => Now;

/**
 * A clock: fixed at `fixed` (ISO local time such as '2025-09-03T10:30') when given, else the
 * real time at each call.
 * @throws if `fixed` is not a date.
 */
export function makeClock(fixed?: string): Clock {
  if (fixed === undefined || fixed === '') return () => nowOf(new Date());
  const d = new Date(fixed);
  if (Number.isNaN(d.getTime()))
    throw new Error(`?now=${fixed} is not a date (use e.g. 2025-09-03T10:30)`);
  const now = nowOf(d);
  return () => now;
}
