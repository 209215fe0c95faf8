/**
 * Every GraphQL argument that names a day is bounded to what the data can hold, and a day out of
 * bounds is a BAD_USER_INPUT naming the field, answered at once. A period in the year 9999 used to
 * walk its days forever (as text, "10000-01-01" sorts before "9999-12-31"), freezing the server.
 */
import { AuthService } from '../../api/src/auth/auth.service';
import { loadDemoCatalog } from '../../api/src/catalog/demo/load-demo-catalog';
import { addDays, parisToday } from '../../api/src/analytics/periods/calendar-days.util';
import { BrowserSession } from '../support/browser-session';
import { startTestApp, type TestApp } from '../support/test-app';
import { RELATIONAL_TARGETS } from '../support/test-stores';

jest.setTimeout(60_000);

const TOMORROW = addDays(parisToday(), 1);
const DEPT_70 = '{ level: departement, code: "70" }';
const adoption = (from: string, to: string) => `{ adoption(query: { territory: ${DEPT_70}, from: "${from}", to: "${to}", interval: day, indicators: [visitors] }) { from } }`;
const cohorts = (today: string) => `{ deploymentCohorts(territory: ${DEPT_70}, indicator: visitors, today: "${today}") { wave } }`;
const goals = (today: string) => `{ goalProgress(territory: ${DEPT_70}, today: "${today}") { status } }`;
const goalInput = (startOn: string, deadline: string) =>
  `mutation { createGoal(input: { name: "g", indicator: "visitors", scopeLevel: "departement", scopeCodes: ["70"], target: 10, startOn: "${startOn}", deadline: "${deadline}" }) { id } }`;
const annotationInput = (startsOn: string, endsOn: string) =>
  `mutation { createAnnotation(input: { territoryLevel: "departement", territoryCode: "70", startsOn: "${startsOn}", endsOn: "${endsOn}", kind: "note", text: "t" }) { id } }`;

const CASES: { name: string; query: string; field: string; message: string }[] = [
  { name: 'adoption from in the year 9999', query: adoption('9999-12-30', '9999-12-31'), field: 'from', message: `from: 9999-12-30 is after ${TOMORROW} (tomorrow: events more than 24 h ahead are refused)` },
  { name: 'adoption to in the year 9999', query: adoption('2026-11-01', '9999-12-31'), field: 'to', message: `to: 9999-12-31 is after ${TOMORROW} (tomorrow: events more than 24 h ahead are refused)` },
  { name: 'adoption from before 2000', query: adoption('1999-12-31', '2000-01-05'), field: 'from', message: 'from: 1999-12-31 is before 2000-01-01, the earliest day analytics hold' },
  { name: 'adoption over more than 3 years (not as too expensive: the field is named)', query: adoption('2022-01-01', '2026-06-01'), field: 'to', message: 'to: a period is at most 3 years long' },
  { name: 'deploymentCohorts today in the year 9999', query: cohorts('9999-12-31'), field: 'today', message: `today: 9999-12-31 is after ${TOMORROW} (tomorrow: events more than 24 h ahead are refused)` },
  { name: 'deploymentCohorts today in 1900', query: cohorts('1900-01-31'), field: 'today', message: 'today: 1900-01-31 is before 2000-01-01, the earliest day analytics hold' },
  { name: 'deploymentCohorts today not a day', query: cohorts('2026-02-30'), field: 'today', message: 'today: "2026-02-30" is not a day (YYYY-MM-DD)' },
  { name: 'goalProgress today in the year 9999', query: goals('9999-12-31'), field: 'today', message: `today: 9999-12-31 is after ${TOMORROW} (tomorrow: events more than 24 h ahead are refused)` },
  { name: 'goalProgress today in 1900', query: goals('1900-01-31'), field: 'today', message: 'today: 1900-01-31 is before 2000-01-01, the earliest day analytics hold' },
  { name: 'a goal ending in the year 9999', query: goalInput('2026-09-01', '9999-12-31'), field: 'deadline', message: 'deadline: 9999-12-31 is not between 2000-01-01 and 2100-12-31' },
  { name: 'a goal starting in 1900', query: goalInput('1900-09-01', '2027-06-30'), field: 'startOn', message: 'startOn: 1900-09-01 is not between 2000-01-01 and 2100-12-31' },
  {
    name: 'a deployment opened in the year 9999',
    query: 'mutation { setDeployment(input: { uai: "0702101D", status: "open", openedOn: "9999-12-31" }) { uai } }',
    field: 'openedOn',
    message: 'openedOn: 9999-12-31 is not between 2000-01-01 and 2100-12-31',
  },
  { name: 'an annotation ending in the year 9999', query: annotationInput('2026-11-01', '9999-12-31'), field: 'endsOn', message: 'endsOn: 9999-12-31 is not between 2000-01-01 and 2100-12-31' },
  { name: 'annotations from the year 9999', query: '{ annotations(filter: { from: "9999-12-31" }) { id } }', field: 'from', message: 'from: 9999-12-31 is not between 2000-01-01 and 2100-12-31' },
];

describe.each(RELATIONAL_TARGETS)('day arguments out of bounds on $name', (target) => {
  let t: TestApp;
  let admin: BrowserSession;

  beforeAll(async () => {
    t = await startTestApp({ API_RATE_LIMIT_PER_10S: '10000', API_RATE_LIMIT_PER_MINUTE: '100000' }, target, async (relational) => {
      await loadDemoCatalog(relational, new Date('2026-11-23T10:00:00Z'));
    });
    await t.app.get(AuthService).createUser({ email: 'root@ent.example.fr', displayName: 'Root', role: 'admin', territories: [], password: 'root passphrase here' });
    admin = new BrowserSession(t.url);
    await admin.login('root@ent.example.fr', 'root passphrase here');
  });
  afterAll(async () => t?.close());

  it.each(CASES)('refuses $name with BAD_USER_INPUT naming the field, at once', async ({ query, field, message }) => {
    const started = Date.now();
    const res = await admin.graphql(query);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.body.errors?.map((e) => ({ message: e.message, code: e.extensions?.code, field: e.extensions?.field }))).toEqual([{ message, code: 'BAD_USER_INPUT', field }]);
  });

  it('still answers a period ending tomorrow', async () => {
    const res = await admin.graphql(adoption(addDays(TOMORROW, -2), TOMORROW));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ adoption: { from: addDays(TOMORROW, -2) } });
  });
});
