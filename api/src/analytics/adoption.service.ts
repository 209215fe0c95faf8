import { DIMENSIONS, EQUITY_DIMENSIONS, INDICATOR_DEFINITIONS, PROFILES, type Dimension, type Indicator, type Profile } from '@ent/contracts';
import { ClickHouseStore } from '@ent/clickhouse';
import { CatalogInputError } from '../catalog/errors/catalog-errors';
import { academieByCode } from '../catalog/reference/academies';
import { ScopeService, type ScopedTerritory } from '../scope/scope.service';
import type { TerritorialScope } from '../scope/territorial-scope';
import { AnalyticsCatalogService, type EnrolmentFacts, type EstablishmentFacts } from './catalog/analytics-catalog.service';
import { attributeOf, dimensionSql, ipsQuartiles, type DimensionContext } from './query/dimension-sql.util';
import { ACTIVITY_MEASURES, buildActivityQuery, ROLLUP_FAMILIES, type ActivityQuerySpec, type RollupFamily } from './query/build-activity-query.util';
import { bucketsOf, daysCoveredBy, tilesOf, type Bucket, type Grain, type Interval, type Tile } from './periods/period-buckets.util';
import type { RollupFreshness } from './finalization/rollup-freshness';
import { calendarPeriodProblem } from './periods/calendar-periods.util';
import { analyticsDayBounds, assertDayArgument } from './periods/day-bounds.util';
import { expectedCells } from './cost/analytics-cost.util';
import { inSlices, pointsPerSlice, publishInSlices, ROWS_PER_SLICE, yieldToEventLoop } from './cost/publish-in-slices';
import { addDays, addMonths, daysBetween, mondayOf, monthStartOf as monthStartOfDay, parisToday, schoolYearOf, schoolYearStartYear } from './periods/calendar-days.util';
import { indicatorValue, ZERO_MEASURES, type Denominators, type Measures, type PublishedPeople, type ValueOrMissing } from './indicators/indicator-values.util';
import { atomKey } from './secrecy/canonical-table';
import { suppressTable } from './secrecy/suppress-cells.util';
import { CanonicalDecisions, type AtomRef, type SecretMeasure } from './secrecy/canonical-decisions';
import { DEFAULT_SECRECY, type Published, type SecrecyRules } from './secrecy/statistical-secrecy';
import { DIMENSION_VALUE_LABELS } from './indicators/dimension-labels';
import type { AnswerRef, QueryResultCache } from './result-cache/query-result-cache';
import { PublishedAnswers } from './result-cache/published-answers';
import type { AnnotationDto } from '../annotations/dtos/annotation.dto';

export type Comparison = 'previous_period' | 'same_school_period_last_year';

export interface AdoptionRequest {
  territory: ScopedTerritory;
  from: string;
  to: string;
  interval: Interval;
  indicators: readonly Indicator[];
  groupBy: readonly Dimension[];
  profiles?: readonly Profile[];
  services?: readonly string[];
  devices?: readonly string[];
  compareTo?: Comparison;
  /** Minimum distinct active weeks of a regular user; default 3 for a month or less, else half the weeks. */
  regularMinWeeks?: number;
  orderBy?: { indicator: Indicator; direction: 'asc' | 'desc' };
  first?: number;
  after?: string;
  /** Several territories read as one (a goal on a list of establishments); `territory` names the answer. */
  territories?: readonly ScopedTerritory[];
  /** Deployment cohorts: allows `months_since_opening`, read from monthly rollups only. */
  cohort?: boolean;
  /** Internal callers (goals, cohorts) read every cell; the API pages them by 100. */
  unpaginated?: boolean;
  /**
   * The caller's role sees aggregates only (auth/roles.ts): calendar periods and the default
   * regularity rule, so that nested periods or thresholds cannot be differenced.
   */
  aggregateOnly?: boolean;
}

export interface DimensionValue {
  dimension: Dimension;
  code: string;
  label: string;
}

export type CellValue = ValueOrMissing & { comparison?: ValueOrMissing; change?: number | null };

export interface AdoptionCell {
  dimensions: DimensionValue[];
  rank: number | null;
  values: Map<Indicator, CellValue>;
}

export interface AdoptionPoint {
  start: string;
  end: string;
  total: AdoptionCell;
  cells: AdoptionCell[];
  cellCount: number;
}

export interface EquityGap {
  start: string;
  dimension: Dimension;
  indicator: Indicator;
  /** Highest minus lowest published value, in the indicator's unit (points for a rate). */
  gap: number;
  highest: string;
  lowest: string;
}

export interface AdoptionResult {
  territory: ScopedTerritory;
  from: string;
  to: string;
  interval: Interval;
  points: AdoptionPoint[];
  comparison: { from: string; to: string; method: string } | null;
  equityGaps: EquityGap[];
  /** Notes touching the period (or the comparison period) on the territory, above or inside it. */
  annotations: AnnotationDto[];
  establishments: number;
  establishmentsWithEnrolment: number;
  /** ClickHouse queries this answer cost (no N+1: per period compared, the check of the cache and, when it had no valid answer, the query). */
  queries: number;
  /** When the figures were computed: answers are cached while the events they count do not change (see result-cache/README.md). */
  asOf: Date;
}

/** Maps a period to the same school period a year earlier (school weeks and zone holidays aligned). */
/** The annotations of a territory over a period, as the caller may see them (AnnotationService.touching). */
export type AnnotationsTouching = (scope: TerritorialScope, territory: ScopedTerritory, from: string, to: string) => Promise<AnnotationDto[]>;

type ComparedPeriod = { from: string; to: string; method: string };
/** The same school period a year earlier (the school calendar is read from the store: maybe asynchronously). */
export type SchoolPeriodMapper = (from: string, to: string, zone: 'A' | 'B' | 'C' | null) => ComparedPeriod | Promise<ComparedPeriod>;

const MAX_DAYS = 3 * 366;
const PAGE = 100;
const RATE_INDICATORS: Indicator[] = ['usage_rate', 'regular_use_rate'];
/** Indicators that count visits (those without a session id need the per-person part of the query). */
const VISIT_INDICATORS: readonly Indicator[] = ['visits', 'intensity', 'service_mix', 'device_mix'];

function bad(field: string, reason: string): never {
  throw new CatalogInputError(field, reason);
}

/** Which rollup family answers a request: service or device breakdowns and filters have their own. */
function familyOf(r: AdoptionRequest): RollupFamily {
  const service = r.groupBy.includes('service') || !!r.services?.length || r.indicators.includes('service_mix');
  const device = r.groupBy.includes('device') || !!r.devices?.length || r.indicators.includes('device_mix');
  if (service && device) bad('groupBy', 'services and devices cannot be combined in one query');
  return service ? 'service_activity' : device ? 'device_activity' : 'activity';
}

/** `today`: today in Paris; a period ends at the latest tomorrow (periods/day-bounds.util.ts). */
export function validateAdoptionRequest(r: AdoptionRequest, today: string = parisToday()): void {
  const bounds = analyticsDayBounds(today);
  assertDayArgument('from', r.from, bounds);
  assertDayArgument('to', r.to, bounds);
  if (daysBetween(r.from, r.to) < 0) bad('to', `ends (${r.to}) before it starts (${r.from})`);
  if (daysBetween(r.from, r.to) > MAX_DAYS) bad('to', 'a period is at most 3 years long');
  if (!r.indicators.length) bad('indicators', 'name at least one indicator');
  if (r.groupBy.length > 2) bad('groupBy', 'at most 2 dimensions');
  if (new Set(r.groupBy).size !== r.groupBy.length) bad('groupBy', 'a dimension is named twice');
  for (const d of r.groupBy) if (!DIMENSIONS.includes(d)) bad('groupBy', `unknown dimension "${d}"`);
  if (r.groupBy.includes('months_since_opening') && !r.cohort) bad('groupBy', 'months_since_opening is answered by deploymentCohorts');
  const profileKnown = r.groupBy.includes('profile') || r.profiles?.length === 1;
  for (const i of r.indicators) {
    if (!INDICATOR_DEFINITIONS[i]) bad('indicators', `unknown indicator "${String(i)}"`);
    if (INDICATOR_DEFINITIONS[i].profile === 'required' && !profileKnown) {
      bad('indicators', `${i} is per profile: add "profile" to groupBy or filter exactly one profile`);
    }
  }
  if (r.indicators.includes('service_mix') && !r.groupBy.includes('service')) bad('indicators', 'service_mix needs "service" in groupBy');
  if (r.indicators.includes('device_mix') && !r.groupBy.includes('device')) bad('indicators', 'device_mix needs "device" in groupBy');
  if (r.regularMinWeeks !== undefined && (!Number.isInteger(r.regularMinWeeks) || r.regularMinWeeks < 1 || r.regularMinWeeks > 60)) {
    bad('regularMinWeeks', 'a whole number of weeks between 1 and 60');
  }
  if (r.first !== undefined && (r.first < 0 || r.first > PAGE)) bad('first', `between 0 and ${PAGE}`);
  if (r.after !== undefined && !/^\d{1,6}$/.test(r.after)) bad('after', 'not a cursor this API gave');
  familyOf(r);
}

/**
 * Minimum active weeks of a regular user in a bucket: the caller's number, else 3 for a bucket of
 * at most 31 days (DOMAIN: "3 distinct weeks of a month") and half the weeks it overlaps for a
 * longer one. Undefined when the bucket overlaps fewer weeks than that (a day, a week): regular
 * use does not apply there, and 0 would read as "nobody is regular"; undefined too beyond 64
 * weeks, the span the rollups' week bits cover (a school year has at most 53).
 */
export function regularMinWeeksOf(b: Bucket, requested: number | undefined): number | undefined {
  const weeks = daysBetween(mondayOf(b.start), mondayOf(b.end)) / 7 + 1;
  const n = requested ?? (daysBetween(b.start, b.end) < 31 ? 3 : Math.ceil(weeks / 2));
  return n <= weeks && weeks <= 64 ? n : undefined;
}

const cellKey = (bucket: number, codes: readonly string[]) => `${bucket}\u0001${codes.join('\u0000')}`;

interface MeasuredPeriod {
  buckets: Bucket[];
  /** Per bucket: cell codes → measures (the total has no codes). */
  measures: Map<string, Measures>;
  /** When the measures were computed (a cached answer covering today may lag today's events). */
  asOf: Date;
  /** The kept query answer they come from. */
  answer: AnswerRef;
}

/**
 * Adoption analytics: every indicator of DOMAIN.md for a territory and a period, as a series,
 * broken down, ranked, compared. The caller's scope is applied first (`ScopeService`), then one
 * ClickHouse query per period reads the rollups, then the catalog gives the denominators and the
 * statistical secrecy is applied to every published figure.
 */
export class AdoptionService {
  private readonly published = new PublishedAnswers<AdoptionResult>((r) => r.points.reduce((n, p) => n + p.cells.length + 1, 0));

  constructor(
    private readonly clickhouse: ClickHouseStore,
    private readonly answers: QueryResultCache,
    private readonly freshness: RollupFreshness,
    private readonly scopes: ScopeService,
    private readonly catalog: AnalyticsCatalogService,
    private readonly sameSchoolPeriod: SchoolPeriodMapper,
    private readonly annotationsTouching: AnnotationsTouching,
    private readonly rules: SecrecyRules = DEFAULT_SECRECY,
    /** Today in Paris (the last day that can hold data); a parameter so tests can fix it. */
    private readonly today: () => string = parisToday,
  ) {}

  /** The establishments of a territory the caller may see (`FORBIDDEN` when the territory is outside the scope). */
  async establishmentsOf(scope: TerritorialScope, territories: readonly ScopedTerritory[]): Promise<EstablishmentFacts[]> {
    await this.scopes.assertCovers(scope, territories);
    const inTerritory = await this.scopes.uaisInScope(this.scopes.territorialScopeOf(territories));
    const inScope = await this.scopes.uaisInScope(scope);
    let uais: string[];
    if (inTerritory.all) uais = inScope.all ? await this.catalog.allUais() : inScope.uais;
    else {
      const allowed = inScope.all ? undefined : new Set(inScope.uais);
      uais = allowed ? inTerritory.uais.filter((u) => allowed.has(u)) : inTerritory.uais;
    }
    return this.catalog.establishments(uais);
  }


  /**
   * The published answer to a question within a scope. Asked again, it is served as it was while
   * the catalog revision and the query answers it was built from are unchanged
   * (result-cache/published-answers.ts); else computed.
   */
  async adoption(scope: TerritorialScope, request: AdoptionRequest): Promise<AdoptionResult> {
    validateAdoptionRequest(request, this.today());
    if (request.aggregateOnly) {
      // The scope first: a territory outside it is refused as such, whatever the period.
      await this.scopes.assertCovers(scope, request.territories ?? [request.territory]);
      const problem = calendarPeriodProblem(request.from, request.to, request.interval, this.today());
      if (problem) bad('from', problem);
      if (request.regularMinWeeks !== undefined) bad('regularMinWeeks', 'your role reads regular use with the default rule (3 weeks of a month, half the weeks of a longer period)');
      // The comparison periods (the days just before, the same school weeks a year earlier) are not calendar periods.
      if (request.compareTo) bad('compareTo', 'your role compares calendar periods through a series (interval week, month or school_year), not compareTo');
    }
    // Internal callers read whole tables (goals, cohorts): computed each time, not kept.
    if (request.unpaginated) return (await this.compute(scope, request)).result;
    const before = this.clickhouse.callCount;
    const key = JSON.stringify([scope, request, this.today()]);
    const catalogRevision = await this.catalog.revision();
    const kept = this.published.get(key, catalogRevision);
    if (kept && (await this.answers.stillServed(kept.answers))) return { ...kept.result, queries: this.clickhouse.callCount - before };
    const { result, answers } = await this.compute(scope, request);
    this.published.keep(key, { catalogRevision, answers, result });
    return result;
  }

  private async compute(scope: TerritorialScope, request: AdoptionRequest): Promise<{ result: AdoptionResult; answers: AnswerRef[] }> {
    const establishments = await this.establishmentsOf(scope, request.territories ?? [request.territory]);
    const before = this.clickhouse.callCount;
    const context = { ...(await this.contextFor(establishments, request)), nationalCaller: scope.kind === 'national' };
    const current = await this.measure(request, request.from, request.to, context);
    const canonical = await this.canonicalFor(request, request.from, request.to, context);
    const measured = [current, ...canonical.answers];
    const points = await this.publishSliced(request, current, context, canonical.decisions);
    let asOf = measured.reduce((a, m) => (m.asOf < a ? m.asOf : a), current.asOf);

    let comparison: AdoptionResult['comparison'] = null;
    if (request.compareTo) {
      const range =
        request.compareTo === 'previous_period'
          ? { from: addDays(request.from, -(daysBetween(request.from, request.to) + 1)), to: addDays(request.from, -1), method: 'previous_period' }
          : await this.sameSchoolPeriod(request.from, request.to, context.zone);
      const pastContext = { ...context, enrolments: await this.enrolmentsFor(establishments, range.from, range.to) };
      const past = await this.measure(request, range.from, range.to, pastContext);
      const pastCanonical = await this.canonicalFor(request, range.from, range.to, pastContext);
      measured.push(past, ...pastCanonical.answers);
      for (const m of measured) if (m.asOf < asOf) asOf = m.asOf;
      const previous = await this.publishSliced(request, past, pastContext, pastCanonical.decisions);
      comparison = range;
      const perSlice = pointsPerSlice(expectedCells(request, establishments.length));
      for (let i = 0; i < points.length; i += perSlice) {
        if (i > 0) await yieldToEventLoop();
        attachComparison(points.slice(i, i + perSlice), previous.slice(i, i + perSlice), request.indicators);
      }
    }
    const equityGaps = equityGapsOf(points, request);
    const annotations = await this.annotationsTouching(scope, request.territory, request.from, request.to);
    if (comparison) {
      const seen = new Set(annotations.map((a) => a.id));
      for (const a of await this.annotationsTouching(scope, request.territory, comparison.from, comparison.to)) if (!seen.has(a.id)) annotations.push(a);
    }
    await inSlices(points, pointsPerSlice(expectedCells(request, establishments.length)), (p) => paginate(p, request));
    const result: AdoptionResult = {
      territory: request.territory,
      from: request.from,
      to: request.to,
      interval: request.interval,
      points,
      comparison,
      equityGaps,
      annotations,
      asOf,
      establishments: establishments.length,
      establishmentsWithEnrolment: new Set([...context.enrolments.values()].map((e) => e.uai)).size,
      queries: this.clickhouse.callCount - before,
    };
    return { result, answers: measured.map((m) => m.answer) };
  }

  /** `publish`, a few buckets at a time with the event loop free in between (cost/publish-in-slices.ts). */
  private publishSliced(request: AdoptionRequest, period: MeasuredPeriod, ctx: AnalysisContext, decisions: CanonicalDecisions): Promise<AdoptionPoint[]> {
    const bucketOfKey = (key: string) => Number(key.slice(0, key.indexOf('\u0001')));
    return publishInSlices(period, expectedCells(request, ctx.establishments.length), bucketOfKey, (slice) => this.publish(request, slice, ctx, decisions));
  }

  private async enrolmentsFor(establishments: readonly EstablishmentFacts[], from: string, to: string): Promise<Map<string, EnrolmentFacts>> {
    const years = new Set<string>();
    for (let y = schoolYearStartYear(from); y <= schoolYearStartYear(to); y++) years.add(`${y}-${y + 1}`);
    const rows = await this.catalog.enrolments(
      establishments.map((e) => e.uai),
      [...years],
    );
    return new Map(rows.map((e) => [`${e.schoolYear}|${e.uai}`, e]));
  }

  private async contextFor(establishments: EstablishmentFacts[], request: AdoptionRequest): Promise<AnalysisContext> {
    const ips = request.groupBy.includes('ips_quartile') ? await this.catalog.ips(establishments.map((e) => e.uai), schoolYearOf(request.to)) : new Map<string, number>();
    const zones = new Set(establishments.map((e) => zoneOfAcademie(e.academieCode)));
    return {
      establishments,
      dimensions: { establishments, ipsQuartiles: ipsQuartiles(ips) },
      enrolments: await this.enrolmentsFor(establishments, request.from, request.to),
      zone: zones.size === 1 ? ([...zones][0] ?? null) : null,
      // Only the levels a breakdown labels (a national catalog has tens of thousands of communes).
      names: { establishments: new Map(establishments.map((e) => [e.uai, e.name])), communes: new Map(establishments.map((e) => [e.communeCode, e.communeName])) },
      territoryNames: await this.catalog.territoryNames(request.groupBy.filter((d): d is 'departement' | 'academie' | 'region' => d === 'departement' || d === 'academie' || d === 'region')),
      budgets: request.indicators.includes('cost_per_active_user') ? await this.budgetsFor(request) : new Map(),
    };
  }

  private async budgetsFor(request: AdoptionRequest): Promise<Map<string, number>> {
    const years = new Set<string>();
    for (let y = schoolYearStartYear(request.from); y <= schoolYearStartYear(request.to); y++) years.add(`${y}-${y + 1}`);
    const totals = new Map<string, number>();
    for (const year of years) {
      for (const b of await this.catalog.budgets(year)) {
        const chain = await this.scopes.chainOf({ level: b.territoryLevel as ScopedTerritory['level'], code: b.territoryCode });
        const inside = request.territory.level === 'national' || (chain ?? []).some((t) => t.level === request.territory.level && t.code === request.territory.code);
        if (inside) totals.set(year, (totals.get(year) ?? 0) + b.amount);
      }
    }
    return totals;
  }

  /**
   * One ClickHouse query: the measures of every bucket and cell of the period. The finalized
   * rollups are read for the periods whose days no longer changed since they were finalized
   * (finalization/README.md), the rollups with aggregate states for the others (today, a day that
   * just received a late event, a service or device filter).
   */
  private async measure(request: AdoptionRequest, from: string, to: string, ctx: AnalysisContext): Promise<MeasuredPeriod> {
    const family = familyOf(request);
    const buckets = bucketsOf(from, to, request.interval);
    const grains: readonly Grain[] = request.cohort ? ['month'] : ROLLUP_FAMILIES[family].grains;
    // Events are refused more than 24 h ahead: a bucket reaching today holds everything of its
    // current periods (the current school year or month is read from its own rollup row).
    const today = this.today();
    const filtered = !!request.services?.length || !!request.devices?.length;
    // A service or device breakdown takes its totals from the activity rollups (a visit touching
    // two services is one visit); with a service or device filter, from the cells' own rows.
    const totalFamily = family !== 'activity' && !filtered ? 'activity' : undefined;
    const enrolledKeys: string[] = [];
    const familyKeys: string[] = [];
    for (const e of ctx.enrolments.values()) {
      const start = e.schoolYear.slice(0, 4);
      for (const p of PROFILES) if (e.potential[p] !== null) enrolledKeys.push(`${start}|${e.uai}|${p}`);
      if (e.families !== null) familyKeys.push(`${start}|${e.uai}`);
    }
    const spec = (tiles: Tile[], totalTiles: Tile[] | undefined): ActivityQuerySpec => ({
      family,
      buckets,
      tiles,
      totalTiles,
      dimensions: request.groupBy.map((d, i) => dimensionSql(d, i, ctx.dimensions)),
      // The whole country for a national caller: no UAI list to send (tens of thousands of codes).
      uais: scopeIsNational(request, ctx) ? 'all' : ctx.establishments.map((e) => e.uai),
      profiles: request.profiles,
      services: request.services,
      devices: request.devices,
      enrolledKeys,
      familyKeys,
      // Buckets where regular use does not apply count nobody (65 weeks: more than the 64 bits held).
      regularMinWeeks: buckets.map((b) => regularMinWeeksOf(b, request.regularMinWeeks) ?? 65),
      needs: {
        enrolled: request.indicators.some((i) => i === 'usage_rate' || i === 'regular_use_rate'),
        families: request.indicators.some((i) => i === 'family_uptake' || i === 'families_reached'),
        regular: request.indicators.some((i) => i === 'regular_users' || i === 'regular_use_rate'),
        visits: request.indicators.some((i) => VISIT_INDICATORS.includes(i)),
        visitDurations: request.indicators.includes('time_per_visit'),
      },
      bucketSchoolYears: request.cohort ? undefined : buckets.map((b) => schoolYearStartYear(b.end)),
    });
    // The question, as the live rollups alone would read it: what the kept answers are keyed by, and the days they cover.
    const liveTiles = buckets.flatMap((b) => tilesOf(b, grains, today));
    const liveTotalTiles = totalFamily ? buckets.flatMap((b) => tilesOf(b, ROLLUP_FAMILIES.activity.grains, today)) : undefined;
    const plan = async () => {
      const snapshot = await this.freshness.snapshot();
      const finalized = (f: RollupFamily) => (filtered ? undefined : snapshot.finalizedPeriods(f));
      const tiles = buckets.flatMap((b) => tilesOf(b, grains, today, finalized(family)));
      const totalTiles = totalFamily ? buckets.flatMap((b) => tilesOf(b, ROLLUP_FAMILIES.activity.grains, today, finalized(totalFamily))) : undefined;
      return buildActivityQuery(spec(tiles, totalTiles));
    };
    const { rows, asOf, question } = await this.answers.rows<Record<string, unknown>>(JSON.stringify(spec(liveTiles, liveTotalTiles)), daysCoveredBy(liveTiles), 'adoption', plan);
    // Each part of the query (people, regular users, visits without session id) gives its own rows: summed per cell.
    const measures = new Map<string, Measures>();
    let summed = 0;
    for (const row of rows) {
      // Tens of thousands of rows: the event loop answers others in between (cost/publish-in-slices.ts).
      if (++summed % ROWS_PER_SLICE === 0) await yieldToEventLoop();
      const codes = request.groupBy.map((_, i) => row[`d${i}`]);
      if (codes.some((c) => c === null) && !codes.every((c) => c === null)) continue;
      const key = cellKey(Number(row.bucket), codes.every((c) => c === null) ? [] : codes.map(String));
      const m = measures.get(key) ?? { ...ZERO_MEASURES };
      for (const k of ACTIVITY_MEASURES) m[k] += Number(row[k]);
      m.visits = m.session_visits + m.sessionless_visits;
      measures.set(key, m);
    }
    return { buckets, measures, asOf, answer: { question, asOf } };
  }

  /**
   * The canonical tables behind an answer (`secrecy/canonical-table.ts`): the same period and
   * filters by establishment and profile (and by service or device for such a breakdown), over
   * every establishment of the départements the answer touches, whatever the caller's scope — so
   * that what is hidden depends on the data, never on the question or the caller.
   */
  private async canonicalFor(request: AdoptionRequest, from: string, to: string, ctx: AnalysisContext): Promise<{ decisions: CanonicalDecisions; answers: MeasuredPeriod[] }> {
    const national = scopeIsNational(request, ctx);
    const departements = [...new Set(ctx.establishments.map((e) => e.departementCode))].sort();
    const inDepartements = national ? { all: true as const } : await this.scopes.uaisInScope(this.scopes.territorialScopeOf(departements.map((code) => ({ level: 'departement', code }))));
    const uais = inDepartements.all ? await this.catalog.allUais() : inDepartements.uais;
    const all = await this.catalog.establishments(uais);
    const establishments = new Map(all.map((e) => [e.uai, e.departementCode]));
    const people: Indicator[] = ['visitors'];
    if (request.indicators.some((i) => i === 'regular_users' || i === 'regular_use_rate')) people.push('regular_users');
    if (request.indicators.some((i) => i === 'family_uptake' || i === 'families_reached')) people.push('families_reached');
    const breakdown = request.groupBy.find((d) => d === 'service' || d === 'device');
    const base: AdoptionRequest = {
      territory: national ? { level: 'national', code: 'FR' } : request.territory,
      from,
      to,
      interval: request.cohort ? 'month' : request.interval,
      indicators: people,
      groupBy: ['establishment', 'profile'],
      services: request.services,
      devices: request.devices,
      regularMinWeeks: request.regularMinWeeks,
      unpaginated: true,
    };
    const canonicalCtx: AnalysisContext = { ...ctx, establishments: all, dimensions: { establishments: all, ipsQuartiles: new Map() }, enrolments: new Map() };
    const answers = [await this.measure(base, from, to, canonicalCtx)];
    if (breakdown) answers.push(await this.measure({ ...base, groupBy: ['establishment', 'profile', breakdown] }, from, to, canonicalCtx));
    // measure → table (bucket and service or device) → atom → count
    const counts = new Map<string, Map<string, number>>();
    const countOf = (measure: SecretMeasure, table: string) => `${measure}\u0001${table}`;
    const add = (measure: SecretMeasure, table: string, key: string, n: number) => {
      if (!n) return;
      let m = counts.get(countOf(measure, table));
      if (!m) counts.set(countOf(measure, table), (m = new Map()));
      m.set(key, (m.get(key) ?? 0) + n);
    };
    for (const answer of answers) {
      for (const [key, m] of answer.measures) {
        const [bucket, codes] = key.split('\u0001');
        if (!codes) continue;
        const [uai, profile, detail] = codes.split('\u0000');
        const table = tableKey(Number(bucket), detail);
        add('visitors', table, atomKey(uai, profile), m.visitors);
        add('regular_users', table, atomKey(uai, profile), m.regular_users);
        if (profile === 'parent') add('families_active', table, atomKey(uai, profile), m.families_active);
      }
    }
    // Activated accounts come from the catalog, one table per school year.
    const years = new Set<string>();
    for (let y = schoolYearStartYear(from); y <= schoolYearStartYear(to); y++) years.add(`${y}-${y + 1}`);
    if (request.indicators.some((i) => i === 'accounts_activated' || i === 'activation_rate')) {
      for (const e of await this.catalog.enrolments(uais, [...years])) {
        for (const p of PROFILES) add('accounts_activated', e.schoolYear, atomKey(e.uai, p), e.accountsActivated[p] ?? 0);
      }
    }
    const decisions = new CanonicalDecisions(establishments, (measure, table) => counts.get(countOf(measure, table)) ?? new Map(), this.rules);
    return { decisions, answers };
  }

  /** Measures → published indicator values, with gap filling and statistical secrecy (`secrecy/`). */
  private publish(request: AdoptionRequest, period: MeasuredPeriod, ctx: AnalysisContext, decisions: CanonicalDecisions): AdoptionPoint[] {
    const fill = request.groupBy.map((d) => fillValues(d, request, ctx, period, request.groupBy.indexOf(d)));
    const combos = cartesian(fill);
    const profileIndex = request.groupBy.indexOf('profile');
    const detailIndex = request.groupBy.findIndex((d) => d === 'service' || d === 'device');
    const ageIndex = request.groupBy.indexOf('months_since_opening');
    const attributes = request.groupBy.map((d, i) => [d, i] as const).filter(([d]) => !NOT_ATTRIBUTES.includes(d));
    // Deployment cohorts read one bucket over monthly tables: the month of age k of each establishment.
    const monthTables = request.cohort ? bucketsOf(period.buckets[0].start, period.buckets[period.buckets.length - 1].end, 'month') : [];
    return period.buckets.map((bucket) => {
      const seen = [...period.measures.keys()].filter((k) => k.startsWith(`${bucket.index}\u0001`) && k !== cellKey(bucket.index, []));
      const codesList = request.groupBy.length ? uniqueCodes([...combos, ...seen.map((k) => k.split('\u0001')[1].split('\u0000'))]) : [];
      const measuresOf = (codes: string[]) => period.measures.get(cellKey(bucket.index, codes)) ?? ZERO_MEASURES;
      const total = measuresOf([]);
      const totalVisitsOf = (codes: string[]) => {
        // Shares are within the cell's other dimensions (e.g. services of one profile).
        const other = request.groupBy.map((d, i) => (d === 'service' || d === 'device' ? null : codes[i]));
        if (other.every((c) => c === null)) return total.visits;
        return codesList.filter((c) => c.every((x, i) => other[i] === null || other[i] === x)).reduce((s, c) => s + measuresOf(c).visits, 0);
      };
      const schoolYear = schoolYearOf(bucket.end);
      /** The atoms of a cell: its establishments × its profiles, in the tables of its period and filter. */
      const atomsOf = (codes: string[], keep: (e: EstablishmentFacts, profile: Profile) => boolean = () => true): AtomRef[] => {
        const isTotal = codes.length === 0;
        const profiles: readonly Profile[] = profileIndex >= 0 && !isTotal ? [codes[profileIndex] as Profile] : request.profiles?.length ? request.profiles : PROFILES;
        const detail = detailIndex >= 0 && !isTotal ? codes[detailIndex] : undefined;
        const atoms: AtomRef[] = [];
        for (const e of ctx.establishments) {
          if (!isTotal && !attributes.every(([d, i]) => attributeOf(d, e, ctx.dimensions) === codes[i])) continue;
          let tables: string[];
          if (!request.cohort) tables = [tableKey(bucket.index, detail)];
          else if (ageIndex >= 0 && !isTotal) {
            const month = e.openedOn ? addMonths(monthStartOfDay(e.openedOn), Number(codes[ageIndex])) : undefined;
            const t = monthTables.find((b) => month !== undefined && b.start <= month && month <= b.end);
            tables = t ? [tableKey(t.index, detail)] : [];
          } else tables = monthTables.map((b) => tableKey(b.index, detail));
          for (const table of tables) for (const profile of profiles) if (keep(e, profile)) atoms.push({ table, uai: e.uai, profile });
        }
        return atoms;
      };
      const enrolmentOf = (e: EstablishmentFacts) => ctx.enrolments.get(`${schoolYear}|${e.uai}`);
      const needs = (...indicators: Indicator[]) => indicators.some((i) => request.indicators.includes(i));
      const hiddenUnasked: Published = { value: null, suppressed: true, reason: 'secondary' };
      /** The counts of people of a cell, from the canonical decisions. */
      const peopleOf = (codes: string[]) => {
        const m = measuresOf(codes);
        const atoms = atomsOf(codes);
        return {
          visitors: decisions.publish('visitors', atoms, m.visitors),
          regular: needs('regular_users', 'regular_use_rate') ? decisions.publish('regular_users', atoms, m.regular_users) : hiddenUnasked,
          families: needs('family_uptake', 'families_reached') ? decisions.publish('families_active', atoms, m.families_active) : hiddenUnasked,
        };
      };
      const people = new Map(codesList.map((codes) => [codes.join('\u0000'), peopleOf(codes)]));
      if (detailIndex >= 0) {
        // Services and devices have a table each (a person uses several: they do not add up), but
        // where everyone used one, the total minus the other cells would give a hidden one back:
        // along that line, the answer hides more as a line of a table would.
        for (const measure of ['visitors', 'regular', 'families'] as const) {
          const field = ({ visitors: 'visitors', regular: 'regular_users', families: 'families_active' } as const)[measure];
          const lined = suppressTable(
            codesList.map((codes) => ({ id: codes.join('\u0000'), codes, count: measuresOf(codes)[field] })),
            this.rules,
            { along: [detailIndex], initial: new Map([...people].map(([id, p]) => [id, p[measure]])) },
          );
          for (const [id, p] of lined) (people.get(id) as ReturnType<typeof peopleOf>)[measure] = p;
        }
      }
      const makeCell = (codes: string[]): AdoptionCell => {
        const m = measuresOf(codes);
        const isTotal = codes.length === 0;
        const own = isTotal ? peopleOf(codes) : (people.get(codes.join('\u0000')) as ReturnType<typeof peopleOf>);
        const visitors = own.visitors;
        const enrolled = (e: EstablishmentFacts, p: Profile) => (enrolmentOf(e)?.potential[p] ?? null) !== null;
        const pub: PublishedPeople = {
          visitors,
          // Parts of the visitors: their tables start with the visitors' hidden cells hidden (secrecy/canonical-decisions.ts).
          regular: own.regular,
          families: own.families,
          visitorsEnrolled: needs('usage_rate') ? decisions.publish('visitors', atomsOf(codes, enrolled), m.visitors_enrolled) : hiddenUnasked,
          regularEnrolled: needs('regular_use_rate') ? decisions.publish('regular_users', atomsOf(codes, enrolled), m.regular_enrolled) : hiddenUnasked,
          familiesEnrolled: needs('family_uptake')
            ? decisions.publish('families_active', atomsOf(codes, (e) => (enrolmentOf(e)?.families ?? null) !== null), m.families_active_enrolled)
            : hiddenUnasked,
          accountsActivated: hiddenUnasked,
        };
        const d = { ...denominatorsOf(request, codes, ctx, bucket, isTotal) };
        if (needs('accounts_activated', 'activation_rate') && d.accountsActivated !== null) {
          const activated = atomsOf(codes, (e, p) => (enrolmentOf(e)?.accountsActivated[p] ?? null) !== null).map((a) => ({ ...a, table: schoolYear }));
          pub.accountsActivated = decisions.publish('accounts_activated', activated, d.accountsActivated);
        }
        d.regularApplies = regularMinWeeksOf(bucket, request.regularMinWeeks) !== undefined;
        const mix = !isTotal && (request.groupBy.includes('service') || request.groupBy.includes('device')) ? { visitsTotal: totalVisitsOf(codes) } : undefined;
        const values = new Map<Indicator, CellValue>();
        for (const indicator of request.indicators) values.set(indicator, indicatorValue(indicator, m, d, pub, mix, this.rules));
        return { dimensions: codes.map((code, i) => labelled(request.groupBy[i], code, ctx)), rank: null, values };
      };
      const cells = codesList.map(makeCell);
      return { start: bucket.start, end: bucket.end, total: makeCell([]), cells, cellCount: cells.length };
    });
  }
}

/** The canonical table of a bucket, and of one service or device of a breakdown (else all). */
const tableKey = (bucket: number, detail: string | undefined) => `${bucket}|${detail ?? ''}`;

/** Breakdowns that are not attributes of an establishment. */
const NOT_ATTRIBUTES: readonly Dimension[] = ['profile', 'service', 'device', 'months_since_opening'];

interface AnalysisContext {
  /** The caller's scope is national (with a national territory, every establishment is read). */
  nationalCaller?: boolean;
  establishments: EstablishmentFacts[];
  dimensions: DimensionContext;
  enrolments: Map<string, EnrolmentFacts>;
  zone: 'A' | 'B' | 'C' | null;
  territoryNames: Map<string, string>;
  /** Establishment and commune names by code (a national ranking labels tens of thousands of cells). */
  names: { establishments: Map<string, string>; communes: Map<string, string> };
  budgets: Map<string, number>;
}

function scopeIsNational(request: AdoptionRequest, ctx: AnalysisContext): boolean {
  const territories = request.territories ?? [request.territory];
  return !!ctx.nationalCaller && territories.some((t) => t.level === 'national');
}

function zoneOfAcademie(code: string): 'A' | 'B' | 'C' | null {
  return academieByCode(code)?.holidayZone ?? null;
}

function fillValues(dimension: Dimension, request: AdoptionRequest, ctx: AnalysisContext, _period: MeasuredPeriod, _index: number): string[] {
  if (dimension === 'profile') return [...(request.profiles?.length ? request.profiles : PROFILES)];
  if (dimension === 'service' || dimension === 'device' || dimension === 'months_since_opening') return [];
  return [...new Set(ctx.establishments.map((e) => attributeOf(dimension, e, ctx.dimensions)))].sort();
}

function cartesian(lists: string[][]): string[][] {
  if (!lists.length || lists.some((l) => !l.length)) return [];
  return lists.reduce<string[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
}

function uniqueCodes(list: string[][]): string[][] {
  const seen = new Map<string, string[]>();
  for (const codes of list) seen.set(codes.join('\u0000'), codes);
  return [...seen.values()].sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));
}

/**
 * Sums of the catalog over the establishments of a cell (those matching its attribute codes), for
 * the school year of the bucket's last day — or, for a deployment cohort (months since opening), of
 * the month each establishment reached that age, counting only establishments that reached it
 * inside the period.
 */
function denominatorsOf(request: AdoptionRequest, codes: string[], ctx: AnalysisContext, bucket: Bucket, isTotal: boolean): Denominators {
  const profileIndex = request.groupBy.indexOf('profile');
  const ageIndex = request.groupBy.indexOf('months_since_opening');
  // The same cell of every bucket of one school year has the same denominators (a daily series reads them once).
  const memoKey = ageIndex < 0 ? `${isTotal ? 'total' : codes.join('\u0000')}\u0001${schoolYearOf(bucket.end)}` : undefined;
  const memo = memoKey === undefined ? undefined : DENOMINATOR_MEMO.get(ctx)?.get(memoKey);
  if (memo) return memo;
  const profiles: readonly Profile[] = profileIndex >= 0 && !isTotal ? [codes[profileIndex] as Profile] : request.profiles?.length ? request.profiles : PROFILES;
  const totals: Record<'potential' | 'families' | 'accountsOpened' | 'accountsActivated', number | null> = { potential: null, families: null, accountsOpened: null, accountsActivated: null };
  const add = (field: keyof typeof totals, v: number | null) => {
    if (v !== null) totals[field] = (totals[field] ?? 0) + v;
  };
  for (const e of ctx.establishments) {
    if (!isTotal && !request.groupBy.every((d, i) => NOT_ATTRIBUTES.includes(d) || attributeOf(d, e, ctx.dimensions) === codes[i])) continue;
    let schoolYear: string;
    if (ageIndex >= 0 && !isTotal) {
      if (!e.openedOn) continue;
      const month = addMonths(e.openedOn, Number(codes[ageIndex]));
      if (month < monthStartOfDay(bucket.start) || month > bucket.end) continue;
      schoolYear = schoolYearOf(month);
    } else schoolYear = schoolYearOf(bucket.end);
    const enrolment = ctx.enrolments.get(`${schoolYear}|${e.uai}`);
    if (!enrolment) continue;
    add('families', enrolment.families);
    for (const field of ['potential', 'accountsOpened', 'accountsActivated'] as const) {
      // Summed over the profiles asked; null when none of them is known.
      let v: number | null = null;
      for (const p of profiles) {
        const x = enrolment[field][p];
        if (x !== null) v = (v ?? 0) + x;
      }
      add(field, v);
    }
  }
  const result: Denominators = {
    ...totals,
    parentsCounted: profiles.includes('parent'),
    oneProfile: profiles.length === 1,
    regularApplies: true,
    budget: isTotal ? (ctx.budgets.get(schoolYearOf(bucket.end)) ?? null) : 'not_applicable',
  };
  if (memoKey !== undefined) {
    const byContext = DENOMINATOR_MEMO.get(ctx) ?? new Map<string, Denominators>();
    byContext.set(memoKey, result);
    DENOMINATOR_MEMO.set(ctx, byContext);
  }
  return result;
}

/** Denominators per analysis context (one question), dropped with it. */
const DENOMINATOR_MEMO = new WeakMap<AnalysisContext, Map<string, Denominators>>();

function labelled(dimension: Dimension, code: string, ctx: AnalysisContext): DimensionValue {
  const names = ctx.names;
  const territoryLabel = (level: string) => ctx.territoryNames.get(`${level}:${code}`);
  let label: string | undefined;
  if (dimension === 'establishment') label = names.establishments.get(code);
  else if (dimension === 'commune') label = names.communes.get(code);
  else if (dimension === 'departement' || dimension === 'academie' || dimension === 'region') label = territoryLabel(dimension);
  else label = DIMENSION_VALUE_LABELS[dimension]?.[code];
  return { dimension, code, label: label ?? code };
}

const sortValue = (c: AdoptionCell, indicator: Indicator): number | null => {
  const v = c.values.get(indicator);
  return v && v.value !== null ? v.value : null;
};

/** Ranking (orderBy) then the page asked for (`first`, `after`). Totals are never paginated. */
function paginate(point: AdoptionPoint, request: AdoptionRequest): void {
  if (request.orderBy) {
    const { indicator, direction } = request.orderBy;
    point.cells.sort((a, b) => {
      const va = sortValue(a, indicator);
      const vb = sortValue(b, indicator);
      if (va === null || vb === null) return va === null ? (vb === null ? 0 : 1) : -1;
      return direction === 'desc' ? vb - va : va - vb;
    });
    point.cells.forEach((c, i) => (c.rank = sortValue(c, indicator) === null ? null : i + 1));
  }
  if (request.unpaginated) return;
  const offset = request.after ? Number(request.after) : 0;
  point.cells = point.cells.slice(offset, offset + (request.first ?? PAGE));
}

function attachComparison(points: AdoptionPoint[], previous: AdoptionPoint[], indicators: readonly Indicator[]): void {
  points.forEach((p, i) => {
    const before = previous[i];
    if (!before) return;
    const byKey = new Map(before.cells.map((c) => [c.dimensions.map((d) => d.code).join('\u0000'), c]));
    const pairs: [AdoptionCell, AdoptionCell | undefined][] = [[p.total, before.total], ...p.cells.map((c): [AdoptionCell, AdoptionCell | undefined] => [c, byKey.get(c.dimensions.map((d) => d.code).join('\u0000'))])];
    for (const [now, then] of pairs) {
      for (const indicator of indicators) {
        const v = now.values.get(indicator);
        const w = then?.values.get(indicator);
        if (!v) continue;
        v.comparison = w ? stripComparison(w) : undefined;
        v.change = v.value !== null && w && w.value !== null ? Math.round((v.value - w.value) * 100) / 100 : null;
      }
    }
  });
}

function stripComparison(v: CellValue): ValueOrMissing {
  const { comparison: _c, change: _d, ...rest } = v;
  return rest;
}

function equityGapsOf(points: AdoptionPoint[], request: AdoptionRequest): EquityGap[] {
  const gaps: EquityGap[] = [];
  const dimIndex = request.groupBy.findIndex((d) => (EQUITY_DIMENSIONS as readonly string[]).includes(d));
  if (dimIndex < 0 || request.groupBy.length !== 1) return gaps;
  const dimension = request.groupBy[dimIndex];
  for (const p of points) {
    for (const indicator of request.indicators) {
      if (INDICATOR_DEFINITIONS[indicator].unit !== 'percent' && !RATE_INDICATORS.includes(indicator)) continue;
      const values = p.cells
        .filter((c) => c.dimensions[dimIndex].code !== 'inconnu')
        .map((c) => ({ code: c.dimensions[dimIndex].code, value: c.values.get(indicator)?.value ?? null }))
        .filter((x): x is { code: string; value: number } => x.value !== null)
        .sort((a, b) => b.value - a.value || a.code.localeCompare(b.code));
      if (values.length < 2) continue;
      const hi = values[0];
      const lo = values[values.length - 1];
      gaps.push({ start: p.start, dimension, indicator, gap: Math.round((hi.value - lo.value) * 100) / 100, highest: hi.code, lowest: lo.code });
    }
  }
  return gaps;
}
