import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { RELATIONAL_TARGETS } from '../../../test/support/test-stores';
import { openRelationalStore } from '../database/relational-data-source';
import { XapiStatementDigestEntity } from './xapi-statement-digest.entity';
import { XapiStatementDigests } from './xapi-statement-digests';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const digest = (c: string) => c.repeat(64);

describe.each(RELATIONAL_TARGETS)('XapiStatementDigests on $name', (target) => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let digests: XapiStatementDigests;

  beforeAll(async () => {
    const created = await target.create();
    cleanup = created.cleanup;
    ds = await openRelationalStore(created.config);
    await ds.runMigrations();
    digests = new XapiStatementDigests(ds, 13);
  });
  afterAll(async () => {
    await ds?.destroy();
    await cleanup?.();
  });
  beforeEach(async () => {
    await ds.getRepository(XapiStatementDigestEntity).clear();
  });

  it('finds the digests of the stored ids only, and keeps the first digest of an id recorded twice', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await digests.record('ent-a', [{ statementId: a, digest: digest('a') }, { statementId: b, digest: digest('b') }], T0);
    await digests.record('ent-b', [{ statementId: a, digest: digest('z') }], T0 + 1000);
    expect(await digests.find([a, b, c])).toEqual(new Map([[a, digest('a')], [b, digest('b')]]));
    expect(await digests.find([])).toEqual(new Map());
  });

  it('records and finds more statements than one chunk of bound parameters', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({ statementId: randomUUID(), digest: digest(String(i % 10)) }));
    await digests.record('ent-a', rows, T0);
    const found = await digests.find(rows.map((r) => r.statementId));
    expect(found.size).toBe(2500);
    expect(found.get(rows[2499].statementId)).toBe(digest('9'));
  });

  it('purges the digests received before the retention of raw events, on the first write of an hour', async () => {
    const old = randomUUID();
    const recent = randomUUID();
    const fresh = new XapiStatementDigests(ds, 13);
    await ds.getRepository(XapiStatementDigestEntity).insert({ statementId: old, digest: digest('o'), source: 'ent-a', receivedAt: new Date('2025-01-01T00:00:00Z') });
    await fresh.record('ent-a', [{ statementId: recent, digest: digest('r') }], T0);
    expect(await fresh.find([old, recent])).toEqual(new Map([[recent, digest('r')]]));
  });
});
