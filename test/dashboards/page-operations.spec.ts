import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getOperationAST, parse } from 'graphql';
import { DASHBOARDS, addDays, pageOperation, parisToday, type AdoptionAnswer, type AnalyticsTerritory, type DashboardDefinition } from '@ent/dashboards';
import { AuthService } from '../../api/src/auth/auth.service';
import { DEMO_ACCOUNTS } from '../../api/src/auth/demo-accounts';
import { loadDemoCatalog } from '../../api/src/catalog/demo/load-demo-catalog';
import { AnalyticsCostEstimator } from '../../api/src/analytics/cost/analytics-cost-estimator';
import { operationCost } from '../../api/src/analytics/cost/analytics-cost.plugin';
import { BrowserSession } from '../support/browser-session';
import { startTestApp, type TestApp } from '../support/test-app';
import { RELATIONAL_TARGETS } from '../support/test-stores';

jest.setTimeout(600_000);

const TODAY = parisToday();
/** Collège Jean Macé (Vesoul, Haute-Saône): the demo establishment head's, inside every other demo account's scope. */
const JEAN_MACE: AnalyticsTerritory = { level: 'etablissement', code: '0700785Y' };
/** The territory each role's demo-like account looks at (its own: the project manager's first). */
const TERRITORY_OF: Record<DashboardDefinition['id'], AnalyticsTerritory> = {
  councillor: { level: 'departement', code: '70' },
  rectorate: { level: 'academie', code: '03' },
  project_manager: { level: 'departement', code: '70' },
  establishment_head: JEAN_MACE,
};

/** Every page of every role's dashboard. */
const PAGES = Object.values(DASHBOARDS).flatMap((dashboard) => dashboard.pages.map((page) => ({ role: dashboard.id, dashboard, page })));

/** 12 teachers and 25 pupils of Jean Macé active yesterday: the answers publish figures and hide small ones. */
function events() {
  const day = addDays(TODAY, -1);
  const rows = [];
  for (let user = 1; user <= 37; user++) {
    rows.push({
      event_id: `00000000-0000-4000-8000-${String(user).padStart(12, '0')}`,
      occurred_at: `${day} 08:00:00.000`,
      received_at: `${day} 08:00:00.000`,
      source: 'test',
      uai: JEAN_MACE.code,
      profile: user <= 12 ? 'enseignant' : 'eleve',
      user_key: String(user),
      family_key: '0',
      session_key: String(user),
      service: 'cahier_textes',
      service_label: 'Cahier de textes',
      action: 'access',
      device: 'ordinateur',
    });
  }
  return rows;
}

describe.each(RELATIONAL_TARGETS)('each page of each role’s dashboard in one operation, on $name', (target) => {
  let t: TestApp;
  const sessions = new Map<string, BrowserSession>();

  beforeAll(async () => {
    t = await startTestApp({ API_RATE_LIMIT_PER_10S: '10000', API_RATE_LIMIT_PER_MINUTE: '100000' }, target, async (relational) => {
      await loadDemoCatalog(relational, new Date(`${TODAY}T10:00:00Z`));
    });
    await t.clickhouse.insert('events', events());
    const auth = t.app.get(AuthService);
    for (const account of DEMO_ACCOUNTS) {
      if (account.role === 'admin') continue;
      await auth.createUser(account);
      const session = new BrowserSession(t.url);
      expect((await session.login(account.email, account.password)).status).toBe(200);
      sessions.set(account.role, session);
    }
  });
  afterAll(async () => t?.close());

  it.each(PAGES.map((p) => [p.role, p.page.id, p] as const))('%s: the %s page is accepted as the role’s account, within the cost budget', async (role, _page, { dashboard, page }) => {
    const territory = page.subject === 'establishment' ? JEAN_MACE : TERRITORY_OF[role];
    const op = pageOperation(dashboard, page.id, territory, TODAY);

    // The analytics cost the API computes before any work (ANALYTICS_MAX_COST).
    const document = parse(op.query);
    const costs = await operationCost(t.app.get(GraphQLSchemaHost).schema, document, getOperationAST(document)!, op.variables, t.app.get(AnalyticsCostEstimator));
    expect(costs?.map((c) => c.field)).toEqual(op.aliases);
    // 0 would mean the API is about to refuse the field's arguments (goalProgress costs 0 where no goal is set).
    const goals = new Set(dashboard.panels.filter((p) => p.source === 'goalProgress').map((p) => p.id));
    for (const c of costs ?? []) if (!goals.has(c.field)) expect(c.cost).toBeGreaterThan(0);
    expect((costs ?? []).reduce((sum, c) => sum + c.cost, 0)).toBeLessThanOrEqual(t.config.analytics.limits.maxCostPerRequest);

    const res = await sessions.get(role)!.graphql(op.query, op.variables);
    expect(res.body.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data ?? {})).toEqual(op.aliases);
  });

  it('publishes the figures of the page: the establishment head’s week holding yesterday counts its 37 visitors', async () => {
    const op = pageOperation(DASHBOARDS.establishment_head, 'overview', JEAN_MACE, TODAY);
    const res = await sessions.get('establishment_head')!.graphql<{ weekly_activity: AdoptionAnswer['adoption'] }>(op.query, op.variables);
    const yesterday = addDays(TODAY, -1);
    const week = res.body.data!.weekly_activity.points.find((p) => p.start <= yesterday && yesterday <= p.end);
    expect(week?.total.values.find((v) => v.indicator === 'visitors')).toEqual({ indicator: 'visitors', value: 37, suppressed: false, reason: null, missing: null, denominator: null });
  });
});
