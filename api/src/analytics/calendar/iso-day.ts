/**
 * Calendar days as ISO `YYYY-MM-DD` strings (Europe/Paris calendar days, DOMAIN.md), computed as
 * whole day numbers. A calendar day has no time zone once it is named, so the arithmetic runs on
 * UTC dates: adding 7 days is always the same weekday, daylight saving time never shifts a day.
 */

/** Days since 1970-01-01. */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2025-10-18` → day number; `undefined` for anything that is not an existing calendar day. */
export function tryDayNumber(isoDay: string): DayNumber | undefined {
  const match = ISO_DAY.exec(isoDay);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2025-02-30 over to March: a round trip tells a real day from a rolled one.
  return isoDayOf(ms / MS_PER_DAY) === isoDay ? ms / MS_PER_DAY : undefined;
}

/** Like `tryDayNumber`, for arguments of the public API: a wrong day is a caller's bug. */
export function dayNumber(isoDay: string, argumentName = 'day'): DayNumber {
  const day = tryDayNumber(isoDay);
  if (day === undefined) throw new RangeError(`${argumentName} must be a calendar day written YYYY-MM-DD, got ${JSON.stringify(isoDay)}`);
  return day;
}

export function isoDayOf(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday (French weeks start on Monday). 1970-01-01 was a Thursday. */
export function weekdayOf(day: DayNumber): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function mondayOf(day: DayNumber): DayNumber {
  return day - weekdayOf(day);
}

/** The Monday on or after `day`: the first whole week that starts inside a period beginning on `day`. */
export function mondayOnOrAfter(day: DayNumber): DayNumber {
  return weekdayOf(day) === 0 ? day : mondayOf(day) + 7;
}
