/**
 * The calendar of one holiday zone built from the file's rows: per school year its rentrée, its
 * holiday periods and the kind of each of its weeks. Rules (README.md of this folder):
 *
 * - A row covers the days [Date de début, Date de fin): the first holiday day is `Date de début`,
 *   the last is the day before `Date de fin` (the morning classes resume).
 * - Summer runs from its start to the day before the next rentrée. The rentrée is the end of the
 *   pupils' summer row of the year before when the file has it, otherwise `defaultRentree`.
 * - Weeks run Monday → Sunday. A week is a holiday week when its five weekdays are all holidays,
 *   otherwise a school week. A school year's weeks run from its rentrée week to the week before the
 *   next rentrée week; school weeks are numbered 0, 1, 2… from the rentrée week, holiday weeks
 *   0, 1… within their holiday.
 */
import type { HolidayZone } from '../../catalog/reference/academies';
import { type CalendarFileRow, normaliseDescription, SUMMER_START_MARKER } from './calendar-file';
import { type DayNumber, mondayOf, mondayOnOrAfter, tryDayNumber, weekdayOf } from './iso-day';

export const SUMMER_DESCRIPTION = "Vacances d'Été";
const SUMMER_KEY = normaliseDescription(SUMMER_DESCRIPTION);

export interface Period {
  description: string;
  /** Normalised description: how a holiday is recognised from one year to the next. */
  key: string;
  first: DayNumber;
  last: DayNumber;
}

export interface Week {
  monday: DayNumber;
  kind: 'school' | 'holiday';
  index: number;
  holiday?: Period;
}

export interface ZoneYear {
  schoolYear: string;
  periods: Period[];
  rentree: DayNumber;
  /** Known summer start: without it the end of the school time is unknown and weeks are not counted. */
  complete: boolean;
  /** Empty when the year is not complete. */
  weeks: Week[];
}

/**
 * Rentrée when the file does not give it: 1 September, or the Monday after when 1 September is a
 * Friday, Saturday or Sunday. It gives the official rentrées of 2023 (Mon 4 Sept), 2024 (Mon 2),
 * 2025 (Mon 1) and 2026 (Tue 1); the week, which is what the alignment uses, is right either way.
 */
export function defaultRentree(startYear: number): DayNumber {
  const firstOfSeptember = tryDayNumber(`${startYear}-09-01`) as DayNumber;
  return weekdayOf(firstOfSeptember) >= 4 ? mondayOnOrAfter(firstOfSeptember) : firstOfSeptember;
}

const startYearOf = (schoolYear: string) => Number(schoolYear.slice(0, 4));

/**
 * The full download repeats each holiday once per académie of the zone. They agree in every year
 * seen; if they ever do not (a rectorat moving its dates), the dates most académies share win.
 */
function zoneDatesOf(rows: CalendarFileRow[]): { description: string; start: DayNumber; end: DayNumber } {
  const votes = new Map<string, { row: CalendarFileRow; count: number }>();
  for (const row of rows) {
    const vote = votes.get(`${row.start}/${row.end}`) ?? { row, count: 0 };
    vote.count += 1;
    votes.set(`${row.start}/${row.end}`, vote);
  }
  // Map keeps insertion order and sort is stable: on a tie the first dates in the file win.
  const { row } = [...votes.values()].sort((a, b) => b.count - a.count)[0];
  return row;
}

interface YearFacts {
  schoolYear: string;
  periods: Period[];
  summerStart?: DayNumber;
  /** End of the pupils' summer row: the next year's rentrée. */
  nextRentree?: DayNumber;
}

function yearFactsOf(schoolYear: string, rows: CalendarFileRow[]): YearFacts {
  const byKey = new Map<string, CalendarFileRow[]>();
  for (const row of rows) {
    const key = normaliseDescription(row.description);
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const facts: YearFacts = { schoolYear, periods: [] };
  for (const [key, keyRows] of byKey) {
    const { description, start, end } = zoneDatesOf(keyRows);
    if (key === SUMMER_START_MARKER) {
      facts.summerStart ??= start;
    } else if (key === SUMMER_KEY) {
      facts.summerStart = start;
      if (end > start) facts.nextRentree = end;
    } else if (end > start) {
      facts.periods.push({ description, key, first: start, last: end - 1 });
    }
  }
  return facts;
}

export class ZoneCalendar {
  private readonly years: ZoneYear[];
  private readonly periods: Period[];

  constructor(
    readonly zone: HolidayZone,
    rows: CalendarFileRow[],
  ) {
    const bySchoolYear = new Map<string, CalendarFileRow[]>();
    for (const row of rows) bySchoolYear.set(row.schoolYear, [...(bySchoolYear.get(row.schoolYear) ?? []), row]);
    const facts = [...bySchoolYear].map(([year, yearRows]) => yearFactsOf(year, yearRows)).sort((a, b) => a.schoolYear.localeCompare(b.schoolYear));
    const factsOf = new Map(facts.map((f) => [f.schoolYear, f]));

    const rentreeOf = (startYear: number) => factsOf.get(`${startYear - 1}-${startYear}`)?.nextRentree ?? defaultRentree(startYear);
    for (const f of facts) {
      if (f.summerStart === undefined) continue;
      const last = rentreeOf(startYearOf(f.schoolYear) + 1) - 1;
      f.periods.push({ description: SUMMER_DESCRIPTION, key: SUMMER_KEY, first: f.summerStart, last });
    }
    this.periods = facts.flatMap((f) => f.periods).sort((a, b) => a.first - b.first);

    this.years = facts.map((f) => {
      const startYear = startYearOf(f.schoolYear);
      const complete = f.summerStart !== undefined;
      const rentree = rentreeOf(startYear);
      const weeks = complete ? this.weeksBetween(mondayOf(rentree), mondayOf(rentreeOf(startYear + 1))) : [];
      return { schoolYear: f.schoolYear, periods: f.periods.sort((a, b) => a.first - b.first), rentree, complete, weeks };
    });
  }

  periodOf(day: DayNumber): Period | undefined {
    return this.periods.find((p) => p.first <= day && day <= p.last);
  }

  year(schoolYear: string): ZoneYear | undefined {
    return this.years.find((y) => y.schoolYear === schoolYear);
  }

  schoolYears(): string[] {
    return this.years.map((y) => y.schoolYear);
  }

  /** The week holding `day`, with its school year; undefined outside the complete years. */
  weekOf(day: DayNumber): { year: ZoneYear; week: Week } | undefined {
    const monday = mondayOf(day);
    for (const year of this.years) {
      const offset = year.weeks.length ? (monday - year.weeks[0].monday) / 7 : -1;
      if (offset >= 0 && offset < year.weeks.length) return { year, week: year.weeks[offset] };
    }
    return undefined;
  }

  private weeksBetween(firstMonday: DayNumber, nextYearMonday: DayNumber): Week[] {
    const weeks: Week[] = [];
    let schoolIndex = 0;
    for (let monday = firstMonday; monday < nextYearMonday; monday += 7) {
      const weekdays = [0, 1, 2, 3, 4].map((d) => this.periodOf(monday + d));
      if (weekdays.every((p) => p !== undefined)) {
        // The holiday holding the Monday names the week; its first whole week is number 0.
        const holiday = weekdays[0] as Period;
        weeks.push({ monday, kind: 'holiday', index: (monday - mondayOnOrAfter(holiday.first)) / 7, holiday });
      } else {
        weeks.push({ monday, kind: 'school', index: schoolIndex++ });
      }
    }
    return weeks;
  }
}
