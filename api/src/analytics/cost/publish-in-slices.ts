import type { Bucket } from '../periods/period-buckets.util';

/**
 * Cells computed between two turns of the event loop. A long daily series broken down by
 * establishment is tens of thousands of cells to fill, suppress and label: done in one go it kept
 * the event loop (and /healthz) waiting for seconds.
 */
export const CELLS_PER_SLICE = 100;

/** Rows of a ClickHouse answer summed between two turns of the event loop. */
export const ROWS_PER_SLICE = 250;

/** Points of a series handled between two turns of the event loop, given the cells of a point. */
export function pointsPerSlice(cellsPerPoint: number): number {
  return Math.max(1, Math.floor(CELLS_PER_SLICE / Math.max(1, cellsPerPoint)));
}

/** Runs `each` over the items, yielding to the event loop every `perSlice` items. */
export async function inSlices<T>(items: readonly T[], perSlice: number, each: (item: T) => void): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % perSlice === 0) await yieldToEventLoop();
    each(items[i]);
  }
}

/** Lets the event loop answer what waits (health checks, other requests) before going on. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface MeasuredLike<M> {
  buckets: Bucket[];
  measures: Map<string, M>;
}

/**
 * Publishes a measured period a few buckets at a time, yielding to the event loop between slices.
 * Each slice carries only the measures of its buckets (`bucketOfKey` reads a key's bucket): a
 * bucket's cells are published from its own measures, so the result is the same as in one go,
 * and no bucket scans the measures of every other bucket (that scan grew as buckets²).
 */
export async function publishInSlices<M, P extends MeasuredLike<M>, Point>(
  period: P,
  cellsPerBucket: number,
  bucketOfKey: (key: string) => number,
  publish: (slice: P) => Point[],
): Promise<Point[]> {
  const perSlice = pointsPerSlice(cellsPerBucket);
  if (period.buckets.length <= perSlice) return publish(period);
  const measuresOfBucket = new Map<number, Map<string, M>>();
  for (const [key, m] of period.measures) {
    const bucket = bucketOfKey(key);
    let own = measuresOfBucket.get(bucket);
    if (!own) measuresOfBucket.set(bucket, (own = new Map()));
    own.set(key, m);
  }
  const points: Point[] = [];
  for (let i = 0; i < period.buckets.length; i += perSlice) {
    const buckets = period.buckets.slice(i, i + perSlice);
    const measures = new Map<string, M>();
    for (const b of buckets) for (const [key, m] of measuresOfBucket.get(b.index) ?? []) measures.set(key, m);
    if (i > 0) await yieldToEventLoop();
    points.push(...publish({ ...period, buckets, measures }));
  }
  return points;
}
