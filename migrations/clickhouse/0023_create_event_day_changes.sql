-- When the events of each day (Europe/Paris) last changed: one row per day and insert (merged to
-- one per day). The analytics result cache (api/src/analytics/result-cache) serves a stored
-- answer only while no day it covers has changed since it was computed. Filled by the
-- materialized view of the next migration; the rollup backfill adds the days it rebuilds.
CREATE TABLE IF NOT EXISTS event_day_changes
(
    day Date,
    changed_at SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
ORDER BY day;
