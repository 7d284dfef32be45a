/**
 * Calendar arithmetic on plain year-month-day values. No Date objects, no clock: "today" is
 * always passed in by the caller.
 *
 * @example
 *   timeSchedule({ basis: 'months', year: 2025, reportMonth: 8 })                        // → 8/12
 *   timeSchedule({ basis: 'days', year: 2024, reportMonth: 2, asOf: { y: 2024, m: 2, d: 29 } }) // → 60/366
 */

export interface YMD {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** @example daysInYear(2024) // → 366 */
export const daysInYear = (y: number): number => (isLeapYear(y) ? 366 : 365);

/** @example daysInMonth(2025, 2) // → 28 */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** @example lastDayOfMonth(2025, 8) // → { y: 2025, m: 8, d: 31 } */
export const lastDayOfMonth = (y: number, m: number): YMD => ({ y, m, d: daysInMonth(y, m) });

/** 1-based day of the year. @example dayOfYear({ y: 2025, m: 3, d: 1 }) // → 60 */
export function dayOfYear(date: YMD): number {
  let n = date.d;
  for (let m = 1; m < date.m; m++) n += daysInMonth(date.y, m);
  return n;
}

/** Whether y-m-d is a real calendar day. */
export const isValidYMD = (v: YMD): boolean =>
  Number.isInteger(v.y) &&
  Number.isInteger(v.m) &&
  Number.isInteger(v.d) &&
  v.y >= 1900 &&
  v.y <= 9999 &&
  v.m >= 1 &&
  v.m <= 12 &&
  v.d >= 1 &&
  v.d <= daysInMonth(v.y, v.m);

/** ISO form: 2025-08-31. */
export const formatYMD = (v: YMD): string =>
  `${v.y}-${String(v.m).padStart(2, '0')}-${String(v.d).padStart(2, '0')}`;

/**
 * Excel's serial day number (1900 date system, with its phantom 1900-02-29) to a date.
 * @example fromExcelSerial(45901) // → { y: 2025, m: 9, d: 1 } (45900 is 2025-08-31)
 */
export function fromExcelSerial(serial: number): YMD {
  // Days since 1970-01-01 in the proleptic Gregorian calendar, then civil-from-days.
  const z = Math.floor(serial) - 25569 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Excel serial of a date (inverse of fromExcelSerial for dates after 1900-03-01). */
export function toExcelSerial(v: YMD): number {
  const y = v.m <= 2 ? v.y - 1 : v.y;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (v.m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + v.d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + 25569;
}

export type ScheduleBasis = 'months' | 'days';

/**
 * Time schedule (序时进度): the share of the year elapsed.
 * By months (the statistics convention): reportMonth / 12. By days: day of year of the as-of
 * date / days in the year, clamped to [0, 1] (the as-of date defaults to the report month's end).
 */
export function timeSchedule(o: {
  basis: ScheduleBasis;
  year: number;
  reportMonth: number;
  asOf?: YMD;
}): number {
  if (o.basis === 'months') return o.reportMonth / 12;
  const asOf = o.asOf ?? lastDayOfMonth(o.year, o.reportMonth);
  if (asOf.y < o.year) return 0;
  if (asOf.y > o.year) return 1;
  return dayOfYear(asOf) / daysInYear(o.year);
}
