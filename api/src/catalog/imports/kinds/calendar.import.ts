import { normaliseDescription, parisDayOf, SUMMER_START_MARKER } from '../../../analytics/calendar/calendar-file';
import { isoDayOf } from '../../../analytics/calendar/iso-day';
import { SchoolHolidayEntity } from '../../entities/school-holiday.entity';
import { type ImportKindDefinition, problemCollector, type RowProblem } from '../import-kind';

export type SchoolHolidayRecord = Pick<SchoolHolidayEntity, 'zone' | 'location' | 'population' | 'schoolYear' | 'description' | 'startOn' | 'endOn'>;

const SCHOOL_YEAR = /^(\d{4})(?:-(\d{4}))?$/;

/**
 * The official school holiday calendar `fr-en-calendrier-scolaire` (data.education.gouv.fr), as
 * exported: French labels or field names as header, one row per académie, zone, population and
 * holiday. Every row is kept (overseas, teachers); the analytics read zones A, B, C for pupils
 * (api/src/analytics/calendar). The portal revises rows: a changed date updates the stored row.
 * The calendar is national: only a caller with the national scope imports it.
 */
export const calendarImport: ImportKindDefinition<SchoolHolidayRecord, SchoolHolidayEntity> = {
  kind: 'calendar',
  keyDescription: 'zones, location, population, annee_scolaire and description',
  columns: [
    { key: 'description', names: ['description'], required: true },
    { key: 'population', names: ['population'], required: false },
    { key: 'start', names: ['date_de_debut', 'start_date'], required: true },
    { key: 'end', names: ['date_de_fin', 'end_date'], required: true },
    { key: 'location', names: ['academies', 'academie', 'location'], required: false },
    { key: 'zone', names: ['zones', 'zone'], required: true },
    { key: 'schoolYear', names: ['annee_scolaire'], required: true },
  ],

  parseRow(row) {
    const problems: RowProblem[] = [];
    const problem = (key: string, reason: string) => void problems.push({ column: row.column(key), reason });
    const description = row.get('description');
    if (!description) problem('description', 'the description is empty');
    const zone = row.get('zone');
    if (!zone) problem('zone', 'the zone is empty');
    const schoolYear = row.get('schoolYear');
    const year = SCHOOL_YEAR.exec(schoolYear);
    if (!year || (year[2] !== undefined && Number(year[2]) !== Number(year[1]) + 1)) {
      problem('schoolYear', `"${schoolYear}" is not a school year such as 2025-2026 (or one year, 2018, for the southern hemisphere)`);
    }
    const start = parisDayOf(row.get('start'));
    if (start === undefined) problem('start', `"${row.get('start')}" is not a date such as 2025-10-18T00:00:00+02:00`);
    // The summer start marker has no end of its own: some exports leave it empty.
    const isMarker = normaliseDescription(description) === SUMMER_START_MARKER;
    const end = isMarker && !row.get('end') ? start : parisDayOf(row.get('end'));
    if (end === undefined) problem('end', `"${row.get('end')}" is not a date such as 2025-11-03T00:00:00+01:00`);
    else if (start !== undefined && end < start) problem('end', 'the holiday ends before it starts');
    for (const [key, max] of [['zone', 60], ['location', 60], ['population', 60], ['description', 120]] as const) {
      if (row.get(key).length > max) problem(key, `longer than ${max} characters`);
    }
    if (problems.length || start === undefined || end === undefined) return { problems };
    return {
      record: {
        zone,
        location: row.get('location'),
        population: row.get('population'),
        schoolYear,
        description,
        startOn: isoDayOf(start),
        endOn: isoDayOf(end),
      },
    };
  },

  async checkStore(context, lines) {
    const problems = problemCollector();
    if (context.scope.kind !== 'national') {
      for (const { line, row } of lines) {
        problems.add(line, { column: row.column('zone'), reason: 'the school calendar is national: only an administrator with the national scope imports it' });
      }
    }
    return problems.result;
  },

  target: {
    entity: SchoolHolidayEntity,
    keyOf: (r) => [r.zone, r.location, r.population, r.schoolYear, r.description].join('\u0000'),
    keyOfEntity: (e) => [e.zone, e.location, e.population, e.schoolYear, e.description].join('\u0000'),
    where: (r) => ({ zone: r.zone, location: r.location, population: r.population, schoolYear: r.schoolYear, description: r.description }),
    values: (r) => ({ ...r }),
  },
};
