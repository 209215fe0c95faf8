import type { DataSource } from 'typeorm';
import { RELATIONAL_TARGETS } from '../../../../test/support/test-stores';
import type { ScopeService } from '../../scope/scope.service';
import { NATIONAL_SCOPE } from '../../scope/territorial-scope';
import { fixture, openCatalogTestStore } from '../catalog-test-support';
import { loadDemoCatalog } from '../demo/load-demo-catalog';
import { EnrolmentEntity } from '../entities/enrolment.entity';
import type { CatalogImportKind } from './import-kind';
import { runCatalogImport } from './run-catalog-import';

// Real stores (PostgreSQL databases, an embedded ClickHouse) take seconds to create on a busy machine.
jest.setTimeout(30_000);

/** The sample files documented in api/src/catalog/README.md, imported over the demo catalog. */
describe.each(RELATIONAL_TARGETS)('documented sample files on $name', (target) => {
  let dataSource: DataSource;
  let scopeService: ScopeService;
  let close: () => Promise<void>;
  const run = (kind: CatalogImportKind, file: string) => runCatalogImport(dataSource, kind, fixture(file), { scope: NATIONAL_SCOPE, scopeService });

  beforeAll(async () => {
    ({ dataSource, scopeService, close } = await openCatalogTestStore(target));
    await loadDemoCatalog(dataSource, new Date('2026-11-23T10:00:00Z'));
  });
  afterAll(async () => close?.());

  it.each([
    ['enrolments', 'catalog-enrolments.sample.csv', { created: 0, updated: 3, unchanged: 0, rejected: 0 }],
    ['deployment', 'catalog-deployment.sample.csv', { created: 0, updated: 4, unchanged: 0, rejected: 0 }],
    ['goals', 'catalog-goals.sample.csv', { created: 1, updated: 2, unchanged: 0, rejected: 0 }],
    ['budgets', 'catalog-budgets.sample.csv', { created: 3, updated: 0, unchanged: 0, rejected: 0 }],
    ['ips', 'fr-en-ips-colleges-ap2022.sample.csv', { created: 9, updated: 0, unchanged: 0, rejected: 1 }],
  ] as const)('imports the %s sample %s without a rejected line of its own, then finds it unchanged', async (kind, file, expected) => {
    const first = await run(kind, file);
    expect(first.summary).toEqual(expected);
    const again = await run(kind, file);
    expect(again.summary).toEqual({ created: 0, updated: 0, unchanged: expected.created + expected.updated + expected.unchanged, rejected: expected.rejected });
  });

  it('reads the pupils of the ministry enrolment datasets (two collège layouts, écoles), keeping the other counts', async () => {
    const annuaire = await run('annuaire', 'fr-en-annuaire-education.2023-06.sample.csv');
    expect(annuaire.summary).toEqual({ created: 5, updated: 0, unchanged: 0, rejected: 0 });
    const older = await run('effectifs', 'fr-en-college-effectifs-niveau-sexe-lv.2019-2021.sample.csv');
    expect(older.summary).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 4 });
    expect(await dataSource.getRepository(EnrolmentEntity).findOneByOrFail({ uai: '0350734H' })).toMatchObject({ schoolYear: '2019-2020', pupils: 461, families: null });
    const current = await run('effectifs', 'fr-en-college-effectifs-niveau-sexe-lv.sample.csv');
    expect(current.summary.rejected).toBe(5);
    expect(current.rejections[0]).toEqual({ line: 2, column: 'UAI', reason: 'unknown establishment 0352691K: import it with the annuaire first' });
    const ecoles = await run('effectifs', 'fr-en-ecoles-effectifs-nb_classes.sample.csv');
    expect(ecoles.rejections[0].column).toBe("Numéro de l'école");

    const pupilsOnly = await runCatalogImport(dataSource, 'effectifs', "Rentrée scolaire;UAI;Nombre d'élèves total\n2025;0700004Z;330\n", { scope: NATIONAL_SCOPE, scopeService });
    expect(pupilsOnly.summary).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
    expect(await dataSource.getRepository(EnrolmentEntity).findOneByOrFail({ uai: '0700004Z', schoolYear: '2025-2026' })).toMatchObject({ pupils: 330, families: 268, accountsOpenedParent: 429 });
  });
});
