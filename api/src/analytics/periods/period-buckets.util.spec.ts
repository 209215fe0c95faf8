import { bucketsOf, daysCoveredBy, tilesOf } from './period-buckets.util';

const ALL = ['day', 'week', 'month', 'school_year'] as const;

describe('bucketsOf', () => {
  it('cuts a period into months, the first and last clipped, empty months included', () => {
    expect(bucketsOf('2026-08-15', '2026-10-10', 'month')).toEqual([
      { index: 0, start: '2026-08-15', end: '2026-08-31' },
      { index: 1, start: '2026-09-01', end: '2026-09-30' },
      { index: 2, start: '2026-10-01', end: '2026-10-10' },
    ]);
  });

  it('cuts weeks on Mondays and school years on 1 September', () => {
    expect(bucketsOf('2026-10-22', '2026-11-04', 'week').map((b) => [b.start, b.end])).toEqual([
      ['2026-10-22', '2026-10-25'],
      ['2026-10-26', '2026-11-01'],
      ['2026-11-02', '2026-11-04'],
    ]);
    expect(bucketsOf('2025-06-01', '2026-09-30', 'school_year').map((b) => [b.start, b.end])).toEqual([
      ['2025-06-01', '2025-08-31'],
      ['2025-09-01', '2026-08-31'],
      ['2026-09-01', '2026-09-30'],
    ]);
  });

  it('gives one bucket for the whole period with interval none, and one per day with day', () => {
    expect(bucketsOf('2026-03-28', '2026-03-30', 'none')).toEqual([{ index: 0, start: '2026-03-28', end: '2026-03-30' }]);
    expect(bucketsOf('2026-03-28', '2026-03-30', 'day').map((b) => b.start)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
  });
});

describe('tilesOf', () => {
  it('covers a period with whole school years, then whole months, then days', () => {
    expect(tilesOf({ index: 0, start: '2025-09-01', end: '2026-11-22' }, ALL)).toEqual([
      { bucket: 0, grain: 'school_year', first: '2025-09-01', last: '2025-09-01' },
      { bucket: 0, grain: 'month', first: '2026-09-01', last: '2026-10-01' },
      { bucket: 0, grain: 'day', first: '2026-11-01', last: '2026-11-22' },
    ]);
  });

  it('starts with days up to the first whole month', () => {
    expect(tilesOf({ index: 3, start: '2026-09-15', end: '2026-12-31' }, ALL)).toEqual([
      { bucket: 3, grain: 'day', first: '2026-09-15', last: '2026-09-30' },
      { bucket: 3, grain: 'month', first: '2026-10-01', last: '2026-12-01' },
    ]);
  });

  it('reads a whole week bucket from the weekly rollup, and weeks of a month from days or months', () => {
    expect(tilesOf({ index: 0, start: '2026-10-26', end: '2026-11-01' }, ALL)).toEqual([{ bucket: 0, grain: 'week', first: '2026-10-26', last: '2026-10-26' }]);
    expect(tilesOf({ index: 0, start: '2026-10-26', end: '2026-11-01' }, ['day', 'month'])).toEqual([{ bucket: 0, grain: 'day', first: '2026-10-26', last: '2026-11-01' }]);
  });

  it('reads the current school year, month or week whole when the bucket reaches today (nothing later exists)', () => {
    expect(tilesOf({ index: 0, start: '2026-09-01', end: '2026-11-23' }, ALL, '2026-11-23')).toEqual([{ bucket: 0, grain: 'school_year', first: '2026-09-01', last: '2026-09-01' }]);
    expect(tilesOf({ index: 1, start: '2026-10-15', end: '2026-11-23' }, ALL, '2026-11-23')).toEqual([
      { bucket: 1, grain: 'day', first: '2026-10-15', last: '2026-10-31' },
      { bucket: 1, grain: 'month', first: '2026-11-01', last: '2026-11-01' },
    ]);
    expect(tilesOf({ index: 2, start: '2026-11-23', end: '2026-11-23' }, ALL, '2026-11-23')).toEqual([{ bucket: 2, grain: 'week', first: '2026-11-23', last: '2026-11-23' }]);
    // A bucket ending before today is tiled exactly.
    expect(tilesOf({ index: 0, start: '2026-09-01', end: '2026-11-22' }, ALL, '2026-11-23').map((t) => t.grain)).toEqual(['month', 'day']);
  });

  it('uses only the grains asked for (deployment cohorts: months only)', () => {
    expect(tilesOf({ index: 0, start: '2025-09-01', end: '2026-08-31' }, ['month'])).toEqual([{ bucket: 0, grain: 'month', first: '2025-09-01', last: '2026-08-01' }]);
  });
});

describe('daysCoveredBy', () => {
  it('gives the days whose events the tiles read, a last period read whole', () => {
    // The current school year and month are read whole: their rows hold events up to their last day.
    expect(daysCoveredBy(tilesOf({ index: 0, start: '2026-09-01', end: '2026-11-23' }, ALL, '2026-11-23'))).toEqual({ from: '2026-09-01', to: '2027-08-31' });
    expect(daysCoveredBy(tilesOf({ index: 1, start: '2026-10-15', end: '2026-11-23' }, ALL, '2026-11-23'))).toEqual({ from: '2026-10-15', to: '2026-11-30' });
    // Several buckets: from the first day of the first to the last day of the last.
    const weeks = bucketsOf('2026-10-05', '2026-10-18', 'week').flatMap((b) => tilesOf(b, ALL, '2026-11-23'));
    expect(daysCoveredBy(weeks)).toEqual({ from: '2026-10-05', to: '2026-10-18' });
  });
});

describe('tilesOf with finalized periods', () => {
  /** Finalized: every day up to 2026-11-22, the weeks, months and school years holding them (up to that day). */
  const THROUGH = '2026-11-22';
  const finalized = (grain: 'day' | 'week' | 'month' | 'school_year', period: string) => {
    const starts = grain === 'day' || (grain === 'week' && new Date(`${period}T00:00:00Z`).getUTCDay() === 1) || (grain === 'month' && period.endsWith('-01')) || (grain === 'school_year' && period.endsWith('-09-01'));
    if (!starts || period > THROUGH) return undefined;
    const end = grain === 'day' ? period : grain === 'week' ? addOneWeek(period) : grain === 'month' ? monthEnd(period) : `${Number(period.slice(0, 4)) + 1}-08-31`;
    return { end: end < THROUGH ? end : THROUGH, generation: { day: 1, week: 2, month: 3, school_year: 4 }[grain] };
  };
  const addOneWeek = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  const monthEnd = (d: string) => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 0)).toISOString().slice(0, 10);

  it('reads the school year so far from its finalized row, and today live', () => {
    expect(tilesOf({ index: 0, start: '2026-09-01', end: '2026-11-23' }, ALL, '2026-11-23', finalized)).toEqual([
      { bucket: 0, grain: 'school_year', first: '2026-09-01', last: '2026-09-01', final: [4] },
      { bucket: 0, grain: 'day', first: '2026-11-23', last: '2026-11-23' },
    ]);
  });

  it('never reads a finalized period holding days after the bucket', () => {
    // The school year and November are held up to the 22nd: a bucket ending on the 15th takes months, then days.
    expect(tilesOf({ index: 0, start: '2026-09-01', end: '2026-11-15' }, ALL, '2026-11-23', finalized)).toEqual([
      { bucket: 0, grain: 'month', first: '2026-09-01', last: '2026-10-01', final: [3] },
      { bucket: 0, grain: 'day', first: '2026-11-01', last: '2026-11-15', final: [1] },
    ]);
  });

  it('prefers any finalized period to a live one, and reads live what is not finalized', () => {
    // 2026-10-10 changed since it was finalized: no finalized period holding it.
    const withLateChange = (grain: 'day' | 'week' | 'month' | 'school_year', period: string) => {
      const f = finalized(grain, period);
      return f && (period > '2026-10-10' || f.end < '2026-10-10') ? f : undefined;
    };
    expect(tilesOf({ index: 0, start: '2026-09-01', end: '2026-11-23' }, ALL, '2026-11-23', withLateChange)).toEqual([
      { bucket: 0, grain: 'month', first: '2026-09-01', last: '2026-09-01', final: [3] },
      { bucket: 0, grain: 'day', first: '2026-10-01', last: '2026-10-09', final: [1] },
      { bucket: 0, grain: 'day', first: '2026-10-10', last: '2026-10-10' },
      { bucket: 0, grain: 'day', first: '2026-10-11', last: '2026-10-31', final: [1] },
      { bucket: 0, grain: 'month', first: '2026-11-01', last: '2026-11-01', final: [3] },
      { bucket: 0, grain: 'day', first: '2026-11-23', last: '2026-11-23' },
    ]);
  });

  it('reads a week bucket from its finalized week, held up to yesterday, then today live', () => {
    expect(tilesOf({ index: 5, start: '2026-11-16', end: '2026-11-22' }, ALL, '2026-11-23', finalized)).toEqual([{ bucket: 5, grain: 'week', first: '2026-11-16', last: '2026-11-16', final: [2] }]);
    expect(tilesOf({ index: 6, start: '2026-11-23', end: '2026-11-23' }, ALL, '2026-11-23', finalized)).toEqual([{ bucket: 6, grain: 'week', first: '2026-11-23', last: '2026-11-23' }]);
  });
});

describe('every walk over days ends', () => {
  it('compares days as numbers across the year 9999 (as text, "10000-01-01" sorts before "9999-12-31")', () => {
    const started = Date.now();
    expect(() => bucketsOf('9999-12-30', '9999-12-31', 'day')).toThrow('period 9999-12-30 … 9999-12-31 ends after 9998-12-31');
    expect(() => tilesOf({ index: 0, start: '9999-12-01', end: '9999-12-31' }, ALL, '9999-12-31')).toThrow('period 9999-12-01 … 9999-12-31 ends after 9998-12-31');
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('reads the last handled year like any other', () => {
    expect(bucketsOf('9998-12-30', '9998-12-31', 'day').map((b) => [b.start, b.end])).toEqual([
      ['9998-12-30', '9998-12-30'],
      ['9998-12-31', '9998-12-31'],
    ]);
    expect(tilesOf({ index: 0, start: '9998-09-01', end: '9998-12-31' }, ALL, '9998-12-31')).toEqual([{ bucket: 0, grain: 'school_year', first: '9998-09-01', last: '9998-09-01' }]);
  });

  it('refuses a period longer than 50 years or not made of days, instead of walking it', () => {
    expect(() => bucketsOf('1900-01-01', '2026-12-31', 'day')).toThrow('period 1900-01-01 … 2026-12-31 is longer than 18300 days');
    expect(() => bucketsOf('2026-02-30', '2026-03-01', 'week')).toThrow('not a period of days: 2026-02-30 … 2026-03-01');
  });
});
