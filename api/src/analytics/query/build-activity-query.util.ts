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
  /** Which parts to compute: regular users (per person), visits without session id (per person), time per visit. */
  needs: { regular: boolean; sessionlessVisits: boolean; visitDurations: boolean };
  /**
   * Start year of the school year whose enrolment counts, per bucket (that of its last day, as
   * the denominators); absent for deployment cohorts, where each month counts with its own year.
   */
  bucketSchoolYears?: readonly number[];
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

const indent = (sql: string, by = '    ') => sql.split('\n').map((l) => by + l).join('\n');

/**
 * THE SQL of every activity indicator: one query, up to three parts joined by UNION ALL (`kind`):
 * 1. people and visits with a session id, straight from the rollup rows: `uniqExact` of person
 *    keys, family keys and visit keys per bucket and cell — exact over any union of rows, since
 *    rows are keyed by person — plus the bounds of each visit when the time per visit is asked;
 * 2. regular users, per person: the bits of their active weeks OR-ed over their rows, counted;
 * 3. visits without a session id, per person and only over rows that have such events: cut on the
 *    person's whole timeline (the bucket's total row, via a window), then counted in each cell
 *    holding one of their events.
 * Each part reads only the periods of the requested buckets (`period IN`, bucket by `transform`)
 * and the establishments of the caller's scope. Totals per bucket come from a second grouping
 * set, so they are exact distinct counts too, never sums of cells.
 */
export function buildActivityQuery(spec: ActivityQuerySpec): BuiltQuery {
  const params: Record<string, unknown> = {};
  const table = (grain: Grain) => `${spec.family}_by_${grain}`;
  const extraColumn = spec.family === 'service_activity' ? 'service, ' : spec.family === 'device_activity' ? 'device, ' : '';

  const where: string[] = [];
  if (spec.uais !== 'all') {
    params.uais = [...spec.uais];
    where.push('uai IN {uais:Array(String)}');
  }
  if (spec.profiles?.length) {
    params.profiles = [...spec.profiles];
    where.push('profile IN {profiles:Array(String)}');
  }
  if (spec.family === 'service_activity' && spec.services?.length) {
    params.services = [...spec.services];
    where.push('service IN {services:Array(String)}');
  }
  if (spec.family === 'device_activity' && spec.devices?.length) {
    params.devices = [...spec.devices];
    where.push('device IN {devices:Array(String)}');
  }
  for (const d of spec.dimensions) Object.assign(params, d.params);
  const dimColumns = spec.dimensions.map((d, i) => `${d.expr} AS d${i}`);
  const dimNames = spec.dimensions.map((_, i) => `d${i}`);

  const schoolYear = spec.bucketSchoolYears ? SCHOOL_YEAR_OF_BUCKET : SCHOOL_YEAR_OF_PERIOD;
  if (spec.bucketSchoolYears) params.bucket_school_years = [...spec.bucketSchoolYears];
  params.enrolled_keys = [...spec.enrolledKeys];
  params.family_keys = [...spec.familyKeys];
  const parentFamily = "profile = 'parent' AND family_key != 0";

  const grains = [...new Set(spec.tiles.map((t) => t.grain))];
  if (!grains.length) throw new Error('an activity query needs at least one period');
  for (const grain of grains) {
    const periods: string[] = [];
    const buckets: number[] = [];
    for (const tile of spec.tiles.filter((t) => t.grain === grain)) {
      for (const p of periodsOf(tile)) {
        periods.push(p);
        buckets.push(tile.bucket);
      }
    }
    params[`${grain}_periods`] = periods;
    params[`${grain}_buckets`] = buckets;
  }
  /** The rollup rows of the buckets, tagged with bucket, breakdown and enrolment (the same for every part). */
  const rows = (extraColumns: string, extraCondition?: string) =>
    [
      '(',
      grains
        .map((grain) =>
          [
            `    SELECT transform(period, {${grain}_periods:Array(Date)}, {${grain}_buckets:Array(UInt32)}, 0) AS bucket, uai, profile, ${extraColumn}period, user_key, family_key, ${extraColumns}${dimColumns.length ? ', ' + dimColumns.join(', ') : ''}`,
            `    FROM ${table(grain)}`,
            `    WHERE ${[`period IN {${grain}_periods:Array(Date)}`, ...where, ...(extraCondition ? [extraCondition] : [])].join(' AND ')}`,
          ].join('\n'),
        )
        .join('\n    UNION ALL\n'),
      ')',
    ].join('\n');
  const keys = ['bucket', ...dimNames].join(', ');
  const perPersonKeys = `${keys}, user_key`;
  const cellGrouping = dimNames.length ? `GROUPING SETS ((${keys}), (bucket))` : keys;
  const personGrouping = dimNames.length ? `GROUPING SETS ((${perPersonKeys}), (bucket, user_key))` : perPersonKeys;
  const measures = (values: Partial<Record<ActivityMeasure, string>>) => ACTIVITY_MEASURES.map((m) => `${values[m] ?? '0'} AS ${m}`).join(',\n    ');

  const enrolled = `concat(${schoolYear}, '|', uai, '|', toString(profile)) IN {enrolled_keys:Array(String)}`;
  const familyEnrolled = `concat(${schoolYear}, '|', uai) IN {family_keys:Array(String)}`;
  const parts: string[] = [];
  parts.push(
    [
      `SELECT 1 AS kind, ${keys},`,
      '    ' +
        measures({
          visitors: 'uniqExact(user_key)',
          visitors_enrolled: 'uniqExactIf(user_key, enrolled)',
          families_active: `uniqExactIf(family_key, ${parentFamily})`,
          families_active_enrolled: `uniqExactIf(family_key, ${parentFamily} AND family_enrolled)`,
          session_visits: 'uniqExactMerge(sessions)',
          ...(spec.needs.visitDurations ? { session_seconds: 'arraySum(arrayMap((a, b) -> b - a, minMapMerge(session_start).2, maxMapMerge(session_end).2))' } : {}),
        }),
      'FROM',
      rows(`sessions${spec.needs.visitDurations ? ', session_start, session_end' : ''}, ${enrolled} AS enrolled, ${familyEnrolled} AS family_enrolled`),
      `GROUP BY ${cellGrouping}`,
    ].join('\n'),
  );
  if (spec.needs.regular) {
    params.regular_min_weeks = [...spec.regularMinWeeks];
    const regular = 'bitCount(weeks) >= arrayElement({regular_min_weeks:Array(UInt16)}, bucket + 1)';
    parts.push(
      [
        `SELECT 2 AS kind, ${keys},`,
        '    ' + measures({ regular_users: `countIf(${regular})`, regular_enrolled: `countIf(enrolled AND ${regular})` }),
        'FROM',
        '(',
        `    SELECT ${perPersonKeys}, groupBitOr(active_weeks) AS weeks, max(${enrolled}) AS enrolled`,
        '    FROM',
        indent(rows('active_weeks')),
        `    GROUP BY ${personGrouping}`,
        ')',
        `GROUP BY ${keys}`,
      ].join('\n'),
    );
  }
  if (spec.needs.sessionlessVisits) {
    const totalRow = dimNames.map((d) => `${d} IS NULL`).join(' AND ');
    const fullTimeline = dimNames.length ? `arraySort(arrayFlatten(groupArrayIf(t, ${totalRow}) OVER (PARTITION BY bucket, user_key)))` : 't';
    parts.push(
      [
        `SELECT 3 AS kind, ${keys},`,
        '    ' + measures({ sessionless_visits: 'sum(length(arrayDistinct(arrayMap(x -> arrayCount(v -> v <= x, starts), t))))' }),
        'FROM',
        '(',
        `    SELECT *, ${fullTimeline} AS full_t, ${VISIT_STARTS} AS starts`,
        '    FROM',
        '    (',
        `        SELECT ${perPersonKeys}, arraySort(groupUniqArrayMerge(sessionless_times)) AS t`,
        '        FROM',
        indent(rows('sessionless_times', 'sessionless_events > 0'), '        '),
        `        GROUP BY ${personGrouping}`,
        '    )',
        ')',
        `GROUP BY ${keys}`,
      ].join('\n'),
    );
  }
  const query = [parts.join('\nUNION ALL\n'), ...(dimNames.length ? ['SETTINGS group_by_use_nulls = 1'] : [])].join('\n');
  return { query, params };
}
