import type { Bucket, Grain, Tile } from '../periods/period-buckets.util';
import { addDays, addMonths } from '../periods/calendar-days.util';

/** The rollup families of migrations/clickhouse (0003 → 0018) and the grains each one has. */
export const ROLLUP_FAMILIES = {
  activity: { grains: ['day', 'week', 'month', 'school_year'] },
  service_activity: { grains: ['day', 'month'] },
  device_activity: { grains: ['day', 'month'] },
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
  'visits',
  'session_visits',
  'session_seconds',
  'regular_users',
  'visitors_enrolled',
  'regular_enrolled',
  'families_active',
  'families_active_enrolled',
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

/**
 * THE SQL of every activity indicator. Three levels:
 * 1. one SELECT per rollup grain, reading only the periods of the requested buckets (`period IN`)
 *    and the establishments of the caller's scope, tagging each row with its bucket and breakdown;
 * 2. one row per person (and bucket, cell): their rollup rows merged, so a person active in two
 *    establishments or two months of a bucket is one person; visits are the session keys of the
 *    day plus the 30-minute split of events sent without a session id; totals per bucket come from
 *    a second grouping set, so they stay exact distinct counts too;
 * 3. counts per bucket and cell.
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

  const grains = [...new Set(spec.tiles.map((t) => t.grain))];
  const sources = grains.map((grain) => {
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
    const conditions = [`period IN {${grain}_periods:Array(Date)}`, ...where].join(' AND ');
    return [
      `        SELECT transform(period, {${grain}_periods:Array(Date)}, {${grain}_buckets:Array(UInt32)}, 0) AS bucket,`,
      `            uai, profile, ${extraColumn}period, user_key, family_key, session_start, session_end, sessionless_times, active_weeks${dimColumns.length ? ',' : ''}`,
      ...(dimColumns.length ? [`            ${dimColumns.join(', ')}`] : []),
      `        FROM ${table(grain)}`,
      `        WHERE ${conditions}`,
    ].join('\n');
  });
  if (!sources.length) throw new Error('an activity query needs at least one period');

  const schoolYear = spec.bucketSchoolYears ? SCHOOL_YEAR_OF_BUCKET : SCHOOL_YEAR_OF_PERIOD;
  if (spec.bucketSchoolYears) params.bucket_school_years = [...spec.bucketSchoolYears];
  params.enrolled_keys = [...spec.enrolledKeys];
  params.family_keys = [...spec.familyKeys];
  params.regular_min_weeks = [...spec.regularMinWeeks];
  const keys = ['bucket', ...dimNames].join(', ');
  const perPersonKeys = `${keys}, user_key`;
  const grouping = dimNames.length ? `GROUPING SETS ((${perPersonKeys}), (bucket, user_key))` : perPersonKeys;
  const parentFamily = "profile = 'parent' AND family_key != 0";
  const regular = 'length(weeks) >= arrayElement({regular_min_weeks:Array(UInt16)}, bucket + 1)';
  const totalRow = dimNames.map((d) => `${d} IS NULL`).join(' AND ');
  const fullTimeline = dimNames.length ? `arraySort(arrayFlatten(groupArrayIf(t, ${totalRow}) OVER (PARTITION BY bucket, user_key)))` : 't';

  const query = [
    `SELECT ${keys},`,
    '    count() AS visitors,',
    '    sum(visits) AS visits,',
    '    sum(session_visits) AS session_visits,',
    '    sum(session_seconds) AS session_seconds,',
    `    countIf(${regular}) AS regular_users,`,
    '    countIf(enrolled) AS visitors_enrolled,',
    `    countIf(enrolled AND ${regular}) AS regular_enrolled,`,
    '    uniqExactArray(families) AS families_active,',
    '    uniqExactArray(families_enrolled) AS families_active_enrolled',
    'FROM',
    '(',
    // Visits without a session id are cut on the person's whole timeline (the bucket's total row),
    // then counted in each cell that holds one of their events: a visit touching two services (or
    // two establishments) counts once in each, and never splits in two inside one of them.
    `    SELECT *, ${fullTimeline} AS full_t, ${VISIT_STARTS} AS starts,`,
    '        session_visits + length(arrayDistinct(arrayMap(x -> arrayCount(v -> v <= x, starts), t))) AS visits',
    '    FROM',
    '    (',
    `    SELECT ${perPersonKeys},`,
    '        minMapMerge(session_start) AS s,',
    '        maxMapMerge(session_end) AS e,',
    '        arraySort(groupUniqArrayMerge(sessionless_times)) AS t,',
    '        groupUniqArrayMerge(active_weeks) AS weeks,',
    '        length(s.1) AS session_visits,',
    '        arraySum(arrayMap((a, b) -> b - a, s.2, e.2)) AS session_seconds,',
    `        max(concat(${schoolYear}, '|', uai, '|', toString(profile)) IN {enrolled_keys:Array(String)}) AS enrolled,`,
    `        groupUniqArrayIf(family_key, ${parentFamily}) AS families,`,
    `        groupUniqArrayIf(family_key, ${parentFamily} AND concat(${schoolYear}, '|', uai) IN {family_keys:Array(String)}) AS families_enrolled`,
    '    FROM',
    '    (',
    sources.join('\n        UNION ALL\n'),
    '    )',
    `    GROUP BY ${grouping}`,
    '    )',
    ')',
    `GROUP BY ${keys}`,
    `ORDER BY ${keys}`,
    ...(dimNames.length ? ['SETTINGS group_by_use_nulls = 1'] : []),
  ].join('\n');
  return { query, params };
}
