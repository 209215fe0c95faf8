-- The slices of the finalized rollups (*_final) and what each generation holds. A slice is the
-- periods of one grain starting in one month (day, week, month) or one school year (school_year),
-- first_day being the 1st of that month or 1 September. A generation holds the events of the days
-- first_day … through as the rollups had them at built_at; readers use the newest generation of a
-- slice (the highest generation) while no day it holds changed after built_at (event_day_changes),
-- and the rollups with aggregate states otherwise. A replaced generation is dropped some minutes
-- after its replacement was recorded (recorded_at). Written by the finalizer
-- (api/src/analytics/finalization).
CREATE TABLE IF NOT EXISTS rollup_slices
(
    family LowCardinality(String),
    grain Enum8('day' = 1, 'week' = 2, 'month' = 3, 'school_year' = 4),
    first_day Date,
    generation UInt64,
    through Date,
    built_at DateTime64(3, 'UTC'),
    recorded_at DateTime64(3, 'UTC') DEFAULT now64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (family, grain, first_day, generation);
