import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XAPI_EXTENSIONS } from '@ent/ingest';
import { post, startIngestTestApp, type IngestTestApp } from './support/ingest-test-app';

// Every statement case of the ADL LRS conformance suite (xAPI 1.0.3), sent one per request to the
// real POST /xapi/statements. Fixtures and their format: xapi-conformance/README.md.
jest.setTimeout(600_000);

type Json = unknown;
interface ConformanceCase {
  suite: string;
  requirement?: string;
  name: string;
  expect: 'refused' | 'accepted';
  build: [string, Json][];
}

const DIR = join(__dirname, 'xapi-conformance');
const FRAGMENTS = JSON.parse(readFileSync(join(DIR, 'fragments.json'), 'utf8')) as Record<string, Json>;
const CASES = readFileSync(join(DIR, 'cases.ndjson'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as ConformanceCase);

/** Goal of the brief: at least this share of the invalid cases refused as invalid xAPI. */
const MIN_REFUSED_SHARE = 0.99;
/** Reasons by which the product refuses a valid statement on purpose (ingest/README.md, xAPI section). */
const MAPPING_REASONS = new Set(['unmapped_statement', 'too_old', 'future_date']);

/** Requests in flight: the writer batches the accepted ones together, as it does for real senders. */
const CONCURRENCY = 32;

async function inParallel<T, R>(items: readonly T[], concurrency: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

const isPlain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Deep merge of `source` into `target`, arrays index by index (how the suite composes its templates). */
function merge(target: Record<string, unknown> | unknown[], source: Record<string, unknown> | unknown[]): void {
  for (const [k, value] of Object.entries(source)) {
    const t = target as Record<string, unknown>;
    if (isPlain(value) || Array.isArray(value)) {
      const current = t[k];
      const into = Array.isArray(value) ? (Array.isArray(current) ? current : []) : isPlain(current) ? current : {};
      merge(into, value);
      t[k] = into;
    } else if (value !== undefined) {
      t[k] = value;
    }
  }
}

/** `[["statement", "@statements/result"], ["result", "@results/default"], ["success", "true"]]` → the statement. */
export function buildStatement(chain: [string, Json][]): Json {
  const values = chain.map(([key, v]) => {
    const value = typeof v === 'string' && v.startsWith('@') ? FRAGMENTS[v.slice(1)] : v;
    if (value === undefined) throw new Error(`unknown fragment ${String(v)}`);
    return [key, structuredClone(value)] as [string, Json];
  });
  for (let i = values.length - 1; i > 0; i--) {
    if (!isPlain(values[i - 1][1]) && !Array.isArray(values[i - 1][1])) values[i - 1][1] = {};
    merge(values[i - 1][1] as Record<string, unknown>, { [values[i][0]]: values[i][1] });
  }
  return values[0][1];
}

/**
 * The product's own mapping requirements (an establishment, a profile, a service) as context
 * extensions, wherever the statement's context can carry them; nothing else is changed.
 */
function withObservatoryExtensions(statement: Json): Json {
  if (!isPlain(statement)) return statement;
  if (statement.context === undefined) statement.context = {};
  const context = statement.context;
  if (!isPlain(context)) return statement;
  if (context.extensions === undefined) context.extensions = {};
  if (!isPlain(context.extensions)) return statement;
  Object.assign(context.extensions, { [XAPI_EXTENSIONS.uai]: '0700035H', [XAPI_EXTENSIONS.profile]: 'eleve', [XAPI_EXTENSIONS.service]: 'cahier_textes' });
  return statement;
}

describe('xAPI conformance suite statements against POST /xapi/statements', () => {
  let t: IngestTestApp;
  beforeAll(async () => {
    // Hundreds of requests a second from one key: the per-key rate limit (429) is not under test here.
    t = await startIngestTestApp({ env: { INGEST_RATE_LIMIT_PER_SECOND: '100000' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it(`refuses at least ${MIN_REFUSED_SHARE * 100} % of the invalid statements as invalid xAPI and accepts every valid one but the documented mapping requirements`, async () => {
    const invalidAccepted: string[] = [];
    const invalidRefusedOtherwise: string[] = [];
    const validRefused: string[] = [];
    const mappingExceptions: string[] = [];
    let invalid = 0;
    let refused = 0;
    let valid = 0;
    let accepted = 0;
    const answers = await inParallel(CASES, CONCURRENCY, (c) =>
      post(t, JSON.stringify(withObservatoryExtensions(buildStatement(c.build))), { 'x-experience-api-version': '1.0.3' }, '/xapi/statements'),
    );
    CASES.forEach((c, i) => {
      const r = answers[i];
      // A 429 or 5xx says nothing of the statement: the run is void, not a conformance figure.
      if (r.status === 429 || r.status >= 500) throw new Error(`${c.name}: answered ${r.status} ${JSON.stringify(r.body)}`);
      const label = `${c.suite} ${c.requirement ?? ''} ${c.name} → ${r.status} ${r.body?.error?.reason ?? ''} ${r.body?.error?.message ?? ''}`;
      if (c.expect === 'refused') {
        invalid++;
        // Refused by the xAPI validation itself, not later by the product's mapping or contract.
        if (r.status === 400 && r.body?.error?.reason === 'invalid_statement' && r.body.error.rejections === undefined) refused++;
        else if (r.status === 200) invalidAccepted.push(label);
        else invalidRefusedOtherwise.push(label);
      } else {
        valid++;
        if (r.status === 200) accepted++;
        else if (r.status === 400 && MAPPING_REASONS.has(r.body?.error?.reason)) mappingExceptions.push(label);
        else validRefused.push(label);
      }
    });
    const figures = { invalid, refused, invalidAccepted: invalidAccepted.length, invalidRefusedOtherwise: invalidRefusedOtherwise.length, valid, accepted, mappingExceptions: mappingExceptions.length, validRefused: validRefused.length };
    console.log(`xAPI conformance: ${JSON.stringify(figures)}\n${[...invalidAccepted, ...invalidRefusedOtherwise, ...validRefused, ...mappingExceptions].join('\n')}`);
    expect(refused / invalid).toBeGreaterThanOrEqual(MIN_REFUSED_SHARE);
    expect(validRefused).toEqual([]);
    expect(accepted + mappingExceptions.length).toBe(valid);
    // Measured on this fixture set; a change in either direction is worth a look.
    expect(figures).toEqual({ invalid: 595, refused: 595, invalidAccepted: 0, invalidRefusedOtherwise: 0, valid: 342, accepted: 337, mappingExceptions: 5, validRefused: 0 });
    // The valid statements the product refuses on purpose, each for a documented requirement.
    expect(mappingExceptions.map((l) => l.replace(/ statement 0: .*$/, ''))).toEqual([
      'timestamp_property XAPI-00022 statement "template" future date → 400 future_date',
      'verify  should pass statement template → 400 too_old',
      'verify  statement actor does not require functional identifier → 400 unmapped_statement',
      'voiding XAPI-00019 statement verb voided IRI ends with "voided" (WARNING: this applies "Upon receiving a Statement that voids another, the LRS SHOULD NOT* reject the request on the grounds of the Object of that voiding Statement not being present") → 400 unmapped_statement',
      'voiding XAPI-00017 XAPI-00020 statement verb voided uses substatement with "StatementRef" → 400 unmapped_statement',
    ]);
  });
});
