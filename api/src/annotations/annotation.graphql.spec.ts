import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { DataSource } from 'typeorm';
import { RELATIONAL_TARGETS } from '../../../test/support/test-stores';
import { loadDemoCatalog } from '../catalog/demo/load-demo-catalog';
import { HAUTE_SAONE_ANNOTATION, REACH_HAUTE_SAONE_ANNOTATIONS } from '../scope/reach-haute-saone.cases';
import type { TerritoryRef } from '../scope/territorial-scope';
import { startAnnotationsTestApp, type AnnotationsGql } from './annotations-test-app';
import { AnnotationEntity } from './entities/annotation.entity';

// Real stores (PostgreSQL databases) take seconds to create on a busy machine.
jest.setTimeout(30_000);

const HAUTE_LOIRE: TerritoryRef[] = [{ level: 'departement', code: '43' }];
const HAUTE_SAONE: TerritoryRef[] = [{ level: 'departement', code: '70' }];

const CREATE = 'mutation($i: AnnotationInput!) { createAnnotation(input: $i) { id territoryLevel territoryCode startsOn endsOn kind text createdBy } }';
const UPDATE = 'mutation($id: Int!, $i: AnnotationInput!) { updateAnnotation(id: $id, input: $i) { id territoryCode startsOn endsOn kind text } }';
const LIST = 'query($f: AnnotationFilterInput) { annotations(filter: $f) { id } }';

const LOCKDOWN = { territoryLevel: 'departement', territoryCode: '070', startsOn: '2026-03-16', endsOn: '2026-05-10', kind: 'interruption', text: 'Confinement : collèges fermés, cours à distance' };

describe.each(RELATIONAL_TARGETS)('annotations GraphQL API on $name', (target) => {
  let gql: AnnotationsGql;
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let schemaFields: string[];
  const ids = async (filter?: Record<string, unknown>, scope?: TerritoryRef[]) => {
    const res = await gql<{ annotations: { id: number }[] }>(LIST, { f: filter }, scope);
    expect(res.errors).toBeUndefined();
    return res.data?.annotations.map((a) => a.id);
  };
  const firstError = async (query: string, variables: Record<string, unknown>, scope?: TerritoryRef[]) => {
    const res = await gql(query, variables, scope);
    expect(res.data ?? null).toBeNull();
    return res.errors?.[0];
  };

  beforeAll(async () => {
    const started = await startAnnotationsTestApp(target);
    ({ gql, dataSource, close } = started);
    await loadDemoCatalog(dataSource, new Date('2026-11-23T10:00:00Z'));
    // id 1, the note the scope cases try to reach.
    await dataSource.getRepository(AnnotationEntity).save({ ...HAUTE_SAONE_ANNOTATION });
    const schema = started.app.get(GraphQLSchemaHost).schema;
    schemaFields = [...Object.keys(schema.getQueryType()?.getFields() ?? {}), ...Object.keys(schema.getMutationType()?.getFields() ?? {})];
  });
  afterAll(async () => close?.());

  it('creates a note in the catalog’s code form, lists it, updates it and deletes it', async () => {
    const created = await gql<{ createAnnotation: { id: number } }>(CREATE, { i: LOCKDOWN });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createAnnotation).toEqual({
      id: 2,
      territoryLevel: 'departement',
      territoryCode: '70',
      startsOn: '2026-03-16',
      endsOn: '2026-05-10',
      kind: 'interruption',
      text: 'Confinement : collèges fermés, cours à distance',
      createdBy: null,
    });
    const listed = await gql<{ annotations: unknown[] }>('{ annotations { id territoryCode kind createdAt } }');
    expect(listed.data?.annotations).toEqual([
      { id: 1, territoryCode: '70', kind: 'interruption', createdAt: '2026-02-16T08:00:00.000Z' },
      { id: 2, territoryCode: '70', kind: 'interruption', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    ]);

    const updated = await gql(UPDATE, { id: 2, i: { ...LOCKDOWN, territoryLevel: 'etablissement', territoryCode: '0702102e', endsOn: '2026-05-11', kind: 'note', text: '  Reprise le 11 mai  ' } });
    expect(updated.errors).toBeUndefined();
    expect(updated.data).toEqual({ updateAnnotation: { id: 2, territoryCode: '0702102E', startsOn: '2026-03-16', endsOn: '2026-05-11', kind: 'note', text: 'Reprise le 11 mai' } });

    expect((await gql('mutation { deleteAnnotation(id: 2) }')).data).toEqual({ deleteAnnotation: true });
    expect(await ids()).toEqual([1]);
    expect(await firstError('mutation { deleteAnnotation(id: 2) }', {})).toMatchObject({ message: 'annotation 2 does not exist', extensions: { code: 'NOT_FOUND' } });
    expect(await firstError(UPDATE, { id: 2, i: LOCKDOWN })).toMatchObject({ message: 'annotation 2 does not exist', extensions: { code: 'NOT_FOUND' } });
  });

  it.each([
    ['a date that is no date', { startsOn: '16/03/2026' }, 'startsOn', 'startsOn: startsOn must be a date YYYY-MM-DD'],
    ['a day that is not on the calendar', { endsOn: '2026-02-30' }, 'endsOn', 'endsOn: 2026-02-30 is not a calendar date'],
    ['an end before the start', { startsOn: '2026-03-16', endsOn: '2026-03-15' }, 'endsOn', 'endsOn: the end 2026-03-15 is before the start 2026-03-16'],
    ['an unknown département', { territoryCode: '99' }, 'territoryCode', 'territoryCode: unknown departement 99'],
    ['an unknown establishment', { territoryLevel: 'etablissement', territoryCode: '0700001W' }, 'territoryCode', 'territoryCode: unknown etablissement 0700001W'],
    ['a UAI with a wrong key letter', { territoryLevel: 'etablissement', territoryCode: '0700001B' }, 'territoryCode', 'territoryCode: the key letter of 0700001 is W, not B'],
    ['a national note with a code', { territoryLevel: 'national', territoryCode: '70' }, 'territoryCode', 'territoryCode: a national annotation has the code FR, not 70'],
    ['an unknown level', { territoryLevel: 'canton' }, 'territoryLevel', 'territoryLevel: territoryLevel must be one of national, region, academie, departement, commune, etablissement'],
    ['an unknown kind', { kind: 'strike' }, 'kind', 'kind: kind must be one of ent_change, interruption, data_error, note'],
    ['a text too long', { text: 'x'.repeat(501) }, 'text', 'text: text must be 1 to 500 characters long'],
    ['an empty text', { text: '' }, 'text', 'text: text must be 1 to 500 characters long'],
    ['a text of spaces', { text: '   ' }, 'text', 'text: the text is empty'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_what, change, field, message) => {
    const error = await firstError(CREATE, { i: { ...LOCKDOWN, ...change } });
    expect(error).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field } });
    expect(await dataSource.getRepository(AnnotationEntity).count()).toBe(1);
  });

  it('accepts a one-day note, a text of exactly 500 characters and a national note (code FR)', async () => {
    const oneDay = await gql<{ createAnnotation: { id: number; text: string } }>(CREATE, { i: { ...LOCKDOWN, startsOn: '2026-03-16', endsOn: '2026-03-16', text: 'é'.repeat(500) } });
    expect(oneDay.errors).toBeUndefined();
    expect(oneDay.data?.createAnnotation.text).toHaveLength(500);
    const national = await gql<{ createAnnotation: { id: number } }>(CREATE, { i: { ...LOCKDOWN, territoryLevel: 'national', territoryCode: 'fr' } });
    expect(national.data?.createAnnotation).toMatchObject({ territoryLevel: 'national', territoryCode: 'FR' });
    for (const id of [oneDay.data?.createAnnotation.id, national.data?.createAnnotation.id]) await gql('mutation($id: Int!) { deleteAnnotation(id: $id) }', { id });
  });

  it('filters the list by period and by the territory the notes apply to, refusing a bad filter with the field', async () => {
    expect(await ids({ from: '2026-02-13', to: '2026-02-13' })).toEqual([1]);
    expect(await ids({ from: '2026-02-14' })).toEqual([]);
    expect(await ids({ to: '2026-02-08' })).toEqual([]);
    expect(await ids({ territory: { level: 'etablissement', code: '0700785Y' } })).toEqual([1]);
    expect(await ids({ territory: { level: 'academie', code: '03' } })).toEqual([1]);
    expect(await ids({ territory: { level: 'departement', code: '25' } })).toEqual([]);
    expect(await firstError(LIST, { f: { from: '2026-02-13', to: '2026-02-01' } })).toMatchObject({ message: 'to: the end 2026-02-01 is before the start 2026-02-13', extensions: { code: 'BAD_USER_INPUT', field: 'to' } });
    expect(await firstError(LIST, { f: { from: '2026-2-1' } })).toMatchObject({ message: 'from: from must be a date YYYY-MM-DD', extensions: { code: 'BAD_USER_INPUT', field: 'from' } });
    expect(await firstError(LIST, { f: { territory: { level: 'departement', code: '99' } } })).toMatchObject({ message: 'territory: unknown departement 99', extensions: { code: 'BAD_USER_INPUT', field: 'territory' } });
  });

  it('limits reads and writes to the caller’s scope', async () => {
    expect(await ids(undefined, HAUTE_LOIRE)).toEqual([]);
    expect(await ids(undefined, HAUTE_SAONE)).toEqual([1]);
    const own = await gql<{ createAnnotation: { id: number } }>(CREATE, { i: { ...LOCKDOWN, territoryCode: '43' } }, HAUTE_LOIRE);
    expect(own.errors).toBeUndefined();
    const id = own.data?.createAnnotation.id;
    expect(await ids(undefined, HAUTE_LOIRE)).toEqual([id]);
    expect(await ids(undefined, HAUTE_SAONE)).toEqual([1]);
    expect(await firstError(CREATE, { i: { ...LOCKDOWN, territoryLevel: 'national', territoryCode: 'FR' } }, HAUTE_LOIRE)).toMatchObject({
      message: 'not found within your territorial scope (département 43)',
      extensions: { code: 'FORBIDDEN' },
    });
    // Moving one's own note out of one's scope is refused too.
    expect(await firstError(UPDATE, { id, i: LOCKDOWN }, HAUTE_LOIRE)).toMatchObject({ message: 'not found within your territorial scope (département 43)', extensions: { code: 'FORBIDDEN' } });
    expect((await gql('mutation($id: Int!) { deleteAnnotation(id: $id) }', { id }, HAUTE_LOIRE)).data).toEqual({ deleteAnnotation: true });
  });

  it('has a Haute-Saône case for every annotation query and mutation', () => {
    expect([...schemaFields].sort()).toEqual(Object.keys(REACH_HAUTE_SAONE_ANNOTATIONS).sort());
  });

  it.each(Object.entries(REACH_HAUTE_SAONE_ANNOTATIONS).flatMap(([field, cases]) => cases.map((c, i) => [`${field} #${i + 1}`, c] as const)))(
    'a Haute-Loire caller reaching Haute-Saône through %s gets FORBIDDEN and no data',
    async (_name, { query, variables }) => {
      const res = await gql(query, variables, HAUTE_LOIRE);
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(res.errors?.[0].message).toBe('not found within your territorial scope (département 43)');
      expect(res.data ?? null).toBeNull();
    },
  );

  it('leaves the Haute-Saône note unchanged after the attempts', async () => {
    expect(await dataSource.getRepository(AnnotationEntity).find()).toEqual([expect.objectContaining({ id: 1, territoryCode: '70', text: HAUTE_SAONE_ANNOTATION.text })]);
  });
});
