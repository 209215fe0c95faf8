/**
 * The school calendar the analytics use: the rows of `school_holiday` in the relational store
 * (catalog import kind `calendar`), read again whenever the catalog revision changed, so that a
 * calendar imported by any process (API, CLI) is used by the next question. A store that has no
 * calendar yet is seeded from the bundled file at start.
 */
import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { SchoolHolidayEntity } from '../../catalog/entities/school-holiday.entity';
import { runCatalogImport, type ImportReport } from '../../catalog/imports/run-catalog-import';
import { ScopeService } from '../../scope/scope.service';
import { NATIONAL_SCOPE } from '../../scope/territorial-scope';
import { type CalendarFileRow, keptZoneOf } from './calendar-file';
import { dayNumber } from './iso-day';
import { BUNDLED_CALENDAR_FILE, buildSchoolCalendar, type ComparisonPeriod, type HolidayZone, type SchoolCalendar } from './school-calendar';

export class StoredSchoolCalendar {
  private cached?: { revision: number; calendar: SchoolCalendar };

  constructor(private readonly dataSource: DataSource) {}

  /** Imports the bundled calendar file when the store holds no calendar row; the report, or null when it did hold some. */
  async seedIfEmpty(): Promise<ImportReport | null> {
    if ((await this.dataSource.getRepository(SchoolHolidayEntity).count()) > 0) return null;
    return runCatalogImport(this.dataSource, 'calendar', readFileSync(BUNDLED_CALENDAR_FILE, 'utf8'), {
      scope: NATIONAL_SCOPE,
      scopeService: new ScopeService(this.dataSource),
    });
  }

  /** The calendar as stored now (read again only when the catalog revision moved). */
  async current(): Promise<SchoolCalendar> {
    const [row] = (await this.dataSource.query('SELECT revision FROM catalog_revision WHERE id = 1')) as { revision: number | string }[];
    const revision = Number(row.revision);
    if (this.cached?.revision === revision) return this.cached.calendar;
    const stored = await this.dataSource.getRepository(SchoolHolidayEntity).find();
    const rows: CalendarFileRow[] = [];
    for (const r of stored) {
      const zone = keptZoneOf(r.zone, r.population);
      if (!zone) continue;
      rows.push({ line: 0, zone, schoolYear: r.schoolYear, description: r.description, start: dayNumber(r.startOn), end: dayNumber(r.endOn), academie: r.location });
    }
    // Rows in a stable order, so that ties among académies resolve as they would from the file.
    rows.sort((a, b) => a.academie.localeCompare(b.academie) || a.start - b.start);
    const calendar = buildSchoolCalendar(rows);
    this.cached = { revision, calendar };
    return calendar;
  }

  /** `SchoolCalendar.sameSchoolPeriodLastYear` on the stored calendar. */
  async sameSchoolPeriodLastYear(from: string, to: string, zone: HolidayZone | null): Promise<ComparisonPeriod> {
    return (await this.current()).sameSchoolPeriodLastYear(from, to, zone);
  }
}
