/**
 * The period a panel shows, as a rule relative to "today" (a Europe/Paris calendar day), turned
 * into the inclusive `from` / `to` days the API takes. Days are ISO `YYYY-MM-DD` strings computed
 * in UTC arithmetic, so the host's time zone never shifts them.
 */
export const PERIOD_RULES = ['school_year_to_date', 'last_13_weeks', 'last_31_days'] as const;
export type PeriodRule = (typeof PERIOD_RULES)[number];

export const PERIOD_RULE_LABELS: Record<PeriodRule, string> = {
  school_year_to_date: 'Année scolaire en cours',
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

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Europe/Paris, the calendar the analytics count days in. */
export function parisToday(now: Date = new Date()): string {
  return PARIS_DAY.format(now);
}

/**
 * - `school_year_to_date`: 1 September of the current school year → today;
 * - `last_13_weeks`: the current week (Monday → today) and the 12 whole weeks before it, so a
 *   weekly series has 13 points, the last one partial;
 * - `last_31_days`: today and the 30 days before it.
 */
export function periodOf(rule: PeriodRule, today: string): Period {
  if (!isIsoDay(today)) throw new Error(`today must be a day YYYY-MM-DD (got "${today}")`);
  switch (rule) {
    case 'school_year_to_date':
      return { from: schoolYearStartOf(today), to: today };
    case 'last_13_weeks':
      return { from: addDays(mondayOf(today), -12 * 7), to: today };
    case 'last_31_days':
      return { from: addDays(today, -30), to: today };
  }
}
