/**
 * The finalized rollups (analytics/finalization) give exactly the figures of the rollups with
 * aggregate states, for every kind of question, before and after late events.
 *
 * Deterministic pseudo-random activity over the fixture's four collèges (110 days up to today):
 * people in one or two establishments, sessions switching establishment or service, visits without
 * session id cut at 30 minutes, families shared by two parents, every device. The same questions
 * (breakdowns, series, filters, two territories) are asked:
 * 1. before any finalization (states only);
 * 2. once the past days are finalized (today stays live);
 * 3. after late events on finalized days and today, before the next finalization (the changed
 *    periods fall back to the states);
 * 4. once finalized again;
 * 5. with the finalized slices forgotten (states only again).
 * 1 = 2, and 3 = 4 = 5, answer by answer (secrecy thresholds lowered so that figures show).
 */
import type { EventRow } from '@ent/ingest';
import { AdoptionService, type AdoptionRequest } from '../../api/src/analytics/adoption.service';
import { RollupFinalizer } from '../../api/src/analytics/finalization/rollup-finalizer';
import { parisToday, addDays } from '../../api/src/analytics/periods/calendar-days.util';
import { QueryResultCache } from '../../api/src/analytics/result-cache/query-result-cache';
import { NATIONAL_SCOPE } from '../../api/src/scope/territorial-scope';
import { startTestApp, type TestApp } from '../support/test-app';
import { UAI } from './fixtures/adoption-fixture';
import { seedFixtureCatalog } from './fixtures/seed-fixture-catalog';

jest.setTimeout(180_000);

/** mulberry32: the same activity at every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROFILES = ['eleve', 'parent', 'enseignant', 'admin_vie_scol_tech', 'autre'] as const satisfies readonly EventRow['profile'][];
const SERVICES = ['notes', 'cahier_textes', 'absences', 'messagerie'] as const;
const DEVICES = ['inconnu', 'ordinateur', 'smartphone', 'tablette', 'autre'] as const satisfies readonly EventRow['device'][];
const UAIS = [UAI.A, UAI.B, UAI.C, UAI.D];


const PARIS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const OFFSET = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' });
/** The UTC instant of a Paris wall-clock time, `minutes` after midnight of `day` (the offset of that day's noon). */
function parisInstant(day: string, minutes: number): Date {
  const noon = new Date(`${day}T12:00:00Z`);
  const hours = Number(/GMT([+-]\d+)/.exec(OFFSET.format(noon))?.[1] ?? 1);
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + (minutes - hours * 60) * 60_000);
}

function activity(seed: number, days: readonly string[], eventNumber: { n: number }, maxMinuteToday: number): EventRow[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const rows: EventRow[] = [];
  const today = parisToday();
  for (let person = 1; person <= 60; person++) {
    const profile = PROFILES[person % 5];
    const uai = UAIS[person % 4];
    const second = person % 7 === 0 ? UAIS[(person + 1) % 4] : undefined;
    const family = profile === 'parent' || profile === 'eleve' ? 1000 + Math.floor(person / 2) : 0;
    for (const day of days) {
      if (random() > 0.3) continue;
      const visits = 1 + Math.floor(random() * 3);
      let minute = 420 + Math.floor(random() * 300);
      for (let v = 0; v < visits; v++) {
        const withSession = random() < 0.75;
        const session = withSession ? String(person * 100_000 + eventNumber.n) : '0';
        const events = 1 + Math.floor(random() * 5);
        for (let e = 0; e < events; e++) {
          const at = day === today ? Math.min(minute, maxMinuteToday) : minute;
          const instant = parisInstant(day, at).toISOString().replace('T', ' ').replace('Z', '');
          rows.push({
            event_id: `0e000000-0000-4000-8000-${String(++eventNumber.n).padStart(12, '0')}`,
            occurred_at: instant,
            received_at: instant,
            source: 'equivalence',
            uai: second && random() < 0.4 ? second : uai,
            profile,
            user_key: String(person),
            family_key: String(family),
            session_key: session,
            service: pick(SERVICES),
            service_label: '',
            action: 'access',
            device: pick(DEVICES),
          });
          // Without session id, gaps of 5 to 45 minutes: some over 30 (a new visit), some not.
          minute += withSession ? 1 + Math.floor(random() * 12) : 5 + Math.floor(random() * 40);
        }
        minute += 35 + Math.floor(random() * 120);
      }
    }
  }
  return rows;
}

describe('finalized rollups give the figures of the rollups with aggregate states', () => {
  let t: TestApp;
  const today = parisToday();
  const days = Array.from({ length: 110 }, (_, i) => addDays(today, i - 109));
  const eventNumber = { n: 0 };
  const [hour, minute] = PARIS.format(new Date()).split(':').map(Number);
  const maxMinuteToday = Math.max(0, hour * 60 + minute - 1);

  const questions: [string, Omit<AdoptionRequest, 'territory'> & { territory?: AdoptionRequest['territory'] }][] = [];
  const dept = { level: 'departement' as const, code: '70' };
  const collegeA = { level: 'etablissement' as const, code: UAI.A };
  const periods: [string, string, AdoptionRequest['interval']][] = [
    [days[0], today, 'none'],
    [days[0], today, 'month'],
    [addDays(today, -34), today, 'week'],
    [addDays(today, -11), today, 'day'],
    [days[20], addDays(today, -3), 'none'],
  ];
  const shapes: Pick<AdoptionRequest, 'indicators' | 'groupBy' | 'profiles' | 'services'>[] = [
    { indicators: ['visitors', 'visits', 'regular_users', 'intensity', 'time_per_visit', 'family_uptake'], groupBy: [] },
    { indicators: ['visitors', 'visits', 'usage_rate', 'regular_use_rate', 'family_uptake'], groupBy: ['profile'] },
    { indicators: ['visitors', 'visits', 'regular_users'], groupBy: ['establishment'] },
    { indicators: ['visitors', 'visits', 'service_mix', 'regular_users'], groupBy: ['service'] },
    { indicators: ['visitors', 'visits', 'device_mix', 'time_per_visit'], groupBy: ['device', 'profile'] },
    { indicators: ['visitors', 'visits', 'usage_rate'], groupBy: ['establishment'], profiles: ['parent'] },
    { indicators: ['visitors', 'visits', 'regular_users'], groupBy: ['profile'], services: ['notes', 'absences'] },
  ];
  for (const [from, to, interval] of periods) {
    for (const [i, shape] of shapes.entries()) {
      questions.push([`${shape.groupBy.join('+') || 'total'}#${i} ${interval} ${from}…${to}`, { ...shape, from, to, interval, territory: dept }]);
      if (i < 2) questions.push([`${shape.groupBy.join('+') || 'total'}#${i} ${interval} ${from}…${to} (collège A)`, { ...shape, from, to, interval, territory: collegeA }]);
    }
  }

  /** Every answer, without when it was computed. */
  async function answers(): Promise<Record<string, unknown>> {
    t.app.get(QueryResultCache).clear();
    const service = t.app.get(AdoptionService);
    const out: Record<string, unknown> = {};
    for (const [name, q] of questions) {
      const { asOf: _asOf, queries: _queries, ...answer } = await service.adoption(NATIONAL_SCOPE, { ...q, territory: q.territory ?? dept });
      out[name] = JSON.parse(JSON.stringify(answer, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v)));
    }
    return out;
  }
  const finalize = async () => (await t.app.get(RollupFinalizer).run({ settle: true })).built.length;

  beforeAll(async () => {
    t = await startTestApp(
      { SECRECY_MIN_COUNT: '2', SECRECY_MIN_DENOMINATOR: '2', INGEST_RETENTION_MONTHS: '120', ROLLUP_RETENTION_MONTHS: '120' },
      undefined,
      seedFixtureCatalog,
    );
  });
  afterAll(async () => t?.close());

  it('answers every question alike from both rollups, before and after late events', async () => {
    const rows = activity(7, days, eventNumber, maxMinuteToday);
    for (let i = 0; i < rows.length; i += 5000) await t.clickhouse.insert('events', rows.slice(i, i + 5000));
    const statesOnly = await answers();
    expect(await finalize()).toBeGreaterThan(20);
    const finalized = await answers();
    expect(finalized).toEqual(statesOnly);

    // Late events: the same people on a few finalized days (a week ago, a month ago) and today.
    const late = activity(11, [addDays(today, -7), addDays(today, -30), today], eventNumber, maxMinuteToday);
    await t.clickhouse.insert('events', late);
    const afterLate = await answers();
    expect(await finalize()).toBeGreaterThan(3);
    expect(await answers()).toEqual(afterLate);
    await t.clickhouse.command('TRUNCATE TABLE rollup_slices');
    expect(await answers()).toEqual(afterLate);
    // The late events changed the figures (the test would not see a stale answer otherwise).
    expect(afterLate).not.toEqual(statesOnly);
  });
});
