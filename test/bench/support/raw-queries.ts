import type { Indicator } from '@ent/contracts';
import { addDays, mondayOf, type AdoptionQueryVariables } from '@ent/dashboards';

/**
 * The reference path of the query benchmark: the question a dashboard panel asks, answered by
 * scanning the raw `events` table with hand-written SQL (no rollup). Same definitions as the API
 * (DOMAIN.md): visitors are distinct user keys; visits are the distinct (session key, day) of the
 * events sent with a session id plus, for the others, a new visit after 30 minutes without an
 * event or at a day change; a regular user is active in at least N distinct weeks of the bucket;
 * family uptake counts the distinct family keys of active parents. Distinct counts are per person
 * first (GROUP BY …, user_key), then per cell and per bucket total (GROUPING SETS), like the
 * rollup path, so totals stay exact distinct counts.
 *
 * Enrolment is known (bench catalog) for every establishment, both school years and every profile
 * but `autre`: a visitor counts towards a usage rate when their profile is not `autre`.
 */
export interface RawMeasures {
  visitors: number;
  visits: number;
  regular_users: number;
  visitors_enrolled: number;
  families_active: number;
}

export interface RawAnswer {
  /** `<bucket>|<codes joined by ,>`; the bucket total has no codes. */
  cells: Map<string, RawMeasures>;
}

export interface RawContext {
  /** Establishments of the territory. */
  uais: readonly string[];
  /** Education prioritaire code of each establishment (`REP`, `REP+`, `hors_ep`). */
  educationPrioritaire: ReadonlyMap<string, string>;
}

export const rawCellKey = (bucket: number, codes: readonly string[]) => `${bucket}|${codes.join(',')}`;

const DAY = "toDate(occurred_at, 'Europe/Paris')";
/** Starts of the visits of a person's whole timeline `full_t` (a gap over 30 minutes or a new Paris day). */
const VISIT_STARTS =
  "arrayFilter((y, i) -> i = 1 OR y - full_t[i - 1] > 1800 OR toDate(toDateTime(y), 'Europe/Paris') != toDate(toDateTime(full_t[i - 1]), 'Europe/Paris'), full_t, arrayEnumerate(full_t))";

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The intervals and breakdowns the raw scan answers: a panel asking others is left out of the benchmark. */
const RAW_INTERVALS: readonly AdoptionQueryVariables['interval'][] = ['none', 'day', 'week', 'month'];
const RAW_DIMENSIONS: readonly string[] = ['profile', 'service', 'device', 'establishment', 'education_prioritaire'];

/** Whether the raw scan answers the same question (no comparison period, an interval and dimensions it knows). */
export function rawScanAnswers(v: Pick<AdoptionQueryVariables, 'interval' | 'groupBy' | 'compareTo'>): boolean {
  return !v.compareTo && RAW_INTERVALS.includes(v.interval) && (v.groupBy ?? []).every((d) => RAW_DIMENSIONS.includes(d));
}

/** Buckets of the API for the intervals the dashboards use (first and last clipped to the period). */
export function bucketsOf(from: string, to: string, interval: AdoptionQueryVariables['interval']): { start: string; end: string }[] {
  if (interval === 'none') return [{ start: from, end: to }];
  const next = (d: string) => {
    if (interval === 'day') return addDays(d, 1);
    if (interval === 'week') return addDays(mondayOf(d), 7);
    if (interval === 'month') return `${Number(d.slice(5, 7)) === 12 ? Number(d.slice(0, 4)) + 1 : d.slice(0, 4)}-${String((Number(d.slice(5, 7)) % 12) + 1).padStart(2, '0')}-01`;
    throw new Error(`interval ${interval} is not used by the dashboards`);
  };
  const out: { start: string; end: string }[] = [];
  for (let start = from; start <= to; start = next(start)) {
    const end = addDays(next(start), -1);
    out.push({ start, end: end < to ? end : to });
  }
  return out;
}

/**
 * The API's default regularity: 3 weeks in a bucket of at most 31 days, else half the weeks it
 * overlaps; 65 (never reached) where regular use does not apply (fewer weeks than that, or more than 64).
 */
export function defaultRegularMinWeeks(b: { start: string; end: string }): number {
  const weeks = daysBetween(mondayOf(b.start), mondayOf(b.end)) / 7 + 1;
  const n = daysBetween(b.start, b.end) < 31 ? 3 : Math.ceil(weeks / 2);
  return n <= weeks && weeks <= 64 ? n : 65;
}

function bucketSql(interval: AdoptionQueryVariables['interval']): string {
  switch (interval) {
    case 'none':
      return 'toUInt32(0)';
    case 'day':
      return `toUInt32(dateDiff('day', {from:Date}, ${DAY}))`;
    case 'week':
      return `toUInt32(intDiv(dateDiff('day', toMonday({from:Date}), toMonday(${DAY})), 7))`;
    case 'month':
      return `toUInt32((toYear(${DAY}) - toYear({from:Date})) * 12 + toMonth(${DAY}) - toMonth({from:Date}))`;
    default:
      throw new Error(`interval ${interval} is not used by the dashboards`);
  }
}

function dimensionSql(dimension: string, i: number, params: Record<string, unknown>, ctx: RawContext): string {
  switch (dimension) {
    case 'profile':
    case 'service':
    case 'device':
      return `toString(${dimension})`;
    case 'establishment':
      return 'toString(uai)';
    case 'education_prioritaire':
      params[`ep_uais_${i}`] = [...ctx.uais];
      params[`ep_values_${i}`] = ctx.uais.map((u) => ctx.educationPrioritaire.get(u) ?? 'hors_ep');
      return `transform(toString(uai), {ep_uais_${i}:Array(String)}, {ep_values_${i}:Array(String)}, '')`;
    default:
      throw new Error(`dimension ${dimension} is not used by the dashboards`);
  }
}

/** What a panel's indicators need measured. */
function needs(indicators: readonly Indicator[]) {
  const has = (...list: Indicator[]) => list.some((i) => indicators.includes(i));
  return {
    visits: has('visits', 'intensity', 'service_mix', 'device_mix'),
    regular: has('regular_users', 'regular_use_rate'),
    enrolled: has('usage_rate', 'regular_use_rate'),
    families: has('family_uptake'),
  };
}

/** The raw-scan SQL answering the same question as the `adoption` query with these variables. */
export function rawQuery(v: AdoptionQueryVariables, ctx: RawContext): { query: string; params: Record<string, unknown> } {
  const groupBy = v.groupBy ?? [];
  const need = needs(v.indicators);
  const buckets = bucketsOf(v.from, v.to, v.interval);
  const params: Record<string, unknown> = {
    uais: [...ctx.uais],
    from: v.from,
    to: v.to,
    // Partition pruning (events are partitioned by UTC month of occurred_at).
    lo: `${addDays(v.from, -1)} 00:00:00.000`,
    hi: `${addDays(v.to, 2)} 00:00:00.000`,
    regular_min_weeks: buckets.map(defaultRegularMinWeeks),
  };
  const where = [`uai IN {uais:Array(String)}`, `${DAY} BETWEEN {from:Date} AND {to:Date}`, `occurred_at >= {lo:DateTime64(3, 'UTC')}`, `occurred_at < {hi:DateTime64(3, 'UTC')}`];
  if (v.profiles?.length) {
    params.profiles = [...v.profiles];
    where.push('profile IN {profiles:Array(String)}');
  }
  if (v.services?.length) {
    params.services = [...v.services];
    where.push('service IN {services:Array(String)}');
  }
  if (v.devices?.length) {
    params.devices = [...v.devices];
    where.push('device IN {devices:Array(String)}');
  }
  const dims = groupBy.map((d, i) => `${dimensionSql(d, i, params, ctx)} AS d${i}`);
  const dimNames = groupBy.map((_, i) => `d${i}`);
  const keys = ['bucket', ...dimNames].join(', ');
  const grouping = dimNames.length ? `GROUPING SETS ((${keys}, user_key), (bucket, user_key))` : 'bucket, user_key';

  const perUser = [
    `SELECT ${keys}, user_key`,
    need.visits
      ? `, arraySort(groupUniqArrayIf(toUInt32(toUnixTimestamp(occurred_at)), session_key = 0)) AS t` +
        `, uniqExactIf(cityHash64(session_key, ${DAY}), session_key != 0) AS session_visits`
      : '',
    need.regular ? `, uniqExact(toMonday(${DAY})) AS weeks` : '',
    need.enrolled ? `, max(profile != 'autre') AS enrolled` : '',
    need.families ? `, groupUniqArrayIf(family_key, profile = 'parent' AND family_key != 0) AS families` : '',
    ` FROM (SELECT ${bucketSql(v.interval)} AS bucket${dims.map((d) => `, ${d}`).join('')}, user_key, session_key, family_key, profile, occurred_at FROM events WHERE ${where.join(' AND ')})`,
    ` GROUP BY ${grouping}`,
  ].join('');
  // Visits without a session id are cut on the person's whole timeline (the bucket's total row),
  // then counted in each cell holding one of their events (the API's definition).
  const totalRow = dimNames.map((d) => `${d} IS NULL`).join(' AND ');
  const fullTimeline = dimNames.length ? `arraySort(arrayFlatten(groupArrayIf(t, ${totalRow}) OVER (PARTITION BY bucket, user_key)))` : 't';
  const withVisits = need.visits
    ? `SELECT *, ${fullTimeline} AS full_t, ${VISIT_STARTS} AS starts, session_visits + length(arrayDistinct(arrayMap(x -> arrayCount(s -> s <= x, starts), t))) AS visits FROM (${perUser})`
    : perUser;
  const query =
    `SELECT ${keys}, count() AS visitors` +
    (need.visits ? ', sum(visits) AS visits' : '') +
    (need.regular ? ', countIf(weeks >= arrayElement({regular_min_weeks:Array(UInt16)}, bucket + 1)) AS regular_users' : '') +
    (need.enrolled ? ', countIf(enrolled) AS visitors_enrolled' : '') +
    (need.families ? ', uniqExactArray(families) AS families_active' : '') +
    ` FROM (${withVisits}) GROUP BY ${keys} ORDER BY ${keys}` +
    (dimNames.length ? ' SETTINGS group_by_use_nulls = 1' : '');
  return { query, params };
}

export function rawAnswer(v: AdoptionQueryVariables, rows: Record<string, unknown>[]): RawAnswer {
  const n = (v.groupBy ?? []).length;
  const cells = new Map<string, RawMeasures>();
  for (const row of rows) {
    const codes = Array.from({ length: n }, (_, i) => row[`d${i}`]);
    // With two dimensions, rows where only one is null are partial groupings: not asked for.
    if (codes.some((c) => c === null) && !codes.every((c) => c === null)) continue;
    cells.set(rawCellKey(Number(row.bucket), codes.every((c) => c === null) ? [] : codes.map(String)), {
      visitors: Number(row.visitors ?? 0),
      visits: Number(row.visits ?? 0),
      regular_users: Number(row.regular_users ?? 0),
      visitors_enrolled: Number(row.visitors_enrolled ?? 0),
      families_active: Number(row.families_active ?? 0),
    });
  }
  return { cells };
}
