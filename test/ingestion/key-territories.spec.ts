import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { apiSink, importEventFile, XAPI_EXTENSIONS, XAPI_SERVICE_PREFIX } from '@ent/ingest';
import { RELATIONAL_TARGETS } from '../support/test-stores';
import { ndjson, post, startIngestTestApp, validEvent, type IngestTestApp } from './support/ingest-test-app';

jest.setTimeout(120_000);

const HAUTE_SAONE = '0700035H'; // département 70, commune 70526 (Vauvillers)
const HAUTE_LOIRE = '0430002U'; // département 43
const SAVOIE = '0730001E'; // département 73

async function storedUais(t: IngestTestApp): Promise<string[]> {
  const rows = await t.clickhouse.query<{ uai: string }>('SELECT uai FROM events ORDER BY uai');
  return rows.map((r) => r.uai);
}

describe.each(RELATIONAL_TARGETS.map((t) => t.name))('API keys bound to territories (%s)', (relationalName) => {
  let t: IngestTestApp;
  let key70: string;
  beforeAll(async () => {
    t = await startIngestTestApp({ relational: relationalName });
    key70 = (await t.runtime.apiKeys.create('ent-haute-saone', [{ level: 'departement', code: '70' }])).key;
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await t.clickhouse.command('TRUNCATE TABLE events');
    await t.clickhouse.command('TRUNCATE TABLE ingest_rejections');
  });

  it('POST /ingest/events: stores the events of the key\'s département and refuses the others with their index and reason', async () => {
    const events = [validEvent({ uai: HAUTE_SAONE }), validEvent({ uai: HAUTE_LOIRE }), validEvent({ uai: '0700035h' }), validEvent({ uai: SAVOIE })];
    const r = await post(t, ndjson(events), { authorization: `Bearer ${key70}` });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: 2,
      rejections: [
        { index: 1, field: 'uai', reason: 'uai_outside_key_scope', message: '0430002U is outside the territories of this API key (département 70)' },
        { index: 3, field: 'uai', reason: 'uai_outside_key_scope', message: '0730001E is outside the territories of this API key (département 70)' },
      ],
    });
    expect(await storedUais(t)).toEqual([HAUTE_SAONE, HAUTE_SAONE]);
    const letters = await t.clickhouse.query<{ reason: string; field: string; source: string; event_id: string }>(
      'SELECT reason, field, source, event_id FROM ingest_rejections ORDER BY event_id',
    );
    expect(letters).toEqual(
      [events[1], events[3]]
        .map((e) => ({ reason: 'uai_outside_key_scope', field: 'uai', source: 'ent-haute-saone', event_id: e.event_id as string }))
        .sort((a, b) => a.event_id.localeCompare(b.event_id)),
    );
  });

  it('answers 422 when every event lies outside the key\'s territories, and stores none', async () => {
    const r = await post(t, ndjson([validEvent({ uai: HAUTE_LOIRE })]), { authorization: `Bearer ${key70}` });
    expect(r.status).toBe(422);
    expect(r.body.rejections).toEqual([{ index: 0, field: 'uai', reason: 'uai_outside_key_scope', message: '0430002U is outside the territories of this API key (département 70)' }]);
    expect(await storedUais(t)).toEqual([]);
  });

  it('POST /xapi/statements: refuses a request holding a statement of another département, takes one of the key\'s', async () => {
    const statement = (uai: string) => ({
      id: randomUUID(),
      actor: { objectType: 'Agent', account: { homePage: 'https://ent.example.org', name: 'prof.martin' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'fr-FR': 'a lancé' } },
      object: { objectType: 'Activity', id: `${XAPI_SERVICE_PREFIX}cahier_textes` },
      timestamp: new Date(Date.now() - 600_000).toISOString(),
      context: { extensions: { [XAPI_EXTENSIONS.uai]: uai, [XAPI_EXTENSIONS.profile]: 'enseignant' } },
    });
    const headers = { authorization: `Bearer ${key70}`, 'x-experience-api-version': '1.0.3' };
    const refused = await post(t, JSON.stringify([statement(HAUTE_SAONE), statement(HAUTE_LOIRE)]), headers, '/xapi/statements');
    expect(refused.status).toBe(400);
    expect(refused.body.error.rejections).toEqual([
      { index: 1, field: 'uai', reason: 'uai_outside_key_scope', message: '0430002U is outside the territories of this API key (département 70)' },
    ]);
    expect(await storedUais(t)).toEqual([]);
    const accepted = await post(t, JSON.stringify([statement(HAUTE_SAONE)]), headers, '/xapi/statements');
    expect(accepted.status).toBe(200);
    expect(await storedUais(t)).toEqual([HAUTE_SAONE]);
  });

  it('file import through the API: the lines of other départements are refused with their line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-key-scope-'));
    try {
      const file = path.join(dir, 'export.json');
      fs.writeFileSync(file, JSON.stringify([validEvent({ uai: HAUTE_SAONE }), validEvent({ uai: HAUTE_SAONE }), validEvent({ uai: HAUTE_LOIRE })], null, 1));
      const summary = await importEventFile(file, apiSink(t.baseUrl, key70), { chunkSize: 2 });
      expect({ ...summary, seconds: 0 }).toEqual({
        events: 3,
        accepted: 2,
        duplicates: 0,
        rejected: 1,
        rejectedByReason: { uai_outside_key_scope: 1 },
        firstRejections: [{ line: 3, field: 'uai', reason: 'uai_outside_key_scope', message: '0430002U is outside the territories of this API key (département 70)' }],
        seconds: 0,
      });
      expect(await storedUais(t)).toEqual([HAUTE_SAONE, HAUTE_SAONE]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('places catalog establishments by their commune, and applies a change of territories at the next request', async () => {
    const { id, key } = await t.runtime.apiKeys.create('ent-vauvillers', [{ level: 'commune', code: '70526' }]);
    // No catalog yet: the commune of an establishment is unknown, only its département is (from the UAI).
    const before = await post(t, ndjson([validEvent({ uai: HAUTE_SAONE })]), { authorization: `Bearer ${key}` });
    expect(before.body.rejections.map((r: { reason: string }) => r.reason)).toEqual(['uai_outside_key_scope']);
    await t.relational.query(
      `INSERT INTO establishment (uai, name, type, commune_code, commune_name, departement_code, academie_code, region_code)
       VALUES ('0700035H', 'Collège Charles Péguy', 'college', '70526', 'Vauvillers', '70', '03', '27'),
              ('0430002U', 'Collège des Fontilles', 'college', '43033', 'Blesle', '43', '06', '84')`,
    );
    try {
      await t.runtime.uaiDirectory.refresh();
      const inCommune = await post(t, ndjson([validEvent({ uai: HAUTE_SAONE }), validEvent({ uai: HAUTE_LOIRE })]), { authorization: `Bearer ${key}` });
      expect(inCommune.body).toMatchObject({ accepted: 1, rejected: 1, rejections: [{ index: 1, reason: 'uai_outside_key_scope' }] });
      await t.runtime.apiKeys.setReach(id, [{ level: 'academie', code: '06' }]);
      const moved = await post(t, ndjson([validEvent({ uai: HAUTE_SAONE }), validEvent({ uai: HAUTE_LOIRE })]), { authorization: `Bearer ${key}` });
      expect(moved.body.rejections).toEqual([
        { index: 0, field: 'uai', reason: 'uai_outside_key_scope', message: '0700035H is outside the territories of this API key (académie 06)' },
      ]);
    } finally {
      await t.relational.query('DELETE FROM establishment');
      await t.runtime.uaiDirectory.refresh();
    }
  });

  it('gives national reach to keys stored without territories (those created before keys were bound)', async () => {
    await t.relational.query(
      `INSERT INTO ingest_api_key (id, source, prefix, key_hash, created_at) VALUES ('${randomUUID()}', 'ent-ancien', 'entk_ancienn', '${'ab'.repeat(32)}', ${relationalName === 'postgres' ? 'now()' : "datetime('now')"})`,
    );
    const legacy = (await t.runtime.apiKeys.list()).find((k) => k.source === 'ent-ancien');
    expect(legacy?.territories).toBeNull();
    const national = await t.runtime.apiKeys.create('ent-national', 'national');
    const r = await post(t, ndjson([validEvent({ uai: HAUTE_LOIRE }), validEvent({ uai: SAVOIE })]), { authorization: `Bearer ${national.key}` });
    expect(r.body).toMatchObject({ accepted: 2, rejected: 0 });
  });
});
