-- Marks the days of every insert into events (ingestion, file imports, anything else) as changed.
CREATE MATERIALIZED VIEW IF NOT EXISTS event_day_changes_mv TO event_day_changes AS
SELECT
    toDate(occurred_at, 'Europe/Paris') AS day,
    max(now64(3, 'UTC')) AS changed_at
FROM events
GROUP BY day;
