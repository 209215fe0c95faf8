import type { ClickHouseStore } from '@ent/clickhouse';
import { ClickHouseMigrator, loadClickHouseMigrations } from '@ent/migrations';
import { closeTestClickHouse, openTestClickHouse } from '../../../test/support/test-stores';
import { backfillNewRollups } from './open-stores';

jest.setTimeout(60_000);

const row = (user: number, at: string) => ({
  event_id: `00000000-0000-4000-8000-${String(user).padStart(12, '0')}`,
  occurred_at: at,
  received_at: at,
  source: 'test',
  uai: '0700785Y',
  profile: 'eleve',
  user_key: String(user),
  family_key: '0',
  session_key: String(user),
  service: 'notes',
  service_label: 'Notes',
  action: 'access',
  device: 'smartphone',
});

describe('rollups added to a store that already holds events', () => {
  let store: ClickHouseStore;
  beforeAll(async () => {
    store = await openTestClickHouse();
  });
  afterAll(async () => closeTestClickHouse(store));

  it('are rebuilt from the stored events at start, school year by school year', async () => {
    const all = loadClickHouseMigrations();
    // A store of the previous release: events only.
    await new ClickHouseMigrator(store, all.slice(0, 2)).migrate();
    await store.insert('events', [row(1, '2026-06-10 08:00:00.000'), row(2, '2026-09-10 08:00:00.000'), row(3, '2026-09-11 08:00:00.000')]);
    const applied = await new ClickHouseMigrator(store, all).migrate();
    expect(applied).toHaveLength(all.length - 2);
    const lines: string[] = [];
    await backfillNewRollups(store, applied, { info: (m) => lines.push(m) });
    expect(lines[0]).toMatch(/^New rollups \(0004_create_activity_by_day_mv, .*\): rebuilding them from the stored events of 2025-2026, 2026-2027…$/);
    expect(lines.slice(1).map((l) => l.replace(/ in [\d.]+ s$/, ''))).toEqual(['Rollups of 2025-2026 rebuilt', 'Rollups of 2026-2027 rebuilt']);
    const years = await store.query<{ period: string; people: number }>('SELECT period, count() AS people FROM activity_by_school_year FINAL GROUP BY period ORDER BY period');
    expect(years).toEqual([
      { period: '2025-09-01', people: 1 },
      { period: '2026-09-01', people: 2 },
    ]);
    // Nothing new applied at the next start: nothing rebuilt.
    const again: string[] = [];
    await backfillNewRollups(store, [], { info: (m) => again.push(m) });
    expect(again).toEqual([]);
  });
});
