import type { DataSource } from 'typeorm';
import { RELATIONAL_TARGETS } from '../../../../test/support/test-stores';
import { openRelationalStore } from '../../database/relational-data-source';
import { ScopeService } from '../../scope/scope.service';
import { NATIONAL_SCOPE } from '../../scope/territorial-scope';
import { fixture, openCatalogTestStore } from '../catalog-test-support';
import { EstablishmentEntity } from '../entities/establishment.entity';
import { SchoolHolidayEntity } from '../entities/school-holiday.entity';
import type { CatalogImportKind } from './import-kind';
import { runCatalogImport } from './run-catalog-import';

jest.setTimeout(60_000);

/** Two imports of one file at once, as two API processes (two connection pools) would run them. */
describe.each(RELATIONAL_TARGETS)('concurrent imports of the same keys on $name', (target) => {
  let first: DataSource;
  let second: DataSource;
  let close: () => Promise<void>;
  const run = (dataSource: DataSource, kind: CatalogImportKind, text: string) =>
    runCatalogImport(dataSource, kind, text, { scope: NATIONAL_SCOPE, scopeService: new ScopeService(dataSource) });

  beforeAll(async () => {
    ({ dataSource: first, close } = await openCatalogTestStore(target));
    // SQLite: one store per process, the same DataSource (its single connection takes one transaction at a time).
    second = first.options.type === 'postgres' ? await openRelationalStore({ type: 'postgres', url: String(first.options.url) }) : first;
  });
  afterAll(async () => {
    if (second !== first) await second.destroy();
    await close?.();
  });

  it.each([
    ['annuaire', 'fr-en-annuaire-education.sample.csv', 9],
    ['calendar', 'fr-en-calendrier-scolaire.sample.csv', 10],
  ] as const)('both imports of the %s sample succeed, one creating what the other finds unchanged', async (kind, file, lines) => {
    const text = fixture(file);
    const reports = await Promise.all([run(first, kind, text), run(second, kind, text)]);
    const summaries = reports.map((r) => r.summary).sort((a, b) => b.created - a.created);
    expect(summaries).toEqual([
      { created: lines, updated: 0, unchanged: 0, rejected: 0 },
      { created: 0, updated: 0, unchanged: lines, rejected: 0 },
    ]);
    const entity = kind === 'annuaire' ? EstablishmentEntity : SchoolHolidayEntity;
    expect(await first.getRepository(entity).count()).toBe(lines);
    expect((await run(first, kind, text)).summary).toEqual({ created: 0, updated: 0, unchanged: lines, rejected: 0 });
  });

  it('both imports of a 3,000-line calendar succeed (the inserts of one wait for the other, then find its rows)', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `Vacances de la Toussaint;-;2030-10-19T00:00:00+02:00;2030-11-04T00:00:00+01:00;Académie ${i};Zone A;2030-2031`);
    const text = ['description;population;start_date;end_date;location;zones;annee_scolaire', ...rows].join('\n');
    const reports = await Promise.all([run(first, 'calendar', text), run(second, 'calendar', text)]);
    expect(reports.map((r) => r.summary.created + r.summary.unchanged)).toEqual([3000, 3000]);
    expect(reports.map((r) => r.summary.created).reduce((a, b) => a + b)).toBe(3000);
    expect(await first.getRepository(SchoolHolidayEntity).countBy({ schoolYear: '2030-2031' })).toBe(3000);
  });
});
