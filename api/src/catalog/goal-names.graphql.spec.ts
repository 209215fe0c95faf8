import type { DataSource } from 'typeorm';
import { RELATIONAL_TARGETS } from '../../../test/support/test-stores';
import type { TerritoryRef } from '../scope/territorial-scope';
import { startCatalogTestApp, type GraphQLResult } from './catalog-graphql-test-app';
import { loadDemoCatalog } from './demo/load-demo-catalog';
import { GoalEntity } from './entities/goal.entity';

jest.setTimeout(30_000);

const HAUTE_LOIRE: TerritoryRef[] = [{ level: 'departement', code: '43' }];
const GOAL = { name: 'Objectif familles 2027', indicator: 'family_uptake', scopeLevel: 'departement', target: 50, startOn: '2026-09-01', deadline: '2027-06-30' };
const CREATE = 'mutation($i: GoalInput!) { createGoal(input: $i) { id name scopeCodes } }';
const UPDATE = 'mutation($id: Int!, $i: GoalInput!) { updateGoal(id: $id, input: $i) { id name } }';

describe.each(RELATIONAL_TARGETS)('goal names are unique per territory, on $name', (target) => {
  let gql: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, scope?: TerritoryRef[]) => Promise<GraphQLResult<T>>;
  let dataSource: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ gql, dataSource, close } = await startCatalogTestApp(target));
    await loadDemoCatalog(dataSource, new Date('2026-11-23T10:00:00Z'));
    const hauteSaone = await gql(CREATE, { i: { ...GOAL, scopeCodes: ['70'] } });
    expect(hauteSaone.errors).toBeUndefined();
  });
  afterAll(async () => close?.());

  it('lets another territory use a name taken elsewhere, which it therefore cannot learn', async () => {
    const created = await gql<{ createGoal: { name: string; scopeCodes: string[] } }>(CREATE, { i: { ...GOAL, scopeCodes: ['43'] } }, HAUTE_LOIRE);
    expect(created.errors).toBeUndefined();
    expect(created.data?.createGoal).toMatchObject({ name: 'Objectif familles 2027', scopeCodes: ['43'] });
  });

  it('refuses a second goal of the same name in the same territory, on creation and on update', async () => {
    const again = await gql(CREATE, { i: { ...GOAL, scopeCodes: ['043'] } }, HAUTE_LOIRE);
    expect(again.errors?.[0]).toMatchObject({ message: 'a goal named "Objectif familles 2027" already exists for this territory', extensions: { code: 'CONFLICT', field: 'name' } });
    const other = await gql<{ createGoal: { id: number } }>(CREATE, { i: { ...GOAL, name: 'Autre objectif', scopeCodes: ['43'] } }, HAUTE_LOIRE);
    const renamed = await gql(UPDATE, { id: other.data?.createGoal.id, i: { ...GOAL, scopeCodes: ['43'] } }, HAUTE_LOIRE);
    expect(renamed.errors?.[0]).toMatchObject({ message: 'a goal named "Objectif familles 2027" already exists for this territory', extensions: { code: 'CONFLICT', field: 'name' } });
    // Keeping its own name is no conflict.
    const same = await gql(UPDATE, { id: other.data?.createGoal.id, i: { ...GOAL, name: 'Autre objectif', scopeCodes: ['43'], target: 55 } }, HAUTE_LOIRE);
    expect(same.errors).toBeUndefined();
  });

  it('is enforced by the store itself, which still counts catalog revisions of goals', async () => {
    const revision = async () => Number(((await dataSource.query('SELECT revision FROM catalog_revision WHERE id = 1')) as { revision: number | string }[])[0].revision);
    const repository = dataSource.getRepository(GoalEntity);
    const row = { ...GOAL, profile: null, aggregation: 'territory' as const, scopeLevel: 'departement' as const };
    await expect(repository.insert({ ...row, scopeCodes: ['43'] })).rejects.toThrow(/UNIQUE|unique/);
    const before = await revision();
    await repository.insert({ ...row, scopeCodes: ['73'] });
    expect(await revision()).toBeGreaterThan(before);
    expect((await repository.findBy({ name: GOAL.name })).map((g) => g.scopeCodes.join(',')).sort()).toEqual(['43', '70', '73']);
  });
});
