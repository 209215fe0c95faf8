/**
 * Reads the official school holiday calendar, dataset `fr-en-calendrier-scolaire` of
 * data.education.gouv.fr, as its CSV export comes: `;`-separated, UTF-8 with or without BOM, CRLF
 * or LF, with either header the portal exports (French labels or field names, in any column order),
 * one row per académie and holiday.
 *
 * Only the rows the week alignment needs are kept: zones A, B and C, and the pupils' calendar
 * (population `-`, empty or `Élèves`). Teachers' rows (`Enseignants…`: their summer ends before the
 * rentrée), Corse and the overseas académies (other zone names) are skipped without being checked,
 * so that a fresh full download always loads.
 */
import { parse } from 'csv-parse/sync';
import type { HolidayZone } from '../../catalog/reference/academies';
import { type DayNumber, tryDayNumber } from './iso-day';
import { parisDayOfInstant } from '../periods/calendar-days.util';

/** One kept row. Days are Europe/Paris calendar days. */
export interface CalendarFileRow {
  /** Line in the file (1 = header), for messages. */
  line: number;
  zone: HolidayZone;
  /** `2025-2026`. */
  schoolYear: string;
  description: string;
  /** `Date de début` / `start_date`. */
  start: DayNumber;
  /** `Date de fin` / `end_date`; equal to `start` for the "Début des Vacances d'Été" marker. */
  end: DayNumber;
  academie: string;
}

/** A file that cannot be used; the message names the source, the line and the column. */
export class SchoolCalendarFileError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly column: string | undefined,
    problem: string,
  ) {
    super(`${source}: line ${line}${column ? `, column "${column}"` : ''}: ${problem}`);
    this.name = 'SchoolCalendarFileError';
  }
}

type ColumnKey = 'description' | 'population' | 'start' | 'end' | 'academie' | 'zone' | 'schoolYear';

/** Accepted headers after `normaliseHeader`: French labels first, then the portal's field names. */
const COLUMNS: Record<ColumnKey, { names: readonly string[]; required: boolean }> = {
  description: { names: ['description'], required: true },
  population: { names: ['population'], required: false },
  start: { names: ['date_de_debut', 'start_date'], required: true },
  end: { names: ['date_de_fin', 'end_date'], required: true },
  academie: { names: ['academies', 'academie', 'location'], required: false },
  zone: { names: ['zones', 'zone'], required: true },
  schoolYear: { names: ['annee_scolaire'], required: true },
};

/** `Date de début` → `date_de_debut`: case, accents and punctuation do not matter. */
function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Descriptions compared without case, accents or the typographic apostrophe of some exports. */
export function normaliseDescription(description: string): string {
  return description
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export const SUMMER_START_MARKER = normaliseDescription("Début des Vacances d'Été");

const PUPILS_POPULATIONS = new Set(['', '-', 'eleves']);
const ZONE = /^zone ([abc])$/i;

/** The zone A, B or C of a row the calendar keeps (pupils' rows of those zones); undefined for the others. */
export function keptZoneOf(zone: string, population: string): HolidayZone | undefined {
  const found = ZONE.exec(zone.trim())?.[1].toUpperCase() as HolidayZone | undefined;
  return found && PUPILS_POPULATIONS.has(normaliseDescription(population)) ? found : undefined;
}
const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;
// Offset optional: a bare date, or a local time without offset, is read as a Paris wall clock.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * `2025-10-18T00:00:00+02:00` → the Paris day 2025-10-18. The portal writes local midnights with
 * their offset (which changes with daylight saving inside one row), and its API serves the same
 * instants in UTC (`2025-10-17T22:00:00+00:00`): converting the instant to Paris time reads both.
 */
export function parisDayOf(text: string): DayNumber | undefined {
  const match = DATE_TIME.exec(text);
  if (!match || tryDayNumber(match[1]) === undefined) return undefined;
  if (!match[5]) return tryDayNumber(match[1]);
  const instant = new Date(text.replace(' ', 'T'));
  if (Number.isNaN(instant.getTime())) return undefined;
  return tryDayNumber(parisDayOfInstant(instant));
}

interface RawRecord {
  record: string[];
  info: { lines: number };
}

function readRecords(text: string, source: string): RawRecord[] {
  try {
    return parse(text, {
      delimiter: ';',
      bom: true,
      info: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as RawRecord[];
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    throw new SchoolCalendarFileError(source, line, undefined, `not readable as ";"-separated CSV: ${(err as Error).message}`);
  }
}

/** Parses the file's text into the rows of zones A, B and C for pupils. */
export function readCalendarFile(text: string, source = 'school calendar'): CalendarFileRow[] {
  const records = readRecords(text, source);
  if (records.length === 0) throw new SchoolCalendarFileError(source, 1, undefined, 'the file is empty');

  const header = records[0].record.map((h) => h.trim());
  const normalised = header.map(normaliseHeader);
  const indexOf = {} as Record<ColumnKey, number>;
  for (const [key, spec] of Object.entries(COLUMNS) as [ColumnKey, (typeof COLUMNS)[ColumnKey]][]) {
    indexOf[key] = normalised.findIndex((h) => spec.names.includes(h));
    if (indexOf[key] < 0 && spec.required) {
      const expected = `expected "${spec.names[0]}" or "${spec.names[spec.names.length - 1]}"`;
      throw new SchoolCalendarFileError(source, records[0].info.lines, spec.names[0], `missing column (${expected}; header read: ${header.join(';')})`);
    }
  }
  const columnName = (key: ColumnKey) => header[indexOf[key]];

  const rows: CalendarFileRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length < header.length) {
      throw new SchoolCalendarFileError(source, line, header[record.length], `the line has ${record.length} fields, the header ${header.length}`);
    }
    if (record.length > header.length) {
      throw new SchoolCalendarFileError(source, line, `#${header.length + 1}`, `the line has ${record.length} fields, the header ${header.length}`);
    }
    const cell = (key: ColumnKey) => (indexOf[key] < 0 ? '' : record[indexOf[key]].trim());

    const zone = keptZoneOf(cell('zone'), cell('population'));
    if (!zone) continue;

    const fail = (key: ColumnKey, problem: string): never => {
      throw new SchoolCalendarFileError(source, line, columnName(key), problem);
    };
    const description = cell('description');
    if (!description) fail('description', 'empty description');

    const year = SCHOOL_YEAR.exec(cell('schoolYear'));
    if (!year || Number(year[2]) !== Number(year[1]) + 1) {
      fail('schoolYear', `expected a school year such as 2025-2026, got ${JSON.stringify(cell('schoolYear'))}`);
    }
    const start = parisDayOf(cell('start')) ?? fail('start', `expected a date such as 2025-10-18T00:00:00+02:00, got ${JSON.stringify(cell('start'))}`);
    // The summer start marker has no end of its own: some exports leave it empty.
    const isMarker = normaliseDescription(description) === SUMMER_START_MARKER;
    const end =
      isMarker && !cell('end')
        ? start
        : (parisDayOf(cell('end')) ?? fail('end', `expected a date such as 2025-11-03T00:00:00+01:00, got ${JSON.stringify(cell('end'))}`));
    if (end < start) fail('end', 'the holiday ends before it starts');

    rows.push({ line, zone, schoolYear: cell('schoolYear'), description, start, end, academie: cell('academie') });
  }
  return rows;
}
