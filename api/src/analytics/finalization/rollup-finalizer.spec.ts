import type { ClickHouseStore } from '@ent/clickhouse';
import { ClickHouseMigrator, loadClickHouseMigrations } from '@ent/migrations';
import { closeTestClickHouse, openTestClickHouse } from '../../../../test/support/test-stores';
import { RollupFinalizer } from './rollup-finalizer';
import { RollupFreshness } from './rollup-freshness';

jest.setTimeout(60_000);

const TODAY = '2026-10-14';
const A = '0700785Y';
const B = '0702102E';
let next = 1;

interface EventSpec {
  at: string;
  uai?: string;
  user: number;
  family?: number;
  session?: number;
  service?: string;
  device?: string;
  profile?: string;
}
/** An event at a Paris summer time (`2026-10-05 10:00` is 08:00 UTC). */
function event(e: EventSpec) {
  const n = next++;
  const utc = new Date(Date.parse(`${e.at.replace(' ', 'T')}:00+02:00`)).toISOString().replace('T', ' ').replace('Z', '');
  return {
    event_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    occurred_at: utc,
    received_at: utc,
    source: 'test',
    uai: e.uai ?? A,
    profile: e.profile ?? 'parent',
    user_key: String(e.user),
    family_key: String(e.family ?? 0),
    session_key: String(e.session ?? 0),
    service: e.service ?? 'notes',
    service_label: 'Notes',
    action: 'access',
    device: e.device ?? 'smartphone',
  };
}

interface FinalRow {
  uai: string;
  service?: string;
  period: string;
  user_key: string;
  person_rows: number;
  session_visits: number;
  session_seconds: number;
  sessionless_visits: number;
  shared_visits: string[];
  shared_starts: number[];
  shared_ends: number[];
  shared_sessionless: string[];
}

describe('RollupFinalizer: the rollups of past days as plain counts per person', () => {
  let store: ClickHouseStore;
  let freshness: RollupFreshness;
  let finalizer: RollupFinalizer;
  const rowsOf = (table: string, grain: string, user: number) =>
    store.query<FinalRow>(
      `SELECT * EXCEPT (grain, generation, profile, family_key, active_weeks) FROM ${table} WHERE grain = {grain:String} AND user_key = {user:UInt64}
       AND generation IN (SELECT max(generation) FROM rollup_slices GROUP BY family, grain, first_day) ORDER BY period, uai${table.startsWith('service') ? ', service' : ''}`,
      { params: { grain, user } },
    );
  const slices = () =>
    store.query<{ family: string; grain: string; first_day: string; through: string; n: string }>(
      'SELECT family, toString(grain) AS grain, toString(first_day) AS first_day, toString(max(through)) AS through, toString(count()) AS n FROM rollup_slices GROUP BY family, grain, first_day ORDER BY family, grain, first_day',
    );

  beforeAll(async () => {
    store = await openTestClickHouse();
    await new ClickHouseMigrator(store, loadClickHouseMigrations()).migrate();
    freshness = new RollupFreshness(store, 0);
    finalizer = new RollupFinalizer(store, freshness, { intervalSeconds: 0, retentionMonths: 25, keepReplacedMs: 0, insertMarginMs: 0 }, () => TODAY);
    await store.insert('events', [
      // Person 1, a parent of children in A and B, Monday 5 October: one session switching from A
      // (10:00, 10:05) to B (10:08), one session in A only (14:00 → 14:30), and events without
      // session id: 17:00 in A, 17:20 in B, 17:40 in A (one visit touching both), 20:00 in B.
      event({ at: '2026-10-05 10:00', user: 1, family: 7, session: 11 }),
      event({ at: '2026-10-05 10:05', user: 1, family: 7, session: 11, service: 'cahier_textes' }),
      event({ at: '2026-10-05 10:08', user: 1, family: 7, session: 11, uai: B }),
      event({ at: '2026-10-05 14:00', user: 1, family: 7, session: 12 }),
      event({ at: '2026-10-05 14:30', user: 1, family: 7, session: 12 }),
      event({ at: '2026-10-05 17:00', user: 1, family: 7 }),
      event({ at: '2026-10-05 17:20', user: 1, family: 7, uai: B }),
      event({ at: '2026-10-05 17:40', user: 1, family: 7 }),
      event({ at: '2026-10-05 20:00', user: 1, family: 7, uai: B }),
      // Person 1 again on Tuesday 6 October in A only; person 2 on the 6th and today.
      event({ at: '2026-10-06 09:00', user: 1, family: 7, session: 13 }),
      event({ at: '2026-10-06 09:00', user: 2, session: 21, profile: 'eleve' }),
      event({ at: `${TODAY} 09:00`, user: 2, session: 22, profile: 'eleve' }),
    ]);
  });
  afterAll(async () => closeTestClickHouse(store));

  it('builds every slice holding a past day, never today, each held up to yesterday at most', async () => {
    const report = await finalizer.run();
    expect(report.built.map((b) => `${b.slice} → ${b.through}`).sort()).toEqual(
      [
        'activity day 2026-10-01 → 2026-10-13',
        'activity week 2026-10-01 → 2026-10-13',
        'activity month 2026-10-01 → 2026-10-13',
        'activity school_year 2026-09-01 → 2026-10-13',
        ...['service_activity', 'device_activity'].flatMap((f) => [`${f} day 2026-10-01 → 2026-10-13`, `${f} month 2026-10-01 → 2026-10-13`, `${f} school_year 2026-09-01 → 2026-10-13`]),
      ].sort(),
    );
    // Nothing changed since: nothing to build.
    expect((await finalizer.run()).built).toEqual([]);
  });

  it('counts a visit touching two rows of a person once per cell: shared keys, and plain counts for the others', async () => {
    const days = await rowsOf('activity_final', 'day', 1);
    const sessionA = days.find((r) => r.period === '2026-10-05' && r.uai === A) as FinalRow;
    const sessionB = days.find((r) => r.period === '2026-10-05' && r.uai === B) as FinalRow;
    // A: session 12 (14:00 → 14:30, 1,800 s) is A's alone; session 11 touches B too. Without session
    // id, the day's timeline 17:00, 17:20, 17:40 | 20:00 is two visits: the first touches A and B.
    const tenAm = Date.parse('2026-10-05T08:00:00Z') / 1000;
    expect(sessionA).toMatchObject({ person_rows: 2, session_visits: 1, session_seconds: 1800, sessionless_visits: 0, shared_starts: [tenAm], shared_ends: [tenAm + 300] });
    expect(sessionA.shared_visits).toHaveLength(1);
    expect(sessionA.shared_sessionless).toHaveLength(1);
    // B: session 11 from 10:08 to 10:08 within B; the 20:00 visit is B's alone.
    expect(sessionB).toMatchObject({ person_rows: 2, session_visits: 0, session_seconds: 0, sessionless_visits: 1, shared_visits: sessionA.shared_visits, shared_sessionless: sessionA.shared_sessionless });
    expect([sessionB.shared_starts, sessionB.shared_ends]).toEqual([[tenAm + 480], [tenAm + 480]]);
    // The month sums the days: 6 October adds session 13 in A.
    const [monthA, monthB] = await rowsOf('activity_final', 'month', 1);
    expect(monthA).toMatchObject({ uai: A, period: '2026-10-01', person_rows: 2, session_visits: 2, session_seconds: 1800, sessionless_visits: 0 });
    expect(monthB).toMatchObject({ uai: B, period: '2026-10-01', person_rows: 2, session_visits: 0, sessionless_visits: 1 });
    expect(monthA.shared_visits).toEqual(sessionA.shared_visits);
    // Per service, sharing is within a service: session 11 is shared in notes (A and B), A's alone in cahier_textes.
    const services = (await rowsOf('service_activity_final', 'day', 1)).filter((r) => r.period === '2026-10-05');
    expect(services.map((r) => [r.uai, r.service, r.person_rows, r.session_visits, r.shared_visits.length, r.sessionless_visits, r.shared_sessionless.length])).toEqual([
      [A, 'cahier_textes', 1, 1, 0, 0, 0],
      [A, 'notes', 2, 1, 1, 0, 1],
      [B, 'notes', 2, 0, 1, 1, 1],
    ]);
  });

  it('tells readers which finalized periods hold every event of their days, and rebuilds those a late event changed', async () => {
    let periods = (await freshness.snapshot()).finalizedPeriods('activity');
    expect(periods('day', '2026-10-05')).toMatchObject({ end: '2026-10-05' });
    expect(periods('week', '2026-10-05')).toMatchObject({ end: '2026-10-11' });
    expect(periods('month', '2026-10-01')).toMatchObject({ end: '2026-10-13' });
    expect(periods('school_year', '2026-09-01')).toMatchObject({ end: '2026-10-13' });
    expect(periods('day', TODAY)).toBeUndefined();
    expect(periods('month', '2026-10-02')).toBeUndefined(); // not the start of a month

    // A late event on Tuesday 6 October: that day, its week, month and school year are read live until rebuilt.
    await store.insert('events', [event({ at: '2026-10-06 11:00', user: 3, session: 31, profile: 'eleve' })]);
    periods = (await freshness.snapshot()).finalizedPeriods('activity');
    expect(periods('day', '2026-10-05')).toMatchObject({ end: '2026-10-05' });
    for (const [grain, period] of [['day', '2026-10-06'], ['week', '2026-10-05'], ['month', '2026-10-01'], ['school_year', '2026-09-01']] as const) {
      expect(periods(grain, period)).toBeUndefined();
    }
    const report = await finalizer.run();
    expect(report.built.filter((b) => b.slice.startsWith('activity ')).map((b) => b.slice)).toEqual([
      'activity day 2026-10-01',
      'activity week 2026-10-01',
      'activity month 2026-10-01',
      'activity school_year 2026-09-01',
    ]);
    // The replaced generations are dropped (kept 0 ms here): one build per slice left.
    expect(report.dropped).toBe(10);
    expect((await slices()).every((s) => s.n === '1')).toBe(true);
    periods = (await freshness.snapshot()).finalizedPeriods('activity');
    expect(periods('week', '2026-10-05')).toMatchObject({ end: '2026-10-11' });
    const [{ people }] = await store.query<{ people: string }>(
      "SELECT toString(uniqExact(user_key)) AS people FROM activity_final WHERE grain = 'month' AND generation = {g:UInt64}",
      { params: { g: periods('month', '2026-10-01')?.generation } },
    );
    expect(people).toBe('3');
  });

  it('leaves to the next pass a day changed within the insert margin (what was inserted may not all be readable yet)', async () => {
    const careful = new RollupFinalizer(store, freshness, { intervalSeconds: 0, retentionMonths: 25, keepReplacedMs: 0, insertMarginMs: 60_000 }, () => TODAY);
    await store.insert('events', [event({ at: '2026-10-07 11:00', user: 4, session: 41, profile: 'eleve' })]);
    expect((await careful.run()).built).toEqual([]);
    expect((await finalizer.run()).built.map((b) => b.slice)).toContain('activity day 2026-10-01');
  });

  it('does not finalize days older than the retention of the rollups', async () => {
    await store.insert('events', [event({ at: '2024-06-03 11:00', user: 5, session: 51, profile: 'eleve' })]);
    const report = await finalizer.run();
    expect(report.built).toEqual([]);
    expect((await slices()).map((s) => s.first_day).filter((d) => d < '2026-01-01')).toEqual([]);
  });

  it('runs by itself every interval once started, and says what it built', async () => {
    const messages: string[] = [];
    const background = new RollupFinalizer(store, freshness, { intervalSeconds: 1, retentionMonths: 25, keepReplacedMs: 0, insertMarginMs: 0 }, () => TODAY, (m) => messages.push(m));
    await store.insert('events', [event({ at: '2026-10-09 11:00', user: 6, session: 61, profile: 'eleve' })]);
    background.start();
    try {
      for (let i = 0; i < 100 && !messages.some((m) => m.includes('activity day 2026-10-01')); i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      background.stop();
      await background.idle();
    }
    expect(messages.find((m) => m.startsWith('finalized '))).toMatch(/^finalized 10 rollup slices in [\d.]+ s \(activity day 2026-10-01, /);
    // Later passes found nothing more to build.
    expect(background.lastPass?.finishedAt).toBeInstanceOf(Date);
    expect(messages.filter((m) => m.startsWith('finalized '))).toHaveLength(1);
    expect(await background.state()).toEqual([
      { family: 'activity', slices: 4, finalizedThrough: '2026-10-13', staleSlices: 0 },
      { family: 'service_activity', slices: 3, finalizedThrough: '2026-10-13', staleSlices: 0 },
      { family: 'device_activity', slices: 3, finalizedThrough: '2026-10-13', staleSlices: 0 },
    ]);
  });
});
