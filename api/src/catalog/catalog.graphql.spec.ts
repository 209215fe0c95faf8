import type { DataSource } from 'typeorm';
import { RELATIONAL_TARGETS } from '../../../test/support/test-stores';
import { startCatalogTestApp, type GraphQLResult } from './catalog-graphql-test-app';
import { fixture } from './catalog-test-support';
import { loadDemoCatalog } from './demo/load-demo-catalog';
import type { TerritoryRef } from '../scope/territorial-scope';

// Real stores (PostgreSQL databases, an embedded ClickHouse) take seconds to create on a busy machine.
jest.setTimeout(30_000);

const TODAY = new Date('2026-11-23T10:00:00Z');

describe.each(RELATIONAL_TARGETS)('catalog GraphQL API on $name', (target) => {
  let gql: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, scope?: TerritoryRef[]) => Promise<GraphQLResult<T>>;
  let dataSource: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ gql, dataSource, close } = await startCatalogTestApp(target));
    await loadDemoCatalog(dataSource, TODAY);
  });
  afterAll(async () => close?.());

  it('answers the territory tree from any node, with the holiday zone of académies', async () => {
    const national = await gql<{ territoryTree: { children: { code: string }[] } }>('{ territoryTree { level code children { code } } }');
    expect(national.errors).toBeUndefined();
    expect(national.data?.territoryTree.children.map((c) => c.code)).toContain('27');

    const res = await gql('query($root: TerritoryRefInput) { territoryTree(root: $root, depth: 2) { level code name holidayZone children { level code name children { level code name } } } }', {
      root: { level: 'academie', code: '03' },
    });
    expect(res.errors).toBeUndefined();
    const academie = (res.data as { territoryTree: { name: string; holidayZone: string; children: { code: string; children: { code: string; name: string }[] }[] } }).territoryTree;
    expect([academie.name, academie.holidayZone]).toEqual(['Besançon', 'A']);
    expect(academie.children.map((d) => d.code)).toEqual(['25', '39', '70', '90']);
    const hauteSaone = academie.children.find((d) => d.code === '70');
    expect(hauteSaone?.children.slice(0, 3)).toEqual([
      { level: 'commune', code: '70120', name: 'Champagney' },
      { level: 'commune', code: '70122', name: 'Champlitte' },
      { level: 'commune', code: '70198', name: 'Dampierre-sur-Salon' },
    ]);

    const commune = await gql('{ territoryTree(root: { level: "commune", code: "70279" }) { name children { level code name } } }');
    expect(commune.data).toEqual({
      territoryTree: {
        name: 'Gray',
        children: [
          { level: 'etablissement', code: '0702102E', name: "Collège Romé de l'Isle" },
          { level: 'etablissement', code: '0702113S', name: 'Collège Delaunay' },
        ],
      },
    });
  });

  it('pages through establishments with a cursor and filters them', async () => {
    const query = 'query($f: EstablishmentFilterInput, $after: String) { establishments(filter: $f, first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { uai departementCode deployment { status openedOn } ips { schoolYear ips } } } } }';
    type Page = { establishments: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { uai: string; ips: { ips: number }[]; deployment: { status: string } } }[] } };
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await gql<Page>(query, { f: { territory: { level: 'departement', code: '070' } }, after });
      expect(page.errors).toBeUndefined();
      expect(page.data?.establishments.totalCount).toBe(26);
      seen.push(...(page.data?.establishments.edges.map((e) => e.node.uai) ?? []));
      if (!page.data?.establishments.pageInfo.hasNextPage) break;
      after = page.data.establishments.pageInfo.endCursor;
    }
    expect(seen.length).toBe(26);
    expect([...seen].sort()).toEqual(seen);

    const rep = await gql<Page>(query, { f: { educationPrioritaire: 'REP+' } });
    expect(rep.data?.establishments.edges.map((e) => e.node.uai)).toEqual(['0732102N']);
    const pilots = await gql<Page>(query, { f: { deploymentStatus: 'pilot' } });
    expect(pilots.data?.establishments.edges.map((e) => [e.node.uai, e.node.deployment.status, e.node.ips[0].ips])).toEqual([
      ['0702101D', 'pilot', 97.5],
      ['0702102E', 'pilot', 99.1],
    ]);
  });

  it('reads one establishment, and answers NOT_FOUND or BAD_USER_INPUT with the field', async () => {
    const ok = await gql('{ establishment(uai: "0700785y") { uai name communeName academieCode regionCode latitude longitude rural sector type } }');
    expect(ok.data).toEqual({
      establishment: { uai: '0700785Y', name: 'Collège Jean Macé', communeName: 'Vesoul', academieCode: '03', regionCode: '27', latitude: 47.622, longitude: 6.155, rural: false, sector: 'public', type: 'college' },
    });
    const missing = await gql('{ establishment(uai: "0700001W") { uai } }');
    expect(missing.errors?.[0]).toMatchObject({ message: 'establishment 0700001W does not exist', extensions: { code: 'NOT_FOUND' } });
    const bad = await gql('{ establishment(uai: "0700001B") { uai } }');
    expect(bad.errors?.[0]).toMatchObject({ message: 'uai: the key letter of 0700001 is W, not B', extensions: { code: 'BAD_USER_INPUT', field: 'uai' } });
    const badFilter = await gql('{ establishments(filter: { sector: "public-ish" }) { totalCount } }');
    expect(badFilter.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sector' });
  });

  it('lists enrolments with accounts per profile, and the deployment calendar', async () => {
    const res = await gql<{ enrolments: { uai: string; pupils: number; families: number; accounts: { profile: string; opened: number; activated: number }[] }[] }>(
      '{ enrolments(filter: { schoolYear: "2026-2027", territory: { level: "commune", code: "70467" } }) { uai pupils families teachers staff accounts { profile opened activated } } }',
    );
    expect(res.data?.enrolments).toEqual([
      {
        uai: '0702101D',
        pupils: 420,
        families: 344,
        teachers: 32,
        staff: 19,
        accounts: [
          { profile: 'eleve', opened: 420, activated: 328 },
          { profile: 'parent', opened: 550, activated: 303 },
          { profile: 'enseignant', opened: 32, activated: 30 },
          { profile: 'admin_vie_scol_tech', opened: 19, activated: 17 },
        ],
      },
    ]);
    const calendar = await gql<{ deployments: { uai: string }[] }>('{ deployments(filter: { territory: { level: "departement", code: "70" }, status: "pilot" }) { uai status openedOn wave } }');
    expect(calendar.data?.deployments).toEqual([
      { uai: '0702101D', status: 'pilot', openedOn: '2024-09-01', wave: 'Pilotes 2024' },
      { uai: '0702102E', status: 'pilot', openedOn: '2024-09-01', wave: 'Pilotes 2024' },
    ]);
  });

  it('sets a deployment entry, refusing a missing opening date with the field', async () => {
    const set = await gql('mutation { setDeployment(input: { uai: "0702122B", status: "open", openedOn: "2026-09-07", wave: "Généralisation 2026" }) { uai status openedOn wave } }');
    expect(set.data).toEqual({ setDeployment: { uai: '0702122B', status: 'open', openedOn: '2026-09-07', wave: 'Généralisation 2026' } });
    const bad = await gql('mutation { setDeployment(input: { uai: "0702122B", status: "open" }) { uai } }');
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'openedOn' } });
  });

  it('creates, updates and deletes a goal, with typed errors for bad indicators and duplicate names', async () => {
    const input = { name: 'Usage régulier des enseignants de Haute-Saône', indicator: 'regular_use_rate', profile: 'enseignant', scopeLevel: 'departement', scopeCodes: ['070'], target: 40, startOn: '2026-09-01', deadline: '2027-06-30' };
    const created = await gql<{ createGoal: { id: number; scopeCodes: string[]; aggregation: string } }>('mutation($i: GoalInput!) { createGoal(input: $i) { id name scopeCodes aggregation target } }', { i: input });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createGoal).toMatchObject({ scopeCodes: ['70'], aggregation: 'territory' });
    const id = created.data?.createGoal.id;

    const duplicate = await gql('mutation($i: GoalInput!) { createGoal(input: $i) { id } }', { i: input });
    expect(duplicate.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'name' } });
    const unknown = await gql('mutation($i: GoalInput!) { createGoal(input: $i) { id } }', { i: { ...input, name: 'x', indicator: 'happiness' } });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'indicator' });
    const noTerritory = await gql('mutation($i: GoalInput!) { createGoal(input: $i) { id } }', { i: { ...input, name: 'y', scopeCodes: ['99'] } });
    expect(noTerritory.errors?.[0]).toMatchObject({ message: 'scopeCodes: unknown departement 99', extensions: { code: 'BAD_USER_INPUT', field: 'scopeCodes' } });

    const updated = await gql('mutation($id: Int!, $i: GoalInput!) { updateGoal(id: $id, input: $i) { target } }', { id, i: { ...input, target: 45 } });
    expect(updated.data).toEqual({ updateGoal: { target: 45 } });
    const goals = await gql<{ goals: { name: string }[] }>('{ goals(territory: { level: "departement", code: "70" }) { name target } }');
    expect(goals.data?.goals.map((g) => g.name)).toEqual(['Adhésion des familles ≥ 50 % dans chaque collège de Haute-Saône', 'Usage régulier des enseignants de Haute-Saône']);
    expect((await gql('mutation($id: Int!) { deleteGoal(id: $id) }', { id })).data).toEqual({ deleteGoal: true });
    expect((await gql('mutation($id: Int!) { deleteGoal(id: $id) }', { id })).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('sets budgets per territory, school year and label', async () => {
    const set = await gql('mutation { setBudget(input: { territoryLevel: "departement", territoryCode: "43", schoolYear: "2026-2027", label: "training", amount: 12500.5 }) { territoryCode amount label } }');
    expect(set.data).toEqual({ setBudget: { territoryCode: '43', amount: 12500.5, label: 'training' } });
    const again = await gql('mutation { setBudget(input: { territoryLevel: "departement", territoryCode: "043", schoolYear: "2026-2027", label: "training", amount: 13000 }) { id amount } }');
    expect(again.data).toMatchObject({ setBudget: { amount: 13000 } });
    const list = await gql<{ budgets: { amount: number }[] }>('{ budgets(filter: { territory: { level: "departement", code: "43" } }) { territoryCode schoolYear label amount } }');
    expect(list.data?.budgets).toEqual([{ territoryCode: '43', schoolYear: '2026-2027', label: 'training', amount: 13000 }]);
    const bad = await gql('mutation { setBudget(input: { territoryLevel: "departement", territoryCode: "43", schoolYear: "2026-27", label: "training", amount: 1 }) { id } }');
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'schoolYear' } });
    const hauteSaone = await gql<{ budgets: { amount: number }[] }>('{ budgets(filter: { territory: { level: "departement", code: "70" } }) { amount } }');
    expect(hauteSaone.data?.budgets.reduce((s, b) => s + b.amount, 0)).toBe(500000);
  });

  it('imports a file through the mutation: dry run, report line by line, and an unusable file as one typed error', async () => {
    const mutation = 'mutation($i: CatalogImportInput!) { importCatalog(input: $i) { kind dryRun summary { created updated unchanged rejected } rejections { line column reason } } }';
    const content = fixture('fr-en-ips-lycees-ap2022.sample.csv');
    const dry = await gql('mutation($i: CatalogImportInput!) { importCatalog(input: $i) { dryRun summary { created rejected } rejections { line column reason } } }', { i: { kind: 'ips', content, dryRun: true } });
    expect(dry.data).toEqual({
      importCatalog: {
        dryRun: true,
        summary: { created: 0, rejected: 4 },
        rejections: [
          { line: 2, column: 'uai', reason: 'unknown establishment 0700905D: import it with the annuaire first' },
          { line: 3, column: 'uai', reason: 'unknown establishment 0701078S: import it with the annuaire first' },
          { line: 4, column: 'uai', reason: 'unknown establishment 0701001H: import it with the annuaire first' },
          { line: 5, column: 'uai', reason: 'unknown establishment 0701052N: import it with the annuaire first' },
        ],
      },
    });
    const annuaire = await gql(mutation, { i: { kind: 'annuaire', content: fixture('fr-en-annuaire-education.sample.csv') } });
    expect(annuaire.data).toEqual({ importCatalog: { kind: 'annuaire', dryRun: false, summary: { created: 9, updated: 0, unchanged: 0, rejected: 0 }, rejections: [] } });
    const unusable = await gql(mutation, { i: { kind: 'annuaire', content: fixture('fr-en-annuaire-education.excel-resaved.sample.csv') } });
    expect(unusable.errors?.[0].extensions).toEqual({ code: 'UNUSABLE_FILE' });
    expect(unusable.errors?.[0].message).toMatch(/^This annuaire file was damaged by a spreadsheet/);
    const badKind = await gql(mutation, { i: { kind: 'pupils', content: 'a;b' } });
    expect(badKind.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
  });

  it('imports the school calendar through the mutation for a national caller, and refuses it line by line to a territorial one', async () => {
    const mutation = 'mutation($i: CatalogImportInput!) { importCatalog(input: $i) { kind summary { created updated unchanged rejected } rejections { line column reason } } }';
    const content = fixture('fr-en-calendrier-scolaire.labels.sample.csv');
    const local = await gql(mutation, { i: { kind: 'calendar', content } }, [{ level: 'departement', code: '70' }]);
    expect(local.data).toMatchObject({ importCatalog: { kind: 'calendar', summary: { created: 0, updated: 0, unchanged: 0, rejected: 4 } } });
    const national = await gql(mutation, { i: { kind: 'calendar', content } });
    expect(national.data).toEqual({ importCatalog: { kind: 'calendar', summary: { created: 4, updated: 0, unchanged: 0, rejected: 0 }, rejections: [] } });
  });
});
