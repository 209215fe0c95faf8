import { CatalogInputError } from '../../catalog/errors/catalog-errors';
import { EARLIEST_DAY } from '../../catalog/utils/cell-parsers.util';
import { addDays, dayNumber, isIsoDay } from './calendar-days.util';

export { EARLIEST_DAY };

/**
 * The days an analytics argument may name. No rollup holds a day before EARLIEST_DAY (the first
 * ENT pilots opened later), nor after tomorrow: ingestion refuses events more than 24 h ahead.
 * Bounding them keeps every walk over a period short, whatever a caller sends (a period in the
 * year 9999 once walked its days forever).
 */
export interface DayBounds {
  earliest: string;
  latest: string;
  /** Why the latest day is the latest, for the error message. */
  latestWhy: string;
}

/** Bounds of a period (`from`, `to`) and of a `today` argument, given today in Paris. */
export function analyticsDayBounds(today: string): DayBounds {
  return { earliest: EARLIEST_DAY, latest: addDays(today, 1), latestWhy: 'tomorrow: events more than 24 h ahead are refused' };
}

/** Why `value` is not an acceptable day, or undefined. */
export function dayProblem(value: string, bounds: DayBounds): string | undefined {
  if (!isIsoDay(value)) return `"${value}" is not a day (YYYY-MM-DD)`;
  const n = dayNumber(value);
  if (n < dayNumber(bounds.earliest)) return `${value} is before ${bounds.earliest}, the earliest day analytics hold`;
  if (n > dayNumber(bounds.latest)) return `${value} is after ${bounds.latest} (${bounds.latestWhy})`;
  return undefined;
}

/** Throws BAD_USER_INPUT naming `field` when `value` is not a day within the bounds. */
export function assertDayArgument(field: string, value: string, bounds: DayBounds): void {
  const problem = dayProblem(value, bounds);
  if (problem) throw new CatalogInputError(field, problem);
}
