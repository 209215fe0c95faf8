import type { DataSource } from 'typeorm';
import { RELATIONAL_TARGETS } from '../../../../../test/support/test-stores';
import { StoredSchoolCalendar } from '../../../analytics/calendar/stored-school-calendar';
import type { ScopeService } from '../../../scope/scope.service';
import { NATIONAL_SCOPE, scopeOfTerritories } from '../../../scope/territorial-scope';
import { fixture, openCatalogTestStore } from '../../catalog-test-support';
import { SchoolHolidayEntity } from '../../entities/school-holiday.entity';
import { runCatalogImport } from '../run-catalog-import';

jest.setTimeout(30_000);

const HEADER = 'description;population;start_date;end_date;location;zones;annee_scolaire';

describe.each(RELATIONAL_TARGETS)('school calendar import on $name', (target) => {
  let dataSource: DataSource;
  let scopeService: ScopeService;
  let close: () => Promise<void>;
  const run = (text: string, dryRun = false) => runCatalogImport(dataSource, 'calendar', text, { dryRun, scope: NATIONAL_SCOPE, scopeService });
  const revision = async () => Number(((await dataSource.query('SELECT revision FROM catalog_revision WHERE id = 1')) as { revision: string }[])[0].revision);

  beforeAll(async () => {
    ({ dataSource, scopeService, close } = await openCatalogTestStore(target));
  });
  afterAll(async () => close?.());

  it('imports both real samples (field names and labels), dry run first, then finds them unchanged', async () => {
    const sample = fixture('fr-en-calendrier-scolaire.sample.csv');
    expect((await run(sample, true)).summary).toEqual({ created: 10, updated: 0, unchanged: 0, rejected: 0 });
    expect(await dataSource.getRepository(SchoolHolidayEntity).count()).toBe(0);
    expect((await run(sample)).summary).toEqual({ created: 10, updated: 0, unchanged: 0, rejected: 0 });
    expect((await run(sample)).summary).toEqual({ created: 0, updated: 0, unchanged: 10, rejected: 0 });
    const labels = fixture('fr-en-calendrier-scolaire.labels.sample.csv');
    expect((await run(labels)).summary).toEqual({ created: 4, updated: 0, unchanged: 0, rejected: 0 });
    expect((await run(labels)).summary).toEqual({ created: 0, updated: 0, unchanged: 4, rejected: 0 });

    const repository = dataSource.getRepository(SchoolHolidayEntity);
    expect(await repository.findOneByOrFail({ zone: 'Zone A', location: 'Lyon', schoolYear: '2025-2026', description: "Vacances d'Hiver" })).toEqual({
      zone: 'Zone A',
      location: 'Lyon',
      population: '-',
      schoolYear: '2025-2026',
      description: "Vacances d'Hiver",
      startOn: '2026-02-07',
      endOn: '2026-02-23',
    });
    // The southern-hemisphere school year is one calendar year.
    expect(await repository.findOneByOrFail({ zone: 'Nouvelle Calédonie' })).toMatchObject({ schoolYear: '2018', population: 'Enseignants', startOn: '2018-12-15', endOn: '2019-02-15' });
    expect(await repository.findOneByOrFail({ zone: 'Zone C', description: "Début des Vacances d'Été" })).toMatchObject({ startOn: '2026-07-04', endOn: '2026-07-04' });
  });

  it('updates a row the portal revised, and bumps the catalog revision', async () => {
    const before = await revision();
    const revised = `${HEADER}\nPont de l'Ascension;-;2026-05-14T00:00:00+02:00;2026-05-18T00:00:00+02:00;Paris;Zone C;2025-2026\n`;
    expect((await run(revised)).summary).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
    expect(await revision()).toBeGreaterThan(before);
    expect(await dataSource.getRepository(SchoolHolidayEntity).findOneByOrFail({ location: 'Paris', description: "Pont de l'Ascension" })).toMatchObject({
      startOn: '2026-05-14',
      endOn: '2026-05-18',
    });
    const unchanged = await revision();
    expect((await run(revised)).summary).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: 0 });
    expect(await revision()).toBe(unchanged);
  });

  it('refuses bad lines with their line, column and reason, and imports the good ones', async () => {
    const text = [
      'Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire',
      'Vacances de Noël;-;2026-12-19T00:00:00+01:00;2027-01-04T00:00:00+01:00;Besançon;Zone A;2026-2027',
      'Vacances de Noël;-;2026-12-19T00:00:00+01:00;2027-01-04T00:00:00+01:00;Lille;Zone B;2026-2028',
      'Vacances de Noël;-;19/12/2026;2027-01-04T00:00:00+01:00;Paris;Zone C;2026-2027',
      "Vacances d'Hiver;-;2027-02-20T00:00:00+01:00;2027-02-08T00:00:00+01:00;Besançon;Zone A;2026-2027",
      ';-;2027-02-20T00:00:00+01:00;2027-03-08T00:00:00+01:00;Besançon;;2026-2027',
      'Vacances de Noël;-;2026-12-19T00:00:00+01:00;2027-01-04T00:00:00+01:00;Besançon;Zone A;2026-2027',
    ].join('\r\n');
    const report = await run(text);
    expect(report.summary).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 5 });
    expect(report.rejections).toEqual([
      { line: 3, column: 'annee_scolaire', reason: '"2026-2028" is not a school year such as 2025-2026 (or one year, 2018, for the southern hemisphere)' },
      { line: 4, column: 'Date de début', reason: '"19/12/2026" is not a date such as 2025-10-18T00:00:00+02:00' },
      { line: 5, column: 'Date de fin', reason: 'the holiday ends before it starts' },
      { line: 6, column: 'Description', reason: 'the description is empty' },
      { line: 6, column: 'Zones', reason: 'the zone is empty' },
      { line: 7, column: 'Description', reason: 'duplicate of line 2 (same zones, location, population, annee_scolaire and description)' },
    ]);
  });

  it('is national: a caller with a territorial scope has every line refused', async () => {
    const report = await runCatalogImport(dataSource, 'calendar', fixture('fr-en-calendrier-scolaire.sample.csv'), {
      scope: scopeOfTerritories([{ level: 'departement', code: '70' }]),
      scopeService,
    });
    expect(report.summary).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: 10 });
    expect(report.rejections[0]).toEqual({ line: 2, column: 'zones', reason: 'the school calendar is national: only an administrator with the national scope imports it' });
  });
});

describe.each(RELATIONAL_TARGETS)('the analytics calendar read from the store on $name', (target) => {
  let dataSource: DataSource;
  let scopeService: ScopeService;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource, scopeService, close } = await openCatalogTestStore(target));
  });
  afterAll(async () => close?.());

  it('is seeded from the bundled file once, and answers from the calendar imported last', async () => {
    const calendar = new StoredSchoolCalendar(dataSource);
    expect((await calendar.current()).coveredSchoolYears()).toEqual([]);
    const seeded = await calendar.seedIfEmpty();
    expect(seeded?.summary).toEqual({ created: 78, updated: 0, unchanged: 0, rejected: 0 });
    expect(await calendar.seedIfEmpty()).toBeNull();
    expect((await calendar.current()).coveredSchoolYears()).toEqual(['2023-2024', '2024-2025', '2025-2026', '2026-2027']);
    expect(await calendar.sameSchoolPeriodLastYear('2026-11-09', '2026-11-15', 'A')).toEqual({ from: '2025-11-10', to: '2025-11-16', method: 'school_weeks' });

    // Next year's file moves zone A's Toussaint 2025 (one week instead of two): week 8 of 2025-2026 is a week earlier.
    const moved = `${HEADER}\nVacances de la Toussaint;-;2025-10-18T00:00:00+02:00;2025-10-27T00:00:00+01:00;Besançon;Zone A;2025-2026\n`;
    const report = await runCatalogImport(dataSource, 'calendar', moved, { scope: NATIONAL_SCOPE, scopeService });
    expect(report.summary).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
    expect(await calendar.sameSchoolPeriodLastYear('2026-11-09', '2026-11-15', 'A')).toEqual({ from: '2025-11-03', to: '2025-11-09', method: 'school_weeks' });
  });
});
