-- Dead letters: every event refused by ingestion, redacted (no raw identifier), with its reason.
CREATE TABLE IF NOT EXISTS ingest_rejections
(
    rejected_at DateTime64(3, 'UTC'),
    source LowCardinality(String),
    channel LowCardinality(String),
    reason LowCardinality(String),
    field LowCardinality(String),
    detail String,
    event_id String,
    payload String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(rejected_at)
ORDER BY (source, reason, rejected_at)
TTL toDateTime(rejected_at) + INTERVAL 13 MONTH DELETE;
