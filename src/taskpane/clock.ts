/**
 * The pane's one reading of the clock (the engine and the workbook layer never read it). A fixed
 * time, from the page's `?now=2025-09-03T10:30` query parameter, makes runs reproducible in tests.
 */
import type { YMD } from '../engine';

/** A moment as the pipeline needs it. */
export interface Now {
  readonly today: YMD;
  /** Local time for the generated notes: '2025-09-03 10:30'. */
  readonly stamp: string;
}

/** A source of the current time. */
export type Clock = () => Now;

const pad = (n: number): string => String(n).padStart(2, '0');

/** The `Now` of a Date, in local time. */
export function nowOf(d: Date): Now {
  return {
    today: { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() },
    stamp: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

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
