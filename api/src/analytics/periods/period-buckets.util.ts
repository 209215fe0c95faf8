import {
  addDays,
  addMonths,
  dayNumber,
  dayOfNumber,
  mondayOf,
  monthEndOf,
  monthStartOf,
  schoolYearBounds,
  schoolYearOf,
  weekdayOf,
} from './calendar-days.util';

/** How a period is cut into a series. `none` = one value for the whole period. */
export const INTERVALS = ['none', 'day', 'week', 'month', 'school_year'] as const;
export type Interval = (typeof INTERVALS)[number];

/** One point of a series: inclusive days, clipped to the requested period. */
export interface Bucket {
  index: number;
  start: string;
  end: string;
}

/** The grains of the rollup tables (`<family>_by_<grain>`); `period` is the first day of each. */
export type Grain = 'day' | 'week' | 'month' | 'school_year';

/**
 * A run of consecutive periods of one grain, all inside one bucket: `period BETWEEN first AND last`,
 * read from the rollups with aggregate states (`live`) or from the finalized rollups (`final`:
 * the generations holding those periods, see analytics/finalization).
 */
export interface Tile {
  bucket: number;
  grain: Grain;
  first: string;
  last: string;
  /** Finalized periods: the generations to read. Absent: the live rollups. */
  final?: number[];
}

/**
 * A finalized period a reader may use: the events of its days up to `end` (a period is held up to
 * the day its slice was built through), in generation `generation`.
 */
export type FinalizedPeriods = (grain: Grain, period: string) => { end: string; generation: number } | undefined;

function nextBucketStart(day: string, interval: Exclude<Interval, 'none'>): string {
  switch (interval) {
    case 'day':
      return addDays(day, 1);
    case 'week':
      return addDays(mondayOf(day), 7);
    case 'month':
      return addMonths(day, 1);
    case 'school_year':
      return addDays(schoolYearBounds(schoolYearOf(day)).to, 1);
  }
}

/**
 * Longest period the utilities accept (50 years): callers bound their days (periods/day-bounds.util.ts)
 * far below it; this keeps every loop here finite whatever a caller passes.
 */
export const MAX_PERIOD_DAYS = 50 * 366;

/** Last day the utilities handle: a period's next bucket or school year must still be a 4-digit year. */
export const LAST_HANDLED_DAY = '9998-12-31';
const LAST_HANDLED = dayNumber(LAST_HANDLED_DAY);

/** The period as day numbers, checked: both days exist, up to LAST_HANDLED_DAY, at most MAX_PERIOD_DAYS apart. */
function spanOf(from: string, to: string): { first: number; last: number } {
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (!Number.isFinite(first) || !Number.isFinite(last) || dayOfNumber(first) !== from || dayOfNumber(last) !== to) throw new RangeError(`not a period of days: ${from} … ${to}`);
  if (last > LAST_HANDLED) throw new RangeError(`period ${from} … ${to} ends after ${LAST_HANDLED_DAY}`);
  if (last - first > MAX_PERIOD_DAYS) throw new RangeError(`period ${from} … ${to} is longer than ${MAX_PERIOD_DAYS} days`);
  return { first, last };
}

/**
 * Every bucket of the period, empty ones included (gap filling is done by the caller against this
 * list, so a month without events is a 0 in the series, not a missing point). The first and last
 * buckets are clipped to the period. Days are compared as numbers (as text, "10000-01-01" sorts
 * before "9999-12-31" and the walk would never end); a bucket is at least a day, so there are at
 * most as many iterations as days.
 */
export function bucketsOf(from: string, to: string, interval: Interval): Bucket[] {
  if (interval === 'none') return [{ index: 0, start: from, end: to }];
  const { first, last } = spanOf(from, to);
  const buckets: Bucket[] = [];
  for (let start = first, guard = 0; start <= last; guard++) {
    const next = dayNumber(nextBucketStart(dayOfNumber(start), interval));
    if (!(next > start) || guard > last - first) throw new Error(`bucket walk did not advance at ${dayOfNumber(start)}`);
    buckets.push({ index: buckets.length, start: dayOfNumber(start), end: dayOfNumber(Math.min(next - 1, last)) });
    start = next;
  }
  return buckets;
}

/** The last day of the period of a grain starting on `period`. */
export function periodEnd(grain: Grain, period: string): string {
  switch (grain) {
    case 'day':
      return period;
    case 'week':
      return addDays(period, 6);
    case 'month':
      return monthEndOf(period);
    case 'school_year':
      return schoolYearBounds(schoolYearOf(period)).to;
  }
}

function fits(grain: Grain, day: string, end: number): boolean {
  const startsHere =
    grain === 'day' ||
    (grain === 'week' && weekdayOf(day) === 0) ||
    (grain === 'month' && monthStartOf(day) === day) ||
    (grain === 'school_year' && day.slice(5) === '09-01');
  return startsHere && dayNumber(periodEnd(grain, day)) <= end;
}

/**
 * Covers a bucket exactly with rollup periods, coarsest first: whole school years, then whole
 * months, then days (weeks only when the bucket is a whole week: a week rarely tiles a month).
 * Finalized periods (plain counts) come before live ones (aggregate states) at each day: a
 * finalized period may hold its days only up to some day, the rest being read live. Runs of one
 * grain and source are merged into one tile. Distinct people stay exact over any such union
 * because every rollup row is keyed by the person.
 */
export function tilesOf(bucket: Bucket, grains: readonly Grain[], lastDayWithData?: string, finalized?: FinalizedPeriods): Tile[] {
  const order: Grain[] = (['school_year', 'month', 'week', 'day'] as const).filter((g) => grains.includes(g));
  // A bucket reaching the last day that can hold data ("today") holds all of its periods' data so
  // far: the current school year, month or week is read whole (nothing later exists yet).
  const { first, last: end } = spanOf(bucket.start, bucket.end);
  const open = lastDayWithData !== undefined && end >= dayNumber(lastDayWithData);
  // Open: a period of any length fits (days as numbers, no sentinel day to compare as text).
  const reach = open ? Number.POSITIVE_INFINITY : end;
  const weekBucket = weekdayOf(bucket.start) === 0 && (open || end - first === 6);
  const usable = (g: Grain) => g !== 'week' || weekBucket;
  const tiles: Tile[] = [];
  const push = (grain: Grain, day: string, generation?: number) => {
    const last = tiles[tiles.length - 1];
    if (last && last.grain === grain && !!last.final === (generation !== undefined)) {
      last.last = day;
      if (generation !== undefined && !last.final?.includes(generation)) last.final?.push(generation);
    } else tiles.push({ bucket: bucket.index, grain, first: day, last: day, ...(generation !== undefined ? { final: [generation] } : {}) });
  };
  // Each step moves at least one day forward: at most (days of the bucket) steps.
  for (let n = first, steps = 0; n <= end; steps++) {
    if (steps > end - first) throw new Error(`tiling of ${bucket.start} … ${bucket.end} did not advance`);
    const day = dayOfNumber(n);
    let next: number | undefined;
    for (const grain of order) {
      if (!usable(grain)) continue;
      const f = finalized?.(grain, day);
      if (f && dayNumber(f.end) <= end) {
        push(grain, day, f.generation);
        next = dayNumber(f.end) + 1;
        break;
      }
    }
    if (next === undefined) {
      const grain = order.find((g) => usable(g) && fits(g, day, reach));
      if (!grain) throw new Error(`no rollup grain covers ${day}`);
      push(grain, day);
      next = dayNumber(periodEnd(grain, day)) + 1;
    }
    if (!(next > n)) throw new Error(`tiling of ${bucket.start} … ${bucket.end} did not advance at ${day}`);
    n = next;
  }
  return tiles;
}

/** The days whose events the rollup rows of these tiles hold (a tile's last period is read whole). */
export function daysCoveredBy(tiles: readonly Tile[]): { from: string; to: string } {
  if (!tiles.length) throw new Error('no tile');
  let from = dayNumber(tiles[0].first);
  let to = dayNumber(periodEnd(tiles[0].grain, tiles[0].last));
  for (const t of tiles) {
    from = Math.min(from, dayNumber(t.first));
    to = Math.max(to, dayNumber(periodEnd(t.grain, t.last)));
  }
  return { from: dayOfNumber(from), to: dayOfNumber(to) };
}
