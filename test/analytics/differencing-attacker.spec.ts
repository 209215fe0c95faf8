/**
 * A differencing attacker: the councillor of Haute-Saône, on the hand-checked fixture (4 collèges,
 * many small cells), asks every question the role may ask for a month, a school year and a term to
 * date — every subset of profiles for the département and for each establishment, each commune,
 * every breakdown (profile, establishment, commune, rurality, and by profile) — reads every count
 * of people published (visitors, regular users, families reached, activated accounts, and the
 * numerators that rates times their published denominators give back), also through `enrolments`,
 * and then solves the linear system of all of them: no hidden figure may be in its span.
 *
 * The attacker's model: each figure is the sum of its atoms (one establishment, one profile). It is
 * exact for these people except the parent of two collèges, which only makes the attacker's
 * equations wrong, never fewer.
 */
import { applyTableRetention } from '@ent/clickhouse';
import { rollupDefinitions } from '../../api/src/analytics/rollups/rollup-backfill';
import { AuthService } from '../../api/src/auth/auth.service';
import { IngestionRuntime } from '../../api/src/ingestion/ingestion-runtime';
import { BrowserSession } from '../support/browser-session';
import { startTestApp, type TestApp } from '../support/test-app';
import { RELATIONAL_TARGETS, type RelationalTarget } from '../support/test-stores';
import { ENROLMENTS, ESTABLISHMENTS, FIRST_BATCH, SECOND_BATCH, type FixtureEvent } from './fixtures/adoption-fixture';
import { seedFixtureCatalog } from './fixtures/seed-fixture-catalog';

jest.setTimeout(600_000);

const PROFILES = ['eleve', 'parent', 'enseignant', 'admin_vie_scol_tech', 'autre'] as const;
type Profile = (typeof PROFILES)[number];
const UAIS = ESTABLISHMENTS.map((e) => e.uai);
const RURALITY: Record<string, string> = Object.fromEntries(ESTABLISHMENTS.map((e) => [e.uai, e.rural ? 'rural' : 'urbain']));
const COMMUNE: Record<string, string> = Object.fromEntries(ESTABLISHMENTS.map((e) => [e.uai, e.communeCode]));
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
/** Calendar periods the role may ask (and the school year each falls in). */
const PERIODS = [
  { name: 'September 2026', from: '2026-09-01', to: '2026-09-30', schoolYear: '2026-2027' },
  { name: 'school year 2025-2026', from: '2025-09-01', to: '2026-08-31', schoolYear: '2025-2026' },
  { name: 'first term 2026-2027 to date', from: '2026-09-01', to: TODAY < '2026-12-31' ? TODAY : '2026-12-31', schoolYear: '2026-2027' },
];
const INDICATORS = ['visitors', 'regular_users', 'families_reached', 'family_uptake', 'accounts_activated', 'activation_rate'];
/** Rates per profile: where the question names one profile. */
const indicatorsOf = (q: Question) => (q.profiles?.length === 1 || q.groupBy.includes('profile') ? [...INDICATORS, 'usage_rate', 'regular_use_rate'] : INDICATORS);

interface Value {
  indicator: string;
  value: number | null;
  suppressed: boolean;
  reason: string | null;
  denominator: number | null;
}
interface Cell {
  dimensions: { dimension: string; code: string }[];
  values: Value[];
}
interface Answer {
  points: { total: Cell; cells: Cell[] }[];
}
interface Question {
  territory: { level: string; code: string };
  profiles?: Profile[];
  groupBy: string[];
}

/** A count of people as the attacker sees it: the atoms it sums, and its value if published. */
interface Figure {
  system: string;
  atoms: string[];
  value: number | null;
}

const atom = (uai: string, profile: string) => `${uai}/${profile}`;

function enrolled(uai: string, schoolYear: string, profile: Profile, what: 'potential' | 'families' | 'activated'): boolean {
  const e = ENROLMENTS.find((n) => n.uai === uai && n.schoolYear === schoolYear);
  if (!e) return false;
  if (what === 'families') return e.families !== null;
  if (what === 'activated') return e.activated[PROFILES.indexOf(profile)] !== null;
  const potential = { eleve: e.pupils, parent: e.opened[1], enseignant: e.teachers, admin_vie_scol_tech: e.staff, autre: null }[profile];
  return potential !== null;
}

/** Every count of people a cell publishes or hides, with its atoms. */
function figuresOf(cell: Cell, question: Question, period: (typeof PERIODS)[number]): Figure[] {
  const territoryUais = question.territory.level === 'departement' ? UAIS : question.territory.level === 'commune' ? UAIS.filter((u) => COMMUNE[u] === question.territory.code) : [question.territory.code];
  let uais = territoryUais;
  let profiles: readonly Profile[] = question.profiles ?? PROFILES;
  for (const d of cell.dimensions) {
    if (d.dimension === 'profile') profiles = [d.code as Profile];
    else if (d.dimension === 'establishment') uais = uais.filter((u) => u === d.code);
    else if (d.dimension === 'commune') uais = uais.filter((u) => COMMUNE[u] === d.code);
    else if (d.dimension === 'rurality') uais = uais.filter((u) => RURALITY[u] === d.code);
  }
  const atoms = (keep: (u: string, p: Profile) => boolean = () => true) => uais.flatMap((u) => profiles.filter((p) => keep(u, p)).map((p) => atom(u, p)));
  const figures: Figure[] = [];
  for (const v of cell.values) {
    const count = (system: string, atomList: string[], value: number | null) => {
      // A rate hidden for its small denominator hides the rate, not its numerator (published as a count elsewhere).
      if (v.reason === 'small_denominator') return;
      figures.push({ system: `${system} in ${period.name}`, atoms: atomList, value: v.suppressed ? null : value });
    };
    const numerator = v.value === null || v.denominator === null ? null : Math.round((v.value * v.denominator) / 100);
    const one = profiles.length === 1 ? profiles[0] : undefined;
    switch (v.indicator) {
      case 'visitors':
        count('visitors', atoms(), v.value);
        break;
      case 'regular_users':
        count('regular users', atoms(), v.value);
        break;
      case 'families_reached':
        if (profiles.includes('parent')) count('families', atoms((_, p) => p === 'parent'), v.value);
        break;
      case 'usage_rate':
        if (one && (v.suppressed || v.denominator !== null)) count('visitors', atoms((u, p) => enrolled(u, period.schoolYear, p, 'potential')), numerator);
        break;
      case 'regular_use_rate':
        if (one && (v.suppressed || v.denominator !== null)) count('regular users', atoms((u, p) => enrolled(u, period.schoolYear, p, 'potential')), numerator);
        break;
      case 'family_uptake':
        if (profiles.includes('parent') && (v.suppressed || v.denominator !== null)) count('families', atoms((u, p) => p === 'parent' && enrolled(u, period.schoolYear, p, 'families')), numerator);
        break;
      case 'accounts_activated':
        if (v.suppressed || v.value !== null) figures.push({ system: `activated accounts in ${period.schoolYear}`, atoms: atoms((u, p) => enrolled(u, period.schoolYear, p, 'activated')), value: v.value });
        break;
      case 'activation_rate':
        break; // the opened accounts are published: the rate gives the activated accounts above back
    }
  }
  return figures.filter((f) => f.atoms.length > 0);
}

/** Whether `target` is a linear combination of `rows` (Gaussian elimination written for the test). */
function inSpan(rows: number[][], target: number[]): boolean {
  const basis: { pivot: number; row: number[] }[] = [];
  const reduce = (v: number[]) => {
    const r = [...v];
    for (const b of basis) {
      const f = r[b.pivot];
      if (Math.abs(f) > 1e-9) for (let i = 0; i < r.length; i++) r[i] -= f * b.row[i];
    }
    return r;
  };
  for (const row of rows) {
    const r = reduce(row);
    const pivot = r.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot < 0) continue;
    const scaled = r.map((x) => x / r[pivot]);
    for (const b of basis) {
      const f = b.row[pivot];
      if (Math.abs(f) > 1e-9) for (let i = 0; i < scaled.length; i++) b.row[i] -= f * scaled[i];
    }
    basis.push({ pivot, row: scaled });
  }
  return reduce(target).every((x) => Math.abs(x) <= 1e-9);
}

describe('a differencing attacker with every question of a councillor recovers no hidden count', () => {
  let t: TestApp;
  let councillor: BrowserSession;
  const figures: Figure[] = [];
  let questionsAsked = 0;

  async function ingest(apiKey: string, events: FixtureEvent[]): Promise<void> {
    const res = await fetch(`${t.url}/ingest/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-ndjson' },
      body: events.map((e) => JSON.stringify(e)).join('\n') + '\n',
    });
    expect(res.status).toBe(200);
  }

  /** Asks a batch of questions in one GraphQL operation (aliases). */
  async function ask(period: (typeof PERIODS)[number], questions: Question[]): Promise<void> {
    const fields = questions.map((_, i) => `a${i}: adoption(query: $q${i}) { points { total { ...c } cells { ...c } } }`).join('\n');
    const query = `query(${questions.map((_, i) => `$q${i}: AdoptionQueryInput!`).join(', ')}) {\n${fields}\n}
fragment c on AdoptionCell { dimensions { dimension code } values { indicator value suppressed reason denominator } }`;
    const variables = Object.fromEntries(questions.map((q, i) => [`q${i}`, { ...q, from: period.from, to: period.to, indicators: indicatorsOf(q) }]));
    const res = await councillor.graphql<Record<string, Answer>>(query, variables);
    expect(res.body.errors ?? []).toEqual([]);
    questions.forEach((q, i) => {
      const answer = (res.body.data as Record<string, Answer>)[`a${i}`];
      for (const p of answer.points) for (const cell of [p.total, ...p.cells]) figures.push(...figuresOf(cell, q, period));
    });
    questionsAsked += questions.length;
  }

  beforeAll(async () => {
    const sqlite = RELATIONAL_TARGETS.find((r) => r.name === 'sqlite') as RelationalTarget;
    t = await startTestApp(
      { INGEST_RETENTION_MONTHS: '120', ROLLUP_RETENTION_MONTHS: '120', INGEST_FLUSH_INTERVAL_MS: '50', API_RATE_LIMIT_PER_10S: '100000', API_RATE_LIMIT_PER_MINUTE: '100000' },
      sqlite,
      seedFixtureCatalog,
    );
    for (const rollup of rollupDefinitions()) await applyTableRetention(t.clickhouse, rollup.table, 'period', t.config.analytics.rollupRetentionMonths);
    const apiKey = (await t.app.get(IngestionRuntime).apiKeys.create('ent-fixture', 'national')).key;
    await ingest(apiKey, FIRST_BATCH);
    await ingest(apiKey, SECOND_BATCH);
    await t.app.get(AuthService).createUser({ email: 'elu.70@ent.example.fr', displayName: 'Élu', role: 'councillor', territories: [{ level: 'departement', code: '70' }], password: 'councillor passphrase 70' });
    councillor = new BrowserSession(t.url);
    expect((await councillor.login('elu.70@ent.example.fr', 'councillor passphrase 70')).status).toBe(200);

    const subsets = Array.from({ length: 2 ** PROFILES.length - 1 }, (_, m) => PROFILES.filter((_, i) => (m + 1) & (2 ** i)));
    const territories = [{ level: 'departement', code: '70' }, ...ESTABLISHMENTS.map((e) => ({ level: 'etablissement', code: e.uai })), ...ESTABLISHMENTS.map((e) => ({ level: 'commune', code: e.communeCode }))];
    for (const period of PERIODS) {
      const questions: Question[] = [];
      for (const territory of territories) {
        for (const profiles of subsets) questions.push({ territory, profiles, groupBy: [] });
        questions.push({ territory, groupBy: ['profile'] });
      }
      const d70 = territories[0];
      for (const dim of ['establishment', 'commune', 'rurality']) {
        questions.push({ territory: d70, groupBy: [dim] }, { territory: d70, groupBy: [dim, 'profile'] });
        for (const p of PROFILES) questions.push({ territory: d70, profiles: [p], groupBy: [dim] });
      }
      for (let i = 0; i < questions.length; i += 3) await ask(period, questions.slice(i, i + 3));
    }
    // Another entry point: enrolments publish activated accounts per establishment and profile.
    for (const schoolYear of new Set(PERIODS.map((p) => p.schoolYear))) {
      const res = await councillor.graphql<{ enrolments: { uai: string; accounts: { profile: string; activated: number | null; activatedSuppressed: boolean }[] }[] }>(
        'query($f: EnrolmentFilterInput!) { enrolments(filter: $f) { uai accounts { profile activated activatedSuppressed } } }',
        { f: { schoolYear, territory: { level: 'departement', code: '70' } } },
      );
      expect(res.body.errors ?? []).toEqual([]);
      for (const e of res.body.data?.enrolments ?? []) {
        for (const a of e.accounts) if (a.activated !== null || a.activatedSuppressed) figures.push({ system: `activated accounts in ${schoolYear}`, atoms: [atom(e.uai, a.profile)], value: a.activated });
      }
    }
  });
  afterAll(async () => t?.close());

  it('asks hundreds of questions and meets hidden counts in them', () => {
    expect(questionsAsked).toBeGreaterThan(400);
    const hidden = figures.filter((f) => f.value === null);
    expect(hidden.length).toBeGreaterThan(100);
    // Each kind of count has hidden figures to attack, in each period.
    expect(new Set(hidden.map((f) => f.system.split(' in ')[0]))).toEqual(new Set(['visitors', 'regular users', 'families', 'activated accounts']));
  });

  it('cannot compute any hidden count from the published ones', () => {
    const recovered: string[] = [];
    for (const system of new Set(figures.map((f) => f.system))) {
      const inSystem = figures.filter((f) => f.system === system);
      const atoms = [...new Set(inSystem.flatMap((f) => f.atoms))].sort();
      const vector = (f: Figure) => atoms.map((a) => (f.atoms.includes(a) ? 1 : 0));
      const published = inSystem.filter((f) => f.value !== null).map(vector);
      const seen = new Set<string>();
      for (const h of inSystem.filter((f) => f.value === null)) {
        const key = [...h.atoms].sort().join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        if (inSpan(published, vector(h))) recovered.push(`${system}: ${key}`);
      }
    }
    expect(recovered).toEqual([]);
  });

  it('refuses the questions that would difference nested periods, regularity thresholds or comparison periods', async () => {
    const q = { territory: { level: 'departement', code: '70' }, indicators: ['visitors'], groupBy: [] };
    const free = await councillor.graphql('query($q: AdoptionQueryInput!) { adoption(query: $q) { asOf } }', { q: { ...q, from: '2026-08-01', to: '2026-10-31' } });
    expect(free.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(free.body.errors?.[0]?.message).toMatch(/calendar periods only/);
    const threshold = await councillor.graphql('query($q: AdoptionQueryInput!) { adoption(query: $q) { asOf } }', { q: { ...q, from: '2026-09-01', to: '2026-09-30', indicators: ['regular_users'], regularMinWeeks: 2 } });
    expect(threshold.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const compared = await councillor.graphql('query($q: AdoptionQueryInput!) { adoption(query: $q) { asOf } }', { q: { ...q, from: '2026-09-01', to: '2026-09-30', compareTo: 'previous_period' } });
    expect(compared.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(compared.body.errors?.[0]?.message).toBe('compareTo: your role compares calendar periods through a series (interval week, month or school_year), not compareTo');
  });
});
