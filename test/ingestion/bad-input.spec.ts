import { gzipSync } from 'node:zlib';
import { RELATIONAL_TARGETS } from '../support/test-stores';
import { countEvents, ndjson, post, startIngestTestApp, validEvent, type IngestTestApp } from './support/ingest-test-app';

jest.setTimeout(60_000);

const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The catalog knows one establishment: 0700035H. */
async function seedCatalog(relational: import('typeorm').DataSource): Promise<void> {
  await relational.query(
    `INSERT INTO establishment (uai, name, type, commune_code, commune_name, departement_code, academie_code, region_code)
     VALUES ('0700035H', 'Collège Charles Péguy', 'college', '70526', 'Vauvillers', '70', '03', '27')`,
  );
}

describe.each(RELATIONAL_TARGETS.map((t) => t.name))('bad input with API keys in %s', (relationalName) => {
  let t: IngestTestApp;
  beforeAll(async () => {
    t = await startIngestTestApp({
      relational: relationalName,
      env: { INGEST_MAX_BODY_BYTES: String(64 * 1024), INGEST_MAX_EVENTS_PER_REQUEST: '50' },
      beforeStart: seedCatalog,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const eventCases: [string, Record<string, unknown>, string, string][] = [
    ['a number where a string is expected', { user_id: 12345 }, 'user_id', 'wrong_type'],
    ['an object where a string is expected', { service: { code: 'notes' } }, 'service', 'wrong_type'],
    ['a NUL byte', { user_id: 'abc\u0000def' }, 'user_id', 'invalid_characters'],
    ['a lone surrogate', { service_label: 'x\ud800y' }, 'service_label', 'invalid_characters'],
    ['a huge string', { service_label: 'x'.repeat(20_000) }, 'service_label', 'too_long'],
    ['a UAI unknown to the catalog', { uai: '0700004Z' }, 'uai', 'unknown_uai'],
    ['a UAI with a wrong key letter', { uai: '0700035A' }, 'uai', 'invalid_uai'],
    ['a date more than 24 h ahead', { occurred_at: iso(Date.now() + 2 * DAY) }, 'occurred_at', 'future_date'],
    ['a date older than the retention', { occurred_at: iso(Date.now() - 400 * DAY) }, 'occurred_at', 'too_old'],
    ['a date without offset', { occurred_at: '2026-01-05T08:30:00' }, 'occurred_at', 'invalid_value'],
    ['an event id that is not a UUID', { event_id: 'evt-1' }, 'event_id', 'invalid_value'],
    ['a service outside the national codes', { service: 'pronote' }, 'service', 'invalid_value'],
    ['a field outside the contract', { email: 'someone@example.org' }, 'email', 'unknown_field'],
    ['a missing user id', { user_id: undefined }, 'user_id', 'missing_field'],
    ['a family id on a teacher', { profile: 'enseignant' }, 'family_id', 'invalid_value'],
  ];

  it.each(eventCases)('refuses an event with %s, keeps the valid one next to it', async (_name, overrides, field, reason) => {
    const before = await countEvents(t.clickhouse);
    const good = validEvent();
    const r = await post(t, ndjson([validEvent(overrides), good]));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ accepted: 1, rejected: 1, rejections: [{ index: 0, field, reason }] });
    expect(await countEvents(t.clickhouse)).toEqual({ rows: before.rows + 1, distinct: before.distinct + 1 });
  });

  it('answers 422 when every event of the request is refused, and stores nothing', async () => {
    const before = await countEvents(t.clickhouse);
    const r = await post(t, JSON.stringify([validEvent({ uai: '0700004Z' }), 42]));
    expect(r.status).toBe(422);
    expect(r.body.rejections).toEqual([
      { index: 0, field: 'uai', reason: 'unknown_uai', message: '0700004Z is not an establishment of the catalog' },
      { index: 1, field: '', reason: 'not_an_object', message: 'an event must be a JSON object' },
    ]);
    expect(await countEvents(t.clickhouse)).toEqual(before);
  });

  const bodyCases: [string, () => [string | Buffer, Record<string, string>], number, string][] = [
    ['a broken JSON array', () => ['[{"event_id": "x"', {}], 400, 'malformed_body'],
    ['an empty body', () => ['', {}], 400, 'malformed_body'],
    ['a body that is not gzip but says so', () => ['not gzip', { 'content-encoding': 'gzip' }], 400, 'malformed_gzip'],
    ['an unsupported encoding', () => ['{}', { 'content-encoding': 'br' }], 415, 'unsupported_encoding'],
    ['a body over the size limit', () => [ndjson(Array.from({ length: 40 }, () => validEvent({ service_label: 'x'.repeat(1900) }))), {}], 413, 'body_too_large'],
    ['a gzip body that inflates over the limit', () => [gzipSync(Buffer.alloc(1024 * 1024, 32)), { 'content-encoding': 'gzip' }], 413, 'body_too_large'],
    ['too many events', () => [ndjson(Array.from({ length: 51 }, () => validEvent())), {}], 413, 'too_many_events'],
    ['no API key', () => [ndjson([validEvent()]), { authorization: '' }], 401, 'missing_api_key'],
    ['a wrong API key', () => [ndjson([validEvent()]), { authorization: 'Bearer entk_wrong' }], 401, 'invalid_api_key'],
  ];

  it.each(bodyCases)('answers %s with the documented status and reason, storing nothing', async (_name, make, status, reason) => {
    const before = await countEvents(t.clickhouse);
    const [body, headers] = make();
    const r = await post(t, body, headers);
    expect({ status: r.status, reason: r.body?.error?.reason }).toEqual({ status, reason });
    expect(typeof r.body.error.message).toBe('string');
    expect(await countEvents(t.clickhouse)).toEqual(before);
  });

  it('refuses a revoked key with 401, and accepts HTTP Basic with the key as password', async () => {
    const created = await t.runtime.apiKeys.create('ent-revoked', 'national');
    const basic = `Basic ${Buffer.from(`anyone:${created.key}`).toString('base64')}`;
    expect((await post(t, ndjson([validEvent()]), { authorization: basic })).status).toBe(200);
    await t.runtime.apiKeys.revoke(created.id);
    const r = await post(t, ndjson([validEvent()]), { authorization: `Bearer ${created.key}` });
    expect(r.status).toBe(401);
    expect(r.body.error.reason).toBe('invalid_api_key');
    expect(r.headers.get('www-authenticate')).toContain('Basic');
  });

  it('records every refused event in the dead letters with its reason and source', async () => {
    const rows = await t.clickhouse.query<{ reason: string; n: number; sources: string[] }>(
      'SELECT reason, count() AS n, groupUniqArray(source) AS sources FROM ingest_rejections GROUP BY reason ORDER BY reason',
    );
    const expected = new Map<string, number>();
    for (const [, , , reason] of eventCases) expected.set(reason, (expected.get(reason) ?? 0) + 1);
    expected.set('unknown_uai', (expected.get('unknown_uai') ?? 0) + 1);
    expected.set('not_an_object', 1);
    expect(rows.map((r) => [r.reason, Number(r.n)])).toEqual([...expected.entries()].sort((a, b) => a[0].localeCompare(b[0])));
    expect(new Set(rows.flatMap((r) => r.sources))).toEqual(new Set(['ent-test']));
  });
});
