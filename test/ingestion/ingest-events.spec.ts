import { gzipSync } from 'node:zlib';
import { countEvents, ndjson, post, startIngestTestApp, validEvent, type IngestTestApp } from './support/ingest-test-app';

jest.setTimeout(60_000);

describe('POST /ingest/events', () => {
  let t: IngestTestApp;
  beforeAll(async () => {
    t = await startIngestTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.clickhouse.command('TRUNCATE TABLE events');
    await t.clickhouse.command('TRUNCATE TABLE ingest_rejections');
  });

  it('stores each event once when every request is sent three times', async () => {
    const requests = Array.from({ length: 5 }, () => Array.from({ length: 200 }, () => validEvent()));
    for (let round = 0; round < 3; round++) {
      for (const events of requests) {
        const r = await post(t, ndjson(events));
        expect(r.status).toBe(200);
        expect(r.body).toEqual({ accepted: 200, duplicates: round === 0 ? 0 : 200, rejected: 0, rejections: [] });
      }
    }
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 1000, distinct: 1000 });
  });

  it('stores each event once when the three copies are sent at the same time, in different groupings', async () => {
    const events = Array.from({ length: 3000 }, () => validEvent());
    const answers = await Promise.all([
      post(t, JSON.stringify(events)),
      post(t, ndjson(events.slice(0, 1500))),
      post(t, ndjson(events.slice(1500))),
      post(t, gzipSync(ndjson([...events].reverse())), { 'content-encoding': 'gzip' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((a) => a.body.accepted)).toEqual([3000, 1500, 1500, 3000]);
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 3000, distinct: 3000 });
  });

  it('keeps two events of identical content whose event ids differ', async () => {
    const a = validEvent();
    const b = { ...a, event_id: '0b6f7f3e-59a4-4c5e-8d5a-6b1f2c3d4e5f' };
    expect((await post(t, JSON.stringify([a, b]))).body).toMatchObject({ accepted: 2, rejected: 0 });
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 2, distinct: 2 });
  });

  it('keeps the valid events of a request and says which others were refused and why', async () => {
    const body = [
      JSON.stringify(validEvent()),
      '{"event_id": broken',
      JSON.stringify(validEvent({ profile: 'eleve ' })),
      JSON.stringify(validEvent()),
    ].join('\n');
    const r = await post(t, body, { 'content-type': 'application/x-ndjson' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: 2,
      rejections: [
        { index: 1, field: '', reason: 'malformed_json', message: 'this line is not valid JSON (syntax error)' },
        { index: 2, field: 'profile', reason: 'invalid_value', message: 'profile must be one of eleve, parent, enseignant, admin_vie_scol_tech, autre' },
      ],
    });
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 2, distinct: 2 });
  });

  it('stores pseudonymous keys and the source of the API key, never a raw identifier', async () => {
    const rawIds = { user_id: 'marie.curie@ent-test.fr', family_id: 'FOYER-RAW-4242', session_id: 'SESSION-RAW-7777' };
    await post(t, JSON.stringify([validEvent(rawIds), validEvent({ ...rawIds, user_id: undefined, profile: 'parent' })]));
    const [row] = await t.clickhouse.query<Record<string, string>>(
      "SELECT source, uai, toString(profile) AS profile, toString(user_key) AS user_key, toString(family_key) AS family_key, toString(session_key) AS session_key, toString(device) AS device FROM events",
    );
    expect(row.source).toBe('ent-test');
    expect(row.user_key).toMatch(/^[1-9]\d{0,19}$/);
    expect(row.family_key).not.toBe('0');
    // The refused event (no user_id) is in the dead letters, redacted.
    const letters = await t.clickhouse.query<{ reason: string; field: string; payload: string }>('SELECT reason, field, payload FROM ingest_rejections');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ reason: 'missing_field', field: 'user_id' });
    expect(JSON.parse(letters[0].payload)).toMatchObject({ family_id: '[redacted]', session_id: '[redacted]', profile: 'parent' });

    // Every String column of every table of the database, for every raw id sent.
    const columns = await t.clickhouse.query<{ table: string; name: string }>(
      "SELECT table, name FROM system.columns WHERE database = currentDatabase() AND type LIKE '%String%'",
    );
    expect(columns.length).toBeGreaterThan(10);
    for (const { table, name } of columns) {
      for (const raw of Object.values(rawIds)) {
        const [hit] = await t.clickhouse.query<{ n: number }>(
          `SELECT count() AS n FROM \`${table}\` WHERE position(toString(\`${name}\`), {raw:String}) > 0`,
          { params: { raw } },
        );
        expect({ table, name, raw, n: Number(hit.n) }).toEqual({ table, name, raw, n: 0 });
      }
    }
  });

  it('gives the same key to the same user in two requests, and different keys to different users', async () => {
    await post(t, JSON.stringify([validEvent({ user_id: 'u-1' }), validEvent({ user_id: 'u-2' })]));
    await post(t, JSON.stringify([validEvent({ user_id: 'u-1' })]));
    const rows = await t.clickhouse.query<{ keys: number; rows: number }>('SELECT uniqExact(user_key) AS keys, count() AS rows FROM events');
    expect(rows[0]).toEqual({ keys: 2, rows: 3 });
  });
});

describe('POST /ingest/events when the buffer is full', () => {
  let t: IngestTestApp;
  beforeAll(async () => {
    t = await startIngestTestApp({ env: { INGEST_BUFFER_MAX_EVENTS: '1000' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 with Retry-After, records nothing, and takes the request once there is room', async () => {
    const events = Array.from({ length: 1001 }, () => validEvent());
    const refused = await post(t, ndjson([...events, validEvent({ uai: 'bad' })]));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body.error.reason).toBe('buffer_full');
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 0, distinct: 0 });
    const [letters] = await t.clickhouse.query<{ n: number }>('SELECT count() AS n FROM ingest_rejections');
    expect(Number(letters.n)).toBe(0);
    expect((await post(t, ndjson(events.slice(0, 1000)))).status).toBe(200);
    expect((await post(t, ndjson(events.slice(1000)))).status).toBe(200);
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 1001, distinct: 1001 });
  });
});
