import type { DataSource } from 'typeorm';
import { countEvents, ndjson, post, startIngestTestApp, validEvent, type IngestTestApp } from './support/ingest-test-app';

jest.setTimeout(60_000);

const addEstablishment = async (relational: DataSource, uai: string) => {
  await relational.query(
    `INSERT INTO establishment (uai, name, type, commune_code, commune_name, departement_code, academie_code, region_code)
     VALUES ($1, 'Collège de test', 'college', '70526', 'Vauvillers', '70', '03', '27')`.replace('$1', relational.options.type === 'postgres' ? '$1' : '?'),
    [uai],
  );
};

describe('unknown UAIs and a catalog that has just changed', () => {
  let t: IngestTestApp;
  beforeAll(async () => {
    t = await startIngestTestApp({ beforeStart: (relational) => addEstablishment(relational, '0700035H') });
  });
  afterAll(async () => t?.close());

  it('accepts events of an establishment imported a moment ago, without waiting for the periodic refresh', async () => {
    const refused = await post(t, ndjson([validEvent({ uai: '0700004Z' })]), { 'content-type': 'application/x-ndjson' });
    expect(refused.status).toBe(422);
    expect(refused.body.rejections).toEqual([{ index: 0, field: 'uai', reason: 'unknown_uai', message: '0700004Z is not an establishment of the catalog' }]);

    await addEstablishment(t.relational, '0700004Z'); // e.g. `npm run catalog:import` from another process
    await new Promise((r) => setTimeout(r, 2_100)); // the refresh on a miss is rate-limited to one per 2 s
    const accepted = await post(t, ndjson([validEvent({ uai: '0700004Z' })]), { 'content-type': 'application/x-ndjson' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ accepted: 1, rejected: 0 });
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 1, distinct: 1 });
  });
});
