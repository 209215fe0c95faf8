/**
 * The demo tells the stories of DOMAIN.md ("Facts from the territories"), read back through
 * GraphQL as a newcomer reads them: the demo territory loaded as `npm start` loads it
 * (api/src/demo/load-demo-territory.ts: catalog, accounts, about 13 months of events through the
 * ingestion pipeline), then `adoption` and `deploymentCohorts` asked by the demo administrator.
 *
 * `today` is fixed so that every figure is the same at each run (the generator is deterministic);
 * the retentions are widened so that the events of that past year are accepted whenever the test
 * runs. Values are read where statistical secrecy publishes them (a hidden one fails the test).
 */
import { loadDemoTerritoryIfEmpty } from '../../api/src/demo/load-demo-territory';
import { BrowserSession } from '../support/browser-session';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(300_000);

// The end of a school year: the 13 months before it hold a whole school year, and Haute-Saône's
// 2012 and 2013 waves (shifted to 2024 and 2025) at many equal ages.
const TODAY = new Date('2026-06-30T17:00:00Z');
const TODAY_DAY = '2026-06-30';

interface RawValue {
  indicator: string;
  value: number | null;
  suppressed: boolean;
  reason: string | null;
}
interface RawCell {
  dimensions: { dimension: string; code: string }[] | null;
  values: RawValue[];
}
interface RawPoint {
  start: string;
  end: string;
  total: RawCell;
  cells: RawCell[];
}

const ADOPTION = `query Adoption($q: AdoptionQueryInput!) {
  adoption(query: $q) {
    points { start end total { ...c } cells { ...c } }
  }
}
fragment c on AdoptionCell { dimensions { dimension code } values { indicator value suppressed reason } }`;

const COHORTS = `query Cohorts($t: AnalyticsTerritoryInput!, $today: String!) {
  deploymentCohorts(territory: $t, indicator: usage_rate, profile: eleve, today: $today) { wave waveLabel monthsSinceOpening value suppressed reason }
}`;

/** A published value (fails, naming it, when it is hidden or missing). */
function published(cell: RawCell, indicator: string, what: string): number {
  const v = cell.values.find((x) => x.indicator === indicator);
  if (!v || v.value === null) throw new Error(`${what}: ${indicator} is not published (${JSON.stringify(v)})`);
  return v.value;
}

describe('the demo territory tells the stories of DOMAIN.md, through GraphQL', () => {
  let t: TestApp;
  let admin: BrowserSession;

  async function adoption(q: Record<string, unknown>): Promise<RawPoint[]> {
    const res = await admin.graphql<{ adoption: { points: RawPoint[] } }>(ADOPTION, { q });
    if (res.body.errors?.length || !res.body.data) throw new Error(`adoption refused: ${JSON.stringify(res.body.errors)}`);
    return res.body.data.adoption.points;
  }

  /** Usage rate, visits per visitor and family uptake per profile in November (a term month without holidays but its first 3 days). */
  async function november(departement: string) {
    const [point] = await adoption({
      territory: { level: 'departement', code: departement },
      from: '2025-11-01',
      to: '2025-11-30',
      indicators: ['usage_rate', 'intensity'],
      groupBy: ['profile'],
    });
    const byProfile = (profile: string) => {
      const cell = point.cells.find((c) => c.dimensions?.[0].code === profile);
      if (!cell) throw new Error(`${departement}: no ${profile} cell in November`);
      return { usageRate: published(cell, 'usage_rate', `${departement} ${profile}`), intensity: published(cell, 'intensity', `${departement} ${profile}`) };
    };
    const [families] = await adoption({ territory: { level: 'departement', code: departement }, from: '2025-11-01', to: '2025-11-30', indicators: ['family_uptake'] });
    return {
      eleve: byProfile('eleve'),
      parent: byProfile('parent'),
      enseignant: byProfile('enseignant'),
      familyUptake: published(families.total, 'family_uptake', `${departement} families`),
    };
  }

  beforeAll(async () => {
    t = await startTestApp({
      // The demo's year ends on TODAY: its events stay accepted (and its rollups kept) at any later run.
      INGEST_RETENTION_MONTHS: '120',
      ROLLUP_RETENTION_MONTHS: '120',
      INGEST_FLUSH_INTERVAL_MS: '100',
      API_RATE_LIMIT_PER_10S: '1000',
      API_RATE_LIMIT_PER_MINUTE: '10000',
    });
    const loaded = await loadDemoTerritoryIfEmpty(t.app, { info: () => undefined }, TODAY);
    expect(loaded).toBe(true);
    admin = new BrowserSession(t.url);
    expect((await admin.login('admin@demo.ent-observatoire.fr', 'demo-admin-observatoire')).status).toBe(200);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('Haute-Loire: about 60 % of teachers active in a term month, families weak (uptake under 20 %), pupils in between', async () => {
    const hl = await november('43');
    expect(hl.enseignant.usageRate).toBeGreaterThanOrEqual(55);
    expect(hl.enseignant.usageRate).toBeLessThanOrEqual(65);
    expect(hl.familyUptake).toBeLessThan(20);
    expect(hl.eleve.usageRate).toBeLessThan(hl.enseignant.usageRate);
    expect(hl.eleve.usageRate).toBeGreaterThan(hl.parent.usageRate);
  });

  it.each([['43'], ['70'], ['73']])('%s: teachers connect most, then pupils, then parents (usage rate and visits per visitor)', async (departement) => {
    const d = await november(departement);
    expect(d.enseignant.usageRate).toBeGreaterThan(d.eleve.usageRate);
    expect(d.eleve.usageRate).toBeGreaterThan(d.parent.usageRate);
    expect(d.enseignant.intensity).toBeGreaterThan(d.eleve.intensity);
    expect(d.eleve.intensity).toBeGreaterThan(d.parent.intensity);
  });

  it('Savoie: about 4,500 distinct users over the school year across its 18 collèges', async () => {
    const [year] = await adoption({ territory: { level: 'departement', code: '73' }, from: '2025-09-01', to: '2026-08-31', indicators: ['visitors'], groupBy: ['establishment'] });
    const visitors = published(year.total, 'visitors', 'Savoie 2025-2026');
    expect(visitors).toBeGreaterThanOrEqual(4000);
    expect(visitors).toBeLessThanOrEqual(5000);
    expect(year.cells.length).toBe(18);
  });

  it('Haute-Saône: the pilots ahead of the 2012 wave, itself ahead of the 2013 collèges, at equal months since opening', async () => {
    const res = await admin.graphql<{ deploymentCohorts: { wave: string; waveLabel: string; monthsSinceOpening: number; value: number | null }[] }>(COHORTS, {
      t: { level: 'departement', code: '70' },
      today: TODAY_DAY,
    });
    if (res.body.errors?.length || !res.body.data) throw new Error(`deploymentCohorts refused: ${JSON.stringify(res.body.errors)}`);
    // Wave labels carry the shifted years (Pilotes 2023 … when TODAY is in June 2026).
    const curve = (label: string) =>
      new Map(res.body.data!.deploymentCohorts.filter((p) => p.waveLabel.startsWith(label) && p.value !== null).map((p) => [p.monthsSinceOpening, p.value as number]));
    // Pupils: the largest population of each wave, so the least noise.
    const pilots = curve('Pilotes ');
    const wave2012 = curve('Vague ');
    const wave2013 = curve('Généralisation ');
    /**
     * How far curve a is ahead of curve b: the mean of each one's 3 best values over the ages both
     * publish. Each age compares different calendar months (every collège opened on its own date),
     * and the summer months, far lower, fall at different ages in each curve; their best months
     * are term months.
     */
    const ahead = (a: Map<number, number>, b: Map<number, number>) => {
      const ages = [...a.keys()].filter((k) => b.has(k));
      expect(ages.length).toBeGreaterThanOrEqual(4);
      const best = (curve: Map<number, number>) => ages.map((k) => curve.get(k) as number).sort((x, y) => y - x).slice(0, 3).reduce((s, v) => s + v, 0) / 3;
      return best(a) - best(b);
    };
    expect(ahead(pilots, wave2012)).toBeGreaterThan(3);
    expect(ahead(wave2012, wave2013)).toBeGreaterThan(3);
    // Curves that rise with months since opening: the 2012 wave in its second year far above its first months.
    const mean = (curve: Map<number, number>, from: number, to: number) => {
      const values = [...curve].filter(([k]) => k >= from && k <= to).map(([, v]) => v);
      expect(values.length).toBeGreaterThanOrEqual(3);
      return values.reduce((s, v) => s + v, 0) / values.length;
    };
    expect(mean(wave2012, 18, 26)).toBeGreaterThan(2 * mean(wave2012, 0, 9));
  });

  it('Haute-Saône: cost per active user = the school year\'s share of the ~500,000 € budget / its visitors', async () => {
    const [year] = await adoption({ territory: { level: 'departement', code: '70' }, from: '2025-09-01', to: '2026-08-31', interval: 'school_year', indicators: ['visitors', 'cost_per_active_user'] });
    const visitors = published(year.total, 'visitors', 'Haute-Saône 2025-2026');
    // The convention's 2nd year (api/src/catalog/demo/load-demo-catalog.ts): 150,000 + 60,000 + 20,000 €.
    expect(published(year.total, 'cost_per_active_user', 'Haute-Saône 2025-2026')).toBe(Math.round((230_000 / visitors) * 100) / 100);
    expect(visitors).toBeGreaterThan(3000);
  });

  it('shows the Toussaint holidays and the September start in the weekly series', async () => {
    const weeks = await adoption({ territory: { level: 'departement', code: '73' }, from: '2025-09-08', to: '2025-11-16', interval: 'week', indicators: ['visitors'] });
    const week = (monday: string) => published(weeks.find((p) => p.start === monday)!.total, 'visitors', `week of ${monday}`);
    // Toussaint, zone A: 18 October to 3 November in the demo calendar (the weeks of 20 and 27 October).
    for (const holiday of ['2025-10-20', '2025-10-27']) {
      expect(week(holiday)).toBeLessThan(week('2025-10-13') / 3);
      expect(week(holiday)).toBeLessThan(week('2025-11-10') / 3);
    }
    expect(week('2025-09-08')).toBeGreaterThan(week('2025-10-06'));
  });
});
