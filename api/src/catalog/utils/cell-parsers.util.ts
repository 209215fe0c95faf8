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
