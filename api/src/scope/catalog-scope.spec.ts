import { buildSchema, printSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { RELATIONAL_TARGETS } from '../../../test/support/test-stores';
import { startCatalogTestApp, type GraphQLResult } from '../catalog/catalog-graphql-test-app';
import { loadDemoCatalog } from '../catalog/demo/load-demo-catalog';
import { DeploymentEntity } from '../catalog/entities/deployment.entity';
import { GoalEntity } from '../catalog/entities/goal.entity';
import { BudgetEntity } from '../catalog/entities/budget.entity';
import type { TerritoryRef } from './territorial-scope';
import { REACH_HAUTE_SAONE } from './reach-haute-saone.cases';
import { GraphQLSchemaHost } from '@nestjs/graphql';

// Real stores (PostgreSQL databases, an embedded ClickHouse) take seconds to create on a busy machine.
jest.setTimeout(30_000);

const HAUTE_LOIRE: TerritoryRef[] = [{ level: 'departement', code: '43' }];

describe.each(RELATIONAL_TARGETS)('territorial scope of the catalog on $name', (target) => {
  let gql: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, scope?: TerritoryRef[]) => Promise<GraphQLResult<T>>;
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let schemaFields: { query: string[]; mutation: string[] };

  beforeAll(async () => {
    const started = await startCatalogTestApp(target);
    ({ gql, dataSource, close } = started);
    await loadDemoCatalog(dataSource, new Date('2026-11-23T10:00:00Z'));
    const schema = buildSchema(printSchema(started.app.get(GraphQLSchemaHost).schema));
    schemaFields = { query: Object.keys(schema.getQueryType()?.getFields() ?? {}), mutation: Object.keys(schema.getMutationType()?.getFields() ?? {}) };
  });
  afterAll(async () => close?.());

  it('has a scope case for every catalog query and mutation', () => {
    expect([...schemaFields.query, ...schemaFields.mutation].sort()).toEqual(Object.keys(REACH_HAUTE_SAONE).sort());
  });

  it.each(Object.entries(REACH_HAUTE_SAONE).flatMap(([field, cases]) => cases.map((c, i) => [`${field} #${i + 1}`, c] as const)))(
    'a Haute-Loire caller reaching Haute-Saône through %s gets FORBIDDEN and no data',
    async (_name, { query, variables }) => {
      const res = await gql(query, variables, HAUTE_LOIRE);
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(res.errors?.[0].message).toBe('not found within your territorial scope (département 43)');
      expect(res.data ?? null).toBeNull();
    },
  );

  it('leaves Haute-Saône data unchanged after the attempts', async () => {
    expect(await dataSource.getRepository(DeploymentEntity).findOneByOrFail({ uai: '0700785Y' })).toMatchObject({ status: 'open' });
    expect(await dataSource.getRepository(GoalEntity).countBy({ name: 'Intrus' })).toBe(0);
    expect(await dataSource.getRepository(GoalEntity).findOneByOrFail({ id: 1 })).toMatchObject({ scopeCodes: ['70'] });
    expect(await dataSource.getRepository(BudgetEntity).countBy({ territoryCode: '70', label: 'other' })).toBe(0);
    expect(await dataSource.getRepository(BudgetEntity).findOneByOrFail({ id: 1 })).toMatchObject({ territoryCode: '70' });
  });

  it('shows a Haute-Loire caller only Haute-Loire in unfiltered lists', async () => {
    const establishments = await gql<{ establishments: { totalCount: number; edges: { node: { departementCode: string } }[] } }>(
      '{ establishments(first: 100) { totalCount edges { node { departementCode } } } }',
      {},
      HAUTE_LOIRE,
    );
    expect(establishments.data?.establishments.totalCount).toBe(12);
    expect(new Set(establishments.data?.establishments.edges.map((e) => e.node.departementCode))).toEqual(new Set(['43']));
    const enrolments = await gql<{ enrolments: unknown[] }>('{ enrolments(filter: { schoolYear: "2026-2027" }) { uai } }', {}, HAUTE_LOIRE);
    expect(enrolments.data?.enrolments.length).toBe(12);
    const deployments = await gql<{ deployments: { uai: string }[] }>('{ deployments { uai } }', {}, HAUTE_LOIRE);
    expect(deployments.data?.deployments.every((d) => d.uai.startsWith('043'))).toBe(true);
    const goals = await gql<{ goals: { name: string }[] }>('{ goals { name } }', {}, HAUTE_LOIRE);
    expect(goals.data?.goals.map((g) => g.name)).toEqual(['Usage des enseignants ≥ 60 % en Haute-Loire']);
    const budgets = await gql<{ budgets: unknown[] }>('{ budgets { id } }', {}, HAUTE_LOIRE);
    expect(budgets.data?.budgets).toEqual([]);
    const tree = await gql<{ territoryTree: { children: unknown[] } }>('{ territoryTree(root: { level: "departement", code: "43" }) { children { code } } }', {}, HAUTE_LOIRE);
    expect(tree.data?.territoryTree.children.length).toBe(12);
  });

  it('refuses, line by line, the lines of an import about Haute-Saône sent by a Haute-Loire caller', async () => {
    const content = 'uai;status;opened_on;wave\n0432101A;open;2010-09-01;ENT historique\n0700785Y;closed;2025-10-01;\n';
    const res = await gql<{ importCatalog: unknown }>(
      'mutation($i: CatalogImportInput!) { importCatalog(input: $i) { summary { created updated unchanged rejected } rejections { line column reason } } }',
      { i: { kind: 'deployment', content } },
      HAUTE_LOIRE,
    );
    expect(res.data?.importCatalog).toEqual({
      summary: { created: 0, updated: 1, unchanged: 0, rejected: 1 },
      rejections: [{ line: 3, column: 'uai', reason: 'establishment 0700785Y: not found within your territorial scope' }],
    });
    expect(await dataSource.getRepository(DeploymentEntity).findOneByOrFail({ uai: '0700785Y' })).toMatchObject({ status: 'open' });
  });

  it('gives an import line about an establishment that does not exist the same reason as one about Haute-Saône', async () => {
    const importLines = async (content: string) =>
      (
        await gql<{ importCatalog: { rejections: unknown[] } }>(
          'mutation($i: CatalogImportInput!) { importCatalog(input: $i) { rejections { line column reason } } }',
          { i: { kind: 'deployment', content, dryRun: true } },
          HAUTE_LOIRE,
        )
      ).data?.importCatalog.rejections;
    const goals = async (codes: string) =>
      (
        await gql<{ importCatalog: { rejections: unknown[] } }>(
          'mutation($i: CatalogImportInput!) { importCatalog(input: $i) { rejections { line column reason } } }',
          { i: { kind: 'goals', content: `name;indicator;profile;scope_level;scope_codes;target;start_on;deadline\nSonde;family_uptake;;departement;${codes};50;2026-09-01;2027-06-30\n`, dryRun: true } },
          HAUTE_LOIRE,
        )
      ).data?.importCatalog.rejections;
    expect(await importLines('uai;status;opened_on;wave\n0700001W;closed;2025-10-01;\n')).toEqual([
      { line: 2, column: 'uai', reason: 'establishment 0700001W: not found within your territorial scope' },
    ]);
    expect(await goals('99')).toEqual([{ line: 2, column: 'scope_codes', reason: 'departement 99: not found within your territorial scope' }]);
    expect(await goals('70')).toEqual([{ line: 2, column: 'scope_codes', reason: 'departement 70: not found within your territorial scope' }]);
  });
});
