/**
 * The French school holiday calendar of zones A, B and C, read from the official open-data file
 * (`data/fr-en-calendrier-scolaire.csv`, replaceable by a fresh download: see README.md), and the
 * school-week alignment the analytics compare periods with. Days are ISO `YYYY-MM-DD` strings,
 * Europe/Paris calendar days.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HolidayZone } from '../../catalog/reference/academies';
import { type CalendarFileRow, readCalendarFile } from './calendar-file';
import { dayNumber, isoDayOf } from './iso-day';
import { type ComparisonPeriod, sameSchoolPeriodLastYear } from './same-school-period';
import { ZoneCalendar } from './zone-calendar';

export type { HolidayZone } from '../../catalog/reference/academies';
export { SchoolCalendarFileError } from './calendar-file';
export type { ComparisonPeriod } from './same-school-period';

export const BUNDLED_CALENDAR_FILE = path.join(__dirname, 'data', 'fr-en-calendrier-scolaire.csv');

const ZONES: readonly HolidayZone[] = ['A', 'B', 'C'];

export interface HolidayPeriod {
  /** As in the file (`Vacances d'Hiver`, `Pont de l'Ascension`); summer is `Vacances d'Été`. */
  description: string;
  firstDay: string;
  lastDay: string;
}

export interface SchoolWeek {
  /** The school year the week belongs to: from its rentrée week to the week before the next one. */
  schoolYear: string;
  kind: 'school' | 'holiday';
  /** School weeks: 0 for the rentrée week, counting school weeks only. Holiday weeks: 0, 1… within the holiday. */
  index: number;
  /** Holiday weeks only: the holiday's description. */
  holiday?: string;
  /** The week's Monday. */
  monday: string;
}

export class SchoolCalendar {
  private readonly zones: Map<HolidayZone, ZoneCalendar>;

  constructor(zones: Iterable<ZoneCalendar>) {
    this.zones = new Map([...zones].map((z) => [z.zone, z]));
  }

  /** Whether `day` lies in a holiday of the zone. A Saturday or Sunday outside holidays is not one; a day outside the file's years is not one either. */
  isHoliday(day: string, zone: HolidayZone): boolean {
    return this.zone(zone)?.periodOf(dayNumber(day)) !== undefined;
  }

  /** The holidays of a school year, in order; empty when the file has nothing for that year and zone. */
  holidaysOf(schoolYear: string, zone: HolidayZone): HolidayPeriod[] {
    return (this.zone(zone)?.year(schoolYear)?.periods ?? []).map((p) => ({
      description: p.description,
      firstDay: isoDayOf(p.first),
      lastDay: isoDayOf(p.last),
    }));
  }

  /** The school or holiday week of `day`; null outside the school years the file describes whole (summer start known). */
  schoolWeekOf(day: string, zone: HolidayZone): SchoolWeek | null {
    const found = this.zone(zone)?.weekOf(dayNumber(day));
    if (!found) return null;
    const { week, year } = found;
    return {
      schoolYear: year.schoolYear,
      kind: week.kind,
      index: week.index,
      ...(week.holiday ? { holiday: week.holiday.description } : {}),
      monday: isoDayOf(week.monday),
    };
  }

  /**
   * The period to compare [from, to] with: the same school weeks of the previous school year in
   * that zone, or 364 days earlier for a territory over several zones (`null`) or outside the
   * calendar (see same-school-period.ts). The result always has from ≤ to.
   */
  sameSchoolPeriodLastYear(from: string, to: string, zone: HolidayZone | null): ComparisonPeriod {
    return sameSchoolPeriodLastYear(zone === null ? null : (this.zone(zone) ?? null), from, to);
  }

  /** School years whose weeks can be counted (summer start known) in every zone asked, A, B and C by default. */
  coveredSchoolYears(zones: readonly HolidayZone[] = ZONES): string[] {
    const completeYears = (zone: HolidayZone) => (this.zone(zone)?.schoolYears() ?? []).filter((y) => this.zone(zone)?.year(y)?.complete);
    const [first = [], ...others] = zones.map(completeYears);
    return first.filter((year) => others.every((years) => years.includes(year))).sort();
  }

  private zone(zone: HolidayZone): ZoneCalendar | undefined {
    if (!ZONES.includes(zone)) throw new RangeError(`zone must be A, B or C, got ${JSON.stringify(zone)}`);
    return this.zones.get(zone);
  }
}

/** Builds the calendar from the kept rows of zones A, B and C (a file's, or the store's). */
export function buildSchoolCalendar(rows: readonly CalendarFileRow[]): SchoolCalendar {
  return new SchoolCalendar(ZONES.map((zone) => new ZoneCalendar(zone, rows.filter((r) => r.zone === zone))));
}

/** Builds the calendar from the text of a `fr-en-calendrier-scolaire` export; `source` names it in error messages. */
export function parseSchoolCalendar(text: string, source?: string): SchoolCalendar {
  return buildSchoolCalendar(readCalendarFile(text, source));
}

/** Reads the calendar file, the bundled one by default. */
export function loadSchoolCalendar(filePath: string = BUNDLED_CALENDAR_FILE): SchoolCalendar {
  return parseSchoolCalendar(readFileSync(filePath, 'utf8'), path.basename(filePath));
}
