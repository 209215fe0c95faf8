import { SERVICES } from '@ent/contracts';
import type { ClickHouseStore } from '@ent/clickhouse';
import { peopleRows, random, type SyntheticCatalog } from './synthetic-catalog';

/**
 * Synthetic events, generated inside ClickHouse (`INSERT INTO events SELECT … FROM bench_slots
 * ARRAY JOIN range(…)`): building 10⁸ rows in JavaScript would take far longer than loading them.
 *
 * The model. A *slot* is one person active on one day (Europe/Paris). Slots are spread over the
 * days with weekday, school-holiday and summer weights, and drawn over a fixed population of
 * people (`bench_people`: each with one establishment, one profile, a family key for parents, a
 * repertoire of 3 services and a primary and a secondary device). Event number `k` of a slot
 * (0 ≤ k < 30) belongs to visit 0 for k < 3, then to visits 1, 2, 3 (9 events each). A visit has
 * a session key per (slot, visit), except a few % of visits sent without one; its events are 2.5
 * minutes apart, starting at an hour drawn from a school-day profile.
 *
 * The two data sets share the same people, days and slots: the first one holds events k < 3
 * (one visit of 3 events per person-day, 3 events × slots), the second one adds k = 3 … 29 (three
 * more visits of 9 events: 30 events per person-day, 10× the first set). Going from the first to
 * the second therefore multiplies events by 10 at constant active people and person-days —
 * the assumption behind the growth goal (rollups grow with people × periods, not with events).
 */
export const FIRST_SET_EVENTS_PER_SLOT = 3;
export const EVENTS_PER_SLOT = 30;
const EVENTS_PER_LATER_VISIT = 9;
/** Visits (per slot and visit) sent without a session id, in %. */
export const SESSIONLESS_PERCENT = 4;

/** School holidays of zone A (approximate dates; the weights only shape the series). */
const HOLIDAYS: [string, string][] = [
  ['2025-10-18', '2025-11-02'],
  ['2025-12-20', '2026-01-04'],
  ['2026-02-07', '2026-02-22'],
  ['2026-04-04', '2026-04-19'],
  ['2026-10-17', '2026-11-01'],
  ['2026-12-19', '2027-01-03'],
  ['2027-02-13', '2027-02-28'],
  ['2027-04-10', '2027-04-25'],
];
/** Monday … Sunday. */
const WEEKDAY_WEIGHT = [1, 1, 0.7, 1, 0.9, 0.35, 0.3];

function dayWeight(day: string): number {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  const month = day.slice(5, 7);
  let w = WEEKDAY_WEIGHT[weekday];
  if (month === '07' || month === '08') w *= 0.08;
  else if (HOLIDAYS.some(([a, b]) => day >= a && day <= b)) w *= 0.2;
  return w;
}

export interface SlotPlan {
  days: string[];
  /** Slot number of each day's first slot. */
  starts: number[];
  counts: number[];
  slots: number;
}

/** `slots` person-days spread over the days from `firstDay` to `lastDay` (inclusive) by weight. */
export function planSlots(slots: number, firstDay: string, lastDay: string): SlotPlan {
  const days: string[] = [];
  for (let d = firstDay; d <= lastDay; d = new Date(new Date(`${d}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10)) days.push(d);
  const weights = days.map(dayWeight);
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((slots * w) / total));
  // Hand the rounding remainder to the busiest days.
  let missing = slots - counts.reduce((a, b) => a + b, 0);
  const order = weights.map((w, i) => [w, i] as const).sort((a, b) => b[0] - a[0]);
  for (let i = 0; missing > 0; i = (i + 1) % order.length, missing--) counts[order[i][1]]++;
  const starts: number[] = [];
  let s = 0;
  for (const c of counts) {
    starts.push(s);
    s += c;
  }
  return { days, starts, counts, slots };
}

/** `bench_people`: the population (user and family keys derived from the person number). */
export async function createPeople(ch: ClickHouseStore, catalog: SyntheticCatalog): Promise<void> {
  await ch.command('DROP TABLE IF EXISTS bench_people');
  await ch.command(`
    CREATE TABLE bench_people
    (
      person UInt32,
      uai LowCardinality(String),
      profile Enum8('eleve' = 1, 'parent' = 2, 'enseignant' = 3, 'admin_vie_scol_tech' = 4, 'autre' = 5),
      family_index Int32,
      user_key UInt64 DEFAULT cityHash64('bench-user', person),
      family_key UInt64 DEFAULT if(family_index < 0, 0, cityHash64('bench-family', uai, family_index)),
      service_base UInt8,
      device_primary Enum8('inconnu' = 0, 'ordinateur' = 1, 'smartphone' = 2, 'tablette' = 3, 'autre' = 4),
      device_secondary Enum8('inconnu' = 0, 'ordinateur' = 1, 'smartphone' = 2, 'tablette' = 3, 'autre' = 4)
    )
    ENGINE = MergeTree ORDER BY person`);
  const rnd = random(7);
  const device = (x: number) => (x < 0.5 ? 'smartphone' : x < 0.85 ? 'ordinateur' : x < 0.96 ? 'tablette' : x < 0.99 ? 'autre' : 'inconnu');
  let batch: object[] = [];
  for (const p of peopleRows(catalog)) {
    batch.push({ ...p, service_base: Math.floor(rnd() * SERVICES.length), device_primary: device(rnd()), device_secondary: device(rnd()) });
    if (batch.length === 100_000) {
      await ch.insert('bench_people', batch);
      batch = [];
    }
  }
  await ch.insert('bench_people', batch);
}

/** `bench_slots`: one row per person-day, ordered by day (so slot ranges are time ranges). */
export async function createSlots(ch: ClickHouseStore, plan: SlotPlan, people: number): Promise<void> {
  await ch.command('DROP TABLE IF EXISTS bench_slots');
  await ch.command(`
    CREATE TABLE bench_slots
    (
      slot UInt64,
      day Date,
      uai LowCardinality(String),
      profile Enum8('eleve' = 1, 'parent' = 2, 'enseignant' = 3, 'admin_vie_scol_tech' = 4, 'autre' = 5),
      user_key UInt64,
      family_key UInt64,
      service_base UInt8,
      device_primary Enum8('inconnu' = 0, 'ordinateur' = 1, 'smartphone' = 2, 'tablette' = 3, 'autre' = 4),
      device_secondary Enum8('inconnu' = 0, 'ordinateur' = 1, 'smartphone' = 2, 'tablette' = 3, 'autre' = 4)
    )
    ENGINE = MergeTree ORDER BY slot`);
  await ch.command(
    `INSERT INTO bench_slots
     SELECT s.slot, s.day, p.uai, p.profile, p.user_key, p.family_key, p.service_base, p.device_primary, p.device_secondary
     FROM (
       SELECT d.2 + i AS slot, d.1 AS day, toUInt32(cityHash64('bench-slot', d.2 + i) % {people:UInt64}) AS person
       FROM (SELECT arrayJoin(arrayZip({days:Array(Date)}, {starts:Array(UInt64)}, {counts:Array(UInt64)})) AS d)
       ARRAY JOIN range(d.3) AS i
     ) AS s
     INNER JOIN bench_people AS p ON p.person = s.person`,
    { params: { days: plan.days, starts: plan.starts, counts: plan.counts, people }, settings: { max_execution_time: 3600 } },
  );
}

/** Hours a visit starts at (07:00 → 21:00), weighted towards the morning and the evening. */
const VISIT_HOURS = [7, 7, 8, 8, 9, 10, 11, 12, 12, 13, 14, 15, 16, 17, 17, 18, 18, 18, 19, 19, 20, 20, 21];

/** Events `kFrom ≤ k < kTo` of slots `slotFrom ≤ slot < slotTo`, generated and inserted by ClickHouse. */
export async function insertEvents(ch: ClickHouseStore, slotFrom: number, slotTo: number, kFrom: number, kTo: number): Promise<void> {
  await ch.command(
    `INSERT INTO events (event_id, occurred_at, received_at, source, uai, profile, user_key, family_key, session_key, service, service_label, action, device)
     SELECT
       generateUUIDv4(k) AS event_id,
       toDateTime64(toDateTime(day, 'Europe/Paris') + visit_start + in_visit * 150 + cityHash64(slot, k) % 60, 3, 'UTC') AS at,
       addSeconds(at, 2),
       'bench',
       uai,
       profile,
       user_key,
       family_key,
       if(visit_hash % 100 < {sessionless:UInt8}, 0, cityHash64('bench-session', slot, visit)),
       arrayElement({services:Array(String)}, 1 + (service_base + (cityHash64(slot, visit, k) % 3) * 7) % length({services:Array(String)})) AS service,
       service,
       'consultation',
       if(visit_hash % 5 = 0, device_secondary, device_primary)
     FROM (
       SELECT *, k,
         if(k < {first:UInt32}, 0, 1 + intDiv(k - {first:UInt32}, {per_visit:UInt32})) AS visit,
         if(k < {first:UInt32}, k, (k - {first:UInt32}) % {per_visit:UInt32}) AS in_visit,
         cityHash64('bench-visit', slot, visit) AS visit_hash,
         arrayElement({hours:Array(UInt32)}, 1 + visit_hash % length({hours:Array(UInt32)})) * 3600 + intDiv(visit_hash, 1000) % 3600 AS visit_start
       FROM bench_slots
       ARRAY JOIN range({k_from:UInt32}, {k_to:UInt32}) AS k
       WHERE slot >= {slot_from:UInt64} AND slot < {slot_to:UInt64}
     )`,
    {
      params: {
        sessionless: SESSIONLESS_PERCENT,
        services: [...SERVICES],
        first: FIRST_SET_EVENTS_PER_SLOT,
        per_visit: EVENTS_PER_LATER_VISIT,
        hours: VISIT_HOURS,
        k_from: kFrom,
        k_to: kTo,
        slot_from: slotFrom,
        slot_to: slotTo,
      },
      // The 8 materialized views run side by side (loading only: the measured queries are unaffected).
      settings: { max_execution_time: 3600, max_insert_threads: '2', parallel_view_processing: 1 },
      operation: 'bench insert',
    },
  );
}
