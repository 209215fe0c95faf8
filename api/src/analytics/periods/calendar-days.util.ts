/**
 * Calendar arithmetic on ISO days (`YYYY-MM-DD`). Days are Europe/Paris calendar days everywhere in
 * the analytics (the rollups are keyed by `toDate(occurred_at, 'Europe/Paris')`), so no time zone
 * is involved here: a day is a date, computed in UTC to avoid the host's zone.
 */
const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Days as numbers (days since 1970-01-01) and back. A question walks hundreds of days (buckets,
 * tiles, periods): the conversions are cached, parsing and formatting dates being most of the cost.
 */
const NUMBER_OF_DAY = new Map<string, number>();
const DAY_OF_NUMBER = new Map<number, string>();
const CACHE_LIMIT = 100_000;

/** Days since 1970-01-01 (NaN for text that is not a day): compare days as these, never as text ("10000-01-01" < "9999-12-31"). */
export function dayNumber(day: string): number {
  let n = NUMBER_OF_DAY.get(day);
  if (n === undefined) {
    n = Math.round(Date.parse(`${day}T00:00:00Z`) / MS_PER_DAY);
    if (Number.isFinite(n) && NUMBER_OF_DAY.size < CACHE_LIMIT) NUMBER_OF_DAY.set(day, n);
  }
  return n;
}

export function dayOfNumber(n: number): string {
  let day = DAY_OF_NUMBER.get(n);
  if (day === undefined) {
    day = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
    if (DAY_OF_NUMBER.size < CACHE_LIMIT) DAY_OF_NUMBER.set(n, day);
  }
  return day;
}

function toDate(day: string): Date {
  return new Date(dayNumber(day) * MS_PER_DAY);
}

function toDay(date: Date): string {
  return dayOfNumber(Math.round(date.getTime() / MS_PER_DAY));
}

export function addDays(day: string, days: number): string {
  return dayOfNumber(dayNumber(day) + days);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addMonths(day: string, months: number): string {
  const d = toDate(day);
  return toDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)));
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(day: string): number {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  return (((dayNumber(day) + 3) % 7) + 7) % 7;
}

export function mondayOf(day: string): string {
  return addDays(day, -weekdayOf(day));
}

export function monthStartOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function monthEndOf(day: string): string {
  return addDays(addMonths(monthStartOf(day), 1), -1);
}

/** Start year of the school year holding the day (1 September → 31 August). */
export function schoolYearStartYear(day: string): number {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 9 ? year : year - 1;
}

/** The school year holding the day, named like the catalog (`2025-2026`). */
export function schoolYearOf(day: string): string {
  const y = schoolYearStartYear(day);
  return `${y}-${y + 1}`;
}

export function schoolYearBounds(schoolYear: string): { from: string; to: string } {
  const y = Number(schoolYear.slice(0, 4));
  return { from: `${y}-09-01`, to: `${y + 1}-08-31` };
}

/** Whole months between the months of two days (`2025-09-xx` → `2026-01-xx` = 4). */
export function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}

export function minDay(a: string, b: string): string {
  return dayNumber(a) < dayNumber(b) ? a : b;
}

export function maxDay(a: string, b: string): string {
  return dayNumber(a) > dayNumber(b) ? a : b;
}

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Paris day (YYYY-MM-DD) of an instant. One formatter for the process: building one per call cost tens of microseconds each time. */
export function parisDayOfInstant(instant: Date): string {
  return PARIS_DAY.format(instant);
}

/** Today in Europe/Paris (YYYY-MM-DD). */
export function parisToday(): string {
  return parisDayOfInstant(new Date());
}
