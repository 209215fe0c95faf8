import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUNDLED_CALENDAR_FILE, loadSchoolCalendar, parseSchoolCalendar, SchoolCalendarFileError } from './school-calendar';

const LABELS = 'Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire';
const FIELDS = 'description;population;start_date;end_date;location;zones;annee_scolaire';

const calendar = loadSchoolCalendar();

describe('reading fr-en-calendrier-scolaire', () => {
  it('loads the bundled file: four school years of zones A, B and C', () => {
    expect(BUNDLED_CALENDAR_FILE).toBe(path.join(__dirname, 'data', 'fr-en-calendrier-scolaire.csv'));
    expect(calendar.coveredSchoolYears()).toEqual(['2023-2024', '2024-2025', '2025-2026', '2026-2027']);
    // The teachers' summer row (until 2025-08-29) is skipped; the pupils' one gives the rentrée 2025.
    expect(calendar.holidaysOf('2024-2025', 'B')).toEqual([
      { description: 'Vacances de la Toussaint', firstDay: '2024-10-19', lastDay: '2024-11-03' },
      { description: 'Vacances de Noël', firstDay: '2024-12-21', lastDay: '2025-01-05' },
      { description: "Vacances d'Hiver", firstDay: '2025-02-08', lastDay: '2025-02-23' },
      { description: 'Vacances de Printemps', firstDay: '2025-04-05', lastDay: '2025-04-21' },
      { description: "Pont de l'Ascension", firstDay: '2025-05-30', lastDay: '2025-05-30' },
      { description: "Vacances d'Été", firstDay: '2025-07-05', lastDay: '2025-08-31' },
    ]);
    expect(calendar.holidaysOf('2022-2023', 'B')).toEqual([]);
  });

  it('reads the field-name header with a BOM, CRLF and the columns in another order', () => {
    const text =
      '\uFEFF' +
      [
        'zones;annee_scolaire;description;start_date;end_date;location;population',
        "Zone C;2025-2026;Vacances d'Hiver;2026-02-21T00:00:00+01:00;2026-03-09T00:00:00+01:00;Créteil;-",
        "Zone C;2025-2026;Début des Vacances d'Été;2026-07-04T00:00:00+02:00;2026-07-04T00:00:00+02:00;Créteil;-",
        '',
      ].join('\r\n');
    const c = parseSchoolCalendar(text);
    expect(c.holidaysOf('2025-2026', 'C')).toEqual([
      { description: "Vacances d'Hiver", firstDay: '2026-02-21', lastDay: '2026-03-08' },
      { description: "Vacances d'Été", firstDay: '2026-07-04', lastDay: '2026-08-31' },
    ]);
    expect(c.coveredSchoolYears(['C'])).toEqual(['2025-2026']);
    expect(c.coveredSchoolYears()).toEqual([]); // zones A and B are not in this file
  });

  it('reads a full download: one row per académie, teachers, Corse, overseas, UTC instants', () => {
    const text = [
      FIELDS,
      'Vacances de la Toussaint;-;2025-10-18T00:00:00+02:00;2025-11-03T00:00:00+01:00;Lyon;Zone A;2025-2026',
      'Vacances de la Toussaint;-;2025-10-18T00:00:00+02:00;2025-11-03T00:00:00+01:00;Dijon;Zone A;2025-2026',
      'Vacances de la Toussaint;-;2025-10-18T00:00:00+02:00;2025-11-03T00:00:00+01:00;Clermont-Ferrand;Zone A;2025-2026',
      'Vacances de la Toussaint;Enseignants;2025-10-17T00:00:00+02:00;2025-11-04T00:00:00+01:00;Lyon;Zone A;2025-2026',
      // The API serves the same Paris midnights in UTC.
      'Vacances de la Toussaint;Élèves;2025-10-17T22:00:00+00:00;2025-11-02T23:00:00+00:00;Rennes;Zone B;2025-2026',
      'Vacances de Noël;-;2025-12-20T00:00:00+01:00;2026-01-05T00:00:00+01:00;Corse;Corse;2025-2026',
      'Vacances de Carnaval;Élèves du premier degré;2026-02-14T00:00:00-04:00;2026-02-23T00:00:00-04:00;Guadeloupe;Guadeloupe;2025-2026',
      "Vacances d'Été;-;2019-06-10T01:00:00+02:00;2019-08-19T00:00:00+02:00;Réunion;Réunion;2018-2019",
      // Southern-hemisphere rows name a single year: they are skipped before being checked.
      "Vacances d'Été;Enseignants;2018-12-15T00:00:00+01:00;2019-02-15T00:00:00+01:00;Nouvelle Calédonie;Nouvelle Calédonie;2018",
    ].join('\n');
    const c = parseSchoolCalendar(text);
    const toussaint = [{ description: 'Vacances de la Toussaint', firstDay: '2025-10-18', lastDay: '2025-11-02' }];
    expect(c.holidaysOf('2025-2026', 'A')).toEqual(toussaint);
    expect(c.holidaysOf('2025-2026', 'B')).toEqual(toussaint);
    expect(c.holidaysOf('2025-2026', 'C')).toEqual([]);
    expect(c.isHoliday('2025-12-22', 'C')).toBe(false); // Corse's row is not zone C
    // No summer start: the end of the school time is unknown, weeks are not counted.
    expect(c.coveredSchoolYears()).toEqual([]);
    expect(c.schoolWeekOf('2025-11-10', 'A')).toBeNull();
  });

  it('keeps the dates most académies of a zone share when they disagree', () => {
    const text = [
      LABELS,
      "Vacances de Printemps;-;2018-04-21T00:00:00+02:00;2018-05-07T00:00:00+02:00;Caen;Zone B;2017-2018",
      "Vacances de Printemps;-;2018-04-25T00:00:00+02:00;2018-05-14T00:00:00+02:00;Nantes;Zone B;2017-2018",
      "Vacances de Printemps;-;2018-04-21T00:00:00+02:00;2018-05-07T00:00:00+02:00;Lille;Zone B;2017-2018",
    ].join('\n');
    expect(parseSchoolCalendar(text).holidaysOf('2017-2018', 'B')).toEqual([
      { description: 'Vacances de Printemps', firstDay: '2018-04-21', lastDay: '2018-05-06' },
    ]);
  });

  describe('refuses a bad file, naming the line and the column', () => {
    const parseLines = (...lines: string[]) => () => parseSchoolCalendar(lines.join('\r\n'), 'calendrier.csv');

    it('a date that does not exist', () => {
      const bad = parseLines(
        LABELS,
        'Vacances de la Toussaint;-;2025-10-18T00:00:00+02:00;2025-11-03T00:00:00+01:00;Lyon;Zone A;2025-2026',
        '',
        'Vacances de Noël;-;2025-12-32T00:00:00+01:00;2026-01-05T00:00:00+01:00;Lyon;Zone A;2025-2026',
      );
      expect(bad).toThrow(
        new SchoolCalendarFileError('calendrier.csv', 4, 'Date de début', 'expected a date such as 2025-10-18T00:00:00+02:00, got "2025-12-32T00:00:00+01:00"'),
      );
      expect(bad).toThrow('calendrier.csv: line 4, column "Date de début": expected a date');
    });

    it('a line with a missing field', () => {
      expect(parseLines(LABELS, 'Vacances de Noël;-;2025-12-20T00:00:00+01:00;2026-01-05T00:00:00+01:00;Lyon;Zone A')).toThrow(
        'calendrier.csv: line 2, column "annee_scolaire": the line has 6 fields, the header 7',
      );
    });

    it('a school year that is not YYYY-YYYY', () => {
      expect(parseLines(FIELDS, 'Vacances de Noël;-;2025-12-20T00:00:00+01:00;2026-01-05T00:00:00+01:00;Lyon;Zone A;2025')).toThrow(
        'calendrier.csv: line 2, column "annee_scolaire": expected a school year such as 2025-2026, got "2025"',
      );
    });

    it('a holiday that ends before it starts', () => {
      expect(parseLines(FIELDS, 'Vacances de Noël;-;2026-01-05T00:00:00+01:00;2025-12-20T00:00:00+01:00;Lyon;Zone A;2025-2026')).toThrow(
        'calendrier.csv: line 2, column "end_date": the holiday ends before it starts',
      );
    });

    it('a missing column, or another separator', () => {
      expect(parseLines('Description;Population;Date de début;Date de fin;Académies;annee_scolaire')).toThrow(
        'calendrier.csv: line 1, column "zones": missing column',
      );
      expect(parseLines('description,population,start_date,end_date,location,zones,annee_scolaire')).toThrow('line 1, column "description": missing column');
    });

    it('loadSchoolCalendar names the file it read', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'school-calendar-'));
      const file = path.join(dir, 'fr-en-calendrier-scolaire.csv');
      fs.writeFileSync(file, `${LABELS}\nVacances de Noël;-;demain;2026-01-05T00:00:00+01:00;Lyon;Zone A;2025-2026\n`);
      try {
        expect(() => loadSchoolCalendar(file)).toThrow('fr-en-calendrier-scolaire.csv: line 2, column "Date de début"');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('isHoliday', () => {
  it.each([
    // Zone A, winter 2026: classes until Friday 6 February, back on Monday 23.
    ['2026-02-06', 'A', false],
    ['2026-02-07', 'A', true],
    ['2026-02-22', 'A', true],
    ['2026-02-23', 'A', false],
    // Zone B, spring 2026.
    ['2026-04-10', 'B', false],
    ['2026-04-11', 'B', true],
    ['2026-04-26', 'B', true],
    ['2026-04-27', 'B', false],
    // Zone C, winter 2026: the same days are school days in zone A.
    ['2026-02-20', 'C', false],
    ['2026-02-21', 'C', true],
    ['2026-03-08', 'C', true],
    ['2026-03-09', 'C', false],
    ['2026-03-02', 'A', false],
  ] as const)('%s in zone %s → %s', (day, zone, expected) => {
    expect(calendar.isHoliday(day, zone)).toBe(expected);
  });

  it('does not count weekends outside holidays', () => {
    expect(calendar.isHoliday('2026-03-14', 'A')).toBe(false); // a Saturday
    expect(calendar.isHoliday('2026-03-15', 'A')).toBe(false); // a Sunday
  });

  it('counts the Ascension bridge days, not the public holiday before them', () => {
    // 2024: the file gives Friday 10 May only (Thursday 9 is Ascension, a public holiday).
    expect(['2024-05-09', '2024-05-10', '2024-05-11'].map((d) => calendar.isHoliday(d, 'B'))).toEqual([false, true, false]);
    // 2026: from Thursday 14 to Sunday 17 May, classes back on Monday 18.
    expect(['2026-05-13', '2026-05-14', '2026-05-17', '2026-05-18'].map((d) => calendar.isHoliday(d, 'C'))).toEqual([false, true, true, false]);
  });

  it('runs summer to the day before the rentrée, given by the file or by the default rule', () => {
    // 2024-2025: the pupils' summer row ends on the rentrée, Monday 1 September 2025.
    expect(['2025-07-04', '2025-07-05', '2025-08-31', '2025-09-01'].map((d) => calendar.isHoliday(d, 'A'))).toEqual([false, true, true, false]);
    // 2025-2026 only has "Début des Vacances d'Été": rentrée by the rule, Tuesday 1 September 2026.
    expect(['2026-07-03', '2026-07-04', '2026-08-31', '2026-09-01'].map((d) => calendar.isHoliday(d, 'B'))).toEqual([false, true, true, false]);
    // 2026-2027: rule again, Wednesday 1 September 2027.
    expect(['2027-07-02', '2027-07-03', '2027-08-31', '2027-09-01'].map((d) => calendar.isHoliday(d, 'C'))).toEqual([false, true, true, false]);
  });

  it('refuses a malformed day or zone', () => {
    expect(() => calendar.isHoliday('2026-02-30', 'A')).toThrow(RangeError);
    expect(() => calendar.isHoliday('07/02/2026', 'A')).toThrow('day must be a calendar day written YYYY-MM-DD, got "07/02/2026"');
    expect(() => calendar.isHoliday('2026-02-07', 'D' as 'A')).toThrow('zone must be A, B or C, got "D"');
  });
});

describe('schoolWeekOf', () => {
  it('numbers school weeks from the rentrée week, skipping holiday weeks', () => {
    expect(calendar.schoolWeekOf('2025-09-01', 'A')).toEqual({ schoolYear: '2025-2026', kind: 'school', index: 0, monday: '2025-09-01' });
    // Saturday 18 October opens the Toussaint holidays, but its week had five school days.
    expect(calendar.schoolWeekOf('2025-10-18', 'A')).toEqual({ schoolYear: '2025-2026', kind: 'school', index: 6, monday: '2025-10-13' });
    expect(calendar.schoolWeekOf('2025-11-05', 'A')).toEqual({ schoolYear: '2025-2026', kind: 'school', index: 7, monday: '2025-11-03' });
    // The Ascension bridge does not make a holiday week: Monday to Wednesday are school days.
    expect(calendar.schoolWeekOf('2026-05-15', 'C')).toMatchObject({ kind: 'school', index: 28 });
  });

  it('numbers the weeks of each holiday from 0', () => {
    expect(calendar.schoolWeekOf('2025-10-22', 'B')).toEqual({
      schoolYear: '2025-2026',
      kind: 'holiday',
      index: 0,
      holiday: 'Vacances de la Toussaint',
      monday: '2025-10-20',
    });
    expect(calendar.schoolWeekOf('2025-11-02', 'B')).toMatchObject({ kind: 'holiday', index: 1, holiday: 'Vacances de la Toussaint' });
    expect(calendar.schoolWeekOf('2026-08-30', 'A')).toEqual({
      schoolYear: '2025-2026',
      kind: 'holiday',
      index: 7,
      holiday: "Vacances d'Été",
      monday: '2026-08-24',
    });
  });

  it('follows the zone: the same week is school in zone A and holiday in zone C', () => {
    expect(calendar.schoolWeekOf('2027-02-08', 'A')).toMatchObject({ kind: 'school', index: 19 });
    expect(calendar.schoolWeekOf('2027-02-08', 'C')).toMatchObject({ kind: 'holiday', index: 0, holiday: "Vacances d'Hiver" });
  });

  it('puts a rentrée on Tuesday 1 September in a school week whose Monday is still summer', () => {
    expect(calendar.isHoliday('2026-08-31', 'A')).toBe(true);
    expect(calendar.schoolWeekOf('2026-08-31', 'A')).toEqual({ schoolYear: '2026-2027', kind: 'school', index: 0, monday: '2026-08-31' });
  });

  it('answers null outside the calendar', () => {
    expect(calendar.schoolWeekOf('2023-09-03', 'A')).toBeNull(); // before the rentrée of the first year in the file
    expect(calendar.schoolWeekOf('2027-09-01', 'A')).toBeNull(); // 2027-2028 is not in the file
  });
});

describe('sameSchoolPeriodLastYear', () => {
  it('maps a school week of November 2026 to the same school week of 2025', () => {
    // School week 8 in both years (7 weeks, Toussaint, then the 2nd week after it).
    expect(calendar.sameSchoolPeriodLastYear('2026-11-09', '2026-11-15', 'A')).toEqual({ from: '2025-11-10', to: '2025-11-16', method: 'school_weeks' });
    expect(calendar.sameSchoolPeriodLastYear('2026-11-10', '2026-11-12', 'A')).toEqual({ from: '2025-11-11', to: '2025-11-13', method: 'school_weeks' });
  });

  it('maps a winter holiday week to the same week of that zone’s winter holidays', () => {
    // 15-21 February 2027: first winter week in zone A, second in zone C (from 6 February).
    expect(calendar.sameSchoolPeriodLastYear('2027-02-15', '2027-02-21', 'A')).toEqual({ from: '2026-02-09', to: '2026-02-15', method: 'school_weeks' });
    expect(calendar.sameSchoolPeriodLastYear('2027-02-15', '2027-02-21', 'C')).toEqual({ from: '2026-03-02', to: '2026-03-08', method: 'school_weeks' });
    // 2025-2026 → 2024-2025, zone A's winter moved from 22 February to 7 February.
    expect(calendar.sameSchoolPeriodLastYear('2026-02-09', '2026-02-15', 'A')).toEqual({ from: '2025-02-24', to: '2025-03-02', method: 'school_weeks' });
  });

  it('maps the first school week of September to the previous rentrée week', () => {
    expect(calendar.sameSchoolPeriodLastYear('2026-08-31', '2026-09-06', 'B')).toEqual({ from: '2025-09-01', to: '2025-09-07', method: 'school_weeks' });
    expect(calendar.sameSchoolPeriodLastYear('2025-09-01', '2025-09-05', 'B')).toEqual({ from: '2024-09-02', to: '2024-09-06', method: 'school_weeks' });
    expect(calendar.sameSchoolPeriodLastYear('2024-09-02', '2024-09-06', 'B')).toEqual({ from: '2023-09-04', to: '2023-09-08', method: 'school_weeks' });
  });

  it('moves 364 days back for a territory over several zones', () => {
    expect(calendar.sameSchoolPeriodLastYear('2027-02-15', '2027-02-21', null)).toEqual({ from: '2026-02-16', to: '2026-02-22', method: 'calendar_weeks' });
  });

  it('moves 364 days back when the previous school year is not in the calendar', () => {
    expect(calendar.sameSchoolPeriodLastYear('2023-11-06', '2023-11-12', 'A')).toEqual({ from: '2022-11-07', to: '2022-11-13', method: 'calendar_weeks' });
  });

  it('maps a range spanning a holiday bound by bound', () => {
    // School week 6 (Monday) → school week 7 (Friday), Toussaint between them in both years.
    expect(calendar.sameSchoolPeriodLastYear('2026-10-12', '2026-11-06', 'A')).toEqual({ from: '2025-10-13', to: '2025-11-07', method: 'school_weeks' });
  });

  it('widens to whole weeks when the holiday sits elsewhere the year before, keeping from ≤ to', () => {
    // Zone A 2026-2027: school week 19 then the first winter week. In 2025-2026 school week 19
    // comes after the winter holidays: the period covers winter (both weeks) and school week 19.
    expect(calendar.sameSchoolPeriodLastYear('2027-02-08', '2027-02-21', 'A')).toEqual({ from: '2026-02-09', to: '2026-03-01', method: 'school_weeks' });
  });

  it('always returns from ≤ to', () => {
    const start = Date.UTC(2026, 7, 24);
    for (const zone of ['A', 'B', 'C', null] as const) {
      for (let d = 0; d < 371; d += 3) {
        for (const length of [0, 1, 6, 13, 20, 41, 90]) {
          const from = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
          const to = new Date(start + (d + length) * 86_400_000).toISOString().slice(0, 10);
          const r = calendar.sameSchoolPeriodLastYear(from, to, zone);
          if (r.from > r.to) throw new Error(`${from} → ${to} zone ${zone}: ${JSON.stringify(r)}`);
        }
      }
    }
  });

  describe('with a previous year that differs', () => {
    const c = parseSchoolCalendar(
      [
        LABELS,
        'Vacances de Noël;-;2023-12-23;2024-01-08;Lyon;Zone A;2023-2024',
        "Vacances d'Été;Élèves;2024-07-06;2024-09-02;Lyon;Zone A;2023-2024",
        'Vacances de la Toussaint;-;2024-10-19;2024-11-04;Lyon;Zone A;2024-2025',
        'Vacances de Noël;-;2024-12-14;2025-01-06;Lyon;Zone A;2024-2025',
        "Début des Vacances d'Été;-;2025-07-05;2025-07-05;Lyon;Zone A;2024-2025",
      ].join('\n'),
    );

    it('clamps to the last week of a shorter holiday', () => {
      // Third week of a three-week Christmas → second (last) week of the two-week one.
      expect(c.schoolWeekOf('2024-12-30', 'A')).toMatchObject({ kind: 'holiday', index: 2, holiday: 'Vacances de Noël' });
      expect(c.sameSchoolPeriodLastYear('2024-12-30', '2025-01-05', 'A')).toEqual({ from: '2024-01-01', to: '2024-01-07', method: 'school_weeks' });
    });

    it('moves 364 days back when the holiday did not exist the year before', () => {
      expect(c.sameSchoolPeriodLastYear('2024-10-21', '2024-10-25', 'A')).toEqual({ from: '2023-10-23', to: '2023-10-27', method: 'calendar_weeks' });
    });
  });

  it('refuses a reversed or malformed range', () => {
    expect(() => calendar.sameSchoolPeriodLastYear('2026-11-15', '2026-11-09', 'A')).toThrow('from (2026-11-15) is after to (2026-11-09)');
    expect(() => calendar.sameSchoolPeriodLastYear('2026-11-09', 'soon', 'A')).toThrow('to must be a calendar day written YYYY-MM-DD, got "soon"');
  });
});
