-- Rollup of the events per person and service and school year (analytics read rollups, never raw events;
-- see api/src/analytics/README.md). One row per (establishment, profile, service, period, person,
-- family): distinct people stay exact at every territory level and over any union of periods,
-- and the table grows with active people per period, not with the number of events.
-- period = 1 September of the school year. Visits with a session id: the set of their keys (hash of session id and
-- Paris day) and their bounds (first and last second, read only for the time per visit); events
-- without one: the set of their seconds (cut into visits when read) and how many there were (to
-- skip the rows without any). active_weeks: bit (weeks since 1970-01-05) % 64 of each Monday-based
-- week with activity. Every measure but the counts is idempotent (set union, min, max, bit or).
-- Filled by the materialized view of the next migration.
-- sharding_key: user_key
CREATE TABLE IF NOT EXISTS service_activity_by_school_year
(
    uai LowCardinality(String),
    profile Enum8('eleve' = 1, 'parent' = 2, 'enseignant' = 3, 'admin_vie_scol_tech' = 4, 'autre' = 5),
    service LowCardinality(String),
    period Date,
    user_key UInt64,
    family_key UInt64,
    events SimpleAggregateFunction(sum, UInt64),
    sessions AggregateFunction(uniqExact, UInt64),
    session_start AggregateFunction(minMap, Array(UInt64), Array(UInt32)),
    session_end AggregateFunction(maxMap, Array(UInt64), Array(UInt32)),
    sessionless_events SimpleAggregateFunction(sum, UInt64),
    sessionless_times AggregateFunction(groupUniqArray, UInt32),
    active_weeks SimpleAggregateFunction(groupBitOr, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYear(period)
ORDER BY (uai, profile, service, period, user_key, family_key)
TTL period + INTERVAL 25 MONTH DELETE;
