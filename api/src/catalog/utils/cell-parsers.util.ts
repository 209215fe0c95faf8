/**
 * Parsers of one cell or input value. Each returns `{ value }` or `{ problem }` (a reason a person
 * can act on); they never throw, so one bad cell never stops an import.
 */
export type Parsed<T> = { value: T; problem?: undefined } | { value?: undefined; problem: string };

/** A count of people: a non-negative integer, without thousands separators. */
export function parseCount(text: string): Parsed<number> {
  if (!/^\d+$/.test(text)) return { problem: `"${text}" is not a whole number` };
  const value = Number(text);
  return Number.isSafeInteger(value) ? { value } : { problem: `${text} is too large` };
}

/** A decimal number with a point or a comma (`105.4`, `245000,50`). */
export function parseDecimal(text: string): Parsed<number> {
  if (!/^-?\d+([.,]\d+)?$/.test(text)) return { problem: `"${text}" is not a number` };
  return { value: Number(text.replace(',', '.')) };
}

/** A calendar date `YYYY-MM-DD` that exists. */
export function parseIsoDate(text: string): Parsed<string> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return { problem: `"${text}" is not a date YYYY-MM-DD` };
  const d = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() + 1 !== Number(m[2])) {
    return { problem: `${text} is not a calendar date` };
  }
  return { value: text };
}

/**
 * Days the product plans with (goals, deployment, annotations): from the first ENT pilots on, and
 * no further than a planning horizon. Anything outside is a typo, and a period reaching the year
 * 9999 would make every reader walk thousands of years of days.
 */
export const EARLIEST_DAY = '2000-01-01';
export const LATEST_PLANNED_DAY = '2100-12-31';

/** A calendar date `YYYY-MM-DD` between EARLIEST_DAY and LATEST_PLANNED_DAY. */
export function parsePlanningDate(text: string): Parsed<string> {
  const date = parseIsoDate(text);
  if (date.problem !== undefined) return date;
  if (text < EARLIEST_DAY || text > LATEST_PLANNED_DAY) return { problem: `${text} is not between ${EARLIEST_DAY} and ${LATEST_PLANNED_DAY}` };
  return date;
}

/** A school year `2012-2013` (two consecutive years). */
export function parseSchoolYear(text: string): Parsed<string> {
  const m = /^(\d{4})-(\d{4})$/.exec(text);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) return { problem: `"${text}" is not a school year such as 2012-2013` };
  return { value: text };
}

/** The school year containing a date (school years start on 1 September). */
export function schoolYearOf(date: Date): string {
  const start = date.getUTCMonth() >= 8 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return `${start}-${start + 1}`;
}

/** Lower case, no accents, words joined by `_`: compares labels such as `Collège`, `Privé`. */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9+]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
