-- Raw ENT usage events, pseudonymised (see ingest/README.md for the contract).
-- One row per event; event_id is the sender's idempotency key. Keys are the first 64 bits of
-- HMAC-SHA256(secret, raw id); 0 means "not sent" for family_key and session_key.
-- Retried batches carry an insert_deduplication_token, which needs a non-zero window here.
-- sharding_key: user_key
CREATE TABLE IF NOT EXISTS events
(
    event_id UUID,
    occurred_at DateTime64(3, 'UTC'),
    received_at DateTime64(3, 'UTC'),
    source LowCardinality(String),
    uai LowCardinality(String),
    profile Enum8('eleve' = 1, 'parent' = 2, 'enseignant' = 3, 'admin_vie_scol_tech' = 4, 'autre' = 5),
    user_key UInt64,
    family_key UInt64,
    session_key UInt64,
    service LowCardinality(String),
    service_label LowCardinality(String),
    action LowCardinality(String),
    device Enum8('inconnu' = 0, 'ordinateur' = 1, 'smartphone' = 2, 'tablette' = 3, 'autre' = 4),
    -- At start the writer reads the ids received in the last hours (resends after a crash), and
    -- file imports look for ids already stored: both skip most granules with these indexes.
    INDEX idx_received_at received_at TYPE minmax GRANULARITY 1,
    INDEX idx_event_id event_id TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (uai, profile, toDate(occurred_at, 'Europe/Paris'), user_key)
TTL toDateTime(occurred_at) + INTERVAL 13 MONTH DELETE
SETTINGS non_replicated_deduplication_window = 1000;
