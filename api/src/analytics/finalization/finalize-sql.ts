import type { RollupFamily } from '../query/build-activity-query.util';
import type { Grain } from '../periods/period-buckets.util';

/**
 * THE SQL of the finalizer: how a slice of a finalized rollup (`<family>_final`) is built.
 *
 * - Day slices are read from the day rollups (`<family>_by_day`, aggregate states). Per row, the
 *   states give the keys of its visits with a session id and their first and last second
 *   (`minMap`/`maxMap` are keyed by visit), and the seconds of its events without session id. Per
 *   person and day, the events without session id of all of the person's rows form one timeline,
 *   cut into visits at gaps over 30 minutes (a day never holds midnight); a row touches the visits
 *   holding one of its events. A visit touching another row of the person (with the same service
 *   or device, for those families) is *shared*: its key goes into the `shared_*` arrays, to be
 *   counted once per cell when read; the others are plain counts.
 * - Week, month and school-year slices are sums of the finalized day rows (a visit belongs to one
 *   day, so a visit shared in a month is shared on its day, and the other way round).
 */
export const FINAL_GRAINS: Record<RollupFamily, readonly Grain[]> = {
  activity: ['day', 'week', 'month', 'school_year'],
  service_activity: ['day', 'month', 'school_year'],
  device_activity: ['day', 'month', 'school_year'],
};

/** The column that makes a row of a family besides (uai, profile, period, person, family). */
export function extraColumnOf(family: RollupFamily): string | undefined {
  return family === 'service_activity' ? 'service' : family === 'device_activity' ? 'device' : undefined;
}

export const finalTable = (family: RollupFamily) => `${family}_final`;

/** The finalized rollup tables (migrations 0025 → 0027). */
export const FINAL_TABLES = (Object.keys(FINAL_GRAINS) as RollupFamily[]).map(finalTable);

const FINAL_COLUMNS = [
  'person_rows',
  'active_weeks',
  'session_visits',
  'session_seconds',
  'sessionless_visits',
  'shared_visits',
  'shared_starts',
  'shared_ends',
  'shared_sessionless',
] as const;

function keyColumns(family: RollupFamily): string[] {
  const extra = extraColumnOf(family);
  return ['uai', 'profile', ...(extra ? [extra] : []), 'period', 'user_key', 'family_key'];
}

/**
 * A day slice: the days `{first}` … `{through}` of `<family>_by_day`, as generation `{generation}`.
 * Parameters: first, through (Date), generation (UInt64).
 */
export function buildDaySliceSql(family: RollupFamily): string {
  const extra = extraColumnOf(family);
  const keys = keyColumns(family).join(', ');
  // Shared visits are those of another row of the same person (and service or device) that day;
  // the timeline of visits without session id is the person's whole day.
  const sameRows = `PARTITION BY period, user_key${extra ? `, ${extra}` : ''}`;
  return `INSERT INTO ${finalTable(family)} (grain, generation, ${keys}, ${FINAL_COLUMNS.join(', ')})
SELECT
    'day', {generation:UInt64}, ${keys},
    person_rows,
    weeks,
    arrayCount(shared -> NOT shared, id_shared),
    arraySum(arrayMap((a, b, shared) -> if(shared, 0, toUInt64(b - a)), starts, ends, id_shared)),
    arrayCount(shared -> NOT shared, visit_shared),
    arrayFilter((id, shared) -> shared, ids, id_shared),
    arrayFilter((a, shared) -> shared, starts, id_shared),
    arrayFilter((b, shared) -> shared, ends, id_shared),
    arrayMap(v -> cityHash64(user_key, day_starts[v]), arrayFilter((v, shared) -> shared, row_visits, visit_shared))
FROM
(
    SELECT *,
        arrayMap(id -> countEqual(person_ids, id) > 1, ids) AS id_shared,
        arrayMap(v -> countEqual(person_visits, v) > 1, row_visits) AS visit_shared
    FROM
    (
        SELECT *,
            count() OVER same_rows AS person_rows,
            arrayFlatten(groupArray(ids) OVER same_rows) AS person_ids,
            arrayFlatten(groupArray(row_visits) OVER same_rows) AS person_visits
        FROM
        (
            -- The visits of the person's day (numbered from 1) that hold one of this row's events.
            SELECT *, arrayDistinct(arrayMap(t -> arrayCount(s -> s <= t, day_starts), times)) AS row_visits
            FROM
            (
                SELECT *, arrayFilter((t, i) -> i = 1 OR t - day_times[i - 1] > 1800, day_times, arrayEnumerate(day_times)) AS day_starts
                FROM
                (
                    SELECT *, arraySort(arrayDistinct(arrayFlatten(groupArray(times) OVER (PARTITION BY period, user_key)))) AS day_times
                    FROM
                    (
                        SELECT ${keys},
                            groupBitOr(active_weeks) AS weeks,
                            minMapMerge(session_start) AS first_seconds,
                            maxMapMerge(session_end) AS last_seconds,
                            first_seconds.1 AS ids,
                            first_seconds.2 AS starts,
                            last_seconds.2 AS ends,
                            arraySort(groupUniqArrayMerge(sessionless_times)) AS times
                        FROM ${family}_by_day
                        WHERE period BETWEEN {first:Date} AND {through:Date}
                        GROUP BY ${keys}
                    )
                )
            )
        )
        WINDOW same_rows AS (${sameRows})
    )
)`;
}

/** The expression giving the period of a coarser grain from a day `period`. */
function periodOfDay(grain: Exclude<Grain, 'day'>): string {
  switch (grain) {
    case 'week':
      return 'toMonday(period)';
    case 'month':
      return 'toStartOfMonth(period)';
    case 'school_year':
      return 'makeDate(toYear(period) - (toMonth(period) < 9), 9, 1)';
  }
}

/**
 * A week, month or school-year slice: the finalized day rows of generations `{day_generations}`
 * from `{first}` to `{through}`, summed per person and period, as generation `{generation}`.
 */
export function buildCoarseSliceSql(family: RollupFamily, grain: Exclude<Grain, 'day'>): string {
  const extra = extraColumnOf(family);
  const keys = keyColumns(family);
  const groupKeys = keys.map((k) => (k === 'period' ? 'coarse_period' : k)).join(', ');
  return `INSERT INTO ${finalTable(family)} (grain, generation, ${keys.join(', ')}, ${FINAL_COLUMNS.join(', ')})
SELECT
    '${grain}', {generation:UInt64}, ${keys.map((k) => (k === 'period' ? 'coarse_period' : k)).join(', ')},
    count() OVER (PARTITION BY coarse_period, user_key${extra ? `, ${extra}` : ''}),
    weeks, own_session_visits, own_session_seconds, own_sessionless_visits, ids, starts, ends, sessionless
FROM
(
    SELECT ${groupKeys},
        groupBitOr(active_weeks) AS weeks,
        sum(session_visits) AS own_session_visits,
        sum(session_seconds) AS own_session_seconds,
        sum(sessionless_visits) AS own_sessionless_visits,
        arrayFlatten(groupArray(shared_visits)) AS ids,
        arrayFlatten(groupArray(shared_starts)) AS starts,
        arrayFlatten(groupArray(shared_ends)) AS ends,
        arrayFlatten(groupArray(shared_sessionless)) AS sessionless
    FROM (SELECT *, ${periodOfDay(grain)} AS coarse_period FROM ${finalTable(family)} WHERE grain = 'day' AND generation IN {day_generations:Array(UInt64)} AND period BETWEEN {first:Date} AND {through:Date})
    GROUP BY ${groupKeys}
)`;
}
