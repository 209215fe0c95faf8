import { AuthService } from '../auth/auth.service';
import { loadDemoCatalog } from '../catalog/demo/load-demo-catalog';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { BrowserSession } from '../../../test/support/browser-session';
import { RELATIONAL_TARGETS } from '../../../test/support/test-stores';
import { rollupDefinitions, RollupBackfill } from './rollups/rollup-backfill';
import { QueryResultCache } from './result-cache/query-result-cache';
import { AdoptionService, type AdoptionRequest, type AdoptionResult } from './adoption.service';
import { NATIONAL_SCOPE, scopeOfTerritories } from '../scope/territorial-scope';
import { addDays, parisToday } from './periods/calendar-days.util';

jest.setTimeout(60_000);

/** A raw event row as the ingestion stores it (keys already pseudonymised). */
function event(uai: string, profile: string, user: number, at: string, session: number, extra: Record<string, unknown> = {}) {
  return {
    event_id: `00000000-0000-4000-8000-${String(user).padStart(6, '0')}${String(session).padStart(6, '0')}`,
    occurred_at: at,
    received_at: at,
    source: 'test',
    uai,
    profile,
    user_key: String(user),
    family_key: '0',
    session_key: String(session),
    service: 'cahier_textes',
    service_label: 'Cahier de textes',
    action: 'access',
    device: 'ordinateur',
    ...extra,
  };
}

// Haute-Saône collèges of the demo catalog: André Masson (pilot 2011) and Romé de l'Isle.
const MASSON = '0702101D';
const GRAY = '0702102E';

/** 30 teachers of Masson every Monday of October 2026, 12 of Gray on 6 October only. */
function octoberEvents() {
  const rows = [];
  for (let user = 1; user <= 30; user++) {
    for (const [i, day] of ['2026-10-05', '2026-10-12', '2026-10-19'].entries()) rows.push(event(MASSON, 'enseignant', user, `${day} 08:00:00.000`, user * 10 + i));
  }
  for (let user = 101; user <= 112; user++) rows.push(event(GRAY, 'enseignant', user, '2026-10-06 09:00:00.000', user * 10));
  return rows;
}

const ADOPTION = `query($q: AdoptionQueryInput!) { adoption(query: $q) {
  from to comparison { from to method } establishments
  points { start end cellCount nextCursor
    total { values { indicator value suppressed reason missing comparison { value } change } }
    cells { rank dimensions { dimension code label } values { indicator value suppressed reason missing comparison { value } change } } } } }`;

describe.each(RELATIONAL_TARGETS)('adoption analytics in the product on $name', (target) => {
  let t: TestApp;
  let admin: BrowserSession;
  let councillor: BrowserSession;

  beforeAll(async () => {
    t = await startTestApp({ API_RATE_LIMIT_PER_10S: '10000', API_RATE_LIMIT_PER_MINUTE: '100000' }, target, async (relational) => {
      await loadDemoCatalog(relational, new Date('2026-11-23T10:00:00Z'));
    });
    await t.clickhouse.insert('events', octoberEvents());
    const auth = t.app.get(AuthService);
    await auth.createUser({ email: 'root@ent.example.fr', displayName: 'Root', role: 'admin', territories: [], password: 'root passphrase here' });
    await auth.createUser({ email: 'cd70@ent.example.fr', displayName: 'CD 70', role: 'councillor', territories: [{ level: 'departement', code: '70' }], password: 'councillor passphrase' });
    admin = new BrowserSession(t.url);
    await admin.login('root@ent.example.fr', 'root passphrase here');
    councillor = new BrowserSession(t.url);
    await councillor.login('cd70@ent.example.fr', 'councillor passphrase');
  });
  afterAll(async () => t?.close());

  const ask = (session: BrowserSession, q: Record<string, unknown>) => session.graphql<{ adoption: any }>(ADOPTION, { q }); // eslint-disable-line @typescript-eslint/no-explicit-any
  const territory70 = { level: 'departement', code: '70' };

  it('ranks the establishments of a territory by an indicator and pages them with a cursor', async () => {
    const q = { territory: territory70, from: '2026-10-01', to: '2026-10-31', indicators: ['visitors', 'visits', 'regular_users'], groupBy: ['establishment'], orderBy: { indicator: 'visitors', direction: 'desc' }, first: 2 };
    const first = await ask(councillor, q);
    expect(first.body.errors).toBeUndefined();
    const point = first.body.data!.adoption.points[0];
    expect(point.cellCount).toBe(26); // every collège of Haute-Saône, those without activity as 0
    expect(point.nextCursor).toBe('2');
    expect(point.total.values).toEqual([
      { indicator: 'visitors', value: 42, suppressed: false, reason: null, missing: null, comparison: null, change: null },
      { indicator: 'visits', value: 102, suppressed: false, reason: null, missing: null, comparison: null, change: null }, // 30 × 3 + 12
      { indicator: 'regular_users', value: 30, suppressed: false, reason: null, missing: null, comparison: null, change: null }, // 3 distinct weeks
    ]);
    expect(point.cells.map((c: { rank: number; dimensions: { code: string }[] }) => [c.rank, c.dimensions[0].code])).toEqual([
      [1, MASSON],
      [2, GRAY],
    ]);
    // 0 regular users in Gray is published as 0 (it describes nobody).
    expect(point.cells[1].values.map((v: { value: number | null }) => v.value)).toEqual([12, 12, 0]);
    const next = await ask(councillor, { ...q, after: '2' });
    const rest = next.body.data!.adoption.points[0];
    expect(rest.cells.map((c: { rank: number }) => c.rank)).toEqual([3, 4]);
    expect(rest.cells[0].values[0]).toEqual({ indicator: 'visitors', value: 0, suppressed: false, reason: null, missing: null, comparison: null, change: null });
  });

  it('answers a national caller about the whole country without listing establishments, broken down by département', async () => {
    const res = await ask(admin, { territory: { level: 'national', code: 'FR' }, from: '2026-10-01', to: '2026-10-31', indicators: ['visitors'], groupBy: ['departement'] });
    const point = res.body.data!.adoption.points[0];
    expect(point.total.values[0]).toMatchObject({ value: 42 });
    expect(point.cells.map((c: { dimensions: { code: string; label: string }[]; values: { value: number }[] }) => [c.dimensions[0].code, c.dimensions[0].label, c.values[0].value])).toEqual([
      ['43', 'Haute-Loire', 0],
      ['70', 'Haute-Saône', 42],
      ['73', 'Savoie', 0],
    ]);
  });

  it('compares with the previous period of the same length', async () => {
    const res = await ask(admin, { territory: territory70, from: '2026-10-12', to: '2026-10-18', indicators: ['visitors'], compareTo: 'previous_period' });
    const a = res.body.data!.adoption;
    expect(a.comparison).toEqual({ from: '2026-10-05', to: '2026-10-11', method: 'previous_period' });
    // 30 teachers of Masson in the week of 12 October; 42 the week before (Masson and Gray).
    expect(a.points[0].total.values[0]).toMatchObject({ value: 30, comparison: { value: 42 }, change: -12 });
  });

  it('costs two ClickHouse queries per period asked (the question and its canonical table; four with a comparison), whatever the breakdown, and none when asked again', async () => {
    const question = { territory: territory70, from: '2026-09-01', to: '2026-11-22', interval: 'week', indicators: ['visitors', 'visits', 'usage_rate', 'regular_users', 'family_uptake'], groupBy: ['establishment', 'profile'] };
    await t.clickhouse.command('SYSTEM FLUSH LOGS'); // a statement that may write: the change log is read again once
    const before = t.clickhouse.callCount;
    const first = await ask(admin, question);
    expect(t.clickhouse.callCount - before).toBe(3); // the change log, the question, its canonical table (secrecy)
    const again = t.clickhouse.callCount;
    await ask(admin, { territory: territory70, from: '2026-09-01', to: '2026-11-22', interval: 'month', indicators: ['visitors'], compareTo: 'same_school_period_last_year' });
    expect(t.clickhouse.callCount - again).toBe(4);
    // Asked again with no new event: no ClickHouse statement, the same figures. (An answer computed
    // within 5 s of an insert is computed once more: the insert may not have been wholly visible.)
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await ask(admin, question);
    const third = t.clickhouse.callCount;
    const repeated = await ask(admin, question);
    expect(t.clickhouse.callCount - third).toBe(0);
    expect(repeated.body.data).toEqual(first.body.data);
  });

  it('serves a question asked again as it was published, until any writer changes the catalog or the annotations', async () => {
    const service = t.app.get(AdoptionService);
    const scope = scopeOfTerritories([{ level: 'departement', code: '70' }]);
    const request: AdoptionRequest = {
      territory: { level: 'etablissement', code: MASSON },
      from: '2026-10-01',
      to: '2026-10-31',
      interval: 'none',
      indicators: ['visitors', 'usage_rate'],
      groupBy: [],
      profiles: ['enseignant'],
    };
    const figures = (r: AdoptionResult) => [...r.points[0].total.values.values()].map((v) => v.value);
    await new Promise((resolve) => setTimeout(resolve, 5_000)); // past the 5 s margin after the last insert
    await service.adoption(scope, request);
    const first = await service.adoption(scope, request);
    const again = await service.adoption(scope, request);
    expect(again.points).toBe(first.points); // the same publication, not only equal figures
    expect(again.queries).toBe(0);
    expect((await service.adoption(NATIONAL_SCOPE, request)).points).not.toBe(first.points); // each scope its own
    const [{ teachers }] = (await t.relational.query("SELECT teachers FROM enrolment WHERE uai = '0702101D' AND school_year = '2026-2027'")) as { teachers: number }[];
    expect(teachers).toBe(32);
    expect(figures(first)).toEqual([30, 93.75]); // 30 of 32 teachers
    // Another writer (the import CLI in its own process, SQL by hand) changes the enrolment: published again at once.
    await t.relational.query("UPDATE enrolment SET teachers = 60 WHERE uai = '0702101D' AND school_year = '2026-2027'");
    const edited = await service.adoption(scope, request);
    expect(figures(edited)).toEqual([30, 50]);
    expect(edited.queries).toBe(0); // the events did not change: the query answer is still kept
    await t.relational.query(`UPDATE enrolment SET teachers = ${teachers} WHERE uai = '0702101D' AND school_year = '2026-2027'`);
    expect(figures(await service.adoption(scope, request))).toEqual(figures(first));
    // A note on the establishment over the period appears with the next answer.
    await t.relational.query(
      "INSERT INTO annotation (territory_level, territory_code, starts_on, ends_on, kind, text, created_at) VALUES ('etablissement', '0702101D', '2026-10-12', '2026-10-14', 'interruption', 'Panne du réseau', '2026-10-15 08:00:00')",
    );
    expect((await service.adoption(scope, request)).annotations.map((a) => a.text)).toEqual(['Panne du réseau']);
    await t.relational.query("DELETE FROM annotation WHERE text = 'Panne du réseau'");
    expect((await service.adoption(scope, request)).annotations).toEqual([]);
  });

  it('answers a question outside the caller’s territory with FORBIDDEN and no data', async () => {
    const res = await ask(councillor, { territory: { level: 'departement', code: '43' }, from: '2026-10-01', to: '2026-10-31', indicators: ['visitors'] });
    expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(res.body.data).toBeNull();
  });

  it.each([
    [{ from: '2026-10-31', to: '2026-10-01', indicators: ['visitors'] }, 'to', 'to: ends (2026-10-01) before it starts (2026-10-31)'],
    [{ from: '2026-10-01', to: '2026-10-31', indicators: ['usage_rate'] }, 'indicators', 'indicators: usage_rate is per profile: add "profile" to groupBy or filter exactly one profile'],
    [{ from: '2026-10-01', to: '2026-10-31', indicators: ['visitors'], groupBy: ['service', 'device'] }, 'groupBy', 'groupBy: services and devices cannot be combined in one query'],
    [{ from: '2026-10-01', to: '2026-10-31', indicators: ['visitors'], groupBy: ['months_since_opening'] }, 'groupBy', 'groupBy: months_since_opening is answered by deploymentCohorts'],
    [{ from: '2026-02-30', to: '2026-10-31', indicators: ['visitors'] }, 'from', 'from: "2026-02-30" is not a day (YYYY-MM-DD)'],
    [{ from: '2020-01-01', to: '2026-10-31', indicators: ['visitors'] }, 'to', 'to: a period is at most 3 years long'],
    [{ from: '2026-10-01', to: '2026-10-31', indicators: ['visitors'], after: 'abc' }, 'after', 'after: not a cursor this API gave'],
  ])('refuses a bad question with BAD_USER_INPUT naming the field (%#)', async (q, field, message) => {
    const before = t.clickhouse.callCount;
    const res = await ask(admin, { territory: territory70, ...q });
    expect(res.body.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field } });
    expect(t.clickhouse.callCount).toBe(before);
  });

  it('rebuilds the rollups from the raw events to the same answers', async () => {
    const q = { territory: territory70, from: '2026-09-01', to: '2026-11-22', interval: 'week', indicators: ['visitors', 'visits', 'regular_users', 'time_per_visit'], groupBy: ['establishment'] };
    const before = (await ask(admin, q)).body.data;
    for (const r of rollupDefinitions()) await t.clickhouse.command(`TRUNCATE TABLE ${r.table}`);
    // A truncation by hand does not go through the change log: the cached answers are forgotten by hand too.
    t.app.get(QueryResultCache).clear();
    const emptied = (await ask(admin, q)).body.data!.adoption.points[6].total.values[0];
    expect(emptied).toMatchObject({ indicator: 'visitors', value: 0 });
    const rebuilt = await admin.graphql<{ rebuildRollups: { schoolYear: string; tables: number }[] }>('mutation { rebuildRollups { schoolYear tables } }');
    expect(rebuilt.body.data?.rebuildRollups).toEqual([{ schoolYear: '2026-2027', tables: 10 }]);
    expect((await ask(admin, q)).body.data).toEqual(before);
    // Rebuilding again while nothing changed keeps the answers (drop and re-insert of whole partitions).
    await new RollupBackfill(t.clickhouse).rebuild('2026-2027');
    expect((await ask(admin, q)).body.data).toEqual(before);
  });

  it('counts an event that arrives late at the next question, though the answer before was kept, and says when figures were computed', async () => {
    const q = { territory: territory70, from: '2026-10-01', to: '2026-10-31', indicators: ['visitors'] };
    const answer = async () => {
      const res = await admin.graphql<{ adoption: { asOf: string; points: { total: { values: { value: number }[] } }[] } }>(
        'query($q: AdoptionQueryInput!) { adoption(query: $q) { asOf points { total { values { value } } } } }',
        { q },
      );
      return { asOf: res.body.data!.adoption.asOf, visitors: res.body.data!.adoption.points[0].total.values[0].value };
    };
    await new Promise((resolve) => setTimeout(resolve, 5_000)); // past the 5 s margin after the last insert
    const first = await answer();
    expect(first.visitors).toBe(42);
    expect(Date.now() - Date.parse(first.asOf)).toBeLessThan(60_000);
    expect(await answer()).toEqual(first); // kept: the same computation
    await t.clickhouse.insert('events', [event(GRAY, 'enseignant', 999, '2026-10-07 09:00:00.000', 9990)]);
    const after = await answer();
    expect(after.visitors).toBe(43);
    expect(Date.parse(after.asOf)).toBeGreaterThan(Date.parse(first.asOf));
  });

  it('counts an event of today at the next question: by default no answer covering today lags', async () => {
    const today = parisToday();
    const q = { territory: territory70, from: today, to: today, indicators: ['visitors'] };
    const visitors = async () => (await ask(admin, q)).body.data!.adoption.points[0].total.values[0].value;
    const teachers = Array.from({ length: 11 }, (_, i) => event(MASSON, 'enseignant', 2001 + i, `${today} 09:00:00.000`, 20010 + i));
    await t.clickhouse.insert('events', teachers);
    expect(await visitors()).toBe(11);
    expect(await visitors()).toBe(11);
    await t.clickhouse.insert('events', [event(GRAY, 'enseignant', 2100, `${today} 09:30:00.000`, 21000)]);
    expect(await visitors()).toBe(12);
  });

  it('shows administrators the finalization of the rollups, runs it on demand, and keeps late events counted meanwhile', async () => {
    type State = { rollupFinalization: { intervalSeconds: number; lastPass: { built: string[] } | null; families: { family: string; slices: number; finalizedThrough: string | null; staleSlices: number }[] } };
    const state = async () => (await admin.graphql<State>('{ rollupFinalization { intervalSeconds lastPass { built } families { family slices finalizedThrough staleSlices } } }')).body.data!.rollupFinalization;
    const octoberVisitors = async () =>
      (await ask(admin, { territory: territory70, from: '2026-10-01', to: '2026-10-31', indicators: ['visitors'] })).body.data!.adoption.points[0].total.values[0].value;
    // The test application finalizes nothing by itself (ANALYTICS_FINALIZE_SECONDS=0).
    expect(await state()).toEqual({
      intervalSeconds: 0,
      lastPass: null,
      families: ['activity', 'service_activity', 'device_activity'].map((family) => ({ family, slices: 0, finalizedThrough: null, staleSlices: 0 })),
    });
    const visitors = await octoberVisitors();
    // Yesterday holds an event too: the finalized rows then reach yesterday, today staying live.
    const yesterday = addDays(parisToday(), -1);
    await t.clickhouse.insert('events', [event(MASSON, 'enseignant', 3000, `${yesterday} 09:00:00.000`, 30000)]);
    const pass = await admin.graphql<{ finalizeRollups: { built: string[] } }>('mutation { finalizeRollups { built } }');
    expect(pass.body.data!.finalizeRollups.built).toEqual(expect.arrayContaining(['activity day 2026-10-01', 'activity school_year 2026-09-01', 'device_activity month 2026-10-01']));
    const after = await state();
    expect(after.lastPass?.built).toEqual(pass.body.data!.finalizeRollups.built);
    for (const f of after.families) expect(f).toMatchObject({ finalizedThrough: yesterday, staleSlices: 0 });
    expect(await octoberVisitors()).toBe(visitors);
    // A late event on a finalized day: its slices are stale (day, week, month, school year; no week for services and devices) and it counts at once.
    await t.clickhouse.insert('events', [event(GRAY, 'enseignant', 3001, '2026-10-08 09:00:00.000', 30010)]);
    expect((await state()).families.map((f) => f.staleSlices)).toEqual([4, 3, 3]);
    expect(await octoberVisitors()).toBe(visitors + 1);
    await admin.graphql('mutation { finalizeRollups { seconds } }');
    expect((await state()).families.map((f) => f.staleSlices)).toEqual([0, 0, 0]);
    expect(await octoberVisitors()).toBe(visitors + 1);
  });
});
