import { bucketsOf } from '../periods/period-buckets.util';
import { CELLS_PER_SLICE, inSlices, publishInSlices } from './publish-in-slices';

/** Keys as AdoptionService writes them: bucket, \u0001, codes. */
const key = (bucket: number, code: string) => `${bucket}\u0001${code}`;
const bucketOfKey = (k: string) => Number(k.slice(0, k.indexOf('\u0001')));

describe('publishInSlices', () => {
  const buckets = bucketsOf('2026-01-01', '2026-12-31', 'day');
  const measures = new Map<string, number>();
  for (const b of buckets) for (let c = 0; c < 20; c++) measures.set(key(b.index, `c${c}`), b.index * 100 + c);
  /** A publication that reads only its buckets' measures, and says which it saw. */
  const publish = (slice: { buckets: typeof buckets; measures: Map<string, number> }) =>
    slice.buckets.map((b) => ({ start: b.start, sum: [...slice.measures].filter(([k]) => bucketOfKey(k) === b.index).reduce((s, [, v]) => s + v, 0), seen: slice.measures.size }));

  it('gives the same points as one publication, each slice holding only its own buckets’ measures', async () => {
    const slices: number[] = [];
    const points = await publishInSlices({ buckets, measures }, 20, bucketOfKey, (slice) => (slices.push(slice.buckets.length), publish(slice)));
    const whole = publish({ buckets, measures });
    expect(points.map(({ start, sum }) => ({ start, sum }))).toEqual(whole.map(({ start, sum }) => ({ start, sum })));
    // 100 cells per slice at 20 cells a bucket: 5 buckets (100 measures) at a time.
    expect(CELLS_PER_SLICE / 20).toBe(5);
    expect(slices).toEqual([...Array(73).fill(5)]);
    expect(Math.max(...points.map((p) => p.seen))).toBe(100);
  });

  it('lets the event loop run between slices', async () => {
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    await publishInSlices({ buckets, measures }, 20, bucketOfKey, (slice) => {
      const until = Date.now() + 2;
      while (Date.now() < until); // 2 ms of work per slice
      return publish(slice);
    });
    clearInterval(ticking);
    expect(turns).toBeGreaterThan(10);
  });

  it('publishes a short series in one go', async () => {
    const slices: number[] = [];
    await publishInSlices({ buckets: buckets.slice(0, 3), measures }, 20, bucketOfKey, (slice) => (slices.push(slice.measures.size), []));
    expect(slices).toEqual([measures.size]);
  });

  it('inSlices visits every item in order', async () => {
    const seen: number[] = [];
    await inSlices([1, 2, 3, 4, 5], 2, (x) => seen.push(x));
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});
