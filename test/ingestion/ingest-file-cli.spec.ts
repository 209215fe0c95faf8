import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';
import { freePort, startProduct, stopProduct, waitUntilReady } from '../support/product-process';
import { countStoredEvents, runTs } from '../reliability/support/reliability-helpers';

jest.setTimeout(240_000);

const INGEST = 'api/src/ingestion/cli/ingest-file.cli.ts';

function csvEvents(count: number, badLine: number): string {
  const rows = Array.from({ length: count }, (_, i) => ({
    event_id: randomUUID(),
    occurred_at: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
    uai: i === badLine ? '0700035A' : '0430002U',
    profile: 'enseignant',
    user_id: `prof-${i % 40}`,
    family_id: '',
    session_id: `s-${i % 200}`,
    service: 'notes',
    service_label: 'Pronote',
    action: 'access',
    device: 'ordinateur',
  }));
  return stringify(rows, { header: true });
}

describe('npm run ingest -- <file>', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-ingest-cli-'));
  const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-noweb-'));
  // `npm run keys` goes through the running product as its administrator: one who may act (no one-time password).
  const env = { DATA_DIR: dataDir, WEB_DIST: webDist, DEMO: '0', LOG_LEVEL: 'warn', ADMIN_PASSWORD: 'a long enough admin password 1' };
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  it('imports a gzipped CSV on its own when no product runs, and counts nothing twice when run again', async () => {
    const file = path.join(dataDir, 'export.csv.gz');
    fs.writeFileSync(file, gzipSync(csvEvents(3000, 41)));
    const first = await runTs(INGEST, [file], env);
    expect(first.stdout).toContain(`No product running on ${dataDir}: opening the stores in this process.`);
    expect(first.stdout).toContain('3000 events read');
    expect(first.stdout).toContain('accepted: 2999 (of which already stored, counted once: 0)');
    expect(first.stdout).toContain('rejected: 1 — invalid_uai: 1');
    expect(first.stdout).toContain('line 43: uai: the key letter of 0700035 is H, not A (invalid_uai)');
    const second = await runTs(INGEST, [file, '--chunk', '700'], env);
    expect(second.stdout).toContain('accepted: 2999 (of which already stored, counted once: 2999)');
    expect(await countStoredEvents(env)).toEqual({ rows: 2999, distinct: 2999 });
  });

  it('goes through the running product with a temporary key, and says so', async () => {
    const file = path.join(dataDir, 'export.ndjson');
    const lines = Array.from({ length: 1200 }, (_, i) =>
      JSON.stringify({ event_id: randomUUID(), occurred_at: new Date(Date.now() - i * 1000).toISOString(), uai: '0700035H', profile: 'eleve', user_id: `RAWID-el-${i % 90}`, family_id: `RAWID-foyer-${i % 50}`, service: 'cahier_textes', action: 'access' }),
    );
    lines.splice(10, 0, '{"event_id": oops, "user_id": "RAWID-broken"}');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    // Verbose logs: even at trace level no raw identifier may appear in them.
    const product = startProduct({ ...env, LOG_LEVEL: 'trace' }, await freePort());
    try {
      await waitUntilReady(product);
      const out = await runTs(INGEST, [file, '--source', 'export-lycee'], env);
      expect(out.stdout).toContain(`The product is running (pid ${product.child.pid}): sending through its API at http://127.0.0.1:${product.port}.`);
      expect(out.stdout).toContain('No --key given: using a temporary key of source export-lycee, revoked at the end.');
      expect(out.stdout).toContain('accepted: 1200 (of which already stored, counted once: 0)');
      expect(out.stdout).toMatch(/line 11: this line is not valid JSON \(syntax error[^)]*\) \(malformed_json\)/);
      const keys = await runTs('api/src/ingestion/cli/ingest-keys.cli.ts', ['list'], env);
      expect(keys.stdout).toMatch(/export-lycee\s+created \S+\s+REVOKED/);
      expect(out.stdout + out.stderr).not.toContain('RAWID');
    } finally {
      expect(await stopProduct(product)).toBe(0);
    }
    expect(product.output()).toContain('POST'); // the requests were logged…
    expect(product.output() + product.stderr()).not.toContain('RAWID'); // …without their identifiers
    expect(await countStoredEvents(env)).toEqual({ rows: 4199, distinct: 4199 });
  });

  it('says what is wrong with a file it cannot read, without a stack trace', async () => {
    const missing = await runTs(INGEST, [path.join(dataDir, 'nope.ndjson')], env).catch((e: { stderr: string; code: number }) => e);
    expect(missing).toMatchObject({ code: 1, stderr: `${path.join(dataDir, 'nope.ndjson')}: no such file\n` });
    const unknown = await runTs(INGEST, [path.join(dataDir, 'events.xml')], env).catch((e: { stderr: string; code: number }) => e);
    expect(unknown).toMatchObject({ code: 1 });
    expect((unknown as { stderr: string }).stderr).toMatch(/unknown format \(expected \.ndjson, \.jsonl, \.json or \.csv, optionally \.gz\)\n$/);
  });
});
