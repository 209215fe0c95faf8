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

  const invalid: [string, () => unknown, Record<string, string>, string, string][] = [
    ['a missing version header', () => statement(), {}, 'invalid_version_header', 'the X-Experience-API-Version header is required (e.g. 1.0.3)'],
    ['a version header other than 1.0.x', () => statement(), { 'x-experience-api-version': '2.0.0' }, 'invalid_version_header', 'X-Experience-API-Version 2.0.0 is not supported: this LRS speaks 1.0.x (1.0.3)'],
    ['a version header before 1.0', () => statement(), { 'x-experience-api-version': '0.95' }, 'invalid_version_header', 'X-Experience-API-Version 0.95 is not supported: this LRS speaks 1.0.x (1.0.3)'],
    ['a missing actor', () => statement({ actor: undefined }), XAPI, 'invalid_statement', 'statement 0: actor is required'],
    ['an actor with two identifiers', () => statement({ actor: { mbox: 'mailto:a@b.fr', openid: 'https://id.example.org/a' } }), XAPI, 'invalid_statement', 'statement 0: actor must have exactly one identifier, not mbox and openid'],
    ['a verb id that is not an IRI', () => statement({ verb: { id: 'launched' } }), XAPI, 'invalid_statement', 'statement 0: verb.id must be a valid Internationalized Resource Identifier (IRI)'],
    ['a missing object', () => statement({ object: undefined }), XAPI, 'invalid_statement', 'statement 0: object is required'],
    ['an id that is not a UUID', () => statement({ id: 'abc' }), XAPI, 'invalid_statement', 'statement 0: id must be a valid Universal Unique Identifier (UUID)'],
    ['a bad timestamp', () => statement({ timestamp: 'yesterday' }), XAPI, 'invalid_statement', 'statement 0: timestamp must be a valid ISO Timestamp'],
    ['a -00:00 timestamp offset', () => statement({ timestamp: '2026-01-05T08:30:00-00:00' }), XAPI, 'invalid_statement', 'statement 0: timestamp must be a valid ISO Timestamp'],
    ['an unknown property', () => statement({ colour: 'blue' }), XAPI, 'invalid_statement', 'statement 0: the statement has properties xAPI does not define: colour'],
    ['a result score above its max', () => statement({ result: { score: { raw: 12, min: 0, max: 10 } } }), XAPI, 'invalid_statement', 'statement 0: result.score.raw must not be above max'],
    ['a result success that is not a boolean', () => statement({ result: { success: 'true' } }), XAPI, 'invalid_statement', 'statement 0: result.success must be of type boolean'],
    ['a result duration that is not ISO 8601', () => statement({ result: { duration: 'PA1H' } }), XAPI, 'invalid_statement', 'statement 0: result.duration must be a valid ISO Duration'],
    ['a language map key that is not a language tag', () => statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'not a tag': 'x' } } }), XAPI, 'invalid_statement', 'statement 0: verb.display must be a valid Language'],
    ['an unknown interactionType', () => statement({ object: { id: `${XAPI_SERVICE_PREFIX}notes`, definition: { interactionType: 'essay' } } }), XAPI, 'invalid_statement', 'statement 0: object.definition.interactionType must be a valid Interaction Type'],
    ['a context team that is an Agent', () => statement({ context: { team: { objectType: 'Agent', mbox: 'mailto:a@b.fr' } } }), XAPI, 'invalid_statement', 'statement 0: context.team.objectType must be "Group"'],
    ['a SubStatement with an id', () => statement({ object: { objectType: 'SubStatement', id: randomUUID(), actor: { mbox: 'mailto:a@b.fr' }, verb: { id: 'http://adlnet.gov/expapi/verbs/launched' }, object: { id: 'https://ent.example.org/a' } } }), XAPI, 'invalid_statement', 'statement 0: object has properties xAPI does not define: id'],
    ['a SubStatement with an invalid result', () => statement({ object: { objectType: 'SubStatement', actor: { mbox: 'mailto:a@b.fr' }, verb: { id: 'http://adlnet.gov/expapi/verbs/launched' }, object: { id: 'https://ent.example.org/a' }, result: { completion: 'yes' } } }), XAPI, 'invalid_statement', 'statement 0: object.result.completion must be of type boolean'],
    ['broken JSON', () => '[{"actor":', XAPI, 'invalid_statement', 'the body is not valid JSON (syntax error)'],
    ['a verb without mapping', () => statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/answered' } }), XAPI, 'unmapped_statement', 'statement 0: verb.id: this verb has no action in the observatory mapping (see ingest/README.md)'],
    ['no UAI extension', () => statement({ context: { extensions: { [XAPI_EXTENSIONS.profile]: 'eleve' } } }), XAPI, 'unmapped_statement', `statement 0: context.extensions: the UAI extension ${XAPI_EXTENSIONS.uai} is required`],
    ['a mapped event the contract refuses', () => statement({ context: { extensions: { [XAPI_EXTENSIONS.uai]: '0700035A', [XAPI_EXTENSIONS.profile]: 'eleve' } } }), XAPI, 'invalid_statement', 'statement 0: uai: the key letter of 0700035 is H, not A'],
    ['a valid statement older than the retention', () => statement({ timestamp: '2013-05-18T05:32:34.804Z' }), XAPI, 'too_old', 'statement 0: occurred_at: occurred_at is older than the retention of raw events (13 months)'],
    ['a valid statement dated too far in the future', () => statement({ timestamp: new Date(Date.now() + 2 * 86_400_000).toISOString() }), XAPI, 'future_date', 'statement 0: occurred_at: occurred_at is more than 24 hours in the future'],
  ];

  it.each(invalid)('refuses the whole request with 400 for %s, storing nothing', async (_name, make, headers, reason, message) => {
    const body = make();
    const valid = statement();
    const payload = typeof body === 'string' ? body : JSON.stringify([body, valid]);
    const r = await post(t, payload, headers, '/xapi/statements');
    expect(r.status).toBe(400);
    expect(r.body.error.reason).toBe(reason);
    expect(r.body.error.message).toBe(message);
    expect(r.headers.get('x-experience-api-version')).toBe('1.0.3');
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 0, distinct: 0 });
  });

  it('refuses a statement without a valid key with 401 and a Basic challenge', async () => {
    const r = await post(t, JSON.stringify(statement()), { ...XAPI, authorization: `Basic ${Buffer.from('lrs:wrong').toString('base64')}` }, '/xapi/statements');
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toContain('Basic realm="xAPI"');
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 0, distinct: 0 });
  });

  it('answers GET /xapi/about without key nor version header, with the versions it speaks', async () => {
    const res = await fetch(`${t.baseUrl}/xapi/about`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-experience-api-version')).toBe('1.0.3');
    expect(await res.json()).toEqual({ version: ['1.0.3', '1.0.2', '1.0.1', '1.0.0'] });
  });

  it('accepts a 1.0 version header as 1.0.x and answers 1.0.3', async () => {
    const r = await post(t, JSON.stringify(statement()), { 'x-experience-api-version': '1.0' }, '/xapi/statements');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-experience-api-version')).toBe('1.0.3');
  });

  it('refuses a request holding the same statement id twice with 400, storing nothing', async () => {
    const a = statement();
    const r = await post(t, JSON.stringify([a, statement(), { ...statement(), id: (a.id as string).toUpperCase() }]), XAPI, '/xapi/statements');
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual({ status: 400, reason: 'duplicate_statement_id', message: 'statement 2: its id is already the id of statement 0 of this request' });
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 0, distinct: 0 });
  });

  it('accepts a stored statement sent again with the same content once, keys in another order', async () => {
    const s = statement();
    const reordered = Object.fromEntries(Object.entries(s).reverse());
    expect((await post(t, JSON.stringify(s), XAPI, '/xapi/statements')).status).toBe(200);
    const again = await post(t, JSON.stringify([reordered, statement()]), XAPI, '/xapi/statements');
    expect(again.status).toBe(200);
    expect(again.body[0]).toBe(s.id);
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 2, distinct: 2 });
  });

  it('refuses with 409 a stored statement id sent again with other content, storing nothing of the request', async () => {
    const s = statement();
    expect((await post(t, JSON.stringify(s), XAPI, '/xapi/statements')).status).toBe(200);
    const other = { ...s, result: { completion: true } };
    const r = await post(t, JSON.stringify([statement(), other]), XAPI, '/xapi/statements');
    expect(r.status).toBe(409);
    expect(r.body.error).toEqual({ status: 409, reason: 'conflicting_statement', message: 'statement 1: a different statement with this id is already stored' });
    const put = await post(t, JSON.stringify({ ...other, id: undefined }), XAPI, `/xapi/statements?statementId=${s.id as string}`, 'PUT');
    expect(put.status).toBe(409);
    expect(await countEvents(t.clickhouse)).toEqual({ rows: 1, distinct: 1 });
  });

  it('accepts a context activity sent as one object, as xAPI allows, and maps its service', async () => {
    const s = statement({
      object: { id: 'https://ent.example.org/portail' },
      context: { contextActivities: { category: { id: `${XAPI_SERVICE_PREFIX}notes` } }, extensions: { [XAPI_EXTENSIONS.uai]: '0700035H', [XAPI_EXTENSIONS.profile]: 'eleve' } },
    });
    const r = await post(t, JSON.stringify(s), XAPI, '/xapi/statements');
    expect(r.status).toBe(200);
    expect(await t.clickhouse.query('SELECT service FROM events')).toEqual([{ service: 'notes' }]);
  });

  it('reads a basic-format timestamp with an hours-only offset as the instant it names', async () => {
    const at = new Date(Date.now() - 3 * 3600_000);
    at.setUTCMilliseconds(0);
    const local = new Date(at.getTime() + 2 * 3600_000).toISOString().replace(/[-:]/g, '').replace('.000Z', '');
    const r = await post(t, JSON.stringify(statement({ timestamp: `${local}+02` })), XAPI, '/xapi/statements');
    expect(r.status).toBe(200);
    const [row] = await t.clickhouse.query<{ at: string }>("SELECT formatDateTime(occurred_at, '%Y-%m-%dT%H:%i:%S', 'UTC') AS at FROM events");
    expect(row.at).toBe(at.toISOString().slice(0, 19));
  });

  it('sends X-Experience-API-Version on a 401 too', async () => {
    const r = await post(t, JSON.stringify(statement()), { ...XAPI, authorization: 'Bearer nope' }, '/xapi/statements');
    expect(r.status).toBe(401);
    expect(r.headers.get('x-experience-api-version')).toBe('1.0.3');
  });

  it('refuses a PUT whose statement id differs from statementId', async () => {
    const r = await post(t, JSON.stringify(statement()), XAPI, `/xapi/statements?statementId=${randomUUID()}`, 'PUT');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('the statement id differs from the statementId parameter');
  });
});
