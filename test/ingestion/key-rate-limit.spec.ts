import { countEvents, ndjson, post, startIngestTestApp, validEvent, type IngestTestApp } from './support/ingest-test-app';

jest.setTimeout(60_000);

describe('rate limit per ingestion key', () => {
  let t: IngestTestApp;
  beforeAll(async () => {
    t = await startIngestTestApp({ env: { INGEST_RATE_LIMIT_PER_SECOND: '3' } });
  });
  afterAll(async () => t?.close());

  it('answers 429 with Retry-After past the limit of the second, stores nothing of that request, then lets the key in again', async () => {
    // Start at the beginning of a second so that the four requests share one window.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await post(t, ndjson([validEvent()]), { authorization: `Bearer ${t.key}`, 'content-type': 'application/x-ndjson' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last?.headers.get('retry-after')).toBe('1');
    expect(last?.body).toEqual({ error: { status: 429, reason: 'rate_limited', message: 'at most 3 requests per second per API key: retry in 1 s' } });
    await new Promise((r) => setTimeout(r, 1100));
    const again = await post(t, ndjson([validEvent()]), { authorization: `Bearer ${t.key}`, 'content-type': 'application/x-ndjson' });
    expect(again.status).toBe(200);
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 4, distinct: 4 });
  });
});
