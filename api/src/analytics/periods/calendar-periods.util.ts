import { addDays, isIsoDay, mondayOf, monthEndOf, monthStartOf, schoolYearStartYear } from './calendar-days.util';
import type { Interval } from './period-buckets.util';

/**
 * Calendar periods: a day, an ISO week (Monday → Sunday), a month, a term (1 September → 31
 * December, 1 January → 31 March, 1 April → 31 August) or a school year (1 September → 31 August),
 * or one of them from its first day to today. The roles that see only aggregates ask for these and
 * no others: two nested periods of free bounds (August–October and October) would tell, by
 * difference, the handful of people active in the days between.
 */
export type CalendarUnit = 'day' | 'week' | 'month' | 'term' | 'school_year';

function termStartOf(day: string): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  if (month >= 9) return `${year}-09-01`;
  return month >= 4 ? `${year}-04-01` : `${year}-01-01`;
}

function termEndOf(day: string): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  if (month >= 9) return `${year}-12-31`;
  return month >= 4 ? `${year}-08-31` : `${year}-03-31`;
}

/** First and last day of the unit holding a day. */
export function calendarUnitOf(unit: CalendarUnit, day: string): { start: string; end: string } {
  switch (unit) {
    case 'day':
      return { start: day, end: day };
    case 'week':
      return { start: mondayOf(day), end: addDays(mondayOf(day), 6) };
    case 'month':
      return { start: monthStartOf(day), end: monthEndOf(day) };
    case 'term':
      return { start: termStartOf(day), end: termEndOf(day) };
    case 'school_year': {
      const y = schoolYearStartYear(day);
      return { start: `${y}-09-01`, end: `${y + 1}-08-31` };
    }
  }
}

const UNITS: readonly CalendarUnit[] = ['day', 'week', 'month', 'term', 'school_year'];
const UNIT_OF_INTERVAL: Record<Exclude<Interval, 'none'>, CalendarUnit> = { day: 'day', week: 'week', month: 'month', school_year: 'school_year' };

/**
 * Why a period is not a calendar period (or a series of them) for the given interval, or undefined
 * when it is. A series (interval) is made of calendar units whatever its length; its first point
 * must start a unit and its last end one, or end today.
 */
export function calendarPeriodProblem(from: string, to: string, interval: Interval, today: string): string | undefined {
  if (!isIsoDay(from) || !isIsoDay(to)) return undefined; // the period's own validation says why
  const fits = (unit: CalendarUnit) => {
    const first = calendarUnitOf(unit, from);
    const last = calendarUnitOf(unit, to);
    return first.start === from && (last.end === to || to === today);
  };
  if (interval !== 'none') {
    const unit = UNIT_OF_INTERVAL[interval];
    return fits(unit) ? undefined : `a series by ${interval} starts on the first day of a ${unit.replace('_', ' ')} and ends on its last day or today`;
  }
  for (const unit of UNITS) if (fits(unit) && calendarUnitOf(unit, from).end >= to) return undefined;
  return 'your role reads calendar periods only: a day, a week (Monday to Sunday), a month, a term (September–December, January–March, April–August) or a school year, or one of them from its first day to today';
}
