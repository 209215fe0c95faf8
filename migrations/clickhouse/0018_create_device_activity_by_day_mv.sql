-- Feeds device_activity_by_day from every insert into events. The backfill command (npm run rollups:backfill)
-- runs this same SELECT over events already stored.
CREATE MATERIALIZED VIEW IF NOT EXISTS device_activity_by_day_mv TO device_activity_by_day AS
SELECT
    uai,
    profile,
    device,
    toDate(occurred_at, 'Europe/Paris') AS period,
    user_key,
    family_key,
    count() AS events,
    uniqExactStateIf(cityHash64(session_key, toDate(occurred_at, 'Europe/Paris')), session_key != 0) AS sessions,
    minMapState(if(session_key != 0, [cityHash64(session_key, toDate(occurred_at, 'Europe/Paris'))], []), if(session_key != 0, [toUInt32(toUnixTimestamp(occurred_at))], [])) AS session_start,
    maxMapState(if(session_key != 0, [cityHash64(session_key, toDate(occurred_at, 'Europe/Paris'))], []), if(session_key != 0, [toUInt32(toUnixTimestamp(occurred_at))], [])) AS session_end,
    countIf(session_key = 0) AS sessionless_events,
    groupUniqArrayStateIf(toUInt32(toUnixTimestamp(occurred_at)), session_key = 0) AS sessionless_times,
    groupBitOr(bitShiftLeft(toUInt64(1), intDiv(toMonday(toDate(occurred_at, 'Europe/Paris')) - toDate('1970-01-05'), 7) % 64)) AS active_weeks
FROM events
GROUP BY uai, profile, device, period, user_key, family_key;
