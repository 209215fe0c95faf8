import { AnnotationEntity } from '../../api/src/annotations/entities/annotation.entity';
import { AuthService } from '../../api/src/auth/auth.service';
import type { Role, TerritoryRef } from '../../api/src/auth/roles';
import { loadDemoCatalog } from '../../api/src/catalog/demo/load-demo-catalog';
import { DeploymentEntity } from '../../api/src/catalog/entities/deployment.entity';
import { GoalEntity } from '../../api/src/catalog/entities/goal.entity';
import { HAUTE_SAONE_ANNOTATION, REACH_HAUTE_SAONE, REACH_HAUTE_SAONE_ANALYTICS, REACH_HAUTE_SAONE_ANNOTATIONS } from '../../api/src/scope/reach-haute-saone.cases';
import { BrowserSession } from '../support/browser-session';
import { startTestApp, type TestApp } from '../support/test-app';
import { RELATIONAL_TARGETS } from '../support/test-stores';

jest.setTimeout(120_000);

/** Callers who must not see Haute-Saône (département 70, académie 03 Besançon). */
const OUTSIDERS: { who: string; role: Role; territories: TerritoryRef[]; scope: string }[] = [
  { who: 'a councillor of Haute-Loire', role: 'councillor', territories: [{ level: 'departement', code: '43' }], scope: 'département 43' },
  { who: 'the rectorate of Clermont-Ferrand', role: 'rectorate', territories: [{ level: 'academie', code: '06' }], scope: 'académie 06' },
  {
    who: 'a project manager of Haute-Loire and Savoie',
    role: 'project_manager',
    territories: [
      { level: 'departement', code: '43' },
      { level: 'departement', code: '73' },
    ],
    scope: 'département 43, 73',
  },
  { who: 'the head of a Haute-Loire collège', role: 'establishment_head', territories: [{ level: 'etablissement', code: '0430002U' }], scope: 'establishment 0430002U' },
];

/** Administration, reserved to administrators whatever the territory. */
const ADMIN_ONLY = [
  '{ users { email } }',
  '{ auditLog { action } }',
  '{ ingestKeys { source } }',
  '{ ingestionStatus { source } }',
  'mutation { createUser(input: { email: "x@ent.example.fr", displayName: "X", role: "admin", territories: [] }) { oneTimePassword } }',
  'mutation { disableUser(id: "00000000-0000-4000-8000-000000000000") { id } }',
  'mutation { createIngestKey(source: "intrus") { key } }',
  'mutation { revokeIngestKey(idOrPrefix: "entk_") { id } }',
  'mutation { setIngestKeyTerritories(idOrPrefix: "entk_", territories: [{ level: "departement", code: "43" }]) { id } }',
  'mutation { rebuildRollups { schoolYear } }',
  '{ rollupFinalization { intervalSeconds } }',
  'mutation { finalizeRollups { seconds } }',
];

const REACH_ALL = { ...REACH_HAUTE_SAONE, ...REACH_HAUTE_SAONE_ANNOTATIONS, ...REACH_HAUTE_SAONE_ANALYTICS };
const cases = Object.entries(REACH_ALL).flatMap(([field, list]) => list.map((c, i) => ({ name: `${field} #${i + 1}`, ...c })));

describe.each(RELATIONAL_TARGETS)('role × territory matrix over the whole application ($name)', (target) => {
  let t: TestApp;
  const sessions = new Map<string, BrowserSession>();

  beforeAll(async () => {
    t = await startTestApp({ API_RATE_LIMIT_PER_10S: '10000', API_RATE_LIMIT_PER_MINUTE: '100000' }, target);
    await loadDemoCatalog(t.relational, new Date('2026-11-23T10:00:00Z'));
    await t.relational.getRepository(AnnotationEntity).save({ ...HAUTE_SAONE_ANNOTATION });
    const auth = t.app.get(AuthService);
    for (const [i, o] of OUTSIDERS.entries()) {
      const email = `outsider${i}@ent.example.fr`;
      await auth.createUser({ email, displayName: o.who, role: o.role, territories: o.territories, password: 'outsider passphrase' });
      const session = new BrowserSession(t.url);
      expect((await session.login(email, 'outsider passphrase')).status).toBe(200);
      sessions.set(o.who, session);
    }
  });
  afterAll(async () => t?.close());

  it('covers every query and mutation of the schema with a case', async () => {
    const admin = await t.app.get(AuthService).createUser({ email: 'root@ent.example.fr', displayName: 'Root', role: 'admin', territories: [], password: 'root passphrase here' });
    expect(admin.role).toBe('admin');
    const s = new BrowserSession(t.url);
    await s.login('root@ent.example.fr', 'root passphrase here');
    const schema = await s.graphql<{ __schema: { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } } }>(
      '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }',
    );
    const fields = [...(schema.body.data?.__schema.queryType.fields ?? []), ...(schema.body.data?.__schema.mutationType.fields ?? [])].map((f) => f.name);
    const covered = new Set([...Object.keys(REACH_ALL), ...ADMIN_ONLY.map((q) => /^(?:mutation )?\{ (\w+)/.exec(q)?.[1] as string)]);
    // Not territorial: the caller's own account, the public status.
    for (const own of ['me', 'system']) covered.add(own);
    expect(fields.filter((f) => !covered.has(f))).toEqual([]);
  });

  describe.each(OUTSIDERS)('$who', (outsider) => {
    it.each(cases)('reaching Haute-Saône through $name: FORBIDDEN, no data', async ({ query, variables }) => {
      const res = await (sessions.get(outsider.who) as BrowserSession).graphql(query, variables);
      expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(res.body.data ?? null).toBeNull();
      // Read or write, refused either by the territorial scope or, for a role that may not write, by the role.
      expect(res.body.errors?.[0].message).toMatch(new RegExp(`(^not found within your territorial scope \\(${outsider.scope}\\)$|^This operation is reserved to: )`));
    });

    it.each(ADMIN_ONLY)('administration %s: FORBIDDEN, no data', async (query) => {
      const res = await (sessions.get(outsider.who) as BrowserSession).graphql(query);
      expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      expect(res.body.data ?? null).toBeNull();
    });
  });

  it('leaves Haute-Saône unchanged after every attempt', async () => {
    expect(await t.relational.getRepository(DeploymentEntity).findOneByOrFail({ uai: '0700785Y' })).toMatchObject({ status: 'open' });
    expect(await t.relational.getRepository(GoalEntity).countBy({ name: 'Intrus' })).toBe(0);
    expect(await t.relational.getRepository(AnnotationEntity).find()).toEqual([expect.objectContaining({ id: 1, territoryCode: '70', text: HAUTE_SAONE_ANNOTATION.text })]);
  });
});
