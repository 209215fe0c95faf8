import { calendarPeriodProblem } from './calendar-periods.util';

const TODAY = '2026-12-06';
const ok = (from: string, to: string, interval: 'none' | 'day' | 'week' | 'month' | 'school_year' = 'none') => calendarPeriodProblem(from, to, interval, TODAY) === undefined;

describe('calendar periods (the roles that see only aggregates)', () => {
  it('accepts a day, an ISO week, a month, a term and a school year, whole or to today', () => {
    expect(ok('2026-10-14', '2026-10-14')).toBe(true);
    expect(ok('2026-10-12', '2026-10-18')).toBe(true); // Monday → Sunday
    expect(ok('2026-10-01', '2026-10-31')).toBe(true);
    expect(ok('2026-09-01', '2026-12-31')).toBe(true); // first term
    expect(ok('2026-01-01', '2026-03-31')).toBe(true);
    expect(ok('2026-04-01', '2026-08-31')).toBe(true);
    expect(ok('2025-09-01', '2026-08-31')).toBe(true);
    expect(ok('2026-09-01', TODAY)).toBe(true); // school year (or term) to date
    expect(ok('2026-12-01', TODAY)).toBe(true); // month to date
  });

  it('refuses free bounds, whose nested differences would single out a few people', () => {
    expect(ok('2026-08-01', '2026-10-31')).toBe(false); // August–October
    expect(ok('2026-10-02', '2026-10-31')).toBe(false);
    expect(ok('2026-10-13', '2026-10-19')).toBe(false); // Tuesday → Monday
    expect(ok('2026-09-01', '2026-11-15')).toBe(false); // not to today
    expect(ok('2026-09-01', '2027-01-31')).toBe(false); // across two terms
    expect(calendarPeriodProblem('2026-08-01', '2026-10-31', 'none', TODAY)).toMatch(/calendar periods only/);
  });

  it('accepts a series of whole units, the last one possibly to today', () => {
    expect(ok('2026-09-01', TODAY, 'month')).toBe(true);
    expect(ok('2026-09-07', TODAY, 'week')).toBe(true);
    expect(ok('2026-11-06', TODAY, 'day')).toBe(true);
    expect(ok('2025-09-01', TODAY, 'school_year')).toBe(true);
    expect(ok('2026-09-03', '2026-11-30', 'month')).toBe(false);
    expect(ok('2026-09-08', '2026-11-29', 'week')).toBe(false);
    expect(calendarPeriodProblem('2026-09-08', '2026-11-29', 'week', TODAY)).toBe('a series by week starts on the first day of a week and ends on its last day or today');
  });
});
