/**
 * The period a panel shows, as a rule relative to "today" (a Europe/Paris calendar day), turned
 * into the inclusive `from` / `to` days the API takes. Days are ISO `YYYY-MM-DD` strings computed
 * in UTC arithmetic, so the host's time zone never shifts them.
 */
export const PERIOD_RULES = [
  'current_week',
  'current_month',
  'previous_month',
  'current_term',
  'school_year_to_date',
  'previous_school_year',
  'last_2_school_years',
  'last_12_months',
  'last_13_weeks',
  'last_31_days',
] as const;
export type PeriodRule = (typeof PERIOD_RULES)[number];

export const PERIOD_RULE_LABELS: Record<PeriodRule, string> = {
  current_week: 'Semaine en cours',
  current_month: 'Mois en cours',
  previous_month: 'Mois précédent',
  current_term: 'Trimestre en cours',
  school_year_to_date: 'Année scolaire en cours',
  previous_school_year: 'Année scolaire précédente',
  last_2_school_years: 'Cette année scolaire et la précédente',
  last_12_months: '12 derniers mois',
  last_13_weeks: '13 dernières semaines',
  last_31_days: '31 derniers jours',
};

export interface Period {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;

export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(day: string, days: number): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The Monday of the week holding the day (weeks start on Monday in France). */
export function mondayOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** 1 September of the school year holding the day (school years run 1 September → 31 August). */
export function schoolYearStartOf(day: string): string {
  const year = Number(day.slice(0, 4));
  return `${Number(day.slice(5, 7)) >= 9 ? year : year - 1}-09-01`;
}

/** The first day of the month holding the day. */
export function monthStartOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The first day of the month `months` months after the one holding the day (negative: before). */
export function addMonths(day: string, months: number): string {
  const index = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * The first day of the school term holding the day: terms run 1 September → 31 December,
 * 1 January → 31 March and 1 April → 31 August (the API's calendar terms).
 */
export function termStartOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-${month >= 9 ? '09' : month >= 4 ? '04' : '01'}-01`;
}

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Europe/Paris, the calendar the analytics count days in. */
export function parisToday(now: Date = new Date()): string {
  return PARIS_DAY.format(now);
}

/**
 * Every rule is a calendar period (a unit from its first day to its last day or to today) or a
 * series of calendar units starting on a unit's first day, so that the roles that read
 * aggregates only (councillors, establishment heads) may ask them:
 * - `current_week`: Monday of this week → today;
 * - `current_month`: 1st of this month → today;
 * - `previous_month`: the whole month before this one;
 * - `current_term`: first day of this term → today;
 * - `school_year_to_date`: 1 September of the current school year → today;
 * - `previous_school_year`: the whole school year before the current one;
 * - `last_2_school_years`: 1 September of the previous school year → today (a series by school
 *   year has 2 points, the last one partial);
 * - `last_12_months`: the 1st of the month 11 months back → today, so a monthly series has 12
 *   points, the last one partial;
 * - `last_13_weeks`: the current week (Monday → today) and the 12 whole weeks before it, so a
 *   weekly series has 13 points, the last one partial;
 * - `last_31_days`: today and the 30 days before it.
 */
export function periodOf(rule: PeriodRule, today: string): Period {
  if (!isIsoDay(today)) throw new Error(`today must be a day YYYY-MM-DD (got "${today}")`);
  switch (rule) {
    case 'current_week':
      return { from: mondayOf(today), to: today };
    case 'current_month':
      return { from: monthStartOf(today), to: today };
    case 'previous_month':
      return { from: addMonths(today, -1), to: addDays(monthStartOf(today), -1) };
    case 'current_term':
      return { from: termStartOf(today), to: today };
    case 'school_year_to_date':
      return { from: schoolYearStartOf(today), to: today };
    case 'previous_school_year': {
      const start = schoolYearStartOf(today);
      return { from: `${Number(start.slice(0, 4)) - 1}-09-01`, to: addDays(start, -1) };
    }
    case 'last_2_school_years':
      return { from: `${Number(schoolYearStartOf(today).slice(0, 4)) - 1}-09-01`, to: today };
    case 'last_12_months':
      return { from: addMonths(today, -11), to: today };
    case 'last_13_weeks':
      return { from: addDays(mondayOf(today), -12 * 7), to: today };
    case 'last_31_days':
      return { from: addDays(today, -30), to: today };
  }
}
