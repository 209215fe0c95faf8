import type { Bucket, Grain, Tile } from '../periods/period-buckets.util';
import { addDays, addMonths } from '../periods/calendar-days.util';

/** The rollup families of migrations/clickhouse (0003 → 0022) and the grains each one has. */
export const ROLLUP_FAMILIES = {
  activity: { grains: ['day', 'week', 'month', 'school_year'] },
  service_activity: { grains: ['day', 'month', 'school_year'] },
  device_activity: { grains: ['day', 'month', 'school_year'] },
} as const satisfies Record<string, { grains: readonly Grain[] }>;
export type RollupFamily = keyof typeof ROLLUP_FAMILIES;

/**
 * A breakdown column: a SQL expression over the rollup columns (`uai`, `profile`, `period`,
 * `service`, `device`), written in code (an allowlist: see dimension-sql.util.ts), whose values
 * come through bound parameters only.
 */
export interface DimensionSql {
  name: string;
  expr: string;
  params: Record<string, unknown>;
}

export interface ActivityQuerySpec {
  family: RollupFamily;
  buckets: readonly Bucket[];
  /** The periods to read, live (rollups with aggregate states) or final (finalized rollups). */
  tiles: readonly Tile[];
  dimensions: readonly DimensionSql[];
  /** Establishments to read; `all` only for a national caller asking for the whole country. */
  uais: readonly string[] | 'all';
  profiles?: readonly string[];
  services?: readonly string[];
  devices?: readonly string[];
  /** `<school year start>|<uai>|<profile>` for which the catalog knows the potential users. */
  enrolledKeys: readonly string[];
  /** `<school year start>|<uai>` for which the catalog knows the enrolled families. */
  familyKeys: readonly string[];
  /** Minimum distinct active weeks of a regular user, per bucket (by index). */
  regularMinWeeks: readonly number[];
  /** What the indicators asked need: enrolled visitors (rates), families, regular users (per person), visits, time per visit. */
  needs: { enrolled: boolean; families: boolean; regular: boolean; visits: boolean; visitDurations: boolean };
  /**
   * Start year of the school year whose enrolment counts, per bucket (that of its last day, as
   * the denominators); absent for deployment cohorts, where each month counts with its own year.
   */
  bucketSchoolYears?: readonly number[];
  /**
   * Service and device breakdowns without a service or device filter: the total of each bucket is
   * read from the activity rollups over these tiles (a visit touching several services is one
   * visit there), the service or device rollups giving the cells only.
   */
  totalTiles?: readonly Tile[];
}

export interface BuiltQuery {
  query: string;
  params: Record<string, unknown>;
}

/** The counts every indicator is computed from, per bucket and breakdown cell (and total). */
export const ACTIVITY_MEASURES = [
  'visitors',
  'visitors_enrolled',
  'families_active',
  'families_active_enrolled',
  'session_visits',
  'session_seconds',
  'regular_users',
  'regular_enrolled',
  'sessionless_visits',
] as const;
export type ActivityMeasure = (typeof ACTIVITY_MEASURES)[number];

/** Every period start of a grain inside a tile (the `period` values to read). */
function periodsOf(tile: Tile): string[] {
  const periods: string[] = [];
  for (let p = tile.first; p <= tile.last; ) {
    periods.push(p);
    p = tile.grain === 'day' ? addDays(p, 1) : tile.grain === 'week' ? addDays(p, 7) : tile.grain === 'month' ? addMonths(p, 1) : addMonths(p, 12);
  }
  return periods;
}

const SCHOOL_YEAR_OF_PERIOD = 'toString(toYear(period) - (toMonth(period) < 9))';
const SCHOOL_YEAR_OF_BUCKET = 'toString(arrayElement({bucket_school_years:Array(UInt16)}, bucket + 1))';
/** First second of each visit of a sorted timeline `full_t`: a gap over 30 minutes or a new Paris day starts one. */
const VISIT_STARTS =
  "arrayFilter((y, i) -> i = 1 OR y - full_t[i - 1] > 1800 OR toDate(toDateTime(y), 'Europe/Paris') != toDate(toDateTime(full_t[i - 1]), 'Europe/Paris'), full_t, arrayEnumerate(full_t))";

/** An empty set of visit keys, one constant for the whole query. */
const EMPTY_SESSIONS = '(SELECT uniqExactState(toUInt64(0)) FROM numbers(0))';

const indent = (sql: string, by = '    ') => sql.split('\n').map((l) => by + l).join('\n');

/** Which rows a part reads: both sources, the live rollups (aggregate states) or the finalized ones. */
type Source = 'all' | 'live' | 'final';

/**
 * THE SQL of every activity indicator: one query of parts joined by UNION ALL (`kind`), each
 * giving some measures per bucket and cell, summed per cell by the caller:
 * 1. people and regular users over the rows of both sources, and the visits of the finalized rows.
 *    A finalized row that is the person's only row in the bucket (`person_rows` = 1, one finalized
 *    period in the bucket, no live row of the person) is *simple*: it counts with `count()`; the
 *    others — live rows, people with several rows — with `uniqExact` of their keys (exact over any
 *    union of rows, since rows are keyed by person), their weeks OR-ed per person for regular use.
 *    Finalized visits are the plain counts of visits touching one row, plus the keys of those
 *    touching several, counted once per cell;
 *    Live visits with a session id count there too, with `uniqExact` of their keys (states);
 * 2. with the time per visit, the live visits with a session id in a part of their own, with the
 *    bounds of each visit;
 * 3. visits without a session id of the live rows, per person: cut on the person's whole timeline
 *    (every establishment, profile, service and device, whatever the filters), then counted in
 *    each cell holding one of their events;
 * 4. with the time per visit, the duration of finalized visits touching several rows, per cell.
 * Each part reads only the periods of the requested buckets (`period IN`, bucket by `transform`),
 * the generations named for the finalized ones, and the establishments of the caller's scope.
 * Totals per bucket come from a second grouping set, so they are exact distinct counts too, never
 * sums of cells — or, with `totalTiles`, from the activity rollups.
 */
export function buildActivityQuery(spec: ActivityQuerySpec): BuiltQuery {
  const params: Record<string, unknown> = {};
  const parts = activityParts(spec, params, 0);
  if (spec.totalTiles) {
    const total = activityParts({ ...spec, family: 'activity', tiles: spec.totalTiles, dimensions: [], totalTiles: undefined, services: undefined, devices: undefined }, params, 4, spec.dimensions.length);
    parts.push(...total);
  }
  const query = [parts.join('\nUNION ALL\n'), ...(spec.dimensions.length ? ['SETTINGS group_by_use_nulls = 1'] : [])].join('\n');
  return { query, params };
}

/**
 * The parts of one family. `kindOffset` and `nullDimensions` serve the total read from another
 * family: its kinds follow the cells' and its breakdown columns are NULL, as a total's are.
 */
function activityParts(spec: ActivityQuerySpec, params: Record<string, unknown>, kindOffset: number, nullDimensions = 0): string[] {
  const family = spec.family;
  const prefix = kindOffset ? 'total_' : '';
  const extraColumn = family === 'service_activity' ? 'service, ' : family === 'device_activity' ? 'device, ' : '';

  const filters: string[] = [];
  if (spec.uais !== 'all') {
    params.uais = [...spec.uais];
    filters.push('uai IN {uais:Array(String)}');
  }
  if (spec.profiles?.length) {
    params.profiles = [...spec.profiles];
    filters.push('profile IN {profiles:Array(String)}');
  }
  if (family === 'service_activity' && spec.services?.length) {
    params.services = [...spec.services];
    filters.push('service IN {services:Array(String)}');
  }
  if (family === 'device_activity' && spec.devices?.length) {
    params.devices = [...spec.devices];
    filters.push('device IN {devices:Array(String)}');
  }
  for (const d of spec.dimensions) Object.assign(params, d.params);
  const dimColumns = spec.dimensions.map((d, i) => `${d.expr} AS d${i}`);
  const dimNames = spec.dimensions.map((_, i) => `d${i}`);
  const nulls = Array.from({ length: nullDimensions }, (_, i) => `CAST(NULL AS Nullable(String)) AS d${i}`);

  const schoolYear = spec.bucketSchoolYears ? SCHOOL_YEAR_OF_BUCKET : SCHOOL_YEAR_OF_PERIOD;
  if (spec.bucketSchoolYears) params.bucket_school_years = [...spec.bucketSchoolYears];
  const needs = spec.needs;
  if (needs.enrolled) params.enrolled_keys = [...spec.enrolledKeys];
  if (needs.families) params.family_keys = [...spec.familyKeys];
  const parentFamily = "profile = 'parent' AND family_key != 0";

  // The periods of each grain and source, with their buckets (and generations, for the finalized ones).
  interface Read {
    grain: Grain;
    final: boolean;
    name: string;
  }
  const reads: Read[] = [];
  for (const final of [false, true]) {
    for (const grain of ['school_year', 'month', 'week', 'day'] as const) {
      const tiles = spec.tiles.filter((t) => t.grain === grain && !!t.final === final);
      if (!tiles.length) continue;
      const name = `${prefix}${final ? 'final_' : ''}${grain}`;
      params[`${name}_periods`] = tiles.flatMap((t) => periodsOf(t));
      params[`${name}_buckets`] = tiles.flatMap((t) => periodsOf(t).map(() => t.bucket));
      if (final) params[`${name}_generations`] = [...new Set(tiles.flatMap((t) => t.final ?? []))].sort((a, b) => a - b);
      reads.push({ grain, final, name });
    }
  }
  if (!reads.length) throw new Error('an activity query needs at least one period');
  const hasLive = reads.some((r) => !r.final);
  const hasFinal = reads.some((r) => r.final);

  /**
   * The rollup rows of the buckets, tagged with bucket and breakdown. `columns` per source;
   * `unfiltered` reads every establishment, profile, service and device (`in_filter` says which
   * rows the question is about).
   */
  const rows = (source: Source, columns: (final: boolean) => string, condition?: (final: boolean) => string | undefined, unfiltered = false) => {
    const selected = reads.filter((r) => source === 'all' || r.final === (source === 'final'));
    if (!selected.length) return undefined;
    return [
      '(',
      selected
        .map((r) => {
          const where = [
            ...(r.final ? [`grain = '${r.grain}'`, `generation IN {${r.name}_generations:Array(UInt64)}`] : []),
            `period IN {${r.name}_periods:Array(Date)}`,
            ...(unfiltered ? [] : filters),
            ...[condition?.(r.final)].filter((c): c is string => !!c),
          ];
          const columnList = [
            `transform(period, {${r.name}_periods:Array(Date)}, {${r.name}_buckets:Array(UInt32)}, 0) AS bucket`,
            `uai, profile, ${extraColumn}period, user_key, family_key`,
            columns(r.final),
            ...dimColumns,
            ...(unfiltered ? [`${filters.length ? filters.join(' AND ') : '1'} AS in_filter`] : []),
          ];
          return [`    SELECT ${columnList.join(', ')}`, `    FROM ${r.final ? `${family}_final` : `${family}_by_${r.grain}`}`, `    WHERE ${where.join(' AND ')}`].join('\n');
        })
        .join('\n    UNION ALL\n'),
      ')',
    ].join('\n');
  };
  const keys = ['bucket', ...dimNames].join(', ');
  const outKeys = ['bucket', ...dimNames, ...nulls].join(', ');
  const withTotal = dimNames.length > 0 && !spec.totalTiles;
  const cellGrouping = withTotal ? `GROUPING SETS ((${keys}), (bucket))` : keys;
  const measures = (values: Partial<Record<ActivityMeasure, string>>) => ACTIVITY_MEASURES.map((m) => `${values[m] ?? '0'} AS ${m}`).join(',\n    ');
  const select = (kind: number) => `SELECT ${kind + kindOffset} AS kind, ${outKeys},`;

  const enrolled = `concat(${schoolYear}, '|', uai, '|', toString(profile)) IN {enrolled_keys:Array(String)}`;
  const familyEnrolled = `concat(${schoolYear}, '|', uai) IN {family_keys:Array(String)}`;
  const visits = needs.visits || needs.visitDurations;
  const parts: string[] = [];

  // 1. People, regular users and finalized visits.
  const bucketFlag = (name: string, values: boolean[]) => {
    params[`${prefix}${name}`] = values.map((v) => (v ? 1 : 0));
    return `arrayElement({${prefix}${name}:Array(UInt8)}, bucket + 1) = 1`;
  };
  const finalPeriods = spec.buckets.map((b) => spec.tiles.filter((t) => t.bucket === b.index && t.final).reduce((n, t) => n + periodsOf(t).length, 0));
  const mixed = spec.buckets.map((b, i) => finalPeriods[i] > 0 && spec.tiles.some((t) => t.bucket === b.index && !t.final));
  const liveKeysOfMixedBuckets = mixed.some((m) => m)
    ? `(bucket, user_key) IN (SELECT bucket, user_key FROM ${indent(rows('live', () => '1 AS one', () => undefined) as string, '    ').trim()} WHERE ${bucketFlag('mixed_buckets', mixed)})`
    : '0';
  const simple = `person_rows = 1 AND ${bucketFlag('one_final_period', finalPeriods.map((n) => n === 1))} AND NOT ${liveKeysOfMixedBuckets}`;
  const regular = 'bitCount(active_weeks) >= arrayElement({regular_min_weeks:Array(UInt16)}, bucket + 1)';
  if (needs.regular) params.regular_min_weeks = [...spec.regularMinWeeks];
  const weeksOfOthers = 'mapValues(groupBitOrMapIf(map(user_key, active_weeks), NOT simple))';
  const regularOf = (weeks: string) => `bitCount(${weeks}) >= arrayElement({regular_min_weeks:Array(UInt16)}, bucket + 1)`;
  // Live visits with a session id are counted here too, unless their durations are asked (part 2).
  const liveSessionsHere = visits && hasLive && !needs.visitDurations;
  const peopleColumns = (final: boolean) =>
    [
      `${final ? `(${simple})` : '0'} AS simple`,
      ...(needs.enrolled ? [`${enrolled} AS enrolled`] : []),
      ...(needs.families ? [`${familyEnrolled} AS family_enrolled`] : []),
      ...(needs.regular ? ['active_weeks'] : []),
      ...(visits
        ? final
          ? ['session_visits AS own_session_visits', 'session_seconds AS own_session_seconds', 'sessionless_visits AS own_sessionless_visits', 'shared_visits', 'shared_sessionless']
          : ['toUInt32(0) AS own_session_visits', 'toUInt64(0) AS own_session_seconds', 'toUInt32(0) AS own_sessionless_visits', 'emptyArrayUInt64() AS shared_visits', 'emptyArrayUInt64() AS shared_sessionless']
        : []),
      // Live visit keys: the finalized rows carry an empty state (one constant), skipped by the -If.
      ...(liveSessionsHere ? [final ? `${EMPTY_SESSIONS} AS sessions, 0 AS live` : 'sessions, 1 AS live'] : []),
    ].join(', ');
  parts.push(
    [
      select(1),
      '    ' +
        measures({
          visitors: 'countIf(simple) + uniqExactIf(user_key, NOT simple)',
          ...(needs.enrolled ? { visitors_enrolled: 'countIf(simple AND enrolled) + uniqExactIf(user_key, NOT simple AND enrolled)' } : {}),
          ...(needs.families
            ? { families_active: `uniqExactIf(family_key, ${parentFamily})`, families_active_enrolled: `uniqExactIf(family_key, ${parentFamily} AND family_enrolled)` }
            : {}),
          ...(visits
            ? {
                session_visits: `sum(own_session_visits) + uniqExactArray(shared_visits)${liveSessionsHere ? ' + uniqExactMergeIf(sessions, live = 1)' : ''}`,
                sessionless_visits: 'sum(own_sessionless_visits) + uniqExactArray(shared_sessionless)',
              }
            : {}),
          ...(needs.visitDurations ? { session_seconds: 'sum(own_session_seconds)' } : {}),
          ...(needs.regular
            ? {
                regular_users: `countIf(simple AND ${regular}) + arrayCount(weeks -> ${regularOf('weeks')}, ${weeksOfOthers})`,
                ...(needs.enrolled
                  ? {
                      regular_enrolled: `countIf(simple AND enrolled AND ${regular}) + arrayCount((weeks, e) -> e = 1 AND ${regularOf('weeks')}, ${weeksOfOthers}, mapValues(maxMapIf(map(user_key, toUInt8(enrolled)), NOT simple)))`,
                    }
                  : {}),
              }
            : {}),
        }),
      'FROM',
      rows('all', peopleColumns) as string,
      `GROUP BY ${cellGrouping}`,
    ].join('\n'),
  );
  if (visits && hasLive && !liveSessionsHere) {
    // 2. Live visits with a session id, with the bounds of each visit.
    parts.push(
      [
        select(2),
        '    ' +
          measures({
            session_visits: 'uniqExactMerge(sessions)',
            ...(needs.visitDurations ? { session_seconds: 'arraySum(arrayMap((a, b) -> b - a, minMapMerge(session_start).2, maxMapMerge(session_end).2))' } : {}),
          }),
        'FROM',
        rows('live', () => `sessions${needs.visitDurations ? ', session_start, session_end' : ''}`) as string,
        `GROUP BY ${cellGrouping}`,
      ].join('\n'),
    );
  }
  if (visits && hasLive) {
    // 3. Live visits without a session id: each person's whole timeline (every row, whatever the
    //    filters), cut into visits, counted in each cell of the question holding one of their events.
    const cellTuple = `tuple(${[...dimNames.map((d) => `CAST(${d} AS Nullable(String))`), 't'].join(', ')})`;
    const totalCell = `tuple(${[...dimNames.map(() => 'CAST(NULL AS Nullable(String))'), 'arrayFlatten(groupArrayIf(t, in_filter))'].join(', ')})`;
    const cells = dimNames.length ? `arrayConcat(groupArrayIf(${cellTuple}, in_filter)${withTotal ? `, [${totalCell}]` : ''})` : `[${totalCell}]`;
    const times = `cell.${dimNames.length + 1}`;
    parts.push(
      [
        select(3),
        '    ' + measures({ sessionless_visits: 'sum(length(arrayDistinct(arrayMap(x -> arrayCount(v -> v <= x, starts), times))))' }),
        'FROM',
        '(',
        `    SELECT bucket, arrayJoin(cells) AS cell, ${dimNames.map((d, i) => `cell.${i + 1} AS ${d}`).join(', ')}${dimNames.length ? ', ' : ''}${times} AS times, starts`,
        '    FROM',
        '    (',
        `        SELECT bucket, user_key, arraySort(arrayDistinct(arrayFlatten(groupArray(t)))) AS full_t, ${VISIT_STARTS} AS starts, ${cells} AS cells`,
        '        FROM',
        '        (',
        `            SELECT bucket, user_key, ${dimNames.length ? `${dimNames.join(', ')}, ` : ''}in_filter, groupUniqArrayMerge(sessionless_times) AS t`,
        '            FROM',
        indent(rows('live', () => 'sessionless_times', () => 'sessionless_events > 0', true) as string, '            '),
        `            GROUP BY bucket, user_key, ${dimNames.length ? `${dimNames.join(', ')}, ` : ''}in_filter`,
        '        )',
        '        GROUP BY bucket, user_key',
        '        HAVING countIf(in_filter) > 0',
        '    )',
        ')',
        `GROUP BY ${keys}`,
      ].join('\n'),
    );
  }
  if (needs.visitDurations && hasFinal) {
    // 4. Time per visit of finalized visits touching several rows: from the first start to the last end in the cell.
    parts.push(
      [
        select(4),
        '    ' + measures({ session_seconds: 'sum(seconds)' }),
        'FROM',
        '(',
        `    SELECT ${keys}, visit.1 AS id, max(visit.3) - min(visit.2) AS seconds`,
        '    FROM',
        indent(rows('final', () => 'arrayJoin(arrayZip(shared_visits, shared_starts, shared_ends)) AS visit', () => 'notEmpty(shared_visits)') as string),
        `    GROUP BY ${withTotal ? `GROUPING SETS ((${keys}, id), (bucket, id))` : `${keys}, id`}`,
        ')',
        `GROUP BY ${keys}`,
      ].join('\n'),
    );
  }
  return parts;
}
