-- Finalized rollup of the days whose events no longer change (see api/src/analytics/finalization):
-- one row per (establishment, profile, period, person, family) and period of a grain, like activity_by_<grain>, with
-- plain counts instead of aggregate states, so that reading a school year costs a read of one small
-- row per person instead of a merge of every visit key. Written by the finalizer, a slice at a
-- time (the day, week or month periods of one month, or one school year); each build is a new
-- generation (= partition), and readers read only the generations rollup_slices names as current.
-- Visits never cross a Paris day, so the visits of a period are the sum of its days' visits:
-- - session_visits, session_seconds, sessionless_visits: the visits touching this row and no other
--   row of the person in the period, the time from first to last event of those with a session id;
-- - shared_*: the visits touching this row and any other row of the person in the period:
--   their keys, with first and last second within this row (sessions), or their keys alone
--   (visits without session id, cut on the person's whole day): counted once per cell when read;
-- - person_rows: the rows of the person in the period (same service or device for those families);
-- - active_weeks: as in the rollups (bit of each Monday-based week with activity).
-- sharding_key: user_key
CREATE TABLE IF NOT EXISTS activity_final
(
    grain Enum8('day' = 1, 'week' = 2, 'month' = 3, 'school_year' = 4),
    generation UInt64,
    uai LowCardinality(String),
    profile Enum8('eleve' = 1, 'parent' = 2, 'enseignant' = 3, 'admin_vie_scol_tech' = 4, 'autre' = 5),
    period Date,
    user_key UInt64,
    family_key UInt64,
    person_rows UInt16,
    active_weeks UInt64,
    session_visits UInt32,
    session_seconds UInt64,
    sessionless_visits UInt32,
    shared_visits Array(UInt64),
    shared_starts Array(UInt32),
    shared_ends Array(UInt32),
    shared_sessionless Array(UInt64)
)
ENGINE = MergeTree
PARTITION BY generation
ORDER BY (uai, profile, period, user_key, family_key)
TTL period + INTERVAL 25 MONTH DELETE;
