import { DeadLetterRecorder } from '@ent/ingest';
import { IngestionStatusService } from '../../api/src/ingestion/ingestion-status.service';
import { ndjson, post, startIngestTestApp, validEvent, type IngestTestApp } from './support/ingest-test-app';

jest.setTimeout(60_000);

describe('dead letters of events sent again', () => {
  let t: IngestTestApp;
  beforeAll(async () => {
    t = await startIngestTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await t.clickhouse.command('TRUNCATE TABLE ingest_rejections');
  });

  const letters = async () =>
    (await t.clickhouse.query<{ reason: string; event_id: string }>('SELECT reason, event_id FROM ingest_rejections ORDER BY reason, event_id')).map((r) => [r.reason, r.event_id]);
  const refusedBySource = async () =>
    (await new IngestionStatusService(t.clickhouse, t.runtime).status()).map((s) => [s.source, s.rejected, s.rejectedByReason.map((r) => [r.reason, r.count])]);

  it('writes one dead letter for an invalid event sent three times, and ingestionStatus counts it once', async () => {
    const invalid = validEvent({ device: 'minitel' });
    for (let i = 0; i < 3; i++) {
      const r = await post(t, ndjson([invalid]));
      expect(r.status).toBe(422);
      expect(r.body.rejections).toEqual([{ index: 0, field: 'device', reason: 'invalid_value', message: 'device must be one of ordinateur, smartphone, tablette, autre' }]);
    }
    expect(await letters()).toEqual([['invalid_value', invalid.event_id]]);
    expect(await refusedBySource()).toEqual([['ent-test', 1, [['invalid_value', 1]]]]);
  });

  it('counts once per event id and reason what another process (or a restart) wrote again, and each line without an id', async () => {
    const invalid = validEvent({ uai: '0700035A' });
    await post(t, ndjson([invalid]));
    // A second process knows nothing of the first one's letters: it writes the letter again.
    const otherProcess = new DeadLetterRecorder(t.clickhouse);
    await otherProcess.record('ent-test', 'http', [{ rejection: { index: 0, field: 'uai', reason: 'invalid_uai', message: 'the key letter of 0700035 is H, not A' }, item: invalid }]);
    // The same event refused for another reason is another dead letter; lines without an id each count.
    await otherProcess.record('ent-test', 'http', [{ rejection: { index: 0, field: 'profile', reason: 'invalid_value', message: 'profile' }, item: invalid }]);
    await post(t, '{"event_id": broken\n{"event_id": broken\n');
    expect((await letters()).length).toBe(5);
    expect(await refusedBySource()).toEqual([['ent-test', 4, [['invalid_uai', 1], ['invalid_value', 1], ['malformed_json', 2]]]]);
  });
});
