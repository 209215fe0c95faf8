import { countEvents, ndjson, post, startIngestTestApp, validEvent, type IngestTestApp } from './support/ingest-test-app';

jest.setTimeout(60_000);

describe('rate limit per ingestion key', () => {
  let t: IngestTestApp;
  beforeAll(async () => {
    t = await startIngestTestApp({ env: { INGEST_RATE_LIMIT_PER_SECOND: '3' } });
  });
  afterAll(async () => t?.close());

  it('answers 429 with Retry-After past the limit of the second, stores nothing of that request, then lets the key in again', async () => {
    // Start at the beginning of a second and send the four requests at once, so that they share one
    // window whatever the time each takes (a request is answered only once ClickHouse has committed it).
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
    const answers = await Promise.all(
      [0, 1, 2, 3].map(() => post(t, ndjson([validEvent()]), { authorization: `Bearer ${t.key}`, 'content-type': 'application/x-ndjson' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429]);
    const last = answers.find((a) => a.status === 429);
    expect(last?.headers.get('retry-after')).toBe('1');
    expect(last?.body).toEqual({ error: { status: 429, reason: 'rate_limited', message: 'at most 3 requests per second per API key: retry in 1 s' } });
    await new Promise((r) => setTimeout(r, 1100));
    const again = await post(t, ndjson([validEvent()]), { authorization: `Bearer ${t.key}`, 'content-type': 'application/x-ndjson' });
    expect(again.status).toBe(200);
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 4, distinct: 4 });
  });
});
