import { AnnotationEntity } from '../../api/src/annotations/entities/annotation.entity';
import { AuthService } from '../../api/src/auth/auth.service';
import { loadDemoCatalog } from '../../api/src/catalog/demo/load-demo-catalog';
import { BudgetEntity } from '../../api/src/catalog/entities/budget.entity';
import { GoalEntity } from '../../api/src/catalog/entities/goal.entity';
import { BrowserSession } from '../support/browser-session';
import { startTestApp, type TestApp } from '../support/test-app';
import { RELATIONAL_TARGETS } from '../support/test-stores';

jest.setTimeout(120_000);

const NO_SUCH_ID = 987654;
const ELSEWHERE_UAI = '0430002U'; // a collège of Haute-Loire
const NO_SUCH_UAI = '0700001W'; // a well-formed UAI that is no establishment
const GOAL = { indicator: 'family_uptake', scopeLevel: 'departement', target: 10, startOn: '2026-09-01', deadline: '2027-06-30' };
const NOTE = { startsOn: '2026-03-02', endsOn: '2026-03-06', kind: 'note', text: 'Sonde' };

/**
 * What a councillor of Haute-Saône (70) sends to reach something of Haute-Loire (43), and the same
 * question about something that does not exist: `$x` is the one thing that differs.
 */
const PROBES: { name: string; query: string; elsewhere: (ids: Ids) => unknown; missing: unknown; input?: (x: unknown) => Record<string, unknown> }[] = [
  { name: 'establishment by UAI', query: 'query($x: String!) { establishment(uai: $x) { uai } }', elsewhere: () => ELSEWHERE_UAI, missing: NO_SUCH_UAI },
  { name: 'setDeployment of a UAI', query: 'mutation($x: String!) { setDeployment(input: { uai: $x, status: "closed", openedOn: "2025-10-01" }) { uai } }', elsewhere: () => ELSEWHERE_UAI, missing: NO_SUCH_UAI },
  { name: 'territoryTree of a département', query: 'query($x: String!) { territoryTree(root: { level: "departement", code: $x }) { code } }', elsewhere: () => '43', missing: '99' },
  { name: 'territoryTree of an establishment', query: 'query($x: String!) { territoryTree(root: { level: "etablissement", code: $x }) { code } }', elsewhere: () => ELSEWHERE_UAI, missing: NO_SUCH_UAI },
  { name: 'establishments of a département', query: 'query($x: String!) { establishments(filter: { territory: { level: "departement", code: $x } }) { totalCount } }', elsewhere: () => '43', missing: '99' },
  { name: 'enrolments of a UAI', query: 'query($x: String!) { enrolments(filter: { schoolYear: "2026-2027", uais: [$x] }) { uai } }', elsewhere: () => ELSEWHERE_UAI, missing: NO_SUCH_UAI },
  { name: 'deployments of a commune', query: 'query($x: String!) { deployments(filter: { territory: { level: "commune", code: $x } }) { uai } }', elsewhere: () => '43157', missing: '99999' },
  { name: 'goals of a département', query: 'query($x: String!) { goals(territory: { level: "departement", code: $x }) { id } }', elsewhere: () => '43', missing: '99' },
  { name: 'createGoal on a département', query: 'mutation($x: String!) { createGoal(input: { name: "Sonde", indicator: "family_uptake", scopeLevel: "departement", scopeCodes: [$x], target: 10, startOn: "2026-09-01", deadline: "2027-06-30" }) { id } }', elsewhere: () => '43', missing: '99' },
  { name: 'updateGoal by id', query: 'mutation($x: Int!) { updateGoal(id: $x, input: { name: "Sonde", indicator: "family_uptake", scopeLevel: "departement", scopeCodes: ["70"], target: 10, startOn: "2026-09-01", deadline: "2027-06-30" }) { id } }', elsewhere: (ids) => ids.goal, missing: NO_SUCH_ID },
  { name: 'deleteGoal by id', query: 'mutation($x: Int!) { deleteGoal(id: $x) }', elsewhere: (ids) => ids.goal, missing: NO_SUCH_ID },
  { name: 'setBudget on a département', query: 'mutation($x: String!) { setBudget(input: { territoryLevel: "departement", territoryCode: $x, schoolYear: "2026-2027", label: "other", amount: 1 }) { id } }', elsewhere: () => '43', missing: '99' },
  { name: 'deleteBudget by id', query: 'mutation($x: Int!) { deleteBudget(id: $x) }', elsewhere: (ids) => ids.budget, missing: NO_SUCH_ID },
  { name: 'annotations of an establishment', query: 'query($x: String!) { annotations(filter: { territory: { level: "etablissement", code: $x } }) { id } }', elsewhere: () => ELSEWHERE_UAI, missing: NO_SUCH_UAI },
  { name: 'createAnnotation on an establishment', query: `mutation($x: String!) { createAnnotation(input: { territoryLevel: "etablissement", territoryCode: $x, startsOn: "${NOTE.startsOn}", endsOn: "${NOTE.endsOn}", kind: "note", text: "Sonde" }) { id } }`, elsewhere: () => ELSEWHERE_UAI, missing: NO_SUCH_UAI },
  { name: 'updateAnnotation by id', query: `mutation($x: Int!) { updateAnnotation(id: $x, input: { territoryLevel: "departement", territoryCode: "70", startsOn: "${NOTE.startsOn}", endsOn: "${NOTE.endsOn}", kind: "note", text: "Sonde" }) { id } }`, elsewhere: (ids) => ids.annotation, missing: NO_SUCH_ID },
  { name: 'deleteAnnotation by id', query: 'mutation($x: Int!) { deleteAnnotation(id: $x) }', elsewhere: (ids) => ids.annotation, missing: NO_SUCH_ID },
  { name: 'adoption of an establishment', query: 'query($x: String!) { adoption(query: { territory: { level: etablissement, code: $x }, from: "2026-09-01", to: "2026-11-22", indicators: [visitors] }) { from } }', elsewhere: () => ELSEWHERE_UAI, missing: NO_SUCH_UAI },
  { name: 'adoption of a département', query: 'query($x: String!) { adoption(query: { territory: { level: departement, code: $x }, from: "2026-09-01", to: "2026-11-22", indicators: [visitors] }) { from } }', elsewhere: () => '43', missing: '99' },
  { name: 'goalProgress of a département', query: 'query($x: String!) { goalProgress(territory: { level: departement, code: $x }, today: "2026-11-23") { status } }', elsewhere: () => '43', missing: '99' },
  { name: 'deploymentCohorts of a département', query: 'query($x: String!) { deploymentCohorts(territory: { level: departement, code: $x }, indicator: usage_rate, profile: enseignant, today: "2026-11-23") { wave } }', elsewhere: () => '43', missing: '99' },
];

interface Ids {
  goal: number;
  budget: number;
  annotation: number;
}

describe.each(RELATIONAL_TARGETS)('what exists outside one’s scope cannot be probed ($name)', (target) => {
  let t: TestApp;
  let councillor: BrowserSession;
  let ids: Ids;

  beforeAll(async () => {
    t = await startTestApp({ API_RATE_LIMIT_PER_10S: '10000', API_RATE_LIMIT_PER_MINUTE: '100000' }, target);
    await loadDemoCatalog(t.relational, new Date('2026-11-23T10:00:00Z'));
    const goal = await t.relational.getRepository(GoalEntity).save({ ...GOAL, name: 'Objectif de Haute-Loire', profile: null, scopeLevel: 'departement', scopeCodes: ['43'], aggregation: 'territory' });
    const budget = await t.relational.getRepository(BudgetEntity).save({ territoryLevel: 'departement', territoryCode: '43', schoolYear: '2026-2027', label: 'other', amount: 1000, description: null });
    const annotation = await t.relational.getRepository(AnnotationEntity).save({ ...NOTE, kind: 'note', territoryLevel: 'etablissement', territoryCode: ELSEWHERE_UAI, createdBy: null, createdAt: new Date() });
    ids = { goal: goal.id, budget: budget.id, annotation: annotation.id };
    await t.app.get(AuthService).createUser({ email: 'conseiller.70@ent.example.fr', displayName: 'CD 70', role: 'councillor', territories: [{ level: 'departement', code: '70' }], password: 'conseiller passphrase' });
    councillor = new BrowserSession(t.url);
    expect((await councillor.login('conseiller.70@ent.example.fr', 'conseiller passphrase')).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it.each(PROBES)('$name: the same answer for Haute-Loire’s and for what does not exist, naming neither', async ({ query, elsewhere, missing }) => {
    const other = await councillor.graphql(query, { x: elsewhere(ids) });
    const none = await councillor.graphql(query, { x: missing });
    expect(other.body.data ?? null).toBeNull();
    expect(other.body.errors?.[0]).toMatchObject({ message: 'not found within your territorial scope (département 70)', extensions: { code: 'FORBIDDEN' } });
    expect(JSON.stringify(none.body)).toBe(JSON.stringify(other.body));
    expect(none.status).toBe(other.status);
  });

  it('still tells a national caller that something does not exist', async () => {
    await t.app.get(AuthService).createUser({ email: 'admin.probe@ent.example.fr', displayName: 'Admin', role: 'admin', territories: [], password: 'administrator passphrase' });
    const admin = new BrowserSession(t.url);
    await admin.login('admin.probe@ent.example.fr', 'administrator passphrase');
    const res = await admin.graphql('query($x: String!) { establishment(uai: $x) { uai } }', { x: NO_SUCH_UAI });
    expect(res.body.errors?.[0]).toMatchObject({ message: `establishment ${NO_SUCH_UAI} does not exist`, extensions: { code: 'NOT_FOUND' } });
    const goal = await admin.graphql('mutation($x: Int!) { deleteGoal(id: $x) }', { x: NO_SUCH_ID });
    expect(goal.body.errors?.[0]).toMatchObject({ message: `goal ${NO_SUCH_ID} does not exist`, extensions: { code: 'NOT_FOUND' } });
  });
});
