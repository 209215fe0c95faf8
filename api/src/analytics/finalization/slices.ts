import type { Grain } from '../periods/period-buckets.util';
import type { RollupFamily } from '../query/build-activity-query.util';
import { addDays, addMonths, mondayOf, monthEndOf, monthStartOf, schoolYearStartYear } from '../periods/calendar-days.util';

/**
 * Slices of the finalized rollups: the unit the finalizer builds and readers trust or not. A slice
 * is the periods of one grain that start in one month (day, week and month grains) or in one school
 * year (school_year grain), named by its first day (the 1st of the month, or 1 September).
 */
export interface SliceId {
  family: RollupFamily;
  grain: Grain;
  firstDay: string;
}

/** One build (generation) of a slice: the events of its days up to `through`, as the rollups held them at `builtAt`. */
export interface SliceBuild extends SliceId {
  generation: number;
  through: string;
  /** ClickHouse time (ms) when the rollups were read. */
  builtAt: number;
}

export const sliceKey = (s: SliceId) => `${s.family}|${s.grain}|${s.firstDay}`;

/** The slice holding the period that contains a day. */
export function sliceOf(grain: Grain, day: string): string {
  switch (grain) {
    case 'day':
    case 'month':
      return monthStartOf(day);
    case 'week':
      return monthStartOf(mondayOf(day));
    case 'school_year':
      return `${schoolYearStartYear(day)}-09-01`;
  }
}

/** First and last day of the periods of a slice (a week slice may end in the next month). */
export function sliceDays(grain: Grain, firstDay: string): { first: string; last: string } {
  switch (grain) {
    case 'day':
    case 'month':
      return { first: firstDay, last: monthEndOf(firstDay) };
    case 'week': {
      const firstMonday = mondayOf(firstDay) < firstDay ? addDays(mondayOf(firstDay), 7) : firstDay;
      return { first: firstMonday, last: addDays(mondayOf(monthEndOf(firstDay)), 6) };
    }
    case 'school_year':
      return { first: firstDay, last: addDays(addMonths(firstDay, 12), -1) };
  }
}
