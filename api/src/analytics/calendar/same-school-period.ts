/**
 * "The same school period one year earlier": the comparison period of the analytics.
 *
 * Usage follows the school rhythm (holiday weeks weigh on it), so each bound of the period is moved
 * to the same school week of the previous school year: the n-th school week maps to the n-th school
 * week, the k-th week of a holiday to the k-th week of the same holiday, on the same weekday. When
 * the previous year has fewer such weeks, the last one is used.
 *
 * Without a zone (a territory over several zones has no single calendar), or when the calendar
 * cannot align a bound (year not in the file, holiday absent the year before), the period moves 364
 * days back: 52 whole weeks, same weekdays.
 */
import { type DayNumber, dayNumber, isoDayOf, mondayOf, weekdayOf } from './iso-day';
import type { Week, ZoneCalendar } from './zone-calendar';

export interface ComparisonPeriod {
  from: string;
  to: string;
  method: 'school_weeks' | 'calendar_weeks';
}

const previousSchoolYear = (schoolYear: string) => {
  const start = Number(schoolYear.slice(0, 4));
  return `${start - 1}-${start}`;
};

/** The week of the previous school year that plays the same part as `week`, if there is one. */
function sameWeekOneYearEarlier(zone: ZoneCalendar, schoolYear: string, week: Week): Week | undefined {
  const previous = zone.year(previousSchoolYear(schoolYear));
  if (!previous?.complete) return undefined;
  const candidates = previous.weeks.filter((w) => w.kind === week.kind && w.holiday?.key === week.holiday?.key);
  return candidates.find((w) => w.index === week.index) ?? candidates[candidates.length - 1];
}

function alignDay(zone: ZoneCalendar, day: DayNumber): DayNumber | undefined {
  const found = zone.weekOf(day);
  if (!found) return undefined;
  const target = sameWeekOneYearEarlier(zone, found.year.schoolYear, found.week);
  return target && target.monday + weekdayOf(day);
}

function calendarWeeksEarlier(from: DayNumber, to: DayNumber): ComparisonPeriod {
  return { from: isoDayOf(from - 364), to: isoDayOf(to - 364), method: 'calendar_weeks' };
}

export function sameSchoolPeriodLastYear(zone: ZoneCalendar | null, fromIso: string, toIso: string): ComparisonPeriod {
  const from = dayNumber(fromIso, 'from');
  const to = dayNumber(toIso, 'to');
  if (from > to) throw new RangeError(`from (${fromIso}) is after to (${toIso})`);
  if (!zone) return calendarWeeksEarlier(from, to);

  const alignedFrom = alignDay(zone, from);
  const alignedTo = alignDay(zone, to);
  if (alignedFrom === undefined || alignedTo === undefined) return calendarWeeksEarlier(from, to);
  if (alignedFrom <= alignedTo) return { from: isoDayOf(alignedFrom), to: isoDayOf(alignedTo), method: 'school_weeks' };

  // The bounds crossed: a holiday sits at another place among the school weeks the year before
  // (zone A: winter after school week 19 in 2026-2027, after week 18 in 2025-2026). The period
  // then covers both aligned weeks whole, and what lies between them.
  return { from: isoDayOf(mondayOf(alignedTo)), to: isoDayOf(mondayOf(alignedFrom) + 6), method: 'school_weeks' };
}
