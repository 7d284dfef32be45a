/**
 * A moment as the pipeline needs it: today's date and the local timestamp shown in the generated
 * notes. The shells read the clock (src/cli/clock.ts, src/taskpane/clock.ts); this only converts.
 */
import type { YMD } from '../engine';

export interface Now {
  readonly today: YMD;
  /** Local time for the generated notes: '2025-09-03 10:30'. */
  readonly stamp: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The `Now` of a Date, in local time. @example nowOf(new Date(2025, 8, 3, 10, 30)).stamp // → '2025-09-03 10:30' */
export function nowOf(d: Date): Now {
  return {
    today: { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() },
    stamp: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}
