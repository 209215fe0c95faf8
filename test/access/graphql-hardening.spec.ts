import { GRAPHQL_LIMITS } from '../../api/src/graphql/graphql-hardening';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

async function post(t: TestApp, body: unknown) {
  const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}

/** `territoryTree { children { … } }` nested so that the operation has the given depth. */
function deepQuery(depth: number): string {
  let inner = 'code';
  for (let d = 2; d < depth; d++) inner = `children { ${inner} }`;
  return `{ territoryTree { ${inner} } }`;
}

describe('GraphQL limits reject before any resolver or ClickHouse query runs', () => {
  let t: TestApp;
  let prod: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    prod = await startTestApp({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await t?.close();
    await prod?.close();
  });

  async function rejected(app: TestApp, body: unknown) {
    const before = app.clickhouse.callCount;
    const r = await post(app, body);
    expect(app.clickhouse.callCount).toBe(before);
    expect(r.status).toBe(400);
    return r.body.errors?.[0];
  }

  it(`refuses a query deeper than ${GRAPHQL_LIMITS.maxDepth}`, async () => {
    const error = await rejected(t, { query: deepQuery(GRAPHQL_LIMITS.maxDepth + 1) });
    expect(error?.message).toBe(`Syntax Error: Query depth limit of ${GRAPHQL_LIMITS.maxDepth} exceeded, found ${GRAPHQL_LIMITS.maxDepth + 1}.`);
    // At the limit the query is valid (it is then refused by access control, not by the depth rule).
    const atLimit = await post(t, { query: deepQuery(GRAPHQL_LIMITS.maxDepth) });
    expect(atLimit.body.errors?.[0].extensions?.code).not.toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it(`refuses more than ${GRAPHQL_LIMITS.maxAliases} aliases`, async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: system { ready }`).join(' ')} }`;
    const error = await rejected(t, { query: aliases(GRAPHQL_LIMITS.maxAliases + 1) });
    expect(error?.message).toBe(`Syntax Error: Aliases limit of ${GRAPHQL_LIMITS.maxAliases} exceeded, found ${GRAPHQL_LIMITS.maxAliases + 1}.`);
  });

  it(`refuses a query costing more than ${GRAPHQL_LIMITS.maxCost}`, async () => {
    let node = 'code name level';
    for (let d = 0; d < 6; d++) node = `code name level children { ${node} }`;
    const query = `{ ${Array.from({ length: GRAPHQL_LIMITS.maxAliases }, (_, i) => `t${i}: territoryTree { ${node} }`).join(' ')} }`;
    const error = await rejected(t, { query });
    const found = Number(/^Syntax Error: Query Cost limit of 1000 exceeded, found ([\d.]+)\.$/.exec(error?.message ?? '')?.[1]);
    expect(found).toBeGreaterThan(GRAPHQL_LIMITS.maxCost);
  });

  it(`refuses more than ${GRAPHQL_LIMITS.maxTokens} tokens with a 400`, async () => {
    const error = await rejected(t, { query: `{ ${'__typename '.repeat(GRAPHQL_LIMITS.maxTokens)} }` });
    // (graphql-js words it "more that")
    expect(error?.message).toMatch(new RegExp(`^Syntax Error: Document contains more tha[nt] ${GRAPHQL_LIMITS.maxTokens} tokens\\. Parsing aborted\\.$`));
  });

  it(`refuses a page larger than ${GRAPHQL_LIMITS.maxPageSize}, written in the query or passed as a variable`, async () => {
    const literal = await rejected(t, { query: '{ auditLog(first: 101) { id } }' });
    expect(literal).toMatchObject({ message: 'first must be at most 100 (got 101)', extensions: { code: 'BAD_USER_INPUT' } });
    const variable = await rejected(t, { query: 'query($n: Int!) { auditLog(first: $n) { id } }', variables: { n: 500 } });
    expect(variable?.message).toBe('first must be at most 100 (got 500)');
  });

  it('refuses batched requests', async () => {
    const error = await rejected(t, [{ query: '{ system { ready } }' }, { query: '{ system { ready } }' }]);
    expect(error?.message).toBe('Operation batching disabled.');
  });

  it('in production: no introspection and no field suggestions', async () => {
    const introspection = await rejected(prod, { query: '{ __schema { types { name } } }' });
    expect(introspection?.message).toMatch(/^GraphQL introspection is not allowed/);
    const typo = await rejected(prod, { query: '{ sytem { ready } }' });
    expect(typo?.message).toBe('Cannot query field "sytem" on type "Query".');
    // In development both help the developer.
    expect((await post(t, { query: '{ sytem { ready } }' })).body.errors?.[0].message).toContain('Did you mean "system"?');
  });

  const ADOPTION_LITERAL = '{ adoption(query: { territory: { level: departemen, code: "70" }, from: "2026-09-01", to: "2026-11-22", indicators: [visitor] }) { from } }';
  const ADOPTION_VARIABLE = 'query($i: [Indicator!]!) { adoption(query: { territory: { level: departement, code: "70" }, from: "2026-09-01", to: "2026-11-22", indicators: $i }) { from } }';

  it('in production: no suggestion of enum values, arguments or types, whether written in the query or passed as variables', async () => {
    const literal = await rejected(prod, { query: ADOPTION_LITERAL });
    expect(literal?.message).toBe('Value "departemen" does not exist in "AnalyticsLevel" enum.');
    const variable = await post(prod, { query: ADOPTION_VARIABLE, variables: { i: ['visitor'] } });
    expect(variable.status).toBe(400);
    expect(variable.body.errors?.[0].message).toBe('Variable "$i" got invalid value "visitor" at "i[0]"; Value "visitor" does not exist in "Indicator" enum.');
    const argument = await rejected(prod, { query: '{ territoryTree(rot: { level: "departement", code: "70" }) { code } }' });
    expect(argument?.message).toBe('Unknown argument "rot" on field "Query.territoryTree".');
    const type = await rejected(prod, { query: 'query($i: [Indicatr!]!) { system { ready } }' });
    expect(type?.message).toBe('Unknown type "Indicatr".');
    for (const e of [literal, variable.body.errors?.[0], argument, type]) expect(e?.message).not.toMatch(/Did you mean|Suggestion/);
    // In development they help the developer.
    expect((await post(t, { query: ADOPTION_LITERAL })).body.errors?.[0].message).toContain('Did you mean the enum value "departement"?');
    expect((await post(t, { query: ADOPTION_VARIABLE, variables: { i: ['visitor'] } })).body.errors?.[0].message).toContain('Did you mean the enum value "visitors" or "visits"?');
  });
});
