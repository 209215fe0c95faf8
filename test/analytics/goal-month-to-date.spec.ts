/**
 * A goal's current value and projection read complete months only; the month that is not over
 * yet is shown apart (`monthToDate`): a few days do not compare with whole months (Haute-Loire's
 * teacher goal once read its December 1–6 value as "current").
 */
import { randomUUID } from 'node:crypto';
import { AuthService } from '../../api/src/auth/auth.service';
import { loadDemoCatalog } from '../../api/src/catalog/demo/load-demo-catalog';
import { IngestionRuntime } from '../../api/src/ingestion/ingestion-runtime';
import { addDays, addMonths, monthStartOf, parisToday } from '../../api/src/analytics/periods/calendar-days.util';
import { BrowserSession } from '../support/browser-session';
import { startTestApp, type TestApp } from '../support/test-app';
import { RELATIONAL_TARGETS } from '../support/test-stores';

jest.setTimeout(120_000);

const GOALS = `query Goals($today: String) {
  goalProgress(territory: { level: departement, code: "43" }, today: $today) {
    goal { name }
    current
    progress
    status
    points { month value }
    monthToDate { from to value }
  }
}`;

interface GoalAnswer {
  goal: { name: string };
  current: number | null;
  progress: number | null;
  status: string;
  points: { month: string; value: number | null }[];
  monthToDate: { from: string; to: string; value: number | null } | null;
}

describe.each(RELATIONAL_TARGETS)('goal progress: complete months, the month to date apart ($name)', (target) => {
  let t: TestApp;
  let admin: BrowserSession;
  const today = parisToday();
  const thisMonth = monthStartOf(today);
  const lastMonth = addMonths(thisMonth, -1);

  /** Teachers of collège des Fontilles (Haute-Loire) active at `at`. */
  const teachers = (count: number, at: string) =>
    Array.from({ length: count }, (_, i) => ({
      value: { event_id: randomUUID(), occurred_at: at, uai: '0430002U', profile: 'enseignant', user_id: `goal-teacher-${i}`, service: 'cahier_textes', action: 'access', device: 'ordinateur' },
    }));

  async function goals(day?: string): Promise<GoalAnswer[]> {
    const res = await admin.graphql<{ goalProgress: GoalAnswer[] }>(GOALS, { today: day });
    if (res.body.errors?.length || !res.body.data) throw new Error(`goalProgress refused: ${JSON.stringify(res.body.errors)}`);
    return res.body.data.goalProgress.filter((g) => g.goal.name.startsWith('Test '));
  }

  beforeAll(async () => {
    t = await startTestApp({ API_RATE_LIMIT_PER_10S: '1000', API_RATE_LIMIT_PER_MINUTE: '10000' }, target, async (relational) => {
      await loadDemoCatalog(relational, new Date());
    });
    await t.app.get(AuthService).createUser({ email: 'root@ent.example.fr', displayName: 'Root', role: 'admin', territories: [], password: 'root passphrase here' });
    admin = new BrowserSession(t.url);
    expect((await admin.login('root@ent.example.fr', 'root passphrase here')).status).toBe(200);
    for (const [name, startOn] of [
      ['Test since two months ago', addMonths(thisMonth, -2)],
      ['Test since this month', thisMonth],
    ]) {
      const res = await admin.graphql(
        `mutation { createGoal(input: { name: "${name}", indicator: "visitors", profile: "enseignant", scopeLevel: "departement", scopeCodes: ["43"], target: 100, startOn: "${startOn}", deadline: "2100-06-30" }) { id } }`,
      );
      expect(res.body.errors).toBeUndefined();
    }
    // 12 teachers on the 2nd of last month at noon, 15 now (today in Paris).
    const pipeline = t.app.get(IngestionRuntime).pipeline;
    const last = await pipeline.ingest(teachers(12, `${addDays(lastMonth, 1)}T11:00:00.000Z`), 'test', 'demo');
    const now = await pipeline.ingest(teachers(15, new Date().toISOString()), 'test', 'demo');
    expect([last.accepted, now.accepted]).toEqual([12, 15]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('reads current and the trend on complete months, and the month to date apart', async () => {
    const [sinceTwoMonths, sinceThisMonth] = await goals(today);
    expect(sinceTwoMonths).toMatchObject({
      current: 12,
      progress: 0.12,
      points: [
        { month: addMonths(thisMonth, -2), value: 0 },
        { month: lastMonth, value: 12 },
      ],
      monthToDate: { from: thisMonth, to: today, value: 15 },
    });
    // No complete month yet: no current value, rather than a few days read as a month.
    expect(sinceThisMonth).toMatchObject({ current: null, progress: null, status: 'not_enough_data', points: [], monthToDate: { from: thisMonth, to: today, value: 15 } });
  });

  it('gives no month to date for a day other than today', async () => {
    const [sinceTwoMonths, sinceThisMonth] = await goals(addDays(thisMonth, -1));
    // The last day of last month: that month is not over on its own last day.
    expect(sinceTwoMonths).toMatchObject({ current: 0, points: [{ month: addMonths(thisMonth, -2), value: 0 }], monthToDate: null });
    expect(sinceThisMonth).toMatchObject({ current: null, points: [], monthToDate: null });
  });
});
