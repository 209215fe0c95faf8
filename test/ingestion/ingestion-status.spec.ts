import { loadDemoEvents } from '@ent/ingest';
import { AuthService } from '../../api/src/auth/auth.service';
import { IngestionStatusService } from '../../api/src/ingestion/ingestion-status.service';
import { RelationalUaiDirectory } from '../../api/src/ingestion/relational-uai-directory';
import { BrowserSession } from '../support/browser-session';
import { RELATIONAL_TARGETS } from '../support/test-stores';
import { ndjson, post, startIngestTestApp, validEvent, type IngestTestApp } from './support/ingest-test-app';

jest.setTimeout(120_000);

describe.each(RELATIONAL_TARGETS.map((t) => t.name))('ingestion status and catalog check (%s)', (relationalName) => {
  let t: IngestTestApp;
  beforeAll(async () => {
    t = await startIngestTestApp({ relational: relationalName, env: { ADMIN_EMAIL: 'admin@ent.example.fr', ADMIN_PASSWORD: 'administrator passphrase' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('accepts any well-formed UAI while the catalog is empty, and only its UAIs once it has some', async () => {
    const directory = new RelationalUaiDirectory(t.relational);
    await directory.refresh();
    expect(directory.isKnown('0700035H')).toBeUndefined();
    await t.relational.query(
      `INSERT INTO establishment (uai, name, type, commune_code, commune_name, departement_code, academie_code, region_code)
       VALUES ('0430002U', 'Collège des Fontilles', 'college', '43033', 'Blesle', '43', '06', '84')`,
    );
    await directory.refresh();
    expect([directory.isKnown('0430002U'), directory.isKnown('0700035H'), directory.size]).toEqual([true, false, 1]);
    await t.relational.query(`DELETE FROM establishment`);
    await t.runtime.uaiDirectory.refresh();
  });

  it('gives per source the accepted events, the refused ones by reason and the time of the last event', async () => {
    const other = await t.runtime.apiKeys.create('ent-savoie', 'national');
    const lastAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 600_000);
    const last = validEvent({ occurred_at: lastAt.toISOString() });
    await post(t, ndjson([validEvent({ occurred_at: new Date(lastAt.getTime() - 3600_000).toISOString() }), last, validEvent({ uai: '0700035A' }), validEvent({ profile: 'eleve', device: 'minitel' })]));
    await post(t, ndjson([validEvent({ occurred_at: 'hier' })]), { authorization: `Bearer ${other.key}` });
    const status = await new IngestionStatusService(t.clickhouse, t.runtime).status();
    expect(status.map((s) => ({ ...s, lastReceivedAt: typeof s.lastReceivedAt, rejectedByReason: s.rejectedByReason.map((r) => [r.reason, r.count]) }))).toEqual([
      { source: 'ent-savoie', accepted: 0, rejected: 1, rejectedByReason: [['invalid_value', 1]], lastReceivedAt: 'object', lastOccurredAt: null, activeKeys: 1 },
      {
        source: 'ent-test',
        accepted: 2,
        rejected: 2,
        rejectedByReason: [['invalid_uai', 1], ['invalid_value', 1]],
        lastReceivedAt: 'string',
        lastOccurredAt: lastAt.toISOString(),
        activeKeys: 1,
      },
    ]);
  });

  it('answers ingestionStatus over GraphQL to an administrator only', async () => {
    const query = '{ ingestionStatus { source accepted rejected rejectedByReason { reason count } activeKeys } }';
    const anonymous = await new BrowserSession(t.baseUrl).graphql(query);
    expect(anonymous.body.data ?? null).toBeNull();
    expect(anonymous.body.errors?.length).toBe(1);
    await t.app.get(AuthService).ensureFirstAdmin(); // as main.ts does at start
    const admin = new BrowserSession(t.baseUrl);
    expect((await admin.login('admin@ent.example.fr', 'administrator passphrase')).status).toBe(200);
    const answer = await admin.graphql<{ ingestionStatus: { source: string; accepted: number }[] }>(query);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.ingestionStatus.map((s) => [s.source, s.accepted])).toEqual([
      ['ent-savoie', 0],
      ['ent-test', 2],
    ]);
  });

  it('loads the demo usage through the pipeline, and loading it again stores nothing twice', async () => {
    const today = new Date();
    const uais = ['0430002U', '0702101D'];
    const first = await loadDemoEvents(t.runtime.pipeline, { scale: 0.4, uais, today, source: 'demo' });
    expect(first.events).toBeGreaterThan(5000);
    expect(first).toMatchObject({ accepted: first.events, duplicates: 0, rejected: 0 });
    const again = await loadDemoEvents(t.runtime.pipeline, { scale: 0.4, uais, today, source: 'demo' });
    expect(again).toMatchObject({ events: first.events, accepted: first.events, duplicates: first.events, rejected: 0 });
    const [row] = await t.clickhouse.query<{ n: number; u: number }>("SELECT count() AS n, uniqExact(event_id) AS u FROM events WHERE source = 'demo'");
    expect([Number(row.n), Number(row.u)]).toEqual([first.events, first.events]);
  });
});
