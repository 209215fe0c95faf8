import { randomUUID } from 'node:crypto';
import { XAPI_EXTENSIONS, XAPI_SERVICE_PREFIX } from '@ent/ingest';
import { countEvents, post, startIngestTestApp, type IngestTestApp } from './support/ingest-test-app';

jest.setTimeout(60_000);

const XAPI = { 'x-experience-api-version': '1.0.3' };

function statement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const s: Record<string, unknown> = {
    id: randomUUID(),
    actor: { objectType: 'Agent', account: { homePage: 'https://ent.example.org', name: 'prof.martin' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'fr-FR': 'a lancé' } },
    object: { objectType: 'Activity', id: `${XAPI_SERVICE_PREFIX}cahier_textes`, definition: { name: { 'fr-FR': 'Cahier de textes' } } },
    timestamp: new Date(Date.now() - 600_000).toISOString(),
    context: {
      registration: randomUUID(),
      extensions: { [XAPI_EXTENSIONS.uai]: '0700035H', [XAPI_EXTENSIONS.profile]: 'enseignant', [XAPI_EXTENSIONS.device]: 'ordinateur' },
    },
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete s[k];
    else s[k] = v;
  }
  return s;
}

describe('xAPI statements', () => {
  let t: IngestTestApp;
  beforeAll(async () => {
    t = await startIngestTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.clickhouse.command('TRUNCATE TABLE events');
  });

  it('accepts an array of statements and maps actor, verb, object and context to events', async () => {
    const a = statement();
    const b = statement({
      verb: { id: 'https://w3id.org/xapi/adl/verbs/logged-in' },
      object: { id: 'https://ent.example.org/portail' },
      context: {
        contextActivities: { category: [{ id: `${XAPI_SERVICE_PREFIX}accueil` }] },
        extensions: { [XAPI_EXTENSIONS.uai]: '0700035h', [XAPI_EXTENSIONS.profile]: 'parent', [XAPI_EXTENSIONS.familyId]: 'foyer-9' },
      },
    });
    const r = await post(t, JSON.stringify([a, b]), XAPI, '/xapi/statements');
    expect(r.status).toBe(200);
    expect(r.body).toEqual([a.id, b.id]);
    expect(r.headers.get('x-experience-api-version')).toBe('1.0.3');
    const rows = await t.clickhouse.query<Record<string, string>>(
      `SELECT toString(event_id) AS id, uai, toString(profile) AS profile, service, service_label, action, toString(device) AS device,
              family_key != 0 AS has_family, session_key != 0 AS has_session
       FROM events ORDER BY action`,
    );
    expect(rows).toEqual([
      { id: a.id, uai: '0700035H', profile: 'enseignant', service: 'cahier_textes', service_label: 'Cahier de textes', action: 'access', device: 'ordinateur', has_family: 0, has_session: 1 },
      { id: b.id, uai: '0700035H', profile: 'parent', service: 'accueil', service_label: '', action: 'login', device: 'inconnu', has_family: 1, has_session: 0 },
    ]);
  });

  it('stores a statement sent by PUT with its statementId, once even when sent again', async () => {
    const id = randomUUID();
    const s = statement({ id: undefined });
    for (let i = 0; i < 2; i++) {
      const r = await post(t, JSON.stringify(s), XAPI, `/xapi/statements?statementId=${id}`, 'PUT');
      expect(r.status).toBe(204);
    }
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 1, distinct: 1 });
  });

  it('accepts HTTP Basic with the key as password, as xAPI clients authenticate', async () => {
    const basic = `Basic ${Buffer.from(`lrs-client:${t.key}`).toString('base64')}`;
    const r = await post(t, JSON.stringify(statement()), { ...XAPI, authorization: basic }, '/xapi/statements');
    expect(r.status).toBe(200);
  });

  const invalid: [string, () => unknown, Record<string, string>, string, RegExp][] = [
    ['a missing version header', () => statement(), {}, 'invalid_version_header', /X-Experience-API-Version header is required/],
    ['a version header other than 1.0.x', () => statement(), { 'x-experience-api-version': '2.0.0' }, 'invalid_version_header', /must be 1\.0\.x/],
    ['a missing actor', () => statement({ actor: undefined }), XAPI, 'invalid_statement', /statement 0: actor is required/],
    ['an actor with two identifiers', () => statement({ actor: { mbox: 'mailto:a@b.fr', openid: 'https://id.example.org/a' } }), XAPI, 'invalid_statement', /exactly one identifier/],
    ['a verb id that is not an IRI', () => statement({ verb: { id: 'launched' } }), XAPI, 'invalid_statement', /verb\.id must be an IRI/],
    ['a missing object', () => statement({ object: undefined }), XAPI, 'invalid_statement', /object is required/],
    ['an id that is not a UUID', () => statement({ id: 'abc' }), XAPI, 'invalid_statement', /id must be a UUID/],
    ['a bad timestamp', () => statement({ timestamp: 'yesterday' }), XAPI, 'invalid_statement', /timestamp must be an ISO 8601/],
    ['an unknown property', () => statement({ colour: 'blue' }), XAPI, 'invalid_statement', /colour is not an xAPI statement property/],
    ['broken JSON', () => '[{"actor":', XAPI, 'invalid_statement', /not valid JSON/],
    ['a verb without mapping', () => statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/answered' } }), XAPI, 'unmapped_statement', /verb\.id: this verb has no action/],
    ['no UAI extension', () => statement({ context: { extensions: { [XAPI_EXTENSIONS.profile]: 'eleve' } } }), XAPI, 'unmapped_statement', /UAI extension/],
    ['a mapped event the contract refuses', () => statement({ context: { extensions: { [XAPI_EXTENSIONS.uai]: '0700035A', [XAPI_EXTENSIONS.profile]: 'eleve' } } }), XAPI, 'invalid_statement', /statement 0: uai: the key letter of 0700035 is H, not A/],
  ];

  it.each(invalid)('refuses the whole request with 400 for %s, storing nothing', async (_name, make, headers, reason, message) => {
    const body = make();
    const valid = statement();
    const payload = typeof body === 'string' ? body : JSON.stringify([body, valid]);
    const r = await post(t, payload, headers, '/xapi/statements');
    expect(r.status).toBe(400);
    expect(r.body.error.reason).toBe(reason);
    expect(r.body.error.message).toMatch(message);
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 0, distinct: 0 });
  });

  it('refuses a statement without a valid key with 401 and a Basic challenge', async () => {
    const r = await post(t, JSON.stringify(statement()), { ...XAPI, authorization: `Basic ${Buffer.from('lrs:wrong').toString('base64')}` }, '/xapi/statements');
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toContain('Basic realm="xAPI"');
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 0, distinct: 0 });
  });

  it('refuses a PUT whose statement id differs from statementId', async () => {
    const r = await post(t, JSON.stringify(statement()), XAPI, `/xapi/statements?statementId=${randomUUID()}`, 'PUT');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('the statement id differs from the statementId parameter');
  });
});
