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
